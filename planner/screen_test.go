package planner

import (
	"reflect"
	"testing"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

var testSafety = catalog.Safety{
	Emergency: "Seek emergency care now.",
	Urgent:    "See a doctor before you exercise.",
	Warning:   "Please see a clinician about this.",
	RedFlags: []catalog.RedFlag{
		{ID: "bladder-bowel", Level: catalog.Emergency, Message: "bladder message"},
		{ID: "saddle-numbness", Level: catalog.Emergency, Message: "saddle message"},
		{ID: "fever", Level: catalog.Urgent, Message: "fever message"},
		{ID: "leg-numbness", Level: catalog.Warning, Message: "numbness message"},
	},
}

func withFlags(ids ...string) profiles.Profile {
	p := profiles.Default()
	p.RedFlags = ids
	return p
}

func TestScreen(t *testing.T) {
	tests := []struct {
		name     string
		flags    []string
		level    string
		ids      []string
		headline string
	}{
		{"no answers", nil, ScreenClear, nil, ""},
		{"warning only", []string{"leg-numbness"}, ScreenWarning, []string{"leg-numbness"}, testSafety.Warning},
		{"cauda equina", []string{"bladder-bowel"}, ScreenEmergency, []string{"bladder-bowel"}, testSafety.Emergency},
		{"saddle", []string{"saddle-numbness"}, ScreenEmergency, []string{"saddle-numbness"}, testSafety.Emergency},
		{"other emergency", []string{"fever"}, ScreenEmergency, []string{"fever"}, testSafety.Urgent},
		{"emergency beats warning, listed first", []string{"leg-numbness", "fever"}, ScreenEmergency,
			[]string{"fever", "leg-numbness"}, testSafety.Urgent},
		{"catalog order", []string{"fever", "bladder-bowel"}, ScreenEmergency,
			[]string{"bladder-bowel", "fever"}, testSafety.Emergency},
		{"unknown answer is not judged safe", []string{"mystery"}, ScreenEmergency, []string{"mystery"}, testSafety.Urgent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Screen(testSafety, withFlags(tt.flags...))
			if v.Level != tt.level {
				t.Errorf("Level = %q, want %q", v.Level, tt.level)
			}
			var ids []string
			for _, rf := range v.Flags {
				ids = append(ids, rf.ID)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("Flags = %v, want %v", ids, tt.ids)
			}
			if got := v.Headline(testSafety); got != tt.headline {
				t.Errorf("Headline = %q, want %q", got, tt.headline)
			}
			if v.Emergency() != (tt.level == ScreenEmergency) {
				t.Errorf("Emergency() = %v for level %s", v.Emergency(), v.Level)
			}
		})
	}
}

func TestVerdictWarnings(t *testing.T) {
	v := Screen(testSafety, withFlags("leg-numbness"))
	want := []string{testSafety.Warning, "numbness message"}
	if got := v.Warnings(testSafety); !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings = %q, want %q", got, want)
	}
	if got := Screen(testSafety, withFlags("fever")).Warnings(testSafety); got != nil {
		t.Errorf("an emergency verdict has no routine warnings, got %q", got)
	}
}

// TestScreenEmbeddedCatalog checks the screen against the shipped
// questions: every emergency sign refuses, numbness down a leg warns.
func TestScreenEmbeddedCatalog(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := cat.Safety
	for _, id := range []string{"bladder-bowel", "saddle-numbness", "leg-weakness", "fever", "weight-loss", "trauma", "cancer-history", "night-pain"} {
		v := Screen(s, withFlags(id))
		if v.Level != ScreenEmergency || len(v.Flags) != 1 || v.Flags[0].Message == "" {
			t.Errorf("%s: verdict %+v, want emergency with the catalog's message", id, v)
		}
		if v.Headline(s) == "" {
			t.Errorf("%s: no headline", id)
		}
	}
	for _, rf := range s.RedFlags {
		want := map[string]string{catalog.Emergency: s.Emergency, catalog.Urgent: s.Urgent, catalog.Warning: s.Warning}[rf.Level]
		if got := Screen(s, withFlags(rf.ID)).Headline(s); got != want {
			t.Errorf("%s (%s): headline %q, want %q", rf.ID, rf.Level, got, want)
		}
	}
	for _, id := range []string{"bladder-bowel", "saddle-numbness"} {
		if got := Screen(s, withFlags(id)).Headline(s); got != s.Emergency {
			t.Errorf("%s: headline %q, want the emergency one", id, got)
		}
	}
	if v := Screen(s, withFlags("leg-numbness")); v.Level != ScreenWarning {
		t.Errorf("leg-numbness: level %s, want warning", v.Level)
	}
	if v := Screen(s, profiles.Default()); v.Level != ScreenClear || len(v.Flags) != 0 {
		t.Errorf("no answers: %+v, want clear", v)
	}
}
