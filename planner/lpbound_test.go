package planner

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumLP solves the linear relaxation of p's coverage knapsack with
// gonum's dense simplex, in standard form with a slack per row:
//
//	min −(Σ_i b_i x_i + Σ_g w_g z_g)
//	z_g − Σ_i a_ig x_i + s = 0,  z_g + s = 1,  Σ_i d_i x_i + s = B,
//	Σ_{i∈F} x_i + s = 1 per family,  Σ_i x_i + s = K (with a cap).
func gonumLP(p *Problem) (float64, error) {
	n, G := len(p.Items), len(p.Groups)
	fams := map[string][]int{}
	var famOrder []string
	for i, it := range p.Items {
		if _, ok := fams[it.Family]; !ok {
			famOrder = append(famOrder, it.Family)
		}
		fams[it.Family] = append(fams[it.Family], i)
	}
	rows := 2*G + 1 + len(famOrder)
	if p.MaxItems > 0 {
		rows++
	}
	cols := n + G + rows
	A := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	c := make([]float64, cols)
	for i, it := range p.Items {
		c[i] = -it.Bonus
	}
	for g := range p.Groups {
		c[n+g] = -p.Weights[g]
	}
	r := 0
	for g := range p.Groups {
		A.Set(r, n+g, 1)
		for i, it := range p.Items {
			A.Set(r, i, -it.Cover[g])
		}
		r++
		A.Set(r, n+g, 1)
		b[r] = 1
		r++
	}
	for i, it := range p.Items {
		A.Set(r, i, float64(it.Seconds))
	}
	b[r] = float64(p.Budget)
	r++
	for _, f := range famOrder {
		for _, i := range fams[f] {
			A.Set(r, i, 1)
		}
		b[r] = 1
		r++
	}
	if p.MaxItems > 0 {
		for i := range p.Items {
			A.Set(r, i, 1)
		}
		b[r] = float64(p.MaxItems)
		r++
	}
	basic := make([]int, rows)
	for k := range basic {
		basic[k] = n + G + k
		A.Set(k, n+G+k, 1)
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, basic)
	return -opt, err
}

// rootLPValue is the planner's LP bound at the root of p: column
// generation to convergence over every item.
func rootLPValue(p *Problem) float64 {
	s, cand := solverOf(p)
	m := s.newMults()
	return s.rootLP(cand, p.Budget, s.K, &m).ub
}

// solverOf is a solver for p with every item a candidate.
func solverOf(p *Problem) (*solver, []int32) {
	s := newSolver(p, DefaultSettings())
	cand := make([]int32, len(s.items))
	for j := range cand {
		cand[j] = int32(j)
	}
	return s, cand
}

// lpProblem is a synthetic problem without the constraints the plain LP
// relaxation leaves out (roles, transitions).
func lpProblem(sp synthSpec) Problem {
	p := synthetic(sp)
	p.NeedStrength, p.WarmUpFirst, p.RelaxLast = false, false, false
	return p
}

func TestRootLPMatchesGonum(t *testing.T) {
	for k := 0; k < 40; k++ {
		sp := synthSpec{Items: 5 + (k*7)%56, Groups: 3 + k%10, Budget: 60 + (k*97)%840, Seed: uint64(300 + k), MaxItems: []int{0, 0, 3, 6}[k%4]}
		p := lpProblem(sp)
		want, err := gonumLP(&p)
		if err != nil {
			t.Fatalf("%+v: gonum: %v", sp, err)
		}
		got := rootLPValue(&p)
		if math.Abs(got-want) > 1e-7*math.Max(1, math.Abs(want)) {
			t.Fatalf("%+v: column generation %v, gonum simplex %v", sp, got, want)
		}
	}
}

// BenchmarkLPBound compares the root LP by column generation (with the
// greedy multiple-choice knapsack as pricing) with gonum's simplex on
// the same relaxation.
func BenchmarkLPBound(b *testing.B) {
	for _, n := range []int{200, 1000} {
		p := lpProblem(synthSpec{Items: n, Groups: 12, Budget: 300, Seed: 1})
		b.Run(fmt.Sprintf("n=%d/colgen", n), func(b *testing.B) {
			for b.Loop() {
				rootLPValue(&p)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gonum", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := gonumLP(&p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
