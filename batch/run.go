package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/handout"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// OutputFormat is what a batch writes for each row.
type OutputFormat string

// Output formats.
const (
	PDF       OutputFormat = "pdf"   // a PDF handout per row
	Markdown  OutputFormat = "md"    // a Markdown handout per row
	Text      OutputFormat = "txt"   // a plain-text handout per row
	JSON      OutputFormat = "json"  // the plan as JSON (limber.plan/v1) per row
	JSONLines OutputFormat = "jsonl" // one plan per line, all rows in one stream
)

// OutputFormats lists the output formats.
var OutputFormats = []OutputFormat{PDF, Markdown, Text, JSON, JSONLines}

// ParseOutputFormat checks a --format value.
func ParseOutputFormat(s string) (OutputFormat, error) {
	for _, f := range OutputFormats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("batch: format %q is not one of pdf, md, txt, json, jsonl", s)
}

// PerRow reports whether the format writes a file per row (all but
// jsonl).
func (f OutputFormat) PerRow() bool { return f != JSONLines }

// Options configure a batch. Catalog, Format, and OutDir (per-row
// formats) or Stream (jsonl) are required.
type Options struct {
	Catalog *catalog.Catalog
	Known   profiles.Known
	// Base is the profile every row starts from: the batch command's own
	// profile flags, environment, profile file, config and defaults.
	Base profiles.Profile
	// Defaults are the values behind Base that were set on purpose
	// (not defaults). A row that names a preset gets the preset's values
	// over Base, then Defaults again, then its own values: the person
	// running the batch decides over a row's preset, the row over both.
	Defaults map[string]any
	// MinutesGiven says Base.Minutes was set on purpose. A row must get
	// its minutes from its own "minutes", its preset, or the batch:
	// planning everybody for a default ten minutes would hide a missing
	// column.
	MinutesGiven bool

	Settings planner.Settings
	Handout  handout.Options
	Format   OutputFormat

	// OutDir is the folder per-row files go to; it is created if needed.
	OutDir string
	// Name is the file name template; nil means DefaultTemplate.
	Name *Template
	// Force replaces existing files; Resume skips rows whose file
	// exists. Without either, an existing file is that row's failure.
	Force, Resume bool

	// Stream receives the jsonl output.
	Stream io.Writer
	// Report, if set, gets a line per row.
	Report *ReportWriter

	// Jobs is the number of rows planned at once; 0 means one per CPU.
	Jobs int
	// Writers is the number of files being written (and synced to
	// disk) at once, on top of Jobs; 0 means DefaultWriters. Syncing
	// waits on the disk, not the CPU, and the writers waiting at the same
	// time share one sync (see groupSync), so many writers cost little
	// and save much time.
	Writers int
	// CacheSize is how many distinct profiles' routines are kept for
	// rows that differ only in handout fields (see PlanCacheSize); 0
	// means PlanCacheSize, negative means none.
	CacheSize int
	// Window bounds the rows between reading and reporting; 0 means
	// twice the rows that can be in work (Jobs + Writers) plus 16.
	Window int

	// OnResult is called for every row in input order, from one
	// goroutine, as soon as the row and all rows before it are done.
	OnResult func(Result)
}

// DefaultWriters is the number of files written at once when
// Options.Writers is 0. On an ext4 disk, 10,000 text handouts took
// about 4.5 s with 4 or 8 writers and 3.6–4 s with 16 (each sync then
// covers more files); 32 were no faster.
const DefaultWriters = 16

// job is a row on its way through the batch: either decided already
// (result set: a bad row, a skipped one) or to be planned.
type job struct {
	row     Row
	profile profiles.Profile
	file    string
	decided bool
	result  Result
}

type runner struct {
	o             Options
	namer         *Namer
	presetMinutes map[string]bool
	bufs          sync.Pool
	// planning holds a token for each row being planned and rendered,
	// so no more than Jobs use the CPU while others wait on the disk.
	planning chan struct{}
	cache    *planCache
	sync     *groupSync // makes the written files durable; nil: each alone
}

