package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/catalog"
)

// catalogEnum is a pflag.Value that accepts one of a closed set of
// words and lists them when given anything else.
type catalogEnum[T ~string] struct {
	value   *T
	allowed []T
	what    string // "format", "muscle group", …; also the flag's type in help
}

func newCatalogEnum[T ~string](value *T, what string, allowed ...T) *catalogEnum[T] {
	return &catalogEnum[T]{value: value, allowed: allowed, what: what}
}

func (e *catalogEnum[T]) String() string { return string(*e.value) }
func (e *catalogEnum[T]) Type() string   { return strings.ReplaceAll(e.what, " ", "-") }

func (e *catalogEnum[T]) Set(s string) error {
	if !slices.Contains(e.allowed, T(s)) {
		return fmt.Errorf("%q is not a %s (allowed: %s)", s, e.what, e.list(", "))
	}
	*e.value = T(s)
	return nil
}

func (e *catalogEnum[T]) list(sep string) string {
	words := make([]string, len(e.allowed))
	for i, a := range e.allowed {
		words[i] = string(a)
	}
	return strings.Join(words, sep)
}

// complete offers the allowed words in shell completion.
func (e *catalogEnum[T]) complete(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var words []string
	for _, a := range e.allowed {
		if strings.HasPrefix(string(a), toComplete) {
			words = append(words, string(a))
		}
	}
	return words, cobra.ShellCompDirectiveNoFileComp
}

// catalogFormat is how catalog commands print.
type catalogFormat string

const (
	catalogText catalogFormat = "text"
	catalogJSON catalogFormat = "json"
)

func newCatalogCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "List, show and check the exercises routines are planned from",
		Long: `The catalog is the library of exercises every routine is drawn from: each
exercise family (knee-to-chest, cat-cow, …) has variants for the floor, a
bed, a chair, standing or a wall. It is built into limber; a clinic can
add or override exercises with --catalog FILE (later files win).`,
		Example: `  limber catalog list --no-floor
  limber catalog show cat-cow-chair
  limber catalog check clinic.yaml
  limber --catalog clinic.yaml catalog list --role strength`,
		Args: usageArgs(cobra.NoArgs),
		// Runnable so that a mistyped subcommand is an error, not help.
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newCatalogListCmd(f, nil),
		newCatalogShowCmd(f, nil),
		newCatalogCheckCmd(f, nil),
	)
	return cmd
}

// catalogListOptions are the resolved flags of `limber catalog list`.
type catalogListOptions struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	Format  catalogFormat
	Filter  catalog.Filter
}

func newCatalogListCmd(f *factory, runF func(*catalogListOptions) error) *cobra.Command {
	opts := &catalogListOptions{IO: f.IO, Catalog: f.Catalog, Format: catalogText}
	format := newCatalogEnum(&opts.Format, "format", catalogText, catalogJSON)
	group := newCatalogEnum(&opts.Filter.Group, "muscle group", catalog.Groups...)
	role := newCatalogEnum(&opts.Filter.Role, "role", catalog.Roles...)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the exercise variants",
		Long: `List every exercise variant, or those that pass the filters, sorted by id.

The text table shows each variant's role, position, the surface it needs,
its time at the usual dose and the muscle groups it works most. The JSON
array holds every field of every variant (the keys are stable: scripts
may depend on them), with the family's name and the time in seconds.`,
		Example: `  limber catalog list
  limber catalog list --no-floor --role stretch
  limber catalog list --group piriformis
  limber catalog list --format json | jq -r '.[].id'`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCatalogList(opts)
		},
	}
	fl := cmd.Flags()
	fl.Var(format, "format", "output format: "+format.list(", "))
	fl.Var(group, "group", "only variants that work this muscle group: "+group.list(", "))
	fl.Var(role, "role", "only variants with this role: "+role.list(", "))
	fl.BoolVar(&opts.Filter.NoFloor, "no-floor", false, "only variants done standing, on a chair or at a wall (no floor, no bed)")
	_ = cmd.RegisterFlagCompletionFunc("format", format.complete)
	_ = cmd.RegisterFlagCompletionFunc("group", group.complete)
	_ = cmd.RegisterFlagCompletionFunc("role", role.complete)
	return cmd
}

// catalogEntry is one variant as `limber catalog list --format json`
// and `show --format json` print it: the model's own JSON fields, then
// what the catalog adds about it.
type catalogEntry struct {
	catalog.Variant
	FamilyName string   `json:"family_name"`
	Seconds    int      `json:"seconds"`            // at the variant's own dosage
	Siblings   []string `json:"siblings,omitempty"` // show only
}

func newCatalogEntry(cat *catalog.Catalog, v catalog.Variant) catalogEntry {
	fam, _ := cat.Family(v.Family)
	return catalogEntry{Variant: v, FamilyName: fam.Name, Seconds: v.Seconds()}
}

