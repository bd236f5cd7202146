package planner

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// ErrRefused is matched by errors.Is for every *RefusedError.
var ErrRefused = errors.New("planner: refused for safety")

// RefusedError says that the safety screen found an emergency-level
// answer: no routine is planned, the person should see a doctor first.
type RefusedError struct {
	Verdict Verdict
}

func (e *RefusedError) Error() string {
	var ids []string
	for _, f := range e.Verdict.Flags {
		if f.Level != catalog.Warning {
			ids = append(ids, f.ID)
		}
	}
	return fmt.Sprintf("planner: no routine: %s needs a doctor first", strings.Join(ids, ", "))
}

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Plan screens the profile, then chooses, orders and doses the best
// routine the catalog holds for it. An emergency-level screening answer
// returns a *RefusedError; a warning-level one plans at the gentle level
// and puts the warnings on the routine. When nothing fits, Plan returns
// an *InfeasibleError with the smallest budget that would work.
func Plan(cat *catalog.Catalog, p profiles.Profile, s Settings) (*Routine, error) {
	m, res, err := prepare(cat, p, s)
	if err != nil {
		return nil, err
	}
	return m.routine(cat, p, res, !s.NoReasons), nil
}

// ExportLP writes the selection model Plan solves for the profile in
// CPLEX LP format (see WriteLP): the same objective, with the same order
// constraints Plan keeps.
func ExportLP(w io.Writer, cat *catalog.Catalog, p profiles.Profile, s Settings) error {
	m, _, err := prepare(cat, p, s)
	if err != nil {
		return err
	}
	return WriteLP(w, m.prob)
}

// prepare screens, builds the model and solves it, dropping the order
// constraints when they make the problem infeasible.
func prepare(cat *catalog.Catalog, p profiles.Profile, s Settings) (*model, Result, error) {
	v := Screen(cat.Safety, p)
	if v.Emergency() {
		return nil, Result{}, &RefusedError{Verdict: v}
	}
	gentle := p.Level == profiles.LevelGentle || v.Level == ScreenWarning
	m, err := buildModel(cat, p, gentle)
	if err != nil {
		return nil, Result{}, err
	}
	var flagged []string
	for _, f := range v.Flags {
		if f.Level == catalog.Warning && f.Message != "" {
			flagged = append(flagged, f.Message)
		}
	}
	m.verdict = v
	m.warnings = append(flagged, m.warnings...)
	if v.Level == ScreenWarning && p.Level != profiles.LevelGentle {
		m.warnings = append(m.warnings, "planned at the gentle level because of the answers above")
	}
	if len(m.prob.Items) == 0 {
		return nil, Result{}, &InfeasibleError{Binding: "the profile rules out every exercise in the catalog"}
	}
	res, err := Solve(m.prob, s)
	if errors.Is(err, ErrInfeasible) && (m.prob.WarmUpFirst || m.prob.RelaxLast) {
		q := m.prob
		q.WarmUpFirst, q.RelaxLast = false, false
		if r2, err2 := Solve(q, s); err2 == nil {
			m.prob, res, err = q, r2, nil
			m.warnings = append(m.warnings, "there is not time for both a warm-up first and a relaxation last, so the routine leaves out that order")
		} else {
			err = err2
		}
	}
	if err != nil {
		return nil, Result{}, err
	}
	return m, res, nil
}

// roleRank orders the exercises within a place.
func roleRank(r catalog.Role) int {
	if i := slices.Index(catalog.Roles, r); i >= 0 {
		return i
	}
	return len(catalog.Roles)
}

// maxSets is how many rounds the dose may grow to: a second and third
// round at the standard level, none added at the gentle level.
func maxSets(d catalog.Dosage, gentle bool) int {
	if gentle {
		return max(d.Sets, 1)
	}
	return max(d.Sets, 3)
}

// holdStep is how much a hold grows in one round of filling. Holds
// grow to multiples of it (or to the maximum), so a handout asks for
// 20 or 25 seconds, never 21.
const holdStep = 5

// nextHold is the next hold above h: the next multiple of holdStep,
// capped at max.
func nextHold(h, max int) int {
	return min(max, (h/holdStep+1)*holdStep)
}

// fillSlack is how far below the budget a filled routine may end: the
// dose grows in steps, so it cannot always land exactly.
const fillSlack = 30

