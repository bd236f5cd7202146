package handout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// Page layout, in millimetres and points.
const (
	margin      = 16.0 // left, right and top
	footerSpace = 18.0 // bottom margin, the footer lives in it
	bodySize    = 9.5  // pt
	smallSize   = 8.5
	lineGap     = 1.38 // line height over font size
	ptMM        = 25.4 / 72

	figW     = 66.0 // exercise figure box
	figH     = 48.0
	colGap   = 5.0
	labelW   = 21.0 // the label column of an exercise block ("Breathe")
	badgeW   = 9.0  // the number badge in front of an exercise's name
	bulletW  = 4.5
	boxPad   = 3.5
	barWidth = 24.0
)

// Ink colours of the page.
var (
	inkText    = rgb(0x1f, 0x24, 0x2b)
	inkMuted   = rgb(0x5f, 0x67, 0x72)
	inkHead    = rgb(0x23, 0x3d, 0x66)
	inkRule    = rgb(0xc9, 0xd1, 0xdb)
	inkStripe  = rgb(0xf1, 0xf4, 0xf8)
	inkFigBack = rgb(0xf6, 0xf8, 0xfb)
	inkBar     = rgb(0x2a, 0x7f, 0x62)
	inkBarBack = rgb(0xe3, 0xe8, 0xee)
	inkDanger  = rgb(0xb3, 0x26, 0x1e)
	inkDangerB = rgb(0xfd, 0xf0, 0xee)
	inkWarn    = rgb(0x8a, 0x5a, 0x00)
	inkWarnB   = rgb(0xff, 0xf5, 0xdb)
	inkNotesB  = rgb(0xf4, 0xf7, 0xf4)
)

const fontFamily = "DejaVu"

// PDF writes the patient handout: a first page with the routine, its
// coverage, the clinician's notes and the safety box; one block per
// exercise with its figure; a tips page. The same routine, catalog and
// options give the same bytes.
func PDF(w io.Writer, r *planner.Routine, cat *catalog.Catalog, o Options) error {
	if r == nil {
		return errors.New("handout: no routine")
	}
	d, err := newPDFDoc(r, cat, o)
	if err != nil {
		return err
	}
	d.firstPage()
	d.exercises()
	d.tips()
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("handout: pdf: %w", err)
	}
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("handout: pdf: %w", err)
	}
	return nil
}

// pdfDoc is a handout being laid out. y is the cursor: the top of the
// next thing drawn. Every section measures itself before it draws, so a
// page break comes before a block instead of through it.
type pdfDoc struct {
	f      *fpdf.Fpdf
	r      *planner.Routine
	cat    *catalog.Catalog
	o      Options
	left   float64
	width  float64 // content width
	bottom float64 // lowest y content may reach
	y      float64
	logo   *fpdf.ImageInfoType
}

func newPDFDoc(r *planner.Routine, cat *catalog.Catalog, o Options) (*pdfDoc, error) {
	size, err := o.paper()
	if err != nil {
		return nil, err
	}
	f := fpdf.New("P", "mm", size, "")
	date := o.date()
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true) // resource dictionaries in a fixed order: same bytes every run
	f.SetCreator("limber", true)
	f.SetTitle("Lower-back exercise routine", true)
	if r.Profile.Patient != "" {
		f.SetSubject(pdfSafe("Exercise routine for "+r.Profile.Patient), true)
	}
	if r.Profile.Clinician != "" {
		f.SetAuthor(pdfSafe(r.Profile.Clinician), true)
	}
	f.SetLang("en")
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, footerSpace)
	f.SetCellMargin(0)
	f.AliasNbPages("{nb}")
	pw, ph := f.GetPageSize()
	d := &pdfDoc{f: f, r: r, cat: cat, o: o, left: margin, width: pw - 2*margin, bottom: ph - footerSpace}
	if o.Logo != "" {
		data, err := os.ReadFile(o.Logo)
		if err != nil {
			return nil, fmt.Errorf("handout: logo: %w", err)
		}
		d.logo = f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("handout: logo %s: %w", o.Logo, err)
		}
	}
	footer := date.Format("2 January 2006")
	if p := r.Profile.Patient; p != "" {
		footer = p + " · " + footer
	}
	f.SetFooterFunc(func() {
		y := ph - footerSpace + 8
		d.setDraw(inkRule)
		f.SetLineWidth(0.2)
		f.Line(d.left, y-3, d.left+d.width, y-3)
		d.font("", smallSize, inkMuted)
		d.text(d.left, y, d.width/2, 4, footer, "L")
		// The page count replaces "{nb}" after the line is laid out, so
		// the line is placed by the width it has with a two-digit count
		// (DejaVu's digits are all one width): flush right for 10 to 99
		// pages, one digit short of it for fewer.
		n := f.PageNo()
		w := f.GetStringWidth(fmt.Sprintf("Page %d of 99", n))
		d.text(d.left+d.width-w, y, w, 4, fmt.Sprintf("Page %d of {nb}", n), "L")
	})
	return d, nil
}

