package batch

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readAll reads every row of input in format f.
func readAll(t testing.TB, input string, f InputFormat) ([]Row, error) {
	t.Helper()
	r, err := NewReader(strings.NewReader(input), f)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

// want is a row as a test expects it: values, or an error containing
// errPart.
type want struct {
	n, line int
	values  map[string]any
	errPart string
}

func checkRows(t *testing.T, got []Row, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, r := range got {
			t.Logf("row %d line %d %v err %v", r.N, r.Line, r.Values, r.Err)
		}
		t.Fatalf("%d rows, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		g := got[i]
		if g.N != w.n || g.Line != w.line {
			t.Errorf("row %d: N %d line %d, want N %d line %d", i, g.N, g.Line, w.n, w.line)
		}
		if w.errPart != "" {
			if g.Err == nil || !strings.Contains(g.Err.Error(), w.errPart) {
				t.Errorf("row %d: error %v, want one containing %q", w.n, g.Err, w.errPart)
			}
			continue
		}
		if g.Err != nil {
			t.Errorf("row %d: unexpected error %v", w.n, g.Err)
		}
		if !reflect.DeepEqual(g.Values, w.values) {
			t.Errorf("row %d: values %#v, want %#v", w.n, g.Values, w.values)
		}
	}
}

func TestCSV(t *testing.T) {
	input := "\uFEFFPatient, Minutes ,floor,Bad-Knees\r\n" +
		"Ann Lee,10,mat,\r\n" +
		",,,\r\n" +
		"\"Lee, Bob\",5,\"bed\",yes\r\n" +
		"short,1\r\n" +
		"bad\"quote,3,mat,no\r\n" +
		"\"multi\nline\",7,none,no\r\n" +
		"last,8,mat,no"
	rows, err := readAll(t, input, CSV)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 2, values: map[string]any{"patient": "Ann Lee", "minutes": "10", "floor": "mat"}},
		{n: 2, line: 4, values: map[string]any{"patient": "Lee, Bob", "minutes": "5", "floor": "bed", "bad_knees": "yes"}},
		{n: 3, line: 5, errPart: "has 2 cells, the header has 4"},
		{n: 4, line: 6, errPart: `bare "`},
		{n: 5, line: 7, values: map[string]any{"patient": "multi\nline", "minutes": "7", "floor": "none", "bad_knees": "no"}},
		{n: 6, line: 9, values: map[string]any{"patient": "last", "minutes": "8", "floor": "mat", "bad_knees": "no"}},
	})
}

func TestCSVHeaderErrors(t *testing.T) {
	tests := []struct{ input, errPart string }{
		{"", "empty CSV input"},
		{"\n\n", "empty CSV input"},
		{"patient,,minutes\n", "column 2 has no name"},
		{"patient,Patient\n", `column 2 repeats "patient" (column 1)`},
		{"\"patient\n", "CSV header"},
	}
	for _, tt := range tests {
		_, err := readAll(t, tt.input, CSV)
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("%q: error %v, want an InputError containing %q", tt.input, err, tt.errPart)
		}
	}
}

func TestCSVRowTooLong(t *testing.T) {
	// The limit is MaxRowBytes past what the reader had buffered.
	input := "patient,minutes\nAnn,10\n\"open quote," + strings.Repeat("x", MaxRowBytes+200<<10) + "\nBob,5\n"
	rows, err := readAll(t, input, CSV)
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("error %v, want a row too long", err)
	}
	if len(rows) != 1 || rows[0].Values["patient"] != "Ann" {
		t.Errorf("rows before the long one: %v", rows)
	}
}

