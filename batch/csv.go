package batch

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvReader reads a CSV input: a header row naming the fields, then one
// row per record. Empty cells are not given (the preset or the batch's
// defaults apply); records whose cells are all empty are skipped.
type csvReader struct {
	r      *csv.Reader
	cr     *countingReader
	base   int64 // bytes before what r reads
	header []string
	n      int
}

func newCSVReader(br *bufio.Reader, cr *countingReader, base int64) (*csvReader, error) {
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1 // a short or long row is that row's error, not the input's
	r.ReuseRecord = true
	r.TrimLeadingSpace = true
	c := &csvReader{r: r, cr: cr, base: base}
	cr.limit = cr.n + MaxRowBytes + int64(br.Size())
	rec, err := r.Read()
	cr.limit = 0
	switch {
	case errors.Is(err, io.EOF):
		return nil, &InputError{Err: errors.New("empty CSV input: the first row must name the fields (patient,minutes,…)")}
	case err != nil:
		return nil, &InputError{Line: 1, Err: fmt.Errorf("CSV header: %w", err)}
	}
	header, err := csvHeader(rec)
	if err != nil {
		return nil, &InputError{Line: 1, Err: err}
	}
	c.header = header
	return c, nil
}

// csvHeader normalises the header names: case, spaces and "-" do not
// matter ("Bad knees" is bad_knees). Empty and repeated names are errors.
func csvHeader(rec []string) ([]string, error) {
	header := make([]string, len(rec))
	seen := make(map[string]int, len(rec))
	for i, h := range rec {
		name := FieldName(h)
		if name == "" {
			return nil, fmt.Errorf("CSV header: column %d has no name", i+1)
		}
		if j, dup := seen[name]; dup {
			return nil, fmt.Errorf("CSV header: column %d repeats %q (column %d)", i+1, name, j)
		}
		seen[name] = i + 1
		header[i] = name
	}
	return header, nil
}

// FieldName normalises a column or key name to the snake_case of
// profile fields.
func FieldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// Header returns the normalised field names of the CSV header.
func (c *csvReader) Header() []string { return c.header }

func (c *csvReader) Next() (Row, error) {
	for {
		// The CSV reader keeps a whole record in memory; an unclosed
		// quote would make that the rest of the input.
		c.cr.limit = c.cr.n + MaxRowBytes
		rec, err := c.r.Read()
		c.cr.limit = 0
		if errors.Is(err, io.EOF) {
			return Row{}, io.EOF
		}
		var pe *csv.ParseError
		switch {
		case isTooLong(err):
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return Row{}, &InputError{Line: line, Err: fmt.Errorf("%w (is a quote left open?)", errRowTooLong)}
		case errors.As(err, &pe):
			c.n++
			return Row{N: c.n, Line: pe.StartLine, Err: rowErrorf("CSV: %v", pe.Err), Offset: c.offset()}, nil
		case err != nil:
			return Row{}, &InputError{Err: err}
		}
		line, _ := c.r.FieldPos(0)
		if blank(rec) {
			continue
		}
		c.n++
		row := Row{N: c.n, Line: line, Offset: c.offset()}
		if len(rec) != len(c.header) {
			row.Err = rowErrorf("has %s, the header has %d", plural(len(rec), "cell"), len(c.header))
			return row, nil
		}
		row.Values = make(map[string]any, len(rec))
		for i, v := range rec {
			if v = strings.TrimSpace(v); v != "" {
				row.Values[c.header[i]] = v
			}
		}
		return row, nil
	}
}

func (c *csvReader) offset() int64 { return c.base + c.r.InputOffset() }

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
