package handout

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// textWidth is the width Text wraps to: narrower than any terminal.
const textWidth = 78

// ANSI styles; Text uses them only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiGreen  = "\x1b[32m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
)

// textWriter writes lines, styling them only when colour is on; the
// bufio.Writer keeps the first write error for Flush to return.
type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t *textWriter) style(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) line(parts ...string) {
	for _, p := range parts {
		t.w.WriteString(p)
	}
	t.w.WriteByte('\n')
}

// Text writes the routine for a terminal: warnings first, then the
// numbered steps with their time, position, dose and sides, the total,
// coverage bars, with Options.Explain why each exercise is in or out, and
// the safety box.
func Text(w io.Writer, r *planner.Routine, cat *catalog.Catalog, o Options) error {
	if r == nil {
		return errors.New("handout: no routine")
	}
	t := &textWriter{w: bufio.NewWriter(w), color: o.Color}
	who := "Your routine"
	if r.Profile.Patient != "" {
		who = "Routine for " + r.Profile.Patient
	}
	head := fmt.Sprintf("%s: %s of %s, %s (%s)", who, duration(r.Total), duration(r.Budget), count(len(r.Steps), "exercise"), r.Status)
	for _, l := range wrapText(head, textWidth) {
		t.line(t.style(ansiBold, l))
	}
	if r.Status == planner.Feasible {
		for _, l := range wrapText(fmt.Sprintf("Search stopped by the time limit; at most %.3g below the best possible score.", r.Gap), textWidth) {
			t.line(t.style(ansiDim, l))
		}
	}

	s := safetyOf(cat, r)
	if len(r.Warnings) > 0 {
		t.line()
		title := s.Warning
		if title == "" {
			title = warningFallback
		}
		for _, l := range wrapText(title, textWidth-2) {
			t.line(t.style(ansiYellow, "! "+l))
		}
		for _, warn := range r.Warnings {
			for i, l := range wrapText(upperFirst(warn), textWidth-4) {
				mark := "!   "
				if i == 0 {
					mark = "! - "
				}
				t.line(t.style(ansiYellow, mark) + l)
			}
		}
	}

	t.line()
	for i, s := range r.Steps {
		v := s.Variant
		// The name wraps in the space the time leaves on its right; the
		// time goes at the end of its last line.
		when := duration(s.Seconds)
		names := wrapText(v.Name, textWidth-4-len(when)-2)
		for j, name := range names {
			prefix, end := "    ", ""
			if j == 0 {
				prefix = fmt.Sprintf("%2d  ", i+1)
			}
			if j == len(names)-1 {
				end = strings.Repeat(" ", textWidth-4-utf8.RuneCountInString(name)-len(when)) + when
			}
			t.line(prefix, t.style(ansiBold, name), end)
		}
		detail := []string{positionText(v.Position), string(v.Role), doseShort(s)}
		if s.Sides == 2 {
			detail = append(detail, sidesShort(s))
		}
		if s.Transition > 0 {
			detail = append(detail, "+"+duration(s.Transition)+" to change position")
		}
		for _, l := range wrapText(strings.Join(detail, " · "), textWidth-4) {
			t.line("    ", t.style(ansiDim, l))
		}
	}
	moving := movingSeconds(r)
	total := "Total " + duration(r.Total)
	if moving > 0 {
		total += fmt.Sprintf(", with %s to change position", duration(moving))
	}
	t.line()
	t.line(total)

	t.line()
	t.line(t.style(ansiBold, "Coverage"))
	rows := coverageRows(r)
	labelW := 0
	for _, row := range rows {
		labelW = max(labelW, utf8.RuneCountInString(groupText(row.Group)))
	}
	for _, row := range rows {
		label := groupText(row.Group)
		filled, empty := bar(row.Value)
		t.line("  ", label, strings.Repeat(" ", labelW-utf8.RuneCountInString(label)+2), t.style(ansiGreen, filled), empty, fmt.Sprintf(" %3.0f%%", 100*row.Value))
	}

	if o.Explain {
		explainText(t, r, cat)
	}

	t.line()
	t.line(t.style(ansiRed, safetyTitle))
	box := func(text string, indent string) {
		for i, l := range wrapText(text, textWidth-2-len(indent)) {
			if i > 0 {
				indent = strings.Repeat(" ", len(indent))
			}
			t.line(t.style(ansiRed, "│ "), indent, l)
		}
	}
	if len(s.Stop) > 0 {
		box(stopLead, "")
		for _, l := range s.Stop {
			box(l, "  - ")
		}
	}
	if len(s.Urgent) > 0 {
		box(urgentLead, "")
		for _, l := range s.Urgent {
			box(l, "  - ")
		}
	}
	if len(s.Stop)+len(s.Urgent) == 0 {
		box(stopFallback, "")
	}
	return t.w.Flush()
}

// explainText prints why each step is in and why each other variant is
// out, the filtered ones (ruled out by the profile) apart from the ones
// the optimizer passed over.
func explainText(t *textWriter, r *planner.Routine, cat *catalog.Catalog) {
	t.line()
	t.line(t.style(ansiBold, "Why these exercises"))
	for i, s := range r.Steps {
		for j, l := range wrapText(s.Variant.Name+": "+s.Reason, textWidth-6) {
			prefix := "      "
			if j == 0 {
				prefix = fmt.Sprintf("  %2d  ", i+1)
			}
			t.line(prefix, l)
		}
	}
	for _, group := range []struct {
		title    string
		filtered bool
	}{{"Not chosen (allowed, but others fit better)", false}, {"Ruled out by your profile", true}} {
		var lines []string
		for _, e := range r.Excluded {
			if e.Filtered == group.filtered {
				lines = append(lines, fmt.Sprintf("%s (%s): %s", variantName(cat, e.ID), e.ID, e.Reason))
			}
		}
		if len(lines) == 0 {
			continue
		}
		t.line()
		t.line(t.style(ansiBold, group.title))
		for _, text := range lines {
			for j, l := range wrapText(text, textWidth-4) {
				prefix := "    "
				if j == 0 {
					prefix = "  - "
				}
				t.line(prefix, l)
			}
		}
	}
}

// count says n things: "1 exercise", "3 exercises".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// wrapText breaks s into lines of at most width runes at spaces; a word
// longer than width stands on its own line. Runs of spaces become one
// space. A line whose words s already joins with single spaces is a
// slice of s, so the common case copies nothing.
func wrapText(s string, width int) []string {
	lines := make([]string, 0, len(s)/max(width, 1)+1)
	// The current line is s[start:end] with n runes (none yet when n is
	// 0); single says its words are one space apart in s.
	start, end, n, single := 0, 0, 0, true
	flush := func() {
		if single {
			lines = append(lines, s[start:end])
		} else {
			lines = append(lines, strings.Join(strings.Fields(s[start:end]), " "))
		}
	}
	for i := 0; ; {
		k := strings.IndexFunc(s[i:], notSpace)
		if k < 0 {
			break
		}
		ws := i + k
		i = len(s)
		if k := strings.IndexFunc(s[ws:], unicode.IsSpace); k >= 0 {
			i = ws + k
		}
		wl := utf8.RuneCountInString(s[ws:i])
		switch {
		case n > 0 && n+1+wl <= width:
			if ws-end != 1 || s[end] != ' ' {
				single = false
			}
			end, n = i, n+1+wl
			continue
		case n > 0:
			flush()
		}
		start, end, n, single = ws, i, wl, true
	}
	if n > 0 {
		flush()
	} else if len(lines) == 0 {
		lines = append(lines, "")
	}
	return lines
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }
