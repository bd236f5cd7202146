package planner

import "math"

// lpResult is the root linear programme as column generation solved it.
type lpResult struct {
	ub    float64 // best Lagrangian bound: a valid upper bound
	lp    float64 // restricted master value: a lower bound on the LP
	iters int
}

// rootLP solves the linear-programming relaxation of the node (the
// coverage knapsack with the current selection fixed) exactly by column
// generation (Dantzig–Wolfe). The master has a row per group (z_g ≤
// Σ a'_g x), the convexity row, the item-cap row and a row
// Σ_{j of role r} x_j ≥ 1 per role the constraints still need; its
// columns are points x of the multiple-choice knapsack polytope
// X = {Σ_{j∈F} x_j ≤ 1, Σ_j d_j x_j ≤ capacity, x ≥ 0}, and the pricing
// problem for the master's duals (λ, μ, ν, σ) is the greedy of
// lagrange. Every pricing also evaluates the Lagrangian bound, so the
// loop stops when the bound meets the master's value: then both equal
// the LP optimum. m returns the multipliers of the best bound, which
// start the search.
func (s *solver) rootLP(cand []int32, capT, kRem int, m *mults) lpResult {
	r, _ := s.nodeLP(cand, capT, kRem, m, math.Inf(-1), 500, nil, nil, nil)
	return r
}

// lpCol is a column of the master kept for the children of a node: a
// point x of the knapsack polytope, as its nonzeros.
type lpCol []xent

