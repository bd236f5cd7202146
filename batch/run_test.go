package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/handout"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

var (
	catOnce sync.Once
	testCat *catalog.Catalog
	catErr  error
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { testCat, catErr = catalog.Load() })
	if catErr != nil {
		t.Fatal(catErr)
	}
	return testCat
}

func known(cat *catalog.Catalog) profiles.Known {
	var k profiles.Known
	for _, v := range cat.Variants {
		k.ExerciseIDs = append(k.ExerciseIDs, v.ID)
	}
	for _, f := range cat.Families {
		k.ExerciseIDs = append(k.ExerciseIDs, f.ID)
	}
	for _, rf := range cat.Safety.RedFlags {
		k.RedFlags = append(k.RedFlags, rf.ID)
	}
	for _, g := range catalog.Groups {
		k.Groups = append(k.Groups, string(g))
	}
	return k
}

// testOptions are options for a batch of format f into a new folder.
func testOptions(t testing.TB, f OutputFormat) Options {
	cat := loadCatalog(t)
	return Options{
		Catalog:  cat,
		Known:    known(cat),
		Base:     profiles.Default(),
		Settings: planner.DefaultSettings(),
		Handout:  handout.Options{Date: time.Unix(1767225600, 0), Safety: &cat.Safety},
		Format:   f,
		OutDir:   filepath.Join(t.TempDir(), "out"),
		Jobs:     3,
	}
}

func run(t testing.TB, input string, format InputFormat, o Options) (Summary, []Result, error) {
	t.Helper()
	in, err := NewReader(strings.NewReader(input), format)
	if err != nil {
		return Summary{}, nil, err
	}
	var results []Result
	o.OnResult = func(r Result) { results = append(results, r) }
	sum, err := Run(context.Background(), in, o)
	return sum, results, err
}

const mixedCSV = `patient,minutes,floor,red_flags,preset,include
Ann Lee,10,mat,,,
Bob,,mat,,,
Cy,10,carpet,,,
Dee,10,none,bladder-bowel,,
Eve,1,mat,,,cat-cow
Ann Lee,12,bed,,,
Fay,,,,desk-worker,
Gus,0,mat,,,
`

func TestRunMixed(t *testing.T) {
	o := testOptions(t, Text)
	o.Name, _ = ParseTemplate("{patient}")
	var report bytes.Buffer
	o.Report, _ = NewReportWriter(&report, "csv")
	sum, results, err := run(t, mixedCSV, CSV, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Report.Close(true); err != nil {
		t.Fatal(err)
	}
	type expect struct {
		status Status
		file   string
		field  string
	}
	presetFile := "Fay.txt"
	if !presetSetsMinutesForTest(t, "desk-worker") {
		presetFile = ""
	}
	wants := []expect{
		{OK, "Ann_Lee.txt", ""},
		{Failed, "", "minutes"},   // no minutes anywhere
		{Failed, "", "floor"},     // unknown floor
		{Failed, "", "red_flags"}, // emergency: no routine
		{Failed, "", "minutes"},   // 1 minute: nothing fits
		{OK, "Ann_Lee-2.txt", ""}, // duplicate name
		{OK, presetFile, ""},      // minutes from the preset
		{Failed, "", "minutes"},   // out of range
	}
	if presetFile == "" {
		wants[6] = expect{Failed, "", "minutes"}
	}
	if len(results) != len(wants) {
		t.Fatalf("%d results, want %d", len(results), len(wants))
	}
	for i, w := range wants {
		r := results[i]
		if r.Row != i+1 || r.Status != w.status || r.File != w.file || !strings.Contains(r.Field, w.field) {
			t.Errorf("row %d: %+v (%s), want %+v", i+1, r, r.Message(), w)
		}
		if r.Status == Failed && r.Message() == "" {
			t.Errorf("row %d failed without a message", i+1)
		}
		if w.file != "" {
			data, err := os.ReadFile(filepath.Join(o.OutDir, w.file))
			if err != nil || len(data) == 0 {
				t.Errorf("row %d: %s: %v", i+1, w.file, err)
			}
		}
	}
	if sum.Read != 8 || sum.OK+sum.Failed != 8 || sum.Skipped != 0 || sum.Interrupted {
		t.Errorf("summary %+v", sum)
	}
	if lines := strings.Count(report.String(), "\n"); lines != 9 {
		t.Errorf("report has %d lines:\n%s", lines, report.String())
	}
	noTemps(t, o.OutDir)
}

func presetSetsMinutesForTest(t *testing.T, name string) bool {
	values, err := profiles.PresetValues(name)
	if err != nil {
		t.Fatal(err)
	}
	_, ok := values["minutes"]
	return ok
}

// TestRunDefaults checks the precedence for a row with a preset: the
// preset over the batch's base, the batch's own values over the preset,
// the row over both.
func TestRunDefaults(t *testing.T) {
	o := testOptions(t, JSONLines)
	var out bytes.Buffer
	o.Stream = &out
	base, err := profiles.Apply(profiles.Default(), map[string]any{"minutes": 7, "clinician": "Dr Rao", "floor": "none"}, o.Known)
	if err != nil {
		t.Fatal(err)
	}
	o.Base = base
	o.Defaults = map[string]any{"minutes": 7, "clinician": "Dr Rao"}
	o.MinutesGiven = true
	input := `{"patient": "A"}
{"patient": "B", "preset": "senior-chair"}
{"patient": "C", "preset": "senior-chair", "minutes": 12, "clinician": "Dr Lim"}
`
	_, results, err := run(t, input, JSONL, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Status != OK {
			t.Fatalf("row %d: %s", r.Row, r.Message())
		}
	}
	type plan struct {
		Budget int `json:"budget_seconds"`
	}
	var budgets []int
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var p plan
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		budgets = append(budgets, p.Budget)
	}
	if fmt.Sprint(budgets) != "[420 420 720]" {
		t.Errorf("budgets %v, want [420 420 720]", budgets)
	}
	p, err := (&runner{o: o, presetMinutes: map[string]bool{}}).profile(map[string]any{"preset": "senior-chair"})
	if err != nil {
		t.Fatal(err)
	}
	preset, _ := profiles.Preset("senior-chair")
	if p.Clinician != "Dr Rao" || p.Minutes != 7 || p.Floor != preset.Floor {
		t.Errorf("row with a preset: clinician %q, minutes %d, floor %q (preset's %q)", p.Clinician, p.Minutes, p.Floor, preset.Floor)
	}
}

