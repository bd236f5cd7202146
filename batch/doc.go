// Package batch plans routines for every row of a clinic list and
// writes a handout per row, or one plan per line to a stream.
//
// A batch reads rows (NewReader: CSV with a header row, JSON Lines or a
// JSON array, a YAML list), turns each row's values into a profile
// (profiles.Apply over the batch's base profile, a row's "preset"
// first), plans it (planner.Plan) and renders it (handout.Text,
// Markdown, JSON or PDF):
//
//	patients.csv                      out/
//	  patient,minutes,floor             1-Ann_Lee.pdf
//	  Ann Lee,10,mat            ──►     (row 2 failed: floor: "carpet" is
//	  Bob,8,carpet                       not one of mat, bed, none)
//	  ../../etc/passwd,5                 3-etc_passwd.pdf
//
//	in, err := batch.NewReader(file, batch.CSV)
//	sum, err := batch.Run(ctx, in, batch.Options{
//		Catalog: cat, Known: known, Base: profiles.Default(), MinutesGiven: false,
//		Format: batch.PDF, OutDir: "out", Settings: planner.DefaultSettings(),
//	})
//	// sum.OK == 2, sum.Failed == 1, sum.Failures[0].Field == "floor"
//
// A bad row never costs the others: it becomes a Result with status
// Failed, the field it is about and the message, and the batch goes on.
// Only an input that cannot be read at all (an *InputError) stops it.
//
// File names come from a Template ({row}-{patient} by default) through
// SanitizeName and a Namer, so that no value in a row can name a file
// outside the output folder, hide its real name behind direction marks,
// or collide with another row's file. Files are written atomically: a
// temporary file in the output folder, synced, then renamed (or hard
// linked, when an existing file must not be replaced) into place.
//
// Run streams: a reader goroutine, Options.Jobs workers and an ordered
// collector are joined by bounded channels, and at most Options.Window
// rows are between reading and reporting. Results are reported in input
// order whatever order the workers finish in. Memory is bounded by the
// window and by MaxRowBytes, not by the length of the input; the only
// thing that grows is the set of file names given out, which keeps
// names unique.
//
// Cancelling Run's context (an interrupt) stops the reading; rows being
// planned are finished and written, rows read but not started are
// reported as Cancelled, and no temporary file is left behind.
package batch