func (d *pdfDoc) setText(c colour) { d.f.SetTextColor(int(c.r), int(c.g), int(c.b)) }
func (d *pdfDoc) setFill(c colour) { d.f.SetFillColor(int(c.r), int(c.g), int(c.b)) }
func (d *pdfDoc) setDraw(c colour) { d.f.SetDrawColor(int(c.r), int(c.g), int(c.b)) }

// text writes s in a w × h cell at (x, y), aligned "L", "C" or "R".
func (d *pdfDoc) text(x, y, w, h float64, s, align string) {
	d.f.SetXY(x, y)
	d.f.CellFormat(w, h, pdfSafe(s), "", 0, align, false, 0, "")
}

// pdfSafe makes s printable by fpdf, which looks glyphs up by 16-bit
// code and reads UTF-8 without checking it (a character beyond U+FFFF,
// such as an emoji in a name, or a broken byte sequence would crash
// it): those become U+FFFD, and control characters spaces.
func pdfSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xffff:
			return utf8.RuneError
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
}

func (d *pdfDoc) font(style string, size float64, c colour) {
	d.f.SetFont(fontFamily, style, size)
	d.setText(c)
}

func (d *pdfDoc) newPage() {
	d.f.AddPage()
	d.y = margin
}

// fits reports whether h millimetres fit below the cursor.
func (d *pdfDoc) fits(h float64) bool { return d.y+h <= d.bottom+0.01 }

// ensure starts a new page unless h millimetres fit below the cursor.
func (d *pdfDoc) ensure(h float64) {
	if !d.fits(h) {
		d.newPage()
	}
}

// textLine is one line of laid-out text.
type textLine struct {
	x, w  float64 // relative to the column's left edge
	text  string
	style string
	size  float64
	ink   colour
	// marker is drawn just in front of x on the first line: a list
	// number or bullet. tag is a bold label at the column's left edge on
	// the first line, for label–text rows.
	marker, tag string
	gap         float64 // space above the line
}

// lineHeight is the height of the line's text, without the gap above.
func (l textLine) lineHeight() float64 { return float64(l.size * ptMM * lineGap) }

func (l textLine) height() float64 { return l.gap + l.lineHeight() }

// steps is the length of n steps of size step (n rows, n columns). The
// product is rounded on its own (an explicit conversion), so no
// platform fuses it into the sum it meets and the layout is the same
// everywhere.
func steps(n int, step float64) float64 { return float64(float64(n) * step) }

// wrap lays out text in a column of width w starting at x, with marker
// hanging in front of the first line.
func (d *pdfDoc) wrap(text string, x, w float64, style string, size float64, ink colour, marker string, gap float64) []textLine {
	d.f.SetFont(fontFamily, style, size)
	var out []textLine
	for i, s := range d.f.SplitText(pdfSafe(text), w) {
		l := textLine{x: x, w: w, text: s, style: style, size: size, ink: ink}
		if i == 0 {
			l.marker, l.gap = marker, gap
		}
		out = append(out, l)
	}
	return out
}

func linesHeight(ls []textLine) float64 {
	var h float64
	for _, l := range ls {
		h += l.height()
	}
	return h
}

