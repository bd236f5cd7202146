package catalog_test

import (
	"fmt"

	"github.com/limberhq/limber/catalog"
)

// A clinic adds its own exercise to the built-in catalog and looks it up.
func ExampleLoad() {
	cat, err := catalog.Load("testdata/clinic.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := cat.Variant("heel-raise-chair")
	fam, _ := cat.Family(v.Family)
	fmt.Printf("%s (%s family), %s on a %s\n", v.Name, fam.Name, v.Position, v.Surface)
	fmt.Printf("%d reps of %d s after %d s setup: %d s\n", v.Dosage.Reps, v.Dosage.Move, v.Dosage.Setup, v.Seconds())
	fmt.Println("needs the floor:", v.NeedsFloor())
	// Output:
	// Heel raise holding a chair (Heel raise family), standing on a chair
	// 10 reps of 3 s after 10 s setup: 40 s
	// needs the floor: false
}

// Every problem of a broken file is reported with its line.
func ExampleCheck() {
	err := catalog.Check("testdata/broken.yaml")
	fmt.Println(err)
	// Output:
	// testdata/broken.yaml:2: variants[heel-raise-chair].coverage: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].dosage: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].name: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].pose: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].position: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].steps: required but missing
	// testdata/broken.yaml:2: variants[heel-raise-chair].surface: required but missing
	// testdata/broken.yaml:3: variants[heel-raise-chair].family: family "heel-raise" does not exist
	// testdata/broken.yaml:4: variants[heel-raise-chair].role: "strech" is not allowed (allowed: warm-up, stretch, strength, self-massage, relaxation)
	// testdata/broken.yaml:5: variants[heel-raise-chair].demands.rom: 5 is out of range 1 to 3
}

// The list command's filters: variants for someone who cannot get down
// to the floor, working the piriformis.
func ExampleCatalog_Filter() {
	cat, _ := catalog.Load("testdata/clinic.yaml")
	for _, v := range cat.Filter(catalog.Filter{Group: catalog.Core, Role: catalog.WarmUp, NoFloor: true}) {
		if v.Origin.File == "testdata/clinic.yaml" {
			fmt.Println(v.ID, v.Surface, v.Coverage[catalog.Core])
		}
	}
	// Output:
	// heel-raise-chair chair 0.2
}

// A pose is checked for plausible body proportions and support: this
// figure of a person standing floats 30 cm above the floor, and its head
// sits too close to its shoulders.
func ExamplePose_Check() {
	p := catalog.Pose{Joints: catalog.JointsFrom(map[string]catalog.Point{
		catalog.Head: {X: 0, Y: 185}, catalog.Neck: {X: 0, Y: 175}, catalog.Pelvis: {X: 0, Y: 122},
		catalog.NearElbow: {X: 2, Y: 145}, catalog.NearHand: {X: 4, Y: 118},
		catalog.FarElbow: {X: -2, Y: 145}, catalog.FarHand: {X: -4, Y: 118},
		catalog.NearKnee: {X: 2, Y: 80}, catalog.NearAnkle: {X: 0, Y: 38}, catalog.NearToe: {X: 15, Y: 32},
		catalog.FarKnee: {X: -2, Y: 80}, catalog.FarAnkle: {X: 0, Y: 38}, catalog.FarToe: {X: 15, Y: 32},
	})}
	for _, msg := range p.Check() {
		fmt.Println(msg)
	}
	// Output:
	// head–neck is 10 cm long (allowed: 18 to 30)
	// the body rests on nothing: its lowest joint, near_toe, is 32 cm above the floor (allowed: up to 15)
}
