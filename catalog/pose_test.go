package catalog

import (
	"strings"
	"testing"
)

// standing is a plausible pose of a person standing, facing right.
func standing() Pose {
	return Pose{Joints: JointsFrom(map[string]Point{
		Head: {0, 167}, Neck: {0, 145}, Pelvis: {0, 92},
		NearElbow: {2, 115}, NearHand: {4, 88}, FarElbow: {-2, 115}, FarHand: {-4, 88},
		NearKnee: {2, 50}, NearAnkle: {0, 8}, NearToe: {15, 2},
		FarKnee: {-2, 50}, FarAnkle: {0, 8}, FarToe: {15, 2},
	}), Props: []Prop{}}
}

// lifted returns p with every joint moved up by dy.
func lifted(p Pose, dy float64) Pose {
	q := Pose{Props: p.Props}
	for j, pt := range p.Joints.All() {
		q.Joints.Set(j, Point{pt.X, pt.Y + dy})
	}
	return q
}

func TestPoseCheck(t *testing.T) {
	tests := []struct {
		name string
		pose func() Pose
		want string // a substring of the one expected problem; "" for none
	}{
		{"standing", standing, ""},
		{"missing joint", func() Pose { p := standing(); p.Joints.Delete(FarToe); return p }, "joint far_toe is missing"},
		{"long forearm", func() Pose { p := standing(); p.Joints.Set(NearHand, Point{4, 70}); return p }, "near_elbow–near_hand is 45 cm long (allowed: 22 to 34)"},
		{"short neck", func() Pose { p := standing(); p.Joints.Set(Head, Point{0, 155}); return p }, "head–neck is 10 cm long"},
		{"floating", func() Pose { return lifted(standing(), 30) }, "the body rests on nothing: its lowest joint, near_toe, is 32 cm above the floor"},
		{"below floor", func() Pose { p := standing(); p.Joints.Set(FarToe, Point{15, -8}); return p }, "far_toe is 8 cm below the floor"},
		{"on a bed", func() Pose {
			p := lifted(standing(), 50)
			p.Props = []Prop{{Kind: "bed", X: -50, W: 200, H: 50}}
			return p
		}, ""},
		{"beside a bed", func() Pose {
			p := lifted(standing(), 50)
			p.Props = []Prop{{Kind: "bed", X: 100, W: 200, H: 50}}
			return p
		}, "rests on nothing"},
		{"on a chair seat, back on the right", func() Pose {
			p := lifted(standing(), 45)
			p.Props = []Prop{{Kind: "chair", X: 20, W: -45}}
			return p
		}, ""},
		{"at a wall", func() Pose {
			p := lifted(standing(), 30)
			p.Props = []Prop{{Kind: "wall", X: 20}}
			return p
		}, ""},
		{"thick mat", func() Pose {
			p := standing()
			p.Props = []Prop{{Kind: "mat", X: -50, W: 180, H: 10}}
			return p
		}, "mat is 10 cm high (allowed: 0.5 to 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.pose().Check()
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("Check() = %q, want no problems", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("Check() = %q, want one problem containing %q", got, tt.want)
			}
		})
	}
}

// TestEmbeddedPoses checks the pose of every embedded variant. Each file
// is decoded on its own, so a pose can be checked while other files are
// still being written: run go test ./catalog -run Pose.
func TestEmbeddedPoses(t *testing.T) {
	for _, name := range embeddedFiles() {
		data, err := embedded.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := decodeFile(embeddedPrefix+name, data)
		for _, v := range p.variants {
			t.Run(v.ID, func(t *testing.T) {
				for _, msg := range v.Pose.Check() {
					t.Errorf("%s:%d: variants[%s].pose: %s", v.Origin.File, v.Origin.Line, v.ID, msg)
				}
			})
		}
	}
}