// drawLines draws ls in the column at x0 from the cursor down.
func (d *pdfDoc) drawLines(x0 float64, ls []textLine) {
	for _, l := range ls {
		d.y += l.gap
		lh := l.lineHeight()
		if l.tag != "" {
			d.font("B", l.size, inkHead)
			d.text(x0, d.y, l.x, lh, l.tag, "L")
		}
		d.font(l.style, l.size, l.ink)
		if l.marker != "" {
			mw := d.f.GetStringWidth(l.marker) + 1.2
			d.text(x0+l.x-mw, d.y, mw, lh, l.marker, "L")
		}
		d.text(x0+l.x, d.y, l.w, lh, l.text, "L")
		d.y += lh
	}
}

// headingHeight is the height drawHeading takes.
func headingHeight(size, gapAbove float64) float64 {
	return gapAbove + headingLine(size)
}

// headingLine is the height of a heading's text at size.
func headingLine(size float64) float64 { return float64(size * ptMM * 1.5) }

func (d *pdfDoc) drawHeading(text string, size float64, gapAbove float64) {
	d.y += gapAbove
	d.font("B", size, inkHead)
	lh := headingLine(size)
	d.text(d.left, d.y, d.width, lh, text, "L")
	d.y += lh
}

// firstPage draws the overview: title, who and when, warnings, the
// routine table, coverage, notes and the safety box.
func (d *pdfDoc) firstPage() {
	d.newPage()
	f := d.f
	titleW := d.width
	if d.logo != nil {
		// Fit the logo in a 42 × 16 mm box at the top right.
		lw, lh := d.logo.Width(), d.logo.Height()
		s := math.Min(42/lw, 16/lh)
		f.ImageOptions("logo", d.left+d.width-float64(lw*s), d.y, lw*s, lh*s, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		titleW -= 46
	}
	d.font("B", 18, inkHead)
	d.text(d.left, d.y, titleW, 9, "Your lower-back exercise routine", "L")
	d.y += 10
	if c := d.r.Profile.Clinic; c != "" {
		d.font("", 11, inkMuted)
		d.text(d.left, d.y, titleW, 5.5, c, "L")
		d.y += 6
	}
	d.y = math.Max(d.y, margin+17) + 2
	d.facts()
	d.warnings()

	// The safety box belongs on the first page. The sections go in the
	// first of these orders that keeps it there; what follows the box
	// may run onto the next page.
	t := d.layoutTable()
	safety := d.layoutSafety()
	notes := d.notesLines()
	type section struct {
		h      float64
		draw   func()
		safety bool
	}
	var (
		tableS    = section{h: t.height(), draw: func() { d.drawTable(t) }}
		notesS    = section{h: boxHeight(notes), draw: func() { d.box(notes, inkNotesB, inkRule, 3) }}
		coverageS = section{h: d.coverageHeight(), draw: d.coverage}
		safetyS   = section{h: safety.height(), draw: func() { d.drawSafety(safety) }, safety: true}
	)
	orders := [][]section{
		{tableS, notesS, coverageS, safetyS},
		{tableS, notesS, safetyS, coverageS},
		{tableS, safetyS, notesS, coverageS},
		{safetyS, tableS, notesS, coverageS},
	}
	chosen := orders[len(orders)-1]
	for _, order := range orders {
		h := 0.0
		for _, sec := range order {
			h += sec.h
			if sec.safety {
				break
			}
		}
		if d.fits(h) {
			chosen = order
			break
		}
	}
	for _, sec := range chosen {
		sec.draw()
	}
}

// boxHeight is the height box takes for ls, with the gap below it.
func boxHeight(ls []textLine) float64 {
	if len(ls) == 0 {
		return 0
	}
	return linesHeight(ls) + 2*boxPad + 3
}

// facts prints who, when and how long as label–value pairs in two
// columns.
func (d *pdfDoc) facts() {
	p := d.r.Profile
	type fact struct{ label, value string }
	var fs []fact
	for _, x := range []fact{{"Patient", p.Patient}, {"Clinician", p.Clinician}, {"Clinic", p.Clinic}} {
		if x.value != "" {
			fs = append(fs, x)
		}
	}
	fs = append(fs,
		fact{"Date", d.o.date().Format("2 January 2006")},
		fact{"How often", upperFirst(howOften(p))},
		fact{"Time", duration(d.r.Total) + " each time"},
	)
	colW := float64(d.width / 2)
	const lw = 22.0
	lh := bodySize * ptMM * lineGap
	rows := (len(fs) + 1) / 2
	// Each value wraps in its column; a row is as tall as its taller value.
	for row := 0; row < rows; row++ {
		var cells [][]textLine
		h := 0.0
		for c := 0; c < 2; c++ {
			i := row + c*rows
			if i >= len(fs) {
				break
			}
			ls := d.wrap(fs[i].value, 0, colW-lw-3, "", bodySize, inkText, "", 0)
			cells = append(cells, ls)
			h = math.Max(h, linesHeight(ls))
		}
		y0 := d.y
		for c, ls := range cells {
			x := d.left + steps(c, colW)
			d.font("B", bodySize, inkMuted)
			d.text(x, y0, lw, lh, fs[row+c*rows].label, "L")
			d.y = y0
			d.drawLines(x+lw, ls)
		}
		d.y = y0 + h + 0.6
	}
	d.y += 2
}

// warnings prints the routine's warnings in a box above everything else
// a patient reads.
func (d *pdfDoc) warnings() {
	if len(d.r.Warnings) == 0 {
		return
	}
	inner := d.width - 2*boxPad
	title := safetyOf(d.cat, d.r).Warning
	if title == "" {
		title = warningFallback
	}
	ls := d.wrap(title, 0, inner, "B", bodySize+0.5, inkWarn, "", 0)
	for _, w := range d.r.Warnings {
		ls = append(ls, d.wrap(upperFirst(w), bulletW, inner-bulletW, "", bodySize, inkText, "•", 1)...)
	}
	d.box(ls, inkWarnB, inkWarn, 3)
}

// box draws ls inside a filled, outlined box across the column, then
// leaves gapBelow. A box that does not fit the rest of the page starts a
// new one; one taller than a page continues on the next in a new box.
func (d *pdfDoc) box(ls []textLine, fill, edge colour, gapBelow float64) {
	if len(ls) == 0 {
		return
	}
	inner := 2 * boxPad
	d.ensure(math.Min(linesHeight(ls)+inner, d.bottom-margin))
	for len(ls) > 0 {
		n, h := 0, inner
		for n < len(ls) && d.fits(h+ls[n].height()) {
			h += ls[n].height()
			n++
		}
		if n == 0 {
			d.newPage()
			continue
		}
		d.setFill(fill)
		d.setDraw(edge)
		d.f.SetLineWidth(0.5)
		d.f.RoundedRect(d.left, d.y, d.width, h, 2, "1234", "FD")
		d.y += boxPad
		d.drawLines(d.left+boxPad, ls[:n])
		d.y += boxPad
		ls = ls[n:]
		if len(ls) > 0 {
			d.newPage()
		}
	}
	d.y += gapBelow
}

// tableCol is a column of the routine table.
type tableCol struct {
	title string
	w     float64
	align string
}

// table is the routine table laid out: each row's cells as wrapped
// lines, and each row's height.
type table struct {
	cols    []tableCol
	head    [][]string
	headH   float64
	rows    [][][]string
	heights []float64
	totalH  float64 // the total row
}

const (
	tablePad  = 1.3
	tableSize = bodySize - 0.5
)

// layoutTable wraps every cell of the routine table.
func (d *pdfDoc) layoutTable() table {
	t := table{cols: []tableCol{{"", 8, "R"}, {"Exercise", 0, "L"}, {"Position", 36, "L"}, {"Hold × reps", 24, "L"}, {"Sides", 30, "L"}, {"Time", 21, "R"}}}
	rest := d.width
	for _, c := range t.cols {
		rest -= c.w
	}
	t.cols[1].w = rest
	lh := tableSize * ptMM * lineGap
	cells := func(texts []string, style string) ([][]string, float64) {
		d.f.SetFont(fontFamily, style, tableSize)
		out := make([][]string, len(texts))
		n := 1
		for i, c := range texts {
			out[i] = d.f.SplitText(pdfSafe(c), t.cols[i].w-2*tablePad)
			if len(out[i]) == 0 {
				out[i] = []string{""}
			}
			n = max(n, len(out[i]))
		}
		return out, steps(n, lh) + 2*tablePad
	}
	head := make([]string, len(t.cols))
	for i, c := range t.cols {
		head[i] = c.title
	}
	t.head, t.headH = cells(head, "B")
	for i, s := range d.r.Steps {
		row, h := cells([]string{
			fmt.Sprint(i + 1), s.Variant.Name, positionText(s.Variant.Position), doseShort(s), sidesShort(s), duration(s.Seconds),
		}, "")
		t.rows = append(t.rows, row)
		t.heights = append(t.heights, h)
	}
	t.totalH = lh + 2*tablePad
	return t
}

// height is the table's height with its heading when it fits one page.
func (t table) height() float64 {
	h := headingHeight(13, 2) + t.headH + t.totalH + 3
	for _, rh := range t.heights {
		h += rh
	}
	return h
}

// drawTable prints the order, exercise, position, dose, sides and time
// of each step, then the total; a row that does not fit starts a new page
// under a repeated header.
func (d *pdfDoc) drawTable(t table) {
	lh := tableSize * ptMM * lineGap
	drawRow := func(cells [][]string, h float64, style string, fill colour, ink colour) {
		x := d.left
		if fill.ok {
			d.setFill(fill)
			d.f.Rect(d.left, d.y, d.width, h, "F")
		}
		d.font(style, tableSize, ink)
		for i, c := range cells {
			for k, s := range c {
				d.text(x+tablePad, d.y+tablePad+steps(k, lh), t.cols[i].w-2*tablePad, lh, s, t.cols[i].align)
			}
			x += t.cols[i].w
		}
		d.y += h
	}
	// The table starts where it is when its heading and first three
	// rows fit, and continues on the next page under its header.
	start := headingHeight(13, 2) + t.headH + t.totalH
	for _, h := range t.heights[:min(3, len(t.heights))] {
		start += h
	}
	d.ensure(start)
	d.drawHeading("Your routine", 13, 2)
	drawRow(t.head, t.headH, "B", inkHead, colWhite)
	for i, row := range t.rows {
		need := t.heights[i]
		if i == len(t.rows)-1 {
			need += t.totalH // the total stays with the last row
		}
		if !d.fits(need) {
			d.newPage()
			drawRow(t.head, t.headH, "B", inkHead, colWhite)
		}
		fill := colour{}
		if i%2 == 1 {
			fill = inkStripe
		}
		drawRow(row, t.heights[i], "", fill, inkText)
	}
	total := "Total"
	if moving := movingSeconds(d.r); moving > 0 {
		total = fmt.Sprintf("Total, with %s to change position", duration(moving))
	}
	d.ensure(t.totalH)
	d.setDraw(inkHead)
	d.f.SetLineWidth(0.3)
	d.f.Line(d.left, d.y, d.left+d.width, d.y)
	timeW := t.cols[len(t.cols)-1].w
	d.font("B", tableSize, inkText)
	d.text(d.left+t.cols[0].w+tablePad, d.y+tablePad, d.width-t.cols[0].w-timeW-2*tablePad, lh, total, "L")
	d.text(d.left+d.width-timeW+tablePad, d.y+tablePad, timeW-2*tablePad, lh, duration(d.r.Total), "R")
	d.y += t.totalH + 3
}

const coverageLine = 5.2

// coverageHeight is the height coverage takes.
func (d *pdfDoc) coverageHeight() float64 {
	n := (len(coverageRows(d.r)) + 1) / 2
	return headingHeight(13, 1) + coverageLine + steps(n, coverageLine) + 3
}

// coverage prints a bar per muscle group in two columns.
func (d *pdfDoc) coverage() {
	rows := coverageRows(d.r)
	n := (len(rows) + 1) / 2
	lh := coverageLine
	title := "What it works"
	note := "How much of each muscle group's target this routine reaches."
	d.ensure(d.coverageHeight())
	d.drawHeading(title, 13, 1)
	d.font("", smallSize, inkMuted)
	d.text(d.left, d.y, d.width, lh-1, note, "L")
	d.y += lh
	colW := float64(d.width / 2)
	labelW := colW - barWidth - 18 // 12 for the percentage, 6 between the columns
	for i, row := range rows {
		x := d.left + steps(i/n, colW)
		y := d.y + steps(i%n, lh)
		d.font("", smallSize, inkText)
		d.text(x, y, labelW, lh, fitText(d.f, groupText(row.Group), labelW), "L")
		bx, by := x+labelW+1, y+1.3
		d.setFill(inkBarBack)
		d.f.Rect(bx, by, barWidth, lh-2.6, "F")
		if row.Value > 0 {
			d.setFill(inkBar)
			d.f.Rect(bx, by, barWidth*row.Value, lh-2.6, "F")
		}
		d.text(bx+barWidth+1, y, 11, lh, fmt.Sprintf("%.0f%%", 100*row.Value), "R")
	}
	d.y += steps(n, lh) + 3
}

// fitText shortens s with an ellipsis until it fits w.
func fitText(f *fpdf.Fpdf, s string, w float64) string {
	s = pdfSafe(s)
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// notesLines lays out the clinician's notes, one paragraph per line of
// the notes text; none when there are no notes.
func (d *pdfDoc) notesLines() []textLine {
	text := strings.TrimSpace(d.r.Profile.Notes)
	if text == "" {
		return nil
	}
	inner := d.width - 2*boxPad
	ls := d.wrap("Notes from your clinician", 0, inner, "B", bodySize+0.5, inkHead, "", 0)
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			ls = append(ls, d.wrap(p, 0, inner, "", bodySize, inkText, "", 1)...)
		}
	}
	return ls
}

