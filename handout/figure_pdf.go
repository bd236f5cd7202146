package handout

import "codeberg.org/go-pdf/fpdf"

// drawFigure paints fig with its top-left corner at (x, y) in page units.
func drawFigure(f *fpdf.Fpdf, fig figure, x, y float64) {
	f.SetLineJoinStyle("round")
	at := func(v vec) (float64, float64) { return x + v.x, y + v.y }
	for _, s := range fig.shapes {
		style := ""
		if s.fill.ok {
			style += "F"
			f.SetFillColor(int(s.fill.r), int(s.fill.g), int(s.fill.b))
		}
		if s.stroke.ok && s.width > 0 {
			style += "D"
			f.SetDrawColor(int(s.stroke.r), int(s.stroke.g), int(s.stroke.b))
			f.SetLineWidth(s.width)
		}
		if style == "" {
			continue
		}
		switch s.kind {
		case shapeLine:
			f.SetLineCapStyle("round")
			f.MoveTo(at(s.pts[0]))
			for _, p := range s.pts[1:] {
				f.LineTo(at(p))
			}
			f.DrawPath("D")
		case shapeCircle:
			cx, cy := at(s.pts[0])
			f.Circle(cx, cy, s.r, style)
		case shapeRect:
			x0, y0 := at(s.pts[0])
			x1, y1 := at(s.pts[1])
			if s.r > 0 {
				f.RoundedRect(x0, y0, x1-x0, y1-y0, s.r, "1234", style)
			} else {
				f.Rect(x0, y0, x1-x0, y1-y0, style)
			}
		case shapeCurve:
			// fpdf's Curve is PDF's "v" operator, not a true quadratic,
			// so the quadratic is raised to the equal cubic: each cubic
			// control point lies two thirds of the way to the quadratic one.
			p0, c, p1 := s.pts[0], s.pts[1], s.pts[2]
			c0 := lerp(p0, c, 2.0/3)
			c1 := lerp(p1, c, 2.0/3)
			f.SetLineCapStyle("butt")
			x0, y0 := at(p0)
			cx0, cy0 := at(c0)
			cx1, cy1 := at(c1)
			x1, y1 := at(p1)
			f.CurveBezierCubic(x0, y0, cx0, cy0, cx1, cy1, x1, y1, "D")
		case shapePolygon:
			pts := make([]fpdf.PointType, len(s.pts))
			for i, p := range s.pts {
				pts[i].X, pts[i].Y = at(p)
			}
			f.Polygon(pts, style)
		}
	}
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
}
