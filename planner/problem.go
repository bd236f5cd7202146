package planner

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/limberhq/limber/catalog"
)

// Problem is the selection model in numbers, without the catalog: the
// planner builds one from a catalog and a profile, and tests and
// benchmarks build synthetic ones directly.
//
// Solve maximises
//
//	Σ_g Weights[g]·min(1, Σ_i Items[i].Cover[g]·x_i) + Σ_i Items[i].Bonus·x_i
//
// over x ∈ {0,1}^Items subject to the constraints documented on the
// fields. See docs/planner.md for the full model.
type Problem struct {
	// Groups names the coverage columns (muscle groups).
	Groups []string
	// Weights[g] ≥ 0 is what covering group g fully is worth.
	Weights []float64
	// Items are the candidate exercises.
	Items []Item
	// Places names the positions an item can be done in. At most
	// MaxPlaces.
	Places []string
	// Transition[p][q] is the time in seconds to get from place p to
	// place q. Solve closes the matrix under shortest paths, so a
	// transition may pass through another place.
	Transition [][]int
	// Start is the place the routine starts in (standing).
	Start int
	// Budget is the time available in seconds: exercise time plus
	// transitions.
	Budget int
	// MaxItems caps the number of items chosen; 0 means no cap.
	MaxItems int
	// NeedStrength asks for at least one item with role strength.
	NeedStrength bool
	// WarmUpFirst asks for the first place visited to hold a chosen
	// warm-up (which the order puts first in its place).
	WarmUpFirst bool
	// RelaxLast asks for the last place visited to hold a chosen
	// relaxation (which the order puts last in its place).
	RelaxLast bool
	// Require lists families of which one item must be chosen (the
	// profile's includes that name a whole exercise).
	Require []string
}

// Item is one candidate exercise of a Problem.
type Item struct {
	ID string
	// Family groups items of which at most one may be chosen.
	Family string
	// Place indexes Problem.Places.
	Place int
	// Seconds is the time of the exercise itself at its base dose, both
	// sides and setup included; at least 1.
	Seconds int
	// Cover[g] ∈ [0,1] is how much of group g the item covers.
	Cover []float64
	// Bonus is a small term added to the score when the item is chosen.
	Bonus float64
	Role  catalog.Role
	// Fixed items must be chosen (the profile's includes).
	Fixed bool
}

// MaxPlaces bounds Problem.Places: place sets are bit masks and the
// transition search is a dynamic programme over subsets of used places.
const MaxPlaces = 24

// Settings tune the search. The zero value is not useful; start from
// DefaultSettings.
type Settings struct {
	// TimeLimit stops the branch and bound; the best routine found so
	// far is returned with Status Feasible and its Gap. Zero means no
	// limit. Default 10s.
	TimeLimit time.Duration
	// NodeLimit stops the branch and bound after this many nodes, like
	// TimeLimit but reproducible. Zero means no limit. Default 0.
	NodeLimit int
	// NoReasons leaves each Step's Reason and the Routine's Excluded
	// empty, for an output that does not show them: saying why every
	// variant is in or out is a few percent of a short plan's time.
	// Default false.
	NoReasons bool
}

// DefaultSettings returns the settings Plan uses when given no others:
// TimeLimit 10s, NodeLimit 0, with reasons.
func DefaultSettings() Settings {
	return Settings{TimeLimit: 10 * time.Second}
}

// Result is what Solve found.
type Result struct {
	// Status is Optimal when the search finished: no selection scores
	// more than Score + Tolerance. Feasible when a limit stopped it.
	Status Status
	// Score is the objective of Selected.
	Score float64
	// Bound is a proven upper bound on the optimum: Score when
	// Optimal, the largest bound of any unexplored subtree otherwise.
	Bound float64
	// Gap is Bound − Score.
	Gap float64
	// RootBound is the linear-programming bound at the root, before
	// any branching: the LP relaxation of the coverage knapsack.
	RootBound float64
	// Selected indexes Problem.Items, ascending.
	Selected []int
	// Path is the order of places visited, starting after Start.
	Path []int
	// Transition is the total transition time of Path in seconds.
	Transition int
	// Seconds is the exercise time of Selected plus Transition.
	Seconds int
	// Nodes is the number of branch-and-bound nodes explored.
	Nodes int
	// Removed counts items removed before the search because another
	// item dominates them.
	Removed int
}

