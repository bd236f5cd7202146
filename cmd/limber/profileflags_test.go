package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/profiles"
)

// resolveSetup is the outside world of one resolve: files, environment
// and command line.
type resolveSetup struct {
	args    []string
	env     map[string]string
	profile string // contents of profile.yaml; --profile or LIMBER_PROFILE names it
	config  string // contents of the default config file
}

// runResolve runs profileFlags.resolve on a command built the way the
// planning commands build theirs. File names in args and env may use
// $DIR for the temporary directory.
func runResolve(t *testing.T, s resolveSetup) (profiles.Profile, profileSources, *profileFlags, error) {
	t.Helper()
	return runResolveIn(t, t.TempDir(), s)
}

func runResolveIn(t *testing.T, dir string, s resolveSetup) (profiles.Profile, profileSources, *profileFlags, error) {
	t.Helper()
	expand := func(v string) string { return strings.ReplaceAll(v, "$DIR", dir) }
	env := map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "config")}
	for k, v := range s.env {
		env[k] = expand(v)
	}
	if s.profile != "" {
		writeTestFile(t, filepath.Join(dir, "profile.yaml"), s.profile)
	}
	if s.config != "" {
		writeTestFile(t, filepath.Join(dir, "config", "limber", "config.yaml"), s.config)
	}
	f := &factory{IO: &IOStreams{
		In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{},
		Getenv: func(k string) string { return env[k] },
	}}
	var (
		p       profiles.Profile
		sources profileSources
		pf      *profileFlags
		err     error
	)
	cmd := &cobra.Command{
		Use:           "plan",
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, sources, err = pf.resolve(f, cmd)
			return nil
		},
	}
	pf = addProfileFlags(cmd)
	args := make([]string, len(s.args))
	for i, a := range s.args {
		args[i] = expand(a)
	}
	cmd.SetArgs(args)
	if execErr := cmd.Execute(); execErr != nil {
		return p, sources, pf, execErr
	}
	return p, sources, pf, err
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestResolvePrecedence checks flag > env > profile file > config file >
// preset > default, field by field, with the source recorded.
func TestResolvePrecedence(t *testing.T) {
	const cfg = "$DIR/config/limber/config.yaml"
	tests := []struct {
		name   string
		setup  resolveSetup
		field  string
		want   any
		source string
	}{
		{"default", resolveSetup{}, "minutes", 10, "default"},
		{"preset", resolveSetup{args: []string{"--preset", "desk-worker"}}, "minutes", 5, "preset desk-worker"},
		{"config beats preset", resolveSetup{args: []string{"--preset", "desk-worker"}, config: "minutes: 20\n"},
			"minutes", 20, "config " + cfg},
		{"profile file beats config", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml"},
			profile: "minutes: 15\n", config: "minutes: 20\n"}, "minutes", 15, "profile $DIR/profile.yaml"},
		{"env beats profile file", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml"},
			env: map[string]string{"LIMBER_MINUTES": "25"}, profile: "minutes: 15\n", config: "minutes: 20\n"},
			"minutes", 25, "env LIMBER_MINUTES"},
		{"flag beats env", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--minutes", "12"},
			env: map[string]string{"LIMBER_MINUTES": "25"}, profile: "minutes: 15\n", config: "minutes: 20\n"},
			"minutes", 12, "flag --minutes"},
		{"profile file from the environment", resolveSetup{env: map[string]string{"LIMBER_PROFILE": "$DIR/profile.yaml"},
			profile: "floor: bed\n"}, "floor", "bed", "profile $DIR/profile.yaml"},
		{"--no-floor", resolveSetup{args: []string{"--no-floor"}, config: "floor: bed\n"}, "floor", "none", "flag --no-floor"},
		{"preset named in the config", resolveSetup{config: "preset: senior-chair\n"}, "poor_balance", true, "preset senior-chair"},
		{"preset's own source", resolveSetup{config: "preset: senior-chair\n"}, "preset", "senior-chair", "config " + cfg},
		{"preset in a profile file beaten by the flag", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--preset", "bad-knees"},
			profile: "preset: senior-chair\n"}, "preset", "bad-knees", "flag --preset"},
		{"preset from env", resolveSetup{env: map[string]string{"LIMBER_PRESET": "morning-stiffness"}}, "focus", "morning", "preset morning-stiffness"},
		{"config below the preset named by a flag", resolveSetup{args: []string{"--preset", "desk-worker"}, config: "floor: bed\n"},
			"floor", "bed", "config " + cfg},
		{"list from env, CSV", resolveSetup{env: map[string]string{"LIMBER_EQUIPMENT": "strap, ball"}}, "equipment",
			[]string{"strap", "ball"}, "env LIMBER_EQUIPMENT"},
		{"list flag replaces the file's list", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--equipment", "ball", "--equipment", "wall"},
			profile: "equipment: [strap]\n"}, "equipment", []string{"ball", "wall"}, "flag --equipment"},
		{"red flags add up", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--red-flag", "leg-numbness"},
			profile: "red_flags: [fever]\n"}, "red_flags", []string{"fever", "leg-numbness"}, "profile $DIR/profile.yaml, flag --red-flag"},
		{"weights merge by group", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--weight", "core=2", "--weight", "glutes=0.5"},
			env: map[string]string{"LIMBER_WEIGHTS": "hamstrings=1;core=1"}, profile: "weights: {core: 3, piriformis: 1}\n"},
			"weights", map[string]float64{"core": 2, "glutes": 0.5, "hamstrings": 1, "piriformis": 1},
			"profile $DIR/profile.yaml, env LIMBER_WEIGHTS, flag --weight"},
		{"bool flag", resolveSetup{args: []string{"--bad-knees"}}, "bad_knees", true, "flag --bad-knees"},
		{"bool flag set false", resolveSetup{args: []string{"--bad-knees=false"}, config: "bad_knees: true\n"}, "bad_knees", false, "flag --bad-knees"},
		{"handout text from the config", resolveSetup{config: "clinic: Riverside Physio\nlogo: logo.png\n"}, "clinic", "Riverside Physio", "config " + cfg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p, sources, _, err := runResolveIn(t, dir, tt.setup)
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			if got := p.Get(tt.field); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.field, got, tt.want)
			}
			if got := strings.ReplaceAll(sources[tt.field], dir, "$DIR"); got != tt.source {
				t.Errorf("source of %s = %q, want %q", tt.field, got, tt.source)
			}
		})
	}
}

