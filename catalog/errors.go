package catalog

import (
	"strconv"
	"strings"
)

// Problem is one thing wrong in a catalog file.
type Problem struct {
	File    string   // file name as given, or catalog/data/… for embedded files
	Line    int      // 1-based; 0 when the problem is about the whole file
	Field   string   // path of the field, as variants[cat-cow-chair].dosage.reps
	Msg     string   // what is wrong
	Allowed []string // the values or keys that would be accepted, if a closed set
}

// String formats p as file:line: field: problem (allowed: a, b).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if len(p.Allowed) > 0 {
		b.WriteString(" (allowed: ")
		b.WriteString(strings.Join(p.Allowed, ", "))
		b.WriteByte(')')
	}
	return b.String()
}

// Errors is every problem found while loading catalogs, in file order
// and then line order.
type Errors []Problem

// Error lists each problem on its own line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
