package planner

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// Orders. With a warm-up first and a relaxation last, the path's cost
// depends on which places hold those roles, and the cheapest free path
// (any place first) can be far below the path the routine must take —
// a warm-up on the floor and a relaxation standing mean getting down
// and back up. So the search is split by the pair (f, l): the first
// place f, which must hold a chosen warm-up, and the last place l, which
// must hold a chosen relaxation. Within one pair the path cost
// pc(X) = cheapest path start → f → … → l through X ∪ {f, l} never
// falls when a place is added (triangle inequality), so the bounds of
// lagrange and placeBound hold, and the role constraints sharpen to "a
// warm-up at f" and "a relaxation at l". Every feasible routine belongs
// to the pair of its own first and last place, so the best over all
// pairs is the optimum. Pairs are solved best bound first; a pair whose
// bound cannot beat the incumbent is skipped whole. (A long routine may
// be searched once instead, with the free path: see searchFree.)

// pathTables hold Held–Karp tables over the sets of places, one for
// any first place and one per first place f, each filled on demand.
type pathTables struct {
	free    *hkTable   // any first place
	byFirst []*hkTable // per first place f, nil until a pair needs it
}

// maxTablePlaces caps the places for which tables are kept: 2^P·P
// entries each. Above it, path costs come from the memoised per-set
// programme in paths.
const maxTablePlaces = 12

// hkTable is a Held–Karp table filled on demand: at(X, v) is the
// cheapest path from the start through exactly the places X, first in
// firsts and last at v,
//
//	at({v}, v) = t[start][v] when v ∈ firsts
//	at(X, v)   = min_{u ∈ X∖v} at(X∖v, u) + t[u][v]
//
// A search asks only for sets near its own selections, so filling the
// entries it reaches, each once, costs a fraction of the full table's
// 2^P·P² steps, and the values are those of the full table.
type hkTable struct {
	t      [][]int
	start  int
	P      int
	firsts uint32
	// Entries hold the cost plus one, so that the zero of a new table
	// means "not computed yet" and a table needs no filling.
	dp   []int32 // X·P+v
	best []int32 // X: min over v ∈ X
}

func newHKTable(t [][]int, start int, firsts uint32) *hkTable {
	P := len(t)
	return &hkTable{t: t, start: start, P: P, firsts: firsts, dp: make([]int32, (1<<P)*P), best: make([]int32, 1<<P)}
}

// at is the cheapest path through exactly X ending at v (v ∈ X), or
// infTime when there is none.
func (h *hkTable) at(X uint32, v int) int32 {
	k := int(X)*h.P + v
	if c := h.dp[k]; c != 0 {
		return c - 1
	}
	c := int32(infTime)
	if rest := X &^ (1 << v); rest == 0 {
		if h.firsts&(1<<v) != 0 {
			c = int32(h.t[h.start][v])
		}
	} else {
		for r := rest; r != 0; r &= r - 1 {
			u := bits.TrailingZeros32(r)
			if p := h.at(rest, u); p < infTime {
				c = min(c, p+int32(h.t[u][v]))
			}
		}
	}
	h.dp[k] = c + 1
	return c
}

// minEnd is the cheapest path through exactly X, ending anywhere; 0 for
// no places.
func (h *hkTable) minEnd(X uint32) int32 {
	if c := h.best[X]; c != 0 {
		return c - 1
	}
	c := int32(0)
	if X != 0 {
		c = infTime
		for r := X; r != 0; r &= r - 1 {
			c = min(c, h.at(X, bits.TrailingZeros32(r)))
		}
	}
	h.best[X] = c + 1
	return c
}

// setOrder makes the search work within the pair (f, l); -1 leaves an
// end free.
func (s *solver) setOrder(f, l int) {
	s.first, s.last = f, l
	s.forced, s.forcedIn = 0, 0
	if f >= 0 {
		s.forced |= 1 << f
	}
	if l >= 0 {
		s.forced |= 1 << l
	}
	if tb := s.tables(); tb != nil && f >= 0 {
		tb.from(f) // pc reads it directly
	}
}

// tables returns the solve's Held–Karp tables, made on first use, or nil
// when there are too many places for them.
func (s *solver) tables() *pathTables {
	P := len(s.paths.t)
	if P > maxTablePlaces {
		return nil
	}
	if s.tab == nil {
		s.tab = &pathTables{free: newHKTable(s.paths.t, s.paths.start, 1<<P-1), byFirst: make([]*hkTable, P)}
	}
	return s.tab
}

