package catalog

import "slices"

// coverageEntry is one muscle-group weight in the compiled tables
// (catalog_gen.go), which hold lists because maps cannot be static data.
type coverageEntry struct {
	group  Group
	weight float64
}

// compiledCatalog builds the embedded catalog from the compiled tables.
// The tables are static data, so this costs a few allocations: the
// top-level lists are copied, the joints copied in and the coverage maps
// built, while the strings and the lists inside each entry (steps,
// cautions, props …) are shared between the catalogs it returns, which
// is why a Catalog is read-only.
func compiledCatalog() *Catalog {
	c := &Catalog{
		Families: slices.Clone(compiledFamilies),
		Variants: slices.Clone(compiledVariants),
		Tips:     slices.Clone(compiledTips),
		Safety:   compiledSafety,
	}
	c.Safety.RedFlags = slices.Clone(compiledSafety.RedFlags)
	c.Safety.StopRules = slices.Clone(compiledSafety.StopRules)
	for i := range c.Variants {
		v := &c.Variants[i]
		v.Coverage = make(map[Group]float64, len(compiledCoverage[i]))
		for _, e := range compiledCoverage[i] {
			v.Coverage[e.group] = e.weight
		}
		copy(v.Pose.Joints.pt[:], compiledJoints[i]) // every joint, in order
		v.Pose.Joints.has = allJoints
	}
	return c
}
