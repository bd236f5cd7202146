package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
)

func TestCatalogListFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    catalogListOptions
		wantErr string
	}{
		{args: nil, want: catalogListOptions{Format: catalogText}},
		{args: []string{"--format", "json"}, want: catalogListOptions{Format: catalogJSON}},
		{args: []string{"--no-floor", "--group", "piriformis", "--role", "stretch"},
			want: catalogListOptions{Format: catalogText, Filter: catalog.Filter{Group: catalog.Piriformis, Role: catalog.Stretch, NoFloor: true}}},
		{args: []string{"--format", "xml"}, wantErr: `invalid argument "xml" for "--format" flag: "xml" is not a format (allowed: text, json)`},
		{args: []string{"--group", "neck"}, wantErr: `"neck" is not a muscle group (allowed: lower-back, glutes, hamstrings, hip-flexors, piriformis, obliques, quadratus-lumborum, core, upper-back, adductors)`},
		{args: []string{"--role", "cardio"}, wantErr: `"cardio" is not a role (allowed: warm-up, stretch, strength, self-massage, relaxation)`},
		{args: []string{"extra"}, wantErr: `unknown command "extra" for "list"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _ := testIO()
			var got *catalogListOptions
			cmd := newCatalogListCmd(&factory{IO: io}, func(o *catalogListOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Err)
			cmd.SetErr(io.Err)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.want.Format || got.Filter != tt.want.Filter {
				t.Errorf("options = %+v %+v, want %+v %+v", got.Format, got.Filter, tt.want.Format, tt.want.Filter)
			}
		})
	}
}

func TestCatalogShowAndCheckArgs(t *testing.T) {
	io, _, _ := testIO()
	f := &factory{IO: io, CatalogPaths: []string{"base.yaml"}}
	var show *catalogShowOptions
	cmd := newCatalogShowCmd(f, func(o *catalogShowOptions) error { show = o; return nil })
	cmd.SetArgs([]string{"cat-cow-chair", "--format", "json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if show.ID != "cat-cow-chair" || show.Format != catalogJSON {
		t.Errorf("show options = %+v", show)
	}
	var check *catalogCheckOptions
	cmd = newCatalogCheckCmd(f, func(o *catalogCheckOptions) error { check = o; return nil })
	cmd.SetArgs([]string{"a.yaml", "b.yaml"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(check.Base, []string{"base.yaml"}) || !slices.Equal(check.Files, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("check options = %+v", check)
	}
}

func TestCatalogExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("variants:\n  - id: x\n    role: nap\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args    []string
		code    ExitCode
		stderr  string
		stdout  string
		notUsed bool
	}{
		{args: []string{"catalog", "list"}, code: ExitOK, stdout: "cat-cow-chair"},
		{args: []string{"catalog", "list", "--format", "yaml"}, code: ExitUsage, stderr: "Usage:"},
		{args: []string{"catalog", "show", "cat-cow-chair"}, code: ExitOK, stdout: "Other variants of"},
		{args: []string{"catalog", "show", "cat-cow-chiar"}, code: ExitUsage, stderr: "hint: did you mean cat-cow-chair?"},
		{args: []string{"catalog", "show"}, code: ExitUsage, stderr: "accepts 1 arg(s), received 0"},
		{args: []string{"catalog", "check", bad}, code: ExitUsage, stderr: bad + ":3: variants[x].role: \"nap\" is not allowed"},
		{args: []string{"--catalog", bad, "catalog", "list"}, code: ExitUsage, stderr: "catalog check FILE"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, out, errb := testIO()
			if code := run(tt.args, io); code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, errb)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, errb)
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout does not contain %q:\n%s", tt.stdout, out)
			}
		})
	}
}

// TestCatalogListJSONKeys pins the keys of `catalog list --format json`:
// scripts depend on them, so they may be added to but never changed.
func TestCatalogListJSONKeys(t *testing.T) {
	io, out, errb := testIO()
	if code := run([]string{"catalog", "list", "--format", "json"}, io); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var entries []map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no entries")
	}
	want := map[string][]string{
		"":        {"avoid_with", "cautions", "coverage", "demands", "dosage", "easier", "equipment", "family", "family_name", "good_for", "id", "modifications", "name", "pose", "position", "role", "seconds", "sided", "source", "steps", "surface"},
		"demands": {"balance", "kneeling", "rom", "spine", "weight_on_hands"},
		"dosage":  {"breathing", "hold_seconds", "max_hold_seconds", "max_reps", "move_seconds", "reps", "sets", "setup_seconds", "switch_seconds"},
		"pose":    {"arrow", "joints", "props"},
	}
	for _, e := range entries {
		for field, keys := range want {
			obj := e
			if field != "" {
				obj = nil
				if err := json.Unmarshal(e[field], &obj); err != nil {
					t.Fatal(err)
				}
			}
			for _, k := range keys {
				// easier and arrow are left out when empty.
				if _, ok := obj[k]; !ok && k != "easier" && k != "arrow" {
					t.Errorf("%s: key %q missing in %s", e["id"], k, field)
				}
			}
			for k := range obj {
				if !slices.Contains(keys, k) {
					t.Errorf("%s: unexpected key %q in %s: add it to this test if it is new", e["id"], k, field)
				}
			}
		}
		for _, k := range []string{"equipment", "cautions", "modifications", "good_for", "avoid_with", "steps"} {
			if string(e[k]) == "null" {
				t.Errorf("%s: %s is null, want a list", e["id"], k)
			}
		}
	}
}
