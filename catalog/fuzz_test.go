package catalog

import (
	"slices"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the loader as a clinic file on top
// of an empty catalog. Whatever the input, loading must not panic or
// hang, must report problems with the file's name and a sane line, and
// must only return catalogs that hold what validation promises.
func FuzzLoad(f *testing.F) {
	// More seeds are in testdata/fuzz/FuzzLoad.
	f.Add([]byte("tips: [{topic: sitting, text: Sit tall., source: here}]\n"))
	f.Add([]byte("x-a: &a {rom: 1, spine: neutral}\nfamilies: [{id: f, name: F, summary: S., source: here}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.yaml"
		b := newBuilder()
		b.addFile(name, data, true)
		cat, err := b.finish()
		lines := strings.Count(string(data), "\n") + 1
		if err != nil {
			probs, ok := err.(Errors)
			if !ok || len(probs) == 0 {
				t.Fatalf("error %T %v, want a non-empty Errors", err, err)
			}
			for _, p := range probs {
				if p.File != name || p.Line < 0 || p.Line > lines || p.Msg == "" {
					t.Fatalf("bad problem %+v in a file of %d lines", p, lines)
				}
			}
			return
		}
		for _, v := range cat.Variants {
			if _, ok := cat.Family(v.Family); !ok {
				t.Fatalf("variant %s of missing family %s", v.ID, v.Family)
			}
			if !validID(v.ID) || v.Name == "" || len(v.Steps) == 0 || len(v.Coverage) == 0 {
				t.Fatalf("variant %+v passed validation", v)
			}
			if v.Demands.ROM < 1 || v.Demands.ROM > 3 || v.Dosage.Reps < 1 || v.Dosage.Sets < 1 ||
				v.Dosage.MaxReps < v.Dosage.Reps || v.Dosage.MaxHold < v.Dosage.Hold || v.Seconds() <= 0 {
				t.Fatalf("variant %s has dosage %+v, demands %+v", v.ID, v.Dosage, v.Demands)
			}
			for g, w := range v.Coverage {
				if !slices.Contains(Groups, g) || w < 0 || w > 1 {
					t.Fatalf("variant %s covers %s with %v", v.ID, g, w)
				}
			}
			for _, j := range Joints {
				if _, ok := v.Pose.Joints.Get(j); !ok {
					t.Fatalf("variant %s has no joint %s", v.ID, j)
				}
			}
			_ = v.Pose.Check()
		}
	})
}
