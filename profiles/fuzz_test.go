package profiles

import (
	"errors"
	"testing"
)

// FuzzParse feeds arbitrary files to the profile parser. Whatever it
// reads must never crash it; what it accepts Apply must accept too, and
// every problem must name the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("minutes: 12\nfloor: none\nequipment: [strap, chair]\n"))
	f.Add([]byte(`{"minutes": 20, "weights": {"core": 1.5}, "include": ["cat-cow"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		values, err := Parse("f.yaml", data, testKnown)
		if err != nil {
			var probs Errors
			if !errors.As(err, &probs) || len(probs) == 0 {
				t.Fatalf("Parse error %T %v is not a non-empty Errors", err, err)
			}
			for _, p := range probs {
				if p.File != "f.yaml" || p.Msg == "" {
					t.Fatalf("problem %+v lacks the file or a message", p)
				}
			}
			return
		}
		p, err := Apply(Default(), values, testKnown)
		if err != nil {
			t.Fatalf("Parse accepted %q as %v but Apply says: %v", data, values, err)
		}
		if err := p.Validate(testKnown); err != nil {
			t.Fatalf("Apply returned an invalid profile: %v", err)
		}
	})
}
