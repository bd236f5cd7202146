package planner

import (
	"errors"
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/limberhq/limber/catalog"
)

// Role bits of an item, for the constraints that count roles.
const (
	roleWarm = 1 << iota
	roleRelax
	roleStrength
)

type gcov struct {
	g int
	a float64
}

// sitem is an item as the search sees it: families contiguous, sparse
// coverage.
type sitem struct {
	orig  int
	fam   int32
	place int
	d     int
	bonus float64
	cov   []gcov
	role  uint8
	fixed bool
}

// solver holds one run of Solve: the problem in search form, the state
// of the current node (changed by push and pop), the incumbent and
// scratch space reused across nodes so the search does not allocate.
type solver struct {
	p       *Problem
	G       int
	w       []float64
	items   []sitem // sorted by family, then seconds, then original index
	nFam    int
	paths   *paths
	B, K    int
	kActive bool
	needStr bool
	warmFst bool
	relaxLs bool

	// node state
	cov       []float64
	bonusSum  float64
	ms        master    // the column generation's master, reset at each node
	cg        cgScratch // and the rest of its memory
	sel       []int32
	famUsed   []bool
	placeCnt  []int
	warmCnt   []int
	relaxCnt  []int
	mask      uint32
	warmMask  uint32
	relaxMask uint32
	itemTime  int
	nStr      int
	nWarm     int
	nRelax    int
	hist      []float64 // saved cov and bonus, G+1 per pushed item

	// incumbent
	haveInc bool
	incVal  float64
	inc     []int32

	// limits
	nodes     int
	nodeLimit int
	deadline  time.Time
	timed     bool
	stopped   bool
	openBound float64

	// scratch for lagrange
	resid    []float64
	v        []float64
	pi       []float64
	segs     []segment
	hull     []hullPt
	famPos   []int32
	famFrac  []fracPos
	touched  []int32
	xsol     []xent    // the last knapsack solution, when lagrange filled col
	colPlace []float64 // and its items per place
	stamp    []int32
	stampN   int32
	depth    []*depthScratch
	mk       mckpScratch
	colBuf   []float64

	// place bound scratch
	placeOrig []int // compact place → Problem place
	prize     []float64
	bestWith  []float64
	piM       []float64
	prizeSum  []float64
	subMask   []uint32

	// the (first, last) pair being searched, see order.go
	first, last int
	forced      uint32 // places the path must visit: f, l and forcedIn
	forcedIn    uint32 // places the search forced in, each needing a chosen item
	tab         *pathTables

	// slack: a subtree is pruned when its bound is at most incVal +
	// slack (see granularity.go).
	slack float64
	// chainX is the part of the item the node just took in its parent's
	// LP solution, when the node is its parent's first child; else 0.
	chainX float64
	// lpx is the node LP's primal solution per item, valid when lpxOK.
	lpx   []float64
	lpxOK bool

	rootBound float64
	removed   int
	// lsSeen holds the selections localSearch went through (their items
	// in order) for each candidate list it searched.
	lsSeen   map[string]map[string]bool
	lsRounds int    // rounds localSearch evaluated
	lsIn     []bool // by item: in localSearch's selection (all false between calls)
	// placePhase makes the search branch on places before items.
	placePhase bool
	// freeSearched is set when searchFree searched instead of the pairs.
	freeSearched bool
}

// depthScratch is what one level of the search needs for itself.
type depthScratch struct {
	m     mults
	cols  []lpCol // the node's master columns, to start its children's
	arena []xent  // the entries of cols
	xstar []xent  // the node's LP solution, for its children
	col   []float64
	ord   []int32
	live  []int32
	child []int32
	ubj   []float64 // per item: bound when forced in
	delta []int     // per place: extra path time
	keep  bool      // fix keeps the lower of an item's old and new bound
}

// Solve finds the selection of items that maximises the objective of p
// under its constraints; see Problem. It returns an *InfeasibleError
// (errors.Is ErrInfeasible) when no selection meets the constraints.
func Solve(p Problem, set Settings) (Result, error) {
	if err := p.validate(); err != nil {
		return Result{}, err
	}
	if len(p.Require) > 0 {
		return solveRequired(p, set)
	}
	s := newSolver(&p, set)
	return s.run()
}

