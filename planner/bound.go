package planner

import "math/bits"

// The bound. Write r_g = max(0, 1 − c_g) for the coverage still open in
// group g at a node (c_g is what the chosen items already cover) and
// a'_jg = min(a_jg, r_g): coverage beyond saturation is worth nothing,
// so clipping the coefficients is valid for every integer completion and
// tightens the relaxation. For multipliers λ_g ≥ 0 and μ ≥ 0
//
//	Σ_g w_g·min(r_g, Σ_j a'_jg x_j) ≤ Σ_g (w_g − λ_g)⁺·r_g + Σ_g λ_g Σ_j a'_jg x_j
//
// so every completion scores at most
//
//	f(S) + Σ_g (w_g − λ_g)⁺ r_g + μ·k + max { Σ_j v_j x_j : x ∈ X }
//	v_j = b_j + Σ_g λ_g a'_jg − μ
//
// where X is the linear relaxation of the multiple-choice knapsack: at
// most one (fractional) item per family, Σ_j d_j x_j ≤ capacity, and μ
// prices the cap k on the number of items. That inner maximum is solved
// exactly by the greedy over the upper convex hulls of each family
// (Sinha and Zoltners), and the minimum over λ and μ of the bound is the
// linear-programming relaxation. The bound is also written in its dual
// form, ρ·capacity + Σ_F π_F with π_F = max(0, max_{j∈F} v_j − ρ d_j)
// at the critical slope ρ, which is a valid bound for any ρ ≥ 0 and so
// cannot be spoilt by rounding; it also gives each item's bound when
// forced in: UB − π_F(j) + v_j − ρ·(d_j + Δ_j), Δ_j being the extra path
// time of j's place.

// segment is a piece of a family's upper hull: moving from one item (or
// none) to a longer, more valuable one.
type segment struct {
	slope  float64 // dv/dd
	dd     int
	dv     float64
	fam    int32
	to     int32 // item index reached
	from   int32 // item index left, -1 for none
	serial int32 // tie-break: position in the candidate list
}

// before orders segments by slope, ties by serial: the greedy takes
// them in this order.
func (a *segment) before(b *segment) bool {
	if a.slope != b.slope {
		return a.slope > b.slope
	}
	return a.serial < b.serial
}

// mults are the Lagrange multipliers of a node: λ per group, μ for the
// item cap, ν for the roles the selection still lacks (warm-up,
// relaxation, strength), each relaxing Σ_{j of the role} x_j ≥ 1 so
// items of that role gain ν_r and the bound pays ν_r.
//
// nuP does the same per place for the places the search has forced
// into the routine, each of which must hold a chosen item.
type mults struct {
	lam []float64
	mu  float64
	nu  [3]float64
	nuP []float64
}

func (s *solver) newMults() mults {
	return mults{lam: append([]float64(nil), s.w...), nuP: make([]float64, len(s.paths.t))}
}

func (m *mults) copyFrom(o *mults) {
	copy(m.lam, o.lam)
	copy(m.nuP, o.nuP)
	m.mu, m.nu = o.mu, o.nu
}

func (m *mults) clone() mults {
	return mults{lam: append([]float64(nil), m.lam...), mu: m.mu, nu: m.nu, nuP: append([]float64(nil), m.nuP...)}
}

// roleSlot maps a role bit to its ν index, -1 for roles no constraint
// counts.
func roleSlot(role uint8) int {
	switch role {
	case roleWarm:
		return 0
	case roleRelax:
		return 1
	case roleStrength:
		return 2
	}
	return -1
}

// lagOut is the result of one evaluation of the Lagrangian bound.
type lagOut struct {
	ub  float64 // bound on f(S ∪ T) for completions T
	rho float64 // critical slope (knapsack dual)
	cst float64 // the part of ub that does not depend on the items
	// The knapsack solution x as a column, filled when asked:
	// Σ_j b_j x_j, Σ_j x_j and Σ_j x_j per missing role (Σ_j a'_jg x_j
	// goes to the caller's slice).
	bonus, count float64
	roles        [3]float64
}

