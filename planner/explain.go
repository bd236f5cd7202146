package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/limberhq/limber/catalog"
)

// explain fills each step's Reason and the routine's Excluded list:
// filtered variants keep the filter's reason, the others say why the
// optimiser left them out.
func (m *model) explain(r *Routine, sel []int) {
	full := m.prob.Score(sel)
	byID := map[string]int{}
	for i, it := range m.prob.Items {
		byID[it.ID] = i
	}
	want := wantedTags(r.Profile)
	strengths := 0
	for _, i := range sel {
		if m.prob.Items[i].Role == catalog.Strength {
			strengths++
		}
	}
	for k := range r.Steps {
		st := &r.Steps[k]
		i := byID[st.Variant.ID]
		it := m.prob.Items[i]
		rest := slices.DeleteFunc(slices.Clone(sel), func(j int) bool { return j == i })
		gain := full - m.prob.Score(rest)
		var parts []string
		switch {
		case k == 0 && it.Role == catalog.WarmUp && m.prob.WarmUpFirst:
			parts = append(parts, "opens the routine as its warm-up")
		case k == len(r.Steps)-1 && it.Role == catalog.Relaxation && m.prob.RelaxLast:
			parts = append(parts, "closes the routine as its relaxation")
		case it.Role == catalog.Strength && strengths == 1 && m.prob.NeedStrength:
			parts = append(parts, "the strength work a routine of 8 minutes or more includes")
		}
		if c := coverText(it.Cover); c != "" {
			parts = append(parts, "covers "+c)
		}
		if gain > 1e-9 {
			parts = append(parts, fmt.Sprintf("adds %.2f to the score", gain))
		} else {
			parts = append(parts, "adds nothing the others do not cover; it fills time once they are at their longest safe dose")
		}
		var tags []string
		for _, t := range st.Variant.GoodFor {
			if slices.Contains(want, t) {
				tags = append(tags, string(t))
			}
		}
		if len(tags) > 0 {
			parts = append(parts, "suits "+strings.Join(tags, ", "))
		}
		st.Reason = strings.Join(parts, "; ")
	}

	chosenFam := map[string]string{}
	for _, i := range sel {
		chosenFam[m.prob.Items[i].Family] = m.prob.Items[i].ID
	}
	excluded := slices.Clone(m.excluded)
	for i, it := range m.prob.Items {
		if slices.Contains(sel, i) {
			continue
		}
		e := Exclusion{ID: it.ID}
		next := append(slices.Clone(sel), i)
		gain := m.prob.Score(next) - full
		switch {
		case chosenFam[it.Family] != "":
			e.Reason = fmt.Sprintf("not chosen: same exercise as %s, and a routine holds one variant of each", chosenFam[it.Family])
		case gain <= 1e-9:
			e.Reason = "not chosen: adds nothing the routine does not already cover"
		case m.prob.MaxItems > 0 && len(sel) >= m.prob.MaxItems:
			e.Reason = fmt.Sprintf("not chosen: the routine already has the most exercises allowed (%d)", m.prob.MaxItems)
		default:
			extra := m.baseTime(next) - m.baseTime(sel)
			e.Reason = fmt.Sprintf("not chosen: would add %.2f to the score but needs %s more (%.2f per minute), and the chosen exercises use the time better", gain, formatSeconds(extra), gain*60/float64(max(extra, 1)))
		}
		excluded = append(excluded, e)
	}
	slices.SortFunc(excluded, func(a, b Exclusion) int { return strings.Compare(a.ID, b.ID) })
	r.Excluded = excluded
}

// coverText lists the groups an item covers, largest first.
func coverText(cover []float64) string {
	type gc struct {
		g string
		a float64
	}
	var l []gc
	for g, a := range cover {
		if a > 0 {
			l = append(l, gc{string(catalog.Groups[g]), a})
		}
	}
	slices.SortStableFunc(l, func(x, y gc) int { return cmp.Compare(y.a, x.a) })
	var parts []string
	for _, c := range l {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", c.g, c.a*100))
	}
	return strings.Join(parts, ", ")
}
