package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/limberhq/limber/batch"
	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/handout"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// Exit statuses of an interrupted batch: 128 + the signal number, as
// shells report a process killed by the signal.
const (
	exitInterrupted ExitCode = 130 // SIGINT (Ctrl-C)
	exitTerminated  ExitCode = 143 // SIGTERM
)

const batchLong = `Plan a routine for every row of a clinic list and write a handout per row,
or one plan per line to a stream.

INPUT
  FILE is CSV (a header row naming the profile fields: patient,minutes,floor,…),
  JSON Lines (one object per line; a JSON array of objects works too) or a YAML
  list (- patient: …). The format comes from the extension (.csv, .jsonl,
  .ndjson, .json, .yaml, .yml), from --input-format, or, for standard input
  ("-"), from the first character. CSV header names ignore case, and spaces
  or "-" count as "_". An empty cell means "not given".

  Each row's profile: the batch's own profile flags (and environment, --profile
  and config, as for plan) set the values every row starts from; a row's
  "preset" then applies that preset, the values set on purpose for the batch
  come back over it, and the row's own values win over everything. Every row
  needs minutes: its own, its preset's, or --minutes for all.

  Rows stream through: memory stays flat however long the input is.

OUTPUT
  --out-dir DIR gets one file per row (--format pdf, md, txt or json) named by
  --name (default {row}-{patient}; placeholders {row}, the row's number with 1
  for the first row after the header, {patient}, {clinician}, {clinic} and
  {minutes}). Names are made safe: no path separators, "..", control
  characters or direction marks, no device names such as con or nul, at most
  200 bytes, and unique within the run ignoring case (a second Ann_Lee.pdf
  becomes Ann_Lee-2.pdf). Files are written whole or not at all (a temporary
  file, then a rename). An existing file is not replaced without --force;
  --resume skips the rows whose file exists (keep the input and --name the same
  between runs). --format jsonl writes one plan (limber.plan/v1) per line to -o
  (default standard output) in row order.

ERRORS
  A bad row (a missing or bad value, a red flag that needs a doctor, a routine
  that cannot fit) is reported on standard error with its row, line and field,
  and the batch goes on. A malformed JSON line or CSV record is such a row. The
  input as a whole is unreadable when it cannot be opened or read, when the CSV
  header is bad (empty, repeated or unknown names), or when a single row is
  longer than 1 MiB: then the batch stops after the rows before the problem and
  exits 2. A summary follows the last row; --report FILE.csv, .json or .jsonl
  gets one line per row: row, status (ok, failed, skipped, cancelled), file,
  error, field.

  Ctrl-C (or SIGTERM) stops reading, lets the rows being planned finish, leaves
  no partial files and prints how many rows were done; run again with --resume
  to go on. A progress bar is shown when standard error is a terminal.

EXIT STATUS (batch)
  0    every row succeeded (or was skipped by --resume)
  2    the input could not be read, or bad usage
  5    some rows failed; the others were written
  1    a file, the report or the stream could not be written
  130  interrupted by Ctrl-C (143 by SIGTERM)`

// batchEnum is a flag that accepts one of a closed set of words.
type batchEnum[T ~string] struct {
	value   *T
	allowed []T
}

func (e *batchEnum[T]) String() string { return string(*e.value) }
func (e *batchEnum[T]) Type() string   { return e.list("|") }
func (e *batchEnum[T]) Set(s string) error {
	if !slices.Contains(e.allowed, T(s)) {
		return fmt.Errorf("%q is not one of %s", s, e.list(", "))
	}
	*e.value = T(s)
	return nil
}

func (e *batchEnum[T]) list(sep string) string {
	words := make([]string, len(e.allowed))
	for i, a := range e.allowed {
		words[i] = string(a)
	}
	return strings.Join(words, sep)
}

// BatchOptions is everything runBatch needs, resolved from flags,
// environment and config.
type BatchOptions struct {
	IO *IOStreams

	Input       string // file name, or "-" for standard input
	InputFormat batch.InputFormat
	Format      batch.OutputFormat
	OutDir      string
	Output      string // jsonl: file name or "-"
	Name        string
	Force       bool
	Resume      bool
	Report      string
	Jobs        int

	Catalog      *catalog.Catalog
	Known        profiles.Known
	Base         profiles.Profile
	Defaults     map[string]any
	MinutesGiven bool
	Settings     planner.Settings
	Handout      handout.Options
}

func newBatchCmd(f *factory) *cobra.Command {
	return newBatchCmdWith(f, nil)
}

