package planner

import "encoding/binary"

// The incumbent comes first from a greedy, improved by a local search:
// a good score early lets the bounds prune most of the tree.

// fitsWith reports whether adding item j keeps the selection within the
// budget. Once the selection has the roles the order constraints need,
// the check uses the constrained path; before that, the free one.
func (s *solver) fitsWith(j int32) bool {
	it := &s.items[j]
	if s.famUsed[it.fam] || len(s.sel) >= s.K {
		return false
	}
	mask := s.mask | 1<<it.place
	first, last := mask, mask
	if s.warmFst && (s.nWarm > 0 || it.role == roleWarm) {
		first = s.warmMask
		if it.role == roleWarm {
			first |= 1 << it.place
		}
	}
	if s.relaxLs && (s.nRelax > 0 || it.role == roleRelax) {
		last = s.relaxMask
		if it.role == roleRelax {
			last |= 1 << it.place
		}
	}
	c := s.rolePath(mask, first, last)
	return c >= 0 && s.itemTime+it.d+c <= s.B
}

// pathDelta is the extra free-path time of adding item j.
func (s *solver) pathDelta(j int32) int {
	p := s.items[j].place
	if s.mask&(1<<p) != 0 {
		return 0
	}
	return s.rolePath(s.mask|1<<p, ^uint32(0), ^uint32(0)) - s.rolePath(s.mask, ^uint32(0), ^uint32(0))
}

// bestRatio returns the candidate with the best gain per second that
// fits, among those with the role bits want (0: any), or -1.
func (s *solver) bestRatio(cand []int32, want uint8, positive bool) int32 {
	best, bestR := int32(-1), 0.0
	for _, j := range cand {
		it := &s.items[j]
		if want != 0 && s.reqBits(it)&want == 0 {
			continue
		}
		if !s.fitsWith(j) {
			continue
		}
		g := s.gain(j)
		if positive && g <= Tolerance {
			continue
		}
		r := g / float64(it.d+s.pathDelta(j))
		if best < 0 || r > bestR {
			best, bestR = j, r
		}
	}
	return best
}

// greedy builds a selection from the current node: first the roles the
// constraints ask for (in the current (first, last) pair: a warm-up at
// the first place, a relaxation at the last), then the best gain per
// second while anything fits. The selection is offered as incumbent,
// undone, and returned when it is feasible.
func (s *solver) greedy(cand []int32) []int32 {
	depth := len(s.sel)
	for _, need := range []uint8{roleStrength, roleWarm, roleRelax} {
		if s.missing()&need != 0 {
			if j := s.bestRatio(cand, need, false); j >= 0 {
				s.push(j)
			}
		}
	}
	for {
		j := s.bestRatio(cand, 0, true)
		if j < 0 {
			break
		}
		s.push(j)
	}
	var out []int32
	if s.feasible() {
		out = append(out, s.sel...)
		s.offer()
	}
	for len(s.sel) > depth {
		s.pop()
	}
	return out
}

// localSearch improves the selection start (which extends the current
// one) by the best single move — add an item, drop one, or swap one for
// another — until no move improves it, offering each step.
//
// A round depends only on the candidates and the selection, in order, so
// a search that reaches a selection an earlier search of the same
// candidates went through would follow it from there: it stops. (The
// greedy starts of different first and last places are often the same.)
func (s *solver) localSearch(cand []int32, start []int32) {
	if len(start) == 0 {
		return
	}
	depth := len(s.sel)
	if s.lsIn == nil {
		s.lsIn = make([]bool, len(s.items))
	}
	inSel := s.lsIn
	for _, j := range start[depth:] {
		s.push(j)
		inSel[j] = true
	}
	if s.lsSeen == nil {
		s.lsSeen = make(map[string]map[string]bool)
	}
	candKey := string(appendInt32s(nil, cand))
	seen := s.lsSeen[candKey]
	if seen == nil {
		seen = make(map[string]bool)
		s.lsSeen[candKey] = seen
	}
	for round := 0; round < 100; round++ {
		key := string(appendInt32s(nil, s.sel))
		if seen[key] {
			break
		}
		seen[key] = true
		s.lsRounds++
		cur := s.value()
		bestD, bestOut, bestIn := Tolerance, int32(-1), int32(-1)
		// Adds.
		for _, j := range cand {
			if inSel[j] || !s.fitsWith(j) {
				continue
			}
			if s.gain(j) <= bestD {
				continue
			}
			s.push(j)
			if s.feasible() {
				bestD, bestOut, bestIn = s.value()-cur, -1, j
			}
			s.pop()
		}
		// Drops and swaps: take out the item at position k.
		for k := depth; k < len(s.sel); k++ {
			out := s.sel[k]
			s.removeAt(k)
			if s.feasible() {
				if d := s.value() - cur; d > bestD {
					bestD, bestOut, bestIn = d, out, -1
				}
			}
			base := s.value() - cur
			for _, j := range cand {
				if inSel[j] || j == out {
					continue
				}
				if s.gain(j)+base <= bestD || !s.fitsWith(j) {
					continue
				}
				s.push(j)
				if s.feasible() {
					bestD, bestOut, bestIn = s.value()-cur, out, j
				}
				s.pop()
			}
			s.insertAt(k, out)
		}
		if bestOut < 0 && bestIn < 0 {
			break
		}
		if bestOut >= 0 {
			for k := depth; k < len(s.sel); k++ {
				if s.sel[k] == bestOut {
					s.removeAt(k)
					break
				}
			}
			inSel[bestOut] = false
		}
		if bestIn >= 0 {
			s.push(bestIn)
			inSel[bestIn] = true
		}
		s.offer()
	}
	for _, j := range s.sel[depth:] {
		inSel[j] = false
	}
	for len(s.sel) > depth {
		s.pop()
	}
}

// removeAt takes the item at position k out of the selection, keeping
// the others in order.
func (s *solver) removeAt(k int) {
	var tail [64]int32
	rest := append(tail[:0], s.sel[k+1:]...)
	for len(s.sel) > k+1 {
		s.pop()
	}
	s.pop()
	for _, j := range rest {
		s.push(j)
	}
}

// insertAt puts item j back at position k.
func (s *solver) insertAt(k int, j int32) {
	var tail [64]int32
	rest := append(tail[:0], s.sel[k:]...)
	for len(s.sel) > k {
		s.pop()
	}
	s.push(j)
	for _, i := range rest {
		s.push(i)
	}
}

// appendInt32s appends the items to b, four bytes each: a map key.
func appendInt32s(b []byte, items []int32) []byte {
	for _, j := range items {
		b = binary.LittleEndian.AppendUint32(b, uint32(j))
	}
	return b
}