// TestRunJSONLinesOrder checks that the stream keeps input order with
// many workers.
func TestRunJSONLinesOrder(t *testing.T) {
	o := testOptions(t, JSONLines)
	var out bytes.Buffer
	o.Stream = &out
	o.Jobs = 8
	o.Window = 9
	var input strings.Builder
	const n = 60
	for i := range n {
		fmt.Fprintf(&input, "{\"patient\": \"P%d\", \"minutes\": %d, \"floor\": %q}\n", i, 2+i%20, []string{"mat", "bed", "none"}[i%3])
	}
	sum, _, err := run(t, input.String(), JSONL, o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != n {
		t.Fatalf("summary %+v", sum)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines", len(lines))
	}
	for i, line := range lines {
		var p struct {
			Budget int `json:"budget_seconds"`
			Schema string
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatal(err)
		}
		if p.Budget != 60*(2+i%20) {
			t.Fatalf("line %d has budget %d: out of order", i, p.Budget)
		}
	}
}

func TestRunHostileNames(t *testing.T) {
	o := testOptions(t, JSON)
	// A patient name with a control character is the profile's error
	// (row 4), and so is one of 500 characters (row 8); a long patient
	// and clinic make a name that must be cut.
	input := "patient,minutes,clinic\n" +
		"../../etc/passwd,5,\n/abs/path,5,\ncon,5,\n\"two\nlines\",5,\n" +
		strings.Repeat("x", 100) + ",5," + strings.Repeat("y", 200) + "\n\u202Eevil\u202C,5,\n..,5,\n" +
		strings.Repeat("z", 500) + ",5,\n"
	o.Name, _ = ParseTemplate("{row}-{patient}-{clinic}")
	_, results, err := run(t, input, CSV, o)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range results {
		if r.Row == 4 || r.Row == 8 {
			if r.Status != Failed || r.Field != "patient" || r.File != "" {
				t.Errorf("row %d: %+v", r.Row, r)
			}
			continue
		}
		if r.Status != OK {
			t.Fatalf("row %d: %s", r.Row, r.Message())
		}
		names = append(names, r.File)
	}
	want := []string{"1-etc_passwd.json", "2-abs_path.json", "3-con.json", "5-" + strings.Repeat("x", 100) + "-" + strings.Repeat("y", MaxNameBytes-108) + ".json", "6-evil.json", "7.json"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("names\n%q\nwant\n%q", names, want)
	}
	entries, _ := os.ReadDir(o.OutDir)
	if len(entries) != len(want) {
		t.Errorf("%d files in the folder", len(entries))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(o.OutDir), "etc")); err == nil {
		t.Error("wrote outside the folder")
	}
}