// safetyLines is the content of the "stop and get help" box.
// safetyBox is the "stop and get help" box laid out: a title across the
// box over two columns, when to stop beside the warning signs that need
// medical help.
type safetyBox struct {
	title, left, right []textLine
	colW               float64
}

func (d *pdfDoc) layoutSafety() safetyBox {
	s := safetyOf(d.cat, d.r)
	inner := d.width - 2*boxPad
	b := safetyBox{colW: (inner - colGap) / 2}
	b.title = d.wrap(safetyTitle, 0, inner, "B", bodySize+1.5, inkDanger, "", 0)
	list := func(lead string, leadInk colour, items []string) []textLine {
		ls := d.wrap(lead, 0, b.colW, "B", smallSize, leadInk, "", 1)
		for _, t := range items {
			ls = append(ls, d.wrap(t, bulletW, b.colW-bulletW, "", smallSize, inkText, "•", 0.5)...)
		}
		return ls
	}
	switch {
	case len(s.Stop) > 0 && len(s.Urgent) > 0:
		b.left, b.right = list(stopLead, inkText, s.Stop), list(urgentLead, inkDanger, s.Urgent)
	case len(s.Stop) > 0:
		b.left = list(stopLead, inkText, s.Stop)
	case len(s.Urgent) > 0:
		b.left = list(urgentLead, inkDanger, s.Urgent)
	default:
		b.left = d.wrap(stopFallback, 0, b.colW, "", smallSize, inkText, "", 1)
	}
	return b
}

