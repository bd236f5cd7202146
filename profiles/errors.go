package profiles

import (
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a profile value.
type Problem struct {
	File  string // profile file the value came from, "" for other sources
	Line  int    // 1-based line in File, 0 when unknown
	Field string // snake_case field name, as in profile files
	Msg   string // what is wrong and what is allowed
}

// String formats p as `file:line: field: problem`, leaving out the parts
// that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errors is every problem found in a profile. Callers list them all, so a
// person can fix a file in one go.
type Errors []Problem

// Error lists each problem on its own line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// err returns e as an error, or nil when there are no problems.
func (e Errors) err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// sortByField orders problems without a line by field, in the order
// fields are declared, keeping the order of problems within a field.
func (e Errors) sortByField() {
	sort.SliceStable(e, func(i, j int) bool {
		return fieldIndex(e[i].Field) < fieldIndex(e[j].Field)
	})
}

// sortByLine orders problems read from a file by line.
func (e Errors) sortByLine() {
	sort.SliceStable(e, func(i, j int) bool {
		return e[i].Line < e[j].Line
	})
}