func TestRunResumeForce(t *testing.T) {
	o := testOptions(t, Text)
	input := "patient,minutes\nAnn,5\nBob,5\nCy,5\n"
	if _, _, err := run(t, input, CSV, o); err != nil {
		t.Fatal(err)
	}
	// Bob's file is lost; Ann's is changed by hand.
	os.Remove(filepath.Join(o.OutDir, "2-Bob.txt"))
	os.WriteFile(filepath.Join(o.OutDir, "1-Ann.txt"), []byte("edited"), 0o644)

	statuses := func(results []Result) string {
		var s []string
		for _, r := range results {
			s = append(s, string(r.Status))
		}
		return strings.Join(s, " ")
	}
	_, results, _ := run(t, input, CSV, o)
	if got := statuses(results); got != "failed ok failed" {
		t.Errorf("rerun: %s", got)
	}
	if !strings.Contains(results[0].Message(), "--force") || results[0].File != "1-Ann.txt" {
		t.Errorf("exists message %q, file %q", results[0].Message(), results[0].File)
	}
	checkFile(t, filepath.Join(o.OutDir, "1-Ann.txt"), "edited")

	os.Remove(filepath.Join(o.OutDir, "2-Bob.txt"))
	o.Resume = true
	sum, results, _ := run(t, input, CSV, o)
	if got := statuses(results); got != "skipped ok skipped" || sum.Skipped != 2 {
		t.Errorf("resume: %s", got)
	}
	checkFile(t, filepath.Join(o.OutDir, "1-Ann.txt"), "edited")

	o.Resume, o.Force = false, true
	_, results, _ = run(t, input, CSV, o)
	if got := statuses(results); got != "ok ok ok" {
		t.Errorf("force: %s", got)
	}
	if data, _ := os.ReadFile(filepath.Join(o.OutDir, "1-Ann.txt")); string(data) == "edited" {
		t.Error("--force kept the old file")
	}
	noTemps(t, o.OutDir)
}

func TestRunInputErrors(t *testing.T) {
	o := testOptions(t, Text)
	_, _, err := run(t, "patient,minuts\nAnn,5\n", CSV, o)
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `did you mean "minutes"`) {
		t.Errorf("unknown column: %v", err)
	}
	// A fatal error after good rows: those rows are done.
	sum, results, err := run(t, "[{\"patient\": \"A\", \"minutes\": 5}, {\"patient\": }]", JSONL, o)
	if !errors.As(err, &ie) || sum.OK != 1 || len(results) != 1 {
		t.Errorf("error %v, summary %+v", err, sum)
	}
}

// TestRunCancel interrupts a batch: the rows in flight finish, the rest
// are cancelled, no temporary files remain, and every file is whole.
func TestRunCancel(t *testing.T) {
	o := testOptions(t, PDF)
	o.Jobs = 2
	var input strings.Builder
	input.WriteString("patient,minutes\n")
	for i := range 400 {
		fmt.Fprintf(&input, "P%d,%d\n", i, 5+i%10)
	}
	in, err := NewReader(strings.NewReader(input.String()), CSV)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := 0
	o.OnResult = func(r Result) {
		if seen++; seen == 10 {
			cancel()
		}
	}
	sum, err := Run(ctx, in, o)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Read >= 400 || sum.Done() < 10 || sum.Done()+sum.Cancelled != sum.Read {
		t.Errorf("summary %+v", sum)
	}
	noTemps(t, o.OutDir)
	entries, _ := os.ReadDir(o.OutDir)
	if len(entries) != sum.OK {
		t.Errorf("%d files for %d rows done", len(entries), sum.OK)
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(o.OutDir, e.Name()))
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
			t.Errorf("%s is not a whole PDF", e.Name())
		}
	}
}

func TestRunOptionsErrors(t *testing.T) {
	o := testOptions(t, Text)
	o.Force, o.Resume = true, true
	if _, _, err := run(t, "patient,minutes\nA,5\n", CSV, o); err == nil {
		t.Error("--force with --resume accepted")
	}
	o = testOptions(t, JSONLines)
	if _, _, err := run(t, "patient,minutes\nA,5\n", CSV, o); err == nil {
		t.Error("jsonl without a stream accepted")
	}
}

// failingWriter fails from its second write on, as a closed pipe does.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 1 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

func TestRunStreamError(t *testing.T) {
	o := testOptions(t, JSONLines)
	o.Stream = &failingWriter{}
	var input strings.Builder
	input.WriteString("patient,minutes\n")
	for i := range 200 {
		fmt.Fprintf(&input, "P%d,5\n", i)
	}
	sum, results, err := run(t, input.String(), CSV, o)
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Fatalf("error %v", err)
	}
	if len(results) != 1 || sum.OK != 1 || sum.Read == 200 {
		t.Errorf("%d results, summary %+v: the batch went on after the stream broke", len(results), sum)
	}
}
