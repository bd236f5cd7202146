package planner

import (
	"math"
	"slices"
)

// The integer knapsack bound. lagrange bounds a node by the linear
// relaxation of the multiple-choice knapsack at the item values v_j: the
// greedy fills the capacity exactly, taking part of one item. When the
// items are long next to the time left, or when every group is nearly
// covered and what remains is which bonuses fit, that part is the whole
// gap between the bound and the best routine, and the search must close
// it node by node. The integer knapsack at the same values,
//
//	max Σ_j v_j x_j   x binary, at most one item per family, Σ_j d_j x_j ≤ capacity,
//
// is as valid a Lagrangian bound and never larger. It is solved exactly
// from the LP solution: with ρ the greedy's critical slope and π_F the
// family duals, a selection's value is the LP bound less its loss
//
//	Σ_F (π_F − v_{j_F} + ρ·d_{j_F}) + ρ·(capacity − Σ_F d_{j_F})
//
// (each term ≥ 0: a family's choice against its best at slope ρ, "none"
// counting as v = d = 0, and the time left unused). Rounding the LP
// solution down and improving it greedily gives a selection; a better
// one loses less than that selection does, so in each family only the
// choices whose own loss is below that shortfall can appear, and a
// depth-first search over the few families with more than one such
// choice finds the optimum.
//
// The search uses the integer bound where it can prune: at a node whose
// LP bound is above the incumbent, when the greedy selection does not
// already beat it (then the integer optimum does too, and nothing is
// pruned). In the column generation the integer optimum is also the
// column, so the master converges towards the integer knapsack's
// (tighter) Lagrangian dual. Over the batch benchmark's 468 profiles the
// search visits a third of the nodes it did with the LP bound alone.

// mckpBudget caps the nodes of one integer knapsack search; past it the
// LP bound stands. Searches that need more are rare on the catalog and
// cost more than the nodes they save on large synthetic catalogs.
const mckpBudget = 200

// mckpOpt is one choice for a family: an item (-1 for none), its
// seconds and its loss.
type mckpOpt struct {
	item int32
	d    int
	loss float64
}

// mckpFam is a family with more than one choice worth trying.
type mckpFam struct {
	n          int       // choices
	opts       []mckpOpt // by loss
	minD, maxD int
	minGain    float64 // min over opts of loss − ρ·d
}

// mckpScratch is the memory of mckpInt, reused from call to call.
type mckpScratch struct {
	round, fixed []int32
	famAt        []int32 // per family: position in round, -1 if none
	opts         []mckpOpt
	fams         []mckpFam
	sufMin       []int
	sufMax       []int
	sufGain      []float64
	pick, best   []int32
	bestLoss     float64
	rho          float64
	capT, nodes  int
}