// height is the box's height with the gap below it.
func (b safetyBox) height() float64 {
	return linesHeight(b.title) + math.Max(linesHeight(b.left), linesHeight(b.right)) + 2*boxPad + 3
}

// drawSafety draws the box, kept whole on a page; in the unlikely case
// that it is taller than a page, as one column that continues on the
// next.
func (d *pdfDoc) drawSafety(b safetyBox) {
	if b.height() > d.bottom-margin {
		var ls []textLine
		for _, l := range append(append(append(ls, b.title...), b.left...), b.right...) {
			l.w = d.width - 2*boxPad - l.x
			ls = append(ls, l)
		}
		d.box(ls, inkDangerB, inkDanger, 3)
		return
	}
	d.ensure(b.height())
	d.setFill(inkDangerB)
	d.setDraw(inkDanger)
	d.f.SetLineWidth(0.5)
	d.f.RoundedRect(d.left, d.y, d.width, b.height()-3, 2, "1234", "FD")
	d.y += boxPad
	x := d.left + boxPad
	d.drawLines(x, b.title)
	top := d.y
	d.drawLines(x, b.left)
	d.y = top
	d.drawLines(x+b.colW+colGap, b.right)
	d.y = top - linesHeight(b.title) - boxPad + b.height()
}

// equipmentWords says what each piece of equipment is.
var equipmentWords = map[catalog.Equipment]string{
	catalog.Strap:   "a strap, belt or towel",
	catalog.Cushion: "a cushion or yoga block",
	catalog.Pillow:  "a pillow",
	catalog.Ball:    "a tennis or massage ball",
	catalog.Wall:    "a clear stretch of wall",
	catalog.Chair:   "a sturdy chair without wheels",
}

