package batch

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameBytes is the longest file name a batch writes, extension and
// uniqueness suffix included. File systems allow 255 bytes; the margin
// leaves room for tools that append their own suffixes.
const MaxNameBytes = 200

// DefaultTemplate names a row's file by its row number and patient.
const DefaultTemplate = "{row}-{patient}"

// Placeholders lists the names a --name template may use.
var Placeholders = []string{"row", "patient", "clinician", "clinic", "minutes"}

// NameFields are the values a template's placeholders stand for.
type NameFields struct {
	Row       int
	Patient   string
	Clinician string
	Clinic    string
	Minutes   string
}

func (f NameFields) value(placeholder string) string {
	switch placeholder {
	case "row":
		return strconv.Itoa(f.Row)
	case "patient":
		return f.Patient
	case "clinician":
		return f.Clinician
	case "clinic":
		return f.Clinic
	case "minutes":
		return f.Minutes
	}
	panic("batch: unknown placeholder " + placeholder)
}

// Template is a parsed --name template: literal text and placeholders.
type Template struct {
	parts []templatePart
}

type templatePart struct {
	text        string
	placeholder bool
}

// ParseTemplate parses a --name template. Placeholders are written
// {row}, {patient}, {clinician}, {clinic} and {minutes}; "{{" and "}}"
// stand for literal braces.
func ParseTemplate(s string) (*Template, error) {
	t := &Template{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, templatePart{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("batch: name template %q: unclosed {", s)
			}
			name := s[i+1 : i+end]
			if !isPlaceholder(name) {
				return nil, fmt.Errorf("batch: name template %q: unknown placeholder {%s} (allowed: %s)", s, name, placeholderList())
			}
			flush()
			t.parts = append(t.parts, templatePart{text: name, placeholder: true})
			i += end
		case c == '}':
			return nil, fmt.Errorf("batch: name template %q: } without {; write }} for a literal brace", s)
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	if len(t.parts) == 0 {
		return nil, errors.New("batch: name template is empty")
	}
	return t, nil
}

func isPlaceholder(name string) bool {
	for _, p := range Placeholders {
		if p == name {
			return true
		}
	}
	return false
}

func placeholderList() string {
	l := make([]string, len(Placeholders))
	for i, p := range Placeholders {
		l[i] = "{" + p + "}"
	}
	return strings.Join(l, ", ")
}

// Expand fills in the placeholders. Each value is sanitized on its own
// first, so a patient called "../../etc/passwd" contributes "etc_passwd"
// and cannot combine with the literal text into something unsafe; the
// caller sanitizes the whole result again.
func (t *Template) Expand(f NameFields) string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.placeholder {
			b.WriteString(sanitize(f.value(p.text), MaxNameBytes, false))
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// SanitizeName turns s into a safe file name stem of at most maxBytes
// bytes, or "" when nothing usable is left. The result
//   - is valid UTF-8 in Unicode normalization form C;
//   - has no path separators, no characters Windows forbids (<>:"|?*),
//     no control or format characters (so no newlines and no bidi marks
//     that would make a name display differently from what it is);
//   - has runs of white space and underscores turned into one "_" and runs
//     of dots into one "." (so never ".."), and no leading or trailing
//     dots, underscores, spaces or "-" (a leading "-" would make a shell
//     command take the name for an option);
//   - is not a name Windows reserves for devices (con, nul, com1, …):
//     those get a leading "_".
//
// SanitizeName is idempotent.
func SanitizeName(s string, maxBytes int) string {
	return sanitize(s, maxBytes, true)
}

// sanitize is SanitizeName; a placeholder's value is only part of a
// name, so the device-name rule is left to the whole.
func sanitize(s string, maxBytes int, whole bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "_") {
		switch {
		case r == '/' || r == '\\' || strings.ContainsRune(`<>:"|?*`, r):
			r = '_'
		case unicode.IsSpace(r):
			r = '_'
		case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S):
			// Control (Cc), format (Cf: bidi marks, zero-width
			// characters), private use, surrogates and unassigned code
			// points carry nothing a reader can see.
			continue
		}
		b.WriteRune(r)
	}
	// Composing after filtering: a removed format character may have
	// kept a letter and its accent apart.
	composed := norm.NFC.String(b.String())
	b.Reset()
	var last rune
	for _, r := range composed {
		if (r == '_' || r == '.') && r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	out := truncateBytes(trimName(b.String()), maxBytes)
	if whole && isReserved(out) {
		out = truncateBytes("_"+out, maxBytes)
	}
	return out
}

// trimName removes what must not start or end a name. The dot and
// underscore runs are already collapsed, so trimming cannot create "..".
func trimName(s string) string {
	return strings.Trim(s, trimmed)
}

// trimmed are the characters a name does not start or end with. A
// trailing "-" is the dangling separator of a template such as
// {row}-{patient} with no patient.
const trimmed = "._ -"

// truncateBytes cuts s to at most n bytes on a rune boundary and trims
// again what the cut may have exposed.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	// A combining mark left at the end would decorate nothing; drop
	// whole trailing marks so the cut ends on a base character.
	out := s[:cut]
	for len(out) > 0 {
		r, size := utf8.DecodeLastRuneInString(out)
		if !unicode.Is(unicode.M, r) {
			break
		}
		out = out[:len(out)-size]
	}
	return strings.TrimRight(out, trimmed)
}

