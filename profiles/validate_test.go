package profiles

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

var testKnown = Known{
	ExerciseIDs: []string{"cat-cow", "cat-cow-chair", "child-pose", "knee-to-chest", "piriformis-supine", "sphinx"},
	RedFlags:    []string{"bladder-bowel", "saddle-numbness", "leg-weakness", "fever", "weight-loss", "trauma", "cancer-history", "night-pain", "leg-numbness"},
	Groups:      []string{"lower-back", "glutes", "hamstrings", "hip-flexors", "piriformis", "obliques", "quadratus-lumborum", "core", "upper-back", "adductors"},
}

func TestDefaultIsValid(t *testing.T) {
	p := Default()
	if err := p.Validate(testKnown); err != nil {
		t.Fatalf("Default().Validate: %v", err)
	}
	want := Profile{Minutes: 10, Floor: FloorMat, ROM: ROMModerate, Sciatica: SideNone, Focus: FocusRelief,
		Level: LevelStandard, Equipment: []string{"chair", "wall"}, PerDay: 1, Language: "en",
		Weights: map[string]float64{}, Include: []string{}, Exclude: []string{}, RedFlags: []string{}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Default() = %+v, want %+v", p, want)
	}
}

// TestApplyProblems has one case per validation error, each with the
// exact message a person sees.
func TestApplyProblems(t *testing.T) {
	long := strings.Repeat("x", 201)
	tests := []struct {
		name   string
		values map[string]any
		want   string
	}{
		{"minutes negative", map[string]any{"minutes": "-5"}, `minutes: -5 is out of range (1–120)`},
		{"minutes too many", map[string]any{"minutes": 121}, `minutes: 121 is out of range (1–120)`},
		{"minutes zero from JSON", map[string]any{"minutes": 0.0}, `minutes: 0 is out of range (1–120)`},
		{"minutes not a number", map[string]any{"minutes": "abc"}, `minutes: "abc" is not a whole number`},
		{"minutes fraction", map[string]any{"minutes": 12.5}, `minutes: 12.5 is not a whole number`},
		{"minutes bool", map[string]any{"minutes": true}, `minutes: true is not a whole number`},
		{"minutes list", map[string]any{"minutes": []any{1}}, `minutes: expected a whole number, not a list`},
		{"minutes huge", map[string]any{"minutes": "99999999999999999999"}, `minutes: "99999999999999999999" is out of range (1–120)`},
		{"minutes huge float", map[string]any{"minutes": 1e300}, `minutes: 1e+300 is out of range (1–120)`},
		{"floor", map[string]any{"floor": "carpet"}, `floor: "carpet" is not one of mat, bed, none`},
		{"floor number", map[string]any{"floor": 5}, `floor: "5" is not one of mat, bed, none`},
		{"floor list", map[string]any{"floor": []any{"mat"}}, `floor: expected one of mat, bed, none, not a list`},
		{"rom", map[string]any{"rom": "huge"}, `rom: "huge" is not one of limited, moderate, full`},
		{"sciatica", map[string]any{"sciatica": "middle"}, `sciatica: "middle" is not one of none, left, right, both`},
		{"focus", map[string]any{"focus": "cardio"}, `focus: "cardio" is not one of relief, mobility, strength, morning, desk-break`},
		{"level", map[string]any{"level": "hard"}, `level: "hard" is not one of gentle, standard`},
		{"language", map[string]any{"language": "fr"}, `language: "fr" is not one of en`},
		{"bool", map[string]any{"bad_knees": "maybe"}, `bad_knees: "maybe" is not true or false (allowed: true, false, yes, no)`},
		{"bool number", map[string]any{"poor_balance": 2}, `poor_balance: 2 is not true or false (allowed: true, false, yes, no)`},
		{"bool mapping", map[string]any{"bad_wrists": map[string]any{}}, `bad_wrists: expected true or false, not a mapping`},
		{"pregnant range", map[string]any{"pregnant": 4}, `pregnant: 4 is out of range (0–3)`},
		{"pregnant yes", map[string]any{"pregnant": "yes"}, `pregnant: "yes" is not a trimester: give 1, 2 or 3 (0 when not pregnant)`},
		{"pregnant true", map[string]any{"pregnant": true}, `pregnant: true is not a trimester: give 1, 2 or 3 (0 when not pregnant)`},
		{"equipment", map[string]any{"equipment": "strap,rope"}, `equipment: "rope" is not one of strap, cushion, pillow, ball, wall, chair`},
		{"equipment mapping", map[string]any{"equipment": map[string]any{"a": 1}}, `equipment: expected a list of names, not a mapping`},
		{"equipment nested", map[string]any{"equipment": []any{[]any{"strap"}}}, `equipment: list items: expected a name, not a list`},
		{"weights group", map[string]any{"weights": "calves=1"}, `weights: "calves" is not one of lower-back, glutes, hamstrings, hip-flexors, piriformis, obliques, quadratus-lumborum, core, upper-back, adductors`},
		{"weights negative", map[string]any{"weights": "core=-1"}, `weights: core=-1 is out of range (0–10)`},
		{"weights too big", map[string]any{"weights": map[string]any{"core": 11}}, `weights: core=11 is out of range (0–10)`},
		{"weights no equals", map[string]any{"weights": "core"}, `weights: "core" is not GROUP=WEIGHT`},
		{"weights not a number", map[string]any{"weights": "core=x"}, `weights: core="x" is not a number`},
		{"weights NaN", map[string]any{"weights": "core=nan"}, `weights: core=NaN is not a number`},
		{"weights list", map[string]any{"weights": []any{"core=1"}}, `weights: expected GROUP=WEIGHT pairs, not a list`},
		{"include near", map[string]any{"include": "cat-cwo"}, `include: "cat-cwo" is not in the catalog; did you mean "cat-cow"?`},
		{"exclude far", map[string]any{"exclude": []string{"zzzzzzzz"}}, `exclude: "zzzzzzzz" is not in the catalog`},
		{"include and exclude", map[string]any{"include": "cat-cow,child-pose", "exclude": "cat-cow"}, `exclude: "cat-cow" is also in include`},
		{"max below include", map[string]any{"include": "cat-cow,child-pose", "max_exercises": 1}, `max_exercises: 1 is fewer than the 2 exercises in include`},
		{"max range", map[string]any{"max_exercises": 31}, `max_exercises: 31 is out of range (0–30)`},
		{"red flag", map[string]any{"red_flags": "back-ache"}, `red_flags: "back-ache" is not one of bladder-bowel, saddle-numbness, leg-weakness, fever, weight-loss, trauma, cancer-history, night-pain, leg-numbness`},
		{"seed", map[string]any{"seed": "x"}, `seed: "x" is not a whole number`},
		{"seed huge", map[string]any{"seed": "99999999999999999999"}, `seed: "99999999999999999999" is not a 64-bit whole number`},
		{"patient long", map[string]any{"patient": long}, `patient: "` + long[:40] + `"… is 201 characters long (at most 200)`},
		{"clinic control", map[string]any{"clinic": "a\x07b"}, `clinic: "a\ab" contains the control character U+0007`},
		{"notes line break in name", map[string]any{"clinician": "a\nb"}, `clinician: "a\nb" contains the control character U+000A`},
		{"text invalid utf-8", map[string]any{"notes": "\xff"}, `notes: "\xff" is not valid UTF-8 text`},
		{"text list", map[string]any{"notes": []any{"a"}}, `notes: expected text, not a list`},
		{"per day", map[string]any{"per_day": 0}, `per_day: 0 is out of range (1–10)`},
		{"days per week", map[string]any{"days_per_week": 8}, `days_per_week: 8 is out of range (0–7)`},
		{"unknown field near", map[string]any{"minuts": 5}, `minuts: unknown field; did you mean "minutes"?`},
		{"preset", map[string]any{"preset": "yoga"}, `preset: "yoga" is not one of ` + strings.Join(PresetNames(), ", ")},
		{"every problem, in field order", map[string]any{"language": "fr", "minutes": -5, "floor": "carpet", "zzzzzzzzzzzz": 1},
			"minutes: -5 is out of range (1–120)\nfloor: \"carpet\" is not one of mat, bed, none\nlanguage: \"fr\" is not one of en\n" +
				"zzzzzzzzzzzz: unknown field (allowed: " + strings.Join(fieldNames(), ", ") + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Apply(Default(), tt.values, testKnown)
			if err == nil {
				t.Fatalf("Apply(%v): no error, want %q", tt.values, tt.want)
			}
			var probs Errors
			if !errors.As(err, &probs) {
				t.Fatalf("Apply error %T is not Errors", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Apply(%v) error\n got: %s\nwant: %s", tt.values, got, tt.want)
			}
		})
	}
}