// needs lists what a variant needs at hand, in words.
func needs(v catalog.Variant) string {
	var out []string
	switch v.Surface {
	case catalog.SurfaceFloor:
		out = append(out, "a mat or carpet on the floor")
	case catalog.SurfaceBed:
		out = append(out, "a firm bed")
	case catalog.SurfaceChair:
		if !containsEquipment(v.Equipment, catalog.Chair) {
			out = append(out, equipmentWords[catalog.Chair])
		}
	case catalog.SurfaceWall:
		if !containsEquipment(v.Equipment, catalog.Wall) {
			out = append(out, equipmentWords[catalog.Wall])
		}
	}
	for _, e := range v.Equipment {
		if s, ok := equipmentWords[e]; ok {
			out = append(out, s)
		} else {
			out = append(out, string(e))
		}
	}
	return strings.Join(out, "; ")
}

func containsEquipment(list []catalog.Equipment, e catalog.Equipment) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// exerciseBlock is an exercise laid out: a header (number, name, time,
// and a line saying position, role and family), a figure and the text
// column beside it.
type exerciseBlock struct {
	n    int
	step planner.Step
	time string     // the exercise's time, right of the name
	name []textLine // the name, wrapped beside the time
	sub  []textLine
	fig  figure
	text []textLine
}

