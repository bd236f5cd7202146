package profiles

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseValues(t *testing.T) {
	data := `# a profile
minutes: 12
floor: None
bad_knees: yes
pregnant: no
equipment: [strap, cushion]
include:
  - cat-cow
  - Child-Pose
exclude: knee-to-chest, piriformis-supine
weights:
  hamstrings: 1.5
  core: 2
seed: -3
red_flags: []
patient: 4711
notes: |
  twice daily
  stop if it hurts
clinic:
`
	got, err := Parse("me.yaml", []byte(data), testKnown)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := map[string]any{
		"minutes":   12,
		"floor":     "none",
		"bad_knees": true,
		"pregnant":  0,
		"equipment": []string{"strap", "cushion"},
		"include":   []string{"cat-cow", "child-pose"},
		"exclude":   []string{"knee-to-chest", "piriformis-supine"},
		"weights":   map[string]float64{"hamstrings": 1.5, "core": 2},
		"seed":      int64(-3),
		"red_flags": []string{},
		"patient":   "4711",
		"notes":     "twice daily\nstop if it hurts",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse =\n%#v\nwant\n%#v", got, want)
	}
	p, err := Apply(Default(), got, testKnown)
	if err != nil {
		t.Fatalf("Apply(Parse): %v", err)
	}
	if p.Minutes != 12 || p.Floor != FloorNone || !p.BadKnees || p.Patient != "4711" {
		t.Errorf("Apply(Parse) = %+v", p)
	}
}

func TestParseJSON(t *testing.T) {
	data := "{\n\t\"minutes\": 20,\n\t\"equipment\": [\"ball\",\n\t\t\"wall\"],\n\t\"weights\": {\"core\": 1.5},\n\t\"poor_balance\": true\n}\n"
	got, err := Parse("me.json", []byte(data), testKnown)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := map[string]any{"minutes": 20, "equipment": []string{"ball", "wall"},
		"weights": map[string]float64{"core": 1.5}, "poor_balance": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse = %#v, want %#v", got, want)
	}
}

// TestParseProblems checks that a bad file lists every problem, each with
// its line.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"every problem with its line", `minutes: -5
floor: carpet
minuts: 3
equipment:
  - strap
  - rope
weights:
  calves: 1
  core: -2
