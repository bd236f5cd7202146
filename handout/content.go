package handout

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// This file holds the wording every format shares, so the terminal, the
// Markdown and the PDF say the same thing in the same words.

// positionWords says each position the way a patient would.
var positionWords = map[catalog.Position]string{
	catalog.Standing:    "standing",
	catalog.SeatedChair: "sitting on a chair",
	catalog.SeatedFloor: "sitting on the floor",
	catalog.Kneeling:    "kneeling",
	catalog.Quadruped:   "on hands and knees",
	catalog.Supine:      "lying on your back",
	catalog.Prone:       "lying on your front",
	catalog.SideLying:   "lying on your side",
}

func positionText(p catalog.Position) string { return words(positionWords, p) }

// groupWords names each muscle group in plain words, with the
// anatomical name for the groups patients hear about from clinicians.
var groupWords = map[catalog.Group]string{
	catalog.LowerBack:         "lower back",
	catalog.Glutes:            "buttocks (glutes)",
	catalog.Hamstrings:        "back of thighs (hamstrings)",
	catalog.HipFlexors:        "front of hips (hip flexors)",
	catalog.Piriformis:        "deep buttock (piriformis)",
	catalog.Obliques:          "side of waist (obliques)",
	catalog.QuadratusLumborum: "side of lower back",
	catalog.Core:              "deep tummy muscles (core)",
	catalog.UpperBack:         "upper back",
	catalog.Adductors:         "inner thighs (adductors)",
}

func groupText(g catalog.Group) string { return words(groupWords, g) }

// words is the plain-words name of a catalog value, or its id with the
// hyphens as spaces for a value a clinic's catalog adds.
func words[K ~string](names map[K]string, k K) string {
	if s, ok := names[k]; ok {
		return s
	}
	return strings.ReplaceAll(string(k), "-", " ")
}

// coverageRow is one muscle group's share of its target.
type coverageRow struct {
	Group catalog.Group
	Value float64 // 0..1
}

// coverageRows lists every group in catalog.Groups order, then any other
// group the routine reports, sorted, so no coverage is hidden.
func coverageRows(r *planner.Routine) []coverageRow {
	rows := make([]coverageRow, 0, len(catalog.Groups))
	for _, g := range catalog.Groups {
		rows = append(rows, coverageRow{g, clamp(r.Coverage[g], 0, 1)})
	}
	var extra []catalog.Group
	for g := range r.Coverage {
		if !slices.Contains(catalog.Groups, g) {
			extra = append(extra, g)
		}
	}
	slices.Sort(extra)
	for _, g := range extra {
		rows = append(rows, coverageRow{g, clamp(r.Coverage[g], 0, 1)})
	}
	return rows
}

// movingSeconds is the part of a routine's time spent changing
// position between exercises.
func movingSeconds(r *planner.Routine) int {
	moving := r.Total
	for _, s := range r.Steps {
		moving -= s.Seconds
	}
	return moving
}

// bar draws a share of 0..1 as ten cells: the filled and the empty part.
func bar(v float64) (filled, empty string) {
	n := int(math.Round(clamp(v, 0, 1) * 10))
	return strings.Repeat("█", n), strings.Repeat("░", 10-n)
}

// duration says a number of seconds as a patient reads it: "45 s",
// "2 min", "1 min 20 s".
func duration(sec int) string {
	switch {
	case sec < 60:
		return fmt.Sprintf("%d s", sec)
	case sec%60 == 0:
		return fmt.Sprintf("%d min", sec/60)
	}
	return fmt.Sprintf("%d min %d s", sec/60, sec%60)
}

// doseShort is the table form of a step's dose: "30 s × 3", "10 reps",
// with "× 2 sets" when there is more than one round.
func doseShort(s planner.Step) string {
	var d string
	switch {
	case s.Hold > 0 && s.Reps > 1:
		d = fmt.Sprintf("%d s × %d", s.Hold, s.Reps)
	case s.Hold > 0:
		d = fmt.Sprintf("%d s", s.Hold)
	case s.Reps == 1:
		d = "1 rep"
	default:
		d = fmt.Sprintf("%d reps", s.Reps)
	}
	if s.Sets > 1 {
		d += fmt.Sprintf(" × %d sets", s.Sets)
	}
	return d
}

// doseLong is the sentence form of a step's dose.
func doseLong(s planner.Step) string {
	var b strings.Builder
	hold := fmt.Sprintf("%d seconds", s.Hold)
	if s.Hold >= 60 {
		hold = duration(s.Hold)
	}
	switch {
	case s.Hold > 0 && s.Reps > 1:
		fmt.Fprintf(&b, "Hold for %s, %d times", hold, s.Reps)
	case s.Hold > 0:
		fmt.Fprintf(&b, "Hold for %s", hold)
	case s.Reps == 1:
		b.WriteString("Do it once")
	default:
		fmt.Fprintf(&b, "Do it %d times", s.Reps)
	}
	if s.Sides == 2 {
		b.WriteString(" on each side")
		if s.SideOrder != "" {
			fmt.Fprintf(&b, " (%s)", s.SideOrder)
		}
	}
	if s.Sets > 1 {
		fmt.Fprintf(&b, "; repeat the whole set %d times", s.Sets)
	}
	fmt.Fprintf(&b, ". About %s in all.", duration(s.Seconds))
	return b.String()
}