// Tolerance is the optimality tolerance: a subtree is pruned when its
// bound does not exceed the best score by more than Tolerance, so an
// Optimal result is within Tolerance of the true optimum. (When every
// score is a whole multiple of a step, a subtree is also pruned when
// its bound is less than one step above the best score: nothing in it
// can be better.)
const Tolerance = 1e-9

// ErrInfeasible is matched by errors.Is for every *InfeasibleError.
var ErrInfeasible = errors.New("planner: no routine fits")

// InfeasibleError says that no routine meets the constraints, the
// smallest budget that would allow one and the constraint that bites.
type InfeasibleError struct {
	// MinBudget is the smallest budget in seconds with a feasible
	// routine, or 0 when no budget helps (for example when every
	// exercise is ruled out).
	MinBudget int
	// Binding names the constraint that makes the problem infeasible.
	Binding string
}

func (e *InfeasibleError) Error() string {
	if e.MinBudget <= 0 {
		return fmt.Sprintf("planner: no routine fits: %s", e.Binding)
	}
	return fmt.Sprintf("planner: no routine fits: %s; the shortest routine takes %s", e.Binding, formatSeconds(e.MinBudget))
}

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

// formatSeconds prints a duration the way the routine does: "45 s",
// "2 min", "2 min 5 s".
func formatSeconds(s int) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	default:
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	}
}

// validate checks the problem's shape; errors here are bugs in the
// caller, not in the person's profile.
func (p *Problem) validate() error {
	if len(p.Weights) != len(p.Groups) {
		return fmt.Errorf("planner: %d weights for %d groups", len(p.Weights), len(p.Groups))
	}
	for g, w := range p.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("planner: weight of %s is %v, want a finite value ≥ 0", p.Groups[g], w)
		}
	}
	np := len(p.Places)
	if np == 0 || np > MaxPlaces {
		return fmt.Errorf("planner: %d places, want 1 to %d", np, MaxPlaces)
	}
	if len(p.Transition) != np {
		return fmt.Errorf("planner: transition matrix has %d rows for %d places", len(p.Transition), np)
	}
	for i, row := range p.Transition {
		if len(row) != np {
			return fmt.Errorf("planner: transition row %d has %d columns for %d places", i, len(row), np)
		}
		for j, t := range row {
			if t < 0 || (i == j && t != 0) {
				return fmt.Errorf("planner: transition %s→%s is %d s", p.Places[i], p.Places[j], t)
			}
		}
	}
	if p.Start < 0 || p.Start >= np {
		return fmt.Errorf("planner: start place %d out of range", p.Start)
	}
	if p.Budget < 0 || p.MaxItems < 0 {
		return fmt.Errorf("planner: negative budget or item cap")
	}
	for _, f := range p.Require {
		if !slices.ContainsFunc(p.Items, func(it Item) bool { return it.Family == f }) {
			return fmt.Errorf("planner: required family %s has no item", f)
		}
	}
	for i := range p.Items {
		it := &p.Items[i]
		if len(it.Cover) != len(p.Groups) {
			return fmt.Errorf("planner: item %s has %d coverage values for %d groups", it.ID, len(it.Cover), len(p.Groups))
		}
		for g, a := range it.Cover {
			if !(a >= 0 && a <= 1) {
				return fmt.Errorf("planner: item %s covers %s by %v, want a value in [0,1]", it.ID, p.Groups[g], a)
			}
		}
		if it.Place < 0 || it.Place >= np {
			return fmt.Errorf("planner: item %s has place %d out of range", it.ID, it.Place)
		}
		if it.Seconds < 1 {
			return fmt.Errorf("planner: item %s takes %d s, want at least 1", it.ID, it.Seconds)
		}
		if math.IsNaN(it.Bonus) || math.IsInf(it.Bonus, 0) {
			return fmt.Errorf("planner: item %s has bonus %v", it.ID, it.Bonus)
		}
	}
	return nil
}

// Score is the objective of a selection of item indices, ignoring
// feasibility.
func (p *Problem) Score(sel []int) float64 {
	cov := make([]float64, len(p.Groups))
	bonus := 0.0
	for _, i := range sel {
		for g, a := range p.Items[i].Cover {
			cov[g] += a
		}
		bonus += p.Items[i].Bonus
	}
	s := 0.0
	for g, c := range cov {
		s += float64(p.Weights[g] * min(1, c))
	}
	return s + bonus
}