func runCatalogList(opts *catalogListOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	vs := cat.Filter(opts.Filter)
	if opts.Format == catalogJSON {
		entries := make([]catalogEntry, len(vs))
		for i, v := range vs {
			entries[i] = newCatalogEntry(cat, v)
		}
		return writeCatalogJSON(opts.IO.Out, entries)
	}
	if len(vs) == 0 {
		_, err := fmt.Fprintln(opts.IO.Err, "no variants match")
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	header := "ID\tROLE\tPOSITION\tSURFACE\tTIME\tWORKS MOST\tNAME"
	if g := opts.Filter.Group; g != "" {
		header = "ID\tROLE\tPOSITION\tSURFACE\tTIME\t" + strings.ToUpper(string(g)) + "\tNAME"
	}
	fmt.Fprintln(tw, header)
	for _, v := range vs {
		works := strings.Join(catalogMainGroups(v), ", ")
		if g := opts.Filter.Group; g != "" {
			works = strconv.FormatFloat(v.Coverage[g], 'f', -1, 64)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Role, v.Position, v.Surface, catalogClock(v.Seconds()), works, v.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	families := map[string]bool{}
	for _, v := range vs {
		families[v.Family] = true
	}
	_, err = fmt.Fprintf(opts.IO.Out, "\n%s in %s\n", catalogPlural(len(vs), "variant"), catalogPlural(len(families), "family"))
	return err
}

// catalogMainGroups are the groups v works with a weight of at least half, by
// weight, or else its single heaviest group.
func catalogMainGroups(v catalog.Variant) []string {
	gs := slices.Clone(catalog.Groups)
	slices.SortStableFunc(gs, func(a, b catalog.Group) int { return cmp.Compare(v.Coverage[b], v.Coverage[a]) })
	var out []string
	for _, g := range gs {
		if w := v.Coverage[g]; w >= 0.5 || (len(out) == 0 && w > 0) {
			out = append(out, string(g))
		}
	}
	return out
}

// catalogClock formats seconds as m:ss.
func catalogClock(s int) string { return fmt.Sprintf("%d:%02d", s/60, s%60) }

func catalogPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return strconv.Itoa(n) + " " + strings.TrimSuffix(word, "y") + "ies"
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func writeCatalogJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// catalogShowOptions are the resolved arguments of `limber catalog show`.
type catalogShowOptions struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	ID      string
	Format  catalogFormat
}

func newCatalogShowCmd(f *factory, runF func(*catalogShowOptions) error) *cobra.Command {
	opts := &catalogShowOptions{IO: f.IO, Catalog: f.Catalog, Format: catalogText}
	format := newCatalogEnum(&opts.Format, "format", catalogText, catalogJSON)
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything about one exercise variant",
		Long: `Show everything about one exercise variant: what it needs and asks of the
body, its dose, the muscle groups it works, its steps, cautions and easier
ways, where it comes from, and the other variants of its family.`,
		Example: `  limber catalog show cat-cow-chair
  limber catalog show knee-to-chest-bed --format json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cat, err := f.Catalog()
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var ids []string
			for _, v := range cat.Variants {
				if strings.HasPrefix(v.ID, toComplete) {
					ids = append(ids, v.ID+"\t"+v.Name)
				}
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runCatalogShow(opts)
		},
	}
	cmd.Flags().Var(format, "format", "output format: "+format.list(", "))
	_ = cmd.RegisterFlagCompletionFunc("format", format.complete)
	return cmd
}

func runCatalogShow(opts *catalogShowOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	v, ok := cat.Variant(opts.ID)
	if !ok {
		return catalogUnknownVariant(cat, opts.ID)
	}
	siblings := cat.Siblings(v.ID)
	if opts.Format == catalogJSON {
		e := newCatalogEntry(cat, v)
		e.Siblings = []string{}
		for _, s := range siblings {
			e.Siblings = append(e.Siblings, s.ID)
		}
		return writeCatalogJSON(opts.IO.Out, e)
	}
	fam, _ := cat.Family(v.Family)
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", v.Name, v.ID)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(tw, "%s:\t%s\n", k, v) }
	row("Family", fmt.Sprintf("%s (%s): %s", fam.Name, fam.ID, fam.Summary))
	row("Role", string(v.Role))
	row("Position", string(v.Position))
	row("Surface", string(v.Surface))
	row("Equipment", catalogOrNone(catalogNames(v.Equipment)))
	row("Sided", catalogYesNo(v.Sided, "yes, done on each side", "no"))
	row("Demands", catalogDemandsText(v.Demands))
	row("Dosage", catalogDosageText(v))
	row("Breathing", v.Dosage.Breath)
	row("Works", catalogCoverageText(v.Coverage))
	row("Good for", catalogOrNone(catalogNames(v.GoodFor)))
	row("Avoid with", catalogOrNone(catalogNames(v.AvoidWith)))
	if v.Easier != "" {
		easier, _ := cat.Variant(v.Easier)
		row("If it hurts", fmt.Sprintf("%s (%s)", easier.Name, easier.ID))
	}
	row("Source", v.Source)
	_ = tw.Flush()
	section := func(title string, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for i, it := range items {
			if numbered {
				fmt.Fprintf(&b, "  %d. %s\n", i+1, it)
			} else {
				fmt.Fprintf(&b, "  - %s\n", it)
			}
		}
	}
	section("Steps", v.Steps, true)
	section("Cautions", v.Cautions, false)
	section("Modifications", v.Modifications, false)
	if len(siblings) == 0 {
		fmt.Fprintf(&b, "\nNo other variants of %s.\n", fam.Name)
	} else {
		fmt.Fprintf(&b, "\nOther variants of %s:\n", fam.Name)
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, s := range siblings {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", s.ID, s.Position, s.Surface, s.Name)
		}
		_ = tw.Flush()
	}
	_, err = io.WriteString(opts.IO.Out, b.String())
	return err
}

// catalogUnknownVariant is the usage error for an id that is no variant, with
// the likeliest id meant.
func catalogUnknownVariant(cat *catalog.Catalog, id string) error {
	hints := []string{"run `limber catalog list` to see every id"}
	if _, ok := cat.Family(id); ok {
		ids := []string{}
		for _, v := range cat.FamilyVariants(id) {
			ids = append(ids, v.ID)
		}
		return withCode(ExitUsage, fmt.Errorf("catalog: %q is a family, not a variant; its variants: %s", id, strings.Join(ids, ", ")), hints...)
	}
	if near := catalog.Nearest(id, cat.IDs()); near != "" {
		hints = append([]string{"did you mean " + near + "?"}, hints...)
	}
	return withCode(ExitUsage, fmt.Errorf("catalog: no variant %q", id), hints...)
}

func catalogNames[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

func catalogOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

func catalogYesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

var catalogROMWords = map[int]string{1: "limited", 2: "moderate", 3: "full"}

func catalogDemandsText(d catalog.Demands) string {
	parts := []string{fmt.Sprintf("%s range of motion", catalogROMWords[d.ROM]), "spine " + string(d.Spine)}
	if d.Balance {
		parts = append(parts, "balance")
	}
	if d.Kneel {
		parts = append(parts, "kneeling")
	}
	if d.Hands {
		parts = append(parts, "weight on the hands")
	}
	return strings.Join(parts, ", ")
}

func catalogDosageText(v catalog.Variant) string {
	d := v.Dosage
	var parts []string
	if d.Hold > 0 {
		s := fmt.Sprintf("hold %d s", d.Hold)
		if d.MaxHold > d.Hold {
			s += fmt.Sprintf(" (up to %d s)", d.MaxHold)
		}
		parts = append(parts, s)
	}
	if d.Move > 0 {
		parts = append(parts, fmt.Sprintf("move %d s", d.Move))
	}
	reps := catalogPlural(d.Reps, "rep")
	if d.MaxReps > d.Reps {
		reps += fmt.Sprintf(" (up to %d)", d.MaxReps)
	}
	parts = append(parts, reps, catalogPlural(d.Sets, "set"))
	if v.Sided {
		parts[len(parts)-1] += " each side"
	}
	return fmt.Sprintf("%s; about %s with setup", strings.Join(parts, ", "), catalogClock(v.Seconds()))
}

// catalogCoverageText lists the weights by size, largest first.
func catalogCoverageText(cov map[catalog.Group]float64) string {
	gs := slices.Clone(catalog.Groups)
	slices.SortStableFunc(gs, func(a, b catalog.Group) int { return cmp.Compare(cov[b], cov[a]) })
	var parts []string
	for _, g := range gs {
		if w, ok := cov[g]; ok {
			parts = append(parts, fmt.Sprintf("%s %s", g, strconv.FormatFloat(w, 'f', -1, 64)))
		}
	}
	return catalogOrNone(parts)
}

// catalogCheckOptions are the resolved arguments of `limber catalog check`.
type catalogCheckOptions struct {
	IO *IOStreams
	// Base are the --catalog files, applied before Files as Load would.
	Base  []string
	Files []string
}

func newCatalogCheckCmd(f *factory, runF func(*catalogCheckOptions) error) *cobra.Command {
	opts := &catalogCheckOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "Check catalog files before using them with --catalog",
		Long: `Check catalog files as --catalog would load them on top of the built-in
catalog (and any --catalog files given), and check their figures' poses.
Prints "ok" and exits 0 when they are valid; otherwise lists every problem
as file:line: field: problem and exits 2.`,
		Example: `  limber catalog check clinic.yaml
  limber catalog check base.yaml extra.yaml`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Base = f.CatalogPaths
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runCatalogCheck(opts)
		},
	}
}

func runCatalogCheck(opts *catalogCheckOptions) error {
	err := catalog.Check(append(slices.Clone(opts.Base), opts.Files...)...)
	var probs catalog.Errors
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(opts.IO.Err, p)
		}
		return withCode(ExitUsage, fmt.Errorf("catalog: %s", catalogPlural(len(probs), "problem")))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.IO.Out, "ok")
	return err
}