// mckpInt solves the integer multiple-choice knapsack over cand at the
// values s.v that the last lagrange over cand left, from its solution
// s.xsol (which lagrange fills when given a column), its slope rho and
// its LP value ub (without the constant part). It returns the optimum
// and leaves its items in s.xsol, and reports false, leaving s.xsol as it
// was, when a selection found on the way is worth more than thr (the
// optimum cannot then fall to thr) or when the search would visit more
// than mckpBudget nodes.
func (s *solver) mckpInt(cand []int32, capT int, rho, ub, thr float64) (float64, bool) {
	sc := &s.mk
	// The LP solution rounded down: its whole items, and of the one
	// family it takes in part the shorter item (or none).
	round := sc.round[:0]
	v0 := 0.0
	var part [2]xent
	np := 0
	for _, e := range s.xsol {
		switch {
		case e.x >= 1-1e-12:
			round = append(round, e.item)
			v0 += s.v[e.item]
		case np < 2:
			part[np] = e
			np++
		}
	}
	if np == 2 {
		j := part[0].item
		if s.items[part[1].item].d < s.items[j].d {
			j = part[1].item
		}
		round = append(round, j)
		v0 += s.v[j]
	}
	sc.round = round
	if v0 > thr {
		return 0, false
	}
	if np == 0 || ub-v0 <= 1e-12 {
		return s.mckpResult(round), true // the LP solution is whole
	}
	v0 = s.mckpImprove(cand, capT, v0)
	round = sc.round
	if v0 > thr {
		return 0, false
	}
	delta := ub - v0

	// Each family's choices whose loss is below delta; a family with one
	// such choice has it in every better selection.
	opts, fixed := sc.opts[:0], sc.fixed[:0]
	fams := sc.fams[:0]
	fixedD, fixedLoss := 0, 0.0
	for i := 0; i < len(cand); {
		f := s.items[cand[i]].fam
		start := len(opts)
		pf := s.pi[f]
		if pf < delta {
			opts = append(opts, mckpOpt{item: -1, loss: pf})
		}
		for ; i < len(cand) && s.items[cand[i]].fam == f; i++ {
			j := cand[i]
			if s.v[j] <= 0 || s.items[j].d > capT {
				continue
			}
			if l := pf - (s.v[j] - timeValue(rho, s.items[j].d)); l < delta {
				opts = append(opts, mckpOpt{item: j, d: s.items[j].d, loss: max(0, l)})
			}
		}
		switch len(opts) - start {
		case 0:
			// Its best choice has loss 0; only rounding can lose it, and
			// then the LP bound stands.
			return 0, false
		case 1:
			o := opts[start]
			opts = opts[:start]
			fixedD += o.d
			fixedLoss += o.loss
			if o.item >= 0 {
				fixed = append(fixed, o.item)
			}
		default:
			fams = append(fams, mckpFam{n: len(opts) - start})
		}
	}
	sc.opts, sc.fixed = opts, fixed
	n := len(fams)
	// The families' choices lie one after another in opts, which is done
	// growing now.
	k := 0
	for i := range fams {
		fams[i].opts = opts[k : k+fams[i].n]
		k += fams[i].n
	}
	for i := range fams {
		o := fams[i].opts
		slices.SortFunc(o, func(a, b mckpOpt) int {
			if a.loss != b.loss {
				if a.loss < b.loss {
					return -1
				}
				return 1
			}
			return int(a.item - b.item)
		})
		fams[i].minD, fams[i].maxD, fams[i].minGain = math.MaxInt, 0, math.Inf(1)
		for _, x := range o {
			fams[i].minD = min(fams[i].minD, x.d)
			fams[i].maxD = max(fams[i].maxD, x.d)
			fams[i].minGain = min(fams[i].minGain, x.loss-timeValue(rho, x.d))
		}
	}
	sc.fams = fams
	sc.sufMin, sc.sufMax, sc.sufGain = growInts(sc.sufMin, n+1), growInts(sc.sufMax, n+1), grow(sc.sufGain, n+1)
	sc.sufMin[n], sc.sufMax[n], sc.sufGain[n] = 0, 0, 0
	for i := n - 1; i >= 0; i-- {
		sc.sufMin[i] = sc.sufMin[i+1] + fams[i].minD
		sc.sufMax[i] = sc.sufMax[i+1] + fams[i].maxD
		sc.sufGain[i] = sc.sufGain[i+1] + fams[i].minGain
	}
	sc.pick, sc.best = growInt32s(sc.pick, n), growInt32s(sc.best, n)
	sc.bestLoss, sc.rho, sc.capT, sc.nodes = delta, rho, capT, 0
	found := false
	if fixedD+sc.sufMin[0] <= capT {
		var ok bool
		if found, ok = s.mckpSearch(0, fixedD, fixedLoss); !ok {
			return 0, false
		}
	}
	if !found {
		return s.mckpResult(round), true
	}
	sel := append(sc.round[:0], fixed...)
	for _, j := range sc.best[:n] {
		if j >= 0 {
			sel = append(sel, j)
		}
	}
	sc.round = sel
	return s.mckpResult(sel), true
}

// mckpResult puts the selection sel in s.xsol and returns its value.
func (s *solver) mckpResult(sel []int32) float64 {
	s.xsol = s.xsol[:0]
	v := 0.0
	for _, j := range sel {
		s.xsol = append(s.xsol, xent{j, 1})
		v += s.v[j]
	}
	return v
}

