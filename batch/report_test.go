package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var reportResults = []Result{
	{Row: 1, Status: OK, File: "1-Ann.pdf"},
	{Row: 2, Status: Failed, Field: "minutes", Err: errors.New("profiles: minutes: 0 is out of range (1–120)\nfloor: \"carpet\" is not one of mat, bed, none")},
	{Row: 3, Status: Skipped, File: "=cmd.pdf"},
}

// writeReport writes reportResults as a report in format.
func writeReport(t *testing.T, format string) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	r, err := NewReportWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range reportResults {
		if err := r.Write(res); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(true); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestReportCSV(t *testing.T) {
	buf := writeReport(t, "csv")
	got, err := csv.NewReader(buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"row", "status", "file", "error", "field"},
		{"1", "ok", "1-Ann.pdf", "", ""},
		{"2", "failed", "", `minutes: 0 is out of range (1–120); floor: "carpet" is not one of mat, bed, none`, "minutes"},
		{"3", "skipped", "'=cmd.pdf", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestReportJSON(t *testing.T) {
	for _, format := range []string{"json", "jsonl"} {
		buf := writeReport(t, format)
		var lines []map[string]any
		if format == "json" {
			if err := json.Unmarshal(buf.Bytes(), &lines); err != nil {
				t.Fatalf("json report is not JSON: %v\n%s", err, buf.String())
			}
			// One row per line between the brackets.
			if n := strings.Count(buf.String(), "\n"); n != len(reportResults)+2 {
				t.Errorf("json report has %d lines:\n%s", n, buf.String())
			}
		} else {
			for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatalf("jsonl line %q: %v", l, err)
				}
				lines = append(lines, m)
			}
		}
		if len(lines) != 3 || lines[1]["field"] != "minutes" || lines[1]["status"] != "failed" || lines[2]["file"] != "=cmd.pdf" {
			t.Errorf("%s report: %v", format, lines)
		}
	}
}

func TestReportEmptyJSON(t *testing.T) {
	var buf bytes.Buffer
	r, _ := NewReportWriter(&buf, "json")
	if err := r.Close(true); err != nil {
		t.Fatal(err)
	}
	var v []any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil || len(v) != 0 {
		t.Errorf("empty report %q: %v", buf.String(), err)
	}
}

func TestCreateReport(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report.csv")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := CreateReport(name)
	if err != nil {
		t.Fatal(err)
	}
	r.Write(reportResults[0])
	checkFile(t, name, "old") // not replaced until closed
	if err := r.Close(true); err != nil {
		t.Fatal(err)
	}
	checkFile(t, name, "row,status,file,error,field\n1,ok,1-Ann.pdf,,\n")
	noTemps(t, dir)

	if _, err := CreateReport(filepath.Join(dir, "report.txt")); err == nil {
		t.Error("report.txt accepted")
	}
	if _, err := CreateReport(filepath.Join(dir, "missing", "r.csv")); err == nil {
		t.Error("report in a missing folder accepted")
	}
}
