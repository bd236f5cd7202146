package main

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

func TestPrintVerdict(t *testing.T) {
	s := testCatalog(t).Safety
	tests := []struct {
		name    string
		flags   []string
		want    []string
		wantNot []string
	}{
		{"clear", nil, []string{"Safety screen: clear."}, []string{"You answered yes"}},
		{"warning", []string{"leg-numbness"}, []string{firstWords(s.Warning), "You answered yes to this question:",
			firstWords(question(t, "leg-numbness"))}, []string{"no exercise routine"}},
		{"cauda equina", []string{"saddle-numbness"}, []string{firstWords(s.Emergency), firstWords(question(t, "saddle-numbness")),
			"limber gives no exercise routine with this answer."}, nil},
		{"other emergency", []string{"trauma"}, []string{firstWords(s.Urgent), firstWords(question(t, "trauma"))}, []string{firstWords(s.Emergency)}},
		{"emergency and warning", []string{"leg-numbness", "fever", "bladder-bowel"}, []string{
			firstWords(s.Emergency), "You answered yes to these questions:", firstWords(question(t, "fever")),
			"Tell the doctor that you also answered yes to:", firstWords(question(t, "leg-numbness")),
			"with these answers."}, []string{firstWords(message(t, "leg-numbness"))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := profiles.Default()
			p.RedFlags = tt.flags
			var out bytes.Buffer
			if err := printVerdict(&out, planner.Screen(s, p), s); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(out.String()), " ")
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("verdict lacks %q:\n%s", want, out.String())
				}
			}
			for _, not := range tt.wantNot {
				if strings.Contains(text, not) {
					t.Errorf("verdict has %q:\n%s", not, out.String())
				}
			}
			for _, line := range strings.Split(out.String(), "\n") {
				if len([]rune(line)) > 76 {
					t.Errorf("line longer than 76 characters: %q", line)
				}
			}
		})
	}
}

func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(6, len(w))], " ")
}

func question(t *testing.T, id string) string {
	for _, rf := range testCatalog(t).Safety.RedFlags {
		if rf.ID == id {
			return rf.Question
		}
	}
	t.Fatalf("no red flag %s", id)
	return ""
}

func message(t *testing.T, id string) string {
	for _, rf := range testCatalog(t).Safety.RedFlags {
		if rf.ID == id {
			return rf.Message
		}
	}
	t.Fatalf("no red flag %s", id)
	return ""
}

func TestAskRedFlags(t *testing.T) {
	s := testCatalog(t).Safety
	var ids []string
	for _, rf := range s.RedFlags {
		ids = append(ids, rf.ID)
	}
	// Already answered: the last question. Of the others the first is
	// answered yes (after a wrong key), the rest no.
	answers := []string{"what?", "Y"}
	for range ids[1 : len(ids)-1] {
		answers = append(answers, "n")
	}
	var errOut bytes.Buffer
	streams := &IOStreams{In: strings.NewReader(strings.Join(answers, "\n") + "\n"), Err: &errOut}
	got, err := askRedFlags(streams, s, []string{ids[len(ids)-1]})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{ids[len(ids)-1], ids[0]}; !reflect.DeepEqual(got, want) {
		t.Errorf("answers = %v, want %v", got, want)
	}
	for _, want := range []string{s.RedFlags[0].Question, "Please answer y or n.", "yes (already given)"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("dialogue lacks %q:\n%s", want, errOut.String())
		}
	}

	streams.In = strings.NewReader("n\n")
	_, err = askRedFlags(streams, s, nil)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitUsage {
		t.Errorf("input ending early: %v, want a usage error", err)
	}
}

func TestRunScreenExitCodes(t *testing.T) {
	s := testCatalog(t).Safety
	allNo := strings.Repeat("n\n", len(s.RedFlags))
	tests := []struct {
		flags []string
		ask   string // terminal answers, "" for no questions
		code  ExitCode
	}{
		{nil, "", ExitOK},
		{[]string{"leg-numbness"}, "", ExitOK},
		{[]string{"night-pain"}, "", ExitSafety},
		{nil, allNo, ExitOK},
		{nil, "y\n" + allNo, ExitSafety}, // the first question is an emergency sign
	}
	for _, tt := range tests {
		p := profiles.Default()
		p.RedFlags = tt.flags
		var out bytes.Buffer
		opts := &ScreenOptions{
			IO:      &IOStreams{In: strings.NewReader(tt.ask), Out: &out, Err: &bytes.Buffer{}},
			Profile: p, Safety: s, Ask: tt.ask != "",
		}
		code := ExitOK
		if err := runScreen(opts); err != nil {
			code = report(opts.IO, err)
		}
		if code != tt.code {
			t.Errorf("flags %v, answers %q: exit %d, want %d\n%s", tt.flags, tt.ask, code, tt.code, out.String())
		}
	}
}