// mckpImprove improves the selection in s.mk.round, worth v, a few times
// by the single move that gains most and fits: a family's item for a
// better one, or a family's item added. It returns the new value.
func (s *solver) mckpImprove(cand []int32, capT int, v float64) float64 {
	sc := &s.mk
	if len(sc.famAt) < s.nFam {
		sc.famAt = make([]int32, s.nFam)
		for f := range sc.famAt {
			sc.famAt[f] = -1
		}
	}
	at, sel := sc.famAt, sc.round
	t := 0
	for q, j := range sel {
		t += s.items[j].d
		at[s.items[j].fam] = int32(q)
	}
	for range 4 {
		bestG, bestJ, bestQ := 1e-12, int32(-1), int32(-1)
		for i := 0; i < len(cand); {
			f := s.items[cand[i]].fam
			q, cd, cv := at[f], 0, 0.0
			if q >= 0 {
				cd, cv = s.items[sel[q]].d, s.v[sel[q]]
			}
			for ; i < len(cand) && s.items[cand[i]].fam == f; i++ {
				j := cand[i]
				if g := s.v[j] - cv; g > bestG && t-cd+s.items[j].d <= capT {
					bestG, bestJ, bestQ = g, j, q
				}
			}
		}
		if bestJ < 0 {
			break
		}
		if bestQ >= 0 {
			t -= s.items[sel[bestQ]].d
			sel[bestQ] = bestJ
		} else {
			at[s.items[bestJ].fam] = int32(len(sel))
			sel = append(sel, bestJ)
		}
		t += s.items[bestJ].d
		v += bestG
	}
	for _, j := range sel {
		at[s.items[j].fam] = -1
	}
	sc.round = sel
	return v
}

// mckpSearch tries the choices of family i onwards, t seconds and loss
// already spent. It reports whether it found a selection losing less than
// the best so far, and false in ok when the node budget ran out.
func (s *solver) mckpSearch(i, t int, loss float64) (found, ok bool) {
	sc := &s.mk
	if sc.nodes++; sc.nodes > mckpBudget {
		return false, false
	}
	if i == len(sc.fams) {
		if total := loss + timeValue(sc.rho, sc.capT-t); total < sc.bestLoss-1e-12 {
			sc.bestLoss = total
			copy(sc.best, sc.pick)
			return true, true
		}
		return false, true
	}
	for _, o := range sc.fams[i].opts {
		l := loss + o.loss
		if l >= sc.bestLoss-1e-12 {
			break // the choices are sorted by loss
		}
		nt := t + o.d
		if nt+sc.sufMin[i+1] > sc.capT {
			continue
		}
		// What the remaining families can still save: all the time they
		// can take, or their best loss against time, whichever is less.
		if l+timeValue(sc.rho, max(0, sc.capT-nt-sc.sufMax[i+1])) >= sc.bestLoss-1e-12 ||
			l+timeValue(sc.rho, sc.capT-nt)+sc.sufGain[i+1] >= sc.bestLoss-1e-12 {
			continue
		}
		sc.pick[i] = o.item
		f, ok := s.mckpSearch(i+1, nt, l)
		if !ok {
			return false, false
		}
		found = found || f
	}
	return found, true
}

// intPrunes reports whether the integer knapsack bound at the values of
// the last lagrange over cand, whose result is out (it must have been
// given a column, so that s.xsol holds its solution), is at most the
// incumbent.
func (s *solver) intPrunes(cand []int32, capT int, out lagOut) bool {
	if !s.haveInc {
		return false
	}
	thr := s.incVal + s.slack - out.cst
	v, ok := s.mckpInt(cand, capT, out.rho, out.ub-out.cst, thr)
	return ok && v <= thr
}

// colScratch is a column for lagrange to fill when the caller wants its
// knapsack solution in s.xsol.
func (s *solver) colScratch() []float64 {
	if len(s.colBuf) < s.G {
		s.colBuf = make([]float64, s.G)
	}
	return s.colBuf
}

func growInt32s(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
