package planner

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

var loadCatalog = sync.OnceValues(func() (*catalog.Catalog, error) { return catalog.Load() })

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := loadCatalog()
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	return cat
}

// gridSettings bound the search by nodes, not time, so a run is the
// same on any machine; most grid profiles finish well inside it.
func gridSettings() Settings {
	s := DefaultSettings()
	s.TimeLimit = 0
	s.NodeLimit = 1500
	return s
}

// gridProfiles is the invariant grid: minutes × floor × range of motion
// × sciatica × knees × balance, 864 profiles.
func gridProfiles() []profiles.Profile {
	var out []profiles.Profile
	for _, minutes := range []int{2, 4, 8, 15, 30, 60} {
		for _, floor := range []profiles.Floor{profiles.FloorMat, profiles.FloorBed, profiles.FloorNone} {
			for _, rom := range []profiles.ROM{profiles.ROMLimited, profiles.ROMModerate, profiles.ROMFull} {
				for _, sciatica := range []profiles.Side{profiles.SideNone, profiles.SideLeft, profiles.SideRight, profiles.SideBoth} {
					for _, knees := range []bool{false, true} {
						for _, balance := range []bool{false, true} {
							p := profiles.Default()
							p.Minutes, p.Floor, p.ROM, p.Sciatica, p.BadKnees, p.PoorBalance = minutes, floor, rom, sciatica, knees, balance
							out = append(out, p)
						}
					}
				}
			}
		}
	}
	return out
}

func gridName(p profiles.Profile) string {
	return fmt.Sprintf("%dmin/%s/%s/%s/knees=%v/balance=%v", p.Minutes, p.Floor, p.ROM, p.Sciatica, p.BadKnees, p.PoorBalance)
}

// checkRoutine asserts the invariants every routine keeps.
func checkRoutine(t *testing.T, cat *catalog.Catalog, p profiles.Profile, r *Routine) {
	t.Helper()
	if r.Budget != p.Minutes*60 {
		t.Fatalf("budget %d for %d minutes", r.Budget, p.Minutes)
	}
	if r.Total > r.Budget {
		t.Fatalf("total %d over budget %d", r.Total, r.Budget)
	}
	gentle := p.Level == profiles.LevelGentle || Screen(cat.Safety, p).Level == ScreenWarning
	fams := map[string]bool{}
	sum := 0
	for k, st := range r.Steps {
		v := st.Variant
		if reason := FilterReason(v, p, gentle); reason != "" {
			t.Fatalf("step %s is ruled out: %s", v.ID, reason)
		}
		if fams[v.Family] {
			t.Fatalf("two variants of %s", v.Family)
		}
		fams[v.Family] = true
		d := v.Dosage
		if st.Sides != sidesOf(v) || (v.Sided != (st.SideOrder != "")) {
			t.Fatalf("%s: sides %d, side order %q", v.ID, st.Sides, st.SideOrder)
		}
		if v.Sided && p.Sciatica == profiles.SideLeft && st.SideOrder != "right then left" {
			t.Fatalf("%s: left sciatica but side order %q", v.ID, st.SideOrder)
		}
		if st.Hold < d.Hold || st.Hold > max(d.MaxHold, d.Hold) || st.Reps < d.Reps || st.Reps > max(d.MaxReps, d.Reps) || st.Sets < d.Sets || st.Sets > maxSets(d, gentle) {
			t.Fatalf("%s: dose hold %d reps %d sets %d outside %+v", v.ID, st.Hold, st.Reps, st.Sets, d)
		}
		if st.Seconds != stepSeconds(st) {
			t.Fatalf("%s: %d s, dose gives %d", v.ID, st.Seconds, stepSeconds(st))
		}
		prev := placeStanding
		if k > 0 {
			prev = placeOf(r.Steps[k-1].Variant)
		}
		if want := transitionMatrix()[prev][placeOf(v)]; st.Transition != want {
			t.Fatalf("%s: transition %d, want %d", v.ID, st.Transition, want)
		}
		if st.Reason == "" {
			t.Fatalf("%s: no reason", v.ID)
		}
		sum += st.Seconds + st.Transition
	}
	if sum != r.Total {
		t.Fatalf("steps add up to %d, total %d", sum, r.Total)
	}
	dropped := slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "warm-up first and a relaxation last") })
	hasRole := func(role catalog.Role) bool {
		return slices.ContainsFunc(cat.Variants, func(v catalog.Variant) bool { return v.Role == role && FilterReason(v, p, gentle) == "" })
	}
	if !dropped && len(r.Steps) > 0 {
		if hasRole(catalog.WarmUp) && r.Steps[0].Variant.Role != catalog.WarmUp {
			t.Fatalf("first step %s is not a warm-up", r.Steps[0].Variant.ID)
		}
		if last := r.Steps[len(r.Steps)-1]; hasRole(catalog.Relaxation) && last.Variant.Role != catalog.Relaxation {
			t.Fatalf("last step %s is not a relaxation", last.Variant.ID)
		}
	}
	if p.Minutes >= 8 && !p.StretchOnly && hasRole(catalog.Strength) && !slices.ContainsFunc(r.Steps, func(st Step) bool { return st.Variant.Role == catalog.Strength }) {
		t.Fatalf("no strength exercise in %d minutes", p.Minutes)
	}
	for g, c := range r.Coverage {
		if c < 0 || c > 1 {
			t.Fatalf("coverage of %s is %v", g, c)
		}
	}
	// Every catalog variant is either a step or excluded, once.
	seen := map[string]int{}
	for _, st := range r.Steps {
		seen[st.Variant.ID]++
	}
	for _, e := range r.Excluded {
		seen[e.ID]++
		if e.Reason == "" {
			t.Fatalf("exclusion of %s has no reason", e.ID)
		}
		if e.Filtered != (FilterReason(mustVariant(cat, e.ID), p, gentle) != "") {
			t.Fatalf("exclusion of %s: filtered %v", e.ID, e.Filtered)
		}
	}
	for _, v := range cat.Variants {
		if seen[v.ID] != 1 {
			t.Fatalf("%s appears %d times in steps and exclusions", v.ID, seen[v.ID])
		}
	}
	if r.Status == Optimal && r.Bound != r.Score {
		t.Fatalf("optimal with bound %v ≠ score %v", r.Bound, r.Score)
	}
}

