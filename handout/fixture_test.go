package handout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// The tests build their own catalog and routines so the handout is
// tested against fixed content, whatever the embedded catalog says.

// joints builds a pose's joints from a literal.
func joints(m map[string]catalog.Point) catalog.JointSet { return catalog.JointsFrom(m) }

func p(x, y float64) catalog.Point { return catalog.Point{X: x, Y: y} }

// testPoses are hand-made side views, one per kind of set-up a handout
// shows: standing, lying on a mat, hands and knees, a chair, a strap, a
// wall, a cushion, a bed and a ball.
var testPoses = map[string]catalog.Pose{
	"standing": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(52, 160), catalog.Neck: p(50, 143), catalog.Pelvis: p(50, 92),
			catalog.NearElbow: p(58, 118), catalog.NearHand: p(76, 128), catalog.FarElbow: p(46, 118), catalog.FarHand: p(68, 126),
			catalog.NearKnee: p(53, 50), catalog.NearAnkle: p(50, 8), catalog.NearToe: p(66, 2),
			catalog.FarKnee: p(49, 50), catalog.FarAnkle: p(46, 8), catalog.FarToe: p(62, 2),
		}),
		Arrow: &catalog.Arrow{From: p(28, 134), To: p(74, 134), Bend: -10},
	},
	"supine-knee": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(20, 11.5), catalog.Neck: p(42, 8), catalog.Pelvis: p(95, 9),
			catalog.NearElbow: p(60, 30), catalog.NearHand: p(82, 46), catalog.FarElbow: p(62, 28), catalog.FarHand: p(84, 44),
			catalog.NearKnee: p(80, 52), catalog.NearAnkle: p(118, 45), catalog.NearToe: p(124, 58),
			catalog.FarKnee: p(140, 9), catalog.FarAnkle: p(182, 7), catalog.FarToe: p(186, 20),
		}),
		Props: []catalog.Prop{{Kind: "mat", X: 0, Y: 0, W: 195, H: 1.5}},
		Arrow: &catalog.Arrow{From: p(122, 66), To: p(96, 70), Bend: 6},
	},
	"quadruped": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(134, 62), catalog.Neck: p(115, 55), catalog.Pelvis: p(60, 50),
			catalog.NearElbow: p(115, 28), catalog.NearHand: p(115, 3), catalog.FarElbow: p(112, 28), catalog.FarHand: p(112, 3),
			catalog.NearKnee: p(60, 4), catalog.NearAnkle: p(22, 4), catalog.NearToe: p(10, 2),
			catalog.FarKnee: p(57, 4), catalog.FarAnkle: p(19, 4), catalog.FarToe: p(7, 2),
		}),
		Props: []catalog.Prop{{Kind: "mat", X: 0, Y: 0, W: 150, H: 1.5}},
		Arrow: &catalog.Arrow{From: p(72, 66), To: p(102, 66), Bend: 9},
	},
	"chair": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(36, 126), catalog.Neck: p(34, 108), catalog.Pelvis: p(32, 52),
			catalog.NearElbow: p(50, 88), catalog.NearHand: p(70, 62), catalog.FarElbow: p(44, 86), catalog.FarHand: p(66, 66),
			catalog.NearKnee: p(76, 52), catalog.NearAnkle: p(76, 8), catalog.NearToe: p(90, 3),
			catalog.FarKnee: p(74, 52), catalog.FarAnkle: p(73, 8), catalog.FarToe: p(87, 3),
		}),
		Props: []catalog.Prop{{Kind: "chair", X: 20, Y: 0, W: 45, H: 45}},
		Arrow: &catalog.Arrow{From: p(18, 140), To: p(54, 140), Bend: -8},
	},
	"strap": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(20, 11.5), catalog.Neck: p(42, 8), catalog.Pelvis: p(95, 9),
			catalog.NearElbow: p(62, 28), catalog.NearHand: p(82, 50), catalog.FarElbow: p(60, 26), catalog.FarHand: p(80, 48),
			catalog.NearKnee: p(100, 54), catalog.NearAnkle: p(104, 96), catalog.NearToe: p(116, 102),
			catalog.FarKnee: p(125, 40), catalog.FarAnkle: p(150, 6), catalog.FarToe: p(164, 3),
		}),
		Props: []catalog.Prop{{Kind: "mat", X: 0, Y: 0, W: 175, H: 1.5}, {Kind: "strap", From: catalog.NearHand, To: catalog.NearToe}},
		Arrow: &catalog.Arrow{From: p(128, 88), To: p(116, 112), Bend: 4},
	},
	"wall": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(20, 11.5), catalog.Neck: p(42, 8), catalog.Pelvis: p(98, 9),
			catalog.NearElbow: p(67, 6), catalog.NearHand: p(92, 5), catalog.FarElbow: p(66, 5), catalog.FarHand: p(90, 4),
			catalog.NearKnee: p(112, 52), catalog.NearAnkle: p(114, 96), catalog.NearToe: p(112, 110),
			catalog.FarKnee: p(111, 52), catalog.FarAnkle: p(113, 96), catalog.FarToe: p(111, 110),
		}),
		Props: []catalog.Prop{{Kind: "mat", X: 0, Y: 0, W: 118, H: 1.5}, {Kind: "wall", X: 120}},
	},
	"cushion": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(104, 11), catalog.Neck: p(84, 18), catalog.Pelvis: p(30, 28),
			catalog.NearElbow: p(110, 5), catalog.NearHand: p(138, 3), catalog.FarElbow: p(108, 4), catalog.FarHand: p(136, 2),
			catalog.NearKnee: p(62, 5), catalog.NearAnkle: p(22, 5), catalog.NearToe: p(10, 3),
			catalog.FarKnee: p(60, 4), catalog.FarAnkle: p(20, 4), catalog.FarToe: p(8, 2),
		}),
		Props: []catalog.Prop{{Kind: "mat", X: 0, Y: 0, W: 150, H: 1.5}, {Kind: "cushion", X: 18, Y: 7, W: 26, H: 14}},
		Arrow: &catalog.Arrow{From: p(44, 46), To: p(24, 38), Bend: 4},
	},
	"bed": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(30, 66), catalog.Neck: p(52, 62.5), catalog.Pelvis: p(105, 63.5),
			catalog.NearElbow: p(70, 85), catalog.NearHand: p(92, 101), catalog.FarElbow: p(72, 83), catalog.FarHand: p(94, 99),
			catalog.NearKnee: p(90, 107), catalog.NearAnkle: p(128, 100), catalog.NearToe: p(134, 113),
			catalog.FarKnee: p(130, 100), catalog.FarAnkle: p(154, 64), catalog.FarToe: p(168, 62),
		}),
		Props: []catalog.Prop{{Kind: "bed", X: 0, Y: 0, W: 200, H: 55}, {Kind: "pillow", X: 10, Y: 55, W: 30, H: 6}},
		Arrow: &catalog.Arrow{From: p(132, 121), To: p(106, 125), Bend: 6},
	},
	"ball": {
		Joints: joints(map[string]catalog.Point{
			catalog.Head: p(39, 163), catalog.Neck: p(37, 145), catalog.Pelvis: p(39, 92),
			catalog.NearElbow: p(42, 118), catalog.NearHand: p(50, 94), catalog.FarElbow: p(39, 118), catalog.FarHand: p(46, 94),
			catalog.NearKnee: p(54, 50), catalog.NearAnkle: p(57, 8), catalog.NearToe: p(72, 2),
			catalog.FarKnee: p(52, 50), catalog.FarAnkle: p(55, 8), catalog.FarToe: p(70, 2),
		}),
		Props: []catalog.Prop{{Kind: "wall", X: 20}, {Kind: "ball", X: 20, Y: 115, W: 12, H: 12}},
		Arrow: &catalog.Arrow{From: p(66, 112), To: p(66, 138)},
	},
}

