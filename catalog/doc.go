// Package catalog is the library of exercises limber plans routines
// from: exercise families, each with variants for the floor, a bed, a
// chair, standing or a wall; the posture tips; and the safety text and
// red-flag questions.
//
// # Loading
//
// The catalog is YAML embedded in the binary (data/), one file per
// family, plus tips.yaml and safety.yaml. Load returns it, with any
// clinic files applied on top:
//
//	cat, err := catalog.Load("clinic.yaml")
//	v, ok := cat.Variant("cat-cow-chair")
//	others := cat.Siblings("cat-cow-chair") // cat-cow-bed, cat-cow-floor, …
//
// A later file replaces a family, variant or red flag with the same id
// and may add variants to an earlier family; its tips and stop rules are
// added, and its safety headlines replace the earlier ones. Within the
// embedded files, and within any one file, an id may be defined once.
//
// # Validation
//
// Loading checks everything and reports every problem at once, as an
// Errors value whose lines read
//
//	clinic.yaml:14: variants[heel-raise-chair].demands.rom: 4 is out of range 1 to 3
//	clinic.yaml:16: variants[heel-raise-chair].coverage.neck: unknown key (allowed: lower-back, glutes, …)
//
// Keys are the yaml tags of the model types; unknown keys, missing
// required fields, values out of range, unknown enum values, duplicate
// ids, variants of missing families and easier variants that do not
// exist are all problems. YAML anchors, aliases and << merge keys may
// be used; top-level keys starting with "x-" are ignored so they can
// hold anchors. Check also checks that the poses of a file's variants are
// plausible (Pose.Check), which Load leaves to the figures.
//
// # Speed
//
// Every limber command starts by loading the catalog, and parsing and
// validating the YAML takes tens of milliseconds. So go generate compiles
// the validated catalog into static Go tables (catalog_gen.go, written by
// internal/gen) that Load turns into a Catalog in about a tenth of a
// millisecond. The YAML stays the source of truth: Load uses the tables
// only while the embedded files have the names and sizes they were made
// from (EmbeddedShape), and a test fails unless they were made from
// exactly the embedded YAML (EmbeddedDigest) and equal what parsing it
// gives. Files given to Load always go through the YAML loader.
package catalog
