package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
)

func loadEmbedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatalf("the embedded catalog has problems:\n%v", err)
	}
	return cat
}

// TestEmbeddedLoads checks that the embedded YAML loads with no problem
// at all, parsed directly as well as through Load.
func TestEmbeddedLoads(t *testing.T) {
	if _, err := catalog.ParseEmbedded(); err != nil {
		t.Fatalf("the embedded catalog has problems:\n%v", err)
	}
	loadEmbedded(t)
}

// articleFamilies are the exercises the three source articles describe;
// the catalog must have every one.
var articleFamilies = []string{
	"childs-pose", "supine-twist", "seated-rotation", "hamstring-stretch",
	"knee-to-chest", "cat-cow", "trunk-rotation", "hip-flexor-stretch",
	"piriformis-stretch", "sphinx", "legs-up-the-wall", "hip-airplane",
	"ball-massage", "glute-bridge", "bird-dog", "modified-plank",
}

func TestArticleFamilies(t *testing.T) {
	cat := loadEmbedded(t)
	for _, id := range articleFamilies {
		if _, ok := cat.Family(id); !ok {
			t.Errorf("family %s from the articles is missing", id)
		}
	}
	// The modifications and forms the articles name.
	has := func(family string, ok func(catalog.Variant) bool) bool {
		return slices.ContainsFunc(cat.FamilyVariants(family), ok)
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"knee-to-chest has single and double forms", len(cat.FamilyVariants("knee-to-chest")) >= 2},
		{"hamstring-stretch with a strap", has("hamstring-stretch", func(v catalog.Variant) bool { return slices.Contains(v.Equipment, catalog.Strap) })},
		{"hip-flexor-stretch kneeling (lunge)", has("hip-flexor-stretch", func(v catalog.Variant) bool { return v.Position == catalog.Kneeling })},
		{"hip-flexor-stretch standing", has("hip-flexor-stretch", func(v catalog.Variant) bool { return v.Position == catalog.Standing })},
		{"childs-pose with a cushion", has("childs-pose", func(v catalog.Variant) bool { return slices.Contains(v.Equipment, catalog.Cushion) })},
		{"childs-pose on a chair", has("childs-pose", func(v catalog.Variant) bool { return v.Surface == catalog.SurfaceChair })},
		{"ball-massage against a wall", has("ball-massage", func(v catalog.Variant) bool { return v.Surface == catalog.SurfaceWall })},
		{"seated-rotation on a chair", has("seated-rotation", func(v catalog.Variant) bool { return v.Position == catalog.SeatedChair })},
		{"piriformis-stretch seated on a chair (figure 4)", has("piriformis-stretch", func(v catalog.Variant) bool { return v.Position == catalog.SeatedChair })},
		{"hamstring-stretch seated on a chair", has("hamstring-stretch", func(v catalog.Variant) bool { return v.Position == catalog.SeatedChair })},
		{"cat-cow seated on a chair", has("cat-cow", func(v catalog.Variant) bool { return v.Position == catalog.SeatedChair })},
		{"knee-to-chest on a bed", has("knee-to-chest", func(v catalog.Variant) bool { return v.Surface == catalog.SurfaceBed })},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("missing: %s", c.what)
		}
	}
}

func TestCounts(t *testing.T) {
	cat := loadEmbedded(t)
	noFloor := cat.Filter(catalog.Filter{NoFloor: true})
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"families", len(cat.Families), 24},
		{"variants", len(cat.Variants), 50},
		{"variants needing no floor or bed", len(noFloor), 14},
		{"red flags", len(cat.Safety.RedFlags), 5},
		{"stop rules", len(cat.Safety.StopRules), 3},
	} {
		if c.got < c.want {
			t.Errorf("%d %s, want at least %d", c.got, c.what, c.want)
		}
	}
}

// TestNoFloorCoverage checks that someone who can get down neither to
// the floor nor onto a bed still has a full routine: every muscle group
// is worked (weight at least 0.2) by at least two such variants.
func TestNoFloorCoverage(t *testing.T) {
	cat := loadEmbedded(t)
	noFloor := cat.Filter(catalog.Filter{NoFloor: true})
	for _, g := range catalog.Groups {
		var ids []string
		for _, v := range noFloor {
			if v.Coverage[g] >= 0.2 {
				ids = append(ids, v.ID)
			}
		}
		if len(ids) < 2 {
			t.Errorf("group %s is worked by %d no-floor variants %v, want at least 2", g, len(ids), ids)
		}
	}
}

// TestEveryGroupCovered checks that every muscle group is worked by
// some variant, and every role is present.
func TestEveryGroupAndRole(t *testing.T) {
	cat := loadEmbedded(t)
	for _, g := range catalog.Groups {
		if len(cat.Filter(catalog.Filter{Group: g})) == 0 {
			t.Errorf("no variant works %s", g)
		}
	}
	for _, r := range catalog.Roles {
		if len(cat.Filter(catalog.Filter{Role: r})) == 0 {
			t.Errorf("no variant has role %s", r)
		}
	}
}

func TestSafetyAndTips(t *testing.T) {
	cat := loadEmbedded(t)
	s := cat.Safety
	if s.Emergency == "" || s.Urgent == "" || s.Warning == "" {
		t.Errorf("a safety headline is empty: %q %q %q", s.Emergency, s.Urgent, s.Warning)
	}
	for _, level := range catalog.RedFlagLevels {
		if !slices.ContainsFunc(s.RedFlags, func(rf catalog.RedFlag) bool { return rf.Level == level }) {
			t.Errorf("no red flag of level %s", level)
		}
	}
	for _, topic := range catalog.TipTopics {
		if !slices.ContainsFunc(cat.Tips, func(tip catalog.Tip) bool { return tip.Topic == topic }) {
			t.Errorf("no tip about %s", topic)
		}
	}
	// Tips come grouped by topic, in the order of TipTopics.
	if !slices.IsSortedFunc(cat.Tips, func(a, b catalog.Tip) int {
		return slices.Index(catalog.TipTopics, a.Topic) - slices.Index(catalog.TipTopics, b.Topic)
	}) {
		t.Error("tips are not grouped by topic")
	}
}

// TestInvariants checks what every consumer of the catalog relies on.
func TestInvariants(t *testing.T) {
	cat := loadEmbedded(t)
	if !slices.IsSortedFunc(cat.Variants, func(a, b catalog.Variant) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("variants are not sorted by id")
	}
	if !slices.IsSortedFunc(cat.Families, func(a, b catalog.Family) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("families are not sorted by id")
	}
	for _, v := range cat.Variants {
		if _, ok := cat.Family(v.Family); !ok {
			t.Errorf("%s: family %s missing", v.ID, v.Family)
		}
		if got, ok := cat.Variant(v.ID); !ok || got.ID != v.ID {
			t.Errorf("Variant(%q) does not find it", v.ID)
		}
		if v.Source == "" || len(v.Steps) == 0 || v.Seconds() <= 0 {
			t.Errorf("%s: source %q, %d steps, %d seconds", v.ID, v.Source, len(v.Steps), v.Seconds())
		}
		if v.Easier != "" {
			if _, ok := cat.Variant(v.Easier); !ok {
				t.Errorf("%s: easier %s missing", v.ID, v.Easier)
			}
		}
		if v.NeedsFloor() && v.NoFloor() {
			t.Errorf("%s both needs and does not need the floor", v.ID)
		}
		for _, s := range cat.Siblings(v.ID) {
			if s.Family != v.Family || s.ID == v.ID {
				t.Errorf("%s: sibling %s of family %s", v.ID, s.ID, s.Family)
			}
		}
	}
}
