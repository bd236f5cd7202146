package handout

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// figurePx is the width of the SVG figures in Markdown.
const figurePx = 320

// Markdown writes the handout's content in Markdown: the overview, the
// routine table, coverage, notes, warnings and the safety box, one
// section per exercise (with an inline SVG figure when Options.Figures),
// and the tips.
func Markdown(w io.Writer, r *planner.Routine, cat *catalog.Catalog, o Options) error {
	if r == nil {
		return errors.New("handout: no routine")
	}
	b := bufio.NewWriter(w)
	p := r.Profile
	fmt.Fprintln(b, "# Your lower-back exercise routine")
	fmt.Fprintln(b)
	for _, f := range [][2]string{
		{"Patient", p.Patient}, {"Clinician", p.Clinician}, {"Clinic", p.Clinic},
		{"Date", o.date().Format("2 January 2006")},
		{"How often", upperFirst(howOften(p))},
		{"Time", duration(r.Total) + " each time"},
	} {
		if f[1] != "" {
			fmt.Fprintf(b, "- **%s:** %s\n", f[0], mdEscape(f[1]))
		}
	}

	s := safetyOf(cat, r)
	if len(r.Warnings) > 0 {
		fmt.Fprintln(b)
		title := s.Warning
		if title == "" {
			title = warningFallback
		}
		fmt.Fprintf(b, "> **%s**\n>\n", mdEscape(title))
		for _, warn := range r.Warnings {
			fmt.Fprintf(b, "> - %s\n", mdEscape(upperFirst(warn)))
		}
	}

	fmt.Fprintln(b)
	fmt.Fprintln(b, "## Your routine")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| # | Exercise | Position | Hold × reps | Sides | Time |")
	fmt.Fprintln(b, "|--:|---|---|---|---|--:|")
	for i, st := range r.Steps {
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s |\n", i+1, mdCell(st.Variant.Name), positionText(st.Variant.Position),
			doseShort(st), sidesShort(st), duration(st.Seconds))
	}
	moving := movingSeconds(r)
	total := "**Total**"
	if moving > 0 {
		total = fmt.Sprintf("**Total**, with %s to change position", duration(moving))
	}
	fmt.Fprintf(b, "|  | %s |  |  |  | **%s** |\n", total, duration(r.Total))

	fmt.Fprintln(b)
	fmt.Fprintln(b, "## What it works")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| Muscle group | Coverage |  |")
	fmt.Fprintln(b, "|---|---|--:|")
	for _, row := range coverageRows(r) {
		filled, empty := bar(row.Value)
		fmt.Fprintf(b, "| %s | %s | %.0f%% |\n", groupText(row.Group), filled+empty, 100*row.Value)
	}

	if notes := strings.TrimSpace(p.Notes); notes != "" {
		fmt.Fprintln(b)
		fmt.Fprintln(b, "## Notes from your clinician")
		for _, para := range strings.Split(notes, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				fmt.Fprintln(b)
				fmt.Fprintln(b, mdEscape(para))
			}
		}
	}

	fmt.Fprintln(b)
	fmt.Fprint(b, mdSafety(s))

	if len(r.Steps) > 0 {
		fmt.Fprintln(b)
		fmt.Fprintln(b, "## How to do each exercise")
		fmt.Fprintln(b)
		fmt.Fprintln(b, "Do them in this order. Move slowly, breathe, and never push into pain.")
	}
	for i, st := range r.Steps {
		if err := mdExercise(b, i+1, st, cat, o); err != nil {
			return err
		}
	}

	if topics, tips := tipsByTopic(cat); len(topics) > 0 {
		fmt.Fprintln(b)
		fmt.Fprintln(b, "## Everyday habits for your back")
		for _, t := range topics {
			fmt.Fprintln(b)
			fmt.Fprintf(b, "### %s\n\n", tipTitle(t))
			for _, tip := range tips[t] {
				fmt.Fprintf(b, "- %s\n", mdEscape(tip))
			}
		}
	}

	if o.Explain {
		mdExplain(b, r, cat)
	}
	return b.Flush()
}

// mdSafety is the "stop and get help" section: paragraphs and lists
// separated by blank lines, with no blank line at the end.
func mdSafety(s safetyText) string {
	parts := []string{"## " + safetyTitle}
	list := func(items []string) string {
		var b strings.Builder
		for i, l := range items {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("- " + mdEscape(l))
		}
		return b.String()
	}
	if len(s.Stop) > 0 {
		parts = append(parts, stopLead, list(s.Stop))
	}
	if len(s.Urgent) > 0 {
		parts = append(parts, "**"+urgentLead+"**", list(s.Urgent))
	}
	if len(s.Stop)+len(s.Urgent) == 0 {
		parts = append(parts, stopFallback)
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// mdExercise writes one exercise's section.
func mdExercise(b *bufio.Writer, n int, st planner.Step, cat *catalog.Catalog, o Options) error {
	v := st.Variant
	fmt.Fprintln(b)
	fmt.Fprintf(b, "### %d. %s (%s)\n\n", n, mdEscape(v.Name), duration(st.Seconds))
	fmt.Fprintf(b, "*%s · %s*\n\n", upperFirst(positionText(v.Position)), v.Role)
	if o.Figures {
		if err := SVG(b, v.Pose, figurePx); err != nil {
			return fmt.Errorf("handout: exercise %s: %w", v.ID, err)
		}
		fmt.Fprint(b, "\n\n")
	}
	for i, step := range v.Steps {
		fmt.Fprintf(b, "%d. %s\n", i+1, mdEscape(step))
	}
	if len(v.Steps) > 0 {
		fmt.Fprintln(b)
	}
	field := func(label, text string) {
		if text != "" {
			fmt.Fprintf(b, "- **%s:** %s\n", label, mdEscape(text))
		}
	}
	field("Breathe", v.Dosage.Breath)
	field("Dose", doseLong(st))
	field("You need", needs(v))
	for _, c := range v.Cautions {
		field("Take care", c)
	}
	if e := easier(cat, v); e != "" {
		field("If it hurts", sentence(e))
	}
	if o.Explain {
		field("Why", upperFirst(st.Reason))
	}
	return nil
}

// mdExplain lists the variants left out and why.
func mdExplain(b *bufio.Writer, r *planner.Routine, cat *catalog.Catalog) {
	if len(r.Excluded) == 0 {
		return
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, "## Exercises left out")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| Exercise | Why | Ruled out by the profile |")
	fmt.Fprintln(b, "|---|---|---|")
	for _, e := range r.Excluded {
		ruled := "no"
		if e.Filtered {
			ruled = "yes"
		}
		fmt.Fprintf(b, "| %s (`%s`) | %s | %s |\n", mdCell(variantName(cat, e.ID)), e.ID, mdCell(e.Reason), ruled)
	}
}

// mdEscape keeps catalog and profile text from being read as Markdown
// markup or HTML.
func mdEscape(s string) string {
	return mdReplacer.Replace(s)
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`,
)

// mdCell is text for a table cell: escaped, on one line.
func mdCell(s string) string {
	return strings.Join(strings.Fields(mdEscape(s)), " ")
}
