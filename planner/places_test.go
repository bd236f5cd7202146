package planner

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
)

func TestTransitionMatrixClosed(t *testing.T) {
	m := transitionMatrix()
	closed := shortestPaths(m)
	for i := range m {
		for j := range m {
			if m[i][j] != closed[i][j] || m[i][j] != m[j][i] {
				t.Fatalf("%s→%s: %d, shortest %d, back %d", placeNames[i], placeNames[j], m[i][j], closed[i][j], m[j][i])
			}
			if i != j && (m[i][j] <= 0 || m[i][j] >= infTime) {
				t.Fatalf("%s→%s: %d", placeNames[i], placeNames[j], m[i][j])
			}
		}
	}
	// Getting down to the floor costs the most from standing.
	for q := range m {
		if m[placeStanding][q] > m[placeStanding][placeIndex("supine")] {
			t.Fatalf("standing→%s costs more than getting down to lie on the floor", placeNames[q])
		}
	}
}

// TestDocsTransitionMatrix checks the table in docs/planner.md.
func TestDocsTransitionMatrix(t *testing.T) {
	data, err := os.ReadFile("../docs/planner.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	a := strings.Index(doc, "<!-- transition-matrix -->")
	b := strings.Index(doc, "<!-- /transition-matrix -->")
	if a < 0 || b < a {
		t.Fatal("docs/planner.md has no transition-matrix table")
	}
	m := transitionMatrix()
	rows := 0
	for _, line := range strings.Split(doc[a:b], "\n") {
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != len(placeNames)+1 {
			continue
		}
		i := placeIndex(strings.TrimSpace(cells[0]))
		if i < 0 {
			continue
		}
		rows++
		for j, c := range cells[1:] {
			v, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil || v != m[i][j] {
				t.Fatalf("docs: %s→%s is %q, the code says %d", placeNames[i], placeNames[j], c, m[i][j])
			}
		}
	}
	if rows != len(placeNames) {
		t.Fatalf("docs table has %d rows, want %d", rows, len(placeNames))
	}
}

func TestPlaceOf(t *testing.T) {
	cases := []struct {
		pos  catalog.Position
		surf catalog.Surface
		want string
	}{
		{catalog.Standing, catalog.SurfaceWall, "standing"},
		{catalog.Standing, catalog.SurfaceChair, "standing"},
		{catalog.SeatedChair, catalog.SurfaceChair, "seated-chair"},
		{catalog.Supine, catalog.SurfaceFloor, "supine"},
		{catalog.Supine, catalog.SurfaceBed, "supine-bed"},
		{catalog.SeatedFloor, catalog.SurfaceBed, "seated-bed"},
		{catalog.Kneeling, catalog.SurfaceBed, "kneeling-bed"},
		{catalog.Quadruped, catalog.SurfaceFloor, "quadruped"},
	}
	for _, tc := range cases {
		if got := placeNames[placeOf(catalog.Variant{Position: tc.pos, Surface: tc.surf})]; got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.pos, tc.surf, got, tc.want)
		}
	}
}
