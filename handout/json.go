package handout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
)

// Schema names the JSON format JSON writes. It changes only when a key
// is removed or changes meaning; new keys may appear within a version.
const Schema = "limber.plan/v1"

// The JSON document. Keys are snake_case and part of the contract in
// DESIGN.md: extend, never rename or remove.
type (
	jsonPlan struct {
		Schema        string             `json:"schema"`
		BudgetSeconds int                `json:"budget_seconds"`
		TotalSeconds  int                `json:"total_seconds"`
		Status        planner.Status     `json:"status"`
		Gap           float64            `json:"gap"`
		Score         float64            `json:"score"`
		Bound         float64            `json:"bound"`
		Coverage      map[string]float64 `json:"coverage"`
		Weights       map[string]float64 `json:"weights"`
		Steps         []jsonStep         `json:"steps"`
		Excluded      []jsonExcluded     `json:"excluded"`
		Warnings      []string           `json:"warnings"`
		Profile       jsonProfile        `json:"profile"`
		Safety        jsonSafety         `json:"safety"`
	}
	jsonStep struct {
		Exercise          string           `json:"exercise"` // variant id
		Family            string           `json:"family"`
		FamilyName        string           `json:"family_name"`
		Name              string           `json:"name"`
		Role              catalog.Role     `json:"role"`
		Position          catalog.Position `json:"position"`
		Surface           catalog.Surface  `json:"surface"`
		Sides             int              `json:"sides"`
		SideOrder         string           `json:"side_order"`
		HoldSeconds       int              `json:"hold_seconds"`
		Reps              int              `json:"reps"`
		Sets              int              `json:"sets"`
		Seconds           int              `json:"seconds"`
		TransitionSeconds int              `json:"transition_seconds"`
		Reason            string           `json:"reason"`
		Breathing         string           `json:"breathing"`
		Steps             []string         `json:"steps"`
		Cautions          []string         `json:"cautions"`
	}
	jsonExcluded struct {
		ID       string `json:"id"`
		Reason   string `json:"reason"`
		Filtered bool   `json:"filtered"`
	}
	jsonProfile struct {
		Minutes      int      `json:"minutes"`
		Floor        string   `json:"floor"`
		ROM          string   `json:"rom"`
		Sciatica     string   `json:"sciatica"`
		BadKnees     bool     `json:"bad_knees"`
		BadWrists    bool     `json:"bad_wrists"`
		PoorBalance  bool     `json:"poor_balance"`
		Pregnant     int      `json:"pregnant"`
		Equipment    []string `json:"equipment"`
		Focus        string   `json:"focus"`
		Level        string   `json:"level"`
		StretchOnly  bool     `json:"stretch_only"`
		MaxExercises int      `json:"max_exercises"`
		Include      []string `json:"include"`
		Exclude      []string `json:"exclude"`
		Seed         int64    `json:"seed"`
		RedFlags     []string `json:"red_flags"`
		Patient      string   `json:"patient"`
		Clinician    string   `json:"clinician"`
		Clinic       string   `json:"clinic"`
		Notes        string   `json:"notes"`
		PerDay       int      `json:"per_day"`
		DaysPerWeek  int      `json:"days_per_week"`
	}
	jsonSafety struct {
		StopRules []string `json:"stop_rules"`
		// Urgent are the messages of the emergency-level red flags.
		Urgent []string `json:"urgent"`
		// Warning is the headline for warning-level answers, set when the
		// routine has warnings.
		Warning string `json:"warning"`
	}
)

// JSON writes r as a limber.plan/v1 document, indented, keys in a fixed
// order and maps sorted, so the same routine gives the same bytes. The
// safety section comes from o.Safety (JSON has no catalog argument);
// its lists are empty when o.Safety is nil.
func JSON(w io.Writer, r *planner.Routine, o Options) error {
	if r == nil {
		return errors.New("handout: no routine")
	}
	p := r.Profile
	doc := jsonPlan{
		Schema:        Schema,
		BudgetSeconds: r.Budget,
		TotalSeconds:  r.Total,
		Status:        r.Status,
		Gap:           round6(r.Gap),
		Score:         round6(r.Score),
		Bound:         round6(r.Bound),
		Coverage:      map[string]float64{},
		Weights:       map[string]float64{},
		Steps:         []jsonStep{},
		Excluded:      []jsonExcluded{},
		Warnings:      nonNil(r.Warnings),
		Profile: jsonProfile{
			Minutes: p.Minutes, Floor: string(p.Floor), ROM: string(p.ROM), Sciatica: string(p.Sciatica),
			BadKnees: p.BadKnees, BadWrists: p.BadWrists, PoorBalance: p.PoorBalance, Pregnant: p.Pregnant,
			Equipment: nonNil(p.Equipment), Focus: string(p.Focus), Level: string(p.Level),
			StretchOnly: p.StretchOnly, MaxExercises: p.MaxExercises, Include: nonNil(p.Include), Exclude: nonNil(p.Exclude),
			Seed: p.Seed, RedFlags: nonNil(p.RedFlags),
			Patient: p.Patient, Clinician: p.Clinician, Clinic: p.Clinic, Notes: p.Notes,
			PerDay: p.PerDay, DaysPerWeek: p.DaysPerWeek,
		},
		Safety: jsonSafety{StopRules: []string{}, Urgent: []string{}},
	}
	for _, row := range coverageRows(r) {
		doc.Coverage[string(row.Group)] = round6(row.Value)
	}
	for g, v := range r.Weights {
		doc.Weights[string(g)] = round6(v)
	}
	for _, s := range r.Steps {
		v := s.Variant
		doc.Steps = append(doc.Steps, jsonStep{
			Exercise: v.ID, Family: v.Family, FamilyName: s.FamilyName, Name: v.Name,
			Role: v.Role, Position: v.Position, Surface: v.Surface,
			Sides: s.Sides, SideOrder: s.SideOrder, HoldSeconds: s.Hold, Reps: s.Reps, Sets: s.Sets,
			Seconds: s.Seconds, TransitionSeconds: s.Transition, Reason: s.Reason,
			Breathing: v.Dosage.Breath, Steps: nonNil(v.Steps), Cautions: nonNil(v.Cautions),
		})
	}
	for _, e := range r.Excluded {
		doc.Excluded = append(doc.Excluded, jsonExcluded{ID: e.ID, Reason: e.Reason, Filtered: e.Filtered})
	}
	if o.Safety != nil {
		s := safetyOf(&catalog.Catalog{Safety: *o.Safety}, r)
		doc.Safety = jsonSafety{StopRules: nonNil(s.Stop), Urgent: nonNil(s.Urgent), Warning: s.Warning}
	}
	enc := json.NewEncoder(w)
	if !o.Compact {
		enc.SetIndent("", "  ")
	}
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("handout: json: %w", err)
	}
	return nil
}

// round6 keeps six decimals: enough for any comparison a script makes,
// and free of float noise such as 0.30000000000000004.
func round6(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return math.Round(v*1e6) / 1e6
}

// nonNil makes an absent list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
