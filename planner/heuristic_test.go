package planner

import (
	"slices"
	"testing"
)

// A local search from a selection an earlier search of the same
// candidates went through stops at once, and leaves the incumbent as it
// was; with other candidates it searches again.
func TestLocalSearchStopsOnSeenSelection(t *testing.T) {
	p := synthetic(synthSpec{Items: 60, Groups: 8, Budget: 600, Seed: 7})
	s, cand := solverOf(&p)
	start := s.greedy(cand)
	if len(start) == 0 {
		t.Fatal("no greedy start")
	}
	s.localSearch(cand, start)
	rounds, val, inc := s.lsRounds, s.incVal, slices.Clone(s.inc)
	if rounds == 0 || !s.haveInc {
		t.Fatalf("first search: %d rounds, incumbent %v", rounds, s.haveInc)
	}
	s.localSearch(cand, start)
	if s.lsRounds != rounds || s.incVal != val || !slices.Equal(s.inc, inc) {
		t.Errorf("second search from the same start: %d rounds in all (want %d), incumbent %v %v (want %v %v)", s.lsRounds, rounds, s.incVal, s.inc, val, inc)
	}
	if len(s.sel) != 0 {
		t.Errorf("selection left at %v", s.sel)
	}
	// Other candidates: the same start is a new search.
	var fewer []int32
	for _, j := range cand {
		if !slices.Contains(start, j) && len(fewer) < len(cand)-len(start)-1 {
			fewer = append(fewer, j)
		}
	}
	fewer = append(fewer, start...)
	slices.Sort(fewer)
	s.localSearch(fewer, start)
	if s.lsRounds == rounds {
		t.Error("a search of other candidates stopped at a selection seen with different ones")
	}
}
