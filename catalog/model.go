package catalog

// Group is a muscle group a variant works. The set of groups is closed:
// see Groups.
type Group string

// The muscle groups a routine covers.
const (
	LowerBack         Group = "lower-back"
	Glutes            Group = "glutes"
	Hamstrings        Group = "hamstrings"
	HipFlexors        Group = "hip-flexors"
	Piriformis        Group = "piriformis"
	Obliques          Group = "obliques"
	QuadratusLumborum Group = "quadratus-lumborum"
	Core              Group = "core"
	UpperBack         Group = "upper-back"
	Adductors         Group = "adductors"
)

// Groups lists every muscle group in a fixed order, which is the order
// of columns in coverage matrices and of rows in printed coverage.
var Groups = []Group{LowerBack, Glutes, Hamstrings, HipFlexors, Piriformis, Obliques, QuadratusLumborum, Core, UpperBack, Adductors}

// Role is what an exercise does in a routine.
type Role string

// Roles, in the order a routine uses them.
const (
	WarmUp      Role = "warm-up"
	Stretch     Role = "stretch"
	Strength    Role = "strength"
	SelfMassage Role = "self-massage"
	Relaxation  Role = "relaxation"
)

// Roles lists every role.
var Roles = []Role{WarmUp, Stretch, Strength, SelfMassage, Relaxation}

// Position is the body position an exercise is done in. Changing position
// costs time (see the planner's transition matrix).
type Position string

// Positions.
const (
	Standing    Position = "standing"
	SeatedChair Position = "seated-chair"
	SeatedFloor Position = "seated-floor"
	Kneeling    Position = "kneeling"
	Quadruped   Position = "quadruped"
	Supine      Position = "supine"
	Prone       Position = "prone"
	SideLying   Position = "side-lying"
)

// Positions lists every position.
var Positions = []Position{Standing, SeatedChair, SeatedFloor, Kneeling, Quadruped, Supine, Prone, SideLying}

// Surface is what the person needs to be on.
type Surface string

// Surfaces. A profile's floor access decides which are allowed.
const (
	SurfaceNone  Surface = "none"  // standing, nothing needed
	SurfaceChair Surface = "chair" // sitting on or holding a chair
	SurfaceBed   Surface = "bed"   // lying or kneeling on a bed
	SurfaceFloor Surface = "floor" // on a mat on the floor
	SurfaceWall  Surface = "wall"  // standing against or holding a wall
)

// Surfaces lists every surface.
var Surfaces = []Surface{SurfaceNone, SurfaceChair, SurfaceBed, SurfaceFloor, SurfaceWall}

// Equipment is something the person must have at hand.
type Equipment string

// Equipment.
const (
	Strap   Equipment = "strap" // a strap, belt or towel
	Cushion Equipment = "cushion"
	Pillow  Equipment = "pillow"
	Ball    Equipment = "ball" // tennis or massage ball, or rolled socks
	Wall    Equipment = "wall"
	Chair   Equipment = "chair"
)

// EquipmentKinds lists every kind of equipment.
var EquipmentKinds = []Equipment{Strap, Cushion, Pillow, Ball, Wall, Chair}

// Spine is the direction a variant moves or loads the spine.
type Spine string

// Spinal directions.
const (
	Neutral   Spine = "neutral"
	Flexion   Spine = "flexion"
	Extension Spine = "extension"
	Rotation  Spine = "rotation"
	Lateral   Spine = "lateral"
	Mixed     Spine = "mixed" // moves through flexion and extension, as cat-cow
)

// Spines lists every spinal direction.
var Spines = []Spine{Neutral, Flexion, Extension, Rotation, Lateral, Mixed}

// Tag names a condition or purpose, used in GoodFor and AvoidWith.
type Tag string

// Tags.
const (
	TagSciatica      Tag = "sciatica"       // nerve pain down a leg
	TagPregnancy     Tag = "pregnancy"      // any trimester
	TagPregnancyLate Tag = "pregnancy-late" // second and third trimester: no lying flat on the back or front for long
	TagKnee          Tag = "knee"           // painful or weak knees
	TagWrist         Tag = "wrist"          // painful wrists, no weight on the hands
	TagBalance       Tag = "balance"        // poor balance
	TagLimitedROM    Tag = "limited-rom"    // limited range of motion
	TagDisc          Tag = "disc"           // flexion-sensitive (disc) pain
	TagDesk          Tag = "desk-break"     // good at a desk
	TagMorning       Tag = "morning"        // good first thing in the morning
	TagRelief        Tag = "relief"         // eases pain now
	TagMobility      Tag = "mobility"       // restores movement
	TagStrength      Tag = "strength"       // builds strength and control
	TagStenosis      Tag = "stenosis"       // extension-sensitive pain
)

