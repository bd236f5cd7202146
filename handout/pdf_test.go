package handout

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// needTool returns the path of a command-line tool the test needs. The
// test is skipped when the tool is missing on a developer's machine, but
// fails in CI (CI set), where .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (CI installs poppler-utils and qpdf)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// renderPDF renders r and writes it to a temporary file.
func renderPDF(t testing.TB, r *planner.Routine, cat *catalog.Catalog, o Options) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := PDF(&b, r, cat, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "handout.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b.Bytes()
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// squash joins a text's words with single spaces, so a name pdftotext
// breaks over two lines still matches.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDFContent(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	qpdf := needTool(t, "qpdf")
	cat := testCatalog()
	for _, tc := range []struct {
		n       int
		patient string
		r       func() *planner.Routine
	}{
		{n: 3, patient: "José Núñez"},
		{n: 12, patient: "Zoë Łukasiewicz"},
		{n: 15, patient: "Zoë Łukasiewicz"},
	} {
		t.Run(strconv.Itoa(tc.n), func(t *testing.T) {
			r := testRoutine(cat, tc.n, tc.patient)
			if len(r.Steps) != tc.n {
				t.Fatalf("fixture has %d steps, want %d", len(r.Steps), tc.n)
			}
			r.Warnings = []string{"Pain that wakes you at night should be checked by a doctor soon."}
			r.Verdict.Level = planner.ScreenWarning
			path, _ := renderPDF(t, r, cat, Options{Date: testDate})
			text := run(t, pdftotext, "-enc", "UTF-8", path, "-")
			flat := squash(text)
			want := []string{tc.patient, "Dr. Amara Okonkwo", "Riverside Physiotherapy", "1 January 2026",
				"Twice a day, 5 days a week", safetyTitle, urgentLead, "Page 1 of ",
				cat.Safety.Warning, r.Warnings[0], "Keep a note of which exercises ease your pain.", "Everyday habits for your back"}
			want = append(want, cat.Safety.StopRules...)
			for _, f := range cat.Safety.RedFlags {
				if f.Refuses() {
					want = append(want, f.Sign)
				}
			}
			for _, s := range r.Steps {
				want = append(want, s.Variant.Name, s.Variant.Dosage.Breath)
			}
			for _, tip := range cat.Tips {
				want = append(want, tip.Text)
			}
			for _, w := range want {
				if !strings.Contains(flat, squash(w)) {
					t.Errorf("pdftotext output lacks %q", w)
				}
			}
			pages := strings.Count(text, "\f")
			if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pages, pages)) {
				t.Errorf("the last of %d pages is not numbered %q", pages, fmt.Sprintf("Page %d of %d", pages, pages))
			}
			if out := run(t, qpdf, "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// The real catalog's texts are longer than the fixtures': a handout with
// one exercise of every family, on both papers, has every name, no word
// outside the margins and none on top of another.
func TestPDFEmbeddedCatalog(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := testRoutine(cat, 0, "Zoë Łukasiewicz")
	r.Steps, r.Excluded = nil, nil
	seen := map[string]bool{}
	for _, v := range cat.Variants {
		if seen[v.Family] {
			continue
		}
		seen[v.Family] = true
		r.Steps = append(r.Steps, planner.Step{Variant: v, Sides: v.Sides(), Hold: v.Dosage.Hold, Reps: v.Dosage.Reps, Sets: v.Dosage.Sets, Seconds: v.Seconds()})
	}
	r.Warnings = []string{"Your routine has been kept gentle."}
	r.Verdict.Level = planner.ScreenWarning
	for _, paper := range Papers {
		path, _ := renderPDF(t, r, cat, Options{Date: testDate, Paper: paper})
		flat := squash(run(t, pdftotext, "-enc", "UTF-8", path, "-"))
		for _, s := range r.Steps {
			if !strings.Contains(flat, squash(s.Variant.Name)) {
				t.Errorf("%s: pdftotext output lacks %q", paper, s.Variant.Name)
			}
		}
		checkWordBoxes(t, paper, run(t, pdftotext, "-bbox", path, "-"))
	}
}

// A handout of any length from 1 to 15 exercises keeps every word on
// the page, inside the margins, and clear of every other word.
func TestPDFNothingCutOffOrOverlapping(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	cat := testCatalog()
	for _, paper := range Papers {
		for n := 1; n <= 15; n++ {
			r := testRoutine(cat, n, "Zoë Łukasiewicz")
			if n%2 == 1 {
				r.Warnings = []string{"Pain that wakes you at night should be checked by a doctor soon."}
				r.Verdict.Level = planner.ScreenWarning
			}
			path, _ := renderPDF(t, r, cat, Options{Date: testDate, Paper: paper, Explain: n%3 == 0})
			out := run(t, pdftotext, "-bbox", path, "-")
			doc := checkWordBoxes(t, fmt.Sprintf("%s/%d", paper, n), out)
			// The first page has the safety box and the start of the
			// routine table.
			var first []string
			for _, w := range doc.Pages[0].Words {
				first = append(first, w.Text)
			}
			for _, want := range []string{safetyTitle, "Your routine", r.Steps[0].Variant.Name} {
				if !strings.Contains(strings.Join(first, " "), want) {
					t.Errorf("%s/%d: page 1 lacks %q", paper, n, want)
				}
			}
			// The table's total row is on the page of its last row.
			for _, pg := range doc.Pages {
				var words []string
				for _, w := range pg.Words {
					words = append(words, w.Text)
				}
				text := strings.Join(words, " ")
				if i := strings.Index(text, "Total, with"); i >= 0 {
					if !strings.Contains(text[:i], r.Steps[n-1].Variant.Name) {
						t.Errorf("%s/%d: the table's total is on a page without its last row", paper, n)
					}
					break
				}
			}
		}
	}
}

// bboxDoc is pdftotext -bbox output.
type bboxDoc struct {
	Pages []struct {
		W     float64 `xml:"width,attr"`
		H     float64 `xml:"height,attr"`
		Words []struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"word"`
	} `xml:"body>doc>page"`
}

func checkWordBoxes(t *testing.T, name, out string) bboxDoc {
	t.Helper()
	var doc bboxDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%s: pdftotext -bbox: %v", name, err)
	}
	if len(doc.Pages) == 0 {
		t.Fatalf("%s: pdftotext -bbox found no pages", name)
	}
	const mm = 72 / 25.4
	for pi, pg := range doc.Pages {
		if len(pg.Words) == 0 {
			t.Errorf("%s: page %d is empty", name, pi+1)
		}
		for i, w := range pg.Words {
			// Glyph boxes reach a little past the ink, hence the tolerance.
			if w.XMin < margin*mm-1 || w.XMax > pg.W-margin*mm+1 || w.YMin < margin*mm-2 || w.YMax > pg.H-4*mm {
				t.Errorf("%s: page %d: %q at (%.0f,%.0f)-(%.0f,%.0f) is outside the margins", name, pi+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
			for _, v := range pg.Words[i+1:] {
				// pdftotext's boxes of neighbouring lines touch; real
				// overlap is more than a point each way.
				ox := min(w.XMax, v.XMax) - max(w.XMin, v.XMin)
				oy := min(w.YMax, v.YMax) - max(w.YMin, v.YMin)
				if ox > 1 && oy > 1.5 {
					t.Errorf("%s: page %d: %q overlaps %q", name, pi+1, w.Text, v.Text)
				}
			}
		}
	}
	return doc
}

// When only the total row would go over the page, the last row goes
// with it, under the table's header, so the total never stands alone.
func TestPDFTableTotalKeepsLastRow(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	cat := testCatalog()
	r := testRoutine(cat, 5, "")
	d, err := newPDFDoc(r, cat, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	tb := d.layoutTable()
	d.y = d.bottom - (tb.height() - 3 - tb.totalH) - 1 // room for all but the total
	d.drawTable(tb)
	var b bytes.Buffer
	if err := d.f.Output(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "table.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(run(t, pdftotext, "-enc", "UTF-8", path, "-"), "\f")
	if len(pages) < 2 || !strings.Contains(pages[1], "Total") || !strings.Contains(pages[1], r.Steps[4].Variant.Name) ||
		!strings.Contains(pages[1], "Exercise") || strings.Contains(pages[0], r.Steps[4].Variant.Name) {
		t.Errorf("want rows 1–4 on page 1 and row 5 with the header and total on page 2; got pages:\n%q", pages)
	}
}

func TestPDFReproducible(t *testing.T) {
	cat := testCatalog()
	r := testRoutine(cat, 12, "Zoë Łukasiewicz")
	_, a := renderPDF(t, r, cat, Options{Date: testDate})
	_, b := renderPDF(t, testRoutine(cat, 12, "Zoë Łukasiewicz"), cat, Options{Date: testDate})
	if !bytes.Equal(a, b) {
		t.Fatalf("two PDFs of the same routine and date differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20260101000000)")) {
		t.Error("the PDF's creation date is not Options.Date")
	}
	_, c := renderPDF(t, r, cat, Options{Date: testDate.AddDate(0, 0, 1)})
	if bytes.Equal(a, c) {
		t.Error("a PDF with another date has the same bytes")
	}
}

func TestPDFPaper(t *testing.T) {
	pdfinfo := needTool(t, "pdfinfo")
	cat := testCatalog()
	r := testRoutine(cat, 2, "")
	for paper, want := range map[string]string{"": "595.28 x 841.89 pts (A4)", "a4": "(A4)", "Letter": "612 x 792 pts (letter)"} {
		path, _ := renderPDF(t, r, cat, Options{Date: testDate, Paper: paper})
		if out := run(t, pdfinfo, path); !strings.Contains(out, want) {
			t.Errorf("paper %q: pdfinfo says\n%s\nwant page size %q", paper, out, want)
		}
	}
	err := PDF(&bytes.Buffer{}, r, cat, Options{Paper: "a5"})
	if err == nil || !strings.Contains(err.Error(), `paper "a5"`) || !strings.Contains(err.Error(), "a4, letter") {
		t.Errorf("paper a5: error %v, want one naming it and the allowed papers", err)
	}
}

func TestPDFLogo(t *testing.T) {
	pdfimages := needTool(t, "pdfimages")
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.png")
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{uint8(x * 2), 0x60, 0x90, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cat := testCatalog()
	path, _ := renderPDF(t, testRoutine(cat, 3, "Ann"), cat, Options{Date: testDate, Logo: logo})
	if out := run(t, pdfimages, "-list", path); !regexp.MustCompile(`(?m)^\s+1\s+\d+\s+image\s+120\s+40\b`).MatchString(out) {
		t.Errorf("the logo is not on page 1:\n%s", out)
	}

	err := PDF(&bytes.Buffer{}, testRoutine(cat, 3, "Ann"), cat, Options{Logo: filepath.Join(dir, "missing.png")})
	if err == nil || !strings.Contains(err.Error(), "missing.png") {
		t.Errorf("missing logo: error %v, want one naming the file", err)
	}
	notPNG := filepath.Join(dir, "logo.txt")
	if err := os.WriteFile(notPNG, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := PDF(&bytes.Buffer{}, testRoutine(cat, 3, "Ann"), cat, Options{Logo: notPNG}); err == nil || !strings.Contains(err.Error(), "logo.txt") {
		t.Errorf("logo that is not a PNG: error %v, want one naming the file", err)
	}
}

// Text from outside (a clinic's catalog, a CSV of patients) may hold
// characters the font lacks, characters beyond U+FFFF, broken UTF-8,
// control characters and words longer than a line; the PDF still
// comes out whole.
func TestPDFOddText(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	qpdf := needTool(t, "qpdf")
	cat := testCatalog()
	r := testRoutine(cat, 3, "Ǆemal Дмитрий 李小龍 🙂 \xff\xfe")
	r.Profile.Clinician = "Dr. \xe2\x82"
	r.Profile.Notes = "First line\n\n\tTabbed line\n" + strings.Repeat("Pneumonoultramicroscopic", 8)
	long := "A very long exercise name that cannot fit on a single line of the exercise block header at all"
	r.Steps[1].Variant.Name = long
	r.Steps[1].Variant.Steps = append(r.Steps[1].Variant.Steps, "Finish 🙂 slowly.")
	path, _ := renderPDF(t, r, cat, Options{Date: testDate})
	flat := squash(run(t, pdftotext, "-enc", "UTF-8", path, "-"))
	for _, want := range []string{"Ǆemal Дмитрий", long, "Tabbed line", "Finish � slowly."} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if out := run(t, qpdf, "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestPDFBadPose(t *testing.T) {
	cat := testCatalog()
	r := testRoutine(cat, 3, "")
	r.Steps[1].Variant.Pose.Joints.Delete(catalog.Pelvis)
	err := PDF(&bytes.Buffer{}, r, cat, Options{})
	if err == nil || !strings.Contains(err.Error(), r.Steps[1].Variant.ID) || !strings.Contains(err.Error(), `"pelvis"`) {
		t.Errorf("pose without a pelvis: error %v, want one naming the exercise and the joint", err)
	}
}

// BenchmarkPDF12 renders a 12-exercise handout; the budget is
// 20 ms and 200 KB. The size is reported as bytes/pdf.
func BenchmarkPDF12(b *testing.B) {
	size := benchRender(b, PDF)
	b.ReportMetric(float64(size), "bytes/pdf")
}

// benchRender renders a 12-exercise routine with render, b.N times, and
// returns the size of the output.
func benchRender(b *testing.B, render func(io.Writer, *planner.Routine, *catalog.Catalog, Options) error) int {
	cat := testCatalog()
	r := testRoutine(cat, 12, "Zoë Łukasiewicz")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := render(&buf, r, cat, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
	return buf.Len()
}

func TestPDF12Budget(t *testing.T) {
	cat := testCatalog()
	_, pdf := renderPDF(t, testRoutine(cat, 12, "Zoë Łukasiewicz"), cat, Options{Date: testDate})
	if len(pdf) > 200_000 {
		t.Errorf("a 12-exercise handout is %d bytes, over the 200 KB budget", len(pdf))
	}
}