// checkFilled asserts that the routine ends within fillSlack of the
// budget unless its exercises are all at their longest safe dose and no
// other exercise can join it.
func checkFilled(t *testing.T, cat *catalog.Catalog, p profiles.Profile, r *Routine) {
	t.Helper()
	if r.Budget-r.Total <= fillSlack {
		return
	}
	gentle := p.Level == profiles.LevelGentle || Screen(cat.Safety, p).Level == ScreenWarning
	left := r.Budget - r.Total
	// No exercise has a dose within its limits that would use the time
	// left (any hold, reps and rounds from the catalog's to the maxima).
	for _, st := range r.Steps {
		d := st.Variant.Dosage
		for h := d.Hold; h <= max(d.MaxHold, d.Hold); h++ {
			for reps := d.Reps; reps <= max(d.MaxReps, d.Reps); reps++ {
				for sets := d.Sets; sets <= maxSets(d, gentle); sets++ {
					c := st
					c.Hold, c.Reps, c.Sets = h, reps, sets
					if extra := stepSeconds(c) - st.Seconds; extra > left-fillSlack && extra <= left {
						t.Fatalf("%d s left but %s could take %d s more (hold %d reps %d sets %d)", left, st.Variant.ID, extra, h, reps, sets)
					}
				}
			}
		}
	}
	m, err := buildModel(cat, p, gentle)
	if err != nil {
		t.Fatal(err)
	}
	if dropped := slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "warm-up first and a relaxation last") }); dropped {
		m.prob.WarmUpFirst, m.prob.RelaxLast = false, false
	}
	var sel []int
	for _, st := range r.Steps {
		sel = append(sel, slices.IndexFunc(m.prob.Items, func(it Item) bool { return it.ID == st.Variant.ID }))
	}
	slices.Sort(sel)
	if i := m.filler(sel); i >= 0 {
		t.Fatalf("%d s left and %s could join", r.Budget-r.Total, m.prob.Items[i].ID)
	}
}

