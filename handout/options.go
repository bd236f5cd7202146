package handout

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/limberhq/limber/catalog"
)

// Options say how a handout is printed. The zero value prints plain
// text without figures on A4 and dates the handout with the current time.
type Options struct {
	// Color adds ANSI colour to Text; set it only for a terminal that
	// wants colour (NO_COLOR unset).
	Color bool
	// Figures draws an SVG figure for every exercise in Markdown.
	Figures bool
	// Explain adds why each exercise is in the routine and why each other
	// one is not (Text, Markdown), and the reason line to PDF blocks.
	Explain bool
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
	// Logo is a PNG file printed at the top of the PDF's first page.
	Logo string
	// Date is printed on the handout and is the PDF's creation date; set
	// it from SOURCE_DATE_EPOCH (see DateFromEnv) for reproducible bytes.
	// The zero value means now.
	Date time.Time
	// Compact writes JSON on one line, for JSON Lines, instead of
	// indented.
	Compact bool
	// Safety is the catalog's safety text for JSON, which has no catalog
	// argument; set it to &cat.Safety so the JSON carries the stop rules.
	// Text, Markdown and PDF read the catalog they are given instead.
	Safety *catalog.Safety
}

// Papers lists the paper sizes PDF accepts.
var Papers = []string{"a4", "letter"}

// paper returns the fpdf size name for o.Paper.
func (o Options) paper() (string, error) {
	switch strings.ToLower(o.Paper) {
	case "", "a4":
		return "A4", nil
	case "letter":
		return "Letter", nil
	}
	return "", fmt.Errorf("handout: paper %q is not known (allowed: %s)", o.Paper, strings.Join(Papers, ", "))
}

// date is the handout's date in UTC, so the same instant prints the
// same day wherever the handout is made.
func (o Options) date() time.Time {
	if o.Date.IsZero() {
		return time.Now().UTC()
	}
	return o.Date.UTC()
}

// DateFromEnv returns the time SOURCE_DATE_EPOCH names (seconds since
// 1970, the reproducible-builds convention) or now when it is unset.
func DateFromEnv(getenv func(string) string, now time.Time) (time.Time, error) {
	v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return now.UTC(), nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("handout: SOURCE_DATE_EPOCH %q is not a whole number of seconds since 1970", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}
