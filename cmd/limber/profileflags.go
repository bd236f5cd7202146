package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// configSettings are the config-file keys that are not profile fields.
// The plan and batch commands read them through profileFlags.settings;
// a command that reads another key from the config file adds it here.
var configSettings = []string{"logo", "paper"}

const profileHelp = `The profile is merged from these sources, each overriding the ones after it:
  1. flags
  2. environment variables LIMBER_<FIELD> (LIMBER_MINUTES=12, LIMBER_EQUIPMENT=strap,chair)
  3. the profile file given by --profile (or LIMBER_PROFILE), YAML or JSON
  4. the config file: --config, or $XDG_CONFIG_HOME/limber/config.yaml
  5. the preset named by --preset (or preset: in any of the above)
  6. the defaults
Lists replace the list below them, except red flags, which add up: a
"yes" from any source counts. Weights merge group by group.
Run 'limber profile show' with the same flags to see the merged profile
and where each value came from.`

// profileSources says where each profile field's value came from:
// "default", "preset NAME", "config FILE", "profile FILE", "env LIMBER_X"
// or "flag --x". Red flags and weights, which merge, may name several,
// separated by commas.
type profileSources map[string]string

// profileFlags are the profile flags shared by every command that plans.
type profileFlags struct {
	fields  []*fieldFlag // one per profile field, in field order
	noFloor bool
	file    string // --profile

	cfg *viper.Viper // settings, after resolve
}

// fieldFlag is the flag of one profile field. It keeps the text as given
// and checks it when it is parsed, so a bad value is a usage error that
// lists what is allowed.
type fieldFlag struct {
	name    string // flag name, without the dashes
	field   profiles.Field
	varName string // what the help shows after the flag
	raw     []string
	// repeat: each use adds to a list (include, exclude, red-flag,
	// weight, equipment) instead of replacing the value.
	repeat bool
}

func (v *fieldFlag) String() string { return strings.Join(v.raw, ",") }

// Type is shown in the help after the flag name.
func (v *fieldFlag) Type() string { return v.varName }

// Set checks s on its own. Names only the catalog knows (exercise ids,
// red flags, muscle groups) are checked later, in resolve, when the
// catalog is loaded.
func (v *fieldFlag) Set(s string) error {
	items := []string{s}
	if v.field.Kind == profiles.KindList {
		items = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	}
	for _, item := range items {
		if _, err := profiles.Apply(profiles.Default(), map[string]any{v.field.Name: item}, profiles.Known{}); err != nil {
			return errors.New(problemMessages(err))
		}
	}
	if v.repeat {
		v.raw = append(v.raw, items...)
	} else {
		v.raw = []string{s}
	}
	return nil
}

// value is the flag's value for profiles.Apply.
func (v *fieldFlag) value() any {
	switch {
	case v.field.Kind == profiles.KindWeights:
		return strings.Join(v.raw, ";")
	case v.repeat:
		return v.raw
	}
	return v.raw[0]
}

// flagName is the flag of a profile field: the field name with hyphens,
// and singular for the repeatable lists.
func flagName(field string) string {
	switch field {
	case "weights":
		return "weight"
	case "red_flags":
		return "red-flag"
	}
	return strings.ReplaceAll(field, "_", "-")
}

// envName is the environment variable of a profile field.
func envName(field string) string {
	return "LIMBER_" + strings.ToUpper(field)
}

