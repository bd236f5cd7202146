package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/batch"
	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/handout"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// planFormats are the outputs of `limber plan`.
var planFormats = []string{"text", "json", "md", "pdf"}

// PlanOptions are the resolved flags of `limber plan`.
type PlanOptions struct {
	IO      *IOStreams
	Catalog *catalog.Catalog
	Profile profiles.Profile
	// Format is one of planFormats.
	Format string
	// Output is the file to write; "" writes to standard output.
	Output string
	// ExportModel, when set, is where the selection model goes in CPLEX
	// LP format.
	ExportModel string
	Settings    planner.Settings
	Handout     handout.Options
}

const planLong = `Plan the best routine for the time you have: the exercises that cover the
muscle groups of the lower back best for your focus and conditions, in an
order that gets you down to the floor and back up as few times as
possible, with holds and reps grown to fill the time within safe limits.

The routine is optimal: no other choice of exercises that fits the time and
your profile covers more. The search proves it, or, when --time-limit stops
it first, says how far from the best the routine can be at most.

The safety screen runs first: an answer that needs a doctor means no
routine (exit 3).

The format is text unless --format says otherwise or -o names a file ending
in .json, .md, .pdf or .txt. --explain adds why each exercise is in the
routine and why every other one is not. --export-model writes the selection
model in CPLEX LP format for any MIP solver (for example Debian's
coinor-cbc: cbc model.lp solve solu out.txt).

Exit status 0 with a routine, 2 for bad input, 3 when the safety screen
refuses, 4 when no routine fits (the message names the shortest time that
would work).`

func newPlanCmd(f *factory) *cobra.Command {
	return newPlanCmdWith(f, nil)
}

// newPlanCmdWith makes the command; runF, when not nil, replaces the run
// (tests capture the options with it).
func newPlanCmdWith(f *factory, runF func(*PlanOptions) error) *cobra.Command {
	opts := &PlanOptions{IO: f.IO}
	var timeLimit time.Duration
	var format string
	var explain bool
	cmd := &cobra.Command{
		Use:   "plan [flags]",
		Short: "Plan the best routine for your time and profile and print it as a handout",
		Long:  planLong,
		Example: `  limber plan --minutes 10 --no-floor
  limber plan --preset sciatica-left --minutes 15 -o handout.pdf
  limber plan --minutes 8 --bad-knees --focus strength --explain
  limber plan --profile anna.yaml --format json | jq .total_seconds
  limber plan --minutes 12 --export-model model.lp`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("plan takes no arguments, only flags (got %q)", strings.Join(args, " "))
			}
			return nil
		},
	}
	pf := addProfileFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "output: "+strings.Join(planFormats, ", ")+" (default: from the -o extension, else text)")
	fl.StringVarP(&opts.Output, "output", "o", "", "write the handout to `FILE` instead of standard output")
	fl.BoolVar(&explain, "explain", false, "say why each exercise is in the routine and why each other one is not")
	fl.DurationVar(&timeLimit, "time-limit", planner.DefaultSettings().TimeLimit, "longest search; a shorter one may return a routine not proven best")
	fl.StringVar(&opts.ExportModel, "export-model", "", "also write the selection model to `FILE`.lp (CPLEX LP format)")
	hf := addHandoutFlags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(planFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("output", "txt", "json", "md", "pdf")
	_ = cmd.MarkFlagFilename("export-model", "lp")

	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var err error
		if opts.Format, err = planFormat(format, opts.Output); err != nil {
			return err
		}
		if timeLimit <= 0 {
			return usagef("--time-limit must be more than 0")
		}
		p, _, err := pf.resolve(f, cmd)
		if err != nil {
			return err
		}
		cat, err := f.Catalog()
		if err != nil {
			return err
		}
		opts.Catalog = cat
		opts.Profile = p
		opts.Settings = planner.DefaultSettings()
		opts.Settings.TimeLimit = timeLimit

		if opts.Handout, err = hf.options(f, pf, cat); err != nil {
			return err
		}
		opts.Handout.Color = opts.Output == "" && opts.Format == "text" && f.IO.Color()
		opts.Handout.Explain = explain
		// Only JSON and --explain show why each variant is in or out.
		opts.Settings.NoReasons = opts.Format != "json" && !explain
		if runF != nil {
			return runF(opts)
		}
		return runPlan(opts)
	}
	return cmd
}

