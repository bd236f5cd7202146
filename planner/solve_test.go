package planner

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/limberhq/limber/catalog"
)

// shortestPaths closes a transition matrix with gonum's Floyd–Warshall,
// independently of closeTransitions.
func shortestPaths(t [][]int) [][]int {
	g := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	for i := range t {
		g.AddNode(simple.Node(i))
	}
	for i := range t {
		for j := range t[i] {
			if i != j && t[i][j] < infTime {
				g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(i), simple.Node(j), float64(t[i][j])))
			}
		}
	}
	all, ok := path.FloydWarshall(g)
	if !ok {
		panic("negative cycle")
	}
	out := make([][]int, len(t))
	for i := range t {
		out[i] = make([]int, len(t))
		for j := range t {
			w := all.Weight(int64(i), int64(j))
			if math.IsInf(w, 1) {
				out[i][j] = infTime
			} else {
				out[i][j] = int(w)
			}
		}
	}
	return out
}

// bruteTime is the cheapest order of the places of sel meeting the
// problem's first and last conditions, by trying every permutation; -1
// when none does.
func bruteTime(p *Problem, t [][]int, sel []int) int {
	var places []int
	warm, relax := map[int]bool{}, map[int]bool{}
	seen := map[int]bool{}
	for _, i := range sel {
		it := p.Items[i]
		if !seen[it.Place] {
			seen[it.Place] = true
			places = append(places, it.Place)
		}
		if it.Role == catalog.WarmUp {
			warm[it.Place] = true
		}
		if it.Role == catalog.Relaxation {
			relax[it.Place] = true
		}
	}
	best := -1
	var perm func(k int)
	perm = func(k int) {
		if k == len(places) {
			if p.WarmUpFirst && !warm[places[0]] || p.RelaxLast && !relax[places[len(places)-1]] {
				return
			}
			c, at := 0, p.Start
			for _, q := range places {
				c += t[at][q]
				at = q
			}
			if best < 0 || c < best {
				best = c
			}
			return
		}
		for i := k; i < len(places); i++ {
			places[k], places[i] = places[i], places[k]
			perm(k + 1)
			places[k], places[i] = places[i], places[k]
		}
	}
	perm(0)
	return best
}

// bruteForce returns the best score over every subset of items, and
// whether any subset is feasible.
func bruteForce(p *Problem) (float64, bool) {
	t := shortestPaths(p.Transition)
	n := len(p.Items)
	best, found := math.Inf(-1), false
	for m := 1; m < 1<<n; m++ {
		var sel []int
		fams := map[string]bool{}
		ok, str := true, false
		for i := 0; i < n; i++ {
			if m&(1<<i) == 0 {
				if p.Items[i].Fixed {
					ok = false
				}
				continue
			}
			it := p.Items[i]
			if fams[it.Family] {
				ok = false
			}
			fams[it.Family] = true
			str = str || it.Role == catalog.Strength
			sel = append(sel, i)
		}
		if !ok || (p.MaxItems > 0 && len(sel) > p.MaxItems) || (p.NeedStrength && !str) {
			continue
		}
		tt := bruteTime(p, t, sel)
		if tt < 0 {
			continue
		}
		for _, i := range sel {
			tt += p.Items[i].Seconds
		}
		if tt > p.Budget {
			continue
		}
		if s := p.Score(sel); s > best {
			best, found = s, true
		}
	}
	return best, found
}

// checkResult asserts what every result must satisfy.
func checkResult(t *testing.T, p *Problem, r Result) {
	t.Helper()
	if len(r.Selected) == 0 {
		t.Fatalf("empty selection")
	}
	tc := shortestPaths(p.Transition)
	tt := bruteTime(p, tc, r.Selected)
	if tt < 0 || tt != r.Transition {
		t.Fatalf("transition %d, brute force %d", r.Transition, tt)
	}
	sec := tt
	fams := map[string]bool{}
	for _, i := range r.Selected {
		sec += p.Items[i].Seconds
		if fams[p.Items[i].Family] {
			t.Fatalf("two items of family %s", p.Items[i].Family)
		}
		fams[p.Items[i].Family] = true
	}
	if sec != r.Seconds || sec > p.Budget {
		t.Fatalf("seconds %d (reported %d), budget %d", sec, r.Seconds, p.Budget)
	}
	if math.Abs(p.Score(r.Selected)-r.Score) > 1e-12 {
		t.Fatalf("score %v, recomputed %v", r.Score, p.Score(r.Selected))
	}
	if r.Status == Optimal && r.Bound != r.Score {
		t.Fatalf("optimal with bound %v ≠ score %v", r.Bound, r.Score)
	}
	if r.RootBound < r.Score-1e-9 {
		t.Fatalf("root bound %v below the optimum %v", r.RootBound, r.Score)
	}
}