// from returns the table of the paths whose first place is f, made on
// first use.
func (tb *pathTables) from(f int) *hkTable {
	if tb.byFirst[f] == nil {
		tb.byFirst[f] = newHKTable(tb.free.t, tb.free.start, 1<<f)
	}
	return tb.byFirst[f]
}

// rolePath is the cheapest path through the places mask whose first
// place is in first and whose last place is in last (-1 when there is
// none): paths.costRoles, from the Held–Karp tables when the places are
// few enough for them. The tables keep every entry they compute for the
// whole solve, where costRoles memoises whole sets and role masks, so
// the heuristics' many different role masks over the same sets reuse
// each other's work.
func (s *solver) rolePath(mask, first, last uint32) int {
	first &= mask
	last &= mask
	if mask == 0 {
		return 0
	}
	tb := s.tables()
	if tb == nil {
		if first == mask && last == mask {
			return s.paths.cost(mask)
		}
		return s.paths.costRoles(mask, first, last)
	}
	c := int32(infTime)
	switch {
	case first == mask && last == mask:
		c = tb.free.minEnd(mask)
	case first == mask:
		for r := last; r != 0; r &= r - 1 {
			c = min(c, tb.free.at(mask, bits.TrailingZeros32(r)))
		}
	default:
		for r := first; r != 0; r &= r - 1 {
			h := tb.from(bits.TrailingZeros32(r))
			if last == mask {
				c = min(c, h.minEnd(mask))
				continue
			}
			for q := last; q != 0; q &= q - 1 {
				c = min(c, h.at(mask, bits.TrailingZeros32(q)))
			}
		}
	}
	if c >= infTime {
		return -1
	}
	return int(c)
}

// pc is the cheapest path through the places x and the pair's places,
// first at f and last at l when they are set; infTime when there is
// none.
func (s *solver) pc(x uint32) int {
	x |= s.forced
	if tb := s.tab; tb != nil {
		switch {
		case s.first < 0 && s.last < 0:
			return int(tb.free.minEnd(x))
		case s.first < 0:
			return int(tb.free.at(x, s.last))
		case s.last < 0:
			return int(tb.byFirst[s.first].minEnd(x))
		default:
			return int(tb.byFirst[s.first].at(x, s.last))
		}
	}
	if s.first < 0 && s.last < 0 {
		return s.paths.cost(x)
	}
	fm, lm := x, x
	if s.first >= 0 {
		fm = 1 << s.first
	}
	if s.last >= 0 {
		lm = 1 << s.last
	}
	if c := s.paths.costRoles(x, fm, lm); c >= 0 {
		return c
	}
	return infTime
}

// reqBits returns the role constraints item it can meet in the current
// pair: a warm-up at the first place, a relaxation at the last, any
// strength item.
func (s *solver) reqBits(it *sitem) uint8 {
	switch it.role {
	case roleWarm:
		if s.first < 0 || it.place == s.first {
			return roleWarm
		}
	case roleRelax:
		if s.last < 0 || it.place == s.last {
			return roleRelax
		}
	case roleStrength:
		return roleStrength
	}
	return 0
}

// needPlaces returns the places forced into the routine that hold no
// chosen item yet.
func (s *solver) needPlaces() uint32 {
	return s.forcedIn &^ s.mask
}

// missing returns the role constraints the selection does not meet yet.
func (s *solver) missing() uint8 {
	var need uint8
	if s.warmFst && (s.first < 0 && s.nWarm == 0 || s.first >= 0 && s.warmCnt[s.first] == 0) {
		need |= roleWarm
	}
	if s.relaxLs && (s.last < 0 && s.nRelax == 0 || s.last >= 0 && s.relaxCnt[s.last] == 0) {
		need |= roleRelax
	}
	if s.needStr && s.nStr == 0 {
		need |= roleStrength
	}
	return need
}

// orderPair is one (first, last) subproblem and its bound.
type orderPair struct {
	f, l int
	ub   float64
	m    mults
}

