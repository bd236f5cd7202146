package handout

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
)

// checkFigure asserts that every shape of fig lies inside its box, ink
// included, and that no coordinate is NaN or infinite.
func checkFigure(t *testing.T, name string, fig figure) {
	t.Helper()
	const slack = 0.01
	for i, s := range fig.shapes {
		reach := s.width / 2
		if s.kind == shapeCircle {
			reach += s.r
		}
		pts := s.pts
		if s.kind == shapeCurve {
			// The control point is off the curve: check points on it.
			pts = nil
			for i := range 11 {
				u := float64(i) / 10
				pts = append(pts, lerp(lerp(s.pts[0], s.pts[1], u), lerp(s.pts[1], s.pts[2], u), u))
			}
		}
		for _, p := range pts {
			if !finite(p.x) || !finite(p.y) {
				t.Fatalf("%s: shape %d has point %v", name, i, p)
			}
			if p.x-reach < -slack || p.x+reach > fig.w+slack || p.y-reach < -slack || p.y+reach > fig.h+slack {
				t.Errorf("%s: shape %d (kind %d) reaches outside the %gx%g box at (%.2f, %.2f)", name, i, s.kind, fig.w, fig.h, p.x, p.y)
			}
		}
	}
}

func TestLayoutFitsBoxAndKeepsAspect(t *testing.T) {
	for _, name := range poseNames {
		pose := testPoses[name]
		for _, box := range [][2]float64{{62, 44}, {320, 200}, {40, 120}, {200, 30}} {
			fig, err := layoutPose(pose, box[0], box[1])
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkFigure(t, name, fig)

			// One scale for x and y: the drawn torso and shin keep the
			// ratio of their lengths in the pose.
			b := bounds(pose)
			s := math.Min(box[0]/b.w(), box[1]/b.h())
			if math.Abs(b.w()*s-box[0]) > 1e-9 && math.Abs(b.h()*s-box[1]) > 1e-9 {
				t.Errorf("%s in %v: the figure fills neither the width nor the height", name, box)
			}
		}
	}
}

func TestLayoutDrawsEveryPart(t *testing.T) {
	pose := testPoses["strap"]
	fig, err := layoutPose(pose, 100, 60)
	if err != nil {
		t.Fatal(err)
	}
	first := map[colour]int{}
	count := map[colour]int{}
	for i, s := range fig.shapes {
		for _, c := range []colour{s.stroke, s.fill} {
			if !c.ok {
				continue
			}
			if _, ok := first[c]; !ok {
				first[c] = i
			}
			count[c]++
		}
	}
	// Two far limbs, the trunk with neck and head line, two near limbs.
	if count[colFar] != 2 {
		t.Errorf("%d far-limb strokes, want 2 (arm and leg)", count[colFar])
	}
	if count[colNear] != 4 {
		t.Errorf("%d near strokes, want 4 (trunk, head, arm, leg)", count[colNear])
	}
	if first[colFar] > first[colNear] {
		t.Error("the far limbs are drawn over the near body")
	}
	if luminance(colFar) <= luminance(colNear) {
		t.Error("far limbs are not lighter than near limbs")
	}
	for _, c := range []colour{colFloor, colMat, colStrap, colArrow} {
		if count[c] == 0 {
			t.Errorf("no shape in colour %v", c)
		}
	}
	if first[colStrap] < first[colNear] || first[colArrow] < first[colStrap] {
		t.Error("strap and arrow are not drawn on top of the body")
	}
	var curves, heads int
	for _, s := range fig.shapes {
		switch s.kind {
		case shapeCurve:
			curves++
		case shapePolygon:
			heads++
		}
	}
	if curves != 1 || heads != 1 {
		t.Errorf("arrow has %d curves and %d heads, want 1 and 1", curves, heads)
	}
}

func luminance(c colour) float64 {
	return 0.2126*float64(c.r) + 0.7152*float64(c.g) + 0.0722*float64(c.b)
}