// nodeLP is rootLP with early exits for a node of the search: it stops
// as soon as the bound falls to target (the node is pruned), when bound
// and master meet (the LP optimum) and after maxIter pricings. The
// first pricing uses the multipliers m came with.
//
// A node whose LP stays above target must branch, so it stops as soon
// as the master's value, a lower bound on the node's LP, passes target:
// the master's solution then shows which item to branch on, and the
// children's own LPs start from its columns. (Running on to the LP
// optimum gives tighter multipliers for the children, but with the
// branching on the LP's solution it cost more pricings than it saved
// nodes.)
//
// seed holds the parent's columns. A child has one more item chosen, so
// each is projected into the child's polytope: the items that are no
// longer candidates (the new item's family among them) are dropped and
// what remains is scaled down to the child's capacity, which keeps it
// in X because X contains 0 and is convex. The master then starts close
// to the parent's optimum and needs few pricings. The master's columns
// at the end are appended to keep and returned, for this node's
// children.
//
// The columns' entries are appended to arena when it is not nil (and it
// is emptied first): the search passes each depth its own, so a node's
// columns live until the next node at its depth.
func (s *solver) nodeLP(cand []int32, capT, kRem int, m *mults, target float64, maxIter int, seed, keep []lpCol, arena *[]xent) (lpResult, []lpCol) {
	// Many children are pruned by the bound at their parent's
	// multipliers: try that before building a master.
	s.lpxOK = false
	best := lpResult{ub: math.Inf(1), lp: math.Inf(-1)}
	if !math.IsInf(target, -1) {
		out := s.lagrange(cand, capT, kRem, m, s.colScratch())
		if out.ub <= target+s.slack || s.intPrunes(cand, capT, out) {
			return lpResult{ub: out.ub, lp: math.Inf(-1), iters: 1}, keep
		}
		best.ub = out.ub
	}
	G := s.G
	need := s.missing()
	// A row per group still open: a saturated group's clipped
	// coefficients are all zero, so its row would only slow the simplex.
	sc := &s.cg
	rowOf := growInts(sc.rowOf, G)
	nG := 0
	for g := range rowOf {
		rowOf[g] = -1
		if s.cov[g] < 1 {
			rowOf[g] = nG
			nG++
		}
	}
	rowConv := nG
	rowCard := -1
	var rowRole [3]int
	nrows := nG + 1
	if s.kActive {
		rowCard = nrows
		nrows++
	}
	for k := 0; k < 3; k++ {
		rowRole[k] = -1
		if need&(1<<k) != 0 {
			rowRole[k] = nrows
			nrows++
		}
	}
	// A row Σ_{j at q} x_j ≥ 1 per place forced in without an item.
	needP := s.needPlaces()
	rowPlace := growInts(sc.rowPlace, len(s.paths.t))
	for q := range rowPlace {
		rowPlace[q] = -1
		if needP&(1<<q) != 0 {
			rowPlace[q] = nrows
			nrows++
		}
	}
	geRows := sc.geRows[:0]
	for _, r := range rowRole {
		if r >= 0 {
			geRows = append(geRows, r)
		}
	}
	for _, r := range rowPlace {
		if r >= 0 {
			geRows = append(geRows, r)
		}
	}
	rhs := grow(sc.rhs, nrows)
	slackObj := grow(sc.slackObj, nrows)
	clear(rhs)
	clear(slackObj)
	rhs[rowConv] = 1
	if rowCard >= 0 {
		rhs[rowCard] = float64(kRem)
	}
	// Big-M for the artificial variables of the ≥ rows: more than any
	// selection can score, so the simplex drives them out whenever the
	// columns allow.
	bigM := 1.0
	for _, w := range s.w {
		bigM += w
	}
	for j := range s.items {
		bigM += math.Abs(s.items[j].bonus)
	}
	bigM *= 10
	for _, r := range geRows {
		rhs[r] = 1
		slackObj[r] = -bigM
	}
	ms := &s.ms
	ms.reset(rhs, slackObj)
	for _, r := range geRows {
		ms.addUnit(0, r, -1, math.Inf(1)) // surplus
	}
	fS := s.value()
	for g, r := range rowOf {
		if r >= 0 {
			// z_g replaces its row's slack in the starting basis: the
			// basis stays the identity, z_g = 0 is feasible, and the
			// simplex does not spend a degenerate pivot per group to
			// bring it in.
			ms.swapUnit(r, ms.addUnit(s.w[g], r, 1, 1-s.cov[g]))
		}
	}
	if sc.cur.lam == nil {
		sc.cur, sc.col = s.newMults(), make([]float64, G)
	}
	cur, col := &sc.cur, sc.col
	buf := arena
	if buf == nil {
		buf = new([]xent)
	}
	*buf = (*buf)[:0]
	cur.copyFrom(m)
	// setDuals takes the next multipliers from the master's duals.
	setDuals := func() {
		for g, r := range rowOf {
			if r >= 0 {
				cur.lam[g] = max(0, ms.pi[r])
			}
		}
		if rowCard >= 0 {
			cur.mu = max(0, ms.pi[rowCard])
		}
		for k := 0; k < 3; k++ {
			if r := rowRole[k]; r >= 0 {
				cur.nu[k] = max(0, -ms.pi[r])
			}
		}
		for q, r := range rowPlace {
			if r >= 0 {
				cur.nuP[q] = max(0, -ms.pi[r])
			}
		}
	}
	cols := sc.cols[:0] // parallel to the master's θ columns
	colIndex := sc.colIndex[:0]
	addCol := func(x lpCol) {
		c := ms.newColumn()
		bonus := 0.0
		need := s.missing()
		for _, e := range x {
			it := &s.items[e.item]
			for _, gc := range it.cov {
				if r := rowOf[gc.g]; r >= 0 {
					c[r] -= float64(min(gc.a, s.resid[gc.g]) * e.x)
				}
			}
			bonus += float64(it.bonus * e.x)
			if rowCard >= 0 {
				c[rowCard] += e.x
			}
			if b := s.reqBits(it); need&b != 0 {
				c[rowRole[roleSlot(b)]] += e.x
			}
			if r := rowPlace[it.place]; r >= 0 {
				c[r] += e.x
			}
		}
		c[rowConv] = 1
		colIndex = append(colIndex, ms.addColumn(bonus, c, math.Inf(1)))
		cols = append(cols, x)
	}
	if len(seed) > 0 {
		s.stampN++
		for _, j := range cand {
			s.stamp[j] = s.stampN
		}
		for g := range s.resid {
			s.resid[g] = max(0, 1-s.cov[g])
		}
		for _, x := range seed {
			start := len(*buf)
			d := 0.0
			for _, e := range x {
				if s.stamp[e.item] == s.stampN {
					*buf = append(*buf, e)
					d += float64(e.x * float64(s.items[e.item].d))
				}
			}
			p := lpCol((*buf)[start:len(*buf):len(*buf)])
			if len(p) == 0 {
				continue
			}
			if d > float64(capT) {
				f := float64(capT) / d
				for k := range p {
					p[k].x *= f
				}
			}
			addCol(p)
		}
		v, err := ms.solve()
		if err == nil && feasibleMaster(ms, geRows) {
			best.lp = fS + v
		}
		if err == nil && !math.IsInf(best.ub, 1) {
			// The bound at m is known: price at the master's duals.
			setDuals()
		}
	}
	for iter := 1; iter <= maxIter; iter++ {
		best.iters = iter
		out := s.lagrange(cand, capT, kRem, cur, col)
		if out.ub > target+s.slack {
			// The integer knapsack's bound, and its solution as the
			// column, where it may prune (see mckp.go).
			if v, ok := s.mckpInt(cand, capT, out.rho, out.ub-out.cst, target+s.slack-out.cst); ok {
				out.ub = min(out.ub, out.cst+v)
			}
		}
		if out.ub < best.ub {
			best.ub = out.ub
			m.copyFrom(cur)
		}
		if best.ub-best.lp <= 1e-11*max(1, math.Abs(best.ub)) {
			break
		}
		if !math.IsInf(target, -1) && (best.ub <= target+s.slack || best.lp > target+s.slack) {
			break
		}
		start := len(*buf)
		*buf = append(*buf, s.xsol...)
		addCol(lpCol((*buf)[start:len(*buf):len(*buf)]))
		if iter%16 == 0 {
			ms.refactor()
		}
		v, err := ms.solve()
		if err != nil {
			break
		}
		// The master's value is a valid lower bound on the LP only once
		// no artificial variable is left in it.
		if feasibleMaster(ms, geRows) && fS+v > best.lp {
			best.lp = fS + v
		}
		setDuals()
	}
	// The Lagrangian does not need λ_g above w_g: clipping there never
	// raises the bound, and the search's steps assume the box.
	for g := range m.lam {
		m.lam[g] = min(m.lam[g], s.w[g])
	}
	// The master's primal solution x = Σ_k θ_k x^k, for the branching
	// rule: a feasible point of the node's LP, optimal when the loop
	// converged.
	s.lpxOK = len(cols) > 0 && feasibleMaster(ms, geRows)
	if s.lpxOK {
		for _, j := range cand {
			s.lpx[j] = 0
		}
		for k, x := range cols {
			b := ms.inB[colIndex[k]]
			if b < 0 {
				continue
			}
			th := ms.xB[b]
			for _, e := range x {
				s.lpx[e.item] += float64(th * e.x)
			}
		}
	}
	// Keep the columns in the final basis: they start the children's
	// masters. (Keeping the last four generated as well cost 5% more
	// CPU over the batch benchmark's profiles: more columns to price in
	// every pivot, no fewer pricings.)
	for k, x := range cols {
		if ms.inB[colIndex[k]] >= 0 {
			keep = append(keep, x)
		}
	}
	sc.rowOf, sc.rowPlace, sc.geRows, sc.rhs, sc.slackObj = rowOf, rowPlace, geRows, rhs, slackObj
	sc.cols, sc.colIndex = cols[:0], colIndex[:0]
	return best, keep
}

