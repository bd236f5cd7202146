package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxYAMLDocument bounds a YAML document that is not a block list and
// so has to be decoded whole (a flow list [ {…}, {…} ], a single
// mapping).
const maxYAMLDocument = 64 << 20

// maxPrelude bounds the rows kept for their anchors (see yamlReader).
const maxPrelude = 64 << 10

// yamlReader reads a YAML list of mappings, one row per item.
//
// A YAML decoder needs a whole document, and the usual clinic list is a
// single document: a block list whose items start with "- " at the
// start of a line. So the reader cuts such a list into its items by
// those lines and decodes one item at a time; memory does not grow with
// the length of the list. Items that define anchors (&name) are kept
// (up to maxPrelude bytes) and put before later items that use aliases
// (*name), so "<<: *defaults" works as in one document. Documents of
// another shape (a flow list, a single mapping per "---" document) are
// decoded whole, up to maxYAMLDocument bytes each.
type yamlReader struct {
	lr  *lineReader
	n   int
	eof bool

	held     []byte // a line read ahead: the start of the next chunk
	heldLine int
	heldLong bool

	prelude      []byte
	preludeLines int

	docItems []*yaml.Node // items of a document decoded whole, still to return
	docLine  int          // line offset of that document
}

func newYAMLReader(br *bufio.Reader, base int64) *yamlReader {
	return &yamlReader{lr: &lineReader{br: br, off: base}}
}

// offset is where the rows read so far end: the line read ahead is not
// part of them.
func (y *yamlReader) offset() int64 { return y.lr.off - int64(len(y.held)) }

// lineReader reads lines of at most MaxRowBytes bytes.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte
	line int   // lines read so far
	off  int64 // bytes of the input before the next line
}

// next returns the next line with its newline. The slice is valid until
// the next call. A line longer than MaxRowBytes is skipped to its end
// and reported as tooLong. At the end of the input it returns io.EOF
// with no data.
func (l *lineReader) next() (line []byte, tooLong bool, err error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		l.off += int64(len(chunk))
		if !tooLong {
			if len(l.buf)+len(chunk) > MaxRowBytes+1 {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(l.buf) == 0 && !tooLong {
			if err == nil {
				err = io.EOF
			}
			return nil, false, err
		}
		l.line++
		if errors.Is(err, io.EOF) {
			err = nil
		}
		return l.buf, tooLong, err
	}
}

// lineKind classifies a line by its first column.
type lineKind int

const (
	lineBlank     lineKind = iota // empty, white space or a comment
	lineItem                      // "- …" at column 0: a list item starts
	lineDocStart                  // "---"
	lineDocEnd                    // "..."
	lineDirective                 // "%YAML …"
	lineOther                     // any other content at column 0, or indented content
)

func classify(line []byte) lineKind {
	trimmed := bytes.TrimLeft(line, " \t")
	switch {
	case len(bytes.TrimSpace(trimmed)) == 0, trimmed[0] == '#':
		return lineBlank
	case line[0] == '-' && (len(line) == 1 || isYAMLSpace(line[1])):
		return lineItem
	case bytes.HasPrefix(line, []byte("---")) && (len(line) == 3 || isYAMLSpace(line[3])):
		return lineDocStart
	case bytes.HasPrefix(line, []byte("...")) && (len(line) == 3 || isYAMLSpace(line[3])):
		return lineDocEnd
	case line[0] == '%':
		return lineDirective
	}
	return lineOther
}

func isYAMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// read returns the held line if any, else the next line (copied).
func (y *yamlReader) read() (line []byte, num int, tooLong bool, err error) {
	if y.held != nil {
		line, num, tooLong = y.held, y.heldLine, y.heldLong
		y.held = nil
		return line, num, tooLong, nil
	}
	l, tooLong, err := y.lr.next()
	if err != nil {
		return nil, 0, false, err
	}
	return append([]byte(nil), l...), y.lr.line, tooLong, nil
}

func (y *yamlReader) hold(line []byte, num int, tooLong bool) {
	y.held, y.heldLine, y.heldLong = line, num, tooLong
}

func (y *yamlReader) Next() (Row, error) {
	for {
		if len(y.docItems) > 0 {
			item := y.docItems[0]
			y.docItems = y.docItems[1:]
			if row, ok := y.row(item, y.docLine, 0); ok {
				return row, nil
			}
			continue
		}
		line, num, tooLong, err := y.read()
		switch {
		case errors.Is(err, io.EOF):
			return Row{}, io.EOF
		case err != nil:
			return Row{}, &InputError{Line: y.lr.line + 1, Err: err}
		}
		if tooLong {
			y.n++
			return Row{N: y.n, Line: num, Err: rowErrorf("YAML: line is longer than %d bytes", MaxRowBytes), Offset: y.offset()}, nil
		}
		switch classify(line) {
		case lineBlank, lineDocEnd, lineDirective:
			continue
		case lineDocStart:
			if len(bytes.TrimSpace(line[3:])) == 0 {
				continue
			}
			if err := y.document(line, num); err != nil {
				return Row{}, err
			}
		case lineItem:
			row, ok, err := y.item(line, num)
			if err != nil {
				return Row{}, err
			}
			if ok {
				return row, nil
			}
		default:
			if err := y.document(line, num); err != nil {
				return Row{}, err
			}
		}
	}
}

// item reads the rest of a list item that starts with first and
// decodes it. ok is false for an empty item ("-" alone), which is not a
// row.
func (y *yamlReader) item(first []byte, start int) (Row, bool, error) {
	chunk := first
	tooLong := false
	for {
		line, num, long, err := y.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Row{}, false, &InputError{Line: y.lr.line + 1, Err: err}
		}
		if k := classify(line); !long && (k == lineItem || k == lineDocStart || k == lineDocEnd) {
			y.hold(line, num, long)
			break
		}
		if long || len(chunk)+len(line) > MaxRowBytes {
			tooLong = true
			chunk = nil
			continue
		}
		if !tooLong {
			chunk = append(chunk, line...)
		}
	}
	if tooLong {
		y.n++
		return Row{N: y.n, Line: start, Err: rowErrorf("YAML: the row is longer than %d bytes", MaxRowBytes), Offset: y.offset()}, true, nil
	}
	src, offset := chunk, start-1
	aliases := bytes.IndexByte(chunk, '*') >= 0 && len(y.prelude) > 0
	if aliases {
		src = append(append(make([]byte, 0, len(y.prelude)+len(chunk)), y.prelude...), chunk...)
		offset -= y.preludeLines
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		y.n++
		return Row{N: y.n, Line: start, Err: rowErrorf("YAML: %s", yamlMessage(err, offset)), Offset: y.offset()}, true, nil
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) == 0 {
		return Row{}, false, nil
	}
	seq := doc.Content[0].Content
	row, ok := y.row(seq[len(seq)-1], offset, start)
	if ok && row.Err == nil && bytes.IndexByte(chunk, '&') >= 0 && len(y.prelude)+len(chunk) < maxPrelude {
		if !bytes.HasSuffix(chunk, []byte("\n")) {
			chunk = append(chunk, '\n')
		}
		y.prelude = append(y.prelude, chunk...)
		y.preludeLines += bytes.Count(chunk, []byte("\n"))
	}
	return row, ok, nil
}