// solveRequired meets "one item of each required family" by solving
// once per combination of the families' items, each fixed in turn (a
// family has a handful of items), and keeping the best.
func solveRequired(p Problem, set Settings) (Result, error) {
	var lists [][]int
	for _, f := range p.Require {
		var l []int
		fixed := false
		for i, it := range p.Items {
			if it.Family == f {
				l = append(l, i)
				fixed = fixed || it.Fixed
			}
		}
		if !fixed {
			lists = append(lists, l)
		}
	}
	deadline := time.Now().Add(set.TimeLimit)
	var results []Result
	var bestErr error
	nodes := 0
	var walk func(k int, q Problem)
	walk = func(k int, q Problem) {
		if k == len(lists) {
			sub := set
			if set.TimeLimit > 0 {
				sub.TimeLimit = max(time.Until(deadline), time.Millisecond)
			}
			r, err := Solve(q, sub)
			nodes += r.Nodes
			if err == nil {
				results = append(results, r)
			} else if bestErr == nil || betterInfeasible(err, bestErr) {
				bestErr = err
			}
			return
		}
		for _, i := range lists[k] {
			q2 := q
			q2.Items = slices.Clone(q.Items)
			q2.Items[i].Fixed = true
			walk(k+1, q2)
		}
	}
	p.Require = nil
	walk(0, p)
	if len(results) == 0 {
		return Result{}, bestErr
	}
	best := results[0]
	for _, r := range results[1:] {
		if r.Score > best.Score+Tolerance {
			best = r
		}
	}
	best.Nodes = nodes
	best.Bound = best.Score
	for _, r := range results {
		if r.Status == Feasible {
			best.Status = Feasible
			best.Bound = max(best.Bound, r.Bound)
		}
	}
	best.Gap = best.Bound - best.Score
	return best, nil
}

// betterInfeasible reports whether a is the more useful explanation: a
// smaller budget that works beats none, and a smaller one a larger.
func betterInfeasible(a, b error) bool {
	var ea, eb *InfeasibleError
	if !errors.As(a, &ea) {
		return false
	}
	if !errors.As(b, &eb) {
		return true
	}
	if eb.MinBudget <= 0 {
		return ea.MinBudget > 0
	}
	return ea.MinBudget > 0 && ea.MinBudget < eb.MinBudget
}

func newSolver(p *Problem, set Settings) *solver {
	G := len(p.Groups)
	s := &solver{p: p, G: G, w: p.Weights, B: p.Budget, needStr: p.NeedStrength, warmFst: p.WarmUpFirst, relaxLs: p.RelaxLast, first: -1, last: -1}
	s.slack = Tolerance
	if d := p.granularity(); d > 0 {
		s.slack = d - granularityMargin
	}
	// Only the places some item uses (and the start) take part; the
	// closed matrix keeps the shortest moves through the others.
	closed := closeTransitions(p.Transition)
	compact := make([]int, len(p.Places))
	for q := range compact {
		compact[q] = -1
	}
	compact[p.Start] = 0
	s.placeOrig = []int{p.Start}
	for q := range p.Places {
		if compact[q] >= 0 {
			continue
		}
		for _, it := range p.Items {
			if it.Place == q {
				compact[q] = len(s.placeOrig)
				s.placeOrig = append(s.placeOrig, q)
				break
			}
		}
	}
	np := len(s.placeOrig)
	t := make([][]int, np)
	for a := range t {
		t[a] = make([]int, np)
		for b := range t[a] {
			t[a][b] = closed[s.placeOrig[a]][s.placeOrig[b]]
		}
	}
	s.paths = newPaths(t, 0)
	s.prize, s.bestWith, s.colPlace = make([]float64, np), make([]float64, np), make([]float64, np)
	fams := make([]string, 0, len(p.Items))
	for _, it := range p.Items {
		fams = append(fams, it.Family)
	}
	slices.Sort(fams)
	fams = slices.Compact(fams)
	s.nFam = len(fams)
	s.items = make([]sitem, len(p.Items))
	for i, it := range p.Items {
		f, _ := slices.BinarySearch(fams, it.Family)
		si := sitem{orig: i, fam: int32(f), place: compact[it.Place], d: it.Seconds, bonus: it.Bonus, fixed: it.Fixed}
		for g, a := range it.Cover {
			if a > 0 {
				si.cov = append(si.cov, gcov{g, a})
			}
		}
		switch it.Role {
		case catalog.WarmUp:
			si.role = roleWarm
		case catalog.Relaxation:
			si.role = roleRelax
		case catalog.Strength:
			si.role = roleStrength
		}
		s.items[i] = si
	}
	slices.SortFunc(s.items, func(a, b sitem) int {
		if a.fam != b.fam {
			return int(a.fam - b.fam)
		}
		if a.d != b.d {
			return a.d - b.d
		}
		return a.orig - b.orig
	})
	s.K = len(p.Items)
	if p.MaxItems > 0 && p.MaxItems < s.K {
		s.K, s.kActive = p.MaxItems, true
	}
	n := len(s.items)
	s.cov = make([]float64, G)
	s.famUsed = make([]bool, s.nFam)
	s.placeCnt, s.warmCnt, s.relaxCnt = make([]int, np), make([]int, np), make([]int, np)
	s.resid = make([]float64, G)
	s.v = make([]float64, n)
	s.pi = make([]float64, s.nFam)
	s.piM = make([]float64, s.nFam)
	s.famPos = make([]int32, s.nFam)
	for i := range s.famPos {
		s.famPos[i] = -1
	}
	s.famFrac = make([]fracPos, s.nFam)
	s.stamp = make([]int32, n)
	s.lpx = make([]float64, n)
	s.nodeLimit = set.NodeLimit
	if set.TimeLimit > 0 {
		s.deadline, s.timed = time.Now().Add(set.TimeLimit), true
	}
	return s
}