func TestProps(t *testing.T) {
	base := testPoses["standing"]
	for _, tc := range []struct {
		prop  catalog.Prop
		kinds []shapeKind // shapes the prop adds, in order
		fill  colour
	}{
		{catalog.Prop{Kind: "mat", W: 150, H: 1.5}, []shapeKind{shapeRect}, colMat},
		{catalog.Prop{Kind: "bed", W: 190, H: 50}, []shapeKind{shapeLine, shapeLine, shapeRect, shapeRect}, colBed},
		{catalog.Prop{Kind: "chair", X: 20, W: 45, H: 90}, []shapeKind{shapeLine, shapeLine, shapeLine}, colour{}},
		{catalog.Prop{Kind: "wall", X: 120}, []shapeKind{shapeRect, shapeLine}, colWall},
		{catalog.Prop{Kind: "ball", X: 30, Y: 100, W: 7, H: 7}, []shapeKind{shapeCircle}, colBall},
		{catalog.Prop{Kind: "cushion", X: 20, W: 30, H: 10}, []shapeKind{shapeRect}, colCushion},
		{catalog.Prop{Kind: "pillow", X: 20, W: 30, H: 10}, []shapeKind{shapeRect}, colPillow},
		{catalog.Prop{Kind: "block", X: 20, W: 16, H: 8}, []shapeKind{shapeRect}, colBlock},
	} {
		pose := clonePose(base)
		pose.Props = []catalog.Prop{tc.prop}
		fig, err := layoutPose(pose, 80, 60)
		if err != nil {
			t.Fatalf("%s: %v", tc.prop.Kind, err)
		}
		checkFigure(t, tc.prop.Kind, fig)
		// After the floor line come the prop's shapes.
		added := fig.shapes[1 : 1+len(tc.kinds)]
		fillFound := !tc.fill.ok
		for i, s := range added {
			if s.kind != tc.kinds[i] {
				t.Errorf("%s: shape %d is kind %d, want %d", tc.prop.Kind, i, s.kind, tc.kinds[i])
			}
			fillFound = fillFound || s.fill == tc.fill
		}
		if !fillFound {
			t.Errorf("%s: no shape filled with its colour", tc.prop.Kind)
		}
	}

	// A chair's back stands at X and its seat reaches to X+W, so a
	// negative width turns it round; a height above 70 cm is the top of
	// the back and the seat is at 45 cm.
	for _, tc := range []struct {
		p    catalog.Prop
		want chairGeom
	}{
		{catalog.Prop{Kind: "chair", X: 20, W: 45, H: 90}, chairGeom{back: 20, front: 65, seat: 45, top: 90}},
		{catalog.Prop{Kind: "chair", X: 160, W: -45, H: 90}, chairGeom{back: 160, front: 115, seat: 45, top: 90}},
		{catalog.Prop{Kind: "chair", X: 0, W: 40, H: 48}, chairGeom{back: 0, front: 40, seat: 48, top: 90}},
		{catalog.Prop{Kind: "chair", X: 0}, chairGeom{back: 0, front: 45, seat: 45, top: 87}},
	} {
		if got := chairOf(tc.p); got != tc.want {
			t.Errorf("chairOf(%+v) = %+v, want %+v", tc.p, got, tc.want)
		}
	}
}

// The arrow's curve bulges Bend cm to the left of its direction of travel
// at its middle.
func TestArrowBend(t *testing.T) {
	a := catalog.Arrow{From: p(0, 0), To: p(40, 0), Bend: 6}
	c := arrowControl(a)
	mid := lerp(lerp(pt(a.From), c, 0.5), lerp(c, pt(a.To), 0.5), 0.5)
	if math.Abs(mid.x-20) > 1e-9 || math.Abs(mid.y-6) > 1e-9 {
		t.Errorf("curve middle = %v, want (20, 6)", mid)
	}
}

func TestBadPoses(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		change func(*catalog.Pose)
		want   string
	}{
		{"no pelvis", func(p *catalog.Pose) { p.Joints.Delete(catalog.Pelvis) }, `no "pelvis" joint`},
		{"NaN joint", func(p *catalog.Pose) { p.Joints.Set(catalog.NearHand, catalog.Point{X: nan}) }, `"near_hand" is not a finite point`},
		{"strap from nowhere", func(p *catalog.Pose) {
			p.Props = append(p.Props, catalog.Prop{Kind: "strap", From: "left_hand", To: catalog.NearToe})
		}, `unknown joint "left_hand"`},
		{"infinite prop", func(p *catalog.Pose) { p.Props = append(p.Props, catalog.Prop{Kind: "mat", W: math.Inf(1)}) }, "mat prop"},
		{"NaN arrow", func(p *catalog.Pose) { p.Arrow = &catalog.Arrow{Bend: nan} }, "arrow"},
		{"huge", func(p *catalog.Pose) {
			p.Joints.Set(catalog.Head, catalog.Point{X: -1e308, Y: 1e308})
			p.Joints.Set(catalog.NearToe, catalog.Point{X: 1e308})
		}, "too large"},
	} {
		pose := clonePose(testPoses["standing"])
		tc.change(&pose)
		_, err := layoutPose(pose, 60, 40)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "handout: ") {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
		if err := SVG(io.Discard, pose, 200); err == nil {
			t.Errorf("%s: SVG drew a bad pose", tc.name)
		}
	}
	if _, err := layoutPose(testPoses["standing"], 0, 40); err == nil {
		t.Error("layout into an empty box succeeded")
	}
	if err := SVG(io.Discard, testPoses["standing"], 0); err == nil {
		t.Error("SVG 0 pixels wide succeeded")
	}
}