func TestJSONLines(t *testing.T) {
	input := `{"patient": "Ann", "minutes": 10, "bad_knees": true}

{"patient": "Bob", "minutes": 7.5, "weights": {"core": 2}, "equipment": ["strap", "ball"]}
{"patient": "broken",
["not", "an", "object"]
{"patient": "two"}}
  {"Patient": "Cy", "minutes": 12345678901234567890}   ` + "\r\n" +
		`{"patient": "last"}`
	rows, err := readAll(t, input, JSONL)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 1, values: map[string]any{"patient": "Ann", "minutes": 10, "bad_knees": true}},
		{n: 2, line: 3, values: map[string]any{"patient": "Bob", "minutes": 7.5, "weights": map[string]any{"core": 2}, "equipment": []any{"strap", "ball"}}},
		{n: 3, line: 4, errPart: "not closed"},
		{n: 4, line: 5, errPart: "must be an object"},
		{n: 5, line: 6, errPart: "more than one value"},
		{n: 6, line: 7, values: map[string]any{"patient": "Cy", "minutes": 1.2345678901234567e19}},
		{n: 7, line: 8, values: map[string]any{"patient": "last"}},
	})
}

func TestJSONLinesLongLine(t *testing.T) {
	input := `{"patient": "a"}` + "\n" + `{"notes": "` + strings.Repeat("x", MaxRowBytes) + `"}` + "\n" + `{"patient": "b"}` + "\n"
	rows, err := readAll(t, input, JSONL)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 1, values: map[string]any{"patient": "a"}},
		{n: 2, line: 2, errPart: "longer than"},
		{n: 3, line: 3, values: map[string]any{"patient": "b"}},
	})
}

func TestJSONArray(t *testing.T) {
	rows, err := readAll(t, ` [ {"patient": "Ann", "minutes": 10}, 3, {"patient": "Bob"} ] `, JSONL)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, values: map[string]any{"patient": "Ann", "minutes": 10}},
		{n: 2, errPart: "must be an object"},
		{n: 3, values: map[string]any{"patient": "Bob"}},
	})
	for _, bad := range []string{`[{"a": 1}, {"b": }]`, `[{"a": 1}] x`, `[{"a": 1}`} {
		_, err := readAll(t, bad, JSONL)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: error %v, want an InputError", bad, err)
		}
	}
}

func TestYAMLBlockList(t *testing.T) {
	input := `# clinic list
%YAML 1.2
---
- &base
  clinician: Dr Rao
  minutes: 10
  patient: Ann
- <<: *base
  patient: Bob
  notes: |
    first line

    after a blank line
-
- just a string
- patient: [unclosed
- {patient: Cy, minutes: 5}
# a comment between items
- patient: "Dee"
  equipment:
    - strap
    - ball
...
`
	rows, err := readAll(t, input, YAML)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 4, values: map[string]any{"clinician": "Dr Rao", "minutes": 10, "patient": "Ann"}},
		{n: 2, line: 8, values: map[string]any{"clinician": "Dr Rao", "minutes": 10, "patient": "Bob", "notes": "first line\n\nafter a blank line\n"}},
		{n: 3, line: 15, errPart: "must be a mapping"},
		{n: 4, line: 16, errPart: "line 1"},
		{n: 5, line: 17, values: map[string]any{"patient": "Cy", "minutes": 5}},
		{n: 6, line: 19, values: map[string]any{"patient": "Dee", "equipment": []any{"strap", "ball"}}},
	})
}

func TestYAMLErrorLines(t *testing.T) {
	input := "- patient: Ann\n- patient: Bob\n  minutes: 5\n   bad: indent\n- patient: Cy\n  patient: again\n- patient: Dee\n"
	rows, err := readAll(t, input, YAML)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 1, values: map[string]any{"patient": "Ann"}},
		{n: 2, line: 2, errPart: "line 4"},
		{n: 3, line: 5, errPart: "line 6"},
		{n: 4, line: 7, values: map[string]any{"patient": "Dee"}},
	})
}

func TestYAMLDocuments(t *testing.T) {
	input := "patient: Ann\nminutes: 10\n---\n[{patient: Bob}, {patient: Cy}]\n--- {patient: Dee}\n---\n"
	rows, err := readAll(t, input, YAML)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 1, values: map[string]any{"patient": "Ann", "minutes": 10}},
		{n: 2, line: 4, values: map[string]any{"patient": "Bob"}},
		{n: 3, line: 4, values: map[string]any{"patient": "Cy"}},
		{n: 4, line: 5, values: map[string]any{"patient": "Dee"}},
	})
	for _, bad := range []string{"just a scalar\n", "a: [\n"} {
		_, err := readAll(t, bad, YAML)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%q: error %v, want an InputError", bad, err)
		}
	}
}