func (s *solver) scratch(depth int) *depthScratch {
	for len(s.depth) <= depth {
		n := len(s.items)
		s.depth = append(s.depth, &depthScratch{
			m: s.newMults(), col: make([]float64, s.G),
			ord: make([]int32, 0, n), live: make([]int32, 0, n), child: make([]int32, 0, n),
			ubj: make([]float64, n), delta: make([]int, len(s.placeOrig)),
		})
	}
	return s.depth[depth]
}

// value is the objective of the current node's selection.
func (s *solver) value() float64 {
	v := s.bonusSum
	for g, c := range s.cov {
		if c > 1 {
			c = 1
		}
		v += float64(s.w[g] * c)
	}
	return v
}

// gain is what adding item j to the current selection adds.
func (s *solver) gain(j int32) float64 {
	it := &s.items[j]
	d := it.bonus
	for _, c := range it.cov {
		old := s.cov[c.g]
		if old >= 1 {
			continue
		}
		d += float64(s.w[c.g] * (min(1, old+c.a) - old))
	}
	return d
}

func (s *solver) push(j int32) {
	s.hist = append(s.hist, s.cov...)
	s.hist = append(s.hist, s.bonusSum)
	it := &s.items[j]
	for _, c := range it.cov {
		s.cov[c.g] += c.a
	}
	s.bonusSum += it.bonus
	s.sel = append(s.sel, j)
	s.famUsed[it.fam] = true
	s.itemTime += it.d
	s.placeCnt[it.place]++
	s.mask |= 1 << it.place
	switch it.role {
	case roleWarm:
		s.nWarm++
		s.warmCnt[it.place]++
		s.warmMask |= 1 << it.place
	case roleRelax:
		s.nRelax++
		s.relaxCnt[it.place]++
		s.relaxMask |= 1 << it.place
	case roleStrength:
		s.nStr++
	}
}

func (s *solver) pop() {
	j := s.sel[len(s.sel)-1]
	s.sel = s.sel[:len(s.sel)-1]
	h := len(s.hist) - s.G - 1
	copy(s.cov, s.hist[h:h+s.G])
	s.bonusSum = s.hist[h+s.G]
	s.hist = s.hist[:h]
	it := &s.items[j]
	s.famUsed[it.fam] = false
	s.itemTime -= it.d
	if s.placeCnt[it.place]--; s.placeCnt[it.place] == 0 {
		s.mask &^= 1 << it.place
	}
	switch it.role {
	case roleWarm:
		s.nWarm--
		if s.warmCnt[it.place]--; s.warmCnt[it.place] == 0 {
			s.warmMask &^= 1 << it.place
		}
	case roleRelax:
		s.nRelax--
		if s.relaxCnt[it.place]--; s.relaxCnt[it.place] == 0 {
			s.relaxMask &^= 1 << it.place
		}
	case roleStrength:
		s.nStr--
	}
}

