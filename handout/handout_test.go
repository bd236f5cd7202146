package handout

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testDate is 2026-01-01T00:00:00Z, the SOURCE_DATE_EPOCH of the CLI tests.
var testDate = time.Unix(1767225600, 0).UTC()

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./handout -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./handout -update rewrites it):\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// warned is the 3-exercise routine with a warning-level answer.
func warned(cat *catalog.Catalog) *planner.Routine {
	r := testRoutine(cat, 3, "José Núñez")
	r.Profile.RedFlags = []string{"night-pain"}
	r.Warnings = []string{"Pain that wakes you at night should be checked by a doctor soon."}
	r.Verdict.Level = planner.ScreenWarning
	return r
}

// longNames is a routine whose patient and first exercise have names
// longer than a terminal line.
func longNames(cat *catalog.Catalog) *planner.Routine {
	r := testRoutine(cat, 2, "Maria Magdalena Wilhelmina Katharina von Hohenzollern-Sigmaringen-Łukasiewicz")
	r.Steps[0].Variant.Name = "A very long exercise name that a clinic wrote for its own catalogue of variants"
	return r
}

func TestTextGolden(t *testing.T) {
	cat := testCatalog()
	for _, tc := range []struct {
		name string
		r    *planner.Routine
		o    Options
	}{
		{"text_plain.golden", testRoutine(cat, 5, "Zoë Łukasiewicz"), Options{}},
		{"text_color.golden", testRoutine(cat, 5, "Zoë Łukasiewicz"), Options{Color: true}},
		{"text_explain.golden", testRoutine(cat, 4, ""), Options{Explain: true}},
		{"text_warning.golden", warned(cat), Options{}},
		{"text_long.golden", longNames(cat), Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Text(&b, tc.r, cat, tc.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
			out := b.String()
			if hasANSI := strings.Contains(out, "\x1b["); hasANSI != tc.o.Color {
				t.Errorf("ANSI escapes present = %v, want %v (Options.Color)", hasANSI, tc.o.Color)
			}
			for _, s := range tc.r.Steps {
				if !strings.Contains(squash(stripANSI(out)), s.Variant.Name) {
					t.Errorf("text lacks exercise %q", s.Variant.Name)
				}
			}
			if !strings.Contains(out, "Stop and get help") || !strings.Contains(out, cat.Safety.StopRules[0]) {
				t.Error("text lacks the safety box")
			}
			for _, w := range tc.r.Warnings {
				if i, j := strings.Index(out, w), strings.Index(out, tc.r.Steps[0].Variant.Name); i < 0 || i > j {
					t.Errorf("warning %q is not printed above the routine", w)
				}
			}
			if tc.o.Explain {
				for _, e := range tc.r.Excluded {
					if !strings.Contains(squash(out), "("+e.ID+"): "+e.Reason) {
						t.Errorf("explain lacks why %s is out", e.ID)
					}
				}
			}
			for _, l := range strings.Split(stripANSI(out), "\n") {
				if n := len([]rune(l)); n > textWidth {
					t.Errorf("line is %d runes wide, over %d: %q", n, textWidth, l)
				}
			}
		})
	}
}

func stripANSI(s string) string {
	for _, code := range []string{ansiReset, ansiBold, ansiDim, ansiGreen, ansiRed, ansiYellow} {
		s = strings.ReplaceAll(s, code, "")
	}
	return s
}