// TestApplyValues checks how plain and typed values are read.
func TestApplyValues(t *testing.T) {
	tests := []struct {
		name   string
		values map[string]any
		check  func(p Profile) bool
	}{
		{"int from string", map[string]any{"minutes": " 12 "}, func(p Profile) bool { return p.Minutes == 12 }},
		{"int from JSON float", map[string]any{"minutes": 15.0}, func(p Profile) bool { return p.Minutes == 15 }},
		{"bool yes", map[string]any{"bad_knees": "Yes"}, func(p Profile) bool { return p.BadKnees }},
		{"bool typed", map[string]any{"poor_balance": true}, func(p Profile) bool { return p.PoorBalance }},
		{"bool 0", map[string]any{"bad_wrists": "0"}, func(p Profile) bool { return !p.BadWrists }},
		{"pregnant no", map[string]any{"pregnant": "no"}, func(p Profile) bool { return p.Pregnant == 0 }},
		{"enum case", map[string]any{"floor": " None "}, func(p Profile) bool { return p.Floor == FloorNone }},
		{"list CSV", map[string]any{"equipment": "strap, Cushion;strap"},
			func(p Profile) bool { return reflect.DeepEqual(p.Equipment, []string{"strap", "cushion"}) }},
		{"list typed", map[string]any{"include": []any{"cat-cow", "child-pose"}},
			func(p Profile) bool { return reflect.DeepEqual(p.Include, []string{"cat-cow", "child-pose"}) }},
		{"weights CSV", map[string]any{"weights": "hamstrings=1.5;core=2"},
			func(p Profile) bool {
				return reflect.DeepEqual(p.Weights, map[string]float64{"hamstrings": 1.5, "core": 2})
			}},
		{"weights typed", map[string]any{"weights": map[string]any{"Core": 0}},
			func(p Profile) bool { return reflect.DeepEqual(p.Weights, map[string]float64{"core": 0}) }},
		{"blank leaves base", map[string]any{"minutes": "", "floor": nil, "patient": "  "},
			func(p Profile) bool { return p.Minutes == 10 && p.Floor == FloorMat && p.Patient == "" }},
		{"text trimmed", map[string]any{"patient": " Ann Lee ", "notes": "line 1\nline 2"},
			func(p Profile) bool { return p.Patient == "Ann Lee" && p.Notes == "line 1\nline 2" }},
		{"number as text", map[string]any{"patient": 42}, func(p Profile) bool { return p.Patient == "42" }},
		{"seed", map[string]any{"seed": "-9"}, func(p Profile) bool { return p.Seed == -9 }},
		{"preset then values", map[string]any{"preset": "Sciatica-Left", "minutes": 12},
			func(p Profile) bool {
				return p.Preset == "sciatica-left" && p.Sciatica == SideLeft && p.Minutes == 12 && p.Level == LevelGentle
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Apply(Default(), tt.values, testKnown)
			if err != nil {
				t.Fatalf("Apply(%v): %v", tt.values, err)
			}
			if !tt.check(p) {
				t.Errorf("Apply(%v) = %+v", tt.values, p)
			}
		})
	}
}

