package catalog

import (
	"encoding/json"
	"fmt"
	"iter"
	"math/bits"
)

// JointSet is where a pose places its joints: a point for each name of
// Joints it places. A fixed array rather than a map, so that loading a
// catalog copies its poses instead of building a map for each, and a
// pose's joints are read without hashing their names. The zero value
// places none. JSON and YAML see it as a map from joint name to point.
type JointSet struct {
	pt  [len(jointNames)]Point
	has uint16 // bit i: jointNames[i] is placed
}

// jointNames is Joints as an array, for the size of JointSet.
var jointNames = [...]string{Head, Neck, Pelvis, NearElbow, NearHand, FarElbow, FarHand, NearKnee, NearAnkle, NearToe, FarKnee, FarAnkle, FarToe}

// allJoints is JointSet.has with every joint placed; it does not compile
// once there are more joints than bits.
const allJoints uint16 = 1<<len(jointNames) - 1

// jointIndex is the position of name in Joints, or -1.
func jointIndex(name string) int {
	for i, n := range jointNames {
		if n == name {
			return i
		}
	}
	return -1
}

// JointsFrom returns the joints of m, for poses written in code. It
// panics on a name that is not in Joints.
func JointsFrom(m map[string]Point) JointSet {
	var s JointSet
	for name, p := range m {
		if !s.Set(name, p) {
			panic(fmt.Sprintf("catalog: %q is not a joint (joints: %v)", name, Joints))
		}
	}
	return s
}

// Get returns the point of joint name and whether the pose places it.
func (s *JointSet) Get(name string) (Point, bool) {
	i := jointIndex(name)
	if i < 0 || s.has&(1<<i) == 0 {
		return Point{}, false
	}
	return s.pt[i], true
}

// At returns the point of joint name, or the zero Point when the pose
// does not place it.
func (s *JointSet) At(name string) Point {
	p, _ := s.Get(name)
	return p
}

// Set places joint name at p; it reports false, changing nothing, when
// name is not in Joints.
func (s *JointSet) Set(name string, p Point) bool {
	i := jointIndex(name)
	if i < 0 {
		return false
	}
	s.pt[i] = p
	s.has |= 1 << i
	return true
}

// Delete takes joint name out of the pose.
func (s *JointSet) Delete(name string) {
	if i := jointIndex(name); i >= 0 {
		s.pt[i] = Point{}
		s.has &^= 1 << i
	}
}

// Len is the number of joints placed.
func (s *JointSet) Len() int {
	return bits.OnesCount16(s.has)
}

// All yields the joints placed, in the order of Joints.
func (s *JointSet) All() iter.Seq2[string, Point] {
	return func(yield func(string, Point) bool) {
		for i, name := range jointNames {
			if s.has&(1<<i) != 0 && !yield(name, s.pt[i]) {
				return
			}
		}
	}
}

// asMap returns the joints as a map from name to point.
func (s *JointSet) asMap() map[string]Point {
	m := make(map[string]Point, s.Len())
	for name, p := range s.All() {
		m[name] = p
	}
	return m
}

// MarshalJSON writes the joints as an object from name to point.
func (s JointSet) MarshalJSON() ([]byte, error) {
	return json.Marshal(s.asMap())
}

// UnmarshalJSON reads an object from joint name to point.
func (s *JointSet) UnmarshalJSON(b []byte) error {
	var m map[string]Point
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	var out JointSet
	for name, p := range m {
		if !out.Set(name, p) {
			return fmt.Errorf("catalog: %q is not a joint", name)
		}
	}
	*s = out
	return nil
}

// MarshalYAML writes the joints as a mapping from name to point.
func (s JointSet) MarshalYAML() (any, error) {
	return s.asMap(), nil
}
