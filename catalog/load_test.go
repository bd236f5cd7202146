package catalog_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
)

// validFile is a clinic catalog file with one family and one variant.
// The table tests below break it one way at a time; the line numbers in
// their expectations refer to it, so keep its layout.
const validFile = `families:
  - id: heel-raise
    name: Heel raise
    summary: Rising onto the toes and lowering slowly.
    source: common physiotherapy practice
variants:
  - id: heel-raise-chair
    family: heel-raise
    name: Heel raise holding a chair
    role: warm-up
    position: standing
    surface: chair
    equipment: [chair]
    demands: {rom: 1, spine: neutral}
    dosage: {move_seconds: 3, reps: 10, max_reps: 15, sets: 1, breathing: out as you rise}
    coverage: {core: 0.2, glutes: 0.1}
    steps: [Stand behind a chair holding its back., Rise onto your toes and lower slowly.]
    good_for: [balance]
    pose:
      joints: {head: {x: 0, y: 167}, neck: {x: 0, y: 145}, pelvis: {x: 0, y: 92}, near_elbow: {x: 2, y: 115}, near_hand: {x: 4, y: 88}, far_elbow: {x: -2, y: 115}, far_hand: {x: -4, y: 88}, near_knee: {x: 2, y: 50}, near_ankle: {x: 0, y: 8}, near_toe: {x: 15, y: 2}, far_knee: {x: -2, y: 50}, far_ankle: {x: 0, y: 8}, far_toe: {x: 15, y: 2}}
      props: [{kind: chair, x: 40, w: 45}]
`

// secondVariant adds a variant of the same family after validFile.
const secondVariant = `  - id: heel-raise-wall
    family: heel-raise
    name: Heel raise at a wall
    role: warm-up
    position: standing
    surface: wall
    demands: {rom: 1, spine: neutral}
    dosage: {move_seconds: 3, reps: 10, sets: 1, breathing: out as you rise}
    coverage: {core: 0.2}
    steps: [Stand facing a wall.]
    pose:
      joints: {head: {x: 0, y: 167}, neck: {x: 0, y: 145}, pelvis: {x: 0, y: 92}, near_elbow: {x: 2, y: 115}, near_hand: {x: 4, y: 88}, far_elbow: {x: -2, y: 115}, far_hand: {x: -4, y: 88}, near_knee: {x: 2, y: 50}, near_ankle: {x: 0, y: 8}, near_toe: {x: 15, y: 2}, far_knee: {x: -2, y: 50}, far_ankle: {x: 0, y: 8}, far_toe: {x: 15, y: 2}}
`

// writeFile writes a catalog file in a temporary directory that becomes
// the working directory, so problems name it "clinic.yaml".
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var probs catalog.Errors
	if !errors.As(err, &probs) {
		t.Fatalf("error is %T, want catalog.Errors: %v", err, err)
	}
	out := make([]string, len(probs))
	for i, p := range probs {
		out[i] = p.String()
	}
	return out
}

