package batch

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzSanitizeName checks every promise of SanitizeName on any input,
// and that sanitizing twice changes nothing.
func FuzzSanitizeName(f *testing.F) {
	for _, s := range []string{"Ann Lee", "../../etc/passwd", "/abs/path", "con", "COM1.txt", "a\nb", "\u202Eevil", strings.Repeat("é", 300), "..", "-rf *", "Zoë Łukasiewicz"} {
		f.Add(s, 200)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = 8 + abs(max)%300
		got := SanitizeName(s, max)
		checkSafeName(t, got, max)
		if again := SanitizeName(got, max); again != got {
			t.Errorf("not idempotent: %q → %q → %q", s, got, again)
		}
	})
}

// FuzzNamer checks that names are safe and unique whatever the
// patients are called.
func FuzzNamer(f *testing.F) {
	f.Add("{row}-{patient}", "Ann Lee", "ann lee", "con")
	f.Add("{patient}", "../x", "..\\x", "")
	f.Add("{clinic}/{patient}", "\u2066", "a\x00b", strings.Repeat("x", 400))
	f.Fuzz(func(t *testing.T, tmpl, a, b, c string) {
		tm, err := ParseTemplate(tmpl)
		if err != nil {
			return
		}
		n := NewNamer("out", tm, "pdf")
		seen := map[string]bool{}
		for i, p := range []string{a, b, c, a, b, c} {
			name, err := n.Name(NameFields{Row: i + 1, Patient: p, Clinic: c})
			if err != nil {
				t.Fatal(err)
			}
			checkSafeName(t, name, MaxNameBytes)
			key := foldKey(name)
			if seen[key] {
				t.Fatalf("name %q given twice", name)
			}
			seen[key] = true
		}
	})
}

// fuzzReader reads input to its end and checks the invariants every
// reader keeps: rows are numbered 1, 2, 3… and have values or an error,
// never both; the reader ends.
func fuzzReader(t *testing.T, input string, f InputFormat) []Row {
	r, err := NewReader(strings.NewReader(input), f)
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v is not an InputError", err)
		}
		return nil
	}
	var rows []Row
	for i := 0; ; i++ {
		if i > len(input)+1 {
			t.Fatal("more rows than bytes")
		}
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InputError", err)
			}
			return rows
		}
		if row.N != len(rows)+1 {
			t.Fatalf("row numbered %d after %d rows", row.N, len(rows))
		}
		if (row.Err == nil) == (row.Values == nil) {
			t.Fatalf("row %d: values %v and error %v", row.N, row.Values, row.Err)
		}
		rows = append(rows, row)
	}
}

func FuzzCSVReader(f *testing.F) {
	f.Add("patient,minutes\nAnn,10\n")
	f.Add("\uFEFFpatient,minutes\r\n\"Lee, Bob\",5\r\nx\"y,3\n,,\n")
	f.Add("a,a\n")
	f.Add("patient\n\"unclosed\n")
	f.Fuzz(func(t *testing.T, input string) {
		for _, row := range fuzzReader(t, input, CSV) {
			for k, v := range row.Values {
				if s, ok := v.(string); !ok || strings.TrimSpace(s) == "" || k == "" {
					t.Fatalf("row %d: %q = %#v", row.N, k, v)
				}
			}
		}
	})
}

func FuzzJSONLReader(f *testing.F) {
	f.Add("{\"patient\": \"Ann\", \"minutes\": 10}\n\n{\"bad\": \n[1]\n")
	f.Add("[{\"patient\": \"Ann\"}, 3, {}]")
	f.Add("{\"a\": 1}}\n{\"weights\": {\"core\": 2.5}, \"equipment\": [\"strap\"]}")
	f.Fuzz(func(t *testing.T, input string) {
		fuzzReader(t, input, JSONL)
	})
}

func FuzzYAMLReader(f *testing.F) {
	f.Add("- patient: Ann\n  minutes: 10\n- &d {clinic: X}\n- <<: *d\n  patient: Bob\n")
	f.Add("---\npatient: Ann\n---\n[{patient: Bob}]\n...\n")
	f.Add("- [\n- a: b\n   c: d\n-\n- 7\n")
	f.Add("%YAML 1.2\n--- |\n  text\n")
	f.Fuzz(func(t *testing.T, input string) {
		fuzzReader(t, input, YAML)
	})
}

// FuzzYAMLRoundTrip writes a list of rows with the YAML encoder and
// checks that the streaming reader, which cuts the list into items
// itself, reads back exactly what a whole-document decode would.
func FuzzYAMLRoundTrip(f *testing.F) {
	f.Add("Ann Lee", "line one\nline two\n", "- not an item", 10)
	f.Add("---", "#", "...", -3)
	f.Add("", "  leading", "key: value", 0)
	f.Fuzz(func(t *testing.T, patient, notes, clinic string, minutes int) {
		list := []map[string]any{
			{"patient": patient, "minutes": minutes},
			{"notes": notes, "clinic": clinic},
			{"patient": clinic, "notes": patient, "equipment": []any{notes, clinic}},
		}
		data, err := yaml.Marshal(list)
		if err != nil {
			return
		}
		var whole []map[string]any
		if err := yaml.Unmarshal(data, &whole); err != nil {
			return
		}
		rows := fuzzReader(t, string(data), YAML)
		if len(rows) != len(whole) {
			t.Fatalf("%d rows, want %d from\n%s", len(rows), len(whole), data)
		}
		for i, row := range rows {
			if !reflect.DeepEqual(row.Values, whole[i]) {
				t.Fatalf("row %d: %#v, want %#v from\n%s", i+1, row.Values, whole[i], data)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // the smallest int
			return 0
		}
		return -n
	}
	return n
}
