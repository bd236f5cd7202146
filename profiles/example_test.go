package profiles_test

import (
	"fmt"

	"github.com/limberhq/limber/profiles"
)

func ExampleParse() {
	known := profiles.Known{ExerciseIDs: []string{"cat-cow", "child-pose"}}
	data := []byte("minutes: -5\nfloor: carpet\ninclude: [cat-cwo]\n")
	_, err := profiles.Parse("me.yaml", data, known)
	fmt.Println(err)
	// Output:
	// me.yaml:1: minutes: -5 is out of range (1–120)
	// me.yaml:2: floor: "carpet" is not one of mat, bed, none
	// me.yaml:3: include: "cat-cwo" is not in the catalog; did you mean "cat-cow"?
}

func ExampleApply() {
	base, _ := profiles.Preset("sciatica-left")
	// Values as a CSV row or environment variables give them.
	p, err := profiles.Apply(base, map[string]any{
		"minutes":   "12",
		"equipment": "strap,cushion",
		"weights":   "piriformis=1.5;core=0.5",
	}, profiles.Known{})
	fmt.Println(p.Minutes, p.Sciatica, p.Level, p.Equipment, p.Weights, err)
	// Output: 12 left gentle [strap cushion] map[core:0.5 piriformis:1.5] <nil>
}
