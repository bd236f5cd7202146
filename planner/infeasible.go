package planner

import (
	"fmt"
	"slices"
	"strings"
)

// checkFixed rejects includes that no budget can satisfy.
func (s *solver) checkFixed(fixed []int32) error {
	for a := 0; a < len(fixed); a++ {
		for b := a + 1; b < len(fixed); b++ {
			if s.items[fixed[a]].fam == s.items[fixed[b]].fam {
				ia, ib := s.p.Items[s.items[fixed[a]].orig], s.p.Items[s.items[fixed[b]].orig]
				return &InfeasibleError{Binding: fmt.Sprintf("one variant per exercise: the included %s and %s are both %s", ia.ID, ib.ID, ia.Family)}
			}
		}
	}
	if len(fixed) > s.K {
		return &InfeasibleError{Binding: fmt.Sprintf("max exercises: %d exercises are included but at most %d are allowed", len(fixed), s.K)}
	}
	return nil
}

// minSelection is the shortest selection meeting the constraints that
// flags turn on (includes always), and its time; -1 when there is none.
//
// It holds the includes plus at most one item per role still missing
// (or one item of any role when nothing is included and no role is
// asked for): any other item only adds time, because the path cost
// never drops when a place is added. For a missing role, only the three
// shortest items of that role in each place matter: a selection of at
// most three extra items can clash with at most two other families.
func (s *solver) minSelection(strength, order bool) ([]int32, int) {
	for len(s.sel) > 0 {
		s.pop()
	}
	for j := range s.items {
		if s.items[j].fixed {
			s.push(int32(j))
		}
	}
	var needs []uint8
	if strength && s.needStr && s.nStr == 0 {
		needs = append(needs, roleStrength)
	}
	if order && s.warmFst && s.nWarm == 0 {
		needs = append(needs, roleWarm)
	}
	if order && s.relaxLs && s.nRelax == 0 {
		needs = append(needs, roleRelax)
	}
	if len(needs) == 0 && len(s.sel) == 0 {
		needs = append(needs, 0xff)
	}
	lists := make([][]int32, len(needs))
	for k, role := range needs {
		perPlace := make(map[int][]int32)
		for j := range s.items {
			it := &s.items[j]
			if it.fixed || s.famUsed[it.fam] || (role != 0xff && it.role != role) {
				continue
			}
			perPlace[it.place] = append(perPlace[it.place], int32(j))
		}
		places := make([]int, 0, len(perPlace))
		for p := range perPlace {
			places = append(places, p)
		}
		slices.Sort(places)
		for _, p := range places {
			l := perPlace[p]
			slices.SortStableFunc(l, func(a, b int32) int { return s.items[a].d - s.items[b].d })
			lists[k] = append(lists[k], l[:min(3, len(l))]...)
		}
	}
	var best []int32
	bestT := -1
	var walk func(k int)
	walk = func(k int) {
		if k == len(lists) {
			if len(s.sel) == 0 || len(s.sel) > s.K {
				return
			}
			if (strength && s.needStr && s.nStr == 0) || (order && s.warmFst && s.nWarm == 0) || (order && s.relaxLs && s.nRelax == 0) {
				return
			}
			first, last := s.mask, s.mask
			if order && s.warmFst {
				first = s.warmMask
			}
			if order && s.relaxLs {
				last = s.relaxMask
			}
			c := s.paths.costRoles(s.mask, first, last)
			if c < 0 {
				return
			}
			if t := s.itemTime + c; bestT < 0 || t < bestT {
				bestT = t
				best = append(best[:0], s.sel...)
			}
			return
		}
		for _, j := range lists[k] {
			if s.famUsed[s.items[j].fam] {
				continue
			}
			s.push(j)
			walk(k + 1)
			s.pop()
		}
	}
	walk(0)
	for len(s.sel) > 0 {
		s.pop()
	}
	return best, bestT
}

// infeasible explains why the search found nothing: the smallest budget
// with a feasible routine and the constraint that bites. When the
// shortest feasible selection fits after all (a limit stopped the
// search before any was found), it becomes the result instead.
func (s *solver) infeasible() error {
	if len(s.items) == 0 {
		return &InfeasibleError{Binding: "no exercise is left to choose from"}
	}
	sel, t := s.minSelection(true, true)
	if t >= 0 && t <= s.B {
		// Unreachable when the search ran to the end; kept so a limit
		// never turns a feasible problem into an error.
		for _, j := range sel {
			s.push(j)
		}
		s.offer()
		return nil
	}
	_, tNoOrder := s.minSelection(true, false)
	_, tFree := s.minSelection(false, false)
	var fixedIDs []string
	for _, it := range s.items {
		if it.fixed {
			fixedIDs = append(fixedIDs, s.p.Items[it.orig].ID)
		}
	}
	slices.Sort(fixedIDs)
	e := &InfeasibleError{MinBudget: max(t, 0)}
	switch {
	case tFree < 0 && len(fixedIDs) == 0:
		e.Binding = "no exercise is left to choose from"
	case tFree < 0:
		e.Binding = "max exercises: the included exercises leave no room"
	case tFree > s.B && len(fixedIDs) > 0:
		e.Binding = fmt.Sprintf("time: the included exercises (%s) need %s", strings.Join(fixedIDs, ", "), formatSeconds(tFree))
	case tFree > s.B:
		e.Binding = fmt.Sprintf("time: %s is too short for any exercise", formatSeconds(s.B))
	case tNoOrder < 0:
		e.Binding = "strength: no strength exercise can be added"
	case tNoOrder > s.B:
		e.Binding = "strength: at least one strength exercise is required and none fits"
	case t < 0:
		e.Binding = "order: no warm-up first and relaxation last is possible"
	default:
		e.Binding = "order: a warm-up first and a relaxation last do not fit"
	}
	return e
}
