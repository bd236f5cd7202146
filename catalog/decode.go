package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys each mapping may hold. They are the yaml tags of model.go; a
// test keeps the two in step.
var (
	fileKeys    = []string{"families", "variants", "tips", "safety"}
	familyKeys  = []string{"id", "name", "summary", "source"}
	variantKeys = []string{"id", "family", "name", "role", "position", "surface", "equipment", "demands", "sided", "dosage", "coverage", "steps", "cautions", "modifications", "easier", "good_for", "avoid_with", "source", "pose"}
	demandsKeys = []string{"rom", "balance", "kneeling", "weight_on_hands", "spine"}
	dosageKeys  = []string{"hold_seconds", "max_hold_seconds", "move_seconds", "reps", "max_reps", "sets", "setup_seconds", "switch_seconds", "breathing"}
	poseKeys    = []string{"joints", "props", "arrow"}
	pointKeys   = []string{"x", "y"}
	propKeys    = []string{"kind", "x", "y", "w", "h", "from", "to"}
	arrowKeys   = []string{"from", "to", "bend"}
	tipKeys     = []string{"topic", "text", "source"}
	safetyKeys  = []string{"stop_rules", "red_flags", "emergency", "urgent", "warning"}
	redFlagKeys = []string{"id", "level", "question", "message", "sign", "source"}
)

// RedFlagLevels lists the red-flag levels.
var RedFlagLevels = []string{Emergency, Urgent, Warning}

// Limits of dosage values, in seconds or counts. They are sanity bounds
// that catch typing mistakes (3000 for 30), not clinical limits.
const (
	maxHoldSeconds   = 1200 // legs up the wall may be held for many minutes
	maxMoveSeconds   = 120
	maxReps          = 100
	maxSets          = 10
	maxSetupSeconds  = 300
	maxSwitchSeconds = 120
	maxCoordinate    = 1000 // cm; a pose is a person-sized picture
)

// extensionPrefix starts top-level keys that loading ignores, so a file
// can hold anchors to share ("x-dosage: &gentle {...}").
const extensionPrefix = "x-"

// part is what one file contributes, with the lines cross-file checks
// need.
type part struct {
	file     string
	families []Family
	variants []variantEntry
	tips     []Tip
	safety   *safetyEntry
	// familyRefs are the families of variants dropped for a bad id, so
	// their families are not also reported as having no variants.
	familyRefs []string
}

type variantEntry struct {
	Variant
	familyLine, easierLine int
	part                   int // which load step defined it, for duplicates
}

type redFlagEntry struct {
	RedFlag
	origin Origin
	part   int
}

type safetyEntry struct {
	stopRules                  []string
	redFlags                   []redFlagEntry
	emergency, urgent, warning string
}

// decodeFile parses one catalog file. It always returns a part (possibly
// empty) and every problem found.
func decodeFile(name string, data []byte) (*part, []Problem) {
	p := &part{file: name}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return p, []Problem{{File: name, Msg: "file is empty", Allowed: fileKeys}}
		}
		return p, []Problem{syntaxProblem(name, data, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			return p, []Problem{syntaxProblem(name, data, err)}
		}
		return p, []Problem{{File: name, Line: line, Msg: "a file holds one YAML document; this is a second one"}}
	}
	d := newDecoder(name, &doc)
	root := d.mapping(&doc, "", 1, nil)
	if root == nil {
		return p, d.probs
	}
	for _, k := range root.order {
		if !contains(fileKeys, k) && !strings.HasPrefix(k, extensionPrefix) {
			d.addf(root.keys[k], k, fileKeys, "unknown key (keys starting with %s are ignored)", extensionPrefix)
		}
	}
	if len(root.order) == 0 {
		d.addf(root.line, "", fileKeys, "file holds no entries")
	}
	for i, n := range root.list("families", false) {
		if f, ok := d.family(n, i); ok {
			p.families = append(p.families, f)
		}
	}
	for i, n := range root.list("variants", false) {
		v, ok := d.variant(n, i)
		if ok {
			p.variants = append(p.variants, v)
		} else if v.Family != "" {
			p.familyRefs = append(p.familyRefs, v.Family)
		}
	}
	for i, n := range root.list("tips", false) {
		if t, ok := d.tip(n, i); ok {
			p.tips = append(p.tips, t)
		}
	}
	if root.has("safety") {
		p.safety = d.safety(root.node("safety", false), root.lineOf("safety"))
	}
	return p, d.probs
}