func TestValidFile(t *testing.T) {
	t.Chdir(t.TempDir())
	cat, err := catalog.Load(writeFile(t, "clinic.yaml", validFile))
	if err != nil {
		t.Fatal(err)
	}
	v, ok := cat.Variant("heel-raise-chair")
	if !ok {
		t.Fatal("heel-raise-chair not loaded")
	}
	if v.Origin != (catalog.Origin{File: "clinic.yaml", Line: 7}) {
		t.Errorf("Origin = %+v, want clinic.yaml:7", v.Origin)
	}
	// The maxima default to the base dose; the source to the family's.
	if v.Dosage.MaxHold != 0 || v.Dosage.MaxReps != 15 || v.Source != "common physiotherapy practice" {
		t.Errorf("defaults not applied: dosage %+v, source %q", v.Dosage, v.Source)
	}
	if err := catalog.Check("clinic.yaml"); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name     string
		old, new string   // validFile with old replaced by new
		want     []string // every problem, each a prefix of Problem.String()
	}{
		{"unknown key", "    role: warm-up\n", "    role: warm-up\n    colour: red\n",
			[]string{"clinic.yaml:11: variants[heel-raise-chair].colour: unknown key (allowed: id, family, name, role, position,"}},
		{"unknown top-level key", "families:\n", "extras: 1\nfamilies:\n",
			[]string{"clinic.yaml:1: extras: unknown key (keys starting with x- are ignored) (allowed: families, variants, tips, safety)"}},
		{"extension key", "families:\n", "x-notes: {anything: [goes]}\nfamilies:\n", nil},
		{"missing field", "    name: Heel raise holding a chair\n", "",
			[]string{"clinic.yaml:7: variants[heel-raise-chair].name: required but missing"}},
		{"null field", "    name: Heel raise holding a chair\n", "    name:\n",
			[]string{"clinic.yaml:9: variants[heel-raise-chair].name: required but missing"}},
		{"blank field", "    name: Heel raise holding a chair\n", "    name: \"  \"\n",
			[]string{"clinic.yaml:9: variants[heel-raise-chair].name: must not be blank"}},
		{"missing family field", "    summary: Rising onto the toes and lowering slowly.\n", "",
			[]string{"clinic.yaml:2: families[heel-raise].summary: required but missing"}},
		{"rom out of range", "rom: 1,", "rom: 4,",
			[]string{"clinic.yaml:14: variants[heel-raise-chair].demands.rom: 4 is out of range 1 to 3"}},
		{"rom not a number", "rom: 1,", "rom: high,",
			[]string{"clinic.yaml:14: variants[heel-raise-chair].demands.rom: must be a whole number, not text \"high\""}},
		{"weight out of range", "core: 0.2,", "core: 1.5,",
			[]string{"clinic.yaml:16: variants[heel-raise-chair].coverage.core: 1.5 is out of range 0 to 1"}},
		{"negative weight", "glutes: 0.1", "glutes: -0.1",
			[]string{"clinic.yaml:16: variants[heel-raise-chair].coverage.glutes: -0.1 is out of range 0 to 1"}},
		{"unknown group", "core: 0.2,", "core: 0.2, neck: 0.3,",
			[]string{"clinic.yaml:16: variants[heel-raise-chair].coverage.neck: unknown key (allowed: lower-back, glutes, hamstrings, hip-flexors, piriformis, obliques, quadratus-lumborum, core, upper-back, adductors)"}},
		{"no coverage", "coverage: {core: 0.2, glutes: 0.1}", "coverage: {}",
			[]string{"clinic.yaml:16: variants[heel-raise-chair].coverage: must weigh at least one muscle group"}},
		{"negative hold", "move_seconds: 3,", "move_seconds: 3, hold_seconds: -5,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.hold_seconds: -5 is out of range 0 to 1200"}},
		{"max below base", "max_reps: 15", "max_reps: 5",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.max_reps: 5 is less than reps (10)"}},
		{"max hold below hold", "move_seconds: 3,", "move_seconds: 3, hold_seconds: 30, max_hold_seconds: 20,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.max_hold_seconds: 20 is less than hold_seconds (30)"}},
		{"zero reps", "reps: 10,", "reps: 0,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.reps: 0 is out of range 1 to 100"}},
		{"zero sets", "sets: 1,", "sets: 0,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.sets: 0 is out of range 1 to 10"}},
		{"no time", "move_seconds: 3,", "move_seconds: 0,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage: hold_seconds and move_seconds are both 0, so a rep takes no time"}},
		{"reps as text", "reps: 10,", "reps: ten,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.reps: must be a whole number, not text \"ten\""}},
		{"fractional reps", "reps: 10,", "reps: 2.5,",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.reps: must be a whole number, not 2.5"}},
		{"missing breathing", ", breathing: out as you rise}", "}",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.breathing: required but missing"}},
		{"unknown role", "role: warm-up", "role: strech",
			[]string{"clinic.yaml:10: variants[heel-raise-chair].role: \"strech\" is not allowed (allowed: warm-up, stretch, strength, self-massage, relaxation)"}},
		{"unknown position", "position: standing", "position: upside-down",
			[]string{"clinic.yaml:11: variants[heel-raise-chair].position: \"upside-down\" is not allowed (allowed: standing, seated-chair, seated-floor, kneeling, quadruped, supine, prone, side-lying)"}},
		{"unknown surface", "surface: chair", "surface: sofa",
			[]string{"clinic.yaml:12: variants[heel-raise-chair].surface: \"sofa\" is not allowed (allowed: none, chair, bed, floor, wall)"}},
		{"surface does not fit position", "surface: chair", "surface: floor",
			[]string{"clinic.yaml:12: variants[heel-raise-chair].surface: \"floor\" does not fit position \"standing\" (allowed: none, wall, chair)"}},
		{"unknown equipment", "equipment: [chair]", "equipment: [chair, rope]",
			[]string{"clinic.yaml:13: variants[heel-raise-chair].equipment[2]: \"rope\" is not allowed (allowed: strap, cushion, pillow, ball, wall, chair)"}},
		{"repeated equipment", "equipment: [chair]", "equipment: [chair, chair]",
			[]string{"clinic.yaml:13: variants[heel-raise-chair].equipment[2]: \"chair\" is listed twice"}},
		{"unknown spine", "spine: neutral", "spine: sideways",
			[]string{"clinic.yaml:14: variants[heel-raise-chair].demands.spine: \"sideways\" is not allowed (allowed: neutral, flexion, extension, rotation, lateral, mixed)"}},
		{"unknown tag", "good_for: [balance]", "good_for: [balance, dragons]",
			[]string{"clinic.yaml:18: variants[heel-raise-chair].good_for[2]: \"dragons\" is not allowed (allowed: sciatica, pregnancy,"}},
		{"tag good and bad", "good_for: [balance]", "good_for: [balance]\n    avoid_with: [balance]",
			[]string{"clinic.yaml:19: variants[heel-raise-chair].avoid_with: \"balance\" is also listed in good_for"}},
		{"not a boolean", "good_for: [balance]", "good_for: [balance]\n    sided: maybe",
			[]string{"clinic.yaml:19: variants[heel-raise-chair].sided: must be true or false, not text \"maybe\" (allowed: true, false)"}},
		{"unknown prop kind", "kind: chair", "kind: sofa",
			[]string{"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].kind: \"sofa\" is not allowed (allowed: mat, bed, chair, wall, ball, strap, cushion, pillow, block)"}},
		{"strap without joints", "kind: chair, x: 40, w: 45", "kind: strap",
			[]string{
				"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].from: required but missing",
				"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].to: required but missing",
			}},
		{"strap to unknown joint", "kind: chair, x: 40, w: 45", "kind: strap, from: near_hand, to: near_foot",
			[]string{"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].to: \"near_foot\" is not allowed (allowed: head, neck, pelvis,"}},
		{"joints on a chair", "kind: chair, x: 40, w: 45", "kind: chair, x: 40, w: 45, from: head",
			[]string{"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].from: only a strap runs between joints"}},
		{"unknown joint", "head: {x: 0, y: 167},", "head: {x: 0, y: 167}, nose: {x: 5, y: 167},",
			[]string{"clinic.yaml:20: variants[heel-raise-chair].pose.joints.nose: unknown key (allowed: head, neck, pelvis,"}},
		{"missing joint", ", far_toe: {x: 15, y: 2}}", "}",
			[]string{"clinic.yaml:20: variants[heel-raise-chair].pose.joints: missing far_toe: a pose places all 13 joints"}},
		{"joint without y", "far_toe: {x: 15, y: 2}", "far_toe: {x: 15}",
			[]string{"clinic.yaml:20: variants[heel-raise-chair].pose.joints.far_toe.y: required but missing"}},
		{"empty steps", "steps: [Stand behind a chair holding its back., Rise onto your toes and lower slowly.]", "steps: []",
			[]string{"clinic.yaml:17: variants[heel-raise-chair].steps: must list at least one item"}},
		{"blank step", "steps: [Stand behind a chair holding its back.,", "steps: [\"\",",
			[]string{"clinic.yaml:17: variants[heel-raise-chair].steps[1]: must not be blank"}},
		{"steps not a list", "steps: [Stand behind a chair holding its back., Rise onto your toes and lower slowly.]", "steps: Just do it.",
			[]string{"clinic.yaml:17: variants[heel-raise-chair].steps: must be a list, not text \"Just do it.\""}},
		{"unknown family", "    family: heel-raise\n", "    family: heel-rise\n",
			[]string{
				"clinic.yaml:2: families[heel-raise]: family has no variants",
				"clinic.yaml:8: variants[heel-raise-chair].family: family \"heel-rise\" does not exist (did you mean heel-raise?)",
			}},
		{"unknown easier", "good_for: [balance]", "good_for: [balance]\n    easier: heel-raise-seated",
			[]string{"clinic.yaml:19: variants[heel-raise-chair].easier: variant \"heel-raise-seated\" does not exist"}},
		{"easier is itself", "good_for: [balance]", "good_for: [balance]\n    easier: heel-raise-chair",
			[]string{"clinic.yaml:19: variants[heel-raise-chair].easier: a variant cannot be its own easier variant"}},
		{"bad id", "  - id: heel-raise-chair\n", "  - id: Heel Raise\n",
			[]string{"clinic.yaml:7: variants[1].id: \"Heel Raise\" is not a valid id: use lower-case letters and digits joined by hyphens"}},
		{"duplicate variant", "      props: [{kind: chair, x: 40, w: 45}]\n", "      props: [{kind: chair, x: 40, w: 45}]\n" + strings.ReplaceAll(secondVariant, "heel-raise-wall", "heel-raise-chair"),
			[]string{"clinic.yaml:22: variants[heel-raise-chair].id: duplicate id \"heel-raise-chair\" (first defined at clinic.yaml:7)"}},
		{"duplicate family", "variants:\n", "  - id: heel-raise\n    name: Again\n    summary: Again.\n    source: here\nvariants:\n",
			[]string{"clinic.yaml:6: families[heel-raise].id: duplicate id \"heel-raise\" (first defined at clinic.yaml:2)"}},
		{"repeated key", "    role: warm-up\n", "    role: warm-up\n    role: stretch\n",
			[]string{"clinic.yaml:11: variants[heel-raise-chair].role: key repeated (first at line 10)"}},
		{"mapping expected", "demands: {rom: 1, spine: neutral}", "demands: [1, neutral]",
			[]string{"clinic.yaml:14: variants[heel-raise-chair].demands: must be a mapping, not a list"}},
		{"syntax error", "    role: warm-up\n", "    role: warm-up: now\n",
			[]string{"clinic.yaml:10: yaml: mapping values are not allowed in this context"}},
		{"tip topic", "variants:\n", "tips:\n  - {topic: eating, text: Eat well., source: here}\nvariants:\n",
			[]string{"clinic.yaml:7: tips[1].topic: \"eating\" is not allowed (allowed: sitting, standing, sleeping, movement)"}},
		{"red flag level", "variants:\n", "safety:\n  red_flags:\n    - id: fever\n      level: severe\n      question: Do you have a fever?\n      message: See a doctor first.\n      sign: Fever.\n      source: here\nvariants:\n",
			[]string{"clinic.yaml:9: safety.red_flags[fever].level: \"severe\" is not allowed (allowed: emergency, urgent, warning)"}},
		{"merge key", "dosage: {move_seconds: 3, reps: 10, max_reps: 15, sets: 1, breathing: out as you rise}",
			"dosage: {<<: [{reps: 12, max_reps: 20}, &dose {move_seconds: 3, reps: 14, sets: 1, breathing: out}], reps: 10, max_reps: 15}", nil},
		{"merged unknown key", "dosage: {move_seconds: 3, reps: 10, max_reps: 15, sets: 1, breathing: out as you rise}",
			"dosage: {<<: {move_seconds: 3, reps: 10, sets: 1, breathing: out, pace: slow}, max_reps: 15}",
			[]string{"clinic.yaml:15: variants[heel-raise-chair].dosage.pace: unknown key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if !strings.Contains(validFile, tt.old) {
				t.Fatalf("validFile does not contain %q", tt.old)
			}
			file := strings.Replace(validFile, tt.old, tt.new, 1)
			got := problems(t, catalog.Check(writeFile(t, "clinic.yaml", file)))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestAllProblems checks that loading reports every problem of a file,
// in line order, not only the first.
func TestAllProblems(t *testing.T) {
	t.Chdir(t.TempDir())
	file := strings.NewReplacer("role: warm-up", "role: strech", "rom: 1,", "rom: 0,", "kind: chair", "kind: sofa").Replace(validFile)
	got := problems(t, catalog.Check(writeFile(t, "clinic.yaml", file)))
	want := []string{
		"clinic.yaml:10: variants[heel-raise-chair].role:",
		"clinic.yaml:14: variants[heel-raise-chair].demands.rom:",
		"clinic.yaml:21: variants[heel-raise-chair].pose.props[1].kind:",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %s, want %s…", i+1, got[i], want[i])
		}
	}
}

func TestFileProblems(t *testing.T) {
	tests := []struct {
		name, content string
		want          string
	}{
		{"empty", "", "clinic.yaml: file is empty (allowed: families, variants, tips, safety)"},
		{"comment only", "# nothing yet\n", "clinic.yaml: file is empty (allowed: families, variants, tips, safety)"},
		{"no entries", "{}\n", "clinic.yaml:1: file holds no entries (allowed: families, variants, tips, safety)"},
		{"not a mapping", "- a\n- b\n", "clinic.yaml:1: must be a mapping, not a list"},
		{"two documents", "tips: []\n---\ntips: []\n", "clinic.yaml:2: a file holds one YAML document; this is a second one"},
		{"tab indent", "tips:\n\t- x\n", "clinic.yaml:2: yaml: found character that cannot start any token"},
		{"unknown anchor", "tips: *nothing\n", "clinic.yaml:1: yaml: unknown anchor 'nothing' referenced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			got := problems(t, catalog.Check(writeFile(t, "clinic.yaml", tt.content)))
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want [%q]", got, tt.want)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	t.Chdir(t.TempDir())
	got := problems(t, catalog.Check("nowhere.yaml"))
	want := "nowhere.yaml: cannot read file: no such file or directory"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want [%q]", got, want)
	}
}

// TestAliasBomb checks that a small file whose aliases expand into a
// huge tree is rejected quickly instead of exhausting memory.
func TestAliasBomb(t *testing.T) {
	t.Chdir(t.TempDir())
	var b strings.Builder
	b.WriteString("x-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("x-" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("tips: [*a9]\n")
	got := problems(t, catalog.Check(writeFile(t, "clinic.yaml", b.String())))
	if len(got) != 1 || !strings.Contains(got[0], "aliases expand to too large a document") {
		t.Errorf("got %d problems, want one about aliases: %.300q", len(got), got)
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

// TestOverride checks that a later file replaces entries with the same
// id, and that a file can add variants to a family defined earlier.
func TestOverride(t *testing.T) {
	t.Chdir(t.TempDir())
	base := writeFile(t, "base.yaml", validFile+"tips:\n  - {topic: movement, text: Walk often., source: here}\n")
	over := writeFile(t, "over.yaml", `variants:
`+strings.Replace(secondVariant, "name: Heel raise at a wall", "name: Wall heel raise", 1)+`
  - id: heel-raise-chair
    family: heel-raise
    name: Slow heel raise
    role: strength
    position: standing
    surface: chair
    demands: {rom: 1, spine: neutral}
    dosage: {move_seconds: 5, reps: 8, sets: 2, breathing: steady}
    coverage: {core: 0.3}
    steps: [Rise slowly.]
    pose:
      joints: {head: {x: 0, y: 167}, neck: {x: 0, y: 145}, pelvis: {x: 0, y: 92}, near_elbow: {x: 2, y: 115}, near_hand: {x: 4, y: 88}, far_elbow: {x: -2, y: 115}, far_hand: {x: -4, y: 88}, near_knee: {x: 2, y: 50}, near_ankle: {x: 0, y: 8}, near_toe: {x: 15, y: 2}, far_knee: {x: -2, y: 50}, far_ankle: {x: 0, y: 8}, far_toe: {x: 15, y: 2}}
tips:
  - {topic: movement, text: Walk often., source: here}
  - {topic: sitting, text: Sit tall., source: here}
`)
	cat, err := catalog.Load(base, over)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := cat.Variant("heel-raise-chair")
	if v.Name != "Slow heel raise" || v.Origin.File != "over.yaml" {
		t.Errorf("heel-raise-chair = %q from %s, want the later file's", v.Name, v.Origin.File)
	}
	sib := cat.Siblings("heel-raise-chair")
	if len(sib) != 1 || sib[0].ID != "heel-raise-wall" {
		t.Errorf("Siblings = %v, want heel-raise-wall", sib)
	}
	var mine []catalog.Tip
	for _, tip := range cat.Tips {
		if tip.Source == "here" {
			mine = append(mine, tip)
		}
	}
	if len(mine) != 2 {
		t.Errorf("tips from the files = %v, want 2 (the repeated one once)", mine)
	}
	// The same files the other way round: base.yaml's variant wins.
	cat, err = catalog.Load(over, base)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := cat.Variant("heel-raise-chair"); v.Name != "Heel raise holding a chair" {
		t.Errorf("heel-raise-chair = %q, want base.yaml's", v.Name)
	}
	// Loading one file twice is not a duplicate: the second replaces the first.
	if _, err := catalog.Load(base, base); err != nil {
		t.Errorf("loading a file twice: %v", err)
	}
}

// TestCheckPoses checks that Check, unlike Load, reports implausible
// poses.
func TestCheckPoses(t *testing.T) {
	t.Chdir(t.TempDir())
	file := writeFile(t, "clinic.yaml", strings.Replace(validFile, "near_hand: {x: 4, y: 88}", "near_hand: {x: 4, y: 60}", 1))
	if _, err := catalog.Load(file); err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := problems(t, catalog.Check(file))
	want := "clinic.yaml:7: variants[heel-raise-chair].pose: near_elbow–near_hand is 55 cm long (allowed: 22 to 34)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want [%q]", got, want)
	}
}

// TestTestdataClinic checks the example clinic file, which shows anchors
// shared through an x- key.
func TestTestdataClinic(t *testing.T) {
	if err := catalog.Check("testdata/clinic.yaml"); err != nil {
		t.Error(err)
	}
}
