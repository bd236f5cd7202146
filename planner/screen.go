package planner

import (
	"slices"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// Screen levels, from no concern to no routine.
const (
	ScreenClear     = "clear"     // no red flag answered yes
	ScreenWarning   = "warning"   // warning-level answers only: a gentle routine and advice to see a clinician
	ScreenEmergency = "emergency" // an emergency-level answer: no routine, see a doctor first
)

// Verdict is the outcome of the safety screen.
type Verdict struct {
	Level string            // ScreenClear, ScreenWarning or ScreenEmergency
	Flags []catalog.RedFlag // the red flags answered yes, in catalog order, refusing ones first
}

// Screen checks the profile's red-flag answers against the catalog's
// safety questions. Any emergency- or urgent-level answer refuses the
// routine; a warning-level answer lets it go ahead, gentle and with a
// warning.
//
// An answer the catalog does not know is treated as urgent-level:
// a profile is validated against the same catalog, so this only happens
// when the two disagree, and an answer that cannot be judged cannot be
// judged safe.
func Screen(s catalog.Safety, p profiles.Profile) Verdict {
	v := Verdict{Level: ScreenClear}
	var emergency, warning []catalog.RedFlag
	for _, rf := range s.RedFlags {
		if !slices.Contains(p.RedFlags, rf.ID) {
			continue
		}
		if rf.Refuses() {
			emergency = append(emergency, rf)
		} else {
			warning = append(warning, rf)
		}
	}
	for _, id := range p.RedFlags {
		known := slices.ContainsFunc(s.RedFlags, func(rf catalog.RedFlag) bool { return rf.ID == id })
		if !known {
			emergency = append(emergency, catalog.RedFlag{ID: id, Level: catalog.Urgent})
		}
	}
	v.Flags = append(emergency, warning...)
	switch {
	case len(emergency) > 0:
		v.Level = ScreenEmergency
	case len(warning) > 0:
		v.Level = ScreenWarning
	}
	return v
}

// Emergency reports whether the verdict refuses a routine.
func (v Verdict) Emergency() bool { return v.Level == ScreenEmergency }

// EmergencyCare reports whether an answer is at the catalog's emergency
// level (the signs of cauda equina syndrome), which calls for emergency
// care at once.
func (v Verdict) EmergencyCare() bool {
	return slices.ContainsFunc(v.Flags, func(rf catalog.RedFlag) bool {
		return rf.Level == catalog.Emergency
	})
}

// Headline returns the catalog's headline for the verdict: the emergency
// wording for emergency-level answers, the urgent wording for
// urgent-level ones, the warning wording for warnings, and "" when
// the screen is clear.
func (v Verdict) Headline(s catalog.Safety) string {
	switch {
	case v.Level == ScreenEmergency && v.EmergencyCare():
		return s.Emergency
	case v.Level == ScreenEmergency:
		return s.Urgent
	case v.Level == ScreenWarning:
		return s.Warning
	}
	return ""
}

// Warnings returns what a routine planned under a warning verdict must
// show: the headline, then each answer's message.
func (v Verdict) Warnings(s catalog.Safety) []string {
	if v.Level != ScreenWarning {
		return nil
	}
	out := []string{v.Headline(s)}
	for _, rf := range v.Flags {
		out = append(out, rf.Message)
	}
	return out
}
