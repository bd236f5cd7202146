package planner

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// baseWeights is what fully covering each muscle group is worth before
// the focus and conditions adjust it: the lower back and the trunk's
// supports first, the neighbours that pull on them next.
var baseWeights = map[catalog.Group]float64{
	catalog.LowerBack:         1.0,
	catalog.Glutes:            0.8,
	catalog.Hamstrings:        0.7,
	catalog.HipFlexors:        0.7,
	catalog.Piriformis:        0.5,
	catalog.Obliques:          0.5,
	catalog.QuadratusLumborum: 0.6,
	catalog.Core:              0.9,
	catalog.UpperBack:         0.4,
	catalog.Adductors:         0.3,
}

// focusFactors multiply the base weights for each focus; groups not
// listed keep factor 1.
var focusFactors = map[profiles.Focus]map[catalog.Group]float64{
	profiles.FocusRelief: {
		catalog.LowerBack: 1.3, catalog.QuadratusLumborum: 1.2, catalog.Glutes: 1.1, catalog.Piriformis: 1.1, catalog.Core: 0.8,
	},
	profiles.FocusMobility: {
		catalog.Hamstrings: 1.3, catalog.HipFlexors: 1.3, catalog.Adductors: 1.3, catalog.Obliques: 1.2, catalog.UpperBack: 1.1,
	},
	profiles.FocusStrength: {
		catalog.Core: 1.6, catalog.Glutes: 1.4, catalog.Obliques: 1.2, catalog.Hamstrings: 0.8,
	},
	profiles.FocusMorning: {
		catalog.LowerBack: 1.2, catalog.Hamstrings: 1.2, catalog.HipFlexors: 1.2, catalog.UpperBack: 1.1,
	},
	profiles.FocusDeskBreak: {
		catalog.UpperBack: 1.6, catalog.HipFlexors: 1.5, catalog.Glutes: 1.1, catalog.Hamstrings: 1.1,
	},
}

// sciaticaFactors: a nerve irritated in the buttock calls for the
// piriformis and glutes, and for less sustained straight-leg hamstring
// stretching, which tensions the nerve.
var sciaticaFactors = map[catalog.Group]float64{
	catalog.Piriformis: 1.8, catalog.Glutes: 1.3, catalog.Hamstrings: 0.6,
}

// Bonus terms of the objective. They are small next to the weights so
// they only decide between routines of (nearly) equal coverage.
const (
	// tagBonus is added for each of a variant's good_for tags that
	// matches the focus or one of the person's conditions.
	tagBonus = 0.02
	// strengthBonus is added for strength and motor-control work, which
	// the evidence favours over stretching alone.
	strengthBonus = 0.01
	// jitterScale bounds the per-variant term a non-zero seed adds, so
	// that equally good routines take turns from one seed to the next.
	jitterScale = 1e-5
)

// Weights returns the muscle-group weights of the objective for a
// profile: base weight × focus factor × sciatica factor (when there is
// sciatica), rounded to three decimals, with the profile's own weights
// replacing the result for the groups they name.
func Weights(p profiles.Profile) map[catalog.Group]float64 {
	w := make(map[catalog.Group]float64, len(catalog.Groups))
	for _, g := range catalog.Groups {
		v := baseWeights[g]
		if f, ok := focusFactors[p.Focus][g]; ok {
			v *= f
		}
		if p.Sciatica != profiles.SideNone && p.Sciatica != "" {
			if f, ok := sciaticaFactors[g]; ok {
				v *= f
			}
		}
		w[g] = math.Round(v*1000) / 1000
	}
	for g, v := range p.Weights {
		w[catalog.Group(g)] = v
	}
	return w
}

// wantedTags are the good_for tags that earn tagBonus: the focus and the
// person's conditions.
func wantedTags(p profiles.Profile) []catalog.Tag {
	tags := []catalog.Tag{catalog.Tag(p.Focus)}
	if p.Sciatica != profiles.SideNone && p.Sciatica != "" {
		tags = append(tags, catalog.TagSciatica)
	}
	if p.Pregnant > 0 {
		tags = append(tags, catalog.TagPregnancy)
	}
	if p.BadKnees {
		tags = append(tags, catalog.TagKnee)
	}
	if p.BadWrists {
		tags = append(tags, catalog.TagWrist)
	}
	if p.PoorBalance {
		tags = append(tags, catalog.TagBalance)
	}
	if p.ROM == profiles.ROMLimited {
		tags = append(tags, catalog.TagLimitedROM)
	}
	return tags
}