func TestPlanInvariantsGrid(t *testing.T) {
	cat := testCatalog(t)
	grid := gridProfiles()
	const shards = 6
	for shard := 0; shard < shards; shard++ {
		t.Run(fmt.Sprint("shard", shard), func(t *testing.T) {
			t.Parallel()
			for k := shard; k < len(grid); k += shards {
				p := grid[k]
				r, err := Plan(cat, p, gridSettings())
				if err != nil {
					var ie *InfeasibleError
					if !errors.As(err, &ie) {
						t.Fatalf("%s: %v", gridName(p), err)
					}
					continue
				}
				t.Run(gridName(p), func(t *testing.T) {
					checkRoutine(t, cat, p, r)
					checkFilled(t, cat, p, r)
				})
			}
		})
	}
}

// TestPlanDeterministic plans a sample of the grid twice, with and
// without a seed: the routines must be identical.
func TestPlanDeterministic(t *testing.T) {
	cat := testCatalog(t)
	grid := gridProfiles()
	for k := 0; k < len(grid); k += 29 {
		p := grid[k]
		p.Seed = int64(k % 3)
		a, errA := Plan(cat, p, gridSettings())
		b, errB := Plan(cat, p, gridSettings())
		if fmt.Sprint(errA) != fmt.Sprint(errB) || !reflect.DeepEqual(a, b) {
			t.Fatalf("%s seed %d: two runs differ", gridName(p), p.Seed)
		}
	}
}

func TestPlanPresets(t *testing.T) {
	cat := testCatalog(t)
	for _, name := range profiles.PresetNames() {
		p, err := profiles.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Plan(cat, p, DefaultSettings())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r.Status != Optimal {
			t.Fatalf("%s: status %s", name, r.Status)
		}
		checkRoutine(t, cat, p, r)
		checkFilled(t, cat, p, r)
	}
}

func TestPlanRefusesEmergency(t *testing.T) {
	cat := testCatalog(t)
	p := profiles.Default()
	p.RedFlags = []string{"bladder-bowel"}
	_, err := Plan(cat, p, DefaultSettings())
	var re *RefusedError
	if !errors.As(err, &re) || !errors.Is(err, ErrRefused) || re.Verdict.Level != ScreenEmergency {
		t.Fatalf("got %v, want a refusal", err)
	}
	if err := ExportLP(&strings.Builder{}, cat, p, DefaultSettings()); !errors.Is(err, ErrRefused) {
		t.Fatalf("ExportLP: got %v, want a refusal", err)
	}
}

func TestPlanWarningIsGentle(t *testing.T) {
	cat := testCatalog(t)
	p := profiles.Default()
	p.ROM = profiles.ROMFull
	p.RedFlags = []string{"leg-numbness"}
	r, err := Plan(cat, p, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict.Level != ScreenWarning || len(r.Warnings) == 0 {
		t.Fatalf("verdict %s, warnings %q", r.Verdict.Level, r.Warnings)
	}
	for _, st := range r.Steps {
		if st.Variant.Demands.ROM > gentleROM {
			t.Fatalf("%s needs range %d at the gentle level", st.Variant.ID, st.Variant.Demands.ROM)
		}
	}
	checkRoutine(t, cat, p, r)
}

func TestPlanInfeasible(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		name    string
		edit    func(*profiles.Profile)
		binding string
		budget  bool
	}{
		{"one minute with a long include", func(p *profiles.Profile) {
			p.Minutes = 1
			p.Include = []string{"legs-up-the-wall-straight"}
		}, "time", true},
		{"everything excluded", func(p *profiles.Profile) {
			p.Exclude = cat.FamilyIDs()
		}, "rules out every exercise", false},
		{"include ruled out", func(p *profiles.Profile) {
			p.Floor = profiles.FloorNone
			p.Include = []string{"knee-to-chest-single"}
		}, "include: knee-to-chest-single needs the floor", false},
	}
	for _, tc := range cases {
		p := profiles.Default()
		tc.edit(&p)
		_, err := Plan(cat, p, DefaultSettings())
		var ie *InfeasibleError
		if !errors.As(err, &ie) || !errors.Is(err, ErrInfeasible) {
			t.Fatalf("%s: got %v, want infeasible", tc.name, err)
		}
		if !strings.Contains(ie.Binding, tc.binding) || (ie.MinBudget > 0) != tc.budget {
			t.Fatalf("%s: binding %q min budget %d", tc.name, ie.Binding, ie.MinBudget)
		}
		if tc.budget {
			q := p
			q.Minutes = (ie.MinBudget + 59) / 60
			if _, err := Plan(cat, q, DefaultSettings()); err != nil {
				t.Fatalf("%s: %d minutes still fail: %v", tc.name, q.Minutes, err)
			}
		}
	}
}