// newBatchCmdWith makes the command; runF, when not nil, replaces the
// run (tests capture the options with it).
func newBatchCmdWith(f *factory, runF func(context.Context, *BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{IO: f.IO}
	var timeLimit time.Duration
	cmd := &cobra.Command{
		Use:   "batch FILE|- [flags]",
		Short: "Plan routines and write handouts for every row of a CSV, JSON Lines or YAML list",
		Long:  batchLong,
		Example: `  limber batch patients.csv --out-dir handouts --format pdf
  limber batch patients.csv --out-dir handouts --name '{clinic}-{patient}' --report report.csv
  limber batch patients.yaml --out-dir handouts --format md --clinician 'Dr Rao' --per-day 2
  limber batch patients.jsonl --out-dir handouts --resume
  cat patients.jsonl | limber batch - --format jsonl | jq .total_seconds`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("batch takes one input FILE, or - for standard input (got %d arguments)", len(args))
			}
			return nil
		},
	}
	pf := addProfileFlags(cmd)
	fl := cmd.Flags()
	fl.Var(&batchEnum[batch.InputFormat]{&opts.InputFormat, batch.InputFormats}, "input-format", "input syntax (default: from the extension, or the first character)")
	fl.Var(&batchEnum[batch.OutputFormat]{&opts.Format, batch.OutputFormats}, "format", "a file per row (pdf, md, txt, json) or one stream (jsonl) (default pdf, or jsonl with -o)")
	fl.StringVar(&opts.OutDir, "out-dir", "", "folder for the per-row files (created if needed)")
	fl.StringVarP(&opts.Output, "output", "o", "", "jsonl: the `FILE` to write, - for standard output (the default)")
	fl.StringVar(&opts.Name, "name", batch.DefaultTemplate, "file name `TEMPLATE`: {row}, {patient}, {clinician}, {clinic}, {minutes}")
	fl.BoolVar(&opts.Force, "force", false, "replace files that exist")
	fl.BoolVar(&opts.Resume, "resume", false, "skip rows whose file exists (to finish an interrupted batch)")
	fl.StringVar(&opts.Report, "report", "", "write a line per row to `FILE`.csv, .json or .jsonl")
	fl.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "rows planned at once")
	fl.DurationVar(&timeLimit, "time-limit", planner.DefaultSettings().TimeLimit, "longest search for one row's routine")
	fl.BoolVar(&opts.Handout.Explain, "explain", false, "say why each exercise is in the routine")
	hf := addHandoutFlags(cmd)
	_ = cmd.MarkFlagDirname("out-dir")
	_ = cmd.MarkFlagFilename("report", "csv", "json", "jsonl")

	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Input = args[0]
		if opts.Jobs < 1 {
			return usagef("--jobs must be at least 1")
		}
		if timeLimit <= 0 {
			return usagef("--time-limit must be more than 0")
		}
		if err := checkBatchOutput(opts, cmd); err != nil {
			return err
		}
		base, sources, err := pf.resolve(f, cmd)
		if err != nil {
			return err
		}
		cat, err := f.Catalog()
		if err != nil {
			return err
		}
		opts.Catalog = cat
		opts.Known = profileKnown(cat)
		opts.Base = base
		opts.Defaults, opts.MinutesGiven = batchDefaults(base, sources)
		opts.Settings = planner.DefaultSettings()
		opts.Settings.TimeLimit = timeLimit

		explain := opts.Handout.Explain
		if opts.Handout, err = hf.options(f, pf, cat); err != nil {
			return err
		}
		opts.Handout.Explain = explain
		// Only JSON and --explain show why each variant is in or out.
		opts.Settings.NoReasons = opts.Format != batch.JSON && opts.Format != batch.JSONLines && !explain

		// An interrupt cancels the context instead of killing the
		// process, so the batch can finish or remove what it is writing.
		// Which signal it was decides the exit status.
		termCtx, stopTerm := signal.NotifyContext(cmd.Context(), syscall.SIGTERM)
		defer stopTerm()
		ctx, stopInt := signal.NotifyContext(termCtx, os.Interrupt)
		defer stopInt()
		if runF != nil {
			return runF(ctx, opts)
		}
		err = runBatch(ctx, opts)
		var ee *exitError
		if errors.As(err, &ee) && ee.code == exitInterrupted && termCtx.Err() != nil {
			ee.code = exitTerminated
		}
		return err
	}
	return cmd
}

