package handout

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/limberhq/limber/catalog"
)

// SVG writes pose as a standalone SVG picture widthPx pixels wide; the
// height follows the pose's aspect ratio (between a quarter and one and
// a half times the width, so extreme poses stay legible).
func SVG(w io.Writer, pose catalog.Pose, widthPx int) error {
	if widthPx <= 0 {
		return fmt.Errorf("handout: svg width %d is not positive", widthPx)
	}
	aspect, err := poseAspect(pose)
	if err != nil {
		return err
	}
	wd := float64(widthPx)
	ht := math.Round(wd * clamp(aspect, 0.25, 1.5))
	fig, err := layoutPose(pose, wd, ht)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	writeSVG(bw, fig)
	return bw.Flush()
}

// writeSVG writes fig on one line so it can sit inside Markdown, where a
// blank line would end the HTML block.
func writeSVG(w *bufio.Writer, fig figure) {
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img">`,
		num(fig.w), num(fig.h), num(fig.w), num(fig.h))
	for _, s := range fig.shapes {
		switch s.kind {
		case shapeLine:
			w.WriteString(`<polyline points="` + points(s.pts) + `" fill="none" stroke-linecap="round" stroke-linejoin="round"`)
		case shapeCircle:
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s"`, num(s.pts[0].x), num(s.pts[0].y), num(s.r))
		case shapeRect:
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s"`,
				num(s.pts[0].x), num(s.pts[0].y), num(s.pts[1].x-s.pts[0].x), num(s.pts[1].y-s.pts[0].y))
			if s.r > 0 {
				fmt.Fprintf(w, ` rx="%s"`, num(s.r))
			}
		case shapeCurve:
			fmt.Fprintf(w, `<path d="M%s %sQ%s %s %s %s" fill="none" stroke-linecap="butt"`,
				num(s.pts[0].x), num(s.pts[0].y), num(s.pts[1].x), num(s.pts[1].y), num(s.pts[2].x), num(s.pts[2].y))
		case shapePolygon:
			w.WriteString(`<polygon points="` + points(s.pts) + `"`)
		}
		if s.kind != shapeLine && s.kind != shapeCurve {
			w.WriteString(` fill="` + svgColour(s.fill) + `"`)
		}
		if s.stroke.ok && s.width > 0 {
			fmt.Fprintf(w, ` stroke="%s" stroke-width="%s"`, svgColour(s.stroke), num(s.width))
		}
		w.WriteString("/>")
	}
	w.WriteString("</svg>")
}

// points is an SVG points list.
func points(pts []vec) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(p.x) + "," + num(p.y))
	}
	return b.String()
}

func svgColour(c colour) string {
	if !c.ok {
		return "none"
	}
	return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b)
}

// num formats a coordinate with two decimals at most, which is finer
// than any screen pixel and keeps the SVG short.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
