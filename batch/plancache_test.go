package batch

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

func profileWith(t *testing.T, values map[string]any) profiles.Profile {
	t.Helper()
	cat := loadCatalog(t)
	p, err := profiles.Apply(profiles.Default(), values, known(cat))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// stepIDs summarises a routine for comparison.
func stepIDs(r *planner.Routine) string {
	s := fmt.Sprint(r.Total, r.Status)
	for _, st := range r.Steps {
		s += fmt.Sprintf(" %s:%d×%d", st.Variant.ID, st.Hold, st.Reps)
	}
	return s
}

// TestPlanKeyHandoutFields checks the assumption the cache rests on: the
// fields planKey leaves out do not change the routine.
func TestPlanKeyHandoutFields(t *testing.T) {
	cat := loadCatalog(t)
	a := profileWith(t, map[string]any{"minutes": 8, "floor": "bed"})
	b := profileWith(t, map[string]any{"minutes": 8, "floor": "bed", "patient": "Zoë", "clinician": "Dr Rao",
		"clinic": "Back Care", "notes": "walk daily", "per_day": 3, "days_per_week": 5})
	ka, _ := planKey(a)
	kb, _ := planKey(b)
	if ka != kb {
		t.Fatalf("keys differ:\n%s\n%s", ka, kb)
	}
	ra, err := planner.Plan(cat, a, planner.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	rb, err := planner.Plan(cat, b, planner.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if stepIDs(ra) != stepIDs(rb) || !reflect.DeepEqual(ra.Warnings, rb.Warnings) || !reflect.DeepEqual(ra.Excluded, rb.Excluded) {
		t.Errorf("handout fields changed the routine:\n%s\n%s", stepIDs(ra), stepIDs(rb))
	}
	for _, field := range []map[string]any{{"minutes": 9}, {"floor": "none"}, {"seed": 3}, {"sciatica": "left"}, {"red_flags": "leg-numbness"}} {
		values := map[string]any{"minutes": 8, "floor": "bed"}
		for k, v := range field {
			values[k] = v
		}
		kc, _ := planKey(profileWith(t, values))
		if kc == ka {
			t.Errorf("%v does not change the key", field)
		}
	}
}

func TestPlanCache(t *testing.T) {
	cat := loadCatalog(t)
	c := newPlanCache(cat, planner.DefaultSettings(), 2)
	ann := profileWith(t, map[string]any{"minutes": 6, "patient": "Ann"})
	bob := profileWith(t, map[string]any{"minutes": 6, "patient": "Bob"})
	r1, err := c.plan(ann)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := c.plan(bob)
	if err != nil {
		t.Fatal(err)
	}
	if r1.Profile.Patient != "Ann" || r2.Profile.Patient != "Bob" {
		t.Errorf("patients %q, %q", r1.Profile.Patient, r2.Profile.Patient)
	}
	if len(r1.Steps) == 0 || &r1.Steps[0] != &r2.Steps[0] {
		t.Error("the second row was planned again")
	}
	for m := 7; m <= 9; m++ {
		if _, err := c.plan(profileWith(t, map[string]any{"minutes": m})); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.entries) != 2 {
		t.Errorf("%d entries in a cache of 2", len(c.entries))
	}
	// Errors are remembered too.
	bad := profileWith(t, map[string]any{"minutes": 1, "include": "cat-cow"})
	for range 2 {
		if _, err := c.plan(bad); err == nil {
			t.Fatal("no error for a routine that cannot fit")
		}
	}
}

// TestPlanCacheConcurrent plans the same profiles from many goroutines.
func TestPlanCacheConcurrent(t *testing.T) {
	cat := loadCatalog(t)
	c := newPlanCache(cat, planner.DefaultSettings(), 3)
	profs := []profiles.Profile{
		profileWith(t, map[string]any{"minutes": 5}),
		profileWith(t, map[string]any{"minutes": 6, "floor": "none"}),
		profileWith(t, map[string]any{"minutes": 7, "floor": "bed"}),
		profileWith(t, map[string]any{"minutes": 5, "floor": "none"}),
	}
	want := make([]string, len(profs))
	for i, p := range profs {
		r, err := planner.Plan(cat, p, planner.DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		want[i] = stepIDs(r)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				k := (g + i) % len(profs)
				r, err := c.plan(profs[k])
				if err != nil {
					t.Error(err)
					return
				}
				if got := stepIDs(r); got != want[k] {
					t.Errorf("profile %d: %s, want %s", k, got, want[k])
				}
			}
		}()
	}
	wg.Wait()
}
