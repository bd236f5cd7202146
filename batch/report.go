package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// ReportWriter writes one line per row to a --report file as the rows
// finish, in row order: row, status, file, error and field.
//
// A .csv report has a header row. A .json report is one JSON array
// with one row object per line, so it is valid JSON and still reads
// line by line; .jsonl leaves out the brackets and commas. CSV cells that
// a spreadsheet would take for a formula are made text (see csvCell).
type ReportWriter struct {
	w      *bufio.Writer
	format string // csv, json, jsonl
	csv    *csv.Writer
	rows   int
	closer func(ok bool) error
}

// ReportFormat returns the report format for a file name, from its
// extension.
func ReportFormat(name string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv", ".json", ".jsonl":
		return ext[1:], nil
	}
	return "", fmt.Errorf("batch: report %s: the name must end in .csv, .json or .jsonl", name)
}

// NewReportWriter writes a report in format ("csv", "json", "jsonl") to w.
func NewReportWriter(w io.Writer, format string) (*ReportWriter, error) {
	r := &ReportWriter{w: bufio.NewWriter(w), format: format}
	switch format {
	case "csv":
		r.csv = csv.NewWriter(r.w)
		if err := r.csv.Write([]string{"row", "status", "file", "error", "field"}); err != nil {
			return nil, err
		}
	case "json":
		if _, err := r.w.WriteString("["); err != nil {
			return nil, err
		}
	case "jsonl":
	default:
		return nil, fmt.Errorf("batch: report format %q is not one of csv, json, jsonl", format)
	}
	return r, nil
}

// CreateReport writes a report to the file name. The report is written
// to a temporary file beside it and takes the name's place on Close, so
// a reader never sees half a report; an existing report is replaced.
func CreateReport(name string) (*ReportWriter, error) {
	format, err := ReportFormat(name)
	if err != nil {
		return nil, err
	}
	f, err := CreateAtomic(name)
	if err != nil {
		return nil, fmt.Errorf("batch: report: %w", err)
	}
	r, err := NewReportWriter(f, format)
	if err != nil {
		f.Finish(false)
		return nil, err
	}
	r.closer = func(ok bool) error {
		if err := f.Finish(ok); err != nil {
			return fmt.Errorf("batch: report: %w", err)
		}
		return nil
	}
	return r, nil
}

type reportLine struct {
	Row    int    `json:"row"`
	Status Status `json:"status"`
	File   string `json:"file,omitempty"`
	Error  string `json:"error,omitempty"`
	Field  string `json:"field,omitempty"`
}

// Write adds the line for one row.
func (r *ReportWriter) Write(res Result) error {
	line := reportLine{Row: res.Row, Status: res.Status, File: res.File, Field: res.Field}
	line.Error = res.Message()
	r.rows++
	switch r.format {
	case "csv":
		return r.csv.Write([]string{strconv.Itoa(line.Row), string(line.Status), csvCell(line.File), csvCell(line.Error), csvCell(line.Field)})
	case "json":
		sep := ",\n"
		if r.rows == 1 {
			sep = "\n"
		}
		if _, err := r.w.WriteString(sep); err != nil {
			return err
		}
	}
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	if _, err := r.w.Write(b); err != nil {
		return err
	}
	if r.format == "jsonl" {
		return r.w.WriteByte('\n')
	}
	return nil
}

// csvCell keeps a spreadsheet from reading a cell that holds text from
// the input as a formula: such a cell gets a leading apostrophe, which
// spreadsheets show as text and do not display.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Close finishes the report. For a report made by CreateReport, ok says
// whether to put it in place (false discards it).
func (r *ReportWriter) Close(ok bool) error {
	var err error
	switch r.format {
	case "csv":
		r.csv.Flush()
		err = r.csv.Error()
	case "json":
		_, err = r.w.WriteString("\n]\n")
	}
	if ferr := r.w.Flush(); err == nil {
		err = ferr
	}
	if r.closer != nil {
		if cerr := r.closer(ok && err == nil); err == nil {
			err = cerr
		}
	}
	return err
}