// Tags lists every tag.
var Tags = []Tag{TagSciatica, TagPregnancy, TagPregnancyLate, TagKnee, TagWrist, TagBalance, TagLimitedROM, TagDisc, TagDesk, TagMorning, TagRelief, TagMobility, TagStrength, TagStenosis}

// Family is one exercise with its variants: knee-to-chest on the floor
// and on a bed are two variants of one family. A routine holds at most
// one variant of each family.
type Family struct {
	ID      string `json:"id" yaml:"id"`
	Name    string `json:"name" yaml:"name"`
	Summary string `json:"summary" yaml:"summary"` // one sentence: what it is for
	Source  string `json:"source" yaml:"source"`   // the article it comes from, or "common physiotherapy practice"
	Origin  Origin `json:"-" yaml:"-"`
}

// Dosage says how long and how often. The time of one execution is
//
//	Setup + Sides·Sets·Reps·(Hold + Move) + (Sides·Sets − 1)·Switch
//
// where Sides is 2 for a sided variant and 1 otherwise, and Switch is
// SwitchSeconds. The planner may lengthen Hold up to MaxHold and raise
// Reps up to MaxReps to fill a budget.
type Dosage struct {
	Hold    int    `json:"hold_seconds" yaml:"hold_seconds"`         // seconds held each rep (0 for purely moving reps)
	MaxHold int    `json:"max_hold_seconds" yaml:"max_hold_seconds"` // safe upper limit for Hold
	Move    int    `json:"move_seconds" yaml:"move_seconds"`         // seconds of movement each rep (into and out of the position)
	Reps    int    `json:"reps" yaml:"reps"`
	MaxReps int    `json:"max_reps" yaml:"max_reps"`
	Sets    int    `json:"sets" yaml:"sets"`
	Setup   int    `json:"setup_seconds" yaml:"setup_seconds"`   // getting into the starting position
	Switch  int    `json:"switch_seconds" yaml:"switch_seconds"` // between sides or sets
	Breath  string `json:"breathing" yaml:"breathing"`           // breathing cue
}

// Demands are what a variant asks of the body.
type Demands struct {
	ROM     int   `json:"rom" yaml:"rom"`         // range of motion needed: 1 limited, 2 moderate, 3 full
	Balance bool  `json:"balance" yaml:"balance"` // needs good balance
	Kneel   bool  `json:"kneeling" yaml:"kneeling"`
	Hands   bool  `json:"weight_on_hands" yaml:"weight_on_hands"`
	Spine   Spine `json:"spine" yaml:"spine"`
}

// Point is a 2-D position in centimetres, x to the right (the way the
// figure faces), y up, the floor at y = 0.
type Point struct {
	X float64 `json:"x" yaml:"x"`
	Y float64 `json:"y" yaml:"y"`
}

// Joint names of a pose. "near" limbs are drawn in front, "far" behind.
const (
	Head      = "head"
	Neck      = "neck" // between the shoulders
	Pelvis    = "pelvis"
	NearElbow = "near_elbow"
	NearHand  = "near_hand"
	FarElbow  = "far_elbow"
	FarHand   = "far_hand"
	NearKnee  = "near_knee"
	NearAnkle = "near_ankle"
	NearToe   = "near_toe"
	FarKnee   = "far_knee"
	FarAnkle  = "far_ankle"
	FarToe    = "far_toe"
)

// Joints lists every joint a pose must place.
var Joints = jointNames[:]

// Prop is an object in a figure.
type Prop struct {
	Kind string  `json:"kind" yaml:"kind"` // mat, bed, chair, wall, ball, strap, cushion, pillow, block
	X    float64 `json:"x" yaml:"x"`       // left edge (wall: its x position)
	Y    float64 `json:"y" yaml:"y"`       // bottom edge
	W    float64 `json:"w" yaml:"w"`
	H    float64 `json:"h" yaml:"h"`
	// From and To are joint names a strap runs between (strap only).
	From string `json:"from,omitempty" yaml:"from,omitempty"`
	To   string `json:"to,omitempty" yaml:"to,omitempty"`
}

// PropKinds lists every prop kind.
var PropKinds = []string{"mat", "bed", "chair", "wall", "ball", "strap", "cushion", "pillow", "block"}