// poseNames lists testPoses in a fixed order.
var poseNames = []string{"quadruped", "supine-knee", "strap", "chair", "standing", "cushion", "bed", "ball", "wall"}

// testVariant is one fixture exercise.
type testVariant struct {
	id, name, pose string
	role           catalog.Role
	pos            catalog.Position
	surface        catalog.Surface
	equipment      []catalog.Equipment
	sided          bool
	hold, reps     int
	rom            int
	easier         string
}

var testVariants = []testVariant{
	{"cat-cow-floor", "Cat-cow", "quadruped", catalog.WarmUp, catalog.Quadruped, catalog.SurfaceFloor, nil, false, 3, 10, 2, "cat-cow-chair"},
	{"cat-cow-chair", "Seated cat-cow", "chair", catalog.WarmUp, catalog.SeatedChair, catalog.SurfaceChair, []catalog.Equipment{catalog.Chair}, false, 3, 10, 1, ""},
	{"knee-to-chest-floor", "Single knee-to-chest", "supine-knee", catalog.Stretch, catalog.Supine, catalog.SurfaceFloor, nil, true, 30, 2, 2, ""},
	{"knee-to-chest-bed", "Knee-to-chest on a bed", "bed", catalog.Stretch, catalog.Supine, catalog.SurfaceBed, []catalog.Equipment{catalog.Pillow}, true, 30, 2, 1, ""},
	{"hamstring-strap", "Hamstring stretch with a strap", "strap", catalog.Stretch, catalog.Supine, catalog.SurfaceFloor, []catalog.Equipment{catalog.Strap}, true, 30, 2, 2, ""},
	{"seated-rotation-chair", "Seated rotation on a chair", "chair", catalog.Stretch, catalog.SeatedChair, catalog.SurfaceChair, []catalog.Equipment{catalog.Chair}, true, 10, 3, 1, ""},
	{"standing-rotation", "Standing trunk rotation", "standing", catalog.WarmUp, catalog.Standing, catalog.SurfaceNone, nil, false, 0, 10, 1, ""},
	{"childs-pose-cushion", "Child's pose with a cushion", "cushion", catalog.Relaxation, catalog.Kneeling, catalog.SurfaceFloor, []catalog.Equipment{catalog.Cushion}, false, 30, 2, 2, ""},
	{"ball-wall", "Ball massage against a wall", "ball", catalog.SelfMassage, catalog.Standing, catalog.SurfaceWall, []catalog.Equipment{catalog.Ball, catalog.Wall}, false, 0, 12, 1, ""},
	{"legs-up-wall", "Legs up the wall", "wall", catalog.Relaxation, catalog.Supine, catalog.SurfaceFloor, []catalog.Equipment{catalog.Wall}, false, 120, 1, 1, ""},
	{"bird-dog", "Bird-dog", "quadruped", catalog.Strength, catalog.Quadruped, catalog.SurfaceFloor, nil, true, 5, 8, 2, ""},
	{"glute-bridge", "Glute bridge", "supine-knee", catalog.Strength, catalog.Supine, catalog.SurfaceFloor, nil, false, 5, 10, 2, ""},
	{"dead-bug", "Dead bug", "supine-knee", catalog.Strength, catalog.Supine, catalog.SurfaceFloor, nil, true, 3, 8, 2, ""},
	{"pelvic-tilt-chair", "Pelvic tilt on a chair", "chair", catalog.Strength, catalog.SeatedChair, catalog.SurfaceChair, []catalog.Equipment{catalog.Chair}, false, 5, 10, 1, ""},
	{"standing-side-bend", "Standing side bend", "standing", catalog.Stretch, catalog.Standing, catalog.SurfaceNone, nil, true, 15, 2, 1, ""},
	{"sphinx", "Sphinx", "cushion", catalog.Stretch, catalog.Prone, catalog.SurfaceFloor, nil, false, 20, 3, 2, ""},
	{"figure-four-chair", "Seated figure-4 stretch", "chair", catalog.Stretch, catalog.SeatedChair, catalog.SurfaceChair, []catalog.Equipment{catalog.Chair}, true, 30, 2, 1, ""},
	{"standing-hip-flexor", "Standing hip-flexor stretch", "standing", catalog.Stretch, catalog.Standing, catalog.SurfaceNone, nil, true, 20, 2, 1, ""},
}

