package profiles

import (
	"strings"
	"testing"
)

func TestPresets(t *testing.T) {
	names := PresetNames()
	for _, want := range []string{"desk-worker", "sciatica-left", "senior-chair", "morning-stiffness", "pregnancy-second-trimester", "bad-knees"} {
		if !strings.Contains(","+strings.Join(names, ",")+",", ","+want+",") {
			t.Errorf("preset %s missing from %v", want, names)
		}
	}
	for _, name := range names {
		p, err := Preset(name)
		if err != nil {
			t.Errorf("Preset(%s): %v", name, err)
			continue
		}
		if p.Preset != name {
			t.Errorf("Preset(%s).Preset = %q", name, p.Preset)
		}
		if err := p.Validate(testKnown); err != nil {
			t.Errorf("Preset(%s) is not valid: %v", name, err)
		}
		if PresetSummary(name) == "" {
			t.Errorf("preset %s has no summary comment on its first line", name)
		}
		values, err := PresetValues(name)
		if err != nil || len(values) == 0 {
			t.Errorf("PresetValues(%s) = %v, %v", name, values, err)
		}
	}
}

func TestPresetContents(t *testing.T) {
	tests := []struct {
		name  string
		check func(Profile) bool
	}{
		{"sciatica-left", func(p Profile) bool { return p.Sciatica == SideLeft && p.Level == LevelGentle }},
		{"senior-chair", func(p Profile) bool { return p.Floor == FloorNone && p.PoorBalance && p.ROM == ROMLimited }},
		{"desk-worker", func(p Profile) bool { return p.Floor == FloorNone && p.Focus == FocusDeskBreak }},
		{"morning-stiffness", func(p Profile) bool { return p.Focus == FocusMorning && p.Floor == FloorBed }},
		{"pregnancy-second-trimester", func(p Profile) bool { return p.Pregnant == 2 && p.Level == LevelGentle }},
		{"bad-knees", func(p Profile) bool { return p.BadKnees && p.HasEquipment("cushion") }},
	}
	for _, tt := range tests {
		p, err := Preset(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if !tt.check(p) {
			t.Errorf("Preset(%s) = %+v", tt.name, p)
		}
	}
}

func TestUnknownPreset(t *testing.T) {
	for _, name := range []string{"yoga", "", "../profile", "presets/desk-worker"} {
		_, err := Preset(name)
		if err == nil || !strings.Contains(err.Error(), "is not one of bad-knees") {
			t.Errorf("Preset(%q) error = %v, want the list of presets", name, err)
		}
		if PresetSummary(name) != "" && name != "" {
			t.Errorf("PresetSummary(%q) is not empty", name)
		}
	}
}