func TestSolveBruteForce(t *testing.T) {
	for k := 0; k < 400; k++ {
		sp := synthSpec{Items: 6 + k%9, Groups: 3 + k%6, Budget: 60 + (k*37)%400, Seed: uint64(k), Places: 2 + k%4, Fixed: k % 3 / 2, MaxItems: []int{0, 0, 3, 5}[k%4]}
		p := synthetic(sp)
		// Most tiny problems get a warm-up and a relaxation to order.
		if k%6 != 0 {
			p.Items[k%len(p.Items)].Role = catalog.WarmUp
			p.Items[(k+3)%len(p.Items)].Role = catalog.Relaxation
		}
		if k%5 == 0 {
			p.WarmUpFirst, p.RelaxLast = false, false
		}
		if k%7 == 0 {
			p.NeedStrength = true
		}
		want, ok := bruteForce(&p)
		r, err := Solve(p, DefaultSettings())
		if !ok {
			var ie *InfeasibleError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInfeasible) {
				t.Fatalf("%d %+v: want infeasible, got %v %v", k, sp, r.Score, err)
			}
			checkMinBudget(t, p, ie)
			continue
		}
		if err != nil {
			t.Fatalf("%d %+v: %v (brute force %v)", k, sp, err, want)
		}
		checkResult(t, &p, r)
		if math.Abs(r.Score-want) > 1e-9 || r.Status != Optimal {
			t.Fatalf("%d %+v: score %v status %s, brute force %v", k, sp, r.Score, r.Status, want)
		}
	}
}

// checkMinBudget asserts that the reported smallest budget works and
// one second less does not.
func checkMinBudget(t *testing.T, p Problem, ie *InfeasibleError) {
	t.Helper()
	if ie.MinBudget <= 0 {
		return
	}
	if ie.MinBudget <= p.Budget {
		t.Fatalf("min budget %d within budget %d", ie.MinBudget, p.Budget)
	}
	q := p
	q.Budget = ie.MinBudget
	if _, ok := bruteForce(&q); !ok {
		t.Fatalf("budget %d (%s) still infeasible", q.Budget, ie.Binding)
	}
	q.Budget = ie.MinBudget - 1
	if _, ok := bruteForce(&q); ok {
		t.Fatalf("budget %d already feasible, reported min %d", q.Budget, ie.MinBudget)
	}
}

func TestSolveLimits(t *testing.T) {
	p := synthetic(synthSpec{Items: 200, Groups: 12, Budget: 600, Seed: 7})
	s := DefaultSettings()
	s.NodeLimit = 3
	r, err := Solve(p, s)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, &p, r)
	full, err := Solve(p, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if full.Status != Optimal {
		t.Fatalf("status %s", full.Status)
	}
	if r.Status == Feasible && (r.Bound < full.Score-1e-9 || r.Gap != r.Bound-r.Score) {
		t.Fatalf("limited: bound %v gap %v, optimum %v", r.Bound, r.Gap, full.Score)
	}
	if r.Score > full.Score+1e-9 {
		t.Fatalf("limited run beat the optimum: %v > %v", r.Score, full.Score)
	}
}

// TestSolveFreeSearchBruteForce checks the single search with the free
// path (searchFree) against brute force: long budgets, several places
// holding warm-ups and relaxations, so that many (first, last) pairs
// stay open.
func TestSolveFreeSearchBruteForce(t *testing.T) {
	free := 0
	for k := 0; k < 200; k++ {
		sp := synthSpec{Items: 10 + k%5, Groups: 3 + k%6, Budget: freeSearchBudget + (k*53)%500, Seed: uint64(5000 + k), Places: 4 + k%5, Uniform: true}
		p := synthetic(sp)
		for i := range p.Items {
			p.Items[i].Seconds *= 2 // long items, so that not everything fits
			switch i % 4 {
			case 0:
				p.Items[i].Role = catalog.WarmUp
			case 1:
				p.Items[i].Role = catalog.Relaxation
			}
		}
		want, ok := bruteForce(&p)
		if !ok {
			continue
		}
		s := newSolver(&p, DefaultSettings())
		r, err := s.run()
		if err != nil {
			t.Fatalf("%d %+v: %v (brute force %v)", k, sp, err, want)
		}
		checkResult(t, &p, r)
		if math.Abs(r.Score-want) > 1e-9 || r.Status != Optimal {
			t.Fatalf("%d %+v: score %v status %s, brute force %v (free search %v)", k, sp, r.Score, r.Status, want, s.freeSearched)
		}
		if s.freeSearched {
			free++
		}
	}
	if free < 50 {
		t.Fatalf("the free search ran on %d of 200 problems: too few to test it", free)
	}
	t.Logf("the free search ran on %d of 200 problems", free)
}