// pathTime is the transition time of the current selection under the
// order constraints, or -1 when no order meets them.
func (s *solver) pathTime() int {
	first, last := s.mask, s.mask
	if s.warmFst {
		first = s.warmMask
	}
	if s.relaxLs {
		last = s.relaxMask
	}
	return s.rolePath(s.mask, first, last)
}

// feasible reports whether the current selection meets every
// constraint.
func (s *solver) feasible() bool {
	n := len(s.sel)
	if n == 0 || n > s.K || (s.needStr && s.nStr == 0) || (s.warmFst && s.nWarm == 0) || (s.relaxLs && s.nRelax == 0) {
		return false
	}
	c := s.pathTime()
	return c >= 0 && s.itemTime+c <= s.B
}

// offer makes the current selection the incumbent when it is feasible
// and better.
func (s *solver) offer() {
	v := s.value()
	if s.haveInc && v <= s.incVal+Tolerance {
		return
	}
	if !s.feasible() {
		return
	}
	s.haveInc, s.incVal = true, v
	s.inc = append(s.inc[:0], s.sel...)
}

// limit reports whether a node or time limit has been reached.
func (s *solver) limit() bool {
	if s.stopped {
		return true
	}
	if s.nodeLimit > 0 && s.nodes > s.nodeLimit {
		s.stopped = true
	}

	if s.timed && s.nodes&255 == 0 && time.Now().After(s.deadline) {
		s.stopped = true
	}
	return s.stopped
}

// rolesReachable reports whether the candidates can still supply the
// roles the constraints ask for and the selection lacks.
func (s *solver) rolesReachable(cand []int32) bool {
	need := s.missing()
	needP := s.needPlaces()
	if need == 0 && needP == 0 {
		return true
	}
	have := uint8(0)
	var haveP uint32
	for _, j := range cand {
		have |= s.reqBits(&s.items[j])
		haveP |= 1 << s.items[j].place
		if have&need == need && haveP&needP == needP {
			return true
		}
	}
	return false
}

// fitting appends to dst the items of from whose family is free and
// that fit in the time left with the current selection. delta is
// scratch, one entry per place.
func (s *solver) fitting(dst, from []int32, delta []int) []int32 {
	left := s.B - s.itemTime
	for q := range delta {
		delta[q] = -1
	}
	for _, j := range from {
		it := &s.items[j]
		if s.famUsed[it.fam] {
			continue
		}
		pc := delta[it.place]
		if pc < 0 {
			pc = s.pc(s.mask | 1<<it.place)
			delta[it.place] = pc
		}
		if it.d+pc <= left {
			dst = append(dst, j)
		}
	}
	return dst
}

func (s *solver) run() (Result, error) {
	// The profile's includes are chosen at the root.
	var fixed []int32
	for j := range s.items {
		if s.items[j].fixed {
			fixed = append(fixed, int32(j))
		}
	}
	if err := s.checkFixed(fixed); err != nil {
		return Result{}, err
	}
	for _, j := range fixed {
		s.push(j)
	}
	all := make([]int32, 0, len(s.items))
	for j := range s.items {
		if !s.items[j].fixed {
			all = append(all, int32(j))
		}
	}
	ds := s.scratch(0)
	var cand []int32
	if len(s.sel) < s.K {
		cand = s.fitting(make([]int32, 0, len(all)), all, ds.delta)
	}
	cand = s.removeDominated(cand)
	// Branching on places pays when each place offers many items (then
	// settling the path first removes many at once); with a handful per
	// place, branching on the items settles the places as quickly.
	s.placePhase = len(cand) >= placePhaseItems*len(s.paths.t)

	// Root: the exact LP bound by column generation gives the starting
	// multipliers, then a greedy and a local search give the incumbent.
	m := s.newMults()
	kRem := s.K - len(s.sel)
	capT := s.B - s.itemTime - s.pc(s.mask)
	s.rootBound = s.value()
	s.offer()
	if len(cand) > 0 && kRem > 0 {
		lp := s.rootLP(cand, capT, kRem, &m)
		s.rootBound = lp.ub
		start := s.greedy(cand)
		cand = s.rootFix(cand, capT, kRem, &m)
		s.localSearch(cand, start)
		cand = s.rootFix(cand, capT, kRem, &m)
		s.searchOrders(cand, &m)
	}
	if !s.haveInc {
		if err := s.infeasible(); err != nil {
			return Result{}, err
		}
	}
	return s.result(), nil
}