// svgDoc reads back what SVG writes.
type svgDoc struct {
	XMLName  xml.Name `xml:"svg"`
	Width    float64  `xml:"width,attr"`
	Height   float64  `xml:"height,attr"`
	Elements []struct {
		XMLName xml.Name
	} `xml:",any"`
}

func TestSVG(t *testing.T) {
	for _, name := range poseNames {
		var b bytes.Buffer
		if err := SVG(&b, testPoses[name], 320); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var doc svgDoc
		if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatalf("%s: SVG is not well-formed XML: %v", name, err)
		}
		if doc.Width != 320 || doc.Height < 80 || doc.Height > 480 {
			t.Errorf("%s: SVG is %gx%g, want 320 wide and a height from 80 to 480", name, doc.Width, doc.Height)
		}
		kinds := map[string]int{}
		for _, e := range doc.Elements {
			kinds[e.XMLName.Local]++
		}
		if kinds["polyline"] < 5 || kinds["circle"] < 1 {
			t.Errorf("%s: SVG has %v, want at least 5 polylines (floor, limbs, trunk) and the head", name, kinds)
		}
		if bytes.Contains(b.Bytes(), []byte("NaN")) || bytes.Contains(b.Bytes(), []byte("\n")) {
			t.Errorf("%s: SVG has NaN or a line break", name)
		}
	}
}

// Every variant of the embedded catalog has a pose the handout can draw,
// inside its box, as SVG and as a PDF figure.
func TestEmbeddedCatalogFigures(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Variants) == 0 {
		t.Fatal("the embedded catalog has no variants")
	}
	for _, v := range cat.Variants {
		fig, err := layoutPose(v.Pose, figW-4, figH-4)
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		checkFigure(t, v.ID, fig)
		if err := SVG(io.Discard, v.Pose, figurePx); err != nil {
			t.Errorf("%s: SVG: %v", v.ID, err)
		}
	}
}

// FuzzSVG draws poses moved, stretched and bent by arbitrary amounts:
// a clinic's catalog file is outside input, and whatever its pose says,
// SVG must either draw inside its box or return an error.
func FuzzSVG(f *testing.F) {
	f.Add(uint8(0), 0.0, 0.0, 1.0, 5.0, 320)
	f.Add(uint8(3), -500.0, 20.0, 0.01, -40.0, 1)
	f.Add(uint8(7), 1e9, -1e9, 1e6, 1e300, 4000)
	f.Fuzz(func(t *testing.T, which uint8, dx, dy, scale, bend float64, width int) {
		width %= 5000 // wider adds nothing but rounding noise
		pose := clonePose(testPoses[poseNames[int(which)%len(poseNames)]])
		for j, q := range pose.Joints.All() {
			pose.Joints.Set(j, catalog.Point{X: q.X*scale + dx, Y: q.Y*scale + dy})
		}
		if pose.Arrow != nil {
			pose.Arrow.Bend = bend
		}
		var b bytes.Buffer
		err := SVG(&b, pose, width)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "handout: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if bytes.Contains(b.Bytes(), []byte("NaN")) || bytes.Contains(b.Bytes(), []byte("Inf")) {
			t.Fatalf("SVG has a non-finite number: %s", b.Bytes())
		}
		if err := xml.Unmarshal(b.Bytes(), new(svgDoc)); err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		aspect, err := poseAspect(pose)
		if err != nil {
			t.Fatalf("SVG drew a pose poseAspect rejects: %v", err)
		}
		fig, err := layoutPose(pose, float64(width), math.Round(float64(width)*clamp(aspect, 0.25, 1.5)))
		if err != nil {
			t.Fatalf("SVG drew a pose layoutPose rejects: %v", err)
		}
		checkFigure(t, "fuzz", fig)
	})
}