// Bonus returns the small term b_i of a variant: tagBonus per good_for
// tag in the focus and conditions, strengthBonus for strength work, and
// with a non-zero seed a deterministic jitter in [0, jitterScale) from
// a hash of the seed and the variant id.
func Bonus(v catalog.Variant, p profiles.Profile) float64 {
	b := 0.0
	want := wantedTags(p)
	for _, t := range v.GoodFor {
		if slices.Contains(want, t) {
			b += tagBonus
		}
	}
	if v.Role == catalog.Strength {
		b += strengthBonus
	}
	if p.Seed != 0 {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d/%s", p.Seed, v.ID)
		b += float64(jitterScale * float64(h.Sum64()>>11) / float64(1<<53))
	}
	return b
}

// BaseSeconds is the time of a variant at its catalog dose (see
// catalog.Dosage): setup + sides·sets·reps·(hold + move) +
// (sides·sets − 1)·switch.
func BaseSeconds(v catalog.Variant) int {
	d := v.Dosage
	return doseSeconds(d.Setup, sidesOf(v), d.Sets, d.Reps, d.Hold, d.Move, d.Switch)
}

func doseSeconds(setup, sides, sets, reps, hold, move, sw int) int {
	return setup + sides*sets*reps*(hold+move) + (sides*sets-1)*sw
}

func sidesOf(v catalog.Variant) int {
	if v.Sided {
		return 2
	}
	return 1
}

// gentleROM caps the range of motion at the gentle level.
const gentleROM = 2

// FilterReason returns why a profile rules a variant out, or "" when it
// is allowed. The checks run in the order documented in
// docs/planner.md; the first that fails is the reason.
func FilterReason(v catalog.Variant, p profiles.Profile, gentle bool) string {
	if slices.Contains(p.Exclude, v.ID) {
		return "excluded by the profile"
	}
	if slices.Contains(p.Exclude, v.Family) {
		return fmt.Sprintf("excluded by the profile (all of %s)", v.Family)
	}
	if v.Surface == catalog.SurfaceBed && p.Floor == profiles.FloorMat {
		return "the bed version, for people who cannot get down to the floor; with a mat the floor versions are used"
	}
	if !surfaceAllowed(v.Surface, p.Floor) {
		return fmt.Sprintf("needs %s, and the profile's floor access is %s", surfaceWords(v.Surface), p.Floor)
	}
	switch v.Surface {
	case catalog.SurfaceChair:
		if !p.HasEquipment(string(catalog.Chair)) {
			return "needs a chair, which the profile's equipment does not list"
		}
	case catalog.SurfaceWall:
		if !p.HasEquipment(string(catalog.Wall)) {
			return "needs a wall, which the profile's equipment does not list"
		}
	}
	for _, e := range v.Equipment {
		if !p.HasEquipment(string(e)) {
			return fmt.Sprintf("needs a %s, which the profile's equipment does not list", e)
		}
	}
	rom := p.ROM.Level()
	if gentle && rom > gentleROM {
		rom = gentleROM
	}
	if v.Demands.ROM > rom {
		if gentle && p.ROM.Level() > gentleROM {
			return fmt.Sprintf("needs range of motion %d; the gentle level allows %d", v.Demands.ROM, rom)
		}
		return fmt.Sprintf("needs range of motion %d; the profile's %s range allows %d", v.Demands.ROM, p.ROM, rom)
	}
	avoid := func(t catalog.Tag) bool { return slices.Contains(v.AvoidWith, t) }
	if p.BadKnees && v.Demands.Kneel {
		return "kneels, which bad knees rule out"
	}
	if p.BadKnees && avoid(catalog.TagKnee) {
		return "not advised with bad knees"
	}
	if p.BadWrists && v.Demands.Hands {
		return "puts weight on the hands, which bad wrists rule out"
	}
	if p.BadWrists && avoid(catalog.TagWrist) {
		return "not advised with bad wrists"
	}
	if p.PoorBalance && v.Demands.Balance {
		return "needs good balance"
	}
	if p.PoorBalance && avoid(catalog.TagBalance) {
		return "not advised with poor balance"
	}
	if p.Pregnant > 0 && avoid(catalog.TagPregnancy) {
		return "not advised in pregnancy"
	}
	if p.Pregnant >= 2 && avoid(catalog.TagPregnancyLate) {
		return fmt.Sprintf("not advised from the second trimester (trimester %d)", p.Pregnant)
	}
	if p.Sciatica != profiles.SideNone && p.Sciatica != "" && avoid(catalog.TagSciatica) {
		return "not advised with sciatica"
	}
	if p.ROM == profiles.ROMLimited && avoid(catalog.TagLimitedROM) {
		return "not advised with limited range of motion"
	}
	if p.StretchOnly && v.Role == catalog.Strength {
		return "a strength exercise, and the profile asks for stretches only"
	}
	return ""
}

