package planner

import (
	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// Status says how good a routine is known to be.
type Status string

// Statuses.
const (
	// Optimal: no routine that meets the constraints scores higher.
	Optimal Status = "optimal"
	// Feasible: the time limit stopped the search; Gap bounds the loss.
	Feasible Status = "feasible"
)

// Step is one exercise of a routine, in order, with its dose.
type Step struct {
	Variant    catalog.Variant // the exercise as in the catalog
	FamilyName string
	Sides      int // 1, or 2 for a sided exercise (both sides are done)
	Hold       int // seconds held each rep
	Reps       int // reps each side
	Sets       int
	Seconds    int // time of the exercise itself, both sides, at this dose
	Transition int // seconds to get into this exercise's position from the previous one
	Reason     string
	// Other is the side order for sided work: "left then right", or
	// "right then left" (the painful side last, so it is done warm).
	SideOrder string
}

// Exclusion is a catalog variant that is not in the routine, and why.
type Exclusion struct {
	ID     string
	Reason string
	// Filtered is true when the profile rules the variant out; false
	// when it was allowed but the optimizer chose others.
	Filtered bool
}

// Routine is a planned session.
type Routine struct {
	Profile  profiles.Profile
	Budget   int // seconds available
	Total    int // seconds the routine takes, transitions included
	Status   Status
	Gap      float64 // upper bound minus score, 0 when optimal
	Score    float64
	Bound    float64                   // best proven upper bound on the score
	Coverage map[catalog.Group]float64 // 0..1 per group
	Weights  map[catalog.Group]float64 // the weights the score used
	Steps    []Step
	Excluded []Exclusion
	Warnings []string // e.g. warning-level screen answers, reductions made
	Nodes    int      // branch-and-bound nodes explored

	// Verdict is the safety screen's result. A routine exists only for
	// the clear and warning levels; at the warning level Warnings starts
	// with the answers' messages (the catalog's warning headline is not
	// repeated there).
	Verdict Verdict
	// Transitions is the time spent changing position, in seconds (the
	// sum of the steps' Transition).
	Transitions int
	// Path lists the places the routine visits, in order (a place is a
	// body position, on a bed or not, see docs/planner.md).
	Path []string
}