func TestMarkdownGolden(t *testing.T) {
	cat := testCatalog()
	for _, tc := range []struct {
		name string
		r    *planner.Routine
		o    Options
	}{
		{"markdown_figures.golden", testRoutine(cat, 3, "Zoë Łukasiewicz"), Options{Figures: true, Date: testDate}},
		{"markdown_plain.golden", warned(cat), Options{Explain: true, Date: testDate}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Markdown(&b, tc.r, cat, tc.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
			out := b.String()
			if got := strings.Count(out, "<svg "); tc.o.Figures && got != len(tc.r.Steps) || !tc.o.Figures && got != 0 {
				t.Errorf("%d SVG figures for %d steps with Figures=%v", got, len(tc.r.Steps), tc.o.Figures)
			}
			for _, s := range tc.r.Steps {
				if !strings.Contains(out, ". "+s.Variant.Name+" (") {
					t.Errorf("markdown lacks a section for %q", s.Variant.Name)
				}
				for _, st := range s.Variant.Steps {
					if !strings.Contains(out, st) {
						t.Errorf("markdown lacks step %q", st)
					}
				}
			}
			for _, want := range []string{"## Stop and get help", cat.Safety.RedFlags[0].Sign, tc.r.Profile.Patient, "1 January 2026"} {
				if !strings.Contains(out, want) {
					t.Errorf("markdown lacks %q", want)
				}
			}
			if strings.Contains(out, "\n\n\n") {
				t.Error("markdown has a double blank line")
			}
		})
	}
}

// TestJSONCompact checks the one-line form JSON Lines needs: the same
// document as the indented golden one, on a single line.
func TestJSONCompact(t *testing.T) {
	cat := testCatalog()
	r := warned(cat)
	var indented, compact bytes.Buffer
	if err := JSON(&indented, r, Options{Safety: &cat.Safety}); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&compact, r, Options{Safety: &cat.Safety, Compact: true}); err != nil {
		t.Fatal(err)
	}
	out := compact.String()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("compact JSON is not one line ending in a newline: %q", out)
	}
	var want bytes.Buffer
	if err := json.Compact(&want, indented.Bytes()); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSuffix(out, "\n"); got != want.String() {
		t.Errorf("compact JSON differs from the indented one:\n got %s\nwant %s", got, want.String())
	}
}

func TestJSONGolden(t *testing.T) {
	cat := testCatalog()
	r := warned(cat)
	var b bytes.Buffer
	if err := JSON(&b, r, Options{Safety: &cat.Safety}); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.json.golden", b.Bytes())

	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "budget_seconds", "total_seconds", "status", "gap", "score", "bound", "coverage", "weights", "steps", "excluded", "warnings", "profile", "safety"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks key %q", k)
		}
	}
	if doc["schema"] != Schema {
		t.Errorf("schema = %v, want %s", doc["schema"], Schema)
	}
	step := doc["steps"].([]any)[0].(map[string]any)
	for _, k := range []string{"exercise", "family", "name", "role", "position", "surface", "sides", "side_order", "hold_seconds", "reps", "sets", "seconds", "transition_seconds", "reason", "breathing", "steps", "cautions"} {
		if _, ok := step[k]; !ok {
			t.Errorf("JSON step lacks key %q", k)
		}
	}
	cov := doc["coverage"].(map[string]any)
	for _, g := range catalog.Groups {
		if v, ok := cov[string(g)].(float64); !ok || v < 0 || v > 1 {
			t.Errorf("coverage[%s] = %v, want a number in 0..1", g, cov[string(g)])
		}
	}
	if rules := doc["safety"].(map[string]any)["stop_rules"].([]any); len(rules) != len(cat.Safety.StopRules) {
		t.Errorf("safety.stop_rules has %d rules, want %d", len(rules), len(cat.Safety.StopRules))
	}

	// Lists are [] rather than null even when empty, and the output is
	// the same every time.
	empty := &planner.Routine{Status: planner.Optimal}
	var e1, e2 bytes.Buffer
	if err := JSON(&e1, empty, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&e2, empty, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(e1.Bytes(), e2.Bytes()) {
		t.Error("JSON of the same routine differs between runs")
	}
	if strings.Contains(e1.String(), "null") {
		t.Errorf("empty routine JSON has null:\n%s", e1.String())
	}
}