// checkBatchOutput settles --format, --out-dir and -o, which go
// together: a file per row needs a folder, a stream needs no folder.
func checkBatchOutput(opts *BatchOptions, cmd *cobra.Command) error {
	if opts.Format == "" {
		opts.Format = batch.PDF
		if opts.Output != "" && opts.OutDir == "" {
			opts.Format = batch.JSONLines
		}
	}
	if opts.Force && opts.Resume {
		return usagef("--force and --resume contradict each other: replace existing files, or skip their rows")
	}
	if opts.Report != "" {
		if _, err := batch.ReportFormat(opts.Report); err != nil {
			return usagef("--report %s: the name must end in .csv, .json or .jsonl", opts.Report)
		}
	}
	if !opts.Format.PerRow() {
		switch {
		case opts.OutDir != "":
			return usagef("--format jsonl writes one stream (-o FILE, or standard output), not a folder: drop --out-dir or choose pdf, md, txt or json")
		case opts.Resume:
			return usagef("--resume works with files per row (--out-dir), not with --format jsonl")
		case cmd.Flags().Changed("name"):
			return usagef("--name names the files of --out-dir; --format jsonl writes one stream")
		}
		if opts.Output == "" {
			opts.Output = "-"
		}
		return nil
	}
	if opts.Output != "" {
		return usagef("-o is for --format jsonl; --format %s writes a file per row into --out-dir", opts.Format)
	}
	if opts.OutDir == "" {
		return withCode(ExitUsage, fmt.Errorf("--format %s writes a file per row: give the folder with --out-dir", opts.Format),
			"--format jsonl -o - streams the plans to standard output instead")
	}
	if _, err := batch.ParseTemplate(opts.Name); err != nil {
		return usagef("--name: %s", strings.TrimPrefix(err.Error(), "batch: "))
	}
	return nil
}

// batchDefaults picks, from the batch's own resolved profile, the values
// set on purpose (flags, environment, profile file, config): they are
// applied again over a row's preset. A value from the batch's preset or
// the defaults is not. It also says whether the batch sets minutes.
func batchDefaults(base profiles.Profile, sources profileSources) (map[string]any, bool) {
	values := map[string]any{}
	for _, field := range profiles.Fields() {
		src := sources[field.Name]
		if field.Name == "preset" || src == "" || src == "default" {
			continue
		}
		onPurpose := false
		for _, s := range strings.Split(src, ", ") {
			if !strings.HasPrefix(s, "preset ") {
				onPurpose = true
			}
		}
		if onPurpose {
			values[field.Name] = base.Get(field.Name)
		}
	}
	src := sources["minutes"]
	return values, src != "" && src != "default"
}

// runBatch runs the batch and reports on standard error.
func runBatch(ctx context.Context, opts *BatchOptions) (err error) {
	in, size, closeIn, err := openBatchInput(opts)
	if err != nil {
		return err
	}
	defer closeIn()
	format := opts.InputFormat
	if format == "" && opts.Input != "-" {
		format, _ = batch.FormatFromName(opts.Input)
	}
	rows, err := batch.NewReader(in, format)
	if err != nil {
		return withCode(ExitUsage, err, batchInputHints(err)...)
	}
	tmpl, err := batch.ParseTemplate(opts.Name)
	if err != nil {
		return usagef("--name: %s", strings.TrimPrefix(err.Error(), "batch: "))
	}

	stream, finishStream, err := openBatchStream(opts)
	if err != nil {
		return err
	}
	var report *batch.ReportWriter
	if opts.Report != "" {
		if report, err = batch.CreateReport(opts.Report); err != nil {
			finishStream(false)
			return withCode(ExitError, err)
		}
	}

	progress := newBatchProgress(opts.IO, size)
	bo := batch.Options{
		Catalog:      opts.Catalog,
		Known:        opts.Known,
		Base:         opts.Base,
		Defaults:     opts.Defaults,
		MinutesGiven: opts.MinutesGiven,
		Settings:     opts.Settings,
		Handout:      opts.Handout,
		Format:       opts.Format,
		OutDir:       opts.OutDir,
		Name:         tmpl,
		Force:        opts.Force,
		Resume:       opts.Resume,
		Stream:       stream,
		Report:       report,
		Jobs:         opts.Jobs,
		OnResult: func(r batch.Result) {
			progress.result(r, func(w io.Writer) { printBatchRow(w, r) })
		},
	}
	// Say at once that an interrupt was heard: the rows in progress may
	// take a moment to finish.
	finished := make(chan struct{})
	noticed := make(chan struct{})
	go func() {
		defer close(noticed)
		select {
		case <-ctx.Done():
			progress.print(func(w io.Writer) {
				fmt.Fprintln(w, "limber: interrupted; finishing the rows in progress")
			})
		case <-finished:
		}
	}()
	sum, runErr := batch.Run(ctx, rows, bo)
	close(finished)
	<-noticed
	progress.finish()

	// The stream and the report are kept whatever happened, since every
	// line in them is a finished row; unless the batch failed before its
	// first row, when there is nothing to keep.
	var inputErr *batch.InputError
	unreadable := errors.As(runErr, &inputErr)
	keep := sum.Read > 0 || runErr == nil
	streamErr := finishStream(keep)
	var reportErr error
	if report != nil {
		reportErr = report.Close(keep)
	}
	printBatchSummary(opts.IO.Err, sum, opts)

	switch {
	case sum.Interrupted:
		fmt.Fprintf(opts.IO.Err, "limber: interrupted: %d of %d rows read were done, %d not started; no partial files were left\n", sum.Done(), sum.Read, sum.Cancelled)
		if opts.Format.PerRow() {
			fmt.Fprintln(opts.IO.Err, "hint: run the same command with --resume to go on")
		}
		return silentExit(exitInterrupted)
	case unreadable:
		if sum.Read == 0 {
			return withCode(ExitUsage, runErr, batchInputHints(runErr)...)
		}
		return withCode(ExitUsage, fmt.Errorf("%w (stopped after %s)", runErr, batchPlural(sum.Read, "row")), batchInputHints(runErr)...)
	case runErr != nil:
		return withCode(ExitError, runErr)
	case streamErr != nil:
		return withCode(ExitError, streamErr)
	case reportErr != nil:
		return withCode(ExitError, reportErr)
	case sum.Failed > 0:
		return silentExit(ExitPartial)
	}
	return nil
}

