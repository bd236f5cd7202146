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

// CaudaEquina lists the red flags that are signs of cauda equina
// syndrome. They call for emergency care at once, so they get the
// catalog's emergency headline; other emergency-level answers get the
// urgent one. The catalog holds the questions and the wording, this
// list only which ids are these signs.
var CaudaEquina = []string{"bladder-bowel", "saddle-numbness"}

// Verdict is the outcome of the safety screen.
type Verdict struct {
	Level string            // ScreenClear, ScreenWarning or ScreenEmergency
	Flags []catalog.RedFlag // the red flags answered yes, in catalog order, emergency level first
}

// Screen checks the profile's red-flag answers against the catalog's
// safety questions. Any emergency-level answer refuses the routine; a
// warning-level answer lets it go ahead, gentle and with a warning.
//
// An answer the catalog does not know is treated as emergency-level:
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
		if rf.Level == catalog.Warning {
			warning = append(warning, rf)
		} else {
			emergency = append(emergency, rf)
		}
	}
	for _, id := range p.RedFlags {
		known := slices.ContainsFunc(s.RedFlags, func(rf catalog.RedFlag) bool { return rf.ID == id })
		if !known {
			emergency = append(emergency, catalog.RedFlag{ID: id, Level: catalog.Emergency})
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

// CaudaEquina reports whether an answer is a sign of cauda equina
// syndrome, which calls for emergency care at once.
func (v Verdict) CaudaEquina() bool {
	return slices.ContainsFunc(v.Flags, func(rf catalog.RedFlag) bool {
		return slices.Contains(CaudaEquina, rf.ID)
	})
}

// Headline returns the catalog's headline for the verdict: the emergency
// wording for cauda equina signs, the urgent wording for other
// emergency-level answers, the warning wording for warnings, and "" when
// the screen is clear.
func (v Verdict) Headline(s catalog.Safety) string {
	switch {
	case v.Level == ScreenEmergency && v.CaudaEquina():
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