func TestYAMLLongItem(t *testing.T) {
	input := "- patient: a\n- notes: |\n" + strings.Repeat("    "+strings.Repeat("x", 1000)+"\n", MaxRowBytes/1000+1) + "- patient: b\n"
	rows, err := readAll(t, input, YAML)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, rows, []want{
		{n: 1, line: 1, values: map[string]any{"patient": "a"}},
		{n: 2, line: 2, errPart: "longer than"},
		{n: 3, line: 3 + MaxRowBytes/1000 + 1, values: map[string]any{"patient": "b"}},
	})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		input string
		want  map[string]any
	}{
		{"patient\nAnn\n", map[string]any{"patient": "Ann"}},
		{"\n  {\"patient\": \"Ann\"}\n", map[string]any{"patient": "Ann"}},
		{"[{\"patient\": \"Ann\"}]", map[string]any{"patient": "Ann"}},
		{"- patient: Ann\n", map[string]any{"patient": "Ann"}},
		{"# list\n- patient: Ann\n", map[string]any{"patient": "Ann"}},
	}
	for _, tt := range tests {
		rows, err := readAll(t, tt.input, "")
		if err != nil || len(rows) != 1 || !reflect.DeepEqual(rows[0].Values, tt.want) {
			t.Errorf("%q: rows %v, err %v", tt.input, rows, err)
		}
	}
}

func TestFormatFromName(t *testing.T) {
	for name, want := range map[string]InputFormat{"a.csv": CSV, "A.CSV": CSV, "x.jsonl": JSONL, "x.ndjson": JSONL, "x.json": JSONL, "x.yml": YAML, "x.yaml": YAML} {
		if got, ok := FormatFromName(name); !ok || got != want {
			t.Errorf("FormatFromName(%q) = %q, %v", name, got, ok)
		}
	}
	if _, ok := FormatFromName("x.txt"); ok {
		t.Error("x.txt has a format")
	}
	if _, err := ParseInputFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

// failingReader fails after its data.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadErrorIsInputError(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, f := range InputFormats {
		header := map[InputFormat]string{CSV: "patient\nAnn\n", JSONL: "{\"patient\": \"Ann\"}\n", YAML: "- patient: Ann\n"}[f]
		r, err := NewReader(&failingReader{data: header, err: boom}, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var last error
		for range 5 {
			if _, last = r.Next(); last != nil {
				break
			}
		}
		var ie *InputError
		if !errors.As(last, &ie) || !errors.Is(last, boom) {
			t.Errorf("%s: error %v, want an InputError wrapping the read error", f, last)
		}
	}
}

// TestOffsets checks that each row's offset is where it ends in the
// input, for an accurate progress bar.
func TestOffsets(t *testing.T) {
	tests := []struct {
		f     InputFormat
		input string
		ends  []string // each row's text ends with this
	}{
		{CSV, "\uFEFFpatient,minutes\nAnn,5\n\"B\nob\",6\nCy,7\n", []string{"Ann,5\n", "6\n", "Cy,7\n"}},
		{JSONL, "{\"a\": 1}\n\n{\"a\": 2}\n{\"a\": 3}\n", []string{"1}\n", "2}\n", "3}\n"}},
		{JSONL, "[{\"a\": 1}, {\"a\": 2}]", []string{"1}", "2}"}},
		{YAML, "- a: 1\n  b: 2\n- a: 3\n# end\n- a: 4\n", []string{"b: 2\n", "# end\n", "a: 4\n"}},
	}
	for _, tt := range tests {
		rows, err := readAll(t, tt.input, tt.f)
		if err != nil || len(rows) != len(tt.ends) {
			t.Fatalf("%s: %d rows, %v", tt.f, len(rows), err)
		}
		for i, r := range rows {
			if r.Offset > int64(len(tt.input)) || !strings.HasSuffix(tt.input[:r.Offset], tt.ends[i]) {
				t.Errorf("%s row %d: offset %d ends %q, want %q", tt.f, r.N, r.Offset, tt.input[:min(r.Offset, int64(len(tt.input)))], tt.ends[i])
			}
		}
	}
}
