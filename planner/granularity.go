package planner

import "math"

// The objective's granularity. When every weight w_g, every product
// w_g·a_ig and every bonus is a whole multiple of some δ, so is the score
// of every selection: w_g·min(1, Σ_i a_ig x_i) is w_g or Σ_i w_g·a_ig x_i.
// A selection that beats the incumbent then beats it by δ at least, so a
// subtree whose bound is below incumbent + δ holds no better selection
// and is pruned. On the embedded catalog (weights in hundredths or
// thousandths, coverage in twentieths, bonuses in hundredths) δ is 5·10⁻⁴
// or 5·10⁻⁵, and many subtrees whose bound lies a hair above the optimum
// — ties between routines that differ in small bonuses — end at once. A
// seed's jitter has no such step, and then δ is 0.

// granularityMargin absorbs the rounding of the scores and bounds, far
// larger than their floating-point error and far smaller than any δ
// granularity accepts.
const granularityMargin = 1e-8

// granularitySteps are the steps granularity tries, largest first.
var granularitySteps = []float64{1e-2, 5e-3, 2.5e-3, 2e-3, 1e-3, 5e-4, 2.5e-4, 2e-4, 1e-4, 5e-5, 2.5e-5, 2e-5, 1e-5, 5e-6, 2.5e-6, 2e-6, 1e-6}

// granularity returns the largest step δ of granularitySteps such that
// every score of p is a whole multiple of δ, or 0 when there is none.
func (p *Problem) granularity() float64 {
	for _, d := range granularitySteps {
		if p.onGrid(d) {
			return d
		}
	}
	return 0
}

// onGrid reports whether every weight, weighted coverage and bonus of p
// is a whole multiple of d.
func (p *Problem) onGrid(d float64) bool {
	on := func(v float64) bool {
		q := v / d
		return math.Abs(q-math.Round(q)) <= 1e-6
	}
	for g, w := range p.Weights {
		if !on(w) {
			return false
		}
		for i := range p.Items {
			if !on(w * p.Items[i].Cover[g]) {
				return false
			}
		}
	}
	for i := range p.Items {
		if !on(p.Items[i].Bonus) {
			return false
		}
	}
	return true
}