// headerHeight is the height of the block's header.
func (b exerciseBlock) headerHeight() float64 {
	return 2 + linesHeight(b.name) + linesHeight(b.sub) + 1.5
}

func (b exerciseBlock) height() float64 {
	return b.headerHeight() + math.Max(figH, linesHeight(b.text)) + 5
}

// layoutBlock lays out step, the n-th of the routine.
func (d *pdfDoc) layoutBlock(n int, s planner.Step) (exerciseBlock, error) {
	v := s.Variant
	fig, err := layoutPose(v.Pose, figW-4, figH-4)
	if err != nil {
		return exerciseBlock{}, fmt.Errorf("exercise %s: %w", v.ID, err)
	}
	b := exerciseBlock{n: n, step: s, time: duration(s.Seconds), fig: fig}
	d.f.SetFont(fontFamily, "B", 10)
	tw := d.f.GetStringWidth(b.time) + 3
	name := v.Name
	if name == "" {
		name = v.ID
	}
	b.name = d.wrap(name, 0, d.width-badgeW-tw, "B", 12, inkText, "", 0)
	sub := upperFirst(positionText(v.Position)) + " · " + string(v.Role)
	if s.FamilyName != "" && s.FamilyName != v.Name {
		sub += " · " + s.FamilyName
	}
	b.sub = d.wrap(sub, 0, d.width-badgeW, "", smallSize, inkMuted, "", 0)
	b.text = d.exerciseText(s, d.width-figW-colGap)
	return b, nil
}

