package planner

import "math/bits"

// infTime is larger than any routine: 120 minutes of budget and
// transitions of a few seconds each stay far below it.
const infTime = 1 << 28

// closeTransitions returns a copy of t closed under shortest paths
// (Floyd–Warshall), so that t[a][c] ≤ t[a][b] + t[b][c]. With the
// triangle inequality the cheapest path through a set of places never
// gets cheaper when a place is added, which is what makes the path cost
// of the places already chosen a valid bound in the search.
func closeTransitions(t [][]int) [][]int {
	n := len(t)
	c := make([][]int, n)
	for i := range t {
		c[i] = append([]int(nil), t[i]...)
	}
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if d := c[i][k] + c[k][j]; d < c[i][j] {
					c[i][j] = d
				}
			}
		}
	}
	return c
}

// paths computes the cheapest order of visiting a set of places: a
// Hamiltonian path that starts from the start place and visits each
// place of the set once. Results are memoised per set: a search asks for
// the same few sets again and again.
type paths struct {
	t     [][]int // closed
	start int
	free  map[uint32]int32 // unconstrained cost
	roles map[uint64]int32 // cost with first ∈ warm, last ∈ relax; -1 when impossible
	// scratch for the subset dynamic programme
	dp []int32
}

func newPaths(t [][]int, start int) *paths {
	return &paths{t: t, start: start, free: make(map[uint32]int32), roles: make(map[uint64]int32)}
}

// cost is the cheapest path through mask with no condition on the first
// and last place.
func (ps *paths) cost(mask uint32) int {
	if mask == 0 {
		return 0
	}
	if c, ok := ps.free[mask]; ok {
		return int(c)
	}
	c := ps.solve(mask, mask, mask, nil)
	ps.free[mask] = int32(c)
	return c
}

// costRoles is the cheapest path through mask whose first place is in
// first and whose last place is in last, or -1 when there is none.
func (ps *paths) costRoles(mask, first, last uint32) int {
	first &= mask
	last &= mask
	if first == mask && last == mask {
		return ps.cost(mask)
	}
	key := uint64(mask) | uint64(first)<<24 | uint64(last)<<48
	if c, ok := ps.roles[key]; ok {
		return int(c)
	}
	c := ps.solve(mask, first, last, nil)
	if c >= infTime {
		c = -1
	}
	ps.roles[key] = int32(c)
	return c
}

// order returns the places of mask in the order of the cheapest path
// with the given first and last conditions, and its cost (-1 and nil
// when impossible). Ties go to the path found first when the places are
// tried in index order, so the order is deterministic.
func (ps *paths) order(mask, first, last uint32) ([]int, int) {
	if mask == 0 {
		return nil, 0
	}
	var seq []int
	c := ps.solve(mask, first&mask, last&mask, &seq)
	if c >= infTime {
		return nil, -1
	}
	return seq, c
}

// solve runs the dynamic programme over subsets of mask: dp[S][v] is the
// cheapest path from the start through exactly the places S ending at v.
// It costs 2^k·k² for k places, and k is small (a routine uses a handful
// of positions).
func (ps *paths) solve(mask, first, last uint32, seq *[]int) int {
	var idx [MaxPlaces]int
	k := 0
	for m := mask; m != 0; m &= m - 1 {
		idx[k] = bits.TrailingZeros32(m)
		k++
	}
	if k == 1 {
		v := idx[0]
		if first&(1<<v) == 0 || last&(1<<v) == 0 {
			return infTime
		}
		if seq != nil {
			*seq = []int{v}
		}
		return ps.t[ps.start][v]
	}
	full := 1 << k
	need := full * k
	if cap(ps.dp) < need {
		ps.dp = make([]int32, need)
	}
	dp := ps.dp[:need]
	for i := range dp {
		dp[i] = infTime
	}
	for a := 0; a < k; a++ {
		if first&(1<<idx[a]) != 0 {
			dp[(1<<a)*k+a] = int32(ps.t[ps.start][idx[a]])
		}
	}
	for s := 1; s < full; s++ {
		for a := 0; a < k; a++ {
			cur := dp[s*k+a]
			if cur >= infTime || s&(1<<a) == 0 {
				continue
			}
			row := ps.t[idx[a]]
			for b := 0; b < k; b++ {
				if s&(1<<b) != 0 {
					continue
				}
				ns := s | 1<<b
				if c := cur + int32(row[idx[b]]); c < dp[ns*k+b] {
					dp[ns*k+b] = c
				}
			}
		}
	}
	best, bestEnd := int32(infTime), -1
	for a := 0; a < k; a++ {
		if last&(1<<idx[a]) != 0 && dp[(full-1)*k+a] < best {
			best, bestEnd = dp[(full-1)*k+a], a
		}
	}
	if bestEnd < 0 {
		return infTime
	}
	if seq != nil {
		// Walk back: the predecessor is the first place (in index
		// order) whose path value plus the arc equals the value here.
		out := make([]int, k)
		s, a := full-1, bestEnd
		for pos := k - 1; pos >= 0; pos-- {
			out[pos] = idx[a]
			if pos == 0 {
				break
			}
			prev := s &^ (1 << a)
			for b := 0; b < k; b++ {
				if prev&(1<<b) != 0 && dp[prev*k+b] < infTime && dp[prev*k+b]+int32(ps.t[idx[b]][idx[a]]) == dp[s*k+a] {
					s, a = prev, b
					break
				}
			}
		}
		*seq = out
	}
	return int(best)
}