// planFormat settles the output format: --format, else the -o
// extension, else text.
func planFormat(format, output string) (string, error) {
	if format != "" {
		format = strings.ToLower(format)
		if format == "txt" {
			format = "text"
		}
		if !slices.Contains(planFormats, format) {
			return "", usagef("format %q is not one of %s", format, strings.Join(planFormats, ", "))
		}
		return format, nil
	}
	switch strings.ToLower(filepath.Ext(output)) {
	case ".json":
		return "json", nil
	case ".md", ".markdown":
		return "md", nil
	case ".pdf":
		return "pdf", nil
	}
	return "text", nil
}

func runPlan(opts *PlanOptions) error {
	if opts.ExportModel != "" {
		if err := exportPlanModel(opts); err != nil {
			return err
		}
	}
	r, err := planner.Plan(opts.Catalog, opts.Profile, opts.Settings)
	if err != nil {
		return planFailure(opts, err)
	}
	if opts.Format == "pdf" && opts.Output == "" && opts.IO.OutTTY {
		return usagef("a PDF goes to a file: add -o FILE.pdf")
	}
	var buf bytes.Buffer
	if err := renderPlan(&buf, r, opts); err != nil {
		return err
	}
	if opts.Output == "" {
		_, err := opts.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(opts.Output, buf.Bytes()); err != nil {
		return withCode(ExitError, err)
	}
	return nil
}

// planFailure turns a planning error into the exit the command contract
// names: the safety message and 3, or the binding constraint and 4.
func planFailure(opts *PlanOptions, err error) error {
	var refused *planner.RefusedError
	var infeasible *planner.InfeasibleError
	switch {
	case errors.As(err, &refused):
		if perr := printVerdict(opts.IO.Err, refused.Verdict, opts.Catalog.Safety); perr != nil {
			return perr
		}
		return silentExit(ExitSafety)
	case errors.As(err, &infeasible):
		var hints []string
		if infeasible.MinBudget > 0 {
			hints = append(hints, fmt.Sprintf("--minutes %d or more would fit (%s binds)", (infeasible.MinBudget+59)/60, bindingName(infeasible.Binding)))
		} else {
			hints = append(hints, "relax the profile: allow more positions or equipment, or include and exclude fewer exercises")
		}
		return withCode(ExitInfeasible, err, hints...)
	}
	return err
}

// bindingName is the constraint's name: the part of the binding text
// before its colon.
func bindingName(b string) string {
	if i := strings.Index(b, ":"); i > 0 {
		return b[:i]
	}
	return b
}

func renderPlan(w io.Writer, r *planner.Routine, opts *PlanOptions) error {
	switch opts.Format {
	case "json":
		return handout.JSON(w, r, opts.Handout)
	case "md":
		return handout.Markdown(w, r, opts.Catalog, opts.Handout)
	case "pdf":
		return handout.PDF(w, r, opts.Catalog, opts.Handout)
	}
	return handout.Text(w, r, opts.Catalog, opts.Handout)
}

// exportPlanModel writes the selection model. Screening and
// infeasibility stop it the way they stop the plan.
func exportPlanModel(opts *PlanOptions) error {
	var buf bytes.Buffer
	if err := planner.ExportLP(&buf, opts.Catalog, opts.Profile, opts.Settings); err != nil {
		return planFailure(opts, err)
	}
	if err := writeFileAtomic(opts.ExportModel, buf.Bytes()); err != nil {
		return withCode(ExitError, err)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and
// renames it into place (batch.AtomicFile), so a reader never sees half
// a file and a failure leaves what was there.
func writeFileAtomic(path string, data []byte) error {
	f, err := batch.CreateAtomic(path)
	if err == nil {
		_, err = f.Write(data)
		if ferr := f.Finish(err == nil); err == nil {
			err = ferr
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
