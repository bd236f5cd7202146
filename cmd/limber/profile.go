package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

func newProfileCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "Write, check and show profiles: who a routine is for",
		Long: `A profile says who a routine is for: the time they have, where they can
lie down, their range of motion, knee, wrist, balance and other problems,
their equipment, what to focus on, their answers to the safety questions,
and the names printed on the handout. Every field can be given in a
profile file (YAML or JSON), as a flag or as an environment variable.`,
		Example: `  limber profile init --preset senior-chair -o anna.yaml
  limber profile check anna.yaml
  limber profile show --profile anna.yaml --minutes 15`,
		Args: usageArgs(cobra.NoArgs),
		// Runnable so that a mistyped subcommand is an error, not help.
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newProfileInitCmd(f), newProfileCheckCmd(f), newProfileShowCmd(f))
	return cmd
}

// ProfileInitOptions are the resolved flags of `limber profile init`.
type ProfileInitOptions struct {
	IO     *IOStreams
	Preset string // "" for the defaults
	Output string // file to write, "-" for standard output
	Force  bool   // overwrite an existing file
	Known  profiles.Known
	Safety catalog.Safety
}

func newProfileInitCmd(f *factory) *cobra.Command {
	opts := &ProfileInitOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented profile file to fill in",
		Long: `Write a profile file with every field, each with a comment saying what it
is and what it allows, filled in with the defaults or with a preset.
The file is FILE or -o FILE (profile.yaml when neither is given; - for
standard output). An existing file is not overwritten unless --force is
given. The file is written whole or not at all.

Presets:
` + presetList(),
		Example: `  limber profile init
  limber profile init --preset sciatica-left anna.yaml
  limber profile init -o - | less`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
	}
	preset := &fieldFlag{name: "preset", varName: "NAME"}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 1 {
			if cmd.Flags().Changed("output") && opts.Output != args[0] {
				return usagef("two files to write: %q and -o %q; give one", args[0], opts.Output)
			}
			opts.Output = args[0]
		}
		if len(preset.raw) > 0 {
			opts.Preset = strings.ToLower(strings.TrimSpace(preset.raw[0]))
		}
		cat, err := f.Catalog()
		if err != nil {
			return err
		}
		opts.Known = profileKnown(cat)
		opts.Safety = cat.Safety
		return runProfileInit(opts)
	}
	preset.field, _ = profiles.Lookup("preset")
	cmd.Flags().Var(preset, "preset", "start from this preset: "+strings.Join(profiles.PresetNames(), ", "))
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "profile.yaml", "write to `FILE` (- for standard output)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite the file if it exists")
	_ = cmd.RegisterFlagCompletionFunc("preset", cobra.FixedCompletions(profiles.PresetNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func presetList() string {
	var b strings.Builder
	for _, name := range profiles.PresetNames() {
		fmt.Fprintf(&b, "  %-28s %s\n", name, profiles.PresetSummary(name))
	}
	return strings.TrimRight(b.String(), "\n")
}

func runProfileInit(opts *ProfileInitOptions) error {
	p := profiles.Default()
	if opts.Preset != "" {
		var err error
		if p, err = profiles.Preset(opts.Preset); err != nil {
			return withCode(ExitUsage, err)
		}
	}
	data := profileTemplate(p, opts.Known, opts.Safety)
	if opts.Output == "-" {
		_, err := opts.IO.Out.Write(data)
		return err
	}
	if err := writeProfileFile(opts.Output, data, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Err, "limber: wrote %s; fill it in, then check it with: limber profile check %s\n", opts.Output, opts.Output)
	return nil
}

// profileTemplate writes p as a profile file with every field, each after
// a comment saying what it is and what it allows. Reading the file back
// gives p.
func profileTemplate(p profiles.Profile, k profiles.Known, s catalog.Safety) []byte {
	var b strings.Builder
	b.WriteString(`# limber profile: who a routine is for.
#
# Fill in what applies; a blank value means "not given". Then check the
# file and plan with it:
#   limber profile check FILE
#   limber plan --profile FILE
# Flags (--minutes 15) and environment variables (LIMBER_MINUTES=15)
# override the values here.
`)
	if p.Preset != "" {
		fmt.Fprintf(&b, "#\n# Filled in from the %s preset: %s\n", p.Preset, profiles.PresetSummary(p.Preset))
	}
	for _, field := range profiles.Fields() {
		b.WriteByte('\n')
		for _, line := range wrapWords(fieldComment(field, k, s), 76) {
			b.WriteString("# " + line + "\n")
		}
		if field.Name == "red_flags" {
			for _, rf := range s.RedFlags {
				for i, line := range wrapWords(rf.Question, 76-20) {
					label := ""
					if i == 0 {
						label = rf.ID
						if rf.Level == catalog.Warning {
							label += " (w)"
						}
					}
					fmt.Fprintf(&b, "#   %-18s%s\n", label, line)
				}
			}
		}
		value := ""
		if field.Name != "preset" {
			value = yamlValue(p.Get(field.Name))
		}
		b.WriteString(strings.TrimRight(field.Name+": "+value, " ") + "\n")
	}
	return []byte(b.String())
}

// fieldComment says what a field is and what values it takes.
func fieldComment(field profiles.Field, k profiles.Known, s catalog.Safety) string {
	help := capitalize(field.Help) + "."
	switch field.Kind {
	case profiles.KindInt:
		if field.Name == "seed" {
			return help + " Any whole number."
		}
		return fmt.Sprintf("%s A whole number from %d to %d.", help, field.Min, field.Max)
	case profiles.KindBool:
		return help + " true or false."
	case profiles.KindEnum:
		if field.Name == "preset" {
			return "Preset the profile starts from; the fields in this file change it. One of: " +
				strings.Join(field.Allowed, ", ") + ". Leave it blank to start from the defaults."
		}
		return help + " One of: " + strings.Join(field.Allowed, ", ") + "."
	case profiles.KindText:
		return fmt.Sprintf("%s Text, at most %d characters.", help, field.Max)
	case profiles.KindWeights:
		return fmt.Sprintf("%s Groups: %s. Weights from %d to %d, for example {core: 2, hamstrings: 0.5}.",
			help, strings.Join(k.Groups, ", "), field.Min, field.Max)
	}
	switch field.Name {
	case "equipment":
		return help + " Any of: " + strings.Join(field.Allowed, ", ") + "."
	case "red_flags":
		return help + " Any of the names below. An answer marked (w) gives a gentle routine and" +
			" advice to see a clinician; any other one means no routine: see a doctor first."
	}
	return help + " Ids as 'limber catalog list' shows them, for example [" + strings.Join(exampleIDs(k), ", ") + "]."
}

// exampleIDs picks the two shortest ids, which are family ids that read
// well in an example.
func exampleIDs(k profiles.Known) []string {
	ids := append([]string(nil), k.ExerciseIDs...)
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	})
	return ids[:min(2, len(ids))]
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// yamlValue writes a value as it appears after "key: " on one line:
// lists and mappings in flow style, text with line breaks quoted, empty
// text blank (not given).
func yamlValue(v any) string {
	if s, ok := v.(string); ok && s == "" {
		return ""
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		panic("limber: cannot encode a profile value: " + err.Error())
	}
	switch {
	case n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode:
		n.Style = yaml.FlowStyle
	case n.Kind == yaml.ScalarNode && strings.ContainsAny(n.Value, "\n\t"):
		n.Style = yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(&n)
	if err != nil {
		panic("limber: cannot encode a profile value: " + err.Error())
	}
	return strings.TrimSuffix(string(out), "\n")
}

// wrapWords breaks s into lines of at most width runes, at spaces.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// writeProfileFile writes data to path through a temporary file in the
// same directory, so that the file is never left half written. Without
// force an existing file is kept: the temporary file is hard-linked into
// place, which fails if the name exists even when another program
// creates it meanwhile.
func writeProfileFile(path string, data []byte, force bool) error {
	exists := withCode(ExitUsage, fmt.Errorf("%s already exists", path), "use --force to overwrite it, or name another file")
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return exists
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmpName, 0o644)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if force {
		if err := os.Rename(tmpName, path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return exists
		}
		// No hard links here (some network and FAT file systems): the
		// check above has to do.
		if err := os.Rename(tmpName, path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	return nil
}

// ProfileCheckOptions are the resolved arguments of `limber profile check`.
type ProfileCheckOptions struct {
	IO     *IOStreams
	File   string
	Format string
	Known  profiles.Known
}

func newProfileCheckCmd(f *factory) *cobra.Command {
	opts := &ProfileCheckOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "check FILE",
		Short: "Check a profile file and print the profile it gives",
		Long: `Check a profile file on its own (no flags, environment or config file):
every problem is listed with its line. When the file is valid, the
resolved profile is printed with where each value came from: the file,
the preset it names, or the defaults.

Exit status 0 when the file is valid, 2 when it has problems.`,
		Example: `  limber profile check anna.yaml
  limber profile check anna.json --format json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if err := checkFormat(opts.Format); err != nil {
				return err
			}
			cat, err := f.Catalog()
			if err != nil {
				return err
			}
			opts.Known = profileKnown(cat)
			return runProfileCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `FORMAT`: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runProfileCheck(opts *ProfileCheckOptions) error {
	values, err := readProfileFile(opts.File, opts.Known)
	var p profiles.Profile
	if err == nil {
		p, err = profiles.Apply(profiles.Default(), values, opts.Known)
	}
	var probs profiles.Errors
	if errors.As(err, &probs) {
		for _, prob := range probs {
			if prob.File == "" {
				prob.File = opts.File
			}
			fmt.Fprintln(opts.IO.Err, prob)
		}
		return withCode(ExitUsage, fmt.Errorf("%s has %s", opts.File, plural(len(probs), "problem")))
	}
	if err != nil {
		return withCode(ExitUsage, err)
	}
	sources := profileSources{}
	for _, field := range profiles.Fields() {
		sources[field.Name] = "default"
	}
	if p.Preset != "" {
		preset, _ := profiles.PresetValues(p.Preset)
		for name := range preset {
			sources[name] = "preset " + p.Preset
		}
	}
	for name := range values {
		sources[name] = "profile " + opts.File
	}
	return printProfile(opts.IO.Out, p, sources, opts.Format)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func checkFormat(format string) error {
	if format != "text" && format != "json" {
		return usagef("--format %q is not one of text, json", format)
	}
	return nil
}

// ProfileShowOptions are the resolved flags of `limber profile show`.
type ProfileShowOptions struct {
	IO      *IOStreams
	Profile profiles.Profile
	Sources profileSources
	Format  string
}

func newProfileShowCmd(f *factory) *cobra.Command {
	opts := &ProfileShowOptions{IO: f.IO}
	var pf *profileFlags
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Show the profile merged from every source, and where each value came from",
		Long: `Show the profile that 'limber plan' would use with the same flags, after
merging every source, with where each value came from.

` + profileHelp + `

The text output is itself a valid profile file.`,
		Example: `  limber profile show --preset sciatica-left --minutes 12
  LIMBER_FLOOR=none limber profile show --profile anna.yaml
  limber profile show --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format); err != nil {
				return err
			}
			p, sources, err := pf.resolve(f, cmd)
			if err != nil {
				return err
			}
			opts.Profile, opts.Sources = p, sources
			return runProfileShow(opts)
		},
	}
	pf = addProfileFlags(cmd)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `FORMAT`: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runProfileShow(opts *ProfileShowOptions) error {
	return printProfile(opts.IO.Out, opts.Profile, opts.Sources, opts.Format)
}

// printProfile prints p with the source of each value: as a profile
// file with the sources in comments, or as JSON
// {"profile": {...}, "sources": {field: source}}.
func printProfile(w io.Writer, p profiles.Profile, sources profileSources, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Profile profiles.Profile `json:"profile"`
			Sources profileSources   `json:"sources"`
		}{p, sources})
	}
	type row struct{ key, value, source string }
	var rows []row
	keyWidth, valueWidth := 0, 0
	for _, field := range profiles.Fields() {
		r := row{field.Name + ":", yamlValue(p.Get(field.Name)), sources[field.Name]}
		keyWidth = max(keyWidth, len(r.key))
		if n := utf8.RuneCountInString(r.value); n <= 32 {
			valueWidth = max(valueWidth, n)
		}
		rows = append(rows, r)
	}
	var b strings.Builder
	for _, r := range rows {
		line := fmt.Sprintf("%-*s %s", keyWidth, r.key, r.value)
		pad := keyWidth + 1 + valueWidth - utf8.RuneCountInString(line)
		fmt.Fprintf(&b, "%s%s  # %s\n", line, strings.Repeat(" ", max(pad, 0)), r.source)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
