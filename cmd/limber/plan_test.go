package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// TestPlanFlags checks how flags become options, and the usage errors.
func TestPlanFlags(t *testing.T) {
	tests := []optionCase[PlanOptions]{
		{args: nil, check: func(o *PlanOptions) error {
			if o.Format != "text" || o.Output != "" || o.Handout.Explain || o.Settings.TimeLimit != planner.DefaultSettings().TimeLimit || o.Profile.Minutes != profiles.Default().Minutes {
				return fmt.Errorf("%+v", o)
			}
			if !o.Settings.NoReasons {
				return fmt.Errorf("text without --explain shows no reasons, yet the plan would compute them")
			}
			return nil
		}},
		{args: []string{"--minutes", "10", "--no-floor"}, check: func(o *PlanOptions) error {
			if o.Profile.Minutes != 10 || o.Profile.Floor != profiles.FloorNone {
				return fmt.Errorf("profile %+v", o.Profile)
			}
			return nil
		}},
		{args: []string{"-o", "handout.pdf"}, check: func(o *PlanOptions) error {
			if o.Format != "pdf" || o.Output != "handout.pdf" || o.Handout.Color {
				return fmt.Errorf("format %q output %q color %v", o.Format, o.Output, o.Handout.Color)
			}
			return nil
		}},
		{args: []string{"-o", "plan.JSON"}, check: func(o *PlanOptions) error {
			if o.Format != "json" || o.Settings.NoReasons {
				return fmt.Errorf("format %q, reasons left out %v: JSON always carries them", o.Format, o.Settings.NoReasons)
			}
			return nil
		}},
		{args: []string{"-o", "plan.md", "--no-figures"}, check: func(o *PlanOptions) error {
			if o.Format != "md" || o.Handout.Figures {
				return fmt.Errorf("format %q figures %v", o.Format, o.Handout.Figures)
			}
			return nil
		}},
		{args: []string{"-o", "plan.txt", "--format", "json"}, check: func(o *PlanOptions) error {
			if o.Format != "json" {
				return fmt.Errorf("--format must win over the extension: %q", o.Format)
			}
			return nil
		}},
		{args: []string{"--format", "txt", "--explain", "--time-limit", "250ms", "--seed", "7", "--export-model", "m.lp", "--paper", "letter"}, check: func(o *PlanOptions) error {
			if o.Format != "text" || !o.Handout.Explain || o.Settings.NoReasons || o.Settings.TimeLimit != 250*time.Millisecond || o.Profile.Seed != 7 || o.ExportModel != "m.lp" || o.Handout.Paper != "letter" {
				return fmt.Errorf("%+v", o)
			}
			return nil
		}},
		{args: []string{"--format", "docx"}, wantErr: `format "docx" is not one of text, json, md, pdf`},
		{args: []string{"--time-limit", "0s"}, wantErr: "--time-limit must be more than 0"},
		{args: []string{"--paper", "a3"}, wantErr: `paper "a3"`},
		{args: []string{"--floor", "carpet"}, wantErr: "carpet"},
		{args: []string{"extra"}, wantErr: `plan takes no arguments, only flags (got "extra")`},
	}
	runOptionCases(t, "plan", tests, func(f *factory, capture func(*PlanOptions)) *cobra.Command {
		return newPlanCmdWith(f, func(o *PlanOptions) error { capture(o); return nil })
	})
}

// TestRunPlanExits runs the planner through runPlan and checks the exit
// codes and messages of the contract.
func TestRunPlanExits(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args     []string
		code     ExitCode
		stdout   string
		stderr   string
		wantFile string
	}{
		{args: []string{"--minutes", "5", "--no-floor"}, stdout: "Your routine"},
		{args: []string{"--minutes", "5", "--no-floor", "--format", "json"}, stdout: `"schema": "limber.plan/v1"`},
		{args: []string{"--minutes", "1", "--include", "legs-up-the-wall-straight"}, code: ExitInfeasible, stderr: "hint: --minutes"},
		{args: []string{"--exclude", "bird-dog", "--red-flag", "bladder-bowel"}, code: ExitSafety, stderr: "bladder"},
		{args: []string{"--minutes", "5", "-o", filepath.Join(dir, "plan.json")}, wantFile: filepath.Join(dir, "plan.json")},
		{args: []string{"--minutes", "5", "--export-model", filepath.Join(dir, "model.lp"), "--format", "json"}, stdout: "schema", wantFile: filepath.Join(dir, "model.lp")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			s, out, errOut := testIO()
			code := run(append([]string{"plan"}, tt.args...), s)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errOut)
			}
			if !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errOut.String(), tt.stderr) {
				t.Fatalf("stdout %q\nstderr %q", out.String(), errOut.String())
			}
			if tt.wantFile != "" {
				data, err := os.ReadFile(tt.wantFile)
				if err != nil || len(data) == 0 {
					t.Fatalf("%s: %v", tt.wantFile, err)
				}
				if matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(matches) > 0 {
					t.Fatalf("temporary files left: %v", matches)
				}
			}
		})
	}
}

func TestWriteFileAtomicFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no-such-dir", "plan.txt")
	err := writeFileAtomic(path, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "cannot write") {
		t.Fatalf("got %v", err)
	}
	var pe *os.PathError
	if !errors.As(err, &pe) {
		t.Fatalf("not a path error: %v", err)
	}
}
