package handout

import (
	"fmt"
	"math"

	"github.com/limberhq/limber/catalog"
)

// The figure code is one geometry layer shared by the PDF and SVG
// back-ends: layoutPose turns a catalog.Pose (centimetres, y up) into
// shapes in the output's units (y down, origin at the top left of the
// box), so both back-ends only translate shapes into their own syntax.

// colour is an RGB colour; the zero value means "none" (no stroke or no
// fill), which is why it carries ok.
type colour struct {
	r, g, b uint8
	ok      bool
}

func rgb(r, g, b uint8) colour { return colour{r, g, b, true} }

// The palette. Near limbs are dark and far limbs light so that a side
// view reads as a body in depth; the movement arrow is the only warm
// strong colour so the eye finds it first.
var (
	colNear     = rgb(0x23, 0x3d, 0x66)
	colFar      = rgb(0x9d, 0xb2, 0xcf)
	colFloor    = rgb(0x8c, 0x8c, 0x8c)
	colArrow    = rgb(0xd1, 0x49, 0x5b)
	colMat      = rgb(0x9f, 0xcf, 0xb4)
	colMatEdge  = rgb(0x5b, 0x8f, 0x73)
	colBed      = rgb(0xdd, 0xe7, 0xf2)
	colBedFrame = rgb(0x7d, 0x8a, 0x99)
	colChair    = rgb(0x8b, 0x65, 0x42)
	colWall     = rgb(0xd4, 0xd4, 0xd4)
	colWallEdge = rgb(0x80, 0x80, 0x80)
	colBall     = rgb(0xe0, 0x7a, 0x5f)
	colStrap    = rgb(0xc9, 0x92, 0x1b)
	colCushion  = rgb(0xe9, 0xc4, 0x6a)
	colPillow   = rgb(0xf3, 0xe6, 0xc9)
	colBlock    = rgb(0xa7, 0x7b, 0xca)
	colPropEdge = rgb(0x6b, 0x5a, 0x3a)
	colWhite    = rgb(0xff, 0xff, 0xff)
)

type shapeKind int

const (
	shapeLine    shapeKind = iota // open polyline through pts, round caps and joins
	shapeCircle                   // centre pts[0], radius r
	shapeRect                     // top-left pts[0], bottom-right pts[1], corner radius r
	shapeCurve                    // quadratic Bézier: start pts[0], control pts[1], end pts[2]
	shapePolygon                  // closed polygon through pts
)