// addProfileFlags adds the profile flags to cmd.
func addProfileFlags(cmd *cobra.Command) *profileFlags {
	pf := &profileFlags{}
	fl := cmd.Flags()
	for _, field := range profiles.Fields() {
		v := &fieldFlag{name: flagName(field.Name), field: field}
		usage := field.Help
		switch field.Kind {
		case profiles.KindInt:
			v.varName = "N"
			if field.Name != "seed" {
				usage += fmt.Sprintf(" (%d–%d)", field.Min, field.Max)
			}
		case profiles.KindBool:
			v.varName = "bool"
		case profiles.KindEnum:
			v.varName = strings.ToUpper(field.Name)
			if field.Name == "preset" {
				usage = "start from this preset, which the other values change"
			}
			if !mentionsAll(usage, field.Allowed) {
				usage += ": " + strings.Join(field.Allowed, ", ")
			}
		case profiles.KindText:
			v.varName = "TEXT"
		case profiles.KindList:
			v.repeat = true
			v.varName = "ID"
			usage += " (repeatable)"
			switch field.Name {
			case "equipment":
				v.varName = "LIST"
				usage = field.Help + ": " + strings.Join(field.Allowed, ", ") + " (comma-separated)"
			case "red_flags":
				v.varName = "NAME"
				usage = "a safety question answered yes, by name (repeatable; limber screen --list shows them)"
			}
		case profiles.KindWeights:
			v.repeat = true
			v.varName = "GROUP=W"
			usage = fmt.Sprintf("weight of a muscle group, %d–%d, replacing the planner's own (repeatable)", field.Min, field.Max)
		}
		switch field.Name {
		case "pregnant":
			v.varName = "TRIMESTER"
		case "sciatica":
			v.varName = "SIDE"
		case "preset":
			v.varName = "NAME"
		}
		f := fl.VarPF(v, v.name, "", usage)
		if field.Kind == profiles.KindBool {
			f.NoOptDefVal = "true"
		}
		if field.Kind == profiles.KindEnum {
			_ = cmd.RegisterFlagCompletionFunc(v.name, cobra.FixedCompletions(field.Allowed, cobra.ShellCompDirectiveNoFileComp))
		}
		pf.fields = append(pf.fields, v)
	}
	fl.BoolVar(&pf.noFloor, "no-floor", false, "cannot get down to the floor: the same as --floor none")
	fl.StringVar(&pf.file, "profile", "", "profile `FILE` (YAML or JSON; see limber profile init)")
	_ = cmd.RegisterFlagCompletionFunc("equipment", cobra.FixedCompletions(profiles.EquipmentNames, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("profile", "yaml", "yml", "json")
	return pf
}

// mentionsAll reports whether the help text already names every value.
func mentionsAll(help string, values []string) bool {
	for _, v := range values {
		if !strings.Contains(help, v) {
			return false
		}
	}
	return true
}

// profileKnown is what profile validation checks names against: the
// catalog's variant and family ids, red flags and muscle groups.
func profileKnown(cat *catalog.Catalog) profiles.Known {
	var k profiles.Known
	for _, v := range cat.Variants {
		k.ExerciseIDs = append(k.ExerciseIDs, v.ID)
	}
	for _, fam := range cat.Families {
		if !slices.Contains(k.ExerciseIDs, fam.ID) {
			k.ExerciseIDs = append(k.ExerciseIDs, fam.ID)
		}
	}
	for _, rf := range cat.Safety.RedFlags {
		k.RedFlags = append(k.RedFlags, rf.ID)
	}
	for _, g := range catalog.Groups {
		k.Groups = append(k.Groups, string(g))
	}
	return k
}

// profileLayer is one source of profile values.
type profileLayer struct {
	values map[string]any
	source func(field string) string
}

// resolve merges the profile from every source (see profileHelp) and
// validates it against the catalog. Problems in any source are all
// reported together, each naming its source, as a usage error.
func (pf *profileFlags) resolve(f *factory, cmd *cobra.Command) (profiles.Profile, profileSources, error) {
	cat, err := f.Catalog()
	if err != nil {
		return profiles.Profile{}, nil, err
	}
	k := profileKnown(cat)
	var probs []string
	var layers []profileLayer // lowest precedence first

	cfgPath, cfgValues, err := pf.readConfig(f, k)
	if err != nil {
		probs = append(probs, problemLines(err)...)
	} else if cfgValues != nil {
		layers = append(layers, profileLayer{cfgValues, func(string) string { return "config " + cfgPath }})
	}

	file, fileSource := pf.file, "flag --profile"
	if !cmd.Flags().Changed("profile") {
		file, fileSource = f.IO.Getenv("LIMBER_PROFILE"), "env LIMBER_PROFILE"
	}
	if file != "" {
		values, err := readProfileFile(file, k)
		if err != nil && !isProfileErrors(err) {
			probs = append(probs, fmt.Sprintf("%s (%s)", err, fileSource))
		} else if err != nil {
			probs = append(probs, problemLines(err)...)
		} else {
			layers = append(layers, profileLayer{values, func(string) string { return "profile " + file }})
		}
	}

	env := map[string]any{}
	for _, field := range profiles.Fields() {
		name := envName(field.Name)
		raw := f.IO.Getenv(name)
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if msg := checkOne(field.Name, raw, k); msg != "" {
			probs = append(probs, fmt.Sprintf("$%s: %s", name, msg))
			continue
		}
		env[field.Name] = raw
	}
	layers = append(layers, profileLayer{env, func(field string) string { return "env " + envName(field) }})

	flags := map[string]any{}
	flagOf := map[string]string{}
	for _, v := range pf.fields {
		if !cmd.Flags().Changed(v.name) {
			continue
		}
		if msg := checkOne(v.field.Name, v.value(), k); msg != "" {
			probs = append(probs, fmt.Sprintf("--%s: %s", v.name, msg))
			continue
		}
		flags[v.field.Name] = v.value()
		flagOf[v.field.Name] = "flag --" + v.name
	}
	if pf.noFloor {
		if floor, ok := flags["floor"]; ok && canonical("floor", floor) != string(profiles.FloorNone) {
			return profiles.Profile{}, nil, usagef("--no-floor and --floor %s contradict each other", floor)
		}
		flags["floor"] = string(profiles.FloorNone)
		flagOf["floor"] = "flag --no-floor"
	}
	layers = append(layers, profileLayer{flags, func(field string) string { return flagOf[field] }})

	if len(probs) > 0 {
		return profiles.Profile{}, nil, profileProblems(probs)
	}

	// The preset is the base: it goes below the config file whichever
	// source named it.
	for i := len(layers) - 1; i >= 0; i-- {
		v, ok := layers[i].values["preset"]
		if !ok {
			continue
		}
		presetName := canonical("preset", v).(string)
		preset, err := profiles.PresetValues(presetName)
		if err != nil {
			return profiles.Profile{}, nil, profileProblems(problemLines(err))
		}
		layers = append([]profileLayer{{preset, func(string) string { return "preset " + presetName }}}, layers...)
		break
	}

	merged, sources := mergeLayers(layers)
	p, err := profiles.Apply(profiles.Default(), merged, k)
	if err != nil {
		var lines []string
		for _, line := range problemLines(err) {
			field, _, _ := strings.Cut(line, ":")
			lines = append(lines, fmt.Sprintf("%s (from %s)", line, sources[field]))
		}
		return profiles.Profile{}, nil, profileProblems(lines)
	}
	return p, sources, nil
}

// mergeLayers merges the layers' values, later layers winning, and
// records where each value came from. Red flags add up and weights merge
// by group; every other field takes the last value given.
func mergeLayers(layers []profileLayer) (map[string]any, profileSources) {
	merged := map[string]any{}
	sources := profileSources{}
	for _, field := range profiles.Fields() {
		sources[field.Name] = "default"
	}
	redFlags := []string{}
	weights := map[string]float64{}
	var redSources, weightSources []string
	for _, l := range layers {
		for _, field := range profiles.Fields() {
			v, ok := l.values[field.Name]
			if !ok {
				continue
			}
			src := l.source(field.Name)
			switch field.Name {
			case "red_flags":
				for _, id := range canonical(field.Name, v).([]string) {
					if !slices.Contains(redFlags, id) {
						redFlags = append(redFlags, id)
					}
				}
				redSources = appendSource(redSources, src)
			case "weights":
				for g, w := range canonical(field.Name, v).(map[string]float64) {
					weights[g] = w
				}
				weightSources = appendSource(weightSources, src)
			default:
				merged[field.Name] = v
				sources[field.Name] = src
			}
		}
	}
	if len(redSources) > 0 {
		merged["red_flags"] = redFlags
		sources["red_flags"] = strings.Join(redSources, ", ")
	}
	if len(weightSources) > 0 {
		merged["weights"] = weights
		sources["weights"] = strings.Join(weightSources, ", ")
	}
	return merged, sources
}

func appendSource(list []string, src string) []string {
	if slices.Contains(list, src) {
		return list
	}
	return append(list, src)
}

// canonical returns v, already checked, as the Go value the field holds.
func canonical(field string, v any) any {
	p, err := profiles.Apply(profiles.Default(), map[string]any{field: v}, profiles.Known{})
	if err != nil {
		panic("limber: value checked before is now invalid: " + err.Error())
	}
	return p.Get(field)
}

// checkOne checks a single value against the catalog and returns what is
// wrong with it, or "".
func checkOne(field string, v any, k profiles.Known) string {
	_, err := profiles.Apply(profiles.Default(), map[string]any{field: v}, k)
	if err == nil {
		return ""
	}
	return problemMessages(err)
}

// problemMessages joins the messages of a profiles error without their
// field names, for a caller that names the source itself.
func problemMessages(err error) string {
	var probs profiles.Errors
	if !errors.As(err, &probs) {
		return err.Error()
	}
	msgs := make([]string, len(probs))
	for i, p := range probs {
		msgs[i] = p.Msg
	}
	return strings.Join(msgs, "; ")
}

func isProfileErrors(err error) bool {
	var probs profiles.Errors
	return errors.As(err, &probs)
}

// problemLines splits an error into one line per problem.
func problemLines(err error) []string {
	var probs profiles.Errors
	if errors.As(err, &probs) {
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = p.String()
		}
		return lines
	}
	return []string{err.Error()}
}

// profileProblems is the usage error for problems in the profile's
// sources: one problem on its own, several listed one per line.
func profileProblems(lines []string) error {
	hint := "'limber profile init' writes a template with every field and what it allows"
	if len(lines) == 1 {
		return withCode(ExitUsage, errors.New(lines[0]), hint)
	}
	return withCode(ExitUsage, fmt.Errorf("%d problems in the profile:\n  %s", len(lines), strings.Join(lines, "\n  ")), hint)
}

// readProfileFile reads and checks a profile file.
func readProfileFile(path string, k profiles.Known) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read profile file: %w", err)
	}
	return profiles.Parse(path, data, k)
}

