package profiles

// Floor is where the person can get down to.
type Floor string

// Floor access.
const (
	FloorMat  Floor = "mat"  // can get down to the floor
	FloorBed  Floor = "bed"  // can lie on a bed but not get down to the floor
	FloorNone Floor = "none" // chair and standing only
)

// ROM is range of motion.
type ROM string

// Ranges of motion.
const (
	ROMLimited  ROM = "limited"
	ROMModerate ROM = "moderate"
	ROMFull     ROM = "full"
)

// Level returns 1, 2 or 3, comparable with a variant's demanded range.
func (r ROM) Level() int {
	switch r {
	case ROMLimited:
		return 1
	case ROMModerate:
		return 2
	default:
		return 3
	}
}

// Side is a side of the body affected by sciatica.
type Side string

// Sciatica sides.
const (
	SideNone  Side = "none"
	SideLeft  Side = "left"
	SideRight Side = "right"
	SideBoth  Side = "both"
)

// Focus is what the routine should emphasise.
type Focus string

// Focuses.
const (
	FocusRelief    Focus = "relief"
	FocusMobility  Focus = "mobility"
	FocusStrength  Focus = "strength"
	FocusMorning   Focus = "morning"
	FocusDeskBreak Focus = "desk-break"
)

// Level is how hard the routine may be.
type Level string

// Levels.
const (
	LevelGentle   Level = "gentle"
	LevelStandard Level = "standard"
)

// Profile is everything the planner and the handout know about the
// person. A Profile returned by this package is valid.
type Profile struct {
	Minutes      int                `json:"minutes" yaml:"minutes"`
	Floor        Floor              `json:"floor" yaml:"floor"`
	ROM          ROM                `json:"rom" yaml:"rom"`
	Sciatica     Side               `json:"sciatica" yaml:"sciatica"`
	BadKnees     bool               `json:"bad_knees" yaml:"bad_knees"`
	BadWrists    bool               `json:"bad_wrists" yaml:"bad_wrists"`
	PoorBalance  bool               `json:"poor_balance" yaml:"poor_balance"`
	Pregnant     int                `json:"pregnant" yaml:"pregnant"` // trimester 1–3, 0 when not pregnant
	Equipment    []string           `json:"equipment" yaml:"equipment"`
	Focus        Focus              `json:"focus" yaml:"focus"`
	Weights      map[string]float64 `json:"weights" yaml:"weights"` // muscle group → weight override
	Include      []string           `json:"include" yaml:"include"`
	Exclude      []string           `json:"exclude" yaml:"exclude"`
	MaxExercises int                `json:"max_exercises" yaml:"max_exercises"` // 0: no limit
	Level        Level              `json:"level" yaml:"level"`
	StretchOnly  bool               `json:"stretch_only" yaml:"stretch_only"`
	Seed         int64              `json:"seed" yaml:"seed"`
	RedFlags     []string           `json:"red_flags" yaml:"red_flags"`

	// Handout fields.
	Patient     string `json:"patient" yaml:"patient"`
	Clinician   string `json:"clinician" yaml:"clinician"`
	Clinic      string `json:"clinic" yaml:"clinic"`
	Notes       string `json:"notes" yaml:"notes"`
	PerDay      int    `json:"per_day" yaml:"per_day"` // times per day
	DaysPerWeek int    `json:"days_per_week" yaml:"days_per_week"`
	Language    string `json:"language" yaml:"language"` // "en"

	// Preset is the preset the profile started from, "" for the defaults.
	Preset string `json:"preset,omitempty" yaml:"preset,omitempty"`
}

// HasEquipment reports whether the person has the named equipment.
func (p Profile) HasEquipment(name string) bool {
	for _, e := range p.Equipment {
		if e == name {
			return true
		}
	}
	return false
}