func TestNoRoutine(t *testing.T) {
	cat := testCatalog()
	var b bytes.Buffer
	for name, err := range map[string]error{
		"Text":     Text(&b, nil, cat, Options{}),
		"Markdown": Markdown(&b, nil, cat, Options{}),
		"JSON":     JSON(&b, nil, Options{}),
		"PDF":      PDF(&b, nil, cat, Options{}),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "handout: ") {
			t.Errorf("%s(nil routine) = %v, want a handout: error", name, err)
		}
	}
}

func TestDuration(t *testing.T) {
	for sec, want := range map[int]string{0: "0 s", 45: "45 s", 60: "1 min", 80: "1 min 20 s", 600: "10 min"} {
		if got := duration(sec); got != want {
			t.Errorf("duration(%d) = %q, want %q", sec, got, want)
		}
	}
}

func TestDateFromEnv(t *testing.T) {
	now := time.Date(2030, 5, 6, 7, 8, 9, 0, time.FixedZone("x", 3600))
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}
	}
	if got, err := DateFromEnv(env("1767225600"), now); err != nil || !got.Equal(testDate) || got.Location() != time.UTC {
		t.Errorf("DateFromEnv(1767225600) = %v, %v; want %v UTC", got, err, testDate)
	}
	if got, err := DateFromEnv(env(""), now); err != nil || !got.Equal(now) {
		t.Errorf("DateFromEnv(unset) = %v, %v; want now", got, err)
	}
	for _, bad := range []string{"yesterday", "-5", "1.5"} {
		if _, err := DateFromEnv(env(bad), now); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Errorf("DateFromEnv(%q) error = %v, want one naming SOURCE_DATE_EPOCH", bad, err)
		}
	}
}

func TestEasier(t *testing.T) {
	cat := testCatalog()
	for id, want := range map[string]string{
		"cat-cow-floor":         "use Seated cat-cow instead",         // named by Easier
		"knee-to-chest-floor":   "use Knee-to-chest on a bed instead", // the sibling asking less
		"knee-to-chest-bed":     "make the movement smaller.",         // no easier sibling: the modification
		"glute-bridge":          "make the movement smaller.",         // no sibling at all
		"cat-cow-chair":         "make the movement smaller.",         // its sibling asks more
		"bird-dog":              "make the movement smaller.",         // alone in its family
		"seated-rotation-chair": "make the movement smaller.",
	} {
		v, _ := cat.Variant(id)
		if got := easier(cat, v); got != want {
			t.Errorf("easier(%s) = %q, want %q", id, got, want)
		}
	}
}

// TestWarningHeadlineFollowsVerdict checks that the catalog's "see a
// clinician" headline appears only for a warning-level screen answer,
// not for the planner's own notes.
func TestWarningHeadlineFollowsVerdict(t *testing.T) {
	cat := testCatalog()
	for _, tc := range []struct {
		level string
		want  bool
	}{{planner.ScreenClear, false}, {planner.ScreenWarning, true}} {
		r := testRoutine(cat, 3, "Ann Lee")
		r.Warnings = []string{"the warm-up was left out to fit the time"}
		r.Verdict.Level = tc.level
		for name, render := range map[string]func(*bytes.Buffer) error{
			"text":     func(b *bytes.Buffer) error { return Text(b, r, cat, Options{}) },
			"markdown": func(b *bytes.Buffer) error { return Markdown(b, r, cat, Options{}) },
		} {
			var b bytes.Buffer
			if err := render(&b); err != nil {
				t.Fatal(err)
			}
			out := strings.Join(strings.Fields(b.String()), " ")
			// The first words of the headline: wrapped lines carry a
			// margin mark, so the whole text does not appear in one run.
			headline := strings.Join(strings.Fields(cat.Safety.Warning)[:4], " ")
			if got := strings.Contains(out, headline); got != tc.want {
				t.Errorf("%s, verdict %s: headline shown %v, want %v", name, tc.level, got, tc.want)
			}
			if !strings.Contains(out, "The warm-up was left out") {
				t.Errorf("%s, verdict %s: the planner's note is missing", name, tc.level)
			}
		}
	}
}
