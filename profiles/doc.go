// Package profiles describes the person a routine is for: how long they
// have, where they can lie down, their range of motion, their problems
// (sciatica, knees, wrists, balance, pregnancy), their equipment, what
// the routine should focus on, their answers to the safety questions,
// and the names printed on the handout.
//
// A Profile is built in layers. Default gives the starting point, or
// Preset a named one (profiles/presets/*.yaml, embedded). Apply changes
// a profile with plain values keyed by snake_case field name, as read
// from flags, environment variables, CSV cells or decoded JSON, and
// validates the result. Parse reads a YAML or JSON profile file into
// such values, reporting every problem with its line:
//
//	values, err := profiles.Parse("me.yaml", data, known)
//	// me.yaml:2: minutes: -5 is out of range (1–120)
//	// me.yaml:3: floor: "carpet" is not one of mat, bed, none
//	p, err := profiles.Apply(profiles.Default(), values, known)
//
// Known carries what only the catalog knows: the exercise ids that
// include and exclude may name, the red-flag ids and the muscle groups.
// The package itself imports nothing of limber's and knows nothing of
// flags, environment variables or config files.
package profiles
