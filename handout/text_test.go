package handout

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// wrapWords is wrapText's specification, written the plain way: split
// into words, then fill lines greedily.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur []string
	n := 0
	for _, word := range strings.Fields(s) {
		wl := utf8.RuneCountInString(word)
		if n > 0 && n+1+wl > width {
			lines = append(lines, strings.Join(cur, " "))
			cur, n = cur[:0], 0
		}
		if n > 0 {
			n++
		}
		cur = append(cur, word)
		n += wl
	}
	if n > 0 || len(lines) == 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

func checkWrap(t *testing.T, s string, width int) {
	t.Helper()
	got, want := wrapText(s, width), wrapWords(s, width)
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
		t.Fatalf("wrapText(%q, %d) = %q, want %q", s, width, got, want)
	}
}

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"   ", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"one  two\tthree", 20, []string{"one two three"}},
		{"  lead and trail  ", 8, []string{"lead and", "trail"}},
		{"a verylongwordindeed b", 5, []string{"a", "verylongwordindeed", "b"}},
		{"Zoë Łukasiewicz ćwiczy", 15, []string{"Zoë Łukasiewicz", "ćwiczy"}},
		{"non\u00a0breaking space", 9, []string{"non", "breaking", "space"}},
	} {
		got := wrapText(tc.s, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
		checkWrap(t, tc.s, tc.width)
	}
}

// TestWrapTextRandom compares wrapText with its specification on random
// texts of words, runs of spaces, tabs, line breaks and wide runes.
func TestWrapTextRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pieces := []string{"a", "knee", "chest", "Łukasz", "ćw", "世界", " ", "  ", "\t", "\n", " \u00a0 ", "verylongwordthatdoesnotfit"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for k := rng.IntN(30); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkWrap(t, b.String(), 1+rng.IntN(30))
	}
}

func FuzzWrapText(f *testing.F) {
	f.Add("one two three", 7)
	f.Add("  Zoë\tŁukasiewicz \u00a0 x ", 4)
	f.Add("", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if !utf8.ValidString(s) || width < 1 || width > 200 {
			return
		}
		checkWrap(t, s, width)
	})
}

// BenchmarkText12 renders a 12-exercise routine as text: what a batch
// of text handouts pays per row on top of planning.
func BenchmarkText12(b *testing.B) { benchRender(b, Text) }