// openBatchInput opens the input and returns its size when known (a
// regular file), for the progress bar.
func openBatchInput(opts *BatchOptions) (io.Reader, int64, func(), error) {
	if opts.Input == "-" {
		if opts.IO.InTTY {
			fmt.Fprintln(opts.IO.Err, "limber: reading rows from the terminal; end with Ctrl-D")
		}
		return opts.IO.In, -1, func() {}, nil
	}
	file, err := os.Open(opts.Input)
	if err != nil {
		return nil, 0, nil, withCode(ExitUsage, fmt.Errorf("cannot read the batch input: %w", err))
	}
	size := int64(-1)
	if info, err := file.Stat(); err == nil {
		if info.IsDir() {
			file.Close()
			return nil, 0, nil, withCode(ExitUsage, fmt.Errorf("cannot read the batch input: %s is a folder", opts.Input))
		}
		if info.Mode().IsRegular() {
			size = info.Size()
		}
	}
	return file, size, func() { file.Close() }, nil
}

func batchInputHints(err error) []string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "CSV header"), strings.Contains(msg, "empty CSV"):
		return []string{"the first row names the fields, for example: patient,minutes,floor,sciatica (see limber profile init for every field)"}
	case strings.Contains(msg, "longer than"):
		return []string{"a quote left open in a CSV file makes the rest of the file one row"}
	}
	return nil
}

// openBatchStream returns where jsonl goes. For a file it writes a
// temporary file beside it that takes the name at the end (finish(true))
// so a reader never sees a half-written line.
func openBatchStream(opts *BatchOptions) (io.Writer, func(ok bool) error, error) {
	none := func(bool) error { return nil }
	if opts.Format.PerRow() {
		return nil, none, nil
	}
	if opts.Output == "-" {
		return opts.IO.Out, none, nil
	}
	if info, err := os.Stat(opts.Output); err == nil && !info.Mode().IsRegular() {
		// A device or a named pipe (/dev/null, a FIFO) is written to,
		// not replaced.
		dev, err := os.OpenFile(opts.Output, os.O_WRONLY, 0)
		if err != nil {
			return nil, nil, withCode(ExitError, fmt.Errorf("cannot write %s: %w", opts.Output, err))
		}
		return dev, func(bool) error { return dev.Close() }, nil
	}
	if _, err := os.Lstat(opts.Output); err == nil && !opts.Force {
		return nil, nil, withCode(ExitUsage, fmt.Errorf("%s exists", opts.Output), "--force replaces it")
	}
	tmp, err := batch.CreateAtomic(opts.Output)
	if err != nil {
		return nil, nil, withCode(ExitError, fmt.Errorf("cannot write %s: %w", opts.Output, err))
	}
	finish := func(ok bool) error {
		if err := tmp.Finish(ok); err != nil {
			return fmt.Errorf("cannot write %s: %w", opts.Output, err)
		}
		return nil
	}
	return tmp, finish, nil
}

