package planner

import "slices"

// Dominance. Item j dominates item i when both are done in the same
// place, j takes no longer, covers every group at least as much, has at
// least the bonus, and has i's role whenever that role is one the
// constraints count (warm-up, relaxation, strength). Swapping i for j in
// a selection then keeps it feasible (same places, no more time, the
// same roles) and scores no less — provided j may be added. It may when
// j is in i's own family (they exclude each other anyway), or when i has
// dominators in at least kMax different other families, kMax being the
// most items any selection can hold: then some dominator's family is
// free. Among selections of the best score, one that maximises the sum
// of items' ranks (dominators rank above what they dominate) therefore
// holds no dominated item, so dominated items can be removed before the
// search without losing the optimum.

func (s *solver) dominates(j, i int32) bool {
	a, b := &s.items[j], &s.items[i]
	if a.place != b.place || a.d > b.d || a.bonus < b.bonus {
		return false
	}
	if b.role != 0 && a.role != b.role {
		return false
	}
	// Sparse coverage, both sorted by group: every group of b must be
	// covered at least as much by a.
	k := 0
	for _, cb := range b.cov {
		for k < len(a.cov) && a.cov[k].g < cb.g {
			k++
		}
		if k == len(a.cov) || a.cov[k].g != cb.g || a.cov[k].a < cb.a {
			return false
		}
	}
	// Identical items: the later index is the dominated one, so two
	// copies never remove each other.
	if a.d == b.d && a.bonus == b.bonus && len(a.cov) == len(b.cov) && a.role == b.role {
		same := true
		for k := range a.cov {
			if a.cov[k] != b.cov[k] {
				same = false
				break
			}
		}
		if same {
			return j < i
		}
	}
	return true
}

// maxItems is the most items any selection can hold: the cap, and the
// number of the shortest items that fit in the budget together.
func (s *solver) maxItems(cand []int32) int {
	ds := make([]int, 0, len(cand))
	for _, j := range cand {
		ds = append(ds, s.items[j].d)
	}
	slices.Sort(ds)
	left := s.B - s.itemTime
	n := 0
	for _, d := range ds {
		if d > left {
			break
		}
		left -= d
		n++
	}
	return min(n, s.K-len(s.sel)) + len(s.sel)
}

// removeDominated returns cand without the items that dominance rules
// out (see above); cand stays sorted.
func (s *solver) removeDominated(cand []int32) []int32 {
	if len(cand) < 2 {
		return cand
	}
	kMax := s.maxItems(cand)
	byPlace := make(map[int][]int32)
	for _, j := range cand {
		byPlace[s.items[j].place] = append(byPlace[s.items[j].place], j)
	}
	drop := make(map[int32]bool)
	fams := make(map[int32]bool)
	for _, group := range byPlace {
		for _, i := range group {
			clear(fams)
			for _, j := range group {
				if i == j || !s.dominates(j, i) {
					continue
				}
				if s.items[j].fam == s.items[i].fam {
					drop[i] = true
					break
				}
				fams[s.items[j].fam] = true
			}
			if len(fams) >= kMax {
				drop[i] = true
			}
		}
	}
	if len(drop) == 0 {
		return cand
	}
	kept := cand[:0]
	for _, j := range cand {
		if !drop[j] {
			kept = append(kept, j)
		}
	}
	s.removed = len(drop)
	return kept
}