// routine turns a solution into the routine: order, doses, reasons.
func (m *model) routine(cat *catalog.Catalog, p profiles.Profile, res Result, reasons bool) *Routine {
	sel := slices.Clone(res.Selected)
	steps, total := m.assemble(cat, p, sel)
	// When every chosen exercise is at its longest safe dose and time is
	// still left, exercises that add nothing to the score (so the
	// routine stays optimal) fill it: the longest first, then by id.
	for m.prob.Budget-total > fillSlack {
		add := m.filler(sel)
		if add < 0 {
			break
		}
		next := append(slices.Clone(sel), add)
		slices.Sort(next)
		st, tt := m.assemble(cat, p, next)
		if tt > m.prob.Budget {
			break
		}
		sel, steps, total = next, st, tt
	}
	r := &Routine{
		Profile:  p,
		Budget:   m.prob.Budget,
		Total:    total,
		Status:   res.Status,
		Score:    m.prob.Score(sel),
		Coverage: map[catalog.Group]float64{},
		Weights:  m.weights,
		Steps:    steps,
		Warnings: m.warnings,
		Nodes:    res.Nodes,
		Verdict:  m.verdict,
	}
	for _, st := range steps {
		r.Transitions += st.Transition
		if q := placeNames[placeOf(st.Variant)]; len(r.Path) == 0 || r.Path[len(r.Path)-1] != q {
			r.Path = append(r.Path, q)
		}
	}
	r.Bound = max(res.Bound, r.Score)
	if r.Status == Optimal {
		r.Bound = r.Score
	}
	r.Gap = r.Bound - r.Score
	cov := make([]float64, len(catalog.Groups))
	for _, i := range sel {
		for g, a := range m.prob.Items[i].Cover {
			cov[g] += a
		}
	}
	for g, grp := range catalog.Groups {
		r.Coverage[grp] = min(1, cov[g])
	}
	if reasons {
		m.explain(r, sel)
	}
	return r
}

// assemble orders a selection by the cheapest path that meets the
// order constraints, doses it and returns the steps and the total time.
func (m *model) assemble(cat *catalog.Catalog, p profiles.Profile, sel []int) ([]Step, int) {
	mask, first, last := m.placeMasks(sel)
	t := m.prob.Transition
	ps := newPaths(t, m.prob.Start)
	path, _ := ps.order(mask, first, last)
	steps := make([]Step, 0, len(sel))
	at := m.prob.Start
	total := 0
	for _, q := range path {
		var here []int
		for _, i := range sel {
			if m.prob.Items[i].Place == q {
				here = append(here, i)
			}
		}
		// Warm-up, stretches, strength, self-massage, relaxation.
		slices.SortStableFunc(here, func(a, b int) int {
			ra, rb := roleRank(m.prob.Items[a].Role), roleRank(m.prob.Items[b].Role)
			if ra != rb {
				return ra - rb
			}
			return strings.Compare(m.prob.Items[a].ID, m.prob.Items[b].ID)
		})
		for k, i := range here {
			v := *m.variants[i]
			st := Step{Variant: v, Sides: sidesOf(v), Hold: v.Dosage.Hold, Reps: v.Dosage.Reps, Sets: v.Dosage.Sets}
			if f, ok := cat.Family(v.Family); ok {
				st.FamilyName = f.Name
			}
			if k == 0 {
				st.Transition = t[at][q]
			}
			if v.Sided {
				st.SideOrder = "left then right"
				if p.Sciatica == profiles.SideLeft {
					st.SideOrder = "right then left" // the painful side second, warm
				}
			}
			st.Seconds = stepSeconds(st)
			total += st.Seconds + st.Transition
			steps = append(steps, st)
		}
		at = q
	}
	total = m.fill(steps, sel, total)
	return steps, total
}

func stepSeconds(st Step) int {
	d := st.Variant.Dosage
	return doseSeconds(d.Setup, st.Sides, st.Sets, st.Reps, st.Hold, d.Move, d.Switch)
}

// fill grows the doses into the time left, never past the budget: in
// rounds, each exercise in order of its value to the score takes one
// step up its ladder — a longer hold (to the next multiple of holdStep,
// up to the maximum hold), then one more rep (up to the maximum), then
// another round (up to maxSets) — if that step fits. Each exercise's
// ladder gets the same number of turns, so the growth is shared fairly.
func (m *model) fill(steps []Step, sel []int, total int) int {
	order := m.valueOrder(steps, sel)
	left := m.prob.Budget - total
	try := func(k int, st Step) bool {
		extra := stepSeconds(st) - steps[k].Seconds
		if extra <= 0 || extra > left {
			return false
		}
		st.Seconds += extra
		steps[k] = st
		left -= extra
		return true
	}
	for grown := true; grown; {
		grown = false
		for _, k := range order {
			st := steps[k]
			d := st.Variant.Dosage
			switch {
			case st.Hold > 0 && st.Hold < d.MaxHold && try(k, withHold(st, nextHold(st.Hold, d.MaxHold))):
			case st.Reps < d.MaxReps && try(k, withReps(st, st.Reps+1)):
			case st.Sets < maxSets(d, m.gentle) && try(k, withSets(st, st.Sets+1)):
			default:
				continue
			}
			grown = true
		}
	}
	// Last, when even that leaves more than fillSlack, an exercise may
	// trade hold for reps or rounds: the dose within its limits (reps
	// and rounds not below what it has) that uses most of what is left.
	for grown := left > fillSlack; grown; {
		grown = false
		for _, k := range order {
			if best, ok := m.redose(steps[k], left); ok && try(k, best) {
				grown = true
			}
		}
	}
	return m.prob.Budget - left
}

