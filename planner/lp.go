package planner

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/limberhq/limber/catalog"
)

// WriteLP writes p as a mixed-integer programme in CPLEX LP format, the
// same model Solve solves, so any MIP solver can check an optimum:
//
//	maximise  Σ_g w_g z_g + Σ_i b_i x_i
//	z_g ≤ Σ_i a_ig x_i,  0 ≤ z_g ≤ 1                  coverage
//	Σ_{i∈F} x_i ≤ 1                                   one per family
//	x_i ≤ y_p(i),  y_p ≤ Σ_{i at p} x_i               place used
//	Σ_q u_sq = 1,  Σ_{r∈{s}∪P} u_rq = y_q               a path from the start s
//	Σ_r u_qr ≤ y_q                                    through the used places
//	o_q ≥ o_p + 1 − n(1 − u_pq),  1 ≤ o_p ≤ n           no cycles (Miller–Tucker–Zemlin)
//	Σ_i d_i x_i + Σ_pq t_pq u_pq ≤ budget              time
//	Σ_i x_i ≥ 1, Σ_i x_i ≤ max items, Σ_strength x_i ≥ 1
//	u_sq ≤ Σ_{warm-ups at q} x_i                       the first place holds a warm-up
//	y_q − Σ_r u_qr ≤ Σ_{relaxations at q} x_i          the last place holds a relaxation
//	x_i = 1 for included items, Σ_{i∈F} x_i = 1 for required families
//
// with x, y, u binary. Places are only those some item uses; t is the
// transition matrix closed under shortest paths, as in Solve.
func WriteLP(w io.Writer, p Problem) error {
	if err := p.validate(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	t := closeTransitions(p.Transition)
	n := lpNames(&p)

	var used []int
	for q := range p.Places {
		for _, it := range p.Items {
			if it.Place == q {
				used = append(used, q)
				break
			}
		}
	}
	arc := func(from, to int) string {
		if from < 0 {
			return "u_start_" + n.places[to]
		}
		return "u_" + n.places[from] + "_" + n.places[to]
	}

	fmt.Fprintf(bw, "\\ limber selection model: %d items, %d groups, %d places, budget %d s\n", len(p.Items), len(p.Groups), len(used), p.Budget)
	bw.WriteString("Maximize\n obj:")
	var e lpExpr
	for g := range p.Groups {
		e.add(p.Weights[g], n.groups[g])
	}
	for i, it := range p.Items {
		e.add(it.Bonus, n.items[i])
	}
	e.flush(bw)

	bw.WriteString("Subject To\n")
	row := func(name string, e *lpExpr, sense string, rhs float64) {
		fmt.Fprintf(bw, " %s:", name)
		if e.empty() {
			// An LP row needs a term; 0 times any variable will do.
			e.terms = append(e.terms, " 0 "+n.groups[0])
		}
		e.flush(bw)
		fmt.Fprintf(bw, "   %s %s\n", sense, num(rhs))
	}
	for g := range p.Groups {
		var e lpExpr
		e.add(1, n.groups[g])
		for i, it := range p.Items {
			e.add(-it.Cover[g], n.items[i])
		}
		row("cov_"+n.groups[g][2:], &e, "<=", 0)
	}
	fams := map[string][]int{}
	var famNames []string
	for i, it := range p.Items {
		if _, ok := fams[it.Family]; !ok {
			famNames = append(famNames, it.Family)
		}
		fams[it.Family] = append(fams[it.Family], i)
	}
	slices.Sort(famNames)
	for k, f := range famNames {
		if len(fams[f]) < 2 {
			continue
		}
		var e lpExpr
		for _, i := range fams[f] {
			e.add(1, n.items[i])
		}
		row(fmt.Sprintf("fam_%d_%s", k, sanitize(f)), &e, "<=", 1)
	}
	for k, f := range p.Require {
		var e lpExpr
		for _, i := range fams[f] {
			e.add(1, n.items[i])
		}
		row(fmt.Sprintf("req_%d_%s", k, sanitize(f)), &e, "=", 1)
	}
	var all, strength lpExpr
	for i, it := range p.Items {
		all.add(1, n.items[i])
		if it.Role == catalog.Strength {
			strength.add(1, n.items[i])
		}
	}
	row("atleastone", all.clone(), ">=", 1)
	if p.MaxItems > 0 {
		row("maxitems", all.clone(), "<=", float64(p.MaxItems))
	}
	if p.NeedStrength {
		row("strength", &strength, ">=", 1)
	}
	for i, it := range p.Items {
		var e lpExpr
		e.add(1, n.items[i])
		e.add(-1, "y_"+n.places[it.Place])
		row("link_"+n.items[i][2:], &e, "<=", 0)
	}
	for _, q := range used {
		var e lpExpr
		e.add(1, "y_"+n.places[q])
		for i, it := range p.Items {
			if it.Place == q {
				e.add(-1, n.items[i])
			}
		}
		row("use_"+n.places[q], &e, "<=", 0)
	}
	// The path: one arc leaves the start, each used place is entered
	// once and left at most once, and MTZ orders forbid cycles.
	var start lpExpr
	for _, q := range used {
		start.add(1, arc(-1, q))
	}
	row("start", &start, "=", 1)
	for _, q := range used {
		var in, out lpExpr
		in.add(1, arc(-1, q))
		for _, r := range used {
			if r != q {
				in.add(1, arc(r, q))
				out.add(1, arc(q, r))
			}
		}
		in.add(-1, "y_"+n.places[q])
		row("in_"+n.places[q], &in, "=", 0)
		out.add(-1, "y_"+n.places[q])
		row("out_"+n.places[q], &out, "<=", 0)
	}
	big := float64(len(used))
	for _, a := range used {
		for _, b := range used {
			if a == b {
				continue
			}
			var e lpExpr
			e.add(1, "o_"+n.places[a])
			e.add(-1, "o_"+n.places[b])
			e.add(big, arc(a, b))
			row("mtz_"+n.places[a]+"_"+n.places[b], &e, "<=", big-1)
		}
	}
	var tm lpExpr
	for i, it := range p.Items {
		tm.add(float64(it.Seconds), n.items[i])
	}
	for _, q := range used {
		tm.add(float64(t[p.Start][q]), arc(-1, q))
		for _, r := range used {
			if r != q {
				tm.add(float64(t[q][r]), arc(q, r))
			}
		}
	}
	row("time", &tm, "<=", float64(p.Budget))
	if p.WarmUpFirst {
		for _, q := range used {
			var e lpExpr
			e.add(1, arc(-1, q))
			for i, it := range p.Items {
				if it.Place == q && it.Role == catalog.WarmUp {
					e.add(-1, n.items[i])
				}
			}
			row("first_"+n.places[q], &e, "<=", 0)
		}
	}
	if p.RelaxLast {
		for _, q := range used {
			var e lpExpr
			e.add(1, "y_"+n.places[q])
			for _, r := range used {
				if r != q {
					e.add(-1, arc(q, r))
				}
			}
			for i, it := range p.Items {
				if it.Place == q && it.Role == catalog.Relaxation {
					e.add(-1, n.items[i])
				}
			}
			row("last_"+n.places[q], &e, "<=", 0)
		}
	}

	bw.WriteString("Bounds\n")
	for g := range p.Groups {
		fmt.Fprintf(bw, " 0 <= %s <= 1\n", n.groups[g])
	}
	for i, it := range p.Items {
		if it.Fixed {
			fmt.Fprintf(bw, " %s = 1\n", n.items[i])
		}
	}
	for _, q := range used {
		fmt.Fprintf(bw, " 1 <= o_%s <= %s\n", n.places[q], num(big))
	}
	bw.WriteString("Binaries\n")
	for i := range p.Items {
		fmt.Fprintf(bw, " %s\n", n.items[i])
	}
	for _, q := range used {
		fmt.Fprintf(bw, " y_%s\n", n.places[q])
		fmt.Fprintf(bw, " %s\n", arc(-1, q))
		for _, r := range used {
			if r != q {
				fmt.Fprintf(bw, " %s\n", arc(q, r))
			}
		}
	}
	bw.WriteString("End\n")
	return bw.Flush()
}

// lpNameSet holds the LP names of a problem's variables.
type lpNameSet struct {
	items, groups, places []string
}

// lpNames gives each item, group and place a unique LP name: x_, z_ and
// a bare place name, from the ids with characters LP names cannot hold
// replaced, and the index appended when two ids would clash.
func lpNames(p *Problem) lpNameSet {
	var n lpNameSet
	seen := map[string]bool{}
	uniq := func(prefix, id string, i int) string {
		s := prefix + sanitize(id)
		if seen[s] {
			s = fmt.Sprintf("%s_%d", s, i)
		}
		seen[s] = true
		return s
	}
	for i, it := range p.Items {
		n.items = append(n.items, uniq("x_", it.ID, i))
	}
	for g, name := range p.Groups {
		n.groups = append(n.groups, uniq("z_", name, g))
	}
	for q, name := range p.Places {
		n.places = append(n.places, "p"+strconv.Itoa(q)+"_"+sanitize(name))
	}
	return n
}

// sanitize keeps letters, digits and underscores.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// num formats a coefficient exactly (shortest round-trip form).
func num(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// lpExpr collects the terms of a linear expression.
type lpExpr struct {
	terms []string
}

func (e *lpExpr) add(c float64, name string) {
	if c == 0 {
		return
	}
	if c < 0 {
		e.terms = append(e.terms, " - "+num(-c)+" "+name)
	} else {
		e.terms = append(e.terms, " + "+num(c)+" "+name)
	}
}

func (e *lpExpr) empty() bool { return len(e.terms) == 0 }

func (e *lpExpr) clone() *lpExpr { return &lpExpr{terms: slices.Clone(e.terms)} }

// flush writes the terms, a few per line: LP readers limit line length.
func (e *lpExpr) flush(w *bufio.Writer) {
	for k, t := range e.terms {
		if k > 0 && k%6 == 0 {
			w.WriteString("\n  ")
		}
		w.WriteString(t)
	}
	w.WriteString("\n")
}
