package planner

import (
	"math"
	"testing"
)

func TestGranularity(t *testing.T) {
	prob := func(w []float64, cover [][]float64, bonus []float64) *Problem {
		p := &Problem{Weights: w}
		for i := range cover {
			p.Items = append(p.Items, Item{Cover: cover[i], Bonus: bonus[i]})
		}
		return p
	}
	tests := []struct {
		name string
		p    *Problem
		want float64
	}{
		{"eighths of a weight", prob([]float64{1, 0.5}, [][]float64{{0.5, 0.25}, {1, 0}}, []float64{0.02, 0.01}), 0.005},
		{"catalog-like", prob([]float64{1.3, 0.88}, [][]float64{{0.15, 0.05}, {0.6, 0.7}}, []float64{0.02, 0.03}), 1e-3},
		{"bonus sets the step", prob([]float64{1, 1}, [][]float64{{0.5, 0.5}}, []float64{0.005}), 5e-3},
		{"a seed's jitter has no step", prob([]float64{1.3, 0.88}, [][]float64{{0.15, 0.05}}, []float64{0.02 + 3.7e-6}), 0},
		{"irrational weight", prob([]float64{math.Pi}, [][]float64{{0.5}}, []float64{0}), 0},
	}
	for _, tc := range tests {
		if got := tc.p.granularity(); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("%s: granularity %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestGranularityPruningExact solves problems on a coarse grid, where
// the search prunes by the grid's step, against brute force.
func TestGranularityPruningExact(t *testing.T) {
	n := 0
	for k := 0; k < 150; k++ {
		sp := synthSpec{Items: 7 + k%8, Groups: 3 + k%5, Budget: 120 + (k*53)%500, Seed: uint64(1000 + k), Places: 2 + k%3}
		p := synthetic(sp)
		if p.granularity() < 1e-4 {
			continue
		}
		n++
		want, ok := bruteForce(&p)
		r, err := Solve(p, DefaultSettings())
		if !ok {
			if err == nil {
				t.Fatalf("%+v: solved an infeasible problem", sp)
			}
			continue
		}
		if err != nil || r.Status != Optimal || math.Abs(r.Score-want) > 1e-9 {
			t.Fatalf("%+v: score %v status %s err %v, brute force %v", sp, r.Score, r.Status, err, want)
		}
	}
	if n < 100 {
		t.Fatalf("only %d of 150 synthetic problems are on a grid of step ≥ 1e-4", n)
	}
}
