// Package handout prints a planned routine for the person who will do
// it: as text for a terminal, Markdown, JSON for scripts, or a PDF a
// physiotherapist can hand over.
//
// Every format takes a *planner.Routine and Options; all but JSON also
// take the catalog, for the safety text, the tips and the easier
// variant to use when an exercise hurts. For example, with a routine r
// planned from catalog cat:
//
//	date, err := handout.DateFromEnv(os.Getenv, time.Now()) // SOURCE_DATE_EPOCH or now
//	if err != nil { … }
//	err = handout.PDF(w, r, cat, handout.Options{Paper: "letter", Date: date})
//
// writes a Letter-size PDF: a first page with who the routine is for,
// how often to do it, the routine as a table, the muscle groups it
// works, the clinician's notes and a "stop and get help" box; then one
// block per exercise with its figure, steps, breathing, dose, cautions
// and what to do if it hurts; then everyday tips. The same routine,
// catalog and options give the same bytes, on every machine: a product
// that meets a sum in the layout is written float64(x*y), which stops a
// compiler from fusing the two into a multiply-add that rounds once.
//
// The figures are drawn from each variant's catalog.Pose by one
// geometry layer (a side view in centimetres laid out into a box, far
// limbs lighter than near ones, props behind the body, the movement as
// a curved arrow) with two back-ends: the PDF and SVG, which Markdown
// inlines.
//
// Output is in English; names and notes may use any Latin, Greek or
// Cyrillic letters (see fonts.go).
package handout
