package planner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// mckpDP is the integer multiple-choice knapsack by the textbook dynamic
// programme over capacities: the reference for mckpInt.
func mckpDP(s *solver, cand []int32, capT int) float64 {
	best := make([]float64, capT+1)
	next := make([]float64, capT+1)
	for i := 0; i < len(cand); {
		f := s.items[cand[i]].fam
		copy(next, best)
		for ; i < len(cand) && s.items[cand[i]].fam == f; i++ {
			j := cand[i]
			d, v := s.items[j].d, s.v[j]
			for c := d; c <= capT; c++ {
				next[c] = math.Max(next[c], best[c-d]+v)
			}
		}
		best, next = next, best
	}
	return best[capT]
}

// TestMCKPIntMatchesDP draws synthetic problems and multipliers, runs
// lagrange, and checks that mckpInt's optimum is the dynamic programme's,
// that s.xsol then holds a selection worth it that fits, and that the LP
// value bounds it.
func TestMCKPIntMatchesDP(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	solved, gave := 0, 0
	for k := 0; k < 400; k++ {
		sp := synthSpec{Items: 5 + rng.IntN(60), Groups: 3 + rng.IntN(8), Budget: 60 + rng.IntN(900), Seed: uint64(1000 + k)}
		p := lpProblem(sp)
		s := newSolver(&p, DefaultSettings())
		cand := make([]int32, 0, len(s.items))
		for j := range s.items {
			if s.items[j].d <= p.Budget {
				cand = append(cand, int32(j))
			}
		}
		m := s.newMults()
		for g := range m.lam {
			m.lam[g] *= rng.Float64()
		}
		m.mu = 0.05 * rng.Float64()
		capT := p.Budget - rng.IntN(p.Budget/2+1)
		out := s.lagrange(cand, capT, s.K, &m, make([]float64, s.G))
		lpx := append([]xent(nil), s.xsol...)
		got, ok := s.mckpInt(cand, capT, out.rho, out.ub-out.cst, math.Inf(1))
		if !ok {
			gave++
			if len(s.xsol) != len(lpx) {
				t.Fatalf("%+v: gave up but changed the LP solution", sp)
			}
			continue
		}
		solved++
		want := mckpDP(s, cand, capT)
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("%+v capacity %d: mckpInt %v, dynamic programme %v", sp, capT, got, want)
		}
		if lp := out.ub - out.cst; got > lp+1e-9 {
			t.Fatalf("%+v: integer optimum %v above the LP value %v", sp, got, lp)
		}
		sum, secs := 0.0, 0
		fams := map[int32]bool{}
		for _, e := range s.xsol {
			if e.x != 1 || fams[s.items[e.item].fam] {
				t.Fatalf("%+v: selection %v is not one whole item per family", sp, s.xsol)
			}
			fams[s.items[e.item].fam] = true
			sum += s.v[e.item]
			secs += s.items[e.item].d
		}
		if secs > capT || math.Abs(sum-got) > 1e-9 {
			t.Fatalf("%+v: selection takes %d s of %d and is worth %v, not %v", sp, secs, capT, sum, got)
		}
	}
	t.Logf("solved %d, gave up on %d", solved, gave)
	if solved < 300 {
		t.Fatalf("solved %d of 400 (gave up on %d): the budget is too tight to test", solved, gave)
	}
}

// TestMCKPIntThreshold checks the early exit: when a selection worth
// more than the threshold exists, mckpInt reports false and leaves the
// LP solution alone.
func TestMCKPIntThreshold(t *testing.T) {
	p := lpProblem(synthSpec{Items: 40, Groups: 6, Budget: 300, Seed: 5})
	s, cand := solverOf(&p)
	m := s.newMults()
	out := s.lagrange(cand, p.Budget, s.K, &m, make([]float64, s.G))
	lpx := append([]xent(nil), s.xsol...)
	want := mckpDP(s, cand, p.Budget)
	if _, ok := s.mckpInt(cand, p.Budget, out.rho, out.ub-out.cst, want/2); ok {
		t.Fatalf("threshold %v below the optimum %v: want false", want/2, want)
	}
	for k := range lpx {
		if s.xsol[k] != lpx[k] {
			t.Fatalf("the LP solution changed: %v, was %v", s.xsol, lpx)
		}
	}
	got, ok := s.mckpInt(cand, p.Budget, out.rho, out.ub-out.cst, want+1e-6)
	if !ok || math.Abs(got-want) > 1e-9 {
		t.Fatalf("threshold just above the optimum: got %v, %v; want %v, true", got, ok, want)
	}
}
