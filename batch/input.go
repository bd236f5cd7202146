package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// MaxRowBytes bounds the size of one input row. Memory use depends on
// it, not on the length of the input; a longer row (an unclosed quote
// in a CSV file, a runaway line) is reported instead of buffered.
const MaxRowBytes = 1 << 20

// InputFormat is the syntax of a batch input.
type InputFormat string

// Input formats.
const (
	CSV   InputFormat = "csv"   // header row of field names, one row per record
	JSONL InputFormat = "jsonl" // one JSON object per line (a JSON array of objects also works)
	YAML  InputFormat = "yaml"  // a YAML list of mappings
)

// InputFormats lists the input formats.
var InputFormats = []InputFormat{CSV, JSONL, YAML}

// ParseInputFormat checks a --input-format value.
func ParseInputFormat(s string) (InputFormat, error) {
	for _, f := range InputFormats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("batch: input format %q is not one of csv, jsonl, yaml", s)
}

// FormatFromName picks the input format from a file name's extension.
func FormatFromName(name string) (InputFormat, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return CSV, true
	case ".jsonl", ".ndjson", ".json":
		return JSONL, true
	case ".yaml", ".yml":
		return YAML, true
	}
	return "", false
}

// Row is one record of the input.
type Row struct {
	N    int // row number: 1 for the first data row (a CSV header is not a row)
	Line int // line of the input where the row starts; 0 when unknown
	// Values maps profile field names (and "preset") to values: strings
	// from CSV, typed values (string, bool, int, float64, []any,
	// map[string]any) from JSON and YAML. Empty CSV cells are left out.
	Values map[string]any
	// Err is set when this row could not be read (a malformed JSON line,
	// a broken CSV quote); the rows after it still can be.
	Err error
	// Offset is how many bytes of the input lie before the end of the
	// row, for progress reporting.
	Offset int64
}

// Where describes the row's position for messages: "row 3 (line 4)".
func (r Row) Where() string {
	if r.Line > 0 && r.Line != r.N {
		return fmt.Sprintf("row %d (line %d)", r.N, r.Line)
	}
	return fmt.Sprintf("row %d", r.N)
}

// Reader yields the rows of an input in order. Next returns io.EOF at the
// end; any other error means the input cannot be read any further (an
// InputError).
type Reader interface {
	Next() (Row, error)
}

// InputError is a problem with the input as a whole: unreadable, a bad
// CSV header, a row too long to hold. The command exits 2 for it.
type InputError struct {
	Line int // 0 when not about one line
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("batch: input line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("batch: input: %v", e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// errRowTooLong is what the input gives when a row exceeds MaxRowBytes.
var errRowTooLong = fmt.Errorf("a row is longer than %d bytes", MaxRowBytes)

// NewReader returns a Reader for r in format f. An empty format is
// detected from the first bytes: "{" or "[" is JSON, "-" or "%" is YAML,
// anything else CSV. For CSV the header row is read (and checked) here.
func NewReader(r io.Reader, f InputFormat) (Reader, error) {
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	base := skipBOM(br)
	if f == "" {
		f = sniff(br)
	}
	switch f {
	case CSV:
		return newCSVReader(br, cr, base)
	case JSONL:
		return newJSONReader(br, cr, base)
	case YAML:
		return newYAMLReader(br, base), nil
	}
	return nil, fmt.Errorf("batch: input format %q is not one of csv, jsonl, yaml", f)
}

// countingReader counts the bytes read through it and enforces the row
// size limit for readers that buffer a whole row (encoding/csv): limit
// is how far the reader may go before the current row must end.
type countingReader struct {
	r     io.Reader
	n     int64
	limit int64 // 0: none
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.limit > 0 && c.n >= c.limit {
		return 0, errRowTooLong
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// skipBOM drops a UTF-8 byte order mark, which spreadsheet programs put
// at the start of exported CSV files, and returns its length.
func skipBOM(br *bufio.Reader) int64 {
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
		return 3
	}
	return 0
}

// sniff guesses the format from the first non-blank byte.
func sniff(br *bufio.Reader) InputFormat {
	for n := 1; n <= 4096; n *= 2 {
		b, err := br.Peek(n)
		for _, c := range b {
			switch c {
			case ' ', '\t', '\r', '\n':
				continue
			case '{', '[':
				return JSONL
			case '-', '%', '#':
				return YAML
			default:
				return CSV
			}
		}
		if err != nil {
			break
		}
	}
	return CSV
}

// errorf is a row error about the row as a whole.
func rowErrorf(format string, args ...any) error {
	return &FieldError{Msg: fmt.Sprintf(format, args...)}
}

// FieldError is a problem with one row: the field it is about ("" when
// it is about the whole row) and what is wrong.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// isTooLong reports whether err is the row size limit.
func isTooLong(err error) bool { return errors.Is(err, errRowTooLong) }