// Run plans every row of in and writes the results as o says. A bad
// row is reported (Result, report line) and the batch goes on.
//
// Rows are read, planned and written as a stream: at most o.Window rows
// are held at any time, whatever the length of the input, and results
// come out in input order however the o.Jobs workers are scheduled.
// When ctx is cancelled (an interrupt), Run stops reading, finishes the
// rows being planned, and marks the rows read but not started
// Cancelled; every file is written whole or not at all.
//
// The error is an *InputError when the input could not be read to its
// end (the rows before the problem are done), or a problem writing the
// output folder, the stream or the report. Row failures are not errors:
// see Summary.Failed.
func Run(ctx context.Context, in Reader, o Options) (Summary, error) {
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Writers <= 0 {
		o.Writers = DefaultWriters
	}
	if !o.Format.PerRow() {
		o.Writers = 0
	}
	if o.Window <= 0 {
		o.Window = 2*(o.Jobs+o.Writers) + 16
	}
	if o.Name == nil {
		o.Name, _ = ParseTemplate(DefaultTemplate)
	}
	if o.Force && o.Resume {
		return Summary{}, errors.New("batch: --force and --resume contradict each other")
	}
	if h, ok := in.(interface{ Header() []string }); ok {
		if err := checkHeader(h.Header()); err != nil {
			return Summary{}, err
		}
	}
	if o.CacheSize == 0 {
		o.CacheSize = PlanCacheSize
	}
	b := &runner{o: o, presetMinutes: map[string]bool{}, planning: make(chan struct{}, o.Jobs)}
	b.cache = newPlanCache(o.Catalog, o.Settings, max(o.CacheSize, 0))
	b.bufs.New = func() any { return new(bytes.Buffer) }
	if o.Format.PerRow() {
		if o.OutDir == "" {
			return Summary{}, errors.New("batch: no output folder")
		}
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return Summary{}, fmt.Errorf("batch: output folder: %w", err)
		}
		b.namer = NewNamer(o.OutDir, o.Name, string(o.Format))
		var release func()
		b.sync, release = folderSync(o.OutDir)
		defer release()
	} else if o.Stream == nil {
		return Summary{}, errors.New("batch: no output stream")
	}

	rows := make(chan Row, 16)
	var inErr error
	// The reader runs on its own so that an interrupt is noticed while
	// a read is blocked (a terminal or a pipe); Run does not wait for a
	// blocked read to return. It stops when Run does, whatever the
	// reason.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	go func() {
		defer close(rows)
		for {
			row, err := in.Next()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					inErr = err
				}
				return
			}
			select {
			case rows <- row:
			case <-readCtx.Done():
				return
			}
		}
	}()

	var sum Summary
	sawEnd := false
	next := func(ctx context.Context) (job, bool) {
		select {
		case row, ok := <-rows:
			if !ok {
				sawEnd = true
				return job{}, false
			}
			sum.Read++
			return b.prepare(row), true
		case <-ctx.Done():
			return job{}, false
		}
	}
	emit := func(r Result) error {
		if r.plan != nil {
			if _, err := o.Stream.Write(r.plan); err != nil {
				return fmt.Errorf("batch: writing plans: %w", err)
			}
		}
		if o.Report != nil {
			if err := o.Report.Write(r); err != nil {
				return fmt.Errorf("batch: report: %w", err)
			}
		}
		sum.Offset = max(sum.Offset, r.Offset)
		switch r.Status {
		case OK:
			sum.OK++
		case Skipped:
			sum.Skipped++
		case Cancelled:
			sum.Cancelled++
		case Failed:
			sum.Failed++
			if len(sum.Failures) < MaxListedFailures {
				sum.Failures = append(sum.Failures, r)
			}
		}
		if o.OnResult != nil {
			o.OnResult(r)
		}
		return nil
	}
	pool := orderedPool[job, Result]{
		Workers: o.Jobs + o.Writers,
		Window:  o.Window,
		Work:    b.work,
		Skip: func(j job) Result {
			return Result{Row: j.row.N, Line: j.row.Line, Status: Cancelled, Offset: j.row.Offset}
		},
	}
	err := pool.Run(ctx, next, emit)
	sum.Interrupted = ctx.Err() != nil && (!sawEnd || sum.Cancelled > 0)
	if err == nil && b.namer != nil && sum.OK > 0 {
		if serr := syncDir(o.OutDir); serr != nil {
			err = fmt.Errorf("batch: output folder: %w", serr)
		}
	}
	if err == nil && sawEnd && inErr != nil {
		err = inErr
	}
	return sum, err
}

