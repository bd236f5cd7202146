package catalog

import (
	"fmt"
	"math"
	"strconv"
)

// Segment is a body part between two joints with the range of lengths,
// in centimetres, an adult body can show in a side view. A side view
// foreshortens limbs that point towards the viewer, so the lower bounds
// are generous.
type Segment struct {
	From, To string
	Min, Max float64
}

// Segments lists the body parts a pose must keep plausible.
var Segments = []Segment{
	{Head, Neck, 18, 30},
	{Neck, Pelvis, 45, 62},
	{Neck, NearElbow, 24, 36},
	{NearElbow, NearHand, 22, 34},
	{Neck, FarElbow, 24, 36},
	{FarElbow, FarHand, 22, 34},
	{Pelvis, NearKnee, 38, 52},
	{NearKnee, NearAnkle, 36, 50},
	{NearAnkle, NearToe, 10, 22},
	{Pelvis, FarKnee, 38, 52},
	{FarKnee, FarAnkle, 36, 50},
	{FarAnkle, FarToe, 10, 22},
}

// Tolerances of the support check, in centimetres. Joints are the
// centres of body parts, so a joint resting on something sits above it
// by up to the thickness of that part (a lying pelvis about 12 cm).
const (
	lengthSlack   = 0.5  // rounding of hand-written coordinates
	restAbove     = 15.0 // a resting joint is at most this far above its support
	restBelow     = 2.0  // … and may sink this far into it (a soft mat or bed)
	wallTouch     = 12.0 // a joint this close to a wall touches it
	edgeSlack     = 5.0  // a joint this far past a prop's edge still rests on it
	defaultSeat   = 45.0 // chair seat height when a chair prop gives none
	defaultWidth  = 45.0 // chair width when a chair prop gives none
	chairBackOnly = 70.0 // a chair height above this is the top of its back
)

// surface is something a body can rest on: a level top over [x0, x1].
type surface struct {
	name     string
	x0, x1   float64
	top      float64
	infinite bool
}

// surfaces lists the floor and the tops of the props a body can rest on.
func (p Pose) surfaces() []surface {
	out := []surface{{name: "floor", infinite: true}}
	for _, pr := range p.Props {
		switch pr.Kind {
		case "wall", "strap":
			continue
		case "chair":
			w := pr.W
			if w == 0 {
				w = defaultWidth
			}
			seat := pr.Y + defaultSeat
			if pr.H > 0 && pr.H <= chairBackOnly {
				seat = pr.Y + pr.H
			}
			out = append(out, surface{name: "chair seat", x0: min(pr.X, pr.X+w), x1: max(pr.X, pr.X+w), top: seat})
		default:
			out = append(out, surface{name: pr.Kind, x0: pr.X, x1: pr.X + pr.W, top: pr.Y + pr.H})
		}
	}
	return out
}

func (s surface) under(x float64) bool {
	return s.infinite || (x >= s.x0-edgeSlack && x <= s.x1+edgeSlack)
}

// Check reports what makes the pose implausible as a picture of a
// person: a missing joint, a body part too short or too long (see
// Segments), a joint below the floor, or a body that rests on nothing —
// its lowest joint must be on the floor, a mat, a bed, a chair seat or
// another prop, or some joint must touch a wall. It returns nil for a
// plausible pose.
func (p Pose) Check() []string {
	var out []string
	for _, j := range Joints {
		if _, ok := p.Joints.Get(j); !ok {
			out = append(out, fmt.Sprintf("joint %s is missing", j))
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, s := range Segments {
		a, b := p.Joints.At(s.From), p.Joints.At(s.To)
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if l < s.Min-lengthSlack || l > s.Max+lengthSlack {
			out = append(out, fmt.Sprintf("%s–%s is %s cm long (allowed: %s to %s)", s.From, s.To, cm(l), cm(s.Min), cm(s.Max)))
		}
	}
	lowest, sunk := "", false
	for _, j := range Joints {
		q := p.Joints.At(j)
		if q.Y < -restBelow {
			out = append(out, fmt.Sprintf("%s is %s cm below the floor", j, cm(-q.Y)))
			sunk = true
		}
		if lowest == "" || q.Y < p.Joints.At(lowest).Y {
			lowest = j
		}
	}
	if !sunk && !p.rests(lowest) && !p.touchesWall() {
		q := p.Joints.At(lowest)
		gap, what := math.Inf(1), "floor"
		for _, s := range p.surfaces() {
			if d := q.Y - s.top; s.under(q.X) && d >= -restBelow && d < gap {
				gap, what = d, s.name
			}
		}
		out = append(out, fmt.Sprintf("the body rests on nothing: its lowest joint, %s, is %s cm above the %s (allowed: up to %s)", lowest, cm(gap), what, cm(restAbove)))
	}
	for _, pr := range p.Props {
		if msg := checkProp(pr); msg != "" {
			out = append(out, msg)
		}
	}
	return out
}

// rests reports whether joint j is on some surface.
func (p Pose) rests(j string) bool {
	q := p.Joints.At(j)
	for _, s := range p.surfaces() {
		if d := q.Y - s.top; s.under(q.X) && d >= -restBelow && d <= restAbove {
			return true
		}
	}
	return false
}

func (p Pose) touchesWall() bool {
	for _, pr := range p.Props {
		if pr.Kind != "wall" {
			continue
		}
		for _, q := range p.Joints.All() {
			if math.Abs(q.X-pr.X) <= wallTouch {
				return true
			}
		}
	}
	return false
}

// propSizes are the plausible heights of props that stand on the floor.
var propSizes = map[string][2]float64{
	"mat":     {0.5, 3},
	"bed":     {35, 70},
	"cushion": {3, 25},
	"pillow":  {3, 25},
	"block":   {5, 25},
	"ball":    {4, 15},
}

func checkProp(pr Prop) string {
	size, ok := propSizes[pr.Kind]
	if !ok {
		return ""
	}
	if pr.W <= 0 {
		return fmt.Sprintf("%s has no width", pr.Kind)
	}
	if pr.H < size[0] || pr.H > size[1] {
		return fmt.Sprintf("%s is %s cm high (allowed: %s to %s)", pr.Kind, cm(pr.H), cm(size[0]), cm(size[1]))
	}
	return ""
}

// cm formats a length to the millimetre.
func cm(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
