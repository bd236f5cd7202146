// Package planner chooses, orders and doses the exercises of a routine.
//
// Plan screens the profile (Screen), rules out the variants the profile
// forbids, each with its reason, and builds a Problem: maximise the
// weighted, saturating coverage of the muscle groups
//
//	Σ_g w_g·min(1, Σ_i a_ig·x_i) + Σ_i b_i·x_i
//
// over the remaining variants x_i ∈ {0,1}, subject to the time of the
// exercises and of the moves between positions fitting the budget, at
// most one variant per exercise family, the profile's includes and cap
// on the number of exercises, strength work in routines of 8 minutes or
// more, and a warm-up first and a relaxation last. Solve finds the
// optimum by branch and bound with a proof (Status Optimal, Bound equal
// to Score), or, when Settings.TimeLimit stops it, the best routine
// found with its Gap. Plan then orders the exercises by the path through
// the positions, doses them to fill the time, and explains each choice.
// docs/planner.md documents the model and the solver in full.
//
// A small worked example (see ExampleSolve): three groups weighted
// lower back 1.0, glutes 0.8, hamstrings 0.6; a standing cat-cow
// warm-up (60 s, lower back 0.6) and hamstring stretch (60 s,
// hamstrings 0.7); and on the floor a knee-to-chest (60 s, lower back
// and glutes 0.5), a glute bridge (90 s, glutes 0.8, hamstrings 0.3,
// bonus 0.01) and child's pose as the relaxation (45 s, lower back
// 0.4); getting down to the floor takes 24 s; the budget is 4 minutes.
// The warm-up, the relaxation and the move down take 129 s and already
// cover the lower back fully (0.6 + 0.4), so the knee-to-chest adds
// only its glutes (0.4). The 111 s left hold the bridge (0.64 + 0.18 +
// 0.01 = 0.83) or one stretch (0.42 or 0.40), not two: the optimum is
// cat-cow, bridge, child's pose, score 1.83 in 219 s, and the branch
// and bound proves that no other choice scores more.
//
// A product that meets a sum is written float64(x*y): the explicit
// conversion rounds it, so no platform fuses the two into one
// multiply-add that rounds differently, and a plan is the same on
// every machine (docs/planner.md, "The same on every machine").
package planner