// surfaceAllowed: no floor access allows standing, a chair and a wall;
// a bed adds the bed; a mat adds the floor instead. Bed variants are
// for people who cannot get down to the floor: mixing bed and floor
// work would have a person climb on and off the bed between floor
// exercises for no gain.
func surfaceAllowed(s catalog.Surface, f profiles.Floor) bool {
	switch s {
	case catalog.SurfaceNone, catalog.SurfaceChair, catalog.SurfaceWall:
		return true
	case catalog.SurfaceBed:
		return f == profiles.FloorBed
	case catalog.SurfaceFloor:
		return f == profiles.FloorMat
	}
	return false
}

func surfaceWords(s catalog.Surface) string {
	switch s {
	case catalog.SurfaceFloor:
		return "the floor"
	case catalog.SurfaceBed:
		return "a bed"
	}
	return "a " + string(s)
}

// model is a profile's selection problem and what the routine and its
// explanation need from it.
type model struct {
	prob     Problem
	variants []*catalog.Variant // parallel to prob.Items, into the catalog
	excluded []Exclusion        // filtered out, with reasons
	weights  map[catalog.Group]float64
	gentle   bool
	warnings []string
	verdict  Verdict
}

// buildModel filters the catalog for the profile and builds the
// selection problem with every constraint on; Plan relaxes the order
// constraints when they cannot be met.
func buildModel(cat *catalog.Catalog, p profiles.Profile, gentle bool) (*model, error) {
	m := &model{weights: Weights(p), gentle: gentle}
	groups := make([]string, len(catalog.Groups))
	w := make([]float64, len(catalog.Groups))
	for g, grp := range catalog.Groups {
		groups[g] = string(grp)
		w[g] = m.weights[grp]
	}
	m.prob = Problem{
		Groups:      groups,
		Weights:     w,
		Places:      placeNames,
		Transition:  transitionMatrix(),
		Start:       placeStanding,
		Budget:      p.Minutes * 60,
		MaxItems:    p.MaxExercises,
		WarmUpFirst: true,
		RelaxLast:   true,
	}
	m.prob.Items = make([]Item, 0, len(cat.Variants))
	m.variants = make([]*catalog.Variant, 0, len(cat.Variants))
	for k := range cat.Variants {
		v := &cat.Variants[k]
		if r := FilterReason(*v, p, gentle); r != "" {
			m.excluded = append(m.excluded, Exclusion{ID: v.ID, Reason: r, Filtered: true})
			continue
		}
		it := Item{
			ID:      v.ID,
			Family:  v.Family,
			Place:   placeOf(*v),
			Seconds: BaseSeconds(*v),
			Cover:   make([]float64, len(catalog.Groups)),
			Bonus:   Bonus(*v, p),
			Role:    v.Role,
			Fixed:   slices.Contains(p.Include, v.ID),
		}
		for g, grp := range catalog.Groups {
			it.Cover[g] = min(1, max(0, v.Coverage[grp]))
		}
		m.prob.Items = append(m.prob.Items, it)
		m.variants = append(m.variants, v)
	}
	// Includes must survive the filter: a variant id by itself, a
	// family id through at least one of its variants, which the
	// solution must then hold.
	for _, id := range p.Include {
		if _, ok := cat.Variant(id); ok {
			if r := FilterReason(mustVariant(cat, id), p, gentle); r != "" {
				return nil, &InfeasibleError{Binding: fmt.Sprintf("include: %s %s", id, r)}
			}
			continue
		}
		if _, ok := cat.Family(id); ok {
			var reasons []string
			found := false
			for _, v := range cat.FamilyVariants(id) {
				if r := FilterReason(v, p, gentle); r == "" {
					found = true
				} else {
					reasons = append(reasons, v.ID+" "+r)
				}
			}
			if !found {
				return nil, &InfeasibleError{Binding: fmt.Sprintf("include: no variant of %s is allowed (%s)", id, strings.Join(reasons, "; "))}
			}
			m.prob.Require = append(m.prob.Require, id)
			continue
		}
		return nil, fmt.Errorf("planner: include %q is not a variant or family id of the catalog", id)
	}
	has := func(r catalog.Role) bool {
		return slices.ContainsFunc(m.prob.Items, func(it Item) bool { return it.Role == r })
	}
	if p.Minutes >= 8 && !p.StretchOnly {
		if has(catalog.Strength) {
			m.prob.NeedStrength = true
		} else {
			m.warnings = append(m.warnings, "no strength exercise suits this profile, so the routine has none")
		}
	}
	if !has(catalog.WarmUp) {
		m.prob.WarmUpFirst = false
		m.warnings = append(m.warnings, "no warm-up exercise suits this profile, so the routine does not start with one")
	}
	if !has(catalog.Relaxation) {
		m.prob.RelaxLast = false
		m.warnings = append(m.warnings, "no relaxation exercise suits this profile, so the routine does not end with one")
	}
	return m, nil
}

func mustVariant(cat *catalog.Catalog, id string) catalog.Variant {
	v, _ := cat.Variant(id)
	return v
}