// printBatchRow reports a failed row, or a routine made with a warning.
func printBatchRow(w io.Writer, r batch.Result) {
	switch {
	case r.Status == batch.Failed:
		fmt.Fprintf(w, "limber: %s: %s\n", r.Where(), r.Message())
	case r.Status == batch.OK && len(r.Warnings) > 0:
		// The handout has the whole text; a line per row is enough here.
		short := make([]string, len(r.Warnings))
		for i, warning := range r.Warnings {
			short[i] = batchFirstSentence(warning)
		}
		fmt.Fprintf(w, "limber: %s: warning: %s (the handout says so)\n", r.Where(), strings.Join(short, "; "))
	}
}

// batchFirstSentence returns s up to the end of its first sentence.
func batchFirstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// printBatchSummary prints the counts and a table of the failures.
func printBatchSummary(w io.Writer, sum batch.Summary, opts *BatchOptions) {
	where := "to " + opts.OutDir
	if !opts.Format.PerRow() {
		where = "to standard output"
		if opts.Output != "-" {
			where = "to " + opts.Output
		}
	}
	fmt.Fprintf(w, "batch: %s read: %d ok (written %s), %d failed, %d skipped", batchPlural(sum.Read, "row"), sum.OK, where, sum.Failed, sum.Skipped)
	if sum.Cancelled > 0 {
		fmt.Fprintf(w, ", %d not started", sum.Cancelled)
	}
	fmt.Fprintln(w)
	if len(sum.Failures) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  ROW\tLINE\tFIELD\tERROR")
	for _, r := range sum.Failures {
		field := r.Field
		if field == "" {
			field = "-"
		}
		line := "-"
		if r.Line > 0 {
			line = fmt.Sprint(r.Line)
		}
		// The field has its own column; a message about one field
		// starts with its name.
		msg := strings.TrimPrefix(r.Message(), r.Field+": ")
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", r.Row, line, field, batchShorten(msg, 90))
	}
	tw.Flush()
	if more := sum.Failed - len(sum.Failures); more > 0 {
		fmt.Fprintf(w, "  … and %d more failed rows", more)
		if opts.Report != "" {
			fmt.Fprintf(w, " (all are in %s)", opts.Report)
		}
		fmt.Fprintln(w)
	}
}

func batchPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// batchShorten cuts s to n characters with an ellipsis.
func batchShorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// batchProgress draws a progress bar on standard error when it is a
// terminal: by how much of the input is done when its size is known,
// else a count of rows. Row messages are printed above the bar.
type batchProgress struct {
	mu    sync.Mutex // rows report from the batch, the interrupt from elsewhere
	bar   *progressbar.ProgressBar
	err   io.Writer
	bytes bool
	rows  int
}

func newBatchProgress(s *IOStreams, size int64) *batchProgress {
	p := &batchProgress{err: s.Err}
	if !s.ErrTTY {
		return p
	}
	common := []progressbar.Option{
		progressbar.OptionSetWriter(s.Err),
		progressbar.OptionSetDescription("batch"),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionEnableColorCodes(false),
		progressbar.OptionUseANSICodes(true),
	}
	if size > 0 {
		p.bytes = true
		p.bar = progressbar.NewOptions64(size, append(common,
			progressbar.OptionSetWidth(30),
			progressbar.OptionSetPredictTime(true))...)
	} else {
		p.bar = progressbar.NewOptions64(-1, append(common,
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionSpinnerType(14))...)
	}
	return p
}

// result advances the bar and prints what the row has to say.
func (p *batchProgress) result(r batch.Result, print func(io.Writer)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		print(p.err)
		return
	}
	if r.Status == batch.Failed || len(r.Warnings) > 0 {
		_ = p.bar.Clear()
		print(p.err)
	}
	if p.bytes {
		p.rows++
		p.bar.Describe(fmt.Sprintf("batch: %s", batchPlural(p.rows, "row")))
		_ = p.bar.Set64(min(r.Offset, p.bar.GetMax64()))
	} else {
		_ = p.bar.Add(1)
	}
}

// print prints a message above the bar.
func (p *batchProgress) print(print func(io.Writer)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	print(p.err)
}

func (p *batchProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}