func TestApplyDoesNotChangeBase(t *testing.T) {
	base := Default()
	if _, err := Apply(base, map[string]any{"equipment": "strap", "weights": "core=2"}, testKnown); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(base, Default()) {
		t.Errorf("base changed to %+v", base)
	}
}

func TestUncheckedWithoutKnown(t *testing.T) {
	_, err := Apply(Default(), map[string]any{"include": "anything", "red_flags": "whatever", "weights": "calves=1"}, Known{})
	if err != nil {
		t.Errorf("with an empty Known nothing catalog-dependent is checked, got %v", err)
	}
}

func TestValidateZeroProfile(t *testing.T) {
	err := Profile{}.Validate(testKnown)
	if err == nil {
		t.Fatal("the zero Profile is not valid")
	}
	for _, want := range []string{"minutes: 0 is out of range (1–120)", `floor: "" is not one of mat, bed, none`, "per_day: 0 is out of range (1–10)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"cat-cow", "cat-cow-chair", "child-pose", "knee-to-chest"}
	tests := []struct{ word, want string }{
		{"cat-cwo", "cat-cow"},
		{"catcow", "cat-cow"},
		{"child-pse", "child-pose"},
		{"knee-chest", "knee-to-chest"},
		{"sphinx", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.word, ids); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"cat-cow", "cat-cwo", 2}, {"häkel", "hakel", 1},
	}
	for _, tt := range tests {
		if got := levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