// configPath is --config, or else config.yaml in limber's directory under
// $XDG_CONFIG_HOME (by default ~/.config). explicit reports whether the
// user named the file, in which case it must exist.
func configPath(f *factory) (path string, explicit bool) {
	if f.ConfigPath != "" {
		return f.ConfigPath, true
	}
	dir := f.IO.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := f.IO.Getenv("HOME")
		if home == "" {
			return "", false
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "limber", "config.yaml"), false
}

// readConfig reads the config file: its profile fields are checked like
// a profile file's, with lines; the other settings (configSettings) are
// left to viper, with LIMBER_<KEY> environment variables over them. It
// returns nil values when there is no config file.
func (pf *profileFlags) readConfig(f *factory, k profiles.Known) (string, map[string]any, error) {
	v := viper.New()
	v.SetEnvPrefix("limber")
	v.AutomaticEnv()
	pf.cfg = v
	path, explicit := configPath(f)
	if path == "" {
		return "", nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return path, nil, nil
	}
	if err != nil {
		return path, nil, fmt.Errorf("cannot read config file: %w", err)
	}
	values, err := profiles.ParseAllowing(path, data, k, configSettings...)
	if err != nil {
		return path, nil, err
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return path, nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return path, values, nil
}

// settings returns the settings that are not profile fields (the keys in
// configSettings) from the config file, with LIMBER_<KEY> environment
// variables over them. It is valid after resolve.
func (pf *profileFlags) settings() *viper.Viper {
	if pf.cfg == nil {
		v := viper.New()
		v.SetEnvPrefix("limber")
		v.AutomaticEnv()
		pf.cfg = v
	}
	return pf.cfg
}