// redose returns the dose of st within its limits, with reps and sets
// not below st's, that adds the most time up to left; ties go to more
// reps, then more rounds, then the longer hold.
func (m *model) redose(st Step, left int) (Step, bool) {
	d := st.Variant.Dosage
	cur := stepSeconds(st)
	best, bestT, found := st, cur, false
	holds := []int{st.Hold}
	if st.Hold > 0 {
		holds = holds[:0]
		for h := d.Hold; ; h = nextHold(h, d.MaxHold) {
			holds = append(holds, h)
			if h >= d.MaxHold {
				break
			}
		}
	}
	for sets := st.Sets; sets <= maxSets(d, m.gentle); sets++ {
		for reps := st.Reps; reps <= max(d.MaxReps, d.Reps); reps++ {
			for _, h := range holds {
				c := st
				c.Hold, c.Reps, c.Sets = h, reps, sets
				if t := stepSeconds(c); t > bestT && t-cur <= left {
					best, bestT, found = c, t, true
				}
			}
		}
	}
	return best, found
}

func withHold(st Step, h int) Step { st.Hold = h; return st }
func withReps(st Step, r int) Step { st.Reps = r; return st }
func withSets(st Step, s int) Step { st.Sets = s; return st }

// valueOrder returns step indices by each step's value to the score
// (what the routine loses without it), highest first, ties in routine
// order.
func (m *model) valueOrder(steps []Step, sel []int) []int {
	val := make(map[string]float64, len(sel))
	full := m.prob.Score(sel)
	for k, i := range sel {
		rest := append(slices.Clone(sel[:k]), sel[k+1:]...)
		val[m.prob.Items[i].ID] = full - m.prob.Score(rest)
	}
	order := make([]int, len(steps))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := val[steps[a].Variant.ID], val[steps[b].Variant.ID]
		switch {
		case va > vb+1e-12:
			return -1
		case vb > va+1e-12:
			return 1
		}
		return 0
	})
	return order
}

// filler returns an item that can join sel without changing its score
// and keeps every constraint at its base dose, or -1: the longest such
// item, ties by id.
func (m *model) filler(sel []int) int {
	if m.prob.MaxItems > 0 && len(sel) >= m.prob.MaxItems {
		return -1
	}
	used := map[string]bool{}
	for _, i := range sel {
		used[m.prob.Items[i].Family] = true
	}
	base := m.prob.Score(sel)
	best := -1
	for i, it := range m.prob.Items {
		if used[it.Family] {
			continue
		}
		next := append(slices.Clone(sel), i)
		if m.prob.Score(next) < base-1e-12 || m.baseTime(next) > m.prob.Budget {
			continue
		}
		if best < 0 || it.Seconds > m.prob.Items[best].Seconds {
			best = i
		}
	}
	return best
}

// baseTime is a selection's time at base doses with its cheapest
// allowed path, or more than any budget when no path meets the order
// constraints.
func (m *model) baseTime(sel []int) int {
	sec := 0
	for _, i := range sel {
		sec += m.prob.Items[i].Seconds
	}
	mask, first, last := m.placeMasks(sel)
	c := newPaths(m.prob.Transition, m.prob.Start).costRoles(mask, first, last)
	if c < 0 {
		return infTime
	}
	return sec + c
}

// placeMasks returns the places a selection uses, and those its path may
// start and end in: with the warm-up and relaxation constraints on, the
// places holding a selected warm-up and a selected relaxation.
func (m *model) placeMasks(sel []int) (mask, first, last uint32) {
	var warm, relax uint32
	for _, i := range sel {
		it := m.prob.Items[i]
		mask |= 1 << it.Place
		switch it.Role {
		case catalog.WarmUp:
			warm |= 1 << it.Place
		case catalog.Relaxation:
			relax |= 1 << it.Place
		}
	}
	first, last = mask, mask
	if m.prob.WarmUpFirst {
		first = warm
	}
	if m.prob.RelaxLast {
		last = relax
	}
	return mask, first, last
}