// searchOrders runs the search over every (first, last) pair, best
// bound first, from the root multipliers m; or, for a long routine with
// many pairs open, one search with the free path (searchFree).
func (s *solver) searchOrders(cand []int32, m *mults) {
	fs, ls := []int{-1}, []int{-1}
	if s.warmFst {
		fs = s.rolePlaces(cand, roleWarm)
	}
	if s.relaxLs {
		ls = s.rolePlaces(cand, roleRelax)
	}
	kRem := s.K - len(s.sel)
	ds := s.scratch(0)
	var pairs []orderPair
	for _, f := range fs {
		for _, l := range ls {
			if f == l && f >= 0 && s.mask&^(1<<f) != 0 {
				continue // one place only, but the includes use others
			}
			s.setOrder(f, l)
			capT := s.B - s.itemTime - s.pc(s.mask)
			if capT < 0 {
				continue
			}
			sub := s.fitting(nil, cand, ds.delta)
			if !s.rolesReachable(sub) && s.missing() != 0 {
				continue
			}
			o := orderPair{f: f, l: l, m: m.clone()}
			o.ub = s.value()
			if len(sub) > 0 {
				out := s.lagrange(sub, capT, kRem, &o.m, nil)
				o.ub = out.ub
				if u, _, ok := s.placeBound(sub, capT, out); ok && u < o.ub {
					o.ub = u
				}
			}
			pairs = append(pairs, o)
		}
	}
	slices.SortStableFunc(pairs, func(a, b orderPair) int { return cmp.Compare(b.ub, a.ub) })

	// A greedy start in every pair that might beat the incumbent, and a
	// local search from each: cheap next to the search, and a good
	// incumbent prunes whole pairs.
	type start struct {
		val float64
		sel []int32
	}
	var starts []start
	for _, o := range pairs {
		if s.haveInc && o.ub <= s.incVal+s.slack {
			break
		}
		s.setOrder(o.f, o.l)
		sub := s.fitting(nil, cand, ds.delta)
		if sel := s.greedy(sub); sel != nil {
			starts = append(starts, start{s.selValue(sel), sel})
		}
	}
	s.setOrder(-1, -1)
	slices.SortStableFunc(starts, func(a, b start) int { return cmp.Compare(b.val, a.val) })
	for _, st := range starts {
		s.localSearch(cand, st.sel)
	}

	if s.searchFree(cand, m, pairs) {
		return
	}
	// Then each pair in order of its bound, skipping those that cannot
	// beat the incumbent. The local searches above usually leave little
	// to find, so most of the work is the proof.
	for k, o := range pairs {
		if s.haveInc && o.ub <= s.incVal+s.slack {
			continue
		}
		s.setOrder(o.f, o.l)
		sub := s.fitting(nil, cand, ds.delta)
		s.search(sub, &o.m, o.ub, 0)
		if s.stopped {
			for _, r := range pairs[k+1:] {
				s.openBound = max(s.openBound, r.ub)
			}
			break
		}
	}
	s.setOrder(-1, -1)
}

// A long routine is searched once, with the free path. When many pairs
// could beat the incumbent and the budget is long, the pairs' searches
// repeat each other: most of their selections belong to several pairs,
// and with the transitions a small part of the time the pairs' bounds are
// barely tighter than the free path's. One search whose bounds charge the
// cheapest free path (never more than any pair's, so they stay valid) and
// whose routines are offered only when they meet the order constraints
// (offer checks the path they must take) then proves the optimum with far
// fewer nodes. On the batch benchmark's 468 profiles the single search
// took less time for every length from 11 minutes up and more for every
// length up to 10 (see docs/planner.md).
const (
	freeSearchPairs  = 4   // pairs that could beat the incumbent, at least
	freeSearchBudget = 660 // seconds, at least
)

// searchFree runs the single search over cand from the multipliers m
// when the budget and the pairs that could beat the incumbent call for
// it (see freeSearchPairs), and reports whether it did.
func (s *solver) searchFree(cand []int32, m *mults, pairs []orderPair) bool {
	if s.B < freeSearchBudget {
		return false
	}
	open, ub := 0, math.Inf(-1)
	for _, o := range pairs {
		if !s.haveInc || o.ub > s.incVal+s.slack {
			open++
			ub = max(ub, o.ub) // every routine belongs to a pair
		}
	}
	if open < freeSearchPairs {
		return false
	}
	s.freeSearched = true
	s.setOrder(-1, -1)
	sub := s.fitting(nil, cand, s.scratch(0).delta)
	start := m.clone()
	s.search(sub, &start, ub, 0)
	return true
}

// selValue is the objective of a selection given by item indices.
func (s *solver) selValue(sel []int32) float64 {
	depth := len(s.sel)
	for _, j := range sel[depth:] {
		s.push(j)
	}
	v := s.value()
	for len(s.sel) > depth {
		s.pop()
	}
	return v
}

// rolePlaces lists the places where a candidate or a chosen item has
// the role.
func (s *solver) rolePlaces(cand []int32, role uint8) []int {
	var mask uint32
	for _, j := range cand {
		if s.items[j].role == role {
			mask |= 1 << s.items[j].place
		}
	}
	for _, j := range s.sel {
		if s.items[j].role == role {
			mask |= 1 << s.items[j].place
		}
	}
	var out []int
	for q := 0; q < len(s.paths.t); q++ {
		if mask&(1<<q) != 0 {
			out = append(out, q)
		}
	}
	return out
}