include: [cat-cwo]
red_flags: [back-ache]
bad_knees: maybe
pregnant: 4
notes: [a, b]
`, []string{
			`me.yaml:1: minutes: -5 is out of range (1–120)`,
			`me.yaml:2: floor: "carpet" is not one of mat, bed, none`,
			`me.yaml:3: minuts: unknown field; did you mean "minutes"?`,
			`me.yaml:6: equipment: "rope" is not one of strap, cushion, pillow, ball, wall, chair`,
			`me.yaml:8: weights: "calves" is not one of lower-back, glutes, hamstrings, hip-flexors, piriformis, obliques, quadratus-lumborum, core, upper-back, adductors`,
			`me.yaml:9: weights: core=-2 is out of range (0–10)`,
			`me.yaml:10: include: "cat-cwo" is not in the catalog; did you mean "cat-cow"?`,
			`me.yaml:11: red_flags: "back-ache" is not one of bladder-bowel, saddle-numbness, leg-weakness, fever, weight-loss, trauma, cancer-history, night-pain, leg-numbness`,
			`me.yaml:12: bad_knees: "maybe" is not true or false (allowed: true, false, yes, no)`,
			`me.yaml:13: pregnant: 4 is out of range (0–3)`,
			`me.yaml:14: notes: expected text, not a list`,
		}},
		{"repeated key", "minutes: 5\nfloor: bed\nminutes: 6\n", []string{
			`me.yaml:3: minutes: repeated; first given on line 1`}},
		{"repeated group", "weights:\n  core: 1\n  core: 2\n", []string{
			`me.yaml:3: weights: core repeated; first given on line 2`}},
		{"contradiction at its line", "include: [cat-cow, child-pose]\nexclude: [cat-cow]\nmax_exercises: 1\n", []string{
			`me.yaml:2: exclude: "cat-cow" is also in include`,
			`me.yaml:3: max_exercises: 1 is fewer than the 2 exercises in include`}},
		{"contradiction with the preset, at the preset's line", "preset: senior-chair\ninclude: [cat-cow, cat-cow-chair, child-pose, knee-to-chest, piriformis-supine, sphinx]\n", []string{
			`me.yaml:1: max_exercises: 5 is fewer than the 6 exercises in include`}},
		{"syntax error", "minutes: 5\nfloor: [mat\n", []string{
			`me.yaml:2: not valid YAML or JSON: did not find expected ',' or ']'`}},
		{"not a mapping", "- minutes\n- 5\n", []string{
			`me.yaml:1: expected a mapping of field: value, not a list`}},
		{"two documents", "minutes: 5\n---\nfloor: bed\n", []string{
			`me.yaml:3: a profile file holds one document; this is a second one`}},
		{"merge key", "base: &b {minutes: 5}\n<<: *b\n", []string{
			`me.yaml:1: base: unknown field (allowed: ` + strings.Join(fieldNames(), ", ") + `)`,
			`me.yaml:2: merge keys (<<) are not supported in profile files`}},
		{"key not a word", "[a]: 1\n", []string{
			`me.yaml:1: a field name must be a plain word, not a list`}},
		{"scalar for a list item", "equipment:\n  - [strap]\n", []string{
			`me.yaml:2: equipment: expected a name, not a list`}},
		{"mapping for a number", "minutes: {a: 1}\n", []string{
			`me.yaml:1: minutes: expected a whole number, not a mapping`}},
		{"list for weights", "weights: [core]\n", []string{
			`me.yaml:1: weights: expected GROUP: WEIGHT pairs, not a list`}},
		{"bad weight value", "weights:\n  core: lots\n", []string{
			`me.yaml:2: weights: core="lots" is not a number`}},
		{"unknown preset", "preset: yoga\n", []string{
			`me.yaml:1: preset: "yoga" is not one of ` + strings.Join(PresetNames(), ", ")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("me.yaml", []byte(tt.data), testKnown)
			if err == nil {
				t.Fatalf("Parse: no error, want\n%s", strings.Join(tt.want, "\n"))
			}
			if _, ok := err.(Errors); !ok {
				t.Fatalf("error %T is not Errors", err)
			}
			if got, want := err.Error(), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("Parse error\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, data := range []string{"", "# nothing yet\n", "~\n", "minutes:\npatient:\n"} {
		got, err := Parse("empty.yaml", []byte(data), testKnown)
		if err != nil || len(got) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want no values", data, got, err)
		}
	}
}

func TestParseAliases(t *testing.T) {
	data := "equipment: &kit [strap, ball]\npatient: &name Ann\nclinician: *name\n"
	got, err := Parse("a.yaml", []byte(data), testKnown)
	if err != nil {
		t.Fatal(err)
	}
	if got["clinician"] != "Ann" {
		t.Errorf("clinician = %v, want the alias resolved to Ann", got["clinician"])
	}
}

func TestParseAllowing(t *testing.T) {
	data := "minutes: 15\nlogo: clinic.png\npaper: letter\n"
	got, err := ParseAllowing("config.yaml", []byte(data), testKnown, "logo", "paper")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]any{"minutes": 15}) {
		t.Errorf("ParseAllowing = %v, want only the profile field", got)
	}
	if _, err := Parse("profile.yaml", []byte(data), testKnown); err == nil {
		t.Error("Parse accepted keys that are not profile fields")
	}
}

// TestProfileRoundTrip checks that a profile written as YAML with its own
// field names reads back as the same profile.
func TestProfileRoundTrip(t *testing.T) {
	profiles := []Profile{Default()}
	for _, name := range PresetNames() {
		p, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, p)
	}
	full, err := Apply(Default(), map[string]any{
		"weights": "core=2;glutes=0.5", "include": "cat-cow", "exclude": "child-pose", "red_flags": "leg-numbness",
		"patient": "Zoë Ünal", "notes": "a\nb", "seed": 7, "days_per_week": 5, "pregnant": 1,
	}, testKnown)
	if err != nil {
		t.Fatal(err)
	}
	profiles = append(profiles, full)
	for _, p := range profiles {
		data, err := yaml.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		values, err := Parse("p.yaml", data, testKnown)
		if err != nil {
			t.Fatalf("Parse(%s): %v", data, err)
		}
		got, err := Apply(Default(), values, testKnown)
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Errorf("round trip of\n%s gave %+v", data, got)
		}
	}
}

// TestParseSyntaxLines checks that syntax errors point at the line
// where the mistake is, or where the unfinished construct begins.
func TestParseSyntaxLines(t *testing.T) {
	tests := []struct {
		data string
		line string
	}{
		{"minutes: 5\nfloor: [mat\n", "me.yaml:2:"},
		{"a: 1\nb: 2\nc: [x\nd: 4\n", "me.yaml:3:"},
		{"a: 1\nb: \"abc\n", "me.yaml:2:"},
		{"a: 1\n b: 2\nc: 3\n", "me.yaml:2:"},
		{"a: 1\nb:\n\t- x\n", "me.yaml:3:"},
		{"a: b: c\n", "me.yaml:1:"},
		{"minutes: 5\nfloor: {a: 1\n", "me.yaml:2:"},
		{"{\"minutes\": 5,\n\"floor\": \"mat\"\n", "me.yaml:3:"}, // the end of the file, where the } is missing
		{"minutes: 5\n  - x\n", "me.yaml:1:"},
	}
	for _, tt := range tests {
		_, err := Parse("me.yaml", []byte(tt.data), testKnown)
		if err == nil || !strings.HasPrefix(err.Error(), tt.line) {
			t.Errorf("Parse(%q) error = %v, want it at %s", tt.data, err, tt.line)
		}
	}
}
