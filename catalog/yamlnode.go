package catalog

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder turns the YAML node tree of one file into catalog values,
// recording a Problem with the line for everything wrong instead of
// stopping at the first. The node API is used rather than yaml.Unmarshal
// because every problem needs its line, unknown keys must be reported
// with the keys that are allowed, and all problems are wanted at once.
type decoder struct {
	file  string
	probs []Problem

	// Aliases let a small document expand into a huge tree ("billion
	// laughs"). Every alias charges the size of the tree it stands for
	// against budget; once spent, the file is rejected.
	budget  int
	sizes   map[*yaml.Node]int
	blownUp bool
}

// aliasFactor bounds how many times larger than the document itself the
// tree seen through aliases may be.
const aliasFactor = 20

func newDecoder(file string, root *yaml.Node) *decoder {
	d := &decoder{file: file, sizes: map[*yaml.Node]int{}}
	d.budget = max(10000, aliasFactor*countNodes(root))
	return d
}

// countNodes counts the nodes written in the document, not following
// aliases.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

func (d *decoder) addf(line int, field string, allowed []string, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...), Allowed: allowed})
}

// size counts the nodes of the tree under n, following aliases.
func (d *decoder) size(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	if s, ok := d.sizes[n]; ok {
		return s
	}
	d.sizes[n] = 1 // an alias cycle, impossible in parsed YAML, counts once
	s := 1
	if n.Kind == yaml.AliasNode {
		s += d.size(n.Alias)
	}
	for _, c := range n.Content {
		s += d.size(c)
		if s > math.MaxInt32 {
			break
		}
	}
	d.sizes[n] = s
	return s
}

// resolve follows aliases and charges them against the budget. It
// returns nil once the budget is spent, which callers treat as absent.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if d.blownUp {
			return nil
		}
		d.budget -= d.size(n.Alias)
		if d.budget < 0 {
			d.blownUp = true
			d.addf(n.Line, "", nil, "aliases expand to too large a document")
			return nil
		}
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		return d.resolve(n.Content[0])
	}
	return n
}

// isNull reports whether n is an explicit or implicit YAML null.
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// kindName says what a node is, for "must be a mapping, not a list".
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!str":
			return "text " + strconv.Quote(short(n.Value))
		}
		return n.Value
	}
	return "something else"
}

// short trims long values quoted in messages.
func short(s string) string {
	const limit = 40
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}

// mapping is a YAML mapping with its merge keys applied and its keys
// checked against the allowed set. Its methods read one field each and
// record a problem when the field is missing or wrong. A nil *mapping
// (the node was not a mapping, already reported) reads as empty and
// reports nothing more.
type mapping struct {
	d     *decoder
	path  string // field path of the mapping itself
	line  int
	vals  map[string]*yaml.Node
	keys  map[string]int // line of each key
	order []string
	// Problems with keys wait to be recorded until the path is final
	// (see decoder.entry), so they name the entry by id like the others.
	pending []pendingKey
	allowed []string
}

type pendingKey struct {
	name string
	line int
	// first is the line of the earlier occurrence of a repeated key, or 0
	// for a key that is not allowed.
	first int
}

// flush records the problems with keys.
func (m *mapping) flush() {
	if m == nil {
		return
	}
	for _, k := range m.pending {
		if k.first > 0 {
			m.d.addf(k.line, join(m.path, k.name), nil, "key repeated (first at line %d)", k.first)
		} else {
			m.d.addf(k.line, join(m.path, k.name), m.allowed, "unknown key")
		}
	}
	m.pending = nil
}

// mapping reads n as a mapping whose keys must be among allowed.
func (d *decoder) mapping(n *yaml.Node, path string, line int, allowed []string) *mapping {
	m := d.pendingMapping(n, path, line, allowed)
	m.flush()
	return m
}

