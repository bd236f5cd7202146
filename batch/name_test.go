package batch

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitizeName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Ann Lee", "Ann_Lee"},
		{"traversal", "../../etc/passwd", "etc_passwd"},
		{"traversal inside", "a/../../b", "a_._._b"},
		{"absolute", "/abs/path", "abs_path"},
		{"windows absolute", `C:\Windows\system32`, "C_Windows_system32"},
		{"dots only", "..", ""},
		{"dot runs", "a...b....c", "a.b.c"},
		{"trailing dots and spaces", "name. . ", "name"},
		{"leading dash", "-rf", "rf"},
		{"reserved", "con", "_con"},
		{"reserved upper", "NUL", "_NUL"},
		{"reserved with extension", "aux.txt", "_aux.txt"},
		{"reserved com", "com1", "_com1"},
		{"reserved lpt superscript", "lpt¹", "_lpt¹"},
		{"not reserved", "console", "console"},
		{"not reserved com10", "com10", "com10"},
		{"newlines", "Ann\nLee\r\n", "Ann_Lee"},
		{"tab and nul", "a\tb\x00c", "a_bc"},
		{"escape", "\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"rtl override", "invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"bidi isolates", "\u2066a\u2069\u2067b\u2068c", "abc"},
		{"lrm rlm", "\u200Ea\u200Fb", "ab"},
		{"zero width", "a\u200Bb\uFEFF", "ab"},
		{"windows forbidden", `a<b>c:d"e|f?g*h`, "a_b_c_d_e_f_g_h"},
		{"underscore runs", "a __ b", "a_b"},
		{"utf8 names", "Zoë Łukasiewicz", "Zoë_Łukasiewicz"},
		{"nfc", "Jose\u0301", "José"},
		{"invalid utf8", "a\xffb", "a_b"},
		{"empty", "", ""},
		{"only junk", "\u202E/\n.", ""},
		{"line separator", "a\u2028b", "a_b"},
		{"private use", "a\uE000b", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeName(tt.in, MaxNameBytes)
			if got != tt.want {
				t.Errorf("SanitizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkSafeName(t, got, MaxNameBytes)
		})
	}
}

func TestSanitizeNameLength(t *testing.T) {
	long := strings.Repeat("é", 500) // 2 bytes each
	got := SanitizeName(long, 101)
	if len(got) > 101 || !utf8.ValidString(got) {
		t.Fatalf("len %d, valid %v", len(got), utf8.ValidString(got))
	}
	if got != strings.Repeat("é", 50) {
		t.Errorf("cut %q, want 50 é", got)
	}
	// A cut must not leave a combining mark without its letter, nor a
	// trailing dot.
	decomposed := strings.Repeat("e\u0301x", 3) // NFC composes e+◌́ into é
	if got := SanitizeName(decomposed, 4); got != "éx" {
		t.Errorf("SanitizeName(%q, 4) = %q, want %q", decomposed, got, "éx")
	}
	if got := SanitizeName("abc.def", 4); got != "abc" {
		t.Errorf("cut before a dot = %q, want abc", got)
	}
}

// checkSafeName asserts everything SanitizeName promises.
func checkSafeName(t *testing.T, s string, maxBytes int) {
	t.Helper()
	if len(s) > maxBytes {
		t.Errorf("%q is %d bytes, more than %d", s, len(s), maxBytes)
	}
	if !utf8.ValidString(s) {
		t.Errorf("%q is not valid UTF-8", s)
	}
	if strings.ContainsAny(s, `/\<>:"|?*`) {
		t.Errorf("%q has a forbidden character", s)
	}
	if strings.Contains(s, "..") {
		t.Errorf("%q has ..", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) {
			t.Errorf("%q has %U", s, r)
		}
	}
	if s == "" {
		return
	}
	if strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.HasPrefix(s, "-") || strings.HasSuffix(s, " ") {
		t.Errorf("%q starts or ends badly", s)
	}
	if isReserved(s) {
		t.Errorf("%q is a reserved device name", s)
	}
	if !filepath.IsLocal(s) {
		t.Errorf("%q is not a local path", s)
	}
}

func TestTemplate(t *testing.T) {
	f := NameFields{Row: 7, Patient: "../Ann Lee", Clinician: "Dr. Who", Clinic: "Back/Care", Minutes: "10"}
	tests := []struct{ tmpl, want string }{
		{DefaultTemplate, "7-Ann_Lee"},
		{"{clinic}/{patient}", "Back_Care/Ann_Lee"},
		{"{minutes}min {{x}}", "10min {x}"},
		{"{clinician}", "Dr._Who"},
	}
	for _, tt := range tests {
		tm, err := ParseTemplate(tt.tmpl)
		if err != nil {
			t.Fatalf("ParseTemplate(%q): %v", tt.tmpl, err)
		}
		if got := tm.Expand(f); got != tt.want {
			t.Errorf("Expand(%q) = %q, want %q", tt.tmpl, got, tt.want)
		}
	}
	for _, bad := range []string{"", "{nope}", "{row", "a}b", "{Patient}"} {
		if _, err := ParseTemplate(bad); err == nil {
			t.Errorf("ParseTemplate(%q) succeeded", bad)
		} else if !strings.HasPrefix(err.Error(), "batch: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

func TestNamer(t *testing.T) {
	dir := t.TempDir()
	tm, _ := ParseTemplate("{patient}")
	n := NewNamer(dir, tm, "pdf")
	tests := []struct {
		patient string
		want    string
	}{
		{"Ann Lee", "Ann_Lee.pdf"},
		{"Ann Lee", "Ann_Lee-2.pdf"},
		{"ann lee", "ann_lee-3.pdf"}, // case-insensitive file systems
		{"Ann_Lee-2", "Ann_Lee-2-2.pdf"},
		{"../../etc/passwd", "etc_passwd.pdf"},
		{"/abs/path", "abs_path.pdf"},
		{"con", "_con.pdf"},
		{"CON", "_CON-2.pdf"},
		{"", "row-9.pdf"},
		{"\u202E\u2066", "row-10.pdf"},
		{"Zoë", "Zoë.pdf"},
		{"ZOË", "ZOË-2.pdf"},
		{"Line\nBreak", "Line_Break.pdf"},
	}
	for i, tt := range tests {
		got, err := n.Name(NameFields{Row: i + 1, Patient: tt.patient})
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("row %d %q: got %q, want %q", i+1, tt.patient, got, tt.want)
		}
		checkSafeName(t, got, MaxNameBytes)
	}
}

func TestNamerLongNames(t *testing.T) {
	tm, _ := ParseTemplate("{patient}")
	n := NewNamer(t.TempDir(), tm, "md")
	long := strings.Repeat("ß", 500)
	first, _ := n.Name(NameFields{Row: 1, Patient: long})
	second, _ := n.Name(NameFields{Row: 2, Patient: long})
	for _, name := range []string{first, second} {
		checkSafeName(t, name, MaxNameBytes)
		if !strings.HasSuffix(name, ".md") {
			t.Errorf("%q lost its extension", name)
		}
	}
	if first == second || !strings.HasSuffix(second, "-2.md") {
		t.Errorf("duplicate long names: %q, %q", first, second)
	}
}

func TestInside(t *testing.T) {
	for _, bad := range []string{"", "..", "../x", "a/b", `a\b`, "/etc"} {
		if inside("out", bad) == nil {
			t.Errorf("inside(out, %q) accepted", bad)
		}
	}
	if err := inside("out", "a.pdf"); err != nil {
		t.Error(err)
	}
}
