package profiles

import (
	"math"
	"sync"
)

// Allowed values of the closed fields, in the order they are listed in
// messages and help.
var (
	Floors         = []Floor{FloorMat, FloorBed, FloorNone}
	ROMs           = []ROM{ROMLimited, ROMModerate, ROMFull}
	Sides          = []Side{SideNone, SideLeft, SideRight, SideBoth}
	Focuses        = []Focus{FocusRelief, FocusMobility, FocusStrength, FocusMorning, FocusDeskBreak}
	Levels         = []Level{LevelGentle, LevelStandard}
	EquipmentNames = []string{"strap", "cushion", "pillow", "ball", "wall", "chair"}
	Languages      = []string{"en"}
)

// Kind is the shape of a field's value.
type Kind string

// Kinds of fields.
const (
	KindInt     Kind = "int"     // a whole number within Min–Max
	KindBool    Kind = "bool"    // true or false
	KindEnum    Kind = "enum"    // one of Allowed
	KindText    Kind = "text"    // free text of at most Max characters
	KindList    Kind = "list"    // names, each one of AllowedIn(k)
	KindWeights Kind = "weights" // muscle group → weight within Min–Max
)

// Field describes a profile field: its name in files (snake_case; flags
// use the same words joined by hyphens), what it means and what values it
// takes.
type Field struct {
	Name string
	Help string // what the field is, one line
	Kind Kind
	// Allowed is the closed set of values (KindEnum) or list items
	// (KindList); nil when the set comes from the catalog (see AllowedIn)
	// or the field is open.
	Allowed []string
	// Min and Max bound a KindInt value or a KindWeights weight; Max is
	// the length limit of a KindText value.
	Min, Max int64

	// known picks the catalog list the values are checked against.
	known func(k Known) []string
	// ref returns a pointer to the field in p: *int, *int64, *bool,
	// *string, *[]string or *map[string]float64.
	ref func(p *Profile) any
}

// AllowedIn returns the values the field accepts given what the catalog
// knows; nil when any value of the right kind is accepted.
func (f Field) AllowedIn(k Known) []string {
	if f.known != nil {
		return f.known(k)
	}
	return f.Allowed
}

// Known is what validation checks catalog-dependent values against. A
// nil list is not checked: the caller does not know the catalog.
type Known struct {
	ExerciseIDs []string // variant and family ids, for include and exclude
	RedFlags    []string // red-flag ids
	Groups      []string // muscle groups, for weights
}