func TestPlanIncludeFamily(t *testing.T) {
	cat := testCatalog(t)
	p := profiles.Default()
	p.Minutes = 6
	p.Include = []string{"bird-dog"}
	r, err := Plan(cat, p, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r.Steps, func(st Step) bool { return st.Variant.Family == "bird-dog" }) {
		t.Fatalf("no bird-dog variant in %v", r.Steps)
	}
	checkRoutine(t, cat, p, r)
}

// twinCatalog has two exercises that are equally good for everyone and
// room for one: a standing warm-up, two standing stretches alike in
// all but their names, and a relaxation.
func twinCatalog() *catalog.Catalog {
	dose := catalog.Dosage{Hold: 20, MaxHold: 20, Move: 5, Reps: 1, MaxReps: 1, Sets: 1, Setup: 10}
	v := func(id string, role catalog.Role, cov map[catalog.Group]float64) catalog.Variant {
		return catalog.Variant{ID: id, Family: id, Name: id, Role: role, Position: catalog.Standing, Surface: catalog.SurfaceNone, Demands: catalog.Demands{ROM: 1}, Dosage: dose, Coverage: cov}
	}
	c := &catalog.Catalog{Variants: []catalog.Variant{
		v("a-warm", catalog.WarmUp, map[catalog.Group]float64{catalog.LowerBack: 0.5}),
		v("b-twin", catalog.Stretch, map[catalog.Group]float64{catalog.Hamstrings: 0.6}),
		v("c-twin", catalog.Stretch, map[catalog.Group]float64{catalog.Hamstrings: 0.6}),
		v("d-relax", catalog.Relaxation, map[catalog.Group]float64{catalog.LowerBack: 0.5}),
	}}
	for _, x := range c.Variants {
		c.Families = append(c.Families, catalog.Family{ID: x.ID, Name: x.ID})
	}
	return c
}

func TestPlanSeedRotates(t *testing.T) {
	cat := twinCatalog()
	p := profiles.Default()
	p.Minutes = 2 // three exercises of 35 s fit, not four
	seen := map[string]int{}
	for seed := int64(1); seed <= 12; seed++ {
		p.Seed = seed
		r, err := Plan(cat, p, DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Steps) != 3 || r.Steps[1].Variant.Family == "a-warm" {
			t.Fatalf("seed %d: %d steps", seed, len(r.Steps))
		}
		seen[r.Steps[1].Variant.ID]++
		if r.Score < 1.0*1.3+0.6*0.7-1e-4 {
			t.Fatalf("seed %d: score %v", seed, r.Score)
		}
	}
	if seen["b-twin"] == 0 || seen["c-twin"] == 0 {
		t.Fatalf("12 seeds chose %v", seen)
	}
	// Without a seed the choice is fixed.
	p.Seed = 0
	r1, _ := Plan(cat, p, DefaultSettings())
	r2, _ := Plan(cat, p, DefaultSettings())
	if !reflect.DeepEqual(r1, r2) {
		t.Fatalf("seed 0 differs between runs")
	}
}