// cgScratch is the memory nodeLP reuses from one node to the next.
type cgScratch struct {
	rowOf, rowPlace, geRows, colIndex []int
	rhs, slackObj, col                []float64
	cur                               mults
	cols                              []lpCol
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// feasibleMaster reports whether the artificial variables of the ≥ rows
// are all zero.
func feasibleMaster(ms *master, rows []int) bool {
	for _, r := range rows {
		if ms.inB[r] >= 0 && ms.xB[ms.inB[r]] > 1e-9 {
			return false
		}
	}
	return true
}

// carry leaves in dst the point x, the parent's LP solution, carried into
// the node: the entries that are not candidates here are dropped and the
// rest scaled down until it fits the capacity and the item cap, which
// keeps it in the node's knapsack polytope.
func (s *solver) carry(dst *[]xent, x []xent, cand []int32, capT, kRem int) {
	s.stampN++
	for _, j := range cand {
		s.stamp[j] = s.stampN
	}
	p := (*dst)[:0]
	d, n := 0.0, 0.0
	for _, e := range x {
		if s.stamp[e.item] == s.stampN {
			p = append(p, e)
			d += float64(e.x * float64(s.items[e.item].d))
			n += e.x
		}
	}
	f := 1.0
	if d > float64(capT) {
		f = float64(capT) / d
	}
	if s.kActive && n*f > float64(kRem) {
		f = float64(kRem) / n
	}
	for k := range p {
		p[k].x *= f
	}
	*dst = p
}