// MaxWeight is the largest muscle-group weight a profile may set. The
// planner's own weights are around 1, so 10 already makes a group
// dominate the routine.
const MaxWeight = 10

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// fieldTable lists every field in the order profile files, templates and
// messages show them. "preset" comes first because it is the base the
// other fields change.
func fieldTable() []Field {
	return []Field{
		{Name: "preset", Kind: KindEnum, Allowed: PresetNames(),
			Help: "preset the profile starts from; the fields below change it",
			ref:  func(p *Profile) any { return &p.Preset }},
		{Name: "minutes", Kind: KindInt, Min: 1, Max: 120,
			Help: "minutes the routine may take",
			ref:  func(p *Profile) any { return &p.Minutes }},
		{Name: "floor", Kind: KindEnum, Allowed: strs(Floors),
			Help: "where you can lie down: mat (on the floor), bed (on a bed, not the floor), none (chair and standing only)",
			ref:  func(p *Profile) any { return (*string)(&p.Floor) }},
		{Name: "rom", Kind: KindEnum, Allowed: strs(ROMs),
			Help: "range of motion of your back and hips",
			ref:  func(p *Profile) any { return (*string)(&p.ROM) }},
		{Name: "sciatica", Kind: KindEnum, Allowed: strs(Sides),
			Help: "nerve pain running down a leg, and on which side",
			ref:  func(p *Profile) any { return (*string)(&p.Sciatica) }},
		{Name: "bad_knees", Kind: KindBool,
			Help: "painful or weak knees: no kneeling",
			ref:  func(p *Profile) any { return &p.BadKnees }},
		{Name: "bad_wrists", Kind: KindBool,
			Help: "painful wrists: no weight on the hands",
			ref:  func(p *Profile) any { return &p.BadWrists }},
		{Name: "poor_balance", Kind: KindBool,
			Help: "poor balance: nothing on one leg, always something to hold",
			ref:  func(p *Profile) any { return &p.PoorBalance }},
		{Name: "pregnant", Kind: KindInt, Min: 0, Max: 3,
			Help: "trimester of pregnancy, 0 when not pregnant",
			ref:  func(p *Profile) any { return &p.Pregnant }},
		{Name: "equipment", Kind: KindList, Allowed: EquipmentNames,
			Help: "equipment you have at hand (a belt or towel will do for a strap)",
			ref:  func(p *Profile) any { return &p.Equipment }},
		{Name: "focus", Kind: KindEnum, Allowed: strs(Focuses),
			Help: "what the routine should emphasise",
			ref:  func(p *Profile) any { return (*string)(&p.Focus) }},
		{Name: "weights", Kind: KindWeights, Min: 0, Max: MaxWeight,
			Help:  "muscle-group weights replacing the planner's own, GROUP=WEIGHT",
			known: func(k Known) []string { return k.Groups },
			ref:   func(p *Profile) any { return &p.Weights }},
		{Name: "include", Kind: KindList,
			Help:  "exercise or family ids that must be in the routine",
			known: func(k Known) []string { return k.ExerciseIDs },
			ref:   func(p *Profile) any { return &p.Include }},
		{Name: "exclude", Kind: KindList,
			Help:  "exercise or family ids to leave out",
			known: func(k Known) []string { return k.ExerciseIDs },
			ref:   func(p *Profile) any { return &p.Exclude }},
		{Name: "max_exercises", Kind: KindInt, Min: 0, Max: 30,
			Help: "at most this many exercises, 0 for no limit; few are easier to keep doing",
			ref:  func(p *Profile) any { return &p.MaxExercises }},
		{Name: "level", Kind: KindEnum, Allowed: strs(Levels),
			Help: "how hard the routine may be",
			ref:  func(p *Profile) any { return (*string)(&p.Level) }},
		{Name: "stretch_only", Kind: KindBool,
			Help: "stretches and relaxation only, no strengthening",
			ref:  func(p *Profile) any { return &p.StretchOnly }},
		{Name: "seed", Kind: KindInt, Min: math.MinInt64, Max: math.MaxInt64,
			Help: "varies the routine between equally good choices, for variety from day to day",
			ref:  func(p *Profile) any { return &p.Seed }},
		{Name: "red_flags", Kind: KindList,
			Help:  "safety questions answered yes (limber screen --list shows them)",
			known: func(k Known) []string { return k.RedFlags },
			ref:   func(p *Profile) any { return &p.RedFlags }},
		{Name: "patient", Kind: KindText, Max: 200,
			Help: "patient name printed on the handout",
			ref:  func(p *Profile) any { return &p.Patient }},
		{Name: "clinician", Kind: KindText, Max: 200,
			Help: "clinician name printed on the handout",
			ref:  func(p *Profile) any { return &p.Clinician }},
		{Name: "clinic", Kind: KindText, Max: 200,
			Help: "clinic name printed on the handout",
			ref:  func(p *Profile) any { return &p.Clinic }},
		{Name: "notes", Kind: KindText, Max: 2000,
			Help: "notes printed on the handout",
			ref:  func(p *Profile) any { return &p.Notes }},
		{Name: "per_day", Kind: KindInt, Min: 1, Max: 10,
			Help: "times a day to do the routine",
			ref:  func(p *Profile) any { return &p.PerDay }},
		{Name: "days_per_week", Kind: KindInt, Min: 0, Max: 7,
			Help: "days a week to do the routine, 0 when not stated",
			ref:  func(p *Profile) any { return &p.DaysPerWeek }},
		{Name: "language", Kind: KindEnum, Allowed: Languages,
			Help: "language of the handout",
			ref:  func(p *Profile) any { return &p.Language }},
	}
}

// fields is the table, built once: the preset names come from the
// embedded files.
var fields = sync.OnceValue(fieldTable)

// Fields returns every profile field, "preset" first and then in the
// order of the Profile struct.
func Fields() []Field { return append([]Field(nil), fields()...) }

// Lookup returns the field with the snake_case name.
func Lookup(name string) (Field, bool) {
	i := fieldIndex(name)
	if i == len(fields()) {
		return Field{}, false
	}
	return fields()[i], true
}

func fieldIndex(name string) int {
	for i, f := range fields() {
		if f.Name == name {
			return i
		}
	}
	return len(fields())
}

func fieldNames() []string {
	fs := fields()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// Get returns the value of the named field of p, of the Go type Parse
// gives it; nil for a name that is not a field.
func (p Profile) Get(name string) any {
	f, ok := Lookup(name)
	if !ok {
		return nil
	}
	return f.value(&p)
}
