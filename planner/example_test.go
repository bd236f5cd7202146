package planner_test

import (
	"fmt"
	"os"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// example is the worked example of the package documentation: three
// muscle groups, five exercises in two places, four minutes.
func example() planner.Problem {
	return planner.Problem{
		Groups:  []string{"lower-back", "glutes", "hamstrings"},
		Weights: []float64{1.0, 0.8, 0.6},
		Places:  []string{"standing", "supine"},
		// Getting down to the floor and back up.
		Transition: [][]int{{0, 24}, {24, 0}},
		Start:      0,
		Budget:     240,
		Items: []planner.Item{
			{ID: "cat-cow-standing", Family: "cat-cow", Place: 0, Seconds: 60, Role: catalog.WarmUp, Cover: []float64{0.6, 0, 0}},
			{ID: "hamstring-standing", Family: "hamstring", Place: 0, Seconds: 60, Role: catalog.Stretch, Cover: []float64{0, 0, 0.7}},
			{ID: "knee-to-chest", Family: "knee-to-chest", Place: 1, Seconds: 60, Role: catalog.Stretch, Cover: []float64{0.5, 0.5, 0}},
			{ID: "glute-bridge", Family: "glute-bridge", Place: 1, Seconds: 90, Role: catalog.Strength, Cover: []float64{0, 0.8, 0.3}, Bonus: 0.01},
			{ID: "childs-pose", Family: "childs-pose", Place: 1, Seconds: 45, Role: catalog.Relaxation, Cover: []float64{0.4, 0, 0}},
		},
		WarmUpFirst: true,
		RelaxLast:   true,
	}
}

// Solve chooses the exercises; the result proves the choice optimal.
func ExampleSolve() {
	p := example()
	r, err := planner.Solve(p, planner.DefaultSettings())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Status, fmt.Sprintf("%.3f", r.Score), r.Seconds, "s")
	for _, i := range r.Selected {
		fmt.Println(" ", p.Items[i].ID)
	}
	for _, q := range r.Path {
		fmt.Print(" → ", p.Places[q])
	}
	fmt.Println()
	// Output:
	// optimal 1.830 219 s
	//   cat-cow-standing
	//   glute-bridge
	//   childs-pose
	//  → standing → supine
}

// In one minute no routine holds a warm-up first, a relaxation last and
// the move to the floor between them; the error names the shortest
// budget that does.
func ExampleSolve_infeasible() {
	p := example()
	p.Budget = 60
	_, err := planner.Solve(p, planner.DefaultSettings())
	fmt.Println(err)
	// Output:
	// planner: no routine fits: order: a warm-up first and a relaxation last do not fit; the shortest routine takes 2 min 9 s
}

// WriteLP writes the same model for any MIP solver.
func ExampleWriteLP() {
	p := example()
	p.Items = p.Items[:2]
	p.Places = p.Places[:1]
	p.Transition = [][]int{{0}}
	p.RelaxLast = false
	if err := planner.WriteLP(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// \ limber selection model: 2 items, 3 groups, 1 places, budget 240 s
	// Maximize
	//  obj: + 1 z_lower_back + 0.8 z_glutes + 0.6 z_hamstrings
	// Subject To
	//  cov_lower_back: + 1 z_lower_back - 0.6 x_cat_cow_standing
	//    <= 0
	//  cov_glutes: + 1 z_glutes
	//    <= 0
	//  cov_hamstrings: + 1 z_hamstrings - 0.7 x_hamstring_standing
	//    <= 0
	//  atleastone: + 1 x_cat_cow_standing + 1 x_hamstring_standing
	//    >= 1
	//  link_cat_cow_standing: + 1 x_cat_cow_standing - 1 y_p0_standing
	//    <= 0
	//  link_hamstring_standing: + 1 x_hamstring_standing - 1 y_p0_standing
	//    <= 0
	//  use_p0_standing: + 1 y_p0_standing - 1 x_cat_cow_standing - 1 x_hamstring_standing
	//    <= 0
	//  start: + 1 u_start_p0_standing
	//    = 1
	//  in_p0_standing: + 1 u_start_p0_standing - 1 y_p0_standing
	//    = 0
	//  out_p0_standing: - 1 y_p0_standing
	//    <= 0
	//  time: + 60 x_cat_cow_standing + 60 x_hamstring_standing
	//    <= 240
	//  first_p0_standing: + 1 u_start_p0_standing - 1 x_cat_cow_standing
	//    <= 0
	// Bounds
	//  0 <= z_lower_back <= 1
	//  0 <= z_glutes <= 1
	//  0 <= z_hamstrings <= 1
	//  1 <= o_p0_standing <= 1
	// Binaries
	//  x_cat_cow_standing
	//  x_hamstring_standing
	//  y_p0_standing
	//  u_start_p0_standing
	// End
}