// TestResolveProblems checks that problems in every source are reported
// together, each naming its source.
func TestResolveProblems(t *testing.T) {
	tests := []struct {
		name  string
		setup resolveSetup
		want  []string
	}{
		{"catalog names in flags", resolveSetup{args: []string{"--include", "cat-cwo", "--red-flag", "back-ache", "--weight", "calves=1"}}, []string{
			`--include: "cat-cwo" is not in the catalog; did you mean "cat-cow"?`,
			`--red-flag: "back-ache" is not one of bladder-bowel, saddle-numbness, leg-weakness, fever, weight-loss, trauma, cancer-history, night-pain, leg-numbness`,
			`--weight: "calves" is not one of lower-back, glutes,`,
		}},
		{"environment", resolveSetup{env: map[string]string{"LIMBER_MINUTES": "abc", "LIMBER_FLOOR": "carpet"}}, []string{
			`$LIMBER_MINUTES: "abc" is not a whole number`,
			`$LIMBER_FLOOR: "carpet" is not one of mat, bed, none`,
		}},
		{"every source at once", resolveSetup{
			args:    []string{"--profile", "$DIR/profile.yaml", "--exclude", "nothing-like-this"},
			env:     map[string]string{"LIMBER_PER_DAY": "0"},
			profile: "minutes: -5\nfloor: carpet\n",
			config:  "minuts: 3\n",
		}, []string{
			`5 problems in the profile:`,
			`config/limber/config.yaml:1: minuts: unknown field; did you mean "minutes"?`,
			`profile.yaml:1: minutes: -5 is out of range (1–120)`,
			`profile.yaml:2: floor: "carpet" is not one of mat, bed, none`,
			`$LIMBER_PER_DAY: 0 is out of range (1–10)`,
			`--exclude: "nothing-like-this" is not in the catalog`,
		}},
		{"contradiction across sources", resolveSetup{args: []string{"--profile", "$DIR/profile.yaml", "--exclude", "cat-cow"},
			profile: "include: [cat-cow]\n"}, []string{
			`exclude: "cat-cow" is also in include (from flag --exclude)`,
		}},
		{"missing profile file", resolveSetup{args: []string{"--profile", "$DIR/nothing.yaml"}}, []string{
			`cannot read profile file: open `, `nothing.yaml: no such file or directory (flag --profile)`,
		}},
		{"missing profile file from env", resolveSetup{env: map[string]string{"LIMBER_PROFILE": "$DIR/nothing.yaml"}}, []string{
			`(env LIMBER_PROFILE)`,
		}},
		{"config setting misspelt", resolveSetup{config: "papr: a4\n"}, []string{
			`config.yaml:1: papr: unknown field; did you mean "paper"?`,
		}},
		{"--no-floor against --floor", resolveSetup{args: []string{"--no-floor", "--floor", "mat"}}, []string{
			`--no-floor and --floor mat contradict each other`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := runResolve(t, tt.setup)
			if err == nil {
				t.Fatal("resolve: no error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error\n%s\nlacks %q", err, want)
				}
			}
			if code := report(&IOStreams{Err: &bytes.Buffer{}}, err); code != ExitUsage {
				t.Errorf("exit code %d, want %d", code, ExitUsage)
			}
		})
	}
}