// sidesShort is the table form of which sides a step works.
func sidesShort(s planner.Step) string {
	if s.Sides != 2 {
		return "–"
	}
	if first, _, ok := strings.Cut(s.SideOrder, " then "); ok && first != "" {
		return "both, " + first + " first"
	}
	return "both"
}

// easier is what to do if a step's exercise hurts: the variant the
// catalog names as easier, or else the sibling variant asking least of
// the body, or else the catalog's own modification in words.
func easier(cat *catalog.Catalog, v catalog.Variant) string {
	if cat == nil {
		return ""
	}
	if v.Easier != "" {
		if e, ok := cat.Variant(v.Easier); ok {
			return "use " + e.Name + " instead"
		}
	}
	best, found := v, false
	for _, s := range cat.Siblings(v.ID) {
		if demand(s) < demand(best) {
			best, found = s, true
		}
	}
	if found {
		return "use " + best.Name + " instead"
	}
	if len(v.Modifications) > 0 {
		return lowerFirst(v.Modifications[0])
	}
	return ""
}

// demand orders variants by how much they ask of the body: range of
// motion first, then each of balance, kneeling and weight on the hands.
func demand(v catalog.Variant) int {
	d := 4 * v.Demands.ROM
	for _, b := range []bool{v.Demands.Balance, v.Demands.Kneel, v.Demands.Hands} {
		if b {
			d++
		}
	}
	return d
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && r[1] >= 'A' && r[1] <= 'Z' { // an acronym stays
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// variantName is the name of the catalog variant id, or the id itself
// when the catalog does not know it.
func variantName(cat *catalog.Catalog, id string) string {
	if cat != nil {
		if v, ok := cat.Variant(id); ok {
			return v.Name
		}
	}
	return id
}

// The safety box's title and lead-ins, the same in every format.
const (
	safetyTitle  = "Stop and get help"
	stopLead     = "While you exercise:"
	urgentLead   = "Get medical help straight away for any of these warning signs:"
	stopFallback = "Stop if an exercise causes sharp pain or pain that spreads, and ask your clinician."
	// warningFallback heads the warnings when the catalog has no
	// headline for them.
	warningFallback = "Please read this first"
)

// safetyText is the content of the "stop and get help" box.
type safetyText struct {
	Stop []string // when to stop an exercise
	// Urgent lists what needs urgent medical care: the first sentence of
	// each of the catalog's emergency-level red-flag messages, which
	// names the sign and what it can mean (the rest tells someone who
	// answered the screening question what to do instead of exercising).
	Urgent []string
	// Warning is the catalog's headline for warning-level answers, set
	// when the safety screen's verdict is a warning; every format prints
	// it above the routine with the warnings themselves. Warnings from
	// the planner alone (a warm-up left out for time) get a plain title.
	Warning string
}

func safetyOf(cat *catalog.Catalog, r *planner.Routine) safetyText {
	var s safetyText
	if cat == nil {
		return s
	}
	s.Stop = cat.Safety.StopRules
	for _, f := range cat.Safety.RedFlags {
		if f.Refuses() {
			s.Urgent = append(s.Urgent, f.Sign)
		}
	}
	if r.Verdict.Level == planner.ScreenWarning {
		s.Warning = cat.Safety.Warning
	}
	return s
}

// howOften says how often to do the routine, from the profile's
// handout fields.
func howOften(p profiles.Profile) string {
	var parts []string
	switch p.PerDay {
	case 0:
	case 1:
		parts = append(parts, "once a day")
	case 2:
		parts = append(parts, "twice a day")
	default:
		parts = append(parts, fmt.Sprintf("%d times a day", p.PerDay))
	}
	switch {
	case p.DaysPerWeek >= 7:
		parts = append(parts, "every day")
	case p.DaysPerWeek > 0:
		parts = append(parts, fmt.Sprintf("%d days a week", p.DaysPerWeek))
	}
	if len(parts) == 0 {
		return "as your clinician advises"
	}
	return strings.Join(parts, ", ")
}

// tipsByTopic groups the catalog's tips in catalog.TipTopics order, with
// any other topic after them in the order the catalog lists it.
func tipsByTopic(cat *catalog.Catalog) (topics []string, tips map[string][]string) {
	tips = map[string][]string{}
	if cat == nil {
		return nil, tips
	}
	var extra []string
	for _, t := range cat.Tips {
		if _, seen := tips[t.Topic]; !seen && !slices.Contains(catalog.TipTopics, t.Topic) {
			extra = append(extra, t.Topic)
		}
		tips[t.Topic] = append(tips[t.Topic], t.Text)
	}
	for _, t := range append(slices.Clone(catalog.TipTopics), extra...) {
		if len(tips[t]) > 0 {
			topics = append(topics, t)
		}
	}
	return topics, tips
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// sentence makes s a sentence: a capital first and one full stop.
func sentence(s string) string {
	return upperFirst(strings.TrimRight(strings.TrimSpace(s), ".")) + "."
}

// tipTitle is the heading of a tip topic.
func tipTitle(topic string) string {
	switch topic {
	case "movement":
		return "Moving through the day"
	}
	return upperFirst(topic)
}
