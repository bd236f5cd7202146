package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// jsonReader reads JSON Lines: one object per line, blank lines ignored.
// A malformed line is that row's error and the next line is read as
// usual. An input whose first character is "[" is read as one JSON
// array of objects instead, element by element; there a syntax error
// ends the input, since nothing after it can be trusted.
type jsonReader struct {
	lr   *lineReader
	cr   *countingReader
	base int64
	n    int

	dec *json.Decoder // array mode
	end bool
}

func newJSONReader(br *bufio.Reader, cr *countingReader, base int64) (*jsonReader, error) {
	j := &jsonReader{lr: &lineReader{br: br, off: base}, cr: cr, base: base}
	if firstByte(br) == '[' {
		j.dec = json.NewDecoder(br)
		j.dec.UseNumber()
		if _, err := j.dec.Token(); err != nil {
			return nil, &InputError{Err: fmt.Errorf("JSON: %v", jsonMessage(err))}
		}
	}
	return j, nil
}

// firstByte returns the first byte that is not white space, without
// consuming anything.
func firstByte(br *bufio.Reader) byte {
	for n := 1; n <= 4096; n *= 2 {
		b, err := br.Peek(n)
		if i := bytes.IndexFunc(b, func(r rune) bool { return !isJSONSpace(r) }); i >= 0 {
			return b[i]
		}
		if err != nil {
			break
		}
	}
	return 0
}

func isJSONSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }

func (j *jsonReader) Next() (Row, error) {
	if j.dec != nil {
		return j.nextElement()
	}
	for {
		line, tooLong, err := j.lr.next()
		switch {
		case errors.Is(err, io.EOF):
			return Row{}, io.EOF
		case err != nil:
			return Row{}, &InputError{Line: j.lr.line + 1, Err: err}
		case tooLong:
			j.n++
			return Row{N: j.n, Line: j.lr.line, Err: rowErrorf("line is longer than %d bytes", MaxRowBytes), Offset: j.lr.off}, nil
		}
		if len(bytes.TrimFunc(line, isJSONSpace)) == 0 {
			continue
		}
		j.n++
		row := Row{N: j.n, Line: j.lr.line, Offset: j.lr.off}
		row.Values, row.Err = decodeJSONObject(line)
		return row, nil
	}
}

// decodeJSONObject decodes one line holding one JSON object.
func decodeJSONObject(line []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, rowErrorf("JSON: %v", jsonMessage(err))
	}
	if rest := bytes.TrimFunc(line[dec.InputOffset():], isJSONSpace); len(rest) > 0 {
		return nil, rowErrorf("JSON: more than one value on the line (%.20q after the object)", rest)
	}
	return jsonObject(v)
}

func (j *jsonReader) nextElement() (Row, error) {
	if j.end {
		return Row{}, io.EOF
	}
	if !j.dec.More() {
		if _, err := j.dec.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return Row{}, &InputError{Err: errors.New("JSON: the array is not closed with ]")}
			}
			return Row{}, &InputError{Err: fmt.Errorf("JSON: %v", jsonMessage(err))}
		}
		j.end = true
		if _, err := j.dec.Token(); !errors.Is(err, io.EOF) {
			return Row{}, &InputError{Err: errors.New("JSON: more data after the closing ]")}
		}
		return Row{}, io.EOF
	}
	j.cr.limit = j.cr.n + MaxRowBytes
	var v any
	err := j.dec.Decode(&v)
	j.cr.limit = 0
	if err != nil {
		if isTooLong(err) {
			return Row{}, &InputError{Err: fmt.Errorf("JSON: element %d: %w", j.n+1, errRowTooLong)}
		}
		return Row{}, &InputError{Err: fmt.Errorf("JSON: element %d: %v", j.n+1, jsonMessage(err))}
	}
	j.n++
	row := Row{N: j.n, Offset: j.base + j.dec.InputOffset()}
	row.Values, row.Err = jsonObject(v)
	return row, nil
}

// jsonObject checks that a decoded value is an object and gives its
// numbers the types YAML decoding gives them (int when whole, float64
// otherwise), so that rows mean the same in every input format.
func jsonObject(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, rowErrorf("JSON: a row must be an object {…}, not %s", jsonKind(v))
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[FieldName(k)] = jsonValue(x)
	}
	return out, nil
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.Atoi(string(x)); err == nil {
			return i
		}
		if f, err := x.Float64(); err == nil {
			return f
		}
		return string(x)
	case []any:
		for i := range x {
			x[i] = jsonValue(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = jsonValue(x[k])
		}
		return x
	}
	return v
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// jsonMessage shortens encoding/json's errors to what a person can act on.
func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the object is not closed"
	}
	return err.Error()
}
