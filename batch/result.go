package batch

import "strings"

// Status is what happened to a row.
type Status string

// Row statuses.
const (
	OK        Status = "ok"        // planned and written
	Failed    Status = "failed"    // see the error; the batch went on
	Skipped   Status = "skipped"   // --resume: the file was already there
	Cancelled Status = "cancelled" // read, but the batch was interrupted before it started
)

// Result is the outcome of one row.
type Result struct {
	Row    int
	Line   int
	Status Status
	// File is the output file name in the output folder: the one
	// written (OK), found (Skipped), or in the way (Failed with
	// ErrExists).
	File string
	// Field is the profile field a failure is about ("minutes",
	// "floor", "red_flags", …); "" when it is about the whole row.
	Field string
	Err   error
	// Warnings are the routine's warnings (warning-level safety
	// answers): the routine was made, and the handout says to see a
	// clinician.
	Warnings []string
	// Offset is how much of the input had been read at this row.
	Offset int64

	plan []byte // jsonl: the plan, one line
}

// Where describes the row's position for messages: "row 3 (line 4)".
func (r Result) Where() string { return Row{N: r.Row, Line: r.Line}.Where() }

// Message is the row's error on one line ("" when there is none).
func (r Result) Message() string {
	if r.Err == nil {
		return ""
	}
	return oneLine(r.Err.Error())
}

// oneLine joins the lines of a multi-problem message with "; " and drops
// the package prefix, which says nothing to the person fixing a row.
func oneLine(msg string) string {
	var parts []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			for _, prefix := range []string{"planner: ", "profiles: ", "batch: ", "handout: "} {
				l = strings.TrimPrefix(l, prefix)
			}
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

// MaxListedFailures is how many failures a Summary keeps; the others are
// counted (every failure is on the report and was passed to OnResult).
const MaxListedFailures = 20

// Summary counts the rows of a batch.
type Summary struct {
	Read      int // rows read from the input
	OK        int
	Failed    int
	Skipped   int
	Cancelled int
	// Failures are the first MaxListedFailures failed rows.
	Failures []Result
	// Interrupted is true when the context was cancelled before every
	// row was done.
	Interrupted bool
	// Offset is how much of the input was read.
	Offset int64
}

// Done is the number of rows finished: OK, failed or skipped.
func (s Summary) Done() int { return s.OK + s.Failed + s.Skipped }