// rootFix drops the candidates whose bound when forced in cannot beat
// the incumbent.
func (s *solver) rootFix(cand []int32, capT, kRem int, m *mults) []int32 {
	if !s.haveInc || len(cand) == 0 {
		return cand
	}
	ds := s.scratch(0)
	ds.m.copyFrom(m)
	out := s.lagrange(cand, capT, kRem, &ds.m, nil)
	return s.fix(ds, cand, cand[:0], capT, out)
}

// fix appends to dst the candidates whose bound when forced in beats
// the incumbent, recording it in ds.ubj (never raising an earlier one).
// out must be the last lagrange evaluation over cand.
func (s *solver) fix(ds *depthScratch, cand, dst []int32, capT int, out lagOut) []int32 {
	base := s.pc(s.mask)
	for q := range ds.delta {
		if s.mask&(1<<q) != 0 {
			ds.delta[q] = 0
		} else {
			ds.delta[q] = -1
		}
	}
	ub2, best2, ok2 := 0.0, 0.0, false
	if len(s.paths.t) > 1 {
		ub2, best2, ok2 = s.placeBound(cand, capT, out)
	}
	for _, j := range cand {
		it := &s.items[j]
		dq := ds.delta[it.place]
		if dq < 0 {
			dq = s.pc(s.mask|1<<it.place) - base
			ds.delta[it.place] = dq
		}
		q := s.v[j] - timeValue(out.rho, it.d)
		ubj := out.ub - s.pi[it.fam] + q - timeValue(out.rho, dq)
		if ok2 {
			if u := ub2 - best2 - s.piM[it.fam] + q + s.bestWith[it.place]; u < ubj {
				ubj = u
			}
		}
		if ds.keep && ds.ubj[j] < ubj {
			ubj = ds.ubj[j]
		}
		ds.ubj[j] = ubj
		if !s.haveInc || ubj > s.incVal+s.slack {
			dst = append(dst, j)
		}
	}
	return dst
}