// pendingMapping is mapping without reporting unknown keys yet.
func (d *decoder) pendingMapping(n *yaml.Node, path string, line int, allowed []string) *mapping {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil {
			d.addf(n.Line, path, nil, "must be a mapping, not %s", kindName(n))
		} else if !d.blownUp {
			d.addf(line, path, nil, "must be a mapping, not empty")
		}
		return nil
	}
	m := &mapping{d: d, path: path, line: n.Line, vals: map[string]*yaml.Node{}, keys: map[string]int{}, allowed: allowed}
	d.collect(m, n, allowed, false)
	return m
}

// collect adds the pairs of mapping node n to m. Explicit keys win over
// merged ones, and among merged mappings the first listed wins, as the
// YAML merge-key specification says; so explicit keys are read first and
// a merged key never replaces one already set.
func (d *decoder) collect(m *mapping, n *yaml.Node, allowed []string, merging bool) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		k = d.resolve(k)
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.addf(k.Line, m.path, nil, "keys must be plain words, not %s", kindName(k))
			continue
		}
		name := k.Value
		if first, seen := m.keys[name]; seen {
			if !merging {
				m.pending = append(m.pending, pendingKey{name, k.Line, first})
			}
			continue
		}
		if allowed != nil && !contains(allowed, name) {
			m.pending = append(m.pending, pendingKey{name, k.Line, 0})
			continue
		}
		m.order = append(m.order, name)
		m.vals[name] = v
		m.keys[name] = k.Line
	}
	for _, v := range merges {
		v = d.resolve(v)
		if v == nil {
			continue
		}
		switch v.Kind {
		case yaml.MappingNode:
			d.collect(m, v, allowed, true)
		case yaml.SequenceNode:
			for _, item := range v.Content {
				item = d.resolve(item)
				if item == nil {
					continue
				}
				if item.Kind != yaml.MappingNode {
					d.addf(item.Line, m.path, nil, "<< must merge mappings, not %s", kindName(item))
					continue
				}
				d.collect(m, item, allowed, true)
			}
		default:
			d.addf(v.Line, m.path, nil, "<< must merge a mapping, not %s", kindName(v))
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// node returns the resolved value of key, or nil when it is absent or
// null; a required key that is absent is reported.
func (m *mapping) node(key string, required bool) *yaml.Node {
	if m == nil {
		return nil
	}
	v, ok := m.vals[key]
	if ok {
		v = m.d.resolve(v)
	}
	if isNull(v) {
		if required && !m.d.blownUp {
			line := m.line
			if l, ok := m.keys[key]; ok {
				line = l
			}
			m.d.addf(line, join(m.path, key), nil, "required but missing")
		}
		return nil
	}
	return v
}

// has reports whether key is present and not null.
func (m *mapping) has(key string) bool {
	if m == nil {
		return false
	}
	v, ok := m.vals[key]
	return ok && !isNull(v)
}

// lineOf is the line of key, or of the mapping when key is absent.
func (m *mapping) lineOf(key string) int {
	if m == nil {
		return 0
	}
	if l, ok := m.keys[key]; ok {
		return l
	}
	return m.line
}

// scalar returns the scalar node of key or reports what it is instead.
func (m *mapping) scalar(key string, required bool, want string) *yaml.Node {
	v := m.node(key, required)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		m.d.addf(v.Line, join(m.path, key), nil, "must be %s, not %s", want, kindName(v))
		return nil
	}
	return v
}

// text reads a string field. Required text must not be blank.
func (m *mapping) text(key string, required bool) string {
	v := m.scalar(key, required, "text")
	if v == nil {
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		m.d.addf(v.Line, join(m.path, key), nil, "must not be blank")
	}
	return s
}

// integer reads a whole number in [lo, hi].
func (m *mapping) integer(key string, required bool, lo, hi int) int {
	v := m.scalar(key, required, "a whole number")
	if v == nil {
		return 0
	}
	var n int
	if v.Tag != "!!int" || v.Decode(&n) != nil {
		m.d.addf(v.Line, join(m.path, key), nil, "must be a whole number, not %s", kindName(v))
		return 0
	}
	if n < lo || n > hi {
		m.d.addf(v.Line, join(m.path, key), nil, "%d is out of range %s", n, rangeText(lo, hi))
		return clamp(n, lo, hi)
	}
	return n
}

func rangeText[T int | float64](lo, hi T) string {
	if hi >= T(math.MaxInt32) {
		return fmt.Sprintf("(at least %v)", lo)
	}
	return fmt.Sprintf("%v to %v", lo, hi)
}

func clamp[T int | float64](n, lo, hi T) T {
	return min(max(n, lo), hi)
}

// number reads a number in [lo, hi].
func (m *mapping) number(key string, required bool, lo, hi float64) float64 {
	v := m.scalar(key, required, "a number")
	if v == nil {
		return 0
	}
	var f float64
	if (v.Tag != "!!int" && v.Tag != "!!float") || v.Decode(&f) != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		m.d.addf(v.Line, join(m.path, key), nil, "must be a number, not %s", kindName(v))
		return 0
	}
	if f < lo || f > hi {
		m.d.addf(v.Line, join(m.path, key), nil, "%s is out of range %s", strconv.FormatFloat(f, 'g', -1, 64), rangeText(lo, hi))
		return clamp(f, lo, hi)
	}
	return f
}