// prepare turns a row into a job: it resolves the profile and names the
// file, in input order, so names are the same from run to run.
func (b *runner) prepare(row Row) job {
	j := job{row: row}
	fail := func(field string, err error) job {
		j.decided = true
		j.result = Result{Row: row.N, Line: row.Line, Status: Failed, File: j.file, Field: field, Err: err, Offset: row.Offset}
		return j
	}
	if row.Err != nil {
		return fail(fieldOf(row.Err), row.Err)
	}
	p, perr := b.profile(row.Values)
	if b.namer != nil {
		name, err := b.namer.Name(b.nameFields(row, p, perr == nil))
		if err != nil {
			return fail("", err)
		}
		j.file = name
	}
	if perr != nil {
		j.file = ""
		return fail(fieldOf(perr), perr)
	}
	j.profile = p
	if b.namer != nil {
		if _, err := os.Lstat(filepath.Join(b.o.OutDir, j.file)); err == nil {
			switch {
			case b.o.Resume:
				j.decided = true
				j.result = Result{Row: row.N, Line: row.Line, Status: Skipped, File: j.file, Offset: row.Offset}
				return j
			case !b.o.Force:
				return fail("", existsError(j.file))
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fail("", err)
		}
	}
	return j
}

func existsError(name string) error {
	return fmt.Errorf("%s exists (--force replaces it, --resume skips the row)", name)
}

// profile resolves a row's values into a profile.
func (b *runner) profile(values map[string]any) (profiles.Profile, error) {
	preset, hasPreset := values["preset"]
	hasPreset = hasPreset && profiles.Given(preset)
	if hasPreset && len(b.o.Defaults) > 0 {
		merged := make(map[string]any, len(b.o.Defaults)+len(values))
		for k, v := range b.o.Defaults {
			merged[k] = v
		}
		for k, v := range values {
			if profiles.Given(v) {
				merged[k] = v
			}
		}
		values = merged
	}
	p, err := profiles.Apply(b.o.Base, values, b.o.Known)
	missing := !profiles.Given(values["minutes"]) && !b.o.MinutesGiven && !(hasPreset && b.presetSetsMinutes(fmt.Sprint(preset)))
	if !missing {
		return p, err
	}
	problem := profiles.Problem{Field: "minutes", Msg: "missing: give each row a minutes value, or --minutes for every row"}
	var probs profiles.Errors
	if errors.As(err, &probs) {
		return p, append(profiles.Errors{problem}, probs...)
	}
	if err != nil {
		return p, err
	}
	return p, profiles.Errors{problem}
}

func (b *runner) presetSetsMinutes(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	set, ok := b.presetMinutes[name]
	if !ok {
		values, err := profiles.PresetValues(name)
		set = err == nil && profiles.Given(values["minutes"])
		b.presetMinutes[name] = set
	}
	return set
}

// nameFields takes the template's values from the resolved profile, or,
// when the row is bad, from what the row says, so that a row's name does
// not depend on whether it could be planned.
func (b *runner) nameFields(row Row, p profiles.Profile, ok bool) NameFields {
	if ok {
		return NameFields{Row: row.N, Patient: p.Patient, Clinician: p.Clinician, Clinic: p.Clinic, Minutes: strconv.Itoa(p.Minutes)}
	}
	text := func(field, base string) string {
		if v, ok := row.Values[field]; ok && profiles.Given(v) {
			return fmt.Sprint(v)
		}
		return base
	}
	return NameFields{
		Row:       row.N,
		Patient:   text("patient", b.o.Base.Patient),
		Clinician: text("clinician", b.o.Base.Clinician),
		Clinic:    text("clinic", b.o.Base.Clinic),
		Minutes:   text("minutes", strconv.Itoa(b.o.Base.Minutes)),
	}
}

// work plans a row and writes its output. It runs on a worker.
func (b *runner) work(j job) Result {
	if j.decided {
		return j.result
	}
	res := Result{Row: j.row.N, Line: j.row.Line, Status: Failed, File: j.file, Offset: j.row.Offset}
	buf := b.bufs.Get().(*bytes.Buffer)
	defer b.bufs.Put(buf)
	buf.Reset()
	b.planning <- struct{}{}
	warnings, field, err := b.planAndRender(buf, j.profile)
	<-b.planning
	if err != nil {
		res.File = ""
		res.Field, res.Err = field, err
		return res
	}
	res.Warnings = warnings
	if b.o.Format == JSONLines {
		res.plan = bytes.Clone(buf.Bytes()) // buf goes back to the pool
		res.Status = OK
		return res
	}
	if err := writeFileAtomic(b.o.OutDir, j.file, buf.Bytes(), b.o.Force, b.sync); err != nil {
		if errors.Is(err, ErrExists) {
			err = existsError(j.file)
		} else {
			res.File = ""
		}
		res.Err = err
		return res
	}
	res.Status = OK
	return res
}

// planAndRender plans a profile and renders the routine into buf. On
// failure it names the field the failure is about.
func (b *runner) planAndRender(buf *bytes.Buffer, p profiles.Profile) (warnings []string, field string, err error) {
	r, err := b.cache.plan(p)
	if err != nil {
		field, err = planError(err)
		return nil, field, err
	}
	if err := b.render(buf, r); err != nil {
		return nil, "", err
	}
	return r.Warnings, "", nil
}

func (b *runner) render(w io.Writer, r *planner.Routine) error {
	o := b.o.Handout
	switch b.o.Format {
	case PDF:
		return handout.PDF(w, r, b.o.Catalog, o)
	case Markdown:
		return handout.Markdown(w, r, b.o.Catalog, o)
	case Text:
		return handout.Text(w, r, b.o.Catalog, o)
	case JSON:
		return handout.JSON(w, r, o)
	case JSONLines:
		o.Compact = true
		return handout.JSON(w, r, o)
	}
	return fmt.Errorf("batch: format %q is not one of pdf, md, txt, json, jsonl", b.o.Format)
}

// planError names the field a planning failure is about.
func planError(err error) (string, error) {
	var refused *planner.RefusedError
	var infeasible *planner.InfeasibleError
	switch {
	case errors.As(err, &refused):
		return "red_flags", err
	case errors.As(err, &infeasible):
		if infeasible.MinBudget > 0 {
			return "minutes", err
		}
		return "", err
	}
	return "", err
}

// fieldOf names the field(s) an error is about: a profile problem's
// fields, a FieldError's field.
func fieldOf(err error) string {
	var pe profiles.Errors
	if errors.As(err, &pe) {
		var fields []string
		for _, p := range pe {
			if p.Field != "" && !containsString(fields, p.Field) {
				fields = append(fields, p.Field)
			}
		}
		return strings.Join(fields, ",")
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// checkHeader checks that every CSV column names a profile field: an
// unknown column would fail every row, so it is the input's error.
func checkHeader(header []string) error {
	var msgs []string
	for _, name := range header {
		if _, ok := profiles.Lookup(name); ok {
			continue
		}
		msg := "unknown field"
		var probs profiles.Errors
		if _, err := profiles.Apply(profiles.Default(), map[string]any{name: nil}, profiles.Known{}); errors.As(err, &probs) && len(probs) > 0 {
			msg = probs[0].Msg
		}
		msgs = append(msgs, fmt.Sprintf("column %q: %s", name, msg))
	}
	if len(msgs) > 0 {
		return &InputError{Line: 1, Err: fmt.Errorf("CSV header: %s", strings.Join(msgs, "; "))}
	}
	return nil
}
