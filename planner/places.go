package planner

import (
	"sync"

	"github.com/limberhq/limber/catalog"
)

// A place is where an exercise is done: its body position, with the
// positions on a bed kept apart from those on the floor (getting onto a
// bed is not getting down to the floor). Moving between places costs
// time, and the routine visits each place it uses once.
var placeNames = []string{
	"standing",       // 0: also at a wall
	"seated-chair",   // 1
	"kneeling",       // 2: on the floor
	"quadruped",      // 3
	"seated-floor",   // 4
	"supine",         // 5
	"prone",          // 6
	"side-lying",     // 7
	"seated-bed",     // 8: sitting on the edge of a bed
	"kneeling-bed",   // 9
	"quadruped-bed",  // 10
	"supine-bed",     // 11
	"prone-bed",      // 12
	"side-lying-bed", // 13
}

// placeStanding is where every routine starts.
const placeStanding = 0

// placeMoves are the direct moves between places in seconds, the same
// both ways. Every other transition goes through them: the matrix is
// their shortest-path closure, so getting from standing to lying on
// the back on the floor (standing → kneeling → seated on the floor →
// supine) costs 12 + 6 + 6 = 24 s, the dearest kind of move, while a
// roll from lying on the back to the side costs 4 s.
var placeMoves = []struct {
	a, b string
	sec  int
}{
	{"standing", "seated-chair", 5},
	{"standing", "kneeling", 12}, // down to the floor and back up
	{"kneeling", "quadruped", 4},
	{"kneeling", "seated-floor", 6},
	{"quadruped", "prone", 6},
	{"quadruped", "side-lying", 6},
	{"seated-floor", "supine", 6},
	{"supine", "side-lying", 4},
	{"side-lying", "prone", 4},
	{"standing", "seated-bed", 6}, // sit down on the bed's edge
	{"seated-bed", "supine-bed", 6},
	{"seated-bed", "kneeling-bed", 6},
	{"kneeling-bed", "quadruped-bed", 4},
	{"quadruped-bed", "prone-bed", 6},
	{"supine-bed", "side-lying-bed", 4},
	{"side-lying-bed", "prone-bed", 4},
}

// placeIndex returns the index of a place name, or -1.
func placeIndex(name string) int {
	for i, n := range placeNames {
		if n == name {
			return i
		}
	}
	return -1
}

// transitionMatrix is the closed transition matrix between places.
var transitionMatrix = sync.OnceValue(func() [][]int {
	n := len(placeNames)
	t := make([][]int, n)
	for i := range t {
		t[i] = make([]int, n)
		for j := range t[i] {
			if i != j {
				t[i][j] = infTime
			}
		}
	}
	for _, m := range placeMoves {
		a, b := placeIndex(m.a), placeIndex(m.b)
		t[a][b], t[b][a] = m.sec, m.sec
	}
	return closeTransitions(t)
})

// placeOf returns the place of a variant: its position, on the bed when
// its surface is a bed. Standing work at a wall or holding a chair
// stays standing.
func placeOf(v catalog.Variant) int {
	pos := string(v.Position)
	if v.Surface == catalog.SurfaceBed {
		switch v.Position {
		case catalog.SeatedChair, catalog.SeatedFloor:
			return placeIndex("seated-bed")
		case catalog.Kneeling, catalog.Quadruped, catalog.Supine, catalog.Prone, catalog.SideLying:
			return placeIndex(pos + "-bed")
		}
	}
	if i := placeIndex(pos); i >= 0 {
		return i
	}
	return placeStanding
}