// boolean reads true or false; absent is false.
func (m *mapping) boolean(key string) bool {
	v := m.scalar(key, false, "true or false")
	if v == nil {
		return false
	}
	var b bool
	if v.Tag != "!!bool" || v.Decode(&b) != nil {
		m.d.addf(v.Line, join(m.path, key), []string{"true", "false"}, "must be true or false, not %s", kindName(v))
		return false
	}
	return b
}

// enum reads one of allowed.
func enum[T ~string](m *mapping, key string, required bool, allowed []T) T {
	v := m.scalar(key, required, "one word")
	if v == nil {
		return ""
	}
	return enumValue(m.d, v, join(m.path, key), allowed)
}

func enumValue[T ~string](d *decoder, v *yaml.Node, field string, allowed []T) T {
	s := T(v.Value)
	if !contains(allowed, s) {
		d.addf(v.Line, field, names(allowed), "%q is not allowed", short(v.Value))
		return ""
	}
	return s
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

// list returns the resolved items of a sequence field.
func (m *mapping) list(key string, required bool) []*yaml.Node {
	v := m.node(key, required)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.d.addf(v.Line, join(m.path, key), nil, "must be a list, not %s", kindName(v))
		return nil
	}
	items := make([]*yaml.Node, 0, len(v.Content))
	for _, it := range v.Content {
		if r := m.d.resolve(it); r != nil {
			items = append(items, r)
		} else if m.d.blownUp {
			return nil
		}
	}
	if required && len(items) == 0 {
		m.d.addf(v.Line, join(m.path, key), nil, "must list at least one item")
	}
	return items
}

// texts reads a list of non-blank strings. It is never nil, so JSON
// shows [] rather than null.
func (m *mapping) texts(key string, required bool) []string {
	out := []string{}
	for i, it := range m.list(key, required) {
		field := fmt.Sprintf("%s[%d]", join(m.path, key), i+1)
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
			m.d.addf(it.Line, field, nil, "must be text, not %s", kindName(it))
			continue
		}
		s := strings.TrimSpace(it.Value)
		if s == "" {
			m.d.addf(it.Line, field, nil, "must not be blank")
			continue
		}
		out = append(out, s)
	}
	return out
}

// enums reads a list of distinct values from allowed. It is never nil.
func enums[T ~string](m *mapping, key string, allowed []T) []T {
	out := []T{}
	for i, it := range m.list(key, false) {
		field := fmt.Sprintf("%s[%d]", join(m.path, key), i+1)
		if it.Kind != yaml.ScalarNode {
			m.d.addf(it.Line, field, names(allowed), "must be one word, not %s", kindName(it))
			continue
		}
		v := enumValue(m.d, it, field, allowed)
		if v == "" {
			continue
		}
		if contains(out, v) {
			m.d.addf(it.Line, field, nil, "%q is listed twice", string(v))
			continue
		}
		out = append(out, v)
	}
	return out
}
