package catalog

import (
	"slices"
	"strings"
)

// Variant returns the variant with the given id.
func (c *Catalog) Variant(id string) (Variant, bool) {
	i, ok := slices.BinarySearchFunc(c.Variants, id, func(v Variant, id string) int { return strings.Compare(v.ID, id) })
	if !ok {
		return Variant{}, false
	}
	return c.Variants[i], true
}

// Family returns the family with the given id.
func (c *Catalog) Family(id string) (Family, bool) {
	i, ok := slices.BinarySearchFunc(c.Families, id, func(f Family, id string) int { return strings.Compare(f.ID, id) })
	if !ok {
		return Family{}, false
	}
	return c.Families[i], true
}

// FamilyVariants returns the variants of family id, sorted by id.
func (c *Catalog) FamilyVariants(id string) []Variant {
	var out []Variant
	for _, v := range c.Variants {
		if v.Family == id {
			out = append(out, v)
		}
	}
	return out
}

// Siblings returns the other variants of the family of variant id,
// sorted by id; none when id is unknown.
func (c *Catalog) Siblings(id string) []Variant {
	v, ok := c.Variant(id)
	if !ok {
		return nil
	}
	var out []Variant
	for _, s := range c.FamilyVariants(v.Family) {
		if s.ID != id {
			out = append(out, s)
		}
	}
	return out
}

// RedFlag returns the red flag with the given id.
func (c *Catalog) RedFlag(id string) (RedFlag, bool) {
	for _, rf := range c.Safety.RedFlags {
		if rf.ID == id {
			return rf, true
		}
	}
	return RedFlag{}, false
}

// IDs returns the ids of every variant, sorted.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.Variants))
	for i, v := range c.Variants {
		ids[i] = v.ID
	}
	return ids
}

// FamilyIDs returns the ids of every family, sorted.
func (c *Catalog) FamilyIDs() []string {
	ids := make([]string, len(c.Families))
	for i, f := range c.Families {
		ids[i] = f.ID
	}
	return ids
}

// RedFlagIDs returns the ids of every red flag, sorted.
func (c *Catalog) RedFlagIDs() []string {
	ids := make([]string, len(c.Safety.RedFlags))
	for i, rf := range c.Safety.RedFlags {
		ids[i] = rf.ID
	}
	slices.Sort(ids)
	return ids
}

// NeedsFloor reports whether the variant is done on the floor.
func (v Variant) NeedsFloor() bool { return v.Surface == SurfaceFloor }

// NoFloor reports whether the variant can be done by someone who cannot
// get down to the floor or onto a bed: standing, on a chair or at a wall.
func (v Variant) NoFloor() bool { return v.Surface != SurfaceFloor && v.Surface != SurfaceBed }

// Sides is 2 for a variant done on each side, else 1.
func (v Variant) Sides() int {
	if v.Sided {
		return 2
	}
	return 1
}

// Seconds is the time one execution takes at the variant's own dosage,
// by the formula on Dosage.
func (v Variant) Seconds() int { return v.Dosage.Seconds(v.Sides(), v.Dosage.Hold, v.Dosage.Reps) }

// Seconds is the time of one execution on sides sides with the given
// hold and reps:
//
//	Setup + sides·Sets·reps·(hold + Move) + (sides·Sets − 1)·Switch
func (d Dosage) Seconds(sides, hold, reps int) int {
	rounds := sides * d.Sets
	return d.Setup + rounds*reps*(hold+d.Move) + max(rounds-1, 0)*d.Switch
}

// Works reports the coverage weight of group g (0 when absent).
func (v Variant) Works(g Group) float64 { return v.Coverage[g] }

// Filter selects variants for listing. The zero Filter selects all.
type Filter struct {
	Group   Group // only variants that work this group (weight above 0)
	Role    Role  // only variants with this role
	NoFloor bool  // only variants that need neither floor nor bed
}

// Match reports whether v passes the filter.
func (f Filter) Match(v Variant) bool {
	return (f.Group == "" || v.Coverage[f.Group] > 0) &&
		(f.Role == "" || v.Role == f.Role) &&
		(!f.NoFloor || v.NoFloor())
}

// Filter returns the variants that pass f, sorted by id.
func (c *Catalog) Filter(f Filter) []Variant {
	out := []Variant{}
	for _, v := range c.Variants {
		if f.Match(v) {
			out = append(out, v)
		}
	}
	return out
}

// Nearest returns the id among ids closest to id by edit distance, or ""
// when none is close enough to be a likely typing mistake. An id that
// is a prefix of exactly one candidate, or a family id, also counts.
func Nearest(id string, ids []string) string {
	best, bestDist := "", -1
	for _, c := range ids {
		d := editDistance(id, c)
		if strings.HasPrefix(c, id+"-") || strings.HasPrefix(id, c+"-") {
			d = min(d, 2) // a family id names the start of its variants' ids
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	// Allow one mistake per four characters, at least two.
	if bestDist < 0 || bestDist > max(2, len(id)/4) {
		return ""
	}
	return best
}

func didYouMean(id string, ids []string) string {
	slices.Sort(ids)
	if n := Nearest(id, ids); n != "" {
		return " (did you mean " + n + "?)"
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b in bytes;
// ids are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
