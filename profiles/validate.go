package profiles

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Default returns the profile used when nothing else is said: ten
// minutes on a mat, moderate range of motion, no known problems, with a
// chair and a wall at hand.
func Default() Profile {
	return Profile{
		Minutes:   10,
		Floor:     FloorMat,
		ROM:       ROMModerate,
		Sciatica:  SideNone,
		Equipment: []string{"chair", "wall"},
		Focus:     FocusRelief,
		Weights:   map[string]float64{},
		Include:   []string{},
		Exclude:   []string{},
		Level:     LevelStandard,
		RedFlags:  []string{},
		PerDay:    1,
		Language:  "en",
	}
}

// clone returns a copy of p that shares no slices or maps with it, with
// nil lists made empty so that JSON shows [] and {} rather than null.
func (p Profile) clone() Profile {
	c := p
	c.Equipment = append([]string{}, p.Equipment...)
	c.Include = append([]string{}, p.Include...)
	c.Exclude = append([]string{}, p.Exclude...)
	c.RedFlags = append([]string{}, p.RedFlags...)
	c.Weights = make(map[string]float64, len(p.Weights))
	for g, w := range p.Weights {
		c.Weights[g] = w
	}
	return c
}

// Validate reports every problem with p: values out of range or not
// allowed, ids and names k does not know, and fields that contradict
// each other. The error is of type Errors.
func (p Profile) Validate(k Known) error {
	var probs Errors
	for _, f := range fields() {
		probs = append(probs, f.check(&p, k)...)
	}
	probs = append(probs, crossCheck(p)...)
	probs.sortByField()
	return probs.err()
}

// check validates the field's value in p on its own.
func (f Field) check(p *Profile, k Known) []Problem {
	var probs []Problem
	add := func(format string, args ...any) {
		probs = append(probs, Problem{Field: f.Name, Msg: fmt.Sprintf(format, args...)})
	}
	switch r := f.ref(p).(type) {
	case *int:
		if v := int64(*r); v < f.Min || v > f.Max {
			add("%d is out of range (%d–%d)", v, f.Min, f.Max)
		}
	case *int64:
		if *r < f.Min || *r > f.Max {
			add("%d is out of range (%d–%d)", *r, f.Min, f.Max)
		}
	case *string:
		switch {
		case f.Kind == KindText:
			if msg := textProblem(*r, f.Max, f.Name == "notes"); msg != "" {
				add("%s", msg)
			}
		case f.Name == "preset" && *r == "":
			// The defaults: no preset.
		case !slices.Contains(f.Allowed, *r):
			add("%s is not one of %s", quote(*r), strings.Join(f.Allowed, ", "))
		}
	case *[]string:
		allowed := f.AllowedIn(k)
		if allowed == nil {
			break
		}
		for _, item := range *r {
			if slices.Contains(allowed, item) {
				continue
			}
			if f.Allowed == nil && (f.Name == "include" || f.Name == "exclude") {
				if near := nearest(item, allowed); near != "" {
					add("%s is not in the catalog; did you mean %q?", quote(item), near)
				} else {
					add("%s is not in the catalog", quote(item))
				}
				continue
			}
			add("%s is not one of %s", quote(item), strings.Join(allowed, ", "))
		}
	case *map[string]float64:
		groups := f.AllowedIn(k)
		for _, g := range sortedKeys(*r) {
			w := (*r)[g]
			if groups != nil && !slices.Contains(groups, g) {
				add("%s is not one of %s", quote(g), strings.Join(groups, ", "))
			}
			switch {
			case math.IsNaN(w) || math.IsInf(w, 0):
				add("%s=%s is not a number", g, formatWeight(w))
			case w < float64(f.Min) || w > float64(f.Max):
				add("%s=%s is out of range (%d–%d)", g, formatWeight(w), f.Min, f.Max)
			}
		}
	}
	return probs
}

// crossCheck finds fields that contradict each other.
func crossCheck(p Profile) []Problem {
	var probs []Problem
	for _, id := range p.Exclude {
		if slices.Contains(p.Include, id) {
			probs = append(probs, Problem{Field: "exclude", Msg: fmt.Sprintf("%q is also in include", id)})
		}
	}
	if p.MaxExercises > 0 && len(p.Include) > p.MaxExercises {
		probs = append(probs, Problem{Field: "max_exercises",
			Msg: fmt.Sprintf("%d is fewer than the %d exercises in include", p.MaxExercises, len(p.Include))})
	}
	return probs
}

// textProblem checks a free-text value, which ends up on a printed
// handout: valid UTF-8, not too long, and no control characters that
// would garble a page (notes may have line breaks and tabs).
func textProblem(s string, maxLen int64, multiline bool) string {
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%s is not valid UTF-8 text", quote(s))
	}
	if n := utf8.RuneCountInString(s); int64(n) > maxLen {
		return fmt.Sprintf("%s is %d characters long (at most %d)", quote(s), n, maxLen)
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return fmt.Sprintf("%s contains the control character %U", quote(s), r)
		}
	}
	return ""
}

// quote quotes s for a message, shortened when long so that one problem
// stays on one readable line.
func quote(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:limit])) + "…"
}

func formatWeight(w float64) string {
	return strconv.FormatFloat(w, 'g', -1, 64)
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// nearest returns the candidate closest to word in edit distance, or ""
// when none is close enough to be the one meant: at most a third of the
// word's letters (and at least two) may differ. Ties go to the candidate
// first in sorted order, so suggestions are stable.
func nearest(word string, candidates []string) string {
	n := utf8.RuneCountInString(word)
	if n > 64 {
		// No id is that long; the edit distance would cost time for nothing.
		return ""
	}
	limit := max(2, n/3)
	best, bestDist := "", limit+1
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if d := levenshtein(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// levenshtein is the number of single-rune insertions, deletions and
// substitutions that turn a into b.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