// Arrow shows the movement: a curved arrow from one point to another.
type Arrow struct {
	From Point   `json:"from" yaml:"from"`
	To   Point   `json:"to" yaml:"to"`
	Bend float64 `json:"bend" yaml:"bend"` // sideways bulge of the curve, cm; 0 is straight
}

// Pose is a stick-figure picture of a variant, side view.
type Pose struct {
	Joints JointSet `json:"joints" yaml:"joints"`
	Props  []Prop   `json:"props" yaml:"props"`
	Arrow  *Arrow   `json:"arrow,omitempty" yaml:"arrow,omitempty"`
}

// Variant is one way of doing an exercise.
type Variant struct {
	ID            string            `json:"id" yaml:"id"`
	Family        string            `json:"family" yaml:"family"`
	Name          string            `json:"name" yaml:"name"`
	Role          Role              `json:"role" yaml:"role"`
	Position      Position          `json:"position" yaml:"position"`
	Surface       Surface           `json:"surface" yaml:"surface"`
	Equipment     []Equipment       `json:"equipment" yaml:"equipment"`
	Demands       Demands           `json:"demands" yaml:"demands"`
	Sided         bool              `json:"sided" yaml:"sided"`
	Dosage        Dosage            `json:"dosage" yaml:"dosage"`
	Coverage      map[Group]float64 `json:"coverage" yaml:"coverage"`
	Steps         []string          `json:"steps" yaml:"steps"`
	Cautions      []string          `json:"cautions" yaml:"cautions"`
	Modifications []string          `json:"modifications" yaml:"modifications"`       // easier or gentler ways, in words
	Easier        string            `json:"easier,omitempty" yaml:"easier,omitempty"` // id of the variant to use if this one hurts
	GoodFor       []Tag             `json:"good_for" yaml:"good_for"`
	AvoidWith     []Tag             `json:"avoid_with" yaml:"avoid_with"`
	Source        string            `json:"source" yaml:"source"`
	Pose          Pose              `json:"pose" yaml:"pose"`
	Origin        Origin            `json:"-" yaml:"-"`
}

// Origin is where an entry was read from, for error messages.
type Origin struct {
	File string
	Line int
}

// RedFlag is a screening question whose "yes" needs a clinician.
type RedFlag struct {
	ID       string `json:"id" yaml:"id"`             // e.g. "bladder-bowel"
	Level    string `json:"level" yaml:"level"`       // Emergency, Urgent or Warning
	Question string `json:"question" yaml:"question"` // asked by `limber screen`
	Message  string `json:"message" yaml:"message"`   // what to tell the person when they answer yes
	Sign     string `json:"sign" yaml:"sign"`         // the warning sign in a few words, for the handout's safety box
	Source   string `json:"source" yaml:"source"`
}

// Red-flag levels. Emergency and Urgent answers refuse a routine;
// Emergency ones (the signs of cauda equina syndrome) call for emergency
// care at once, Urgent ones for a doctor before any exercise. A Warning
// answer gives a gentle routine and the advice to see a clinician.
const (
	Emergency = "emergency"
	Urgent    = "urgent"
	Warning   = "warning"
)

// Refuses reports whether a yes to this red flag means no routine.
func (rf RedFlag) Refuses() bool { return rf.Level != Warning }

// Tip is a posture or daily-habit tip.
type Tip struct {
	Topic  string `json:"topic" yaml:"topic"` // sitting, standing, sleeping, movement
	Text   string `json:"text" yaml:"text"`
	Source string `json:"source" yaml:"source"`
}

// TipTopics lists every tip topic in printing order.
var TipTopics = []string{"sitting", "standing", "sleeping", "movement"}

// Safety is the handout's safety text and the screening questions.
type Safety struct {
	StopRules []string  `json:"stop_rules" yaml:"stop_rules"` // when to stop an exercise
	RedFlags  []RedFlag `json:"red_flags" yaml:"red_flags"`
	Emergency string    `json:"emergency" yaml:"emergency"` // headline for emergency answers
	Urgent    string    `json:"urgent" yaml:"urgent"`       // headline for other emergency-level answers
	Warning   string    `json:"warning" yaml:"warning"`     // headline for warning-level answers
}

// Catalog is the loaded, validated library. Families and Variants are
// sorted by id.
type Catalog struct {
	Families []Family
	Variants []Variant
	Tips     []Tip
	Safety   Safety
}
