package catalog

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestJointSet(t *testing.T) {
	var s JointSet
	if s.Len() != 0 {
		t.Fatalf("zero JointSet places %d joints", s.Len())
	}
	if _, ok := s.Get(Head); ok {
		t.Fatal("zero JointSet places the head")
	}
	if !s.Set(Head, Point{1, 2}) || !s.Set(FarToe, Point{3, 4}) {
		t.Fatal("Set refused a joint name")
	}
	if s.Set("left_hand", Point{5, 6}) {
		t.Fatal(`Set took "left_hand", which is not a joint`)
	}
	if p, ok := s.Get(Head); !ok || p != (Point{1, 2}) {
		t.Fatalf("Get(head) = %v, %v", p, ok)
	}
	if s.At(Neck) != (Point{}) || s.Len() != 2 {
		t.Fatalf("At(neck) = %v, Len %d", s.At(Neck), s.Len())
	}
	var names []string
	for name := range s.All() {
		names = append(names, name)
	}
	if strings.Join(names, ",") != "head,far_toe" {
		t.Fatalf("All yields %v, want head then far_toe (the order of Joints)", names)
	}
	s.Delete(Head)
	if _, ok := s.Get(Head); ok || s.Len() != 1 {
		t.Fatalf("after Delete(head): Len %d", s.Len())
	}
	c := s // a copy is independent
	c.Set(FarToe, Point{9, 9})
	if s.At(FarToe) != (Point{3, 4}) {
		t.Fatal("changing a copy changed the original")
	}
}

// TestJointSetEncodings checks that JSON and YAML see a JointSet as the
// map from joint name to point it stands for, both ways.
func TestJointSetEncodings(t *testing.T) {
	m := map[string]Point{Head: {0, 167.5}, Pelvis: {-2, 92}, NearToe: {15, 2}}
	s := JointsFrom(m)
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(m)
	if string(got) != string(want) {
		t.Fatalf("JSON %s, want %s", got, want)
	}
	var back JointSet
	if err := json.Unmarshal(got, &back); err != nil || back != s {
		t.Fatalf("JSON round trip: %v, %+v", err, back)
	}
	if err := json.Unmarshal([]byte(`{"tail": {"x": 1, "y": 2}}`), &back); err == nil || !strings.Contains(err.Error(), `"tail" is not a joint`) {
		t.Fatalf("unknown joint: error %v", err)
	}
	y, err := yaml.Marshal(Pose{Joints: s})
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Joints map[string]Point `yaml:"joints"`
	}
	if err := yaml.Unmarshal(y, &decoded); err != nil || !maps.Equal(decoded.Joints, m) {
		t.Fatalf("YAML %s decodes to %v, %v", y, decoded.Joints, err)
	}
}

func TestJointsFromPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), `"elbow" is not a joint`) {
			t.Fatalf("recovered %v", r)
		}
	}()
	JointsFrom(map[string]Point{"elbow": {}})
}