// lagrange evaluates the bound at node state st for the candidates cand
// (sorted by item index, so families are contiguous), time capacity
// capT, k more items allowed, multipliers m. It leaves v_j in s.v and
// π_F in s.pi for the callers that fix variables, and when col is
// non-nil the knapsack solution's coverage Σ_j a'_jg x_j in col (the
// subgradient with respect to λ_g is col_g − r_g·[λ_g < w_g]).
func (s *solver) lagrange(cand []int32, capT, kRem int, m *mults, col []float64) lagOut {
	r := s.resid
	lam, mu := m.lam, m.mu
	need := s.missing()
	var nu [3]float64
	cst := s.value() + float64(mu*float64(kRem))
	for k := 0; k < 3; k++ {
		if need&(1<<k) != 0 {
			nu[k] = m.nu[k]
			cst -= nu[k]
		}
	}
	needP := s.needPlaces()
	for q := needP; q != 0; q &= q - 1 {
		cst -= m.nuP[bits.TrailingZeros32(q)]
	}
	for g := range r {
		r[g] = 1 - s.cov[g]
		if r[g] < 0 {
			r[g] = 0
		}
		if lam[g] < s.w[g] {
			cst += float64((s.w[g] - lam[g]) * r[g])
		}
	}
	segs := s.segs[:0]
	hull := s.hull
	for i := 0; i < len(cand); {
		f := s.items[cand[i]].fam
		e := i
		hull = hull[:0]
		hull = append(hull, hullPt{d: 0, v: 0, item: -1})
		for ; e < len(cand) && s.items[cand[e]].fam == f; e++ {
			j := cand[e]
			it := &s.items[j]
			v := it.bonus - mu
			if k := roleSlot(s.reqBits(it)); k >= 0 {
				v += nu[k]
			}
			if needP&(1<<it.place) != 0 {
				v += m.nuP[it.place]
			}
			for _, c := range it.cov {
				a := c.a
				if a > r[c.g] {
					a = r[c.g]
				}
				v += float64(lam[c.g] * a)
			}
			s.v[j] = v
			if v <= 0 {
				continue
			}
			last := &hull[len(hull)-1]
			if v <= last.v {
				continue // longer and not more valuable
			}
			p := hullPt{d: it.d, v: v, item: j}
			if it.d == last.d {
				hull = hull[:len(hull)-1]
			}
			for len(hull) >= 2 {
				a, b := hull[len(hull)-2], hull[len(hull)-1]
				// b lies on or below the chord a→p: drop it.
				if (b.v-a.v)*float64(p.d-a.d) <= (p.v-a.v)*float64(b.d-a.d) {
					hull = hull[:len(hull)-1]
					continue
				}
				break
			}
			hull = append(hull, p)
		}
		for h := 1; h < len(hull); h++ {
			dd := hull[h].d - hull[h-1].d
			dv := hull[h].v - hull[h-1].v
			segs = append(segs, segment{slope: dv / float64(dd), dd: dd, dv: dv, fam: int32(f), to: hull[h].item, from: hull[h-1].item, serial: int32(len(segs))})
		}
		i = e
	}
	s.hull = hull

	// Greedy fill in slope order. A heap gives the few best segments
	// without sorting them all: a node's capacity holds only a handful.
	heapify(segs)
	rem := capT
	rho := 0.0
	touched := s.touched[:0]
	for n := len(segs); n > 0; n-- {
		top := segs[0]
		segs[0] = segs[n-1]
		siftDown(segs[:n-1], 0)
		if top.dd <= rem {
			rem -= top.dd
			if top.from < 0 {
				touched = append(touched, top.fam)
			}
			s.famPos[top.fam] = top.to
			continue
		}
		if rem > 0 {
			t := float64(rem) / float64(top.dd)
			s.famFrac[top.fam] = fracPos{to: top.to, t: t}
			if top.from < 0 {
				touched = append(touched, top.fam)
				s.famPos[top.fam] = -2 // only the fractional part
			}
		}
		rho = top.slope
		break
	}
	s.segs = segs[:0]

	// Dual form: ρ·capacity + Σ_F π_F.
	ub := cst + timeValue(rho, capT)
	for i := 0; i < len(cand); {
		f := s.items[cand[i]].fam
		best := 0.0
		for ; i < len(cand) && s.items[cand[i]].fam == f; i++ {
			j := cand[i]
			if q := s.v[j] - timeValue(rho, s.items[j].d); q > best {
				best = q
			}
		}
		s.pi[f] = best
		ub += best
	}

	out := lagOut{ub: ub, rho: rho, cst: cst}
	if col != nil {
		for g := range col {
			col[g] = 0
		}
		s.xsol = s.xsol[:0]
		for q := range s.colPlace {
			s.colPlace[q] = 0
		}
		add := func(j int32, x float64) {
			s.xsol = append(s.xsol, xent{j, x})
			it := &s.items[j]
			for _, c := range it.cov {
				a := c.a
				if a > r[c.g] {
					a = r[c.g]
				}
				col[c.g] += float64(a * x)
			}
			out.bonus += float64(it.bonus * x)
			out.count += x
			if b := s.reqBits(it); need&b != 0 {
				out.roles[roleSlot(b)] += x
			}
			s.colPlace[it.place] += x
		}
		for _, f := range touched {
			pos := s.famPos[f]
			fr := s.famFrac[f]
			if fr.t > 0 {
				if pos >= 0 {
					add(pos, 1-fr.t)
				}
				add(fr.to, fr.t)
			} else if pos >= 0 {
				add(pos, 1)
			}
		}
	}
	for _, f := range touched {
		s.famPos[f] = -1
		s.famFrac[f] = fracPos{}
	}
	s.touched = touched[:0]
	return out
}

// timeValue is secs seconds priced at the slope rho. The product is
// rounded on its own (an explicit conversion), so no platform fuses it
// into the sum it meets and the bounds round alike everywhere.
func timeValue(rho float64, secs int) float64 {
	return float64(rho * float64(secs))
}

// xent is one nonzero of a knapsack solution x.
type xent struct {
	item int32
	x    float64
}

type hullPt struct {
	d    int
	v    float64
	item int32
}

type fracPos struct {
	to int32
	t  float64
}

func heapify(h []segment) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
}

func siftDown(h []segment, i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h[r].before(&h[l]) {
			m = r
		}
		if !h[m].before(&h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