// TestProfileFlagParseErrors checks that bad flag values fail as the
// flags are parsed, listing what is allowed.
func TestProfileFlagParseErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--floor", "carpet"}, `invalid argument "carpet" for "--floor" flag: "carpet" is not one of mat, bed, none`},
		{[]string{"--minutes", "-5"}, `invalid argument "-5" for "--minutes" flag: -5 is out of range (1–120)`},
		{[]string{"--minutes", "ten"}, `"ten" is not a whole number`},
		{[]string{"--rom", "wide"}, `"wide" is not one of limited, moderate, full`},
		{[]string{"--sciatica", "middle"}, `"middle" is not one of none, left, right, both`},
		{[]string{"--focus", "cardio"}, `"cardio" is not one of relief, mobility, strength, morning, desk-break`},
		{[]string{"--level", "hard"}, `"hard" is not one of gentle, standard`},
		{[]string{"--pregnant", "4"}, `4 is out of range (0–3)`},
		{[]string{"--equipment", "strap,rope"}, `"rope" is not one of strap, cushion, pillow, ball, wall, chair`},
		{[]string{"--weight", "core"}, `"core" is not GROUP=WEIGHT`},
		{[]string{"--weight", "core=-1"}, `core=-1 is out of range (0–10)`},
		{[]string{"--max-exercises", "31"}, `31 is out of range (0–30)`},
		{[]string{"--per-day", "0"}, `0 is out of range (1–10)`},
		{[]string{"--seed", "x"}, `"x" is not a whole number`},
		{[]string{"--bad-knees=maybe"}, `"maybe" is not true or false`},
		{[]string{"--preset", "yoga"}, `"yoga" is not one of bad-knees,`},
	}
	for _, tt := range tests {
		_, _, _, err := runResolve(t, resolveSetup{args: tt.args})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestSettingsFromConfig(t *testing.T) {
	_, _, pf, err := runResolve(t, resolveSetup{config: "paper: letter\nlogo: clinic.png\nminutes: 12\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := pf.settings().GetString("paper"); got != "letter" {
		t.Errorf("paper = %q, want letter", got)
	}
	if got := pf.settings().GetString("logo"); got != "clinic.png" {
		t.Errorf("logo = %q, want clinic.png", got)
	}
}

// TestPresetsFitTheCatalog checks every preset against the embedded
// catalog's names.
func TestPresetsFitTheCatalog(t *testing.T) {
	f := &factory{IO: &IOStreams{}}
	cat, err := f.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	k := profileKnown(cat)
	for _, name := range profiles.PresetNames() {
		p, err := profiles.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Validate(k); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
	if len(k.RedFlags) == 0 || len(k.ExerciseIDs) == 0 || len(k.Groups) == 0 {
		t.Errorf("profileKnown left a list empty: %+v", k)
	}
}