// vec is a point or a vector.
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec           { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec           { return vec{a.x - b.x, a.y - b.y} }
func (a vec) scale(k float64) vec     { return vec{float64(a.x * k), float64(a.y * k)} }
func (a vec) len() float64            { return math.Hypot(a.x, a.y) }
func (a vec) perp() vec               { return vec{-a.y, a.x} }
func (a vec) unit() vec               { return a.scale(1 / a.len()) }
func lerp(a, b vec, t float64) vec    { return a.add(b.sub(a).scale(t)) }
func pt(p catalog.Point) vec          { return vec{p.X, p.Y} }
func finite(v float64) bool           { return !math.IsNaN(v) && !math.IsInf(v, 0) }
func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// shape is one drawing primitive in output units.
type shape struct {
	kind   shapeKind
	pts    []vec
	r      float64
	width  float64 // stroke width; no stroke when 0 or stroke is unset
	stroke colour
	fill   colour
}

// figure is a laid-out pose: w × h output units of shapes, drawn in order.
type figure struct {
	w, h   float64
	shapes []shape
}

// Body proportions and prop defaults, in centimetres. Widths are what a
// stick must be to read as a limb when a 170 cm person fills a few
// centimetres of paper.
const (
	limbWidth   = 4.2
	torsoWidth  = 6.0
	strapWidth  = 1.6
	arrowWidth  = 1.8
	arrowHead   = 7.0
	floorWidth  = 0.8
	chairWidth  = 3.0
	wallDepth   = 7.0
	wallEdge    = 0.8
	seatHeight  = 45.0 // a chair seat
	chairBack   = 42.0 // chair back above the seat
	bedMattress = 14.0
	bedLegs     = 12.0
	padding     = 8.0 // space around everything
	minBall     = 9.0 // smallest ball drawn
)

// headRadius is the radius of the head circle: proportional to the
// head–neck distance so that a short neck does not bury the head in the
// shoulders, within the range of real heads.
func headRadius(p catalog.Pose) float64 {
	return clamp(0.45*pt(p.Joints.At(catalog.Head)).sub(pt(p.Joints.At(catalog.Neck))).len(), 8, 12)
}

// checkPose reports the first reason a pose cannot be drawn.
func checkPose(p catalog.Pose) error {
	for _, j := range catalog.Joints {
		q, ok := p.Joints.Get(j)
		if !ok {
			return fmt.Errorf("handout: pose has no %q joint", j)
		}
		if !finite(q.X) || !finite(q.Y) {
			return fmt.Errorf("handout: pose joint %q is not a finite point", j)
		}
	}
	for _, pr := range p.Props {
		if !finite(pr.X) || !finite(pr.Y) || !finite(pr.W) || !finite(pr.H) {
			return fmt.Errorf("handout: pose %s prop has a coordinate that is not finite", pr.Kind)
		}
		if pr.Kind == "strap" {
			if _, ok := p.Joints.Get(pr.From); !ok {
				return fmt.Errorf("handout: pose strap runs from unknown joint %q", pr.From)
			}
			if _, ok := p.Joints.Get(pr.To); !ok {
				return fmt.Errorf("handout: pose strap runs to unknown joint %q", pr.To)
			}
		}
	}
	if a := p.Arrow; a != nil && !(finite(a.From.X) && finite(a.From.Y) && finite(a.To.X) && finite(a.To.Y) && finite(a.Bend)) {
		return fmt.Errorf("handout: pose arrow has a coordinate that is not finite")
	}
	return nil
}

// box is an axis-aligned rectangle in pose space (y up).
type box struct{ x0, y0, x1, y1 float64 }

func (b *box) cover(x, y float64) {
	b.x0, b.x1 = math.Min(b.x0, x), math.Max(b.x1, x)
	b.y0, b.y1 = math.Min(b.y0, y), math.Max(b.y1, y)
}

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

// chairGeom is where a chair's parts are. The back stands at X and the
// seat reaches to X+W, so a negative W puts the back on the right. H is
// the seat height; a value above 70 cm is read as the top of the back.
type chairGeom struct{ back, front, floor, seat, top float64 }

func chairOf(p catalog.Prop) chairGeom {
	w := p.W
	if w == 0 {
		w = 45
	}
	seat, top := p.Y+seatHeight, p.Y+seatHeight+chairBack
	switch {
	case p.H > 70:
		top = p.Y + p.H
	case p.H > 0:
		seat, top = p.Y+p.H, p.Y+p.H+chairBack
	}
	return chairGeom{back: p.X, front: p.X + w, floor: p.Y, seat: seat, top: top}
}

// ballOf is a ball's centre and radius: the circle standing in its box,
// at least minBall across so that a tennis ball is more than a dot.
func ballOf(p catalog.Prop) (vec, float64) {
	d := p.W
	if p.H > 0 && (d <= 0 || p.H < d) {
		d = p.H
	}
	d = math.Max(d, minBall)
	return vec{p.X + float64(p.W/2), p.Y + float64(d/2)}, d / 2
}

// arrowControl is the control point of the arrow's quadratic Bézier: the
// curve's midpoint lies Bend cm to the left of the straight line from
// From to To (the midpoint of a quadratic is halfway between the chord's
// midpoint and the control point, hence the factor 2).
func arrowControl(a catalog.Arrow) vec {
	from, to := pt(a.From), pt(a.To)
	d := to.sub(from)
	mid := lerp(from, to, 0.5)
	if d.len() == 0 {
		return mid
	}
	return mid.add(d.unit().perp().scale(2 * a.Bend))
}

// bounds is the part of pose space a figure shows: the body, its props,
// the arrow, the floor, and padding.
func bounds(p catalog.Pose) box {
	head := pt(p.Joints.At(catalog.Head))
	r := headRadius(p)
	b := box{head.x - r, head.y - r, head.x + r, head.y + r}
	b.cover(b.x0, 0) // the floor is always in the picture
	for _, j := range catalog.Joints {
		q := p.Joints.At(j)
		b.cover(q.X, q.Y)
	}
	for _, pr := range p.Props {
		switch pr.Kind {
		case "wall":
			// A wall has no extent of its own: it spans the picture's
			// height, drawn on the side away from the body.
			x := pr.X
			if pelvis := p.Joints.At(catalog.Pelvis); pelvis.X > pr.X {
				b.cover(x-wallDepth, b.y0)
			} else {
				b.cover(x+wallDepth, b.y0)
			}
		case "strap":
		case "ball":
			c, r := ballOf(pr)
			b.cover(c.x-r, c.y-r)
			b.cover(c.x+r, c.y+r)
		case "chair":
			c := chairOf(pr)
			b.cover(c.back, c.floor)
			b.cover(c.front, c.top)
		case "bed":
			b.cover(pr.X, 0)
			b.cover(pr.X+pr.W, pr.Y+pr.H)
		default:
			b.cover(pr.X, pr.Y)
			b.cover(pr.X+pr.W, pr.Y+pr.H)
		}
	}
	if a := p.Arrow; a != nil {
		c := arrowControl(*a)
		for _, q := range []vec{pt(a.From), pt(a.To), lerp(lerp(pt(a.From), c, 0.5), lerp(c, pt(a.To), 0.5), 0.5)} {
			b.cover(q.x-arrowHead/2, q.y-arrowHead/2)
			b.cover(q.x+arrowHead/2, q.y+arrowHead/2)
		}
	}
	b.x0 -= padding
	b.x1 += padding
	b.y0 -= padding / 2
	b.y1 += padding
	return b
}

// poseAspect is height over width of a pose's picture.
func poseAspect(p catalog.Pose) (float64, error) {
	if err := checkPose(p); err != nil {
		return 0, err
	}
	b := bounds(p)
	return b.h() / b.w(), nil
}

// painter collects shapes while mapping pose space into the output box.
type painter struct {
	s      float64 // output units per centimetre
	ox, oy float64 // output position of pose-space (b.x0, b.y1)
	b      box
	out    []shape
}

func (q *painter) at(v vec) vec {
	return vec{q.ox + float64((v.x-q.b.x0)*q.s), q.oy + float64((q.b.y1-v.y)*q.s)}
}

func (q *painter) line(c colour, width float64, pts ...vec) {
	m := make([]vec, len(pts))
	for i, v := range pts {
		m[i] = q.at(v)
	}
	q.out = append(q.out, shape{kind: shapeLine, pts: m, width: width * q.s, stroke: c})
}

func (q *painter) circle(c vec, r float64, fill, stroke colour, width float64) {
	q.out = append(q.out, shape{kind: shapeCircle, pts: []vec{q.at(c)}, r: r * q.s, fill: fill, stroke: stroke, width: width * q.s})
}

// rect draws the pose-space rectangle with corners a and b.
func (q *painter) rect(a, b vec, radius float64, fill, stroke colour, width float64) {
	pa, pb := q.at(a), q.at(b)
	tl := vec{math.Min(pa.x, pb.x), math.Min(pa.y, pb.y)}
	br := vec{math.Max(pa.x, pb.x), math.Max(pa.y, pb.y)}
	r := math.Min(radius*q.s, math.Min(br.x-tl.x, br.y-tl.y)/2)
	q.out = append(q.out, shape{kind: shapeRect, pts: []vec{tl, br}, r: r, fill: fill, stroke: stroke, width: width * q.s})
}

// layoutPose lays out p to fit a w × h box, keeping its aspect ratio and
// centring it.
func layoutPose(p catalog.Pose, w, h float64) (figure, error) {
	if err := checkPose(p); err != nil {
		return figure{}, err
	}
	if !(w > 0 && h > 0) {
		return figure{}, fmt.Errorf("handout: figure box %gx%g is empty", w, h)
	}
	b := bounds(p)
	if !finite(b.w()) || !finite(b.h()) {
		return figure{}, fmt.Errorf("handout: pose is too large to draw")
	}
	s := math.Min(w/b.w(), h/b.h())
	q := &painter{s: s, b: b, ox: (w - float64(b.w()*s)) / 2, oy: (h - float64(b.h()*s)) / 2}
	j := func(name string) vec { return pt(p.Joints.At(name)) }

	// Back to front: floor, large props, the far limbs, the trunk, the
	// near limbs, then the strap the hands hold and the arrow.
	// Lines end in round caps half their width long, hence the insets.
	q.line(colFloor, floorWidth, vec{b.x0 + floorWidth/2, 0}, vec{b.x1 - floorWidth/2, 0})
	for _, pr := range p.Props {
		q.propBehind(p, pr)
	}
	q.line(colFar, limbWidth, j(catalog.Neck), j(catalog.FarElbow), j(catalog.FarHand))
	q.line(colFar, limbWidth, j(catalog.Pelvis), j(catalog.FarKnee), j(catalog.FarAnkle), j(catalog.FarToe))
	q.line(colNear, torsoWidth, j(catalog.Pelvis), j(catalog.Neck), j(catalog.Head))
	q.circle(j(catalog.Head), headRadius(p), colNear, colour{}, 0)
	q.line(colNear, limbWidth, j(catalog.Pelvis), j(catalog.NearKnee), j(catalog.NearAnkle), j(catalog.NearToe))
	q.line(colNear, limbWidth, j(catalog.Neck), j(catalog.NearElbow), j(catalog.NearHand))
	for _, pr := range p.Props {
		if pr.Kind == "strap" {
			q.line(colStrap, strapWidth, j(pr.From), j(pr.To))
		}
	}
	if p.Arrow != nil {
		q.arrow(*p.Arrow)
	}
	return figure{w: w, h: h, shapes: q.out}, nil
}

// propBehind draws a prop that sits behind the body (every kind except
// the strap, which the hands hold in front).
func (q *painter) propBehind(p catalog.Pose, pr catalog.Prop) {
	switch pr.Kind {
	case "mat":
		hgt := math.Max(pr.H, 1.2)
		q.rect(vec{pr.X, pr.Y}, vec{pr.X + pr.W, pr.Y + hgt}, 0.6, colMat, colMatEdge, 0.4)
	case "bed":
		top := pr.Y + pr.H
		legTop := math.Min(bedLegs, top/3)
		mattress := math.Min(bedMattress, top/3)
		for _, x := range []float64{pr.X + 4, pr.X + pr.W - 4} {
			q.line(colBedFrame, 3, vec{x, 0}, vec{x, legTop})
		}
		q.rect(vec{pr.X, legTop}, vec{pr.X + pr.W, top - mattress}, 1, colBedFrame, colour{}, 0)
		q.rect(vec{pr.X, top - mattress}, vec{pr.X + pr.W, top}, 4, colBed, colBedFrame, 0.6)
	case "chair":
		c := chairOf(pr)
		q.line(colChair, chairWidth, vec{c.back, c.floor}, vec{c.back, c.top})
		q.line(colChair, chairWidth, vec{c.back, c.seat}, vec{c.front, c.seat})
		q.line(colChair, chairWidth, vec{c.front, c.seat}, vec{c.front, c.floor})
	case "wall":
		top := q.b.y1
		x0, x1 := pr.X, pr.X+wallDepth
		if p.Joints.At(catalog.Pelvis).X > pr.X {
			x0, x1 = pr.X-wallDepth, pr.X
		}
		q.rect(vec{x0, 0}, vec{x1, top}, 0, colWall, colour{}, 0)
		q.line(colWallEdge, wallEdge, vec{pr.X, 0}, vec{pr.X, top - wallEdge/2})
	case "ball":
		c, r := ballOf(pr)
		q.circle(c, r, colBall, colPropEdge, 0.5)
	case "cushion":
		q.rect(vec{pr.X, pr.Y}, vec{pr.X + pr.W, pr.Y + pr.H}, 3, colCushion, colPropEdge, 0.5)
	case "pillow":
		q.rect(vec{pr.X, pr.Y}, vec{pr.X + pr.W, pr.Y + pr.H}, pr.H/2, colPillow, colPropEdge, 0.5)
	case "block":
		q.rect(vec{pr.X, pr.Y}, vec{pr.X + pr.W, pr.Y + pr.H}, 0.5, colBlock, colPropEdge, 0.5)
	}
}

// arrow draws a curved arrow with a filled head at its end. The curve
// stops at the head's base so the line does not poke through its tip.
func (q *painter) arrow(a catalog.Arrow) {
	from, to, c := pt(a.From), pt(a.To), arrowControl(a)
	dir := to.sub(c)
	if dir.len() == 0 {
		dir = to.sub(from)
	}
	if dir.len() == 0 {
		return
	}
	dir = dir.unit()
	base := to.sub(dir.scale(arrowHead * 0.8))
	m := []vec{q.at(from), q.at(c), q.at(base)}
	q.out = append(q.out, shape{kind: shapeCurve, pts: m, width: arrowWidth * q.s, stroke: colArrow})
	side := dir.perp().scale(arrowHead * 0.5)
	back := to.sub(dir.scale(arrowHead))
	q.out = append(q.out, shape{kind: shapePolygon, pts: []vec{q.at(to), q.at(back.add(side)), q.at(back.sub(side))}, fill: colArrow})
}