// testCatalog is a catalog of testVariants with safety text and tips.
func testCatalog() *catalog.Catalog {
	cat := &catalog.Catalog{
		Safety: catalog.Safety{
			StopRules: []string{
				"Pain becomes sharp or stabbing rather than a gentle pull.",
				"Pain, tingling or numbness spreads down a leg.",
				"You feel dizzy, faint or short of breath.",
			},
			RedFlags: []catalog.RedFlag{
				{ID: "bladder-bowel", Level: catalog.Emergency, Question: "Have you lost control of your bladder or bowels?", Message: "You lose control of your bladder or bowels, or cannot pass urine. Call now.", Sign: "You lose control of your bladder or bowels, or cannot pass urine."},
				{ID: "saddle-numbness", Level: catalog.Emergency, Question: "Is the skin between your legs numb?", Message: "The skin between your legs or around your bottom goes numb. Call now.", Sign: "The skin between your legs or around your bottom goes numb."},
				{ID: "night-pain", Level: catalog.Warning, Question: "Does pain wake you at night?", Message: "Pain that wakes you at night should be checked by a doctor soon.", Sign: "Pain at night."},
			},
			Emergency: "Get emergency care now.",
			Urgent:    "See a doctor today.",
			Warning:   "See your doctor or physiotherapist soon; until then keep to this gentle routine.",
		},
		Tips: []catalog.Tip{
			{Topic: "sitting", Text: "Sit with your hips a little higher than your knees and your feet flat."},
			{Topic: "sitting", Text: "Get up and walk for a minute every half hour."},
			{Topic: "standing", Text: "Stand with your weight spread evenly over both feet."},
			{Topic: "sleeping", Text: "On your side, a pillow between the knees keeps the spine level."},
			{Topic: "movement", Text: "Short walks spread over the day help more than one long one."},
		},
	}
	families := map[string]bool{}
	for _, t := range testVariants {
		fam := familyOf(t.id)
		if !families[fam] {
			families[fam] = true
			cat.Families = append(cat.Families, catalog.Family{ID: fam, Name: strings.ReplaceAll(fam, "-", " ")})
		}
		v := catalog.Variant{
			ID: t.id, Family: fam, Name: t.name, Role: t.role, Position: t.pos, Surface: t.surface,
			Equipment: t.equipment, Sided: t.sided, Easier: t.easier,
			Demands: catalog.Demands{ROM: t.rom, Spine: catalog.Neutral},
			Dosage: catalog.Dosage{Hold: t.hold, MaxHold: t.hold * 2, Move: 3, Reps: t.reps, MaxReps: t.reps + 4, Sets: 1,
				Setup: 10, Switch: 5, Breath: "Breathe out slowly as you move into the stretch, then breathe evenly."},
			Coverage: map[catalog.Group]float64{catalog.LowerBack: 0.6, catalog.Glutes: 0.3},
			Steps: []string{
				"Get into the starting position shown in the picture.",
				"Move slowly into the position until you feel a gentle stretch, never pain.",
				"Hold it while you keep breathing, then come back slowly.",
			},
			Cautions:      []string{"Keep the movement small if your back is sore today."},
			Modifications: []string{"Make the movement smaller."},
			Pose:          clonePose(testPoses[t.pose]),
		}
		cat.Variants = append(cat.Variants, v)
	}
	slices.SortFunc(cat.Variants, func(a, b catalog.Variant) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(cat.Families, func(a, b catalog.Family) int { return strings.Compare(a.ID, b.ID) })
	return cat
}

// clonePose copies p so a test may change its copy.
func clonePose(p catalog.Pose) catalog.Pose {
	p.Props = slices.Clone(p.Props)
	if p.Arrow != nil {
		a := *p.Arrow
		p.Arrow = &a
	}
	return p
}

// familyOf names fixture families: cat-cow-floor and cat-cow-chair are
// one family; every other fixture is its own.
func familyOf(id string) string {
	if strings.HasPrefix(id, "cat-cow") {
		return "cat-cow"
	}
	if strings.HasPrefix(id, "knee-to-chest") {
		return "knee-to-chest"
	}
	return id
}

// testRoutine is a routine of the first n variants of testVariants (up
// to 15, skipping second variants of a family) for the patient named.
func testRoutine(cat *catalog.Catalog, n int, patient string) *planner.Routine {
	prof := profiles.Profile{
		Minutes: 10, Floor: profiles.FloorMat, ROM: profiles.ROMModerate, Sciatica: profiles.SideLeft,
		Focus: profiles.FocusRelief, Level: profiles.LevelStandard,
		Patient: patient, Clinician: "Dr. Amara Okonkwo", Clinic: "Riverside Physiotherapy",
		Notes:  "Start gently and build up over two weeks.\nKeep a note of which exercises ease your pain.",
		PerDay: 2, DaysPerWeek: 5, Language: "en",
	}
	r := &planner.Routine{
		Profile: prof, Status: planner.Optimal, Score: 0.8125, Bound: 0.8125,
		Coverage: map[catalog.Group]float64{}, Weights: map[catalog.Group]float64{},
	}
	for i, g := range catalog.Groups {
		r.Weights[g] = 1 + float64(i%3)/2
	}
	used := map[string]bool{}
	prev := catalog.Position("")
	for _, t := range testVariants {
		if len(r.Steps) == n {
			break
		}
		v, _ := cat.Variant(t.id)
		if used[v.Family] {
			continue
		}
		used[v.Family] = true
		sides := v.Sides()
		s := planner.Step{
			Variant: v, FamilyName: strings.ReplaceAll(v.Family, "-", " "), Sides: sides,
			Hold: v.Dosage.Hold, Reps: v.Dosage.Reps, Sets: 1, Seconds: v.Seconds(),
			Reason: fmt.Sprintf("covers the lower back (%s)", v.Role),
		}
		if sides == 2 {
			s.SideOrder = "right then left"
		}
		if prev != "" && prev != v.Position {
			s.Transition = 15
		}
		prev = v.Position
		r.Steps = append(r.Steps, s)
		r.Total += s.Seconds + s.Transition
		for g, a := range v.Coverage {
			r.Coverage[g] = min(1, r.Coverage[g]+a)
		}
	}
	r.Budget = (r.Total + 59) / 60 * 60
	r.Profile.Minutes = r.Budget / 60
	for _, v := range cat.Variants {
		in := false
		for _, s := range r.Steps {
			in = in || s.Variant.ID == v.ID
		}
		if !in {
			filtered := v.Surface == catalog.SurfaceBed
			reason := "others cover the same groups in less time"
			if filtered {
				reason = "needs a bed; the profile has floor access"
			}
			r.Excluded = append(r.Excluded, planner.Exclusion{ID: v.ID, Reason: reason, Filtered: filtered})
		}
	}
	return r
}