// reservedNames are device names Windows reserves whatever the
// extension: "con.pdf" cannot be created there.
var reservedNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"conin$": true, "conout$": true, "clock$": true,
}

func isReserved(s string) bool {
	stem, _, _ := strings.Cut(s, ".")
	stem = strings.ToLower(strings.TrimRight(stem, " "))
	if reservedNames[stem] {
		return true
	}
	if len(stem) >= 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) {
		switch stem[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

// Namer gives each row of a batch its file name: the expanded template,
// sanitized, with an extension, unique within the run. Uniqueness
// ignores case (and Unicode case folding), because the output folder
// may be on a case-insensitive file system where "Ann Lee" and "ann lee"
// are the same file. Names depend only on the rows in input order, so a
// rerun with --resume finds the same names.
type Namer struct {
	dir  string
	tmpl *Template
	ext  string
	used map[string]struct{}
}

// NewNamer names files in dir from tmpl, with extension ext ("pdf").
func NewNamer(dir string, tmpl *Template, ext string) *Namer {
	return &Namer{dir: dir, tmpl: tmpl, ext: ext, used: make(map[string]struct{})}
}

// Name returns the file name (not the path) for a row and reserves it.
// A name that would be empty becomes "row-N"; a name already given in
// this run gets "-2", "-3", … The error is for a name that would not
// resolve inside the output folder, which sanitizing rules out; it is
// checked all the same because a mistake here would write elsewhere.
func (n *Namer) Name(f NameFields) (string, error) {
	suffix := "." + n.ext
	room := MaxNameBytes - len(suffix)
	stem := SanitizeName(n.tmpl.Expand(f), room)
	if stem == "" {
		stem = "row-" + strconv.Itoa(f.Row)
	}
	name := stem + suffix
	for i := 2; ; i++ {
		key := foldKey(name)
		if _, taken := n.used[key]; !taken {
			n.used[key] = struct{}{}
			break
		}
		dup := "-" + strconv.Itoa(i)
		name = truncateBytes(stem, room-len(dup)) + dup + suffix
	}
	if err := inside(n.dir, name); err != nil {
		return "", err
	}
	return name, nil
}

// inside checks that name is a single path element that lands in dir.
func inside(dir, name string) error {
	if name == "" || strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return fmt.Errorf("batch: file name %q would not stay inside %s", name, dir)
	}
	p := filepath.Join(dir, name)
	if filepath.Dir(p) != filepath.Clean(dir) {
		return fmt.Errorf("batch: file name %q would not stay inside %s", name, dir)
	}
	return nil
}

// foldKey maps s to a key equal for names that differ only in case: each
// rune becomes the smallest rune of its case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		b.WriteRune(min)
	}
	return b.String()
}