// search explores the subtree of the current selection whose further
// items come from cand (sorted by index), starting from multipliers m.
// parentUB bounds the subtree, for the gap when a limit stops the
// search here.
func (s *solver) search(cand []int32, m *mults, parentUB float64, depth int) {
	s.nodes++
	chain := depth > 0 && s.chainX >= chainWhole
	s.chainX = 0
	if s.limit() {
		s.openBound = max(s.openBound, parentUB)
		return
	}
	kRem := s.K - len(s.sel)
	if len(cand) == 0 || kRem <= 0 || !s.rolesReachable(cand) {
		return
	}
	capT := s.B - s.itemTime - s.pc(s.mask)
	if kRem == 1 || !twoFit(s.items, cand, capT) {
		// At most one more item: its children are the whole subtree.
		for _, j := range cand {
			s.nodes++
			s.push(j)
			s.offer()
			s.pop()
		}
		return
	}
	ds := s.scratch(depth)
	ds.m.copyFrom(m)
	ds.cols = ds.cols[:0]
	var out lagOut
	switch {
	case s.haveInc && chain:
		// The first child of a node takes an item its parent's LP takes
		// nearly whole, so its LP is nearly its parent's, which was above
		// the incumbent: it would branch all the same. It skips the
		// column generation, tries only the bound at its parent's
		// multipliers, and branches on its parent's LP solution, carried
		// in; its children start from its parent's columns.
		out = s.lagrange(cand, capT, kRem, &ds.m, s.colScratch())
		if out.ub <= s.incVal+s.slack || s.intPrunes(cand, capT, out) {
			return
		}
		parent := s.depth[depth-1]
		ds.cols = append(ds.cols, parent.cols...)
		s.carry(&ds.xstar, parent.xstar, cand, capT, kRem)
		for _, j := range cand {
			s.lpx[j] = 0
		}
		for _, e := range ds.xstar {
			s.lpx[e.item] = e.x
		}
		s.lpxOK = true
	case s.haveInc:
		var seed []lpCol
		if depth > 0 {
			seed = s.depth[depth-1].cols
		}
		var lp lpResult
		lp, ds.cols = s.nodeLP(cand, capT, kRem, &ds.m, s.incVal, nodeCGIters, seed, ds.cols, &ds.arena)
		if lp.ub <= s.incVal+s.slack {
			return
		}
		ds.xstar = ds.xstar[:0]
		if s.lpxOK {
			for _, j := range cand {
				if x := s.lpx[j]; x > 1e-12 {
					ds.xstar = append(ds.xstar, xent{j, x})
				}
			}
		}
		fallthrough
	default:
		if !s.haveInc {
			ds.xstar = ds.xstar[:0] // no LP ran
		}
		out = s.lagrange(cand, capT, kRem, &ds.m, s.colScratch())
		if s.haveInc && (out.ub <= s.incVal+s.slack || s.intPrunes(cand, capT, out)) {
			return
		}
	}
	nodeUB := out.ub
	// The place-aware bound, and each candidate's bound when forced in:
	// fix the hopeless ones out, branch on the best first.
	ds.keep = false
	live := s.fix(ds, cand, ds.live[:0], capT, out)
	ds.keep = true
	if s.haveInc && len(live) == 0 {
		return
	}
	// Place phase: while a candidate's place is undecided, branch on the
	// place with the largest prize — forced into the path (it must then
	// hold a chosen item) or ruled out with all its items. Once the
	// places are settled the path costs what the bound charges, and
	// the items follow.
	var undecided uint32
	for _, j := range live {
		undecided |= 1 << s.items[j].place
	}
	undecided &^= s.mask | s.forced
	if undecided != 0 && s.placePhase {
		q, best := -1, 0.0
		for r := undecided; r != 0; r &= r - 1 {
			p := bits.TrailingZeros32(r)
			if q < 0 || s.prize[p] > best {
				q, best = p, s.prize[p]
			}
		}
		s.forced |= 1 << q
		s.forcedIn |= 1 << q
		child := s.fitting(ds.child[:0], live, s.scratch(depth+1).delta)
		ds.child = child
		s.search(child, &ds.m, nodeUB, depth+1)
		s.forced &^= 1 << q
		s.forcedIn &^= 1 << q
		if s.stopped {
			s.openBound = max(s.openBound, nodeUB)
			return
		}
		out := ds.child[:0]
		for _, j := range live {
			if s.items[j].place != q {
				out = append(out, j)
			}
		}
		ds.child = out
		s.search(out, &ds.m, nodeUB, depth+1)
		return
	}

	// Branch on an item the node's LP takes in part: taking it and
	// leaving it out both move the LP away from this node's solution.
	if j := s.branchItem(live); j >= 0 {
		pos, _ := slices.BinarySearch(live, j)
		live = slices.Delete(live, pos, pos+1)
		ds.live = live
		if (!s.haveInc || ds.ubj[j] > s.incVal+s.slack) && !s.take(ds, j, live, nodeUB, depth, true) {
			return
		}
		if len(live) > 0 && s.rolesReachable(live) {
			s.search(live, &ds.m, nodeUB, depth+1)
		}
		return
	}

	ord := append(ds.ord[:0], live...)
	slices.SortFunc(ord, func(a, b int32) int {
		if ds.ubj[a] != ds.ubj[b] {
			if ds.ubj[a] > ds.ubj[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	ds.ord, ds.live = ord, live
	first := true
	for k := 0; k < len(ord); k++ {
		j := ord[k]
		// live keeps the candidates not yet branched on: the child's
		// items come after j.
		pos, found := slices.BinarySearch(live, j)
		if !found {
			continue
		}
		live = slices.Delete(live, pos, pos+1)
		if s.haveInc && ds.ubj[j] <= s.incVal+s.slack {
			continue
		}
		if !s.take(ds, j, live, nodeUB, depth, first) {
			return
		}
		first = false
		if len(live) == 0 || !s.rolesReachable(live) {
			return
		}
		// Re-bound what is left of this node and fix again.
		out = s.lagrange(live, capT, kRem, &ds.m, s.colScratch())
		nodeUB = out.ub
		if s.haveInc && (out.ub <= s.incVal+s.slack || s.intPrunes(live, capT, out)) {
			return
		}
		live = s.fix(ds, live, live[:0], capT, out)
		ds.live = live
	}
}

// twoFit reports whether the two shortest items of cand together take at
// most capT seconds; when they do not, no two items fit.
func twoFit(items []sitem, cand []int32, capT int) bool {
	a, b := math.MaxInt, math.MaxInt
	for _, j := range cand {
		if d := items[j].d; d < b {
			if d < a {
				a, b = d, a
			} else {
				b = d
			}
		}
	}
	return b != math.MaxInt && a+b <= capT
}

// take searches the child of the node at depth that adds item j, whose
// further items come from live; first says it is the node's first child,
// which excludes no other item. It reports false when a limit stopped the
// search (nodeUB then counts as open).
func (s *solver) take(ds *depthScratch, j int32, live []int32, nodeUB float64, depth int, first bool) bool {
	x := 0.0
	if first {
		for _, e := range ds.xstar {
			if e.item == j {
				x = e.x
			}
		}
	}
	s.push(j)
	s.offer()
	child := ds.child[:0]
	if len(s.sel) < s.K {
		child = s.fitting(child, live, s.scratch(depth+1).delta)
	}
	ds.child = child
	s.chainX = x
	s.search(child, &ds.m, ds.ubj[j], depth+1)
	s.pop()
	if s.stopped {
		s.openBound = max(s.openBound, nodeUB)
		return false
	}
	return true
}

// branchItem returns the candidate of live that the node's LP solution
// takes the largest part of short of all, when the LP takes at least
// branchFractional candidates in part; else -1, and the node takes its
// candidates in turn. Branching on the item moves the LP in both
// children: with it, the LP must pay for all of it; without it, the LP
// must cover what it covered another way. Taking the item most nearly
// whole first dives towards the LP's own choice; on the embedded catalog
// that needed fewer nodes than the most fractional item or the best
// bound when forced in.
func (s *solver) branchItem(live []int32) int32 {
	if !s.lpxOK {
		return -1
	}
	const eps = 1e-6
	best, bj, n := 0.0, int32(-1), 0
	for _, j := range live {
		if x := s.lpx[j]; x > eps && x < 1-eps {
			n++
			if x > best {
				best, bj = x, j
			}
		}
	}
	if n < branchFractional {
		return -1
	}
	return bj
}

// chainWhole is how much of an item the parent's LP must take for the
// first child that takes it to skip its own LP. Over the 468 profiles of
// the batch benchmark 0.8 and 0.9 took 10–20% less CPU than never
// skipping (with a third more nodes, each far cheaper); 0.97 half as
// much; skipping whatever the part multiplied the nodes a hundredfold.
const chainWhole = 0.9

// branchFractional is the number of candidates the LP must take in part
// for a node to branch on one of them. With one or two the LP is nearly
// a routine already, and taking the candidates in turn, best forced
// bound first, settles the node in a few children: on the embedded
// catalog the short chair routines need a quarter fewer nodes that way,
// while the long floor routines need the branching on the LP.
const branchFractional = 3

func (s *solver) result() Result {
	r := Result{Score: s.incVal, Nodes: s.nodes, RootBound: s.rootBound, Removed: s.removed}
	if s.stopped {
		r.Status = Feasible
		r.Bound = max(s.openBound, s.incVal)
	} else {
		r.Status = Optimal
		r.Bound = s.incVal
	}
	r.Gap = r.Bound - r.Score
	// Recompute the score from the selection, in item order, so equal
	// selections give bit-identical scores whatever the search order.
	for _, j := range s.inc {
		r.Selected = append(r.Selected, s.items[j].orig)
	}
	slices.Sort(r.Selected)
	r.Score = s.p.Score(r.Selected)
	if r.Status == Optimal {
		r.Bound = r.Score
	}
	r.Gap = max(0, r.Bound-r.Score)
	// The path of the selection.
	for len(s.sel) > 0 {
		s.pop()
	}
	for _, j := range s.inc {
		s.push(j)
	}
	first, last := s.mask, s.mask
	if s.warmFst {
		first = s.warmMask
	}
	if s.relaxLs {
		last = s.relaxMask
	}
	path, tr := s.paths.order(s.mask, first, last)
	for _, q := range path {
		r.Path = append(r.Path, s.placeOrig[q])
	}
	r.Transition = tr
	r.Seconds = s.itemTime + r.Transition
	return r
}

// placePhaseItems is the number of candidates per place from which the
// search branches on places before items.
const placePhaseItems = 20

// nodeCGIters caps the pricing rounds of a node's column generation;
// most nodes stop far earlier, pruned or proven to need branching.
const nodeCGIters = 50