// exerciseText lays out the text column of a block: numbered steps, then
// label–text rows for breathing, dose, needs, cautions and what to do if
// it hurts.
func (d *pdfDoc) exerciseText(s planner.Step, w float64) []textLine {
	v := s.Variant
	var ls []textLine
	for i, st := range v.Steps {
		ls = append(ls, d.wrap(st, bulletW+0.8, w-bulletW-0.8, "", bodySize, inkText, fmt.Sprintf("%d.", i+1), 0.8)...)
	}
	// row adds a label–text row; a marker indents the text behind it.
	row := func(tag, marker, text string, ink colour, gap float64) {
		if text == "" {
			return
		}
		x := labelW
		if marker != "" {
			x += bulletW
		}
		first := len(ls)
		ls = append(ls, d.wrap(text, x, w-x, "", bodySize, ink, marker, gap)...)
		ls[first].tag = tag
	}
	row("Breathe", "", v.Dosage.Breath, inkText, 1.6)
	row("Dose", "", doseLong(s), inkText, 1.6)
	row("You need", "", needs(v), inkText, 1.6)
	for i, c := range v.Cautions {
		if i == 0 {
			row("Take care", "•", c, inkText, 1.6)
		} else {
			row("", "•", c, inkText, 0.4)
		}
	}
	if e := easier(d.cat, v); e != "" {
		row("If it hurts", "", sentence(e), inkDanger, 1.6)
	}
	if d.o.Explain && s.Reason != "" {
		row("Why", "", upperFirst(s.Reason), inkMuted, 1.6)
	}
	return ls
}

// exercises prints one block per step, each kept whole on a page.
func (d *pdfDoc) exercises() {
	for i, s := range d.r.Steps {
		b, err := d.layoutBlock(i+1, s)
		if err != nil {
			d.f.SetError(err)
			return
		}
		if i == 0 {
			// The section's heading stays with the first block.
			d.ensure(headingHeight(15, 2) + 8 + b.height())
			d.drawHeading("How to do each exercise", 15, 2)
			d.font("", bodySize, inkMuted)
			d.text(d.left, d.y, d.width, 5, "Do them in this order. Move slowly, breathe, and never push into pain.", "L")
			d.y += 8
		}
		d.ensure(b.height())
		d.drawBlock(b)
	}
}

func (d *pdfDoc) drawBlock(b exerciseBlock) {
	f := d.f
	y0 := d.y
	d.setDraw(inkRule)
	f.SetLineWidth(0.3)
	f.Line(d.left, y0, d.left+d.width, y0)

	// Number badge, name and time.
	d.setFill(inkHead)
	f.Circle(d.left+3.2, y0+5, 3.2, "F")
	d.font("B", 10, colWhite)
	d.text(d.left, y0+2.5, 6.4, 5, fmt.Sprint(b.n), "C")
	d.font("B", 10, inkHead)
	d.text(d.left, y0+2, d.width, b.name[0].height(), b.time, "R")
	d.y = y0 + 2
	d.drawLines(d.left+badgeW, b.name)
	d.drawLines(d.left+badgeW, b.sub)

	top := y0 + b.headerHeight()
	d.setFill(inkFigBack)
	f.RoundedRect(d.left, top, figW, figH, 2, "1234", "F")
	drawFigure(f, b.fig, d.left+2, top+2)

	d.y = top - 0.8
	d.drawLines(d.left+figW+colGap, b.text)
	d.y = y0 + b.height()
}

// tips prints the posture and daily-habit tips, a topic kept together.
func (d *pdfDoc) tips() {
	topics, tips := tipsByTopic(d.cat)
	if len(topics) == 0 {
		return
	}
	lines := make([][]textLine, len(topics))
	total := headingHeight(15, 4)
	for i, t := range topics {
		for _, tip := range tips[t] {
			lines[i] = append(lines[i], d.wrap(tip, bulletW, d.width-bulletW, "", bodySize, inkText, "•", 1)...)
		}
		total += headingHeight(11.5, 3) + linesHeight(lines[i])
	}
	// The tips share the last exercise page when they fit on it whole;
	// otherwise they get their own page, one a patient can pin up.
	if !d.fits(total) {
		d.newPage()
	}
	d.drawHeading("Everyday habits for your back", 15, 4)
	for i, t := range topics {
		ls := lines[i]
		h := headingHeight(11.5, 3)
		d.ensure(h + math.Min(linesHeight(ls), d.bottom-margin-h))
		d.drawHeading(tipTitle(t), 11.5, 3)
		for _, l := range ls {
			d.ensure(l.height())
			d.drawLines(d.left, []textLine{l})
		}
	}
}
