package planner

import (
	"math"
	"math/bits"
	"slices"
)

// The place-aware bound. The Lagrangian bound of lagrange charges no
// time for the places a completion adds. Split each family's term by
// place: with M the places already used and, for a family F,
// π_{F,M} = max(0, max_{j∈F at M} v_j − ρ d_j) and, for a new place q,
// π_{F,q} = max_{j∈F at q} v_j − ρ d_j, any completion whose new places
// are N scores at most
//
//	cst + ρ·(capacity − E(N)) + Σ_F π_{F,M} + Σ_{q∈N} Π_q
//	Π_q = Σ_F (π_{F,q} − π_{F,M})⁺,   E(N) = path(M ∪ N) − path(M)
//
// because its items fit in capacity − E(N) seconds and take at most one
// item per family from the places M ∪ N. Maximising over N — only
// places with Π_q > 0 can help, since E never falls when a place is
// added — gives a bound that pays for getting down to the floor. With
// the path costs of every place set in a table, the maximum is a walk
// over the subsets of a handful of places.

// maxPrizePlaces caps the places the bound enumerates subsets of.
const maxPrizePlaces = 6

// placeBound computes the bound above for the last lagrange evaluation
// out over cand. It also leaves, in s.bestWith[q], the best value of
// Σ_{q'∈N} Π_q' − ρ·E(N) over the N that use place q, so a forced item
// at q is bounded by
//
//	ub2 − max_N(…) − π_{F,M} + v_j − ρ d_j + bestWith[q]
//
// and in s.piM[f] each family's π_{F,M}. The last result is always true.
func (s *solver) placeBound(cand []int32, capT int, out lagOut) (float64, float64, bool) {
	rho := out.rho
	mask := s.mask | s.forced
	for q := range s.prize {
		s.prize[q] = 0
	}
	sumM := 0.0
	var newPlaces uint32
	for i := 0; i < len(cand); {
		f := s.items[cand[i]].fam
		e := i
		best := 0.0
		for ; e < len(cand) && s.items[cand[e]].fam == f; e++ {
			j := cand[e]
			it := &s.items[j]
			if mask&(1<<it.place) != 0 {
				if q := s.v[j] - timeValue(rho, it.d); q > best {
					best = q
				}
			} else {
				newPlaces |= 1 << it.place
			}
		}
		s.piM[f] = best
		sumM += best
		// Per new place, the family's best excess over π_{F,M}.
		for a := i; a < e; a++ {
			ja := cand[a]
			pa := s.items[ja].place
			if mask&(1<<pa) != 0 {
				continue
			}
			x := s.v[ja] - timeValue(rho, s.items[ja].d) - best
			if x <= 0 {
				continue
			}
			dup := false
			for b := i; b < e; b++ {
				jb := cand[b]
				if b != a && s.items[jb].place == pa {
					xb := s.v[jb] - timeValue(rho, s.items[jb].d) - best
					if xb > x || (xb == x && b < a) {
						dup = true
						break
					}
				}
			}
			if !dup {
				s.prize[pa] += x
			}
		}
		i = e
	}
	// Enumerate the places with the largest prizes; the others are
	// counted as if their transitions were free, which keeps the bound
	// valid (it only drops a cost) and the enumeration small.
	var qs [MaxPlaces]int
	k := 0
	for q := range s.prize {
		if s.prize[q] > 0 {
			qs[k] = q
			k++
		}
	}
	slices.SortStableFunc(qs[:k], func(a, b int) int {
		switch {
		case s.prize[a] > s.prize[b]:
			return -1
		case s.prize[a] < s.prize[b]:
			return 1
		}
		return 0
	})
	free := 0.0
	var freeMask uint32
	for _, q := range qs[min(k, maxPrizePlaces):k] {
		free += s.prize[q]
		freeMask |= 1 << q
	}
	k = min(k, maxPrizePlaces)
	n := 1 << k
	if cap(s.prizeSum) < n {
		s.prizeSum = make([]float64, n)
		s.subMask = make([]uint32, n)
	}
	ps, sm := s.prizeSum[:n], s.subMask[:n]
	ps[0], sm[0] = 0, mask
	base := s.pc(mask)
	best := 0.0
	for q := range s.bestWith {
		s.bestWith[q] = math.Inf(-1)
	}
	for N := 1; N < n; N++ {
		low := N & -N
		b := 0
		for 1<<b != low {
			b++
		}
		ps[N] = ps[N&^low] + s.prize[qs[b]]
		sm[N] = sm[N&^low] | 1<<qs[b]
	}
	for N := 0; N < n; N++ {
		val := ps[N] - timeValue(rho, s.pc(sm[N])-base)
		if val > best {
			best = val
		}
		for b := 0; b < k; b++ {
			if N&(1<<b) != 0 && val > s.bestWith[qs[b]] {
				s.bestWith[qs[b]] = val
			}
		}
	}
	// Places counted free: a forced item there is bounded by the best
	// over the enumerated places, its own transition not charged.
	for rest := freeMask; rest != 0; rest &= rest - 1 {
		s.bestWith[bits.TrailingZeros32(rest)] = best
	}
	// New places without a prize: a forced item there adds the place.
	for rest := newPlaces &^ freeMask; rest != 0; rest &= rest - 1 {
		q := 0
		for rest&(1<<q) == 0 {
			q++
		}
		if s.prize[q] > 0 {
			continue
		}
		bw := math.Inf(-1)
		for N := 0; N < n; N++ {
			if val := ps[N] - timeValue(rho, s.pc(sm[N]|1<<q)-base); val > bw {
				bw = val
			}
		}
		s.bestWith[q] = bw
	}
	for rest := mask; rest != 0; rest &= rest - 1 {
		q := 0
		for rest&(1<<q) == 0 {
			q++
		}
		s.bestWith[q] = best
	}
	for q := range s.bestWith {
		s.bestWith[q] += free
	}
	return out.cst + timeValue(rho, capT) + sumM + best + free, best + free, true
}
