package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// rowSource generates a CSV clinic list of n rows on the fly, so a test
// can feed a long input without holding it.
type rowSource struct {
	n, i int
	row  func(i int) string
	buf  []byte
}

func newRowSource(n int, header string, row func(i int) string) *rowSource {
	return &rowSource{n: n, row: row, buf: []byte(header + "\n")}
}

func (s *rowSource) Read(p []byte) (int, error) {
	for len(s.buf) < len(p) && s.i < s.n {
		s.i++
		s.buf = append(s.buf, s.row(s.i)...)
		s.buf = append(s.buf, '\n')
	}
	if len(s.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.buf)
	s.buf = s.buf[:copy(s.buf, s.buf[n:])]
	return n, nil
}

// benchRow is a realistic spread of profiles.
func benchRow(i int) string {
	floors := []string{"mat", "bed", "none"}
	sides := []string{"none", "left", "right", "both"}
	roms := []string{"limited", "moderate", "full"}
	return fmt.Sprintf("Patient %d,%d,%s,%s,%s", i, 5+i%26, floors[i%3], sides[i%4], roms[(i/3)%3])
}

const benchHeader = "patient,minutes,floor,sciatica,rom"

func benchRun(b *testing.B, f OutputFormat) {
	o := testOptions(b, f)
	o.Jobs = runtime.NumCPU()
	if f == JSONLines {
		o.Stream = io.Discard
	}
	ok := 0
	for i := 0; b.Loop(); i++ {
		o.OutDir = b.TempDir()
		in, err := NewReader(newRowSource(200, benchHeader, benchRow), CSV)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := Run(context.Background(), in, o)
		if err != nil {
			b.Fatal(err)
		}
		ok += sum.OK
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(ok)/sec, "plans/s")
	b.ReportMetric(float64(ok)/sec/float64(runtime.NumCPU()), "plans/s/core")
}

func BenchmarkRunText(b *testing.B)      { benchRun(b, Text) }
func BenchmarkRunPDF(b *testing.B)       { benchRun(b, PDF) }
func BenchmarkRunJSONLines(b *testing.B) { benchRun(b, JSONLines) }

func benchReader(b *testing.B, f InputFormat, input string, rows int) {
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		in, err := NewReader(strings.NewReader(input), f)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			if _, err := in.Next(); err != nil {
				break
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d rows, want %d", n, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSV(b *testing.B) {
	var in bytes.Buffer
	in.WriteString(benchHeader + "\n")
	for i := range 10000 {
		in.WriteString(benchRow(i) + "\n")
	}
	benchReader(b, CSV, in.String(), 10000)
}

func BenchmarkReadJSONL(b *testing.B) {
	var in bytes.Buffer
	for i := range 10000 {
		fmt.Fprintf(&in, `{"patient": "Patient %d", "minutes": %d, "floor": "mat", "equipment": ["strap", "chair"]}`+"\n", i, 5+i%26)
	}
	benchReader(b, JSONL, in.String(), 10000)
}

func BenchmarkReadYAML(b *testing.B) {
	var in bytes.Buffer
	for i := range 10000 {
		fmt.Fprintf(&in, "- patient: Patient %d\n  minutes: %d\n  floor: mat\n  equipment: [strap, chair]\n", i, 5+i%26)
	}
	benchReader(b, YAML, in.String(), 10000)
}

func BenchmarkNamer(b *testing.B) {
	tm, _ := ParseTemplate(DefaultTemplate)
	n := NewNamer("out", tm, "pdf")
	i := 0
	for b.Loop() {
		i++
		if _, err := n.Name(NameFields{Row: i, Patient: "Zoë Łukasiewicz"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunMemoryFlat streams 100,000 rows through a batch and checks that
// the live heap does not grow with them. Most rows are invalid (cheap to
// reject) so the test is quick; every hundredth is planned.
func TestRunMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Log("short: 20,000 rows instead of 100,000")
	}
	n := 100000
	if testing.Short() {
		n = 20000
	}
	o := testOptions(t, JSONLines)
	o.Stream = io.Discard
	in, err := NewReader(newRowSource(n, "patient,minutes,floor", func(i int) string {
		if i%100 == 0 {
			return fmt.Sprintf("Patient %d,5,mat", i)
		}
		return fmt.Sprintf("Patient %d,5,lava", i)
	}), CSV)
	if err != nil {
		t.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	o.OnResult = func(r Result) {
		if r.Row%5000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	sum, err := Run(context.Background(), in, o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != n || sum.OK != n/100 {
		t.Fatalf("summary %+v", sum)
	}
	// Holding every row or result would take well over 100 MB.
	if peak > 48<<20 {
		t.Errorf("live heap reached %d MB", peak>>20)
	}
	t.Logf("peak live heap %.1f MB over %d rows", float64(peak)/(1<<20), n)
}