// syntaxProblem turns a yaml error ("yaml: line 4: did not find
// expected key") into a problem with its line.
func syntaxProblem(name string, data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, after
			}
		}
	}
	// The parser names no line for an unknown anchor; the first use of
	// the alias is where to look.
	if anchor, ok := strings.CutPrefix(msg, "unknown anchor '"); ok && line == 0 {
		anchor, _, _ = strings.Cut(anchor, "'")
		if i := bytes.Index(data, []byte("*"+anchor)); i >= 0 {
			line = 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	return Problem{File: name, Line: line, Field: "yaml", Msg: msg}
}

// validID reports whether s is lower-case words of letters and digits
// joined by single hyphens: ids appear in commands and file names.
func validID(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// id reads an id field and checks its form.
func (m *mapping) id(key string, required bool) string {
	s := m.text(key, required)
	if s != "" && !validID(s) {
		m.d.addf(m.lineOf(key), join(m.path, key), nil, "%q is not a valid id: use lower-case letters and digits joined by hyphens", short(s))
		return ""
	}
	return s
}

// entry reads the id of a list item and names the item by it, so later
// problems say variants[cat-cow-chair].dosage rather than variants[7].
func (d *decoder) entry(n *yaml.Node, list string, i int, keys []string) (*mapping, string) {
	m := d.pendingMapping(n, fmt.Sprintf("%s[%d]", list, i+1), n.Line, keys)
	if m == nil {
		return nil, ""
	}
	id := m.id("id", true)
	if id != "" {
		m.path = list + "[" + id + "]"
	}
	m.flush()
	return m, id
}

func (d *decoder) family(n *yaml.Node, i int) (Family, bool) {
	m, id := d.entry(n, "families", i, familyKeys)
	if m == nil {
		return Family{}, false
	}
	f := Family{
		ID:      id,
		Name:    m.text("name", true),
		Summary: m.text("summary", true),
		Source:  m.text("source", true),
		Origin:  Origin{File: d.file, Line: m.line},
	}
	return f, id != ""
}

// positionSurfaces says which surfaces each position can be done on:
// lying, kneeling and floor sitting need a floor or a bed; sitting on a
// chair needs a chair or a bed edge; standing needs nothing, a wall or a
// chair to hold.
var positionSurfaces = map[Position][]Surface{
	Standing:    {SurfaceNone, SurfaceWall, SurfaceChair},
	SeatedChair: {SurfaceChair, SurfaceBed},
	SeatedFloor: {SurfaceFloor, SurfaceBed},
	Kneeling:    {SurfaceFloor, SurfaceBed},
	Quadruped:   {SurfaceFloor, SurfaceBed},
	Supine:      {SurfaceFloor, SurfaceBed},
	Prone:       {SurfaceFloor, SurfaceBed},
	SideLying:   {SurfaceFloor, SurfaceBed},
}

func (d *decoder) variant(n *yaml.Node, i int) (variantEntry, bool) {
	m, id := d.entry(n, "variants", i, variantKeys)
	if m == nil {
		return variantEntry{}, false
	}
	v := Variant{
		ID:            id,
		Family:        m.id("family", true),
		Name:          m.text("name", true),
		Role:          enum(m, "role", true, Roles),
		Position:      enum(m, "position", true, Positions),
		Surface:       enum(m, "surface", true, Surfaces),
		Equipment:     enums(m, "equipment", EquipmentKinds),
		Sided:         m.boolean("sided"),
		Steps:         m.texts("steps", true),
		Cautions:      m.texts("cautions", false),
		Modifications: m.texts("modifications", false),
		Easier:        m.id("easier", false),
		GoodFor:       enums(m, "good_for", Tags),
		AvoidWith:     enums(m, "avoid_with", Tags),
		Source:        m.text("source", false),
		Origin:        Origin{File: d.file, Line: m.line},
	}
	if v.Position != "" && v.Surface != "" && !contains(positionSurfaces[v.Position], v.Surface) {
		d.addf(m.lineOf("surface"), join(m.path, "surface"), names(positionSurfaces[v.Position]), "%q does not fit position %q", v.Surface, v.Position)
	}
	if v.Easier != "" && v.Easier == v.ID {
		d.addf(m.lineOf("easier"), join(m.path, "easier"), nil, "a variant cannot be its own easier variant")
		v.Easier = ""
	}
	for _, t := range v.AvoidWith {
		if contains(v.GoodFor, t) {
			d.addf(m.lineOf("avoid_with"), join(m.path, "avoid_with"), nil, "%q is also listed in good_for", string(t))
		}
	}
	v.Demands = d.demands(m.sub("demands", demandsKeys))
	v.Dosage = d.dosage(m.sub("dosage", dosageKeys))
	v.Coverage = d.coverage(m.sub("coverage", names(Groups)))
	v.Pose = d.pose(m.sub("pose", poseKeys))
	e := variantEntry{Variant: v, familyLine: m.lineOf("family"), easierLine: m.lineOf("easier")}
	return e, id != ""
}

// sub reads a required nested mapping.
func (m *mapping) sub(key string, keys []string) *mapping {
	if m == nil {
		return nil
	}
	v := m.node(key, true)
	if v == nil {
		return nil
	}
	return m.d.mapping(v, join(m.path, key), m.lineOf(key), keys)
}

func (d *decoder) demands(m *mapping) Demands {
	return Demands{
		ROM:     m.integer("rom", true, 1, 3),
		Balance: m.boolean("balance"),
		Kneel:   m.boolean("kneeling"),
		Hands:   m.boolean("weight_on_hands"),
		Spine:   enum(m, "spine", true, Spines),
	}
}

func (d *decoder) dosage(m *mapping) Dosage {
	if m == nil {
		return Dosage{}
	}
	// A maximum is compared with its base only when both are valid, so
	// one mistake is reported once.
	valid := func(read func() int) (int, bool) {
		before := len(d.probs)
		v := read()
		return v, len(d.probs) == before
	}
	hold, holdOK := valid(func() int { return m.integer("hold_seconds", false, 0, maxHoldSeconds) })
	move, moveOK := valid(func() int { return m.integer("move_seconds", false, 0, maxMoveSeconds) })
	reps, repsOK := valid(func() int { return m.integer("reps", true, 1, maxReps) })
	ds := Dosage{
		Hold:   hold,
		Move:   move,
		Reps:   reps,
		Sets:   m.integer("sets", true, 1, maxSets),
		Setup:  m.integer("setup_seconds", false, 0, maxSetupSeconds),
		Switch: m.integer("switch_seconds", false, 0, maxSwitchSeconds),
		Breath: m.text("breathing", true),
	}
	// The maxima default to the base dose: no room to lengthen.
	ds.MaxHold, ds.MaxReps = ds.Hold, ds.Reps
	if m.has("max_hold_seconds") {
		mx, ok := valid(func() int { return m.integer("max_hold_seconds", false, 0, maxHoldSeconds) })
		if ok && holdOK && mx < ds.Hold {
			d.addf(m.lineOf("max_hold_seconds"), join(m.path, "max_hold_seconds"), nil, "%d is less than hold_seconds (%d)", mx, ds.Hold)
		}
		ds.MaxHold = max(mx, ds.Hold)
	}
	if m.has("max_reps") {
		mx, ok := valid(func() int { return m.integer("max_reps", false, 0, maxReps) })
		if ok && repsOK && mx < ds.Reps {
			d.addf(m.lineOf("max_reps"), join(m.path, "max_reps"), nil, "%d is less than reps (%d)", mx, ds.Reps)
		}
		ds.MaxReps = max(mx, ds.Reps)
	}
	if ds.Hold == 0 && ds.Move == 0 && holdOK && moveOK {
		d.addf(m.line, m.path, nil, "hold_seconds and move_seconds are both 0, so a rep takes no time")
	}
	return ds
}

func (d *decoder) coverage(m *mapping) map[Group]float64 {
	cov := map[Group]float64{}
	if m == nil {
		return cov
	}
	for _, g := range m.order {
		cov[Group(g)] = m.number(g, true, 0, 1)
	}
	if len(m.order) == 0 {
		d.addf(m.line, m.path, names(Groups), "must weigh at least one muscle group")
	}
	return cov
}

func (d *decoder) point(m *mapping) Point {
	return Point{
		X: m.number("x", true, -maxCoordinate, maxCoordinate),
		Y: m.number("y", true, -maxCoordinate, maxCoordinate),
	}
}

func (d *decoder) pose(m *mapping) Pose {
	p := Pose{Props: []Prop{}}
	if m == nil {
		return p
	}
	if joints := m.sub("joints", Joints); joints != nil {
		var missing []string
		for _, j := range Joints {
			if n := joints.node(j, false); n != nil {
				p.Joints.Set(j, d.point(d.mapping(n, join(joints.path, j), joints.lineOf(j), pointKeys)))
			} else {
				missing = append(missing, j)
			}
		}
		if len(missing) > 0 {
			d.addf(joints.line, joints.path, nil, "missing %s: a pose places all %d joints", strings.Join(missing, ", "), len(Joints))
		}
	}
	for i, n := range m.list("props", false) {
		pm := d.mapping(n, fmt.Sprintf("%s[%d]", join(m.path, "props"), i+1), n.Line, propKeys)
		if pm == nil {
			continue
		}
		pr := Prop{
			Kind: enum(pm, "kind", true, PropKinds),
			X:    pm.number("x", false, -maxCoordinate, maxCoordinate),
			Y:    pm.number("y", false, -maxCoordinate, maxCoordinate),
			W:    pm.number("w", false, -maxCoordinate, maxCoordinate),
			H:    pm.number("h", false, 0, maxCoordinate),
		}
		if pr.W < 0 && pr.Kind != "chair" {
			// Only a chair has a side: a negative width puts its back on the right.
			d.addf(pm.lineOf("w"), join(pm.path, "w"), nil, "%s is negative; only a chair may have a negative width", cm(pr.W))
		}
		if pr.Kind == "strap" {
			pr.From = enum(pm, "from", true, Joints)
			pr.To = enum(pm, "to", true, Joints)
		} else {
			for _, k := range []string{"from", "to"} {
				if pm.has(k) {
					d.addf(pm.lineOf(k), join(pm.path, k), nil, "only a strap runs between joints")
				}
			}
		}
		p.Props = append(p.Props, pr)
	}
	if m.has("arrow") {
		am := d.mapping(m.node("arrow", false), join(m.path, "arrow"), m.lineOf("arrow"), arrowKeys)
		if am != nil {
			p.Arrow = &Arrow{
				From: d.point(am.sub("from", pointKeys)),
				To:   d.point(am.sub("to", pointKeys)),
				Bend: am.number("bend", false, -maxCoordinate, maxCoordinate),
			}
		}
	}
	return p
}

func (d *decoder) tip(n *yaml.Node, i int) (Tip, bool) {
	m := d.mapping(n, fmt.Sprintf("tips[%d]", i+1), n.Line, tipKeys)
	if m == nil {
		return Tip{}, false
	}
	t := Tip{
		Topic:  enum(m, "topic", true, TipTopics),
		Text:   m.text("text", true),
		Source: m.text("source", true),
	}
	return t, t.Topic != "" && t.Text != ""
}

func (d *decoder) safety(n *yaml.Node, line int) *safetyEntry {
	m := d.mapping(n, "safety", line, safetyKeys)
	if m == nil {
		return nil
	}
	s := &safetyEntry{
		stopRules: m.texts("stop_rules", false),
		emergency: m.text("emergency", false),
		urgent:    m.text("urgent", false),
		warning:   m.text("warning", false),
	}
	for i, fn := range m.list("red_flags", false) {
		fm, id := d.entry(fn, "safety.red_flags", i, redFlagKeys)
		if fm == nil {
			continue
		}
		rf := RedFlag{
			ID:       id,
			Level:    enum(fm, "level", true, RedFlagLevels),
			Question: fm.text("question", true),
			Message:  fm.text("message", true),
			Sign:     fm.text("sign", true),
			Source:   fm.text("source", true),
		}
		if id != "" {
			s.redFlags = append(s.redFlags, redFlagEntry{RedFlag: rf, origin: Origin{File: d.file, Line: fm.line}})
		}
	}
	return s
}