func TestFilterReasons(t *testing.T) {
	base := catalog.Variant{ID: "v", Family: "f", Role: catalog.Stretch, Position: catalog.Supine, Surface: catalog.SurfaceFloor, Demands: catalog.Demands{ROM: 2}}
	cases := []struct {
		edit   func(*catalog.Variant, *profiles.Profile)
		gentle bool
		want   string
	}{
		{func(v *catalog.Variant, p *profiles.Profile) {}, false, ""},
		{func(v *catalog.Variant, p *profiles.Profile) { p.Exclude = []string{"v"} }, false, "excluded by the profile"},
		{func(v *catalog.Variant, p *profiles.Profile) { p.Exclude = []string{"f"} }, false, "excluded by the profile (all of f)"},
		{func(v *catalog.Variant, p *profiles.Profile) { p.Floor = profiles.FloorBed }, false, "needs the floor, and the profile's floor access is bed"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.Surface = catalog.SurfaceBed
			p.Floor = profiles.FloorNone
		}, false, "needs a bed"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.Surface = catalog.SurfaceBed
			p.Floor = profiles.FloorMat
		}, false, "with a mat the floor versions are used"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.Surface = catalog.SurfaceBed
			p.Floor = profiles.FloorBed
		}, false, ""},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Surface = catalog.SurfaceChair; p.Equipment = nil }, false, "needs a chair"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.Surface = catalog.SurfaceWall
			p.Equipment = []string{"chair"}
		}, false, "needs a wall"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Equipment = []catalog.Equipment{catalog.Strap} }, false, "needs a strap"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Demands.ROM = 3 }, false, "needs range of motion 3; the profile's moderate range allows 2"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Demands.ROM = 3; p.ROM = profiles.ROMFull }, true, "the gentle level allows 2"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Demands.Kneel = true; p.BadKnees = true }, false, "kneels"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagKnee}
			p.BadKnees = true
		}, false, "bad knees"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Demands.Hands = true; p.BadWrists = true }, false, "weight on the hands"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Demands.Balance = true; p.PoorBalance = true }, false, "needs good balance"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagPregnancy}
			p.Pregnant = 1
		}, false, "pregnancy"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagPregnancyLate}
			p.Pregnant = 1
		}, false, ""},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagPregnancyLate}
			p.Pregnant = 2
		}, false, "second trimester"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagSciatica}
			p.Sciatica = profiles.SideRight
		}, false, "sciatica"},
		{func(v *catalog.Variant, p *profiles.Profile) {
			v.AvoidWith = []catalog.Tag{catalog.TagLimitedROM}
			p.ROM = profiles.ROMLimited
			v.Demands.ROM = 1
		}, false, "limited range"},
		{func(v *catalog.Variant, p *profiles.Profile) { v.Role = catalog.Strength; p.StretchOnly = true }, false, "stretches only"},
	}
	for k, tc := range cases {
		v, p := base, profiles.Default()
		tc.edit(&v, &p)
		got := FilterReason(v, p, tc.gentle)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("case %d: got %q, want %q", k, got, tc.want)
		}
	}
}

func TestWeights(t *testing.T) {
	p := profiles.Default()
	p.Focus = profiles.FocusDeskBreak
	w := Weights(p)
	if w[catalog.HipFlexors] <= baseWeights[catalog.HipFlexors] || w[catalog.UpperBack] <= baseWeights[catalog.UpperBack] {
		t.Fatalf("desk-break does not raise hip flexors and upper back: %v", w)
	}
	p.Sciatica = profiles.SideLeft
	w2 := Weights(p)
	if w2[catalog.Piriformis] <= w[catalog.Piriformis] || w2[catalog.Glutes] <= w[catalog.Glutes] || w2[catalog.Hamstrings] >= w[catalog.Hamstrings] {
		t.Fatalf("sciatica: %v → %v", w, w2)
	}
	p.Weights = map[string]float64{"core": 2.5}
	if w3 := Weights(p); w3[catalog.Core] != 2.5 {
		t.Fatalf("override: core %v", w3[catalog.Core])
	}
}

// TestPlanNoReasons checks that leaving the reasons out changes nothing
// else: the same steps, doses, score and warnings, with every Reason and
// the Excluded list empty.
func TestPlanNoReasons(t *testing.T) {
	cat := testCatalog(t)
	for _, name := range []string{"desk-worker", "sciatica-left", "bed-only"} {
		p, err := profiles.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		with, err := Plan(cat, p, DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		set := DefaultSettings()
		set.NoReasons = true
		without, err := Plan(cat, p, set)
		if err != nil {
			t.Fatal(err)
		}
		if len(with.Excluded) == 0 || with.Steps[0].Reason == "" {
			t.Fatalf("%s: the default plan has no reasons to compare", name)
		}
		if len(without.Excluded) != 0 {
			t.Errorf("%s: NoReasons kept %d exclusions", name, len(without.Excluded))
		}
		for i := range without.Steps {
			if without.Steps[i].Reason != "" {
				t.Errorf("%s: step %d keeps its reason %q", name, i, without.Steps[i].Reason)
			}
			without.Steps[i].Reason = with.Steps[i].Reason
		}
		without.Excluded = with.Excluded
		if !reflect.DeepEqual(with, without) {
			t.Errorf("%s: the routines differ beyond their reasons:\n%+v\n%+v", name, with, without)
		}
	}
}
