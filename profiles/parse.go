package profiles

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse reads a profile file, YAML or JSON (read as YAML, of which it is
// a subset), and returns its values for Apply. Each value is checked on
// its own against k as it is read, so that every problem carries the
// file name and its line: unknown keys, values of the wrong type or out
// of range, unknown names and ids, repeated keys, and fields of the file
// that contradict each other. Empty values (`patient:`) mean "not given"
// and are left out.
//
// The values returned are of the Go types of the Profile fields (int,
// int64, bool, string, []string, map[string]float64). The error is of
// type Errors, ordered by line.
func Parse(name string, data []byte, k Known) (map[string]any, error) {
	return ParseAllowing(name, data, k)
}

// ParseAllowing is Parse for files that hold other settings besides
// profile fields, such as a config file: the keys listed in other are
// allowed and left out of the result.
func ParseAllowing(name string, data []byte, k Known, other ...string) (map[string]any, error) {
	r := fileReader{name: name, known: k, other: other, values: map[string]any{}, lines: map[string]int{}}
	r.read(data)
	if len(r.probs) > 0 {
		r.probs.sortByLine()
		return nil, r.probs
	}
	return r.values, nil
}

// fileReader collects the values and the problems of one file.
type fileReader struct {
	name   string
	known  Known
	other  []string
	values map[string]any
	lines  map[string]int // line of each key read
	probs  Errors
}

func (r *fileReader) problem(line int, field, format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.name, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (r *fileReader) read(data []byte) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err != io.EOF {
			r.syntax(err)
		}
		return
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		r.problem(documentLine(&next), "", "a profile file holds one document; this is a second one")
	case err != io.EOF:
		r.syntax(err)
	}
	root := deref(&doc)
	if root == nil {
		r.problem(doc.Line, "", "alias nested too deeply")
		return
	}
	if isNull(root) {
		return
	}
	if root.Kind != yaml.MappingNode {
		r.problem(root.Line, "", "expected a mapping of field: value, not %s", shape(root))
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		r.field(root.Content[i], root.Content[i+1])
	}
	r.crossCheck()
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of the YAML parser proper (as opposed
// to its scanner). For these the yaml package reports the 0-based line
// where the unfinished construct began, so one is added to get the line
// a person counts.
var parserProblems = []string{
	"did not find expected node content",
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected <document start>",
}

// syntax reports a YAML syntax error at its line. The yaml package
// leaves the line out only when the problem is on the first line.
func (r *fileReader) syntax(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if slices.Contains(parserProblems, msg) {
			line++
		}
	}
	r.problem(line, "", "not valid YAML or JSON: %s", msg)
}

func (r *fileReader) field(keyNode, valNode *yaml.Node) {
	key := deref(keyNode)
	if key == nil || key.Kind != yaml.ScalarNode {
		r.problem(keyNode.Line, "", "a field name must be a plain word, not %s", shape(key))
		return
	}
	name := key.Value
	if name == "<<" {
		r.problem(key.Line, "", "merge keys (<<) are not supported in profile files")
		return
	}
	if first, seen := r.lines[name]; seen {
		r.problem(key.Line, name, "repeated; first given on line %d", first)
		return
	}
	r.lines[name] = key.Line
	if slices.Contains(r.other, name) {
		return
	}
	f, ok := Lookup(name)
	if !ok {
		r.problem(key.Line, name, "%s", unknownFieldMsg(name, r.other...))
		return
	}
	val := deref(valNode)
	switch {
	case val == nil:
		r.problem(valNode.Line, name, "alias nested too deeply")
	case isNull(val):
		// Not given: a template's blank to fill in.
	case f.Kind == KindList:
		r.list(f, val)
	case f.Kind == KindWeights:
		r.weights(f, val)
	case val.Kind != yaml.ScalarNode:
		r.problem(val.Line, name, "expected %s, not %s", expected(f), shape(val))
	default:
		r.scalar(f, val)
	}
}

// scalar reads a single value. Text and names are taken as written
// (`notes: yes` is the text "yes"); numbers and booleans as YAML reads
// them.
func (r *fileReader) scalar(f Field, val *yaml.Node) {
	var v any = val.Value
	if f.Kind == KindInt || f.Kind == KindBool {
		if err := val.Decode(&v); err != nil {
			r.problem(val.Line, f.Name, "%s", err)
			return
		}
	}
	if f.Name == "preset" {
		if _, msg := presetValues(v); msg != "" {
			r.problem(val.Line, f.Name, "%s", msg)
			return
		}
		r.values[f.Name] = strings.ToLower(strings.TrimSpace(val.Value))
		return
	}
	if got, ok := r.check(f, v, val.Line); ok {
		r.values[f.Name] = got
	}
}

// list reads a list of names: a YAML list, each item checked at its own
// line, or one string of names separated by commas.
func (r *fileReader) list(f Field, val *yaml.Node) {
	switch val.Kind {
	case yaml.ScalarNode:
		if got, ok := r.check(f, val.Value, val.Line); ok {
			r.values[f.Name] = got
		}
	case yaml.SequenceNode:
		items := []string{}
		good := true
		for _, itemNode := range val.Content {
			item := deref(itemNode)
			switch {
			case item == nil:
				r.problem(itemNode.Line, f.Name, "alias nested too deeply")
				good = false
			case isNull(item):
			case item.Kind != yaml.ScalarNode:
				r.problem(item.Line, f.Name, "expected a name, not %s", shape(item))
				good = false
			default:
				got, ok := r.check(f, item.Value, item.Line)
				if !ok {
					good = false
					continue
				}
				for _, s := range got.([]string) {
					if !slices.Contains(items, s) {
						items = append(items, s)
					}
				}
			}
		}
		if good {
			r.values[f.Name] = items
		}
	default:
		r.problem(val.Line, f.Name, "expected %s, not %s", expected(f), shape(val))
	}
}

// weights reads muscle-group weights: a mapping, each pair checked at
// its own line, or one string of GROUP=WEIGHT pairs.
func (r *fileReader) weights(f Field, val *yaml.Node) {
	switch val.Kind {
	case yaml.ScalarNode:
		if got, ok := r.check(f, val.Value, val.Line); ok {
			r.values[f.Name] = got
		}
	case yaml.MappingNode:
		weights := map[string]float64{}
		good := true
		seen := map[string]int{}
		for i := 0; i+1 < len(val.Content); i += 2 {
			key, w := deref(val.Content[i]), deref(val.Content[i+1])
			line := val.Content[i].Line
			switch {
			case key == nil || w == nil:
				r.problem(line, f.Name, "alias nested too deeply")
				good = false
				continue
			case key.Kind != yaml.ScalarNode || w.Kind != yaml.ScalarNode:
				r.problem(line, f.Name, "expected GROUP: WEIGHT, not %s: %s", shape(key), shape(w))
				good = false
				continue
			}
			if first, dup := seen[key.Value]; dup {
				r.problem(line, f.Name, "%s repeated; first given on line %d", key.Value, first)
				good = false
				continue
			}
			seen[key.Value] = line
			var x any
			if err := w.Decode(&x); err != nil {
				r.problem(w.Line, f.Name, "%s", err)
				good = false
				continue
			}
			got, ok := r.check(f, map[string]any{key.Value: x}, line)
			if !ok {
				good = false
				continue
			}
			for g, x := range got.(map[string]float64) {
				weights[g] = x
			}
		}
		if good {
			r.values[f.Name] = weights
		}
	default:
		r.problem(val.Line, f.Name, "expected %s, not %s", expected(f), shape(val))
	}
}

// check assigns v to field f of the default profile and validates that
// field alone, so every problem found is v's own. It returns the value
// as stored in the profile.
func (r *fileReader) check(f Field, v any, line int) (any, bool) {
	p := Default()
	if msg := f.assign(&p, v); msg != "" {
		r.problem(line, f.Name, "%s", msg)
		return nil, false
	}
	probs := f.check(&p, r.known)
	for _, prob := range probs {
		r.problem(line, prob.Field, "%s", prob.Msg)
	}
	return f.value(&p), len(probs) == 0
}

// crossCheck finds fields of the file that contradict each other and
// reports them at the line of the field named in the problem.
func (r *fileReader) crossCheck() {
	base := Default()
	if name, ok := r.values["preset"]; ok {
		preset, _ := presetValues(name)
		base = applyValid(base, preset)
	}
	p := applyValid(base, r.values)
	for _, prob := range crossCheck(p) {
		line, ok := r.lines[prob.Field]
		if !ok {
			// The contradicting value is the preset's.
			line = r.lines["preset"]
		}
		r.problem(line, prob.Field, "%s", prob.Msg)
	}
}

// value returns a copy of the field's value in p.
func (f Field) value(p *Profile) any {
	switch r := f.ref(p).(type) {
	case *int:
		return *r
	case *int64:
		return *r
	case *bool:
		return *r
	case *string:
		return *r
	case *[]string:
		return append([]string{}, *r...)
	case *map[string]float64:
		m := make(map[string]float64, len(*r))
		for k, v := range *r {
			m[k] = v
		}
		return m
	}
	return nil
}

// maxAliasDepth bounds alias chains, which a hostile file could make long.
const maxAliasDepth = 32

// deref follows documents and aliases to the node they stand for; nil
// when the chain is too long.
func deref(n *yaml.Node) *yaml.Node {
	for range maxAliasDepth {
		switch {
		case n == nil:
			return nil
		case n.Kind == yaml.DocumentNode:
			if len(n.Content) == 0 {
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line}
			}
			n = n.Content[0]
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func documentLine(n *yaml.Node) int {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0].Line
	}
	return n.Line
}

// shape names the kind of a node for messages.
func shape(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.ScalarNode:
		return quote(n.Value)
	}
	return "a document"
}

// expected says what a field takes, for messages.
func expected(f Field) string {
	switch f.Kind {
	case KindInt:
		return "a whole number"
	case KindBool:
		return "true or false"
	case KindEnum:
		return "one of " + strings.Join(f.Allowed, ", ")
	case KindList:
		return "a list of names"
	case KindWeights:
		return "GROUP: WEIGHT pairs"
	}
	return "text"
}