// document reads a whole document that starts with first and queues
// its rows.
func (y *yamlReader) document(first []byte, start int) error {
	doc := first
	for {
		line, num, long, err := y.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &InputError{Line: y.lr.line + 1, Err: err}
		}
		if long {
			return &InputError{Line: num, Err: fmt.Errorf("YAML: line is longer than %d bytes", MaxRowBytes)}
		}
		if k := classify(line); k == lineDocStart || k == lineDocEnd {
			y.hold(line, num, long)
			break
		}
		if len(doc)+len(line) > maxYAMLDocument {
			return &InputError{Line: start, Err: fmt.Errorf("YAML: a document longer than %d MiB that is not a block list; write one \"- \" item per row to stream it", maxYAMLDocument>>20)}
		}
		doc = append(doc, line...)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(doc, &node); err != nil {
		return &InputError{Err: fmt.Errorf("YAML: %s", yamlMessage(err, start-1))}
	}
	if len(node.Content) == 0 {
		return nil
	}
	top := node.Content[0]
	y.docLine = start - 1
	switch top.Kind {
	case yaml.SequenceNode:
		y.docItems = top.Content
	case yaml.MappingNode:
		y.docItems = []*yaml.Node{top}
	default:
		if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
			return nil
		}
		return &InputError{Line: top.Line + start - 1, Err: errors.New("YAML: the input must be a list of rows (- patient: …)")}
	}
	return nil
}

// row turns a decoded item into a row; ok is false for an empty item.
// The row's line is start, or the item's own line when start is 0.
func (y *yamlReader) row(item *yaml.Node, offset, start int) (Row, bool) {
	for item.Kind == yaml.AliasNode && item.Alias != nil {
		item = item.Alias
	}
	if item.Kind == yaml.ScalarNode && item.Tag == "!!null" {
		return Row{}, false
	}
	y.n++
	if start == 0 {
		start = item.Line + offset
	}
	row := Row{N: y.n, Line: start, Offset: y.offset()}
	if item.Kind != yaml.MappingNode {
		row.Err = rowErrorf("YAML: a row must be a mapping (field: value)")
		return row, true
	}
	var m map[string]any
	if err := item.Decode(&m); err != nil {
		row.Err = rowErrorf("YAML: %s", yamlMessage(err, offset))
		return row, true
	}
	row.Values = make(map[string]any, len(m))
	for k, v := range m {
		row.Values[FieldName(k)] = v
	}
	return row, true
}

var (
	yamlLine   = regexp.MustCompile(`line (-?\d+)`)
	yamlPrefix = regexp.MustCompile(`^yaml: (unmarshal errors:\n\s*)?`)
)

// yamlMessage makes the line numbers in a YAML error count from the
// start of the input rather than of the piece decoded.
func yamlMessage(err error, offset int) string {
	msg := err.Error()
	msg = yamlLine.ReplaceAllStringFunc(msg, func(s string) string {
		n, _ := strconv.Atoi(s[len("line "):])
		if n+offset < 1 {
			return s
		}
		return "line " + strconv.Itoa(n+offset)
	})
	return yamlPrefix.ReplaceAllString(msg, "")
}
