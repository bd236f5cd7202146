package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := (&factory{IO: &IOStreams{}}).Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestProfileTemplate checks that the template of the defaults and of
// every preset reads back as the same profile, and that every field has
// a comment.
func TestProfileTemplate(t *testing.T) {
	cat := testCatalog(t)
	k := profileKnown(cat)
	starts := []profiles.Profile{profiles.Default()}
	for _, name := range profiles.PresetNames() {
		p, err := profiles.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, p)
	}
	for _, p := range starts {
		data := profileTemplate(p, k, cat.Safety)
		values, err := profiles.Parse("template.yaml", data, k)
		if err != nil {
			t.Fatalf("template of %q does not parse: %v\n%s", p.Preset, err, data)
		}
		got, err := profiles.Apply(profiles.Default(), values, k)
		if err != nil {
			t.Fatal(err)
		}
		want := p
		want.Preset = "" // the template spells the preset's values out
		if !reflect.DeepEqual(got, want) {
			t.Errorf("template of %q reads back as %+v, want %+v", p.Preset, got, want)
		}
		lines := strings.Split(string(data), "\n")
		for _, field := range profiles.Fields() {
			i := indexOfPrefix(lines, field.Name+":")
			if i < 1 || !strings.HasPrefix(lines[i-1], "#") {
				t.Errorf("template of %q: field %s missing or without a comment", p.Preset, field.Name)
			}
		}
		for _, rf := range cat.Safety.RedFlags {
			if !strings.Contains(string(data), "#   "+rf.ID) {
				t.Errorf("template does not list red flag %s", rf.ID)
			}
		}
	}
}

func indexOfPrefix(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

// TestPrintProfileIsAProfileFile checks that `profile show` text output
// reads back as the profile it shows.
func TestPrintProfileIsAProfileFile(t *testing.T) {
	k := profileKnown(testCatalog(t))
	base, err := profiles.Preset("sciatica-left")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profiles.Apply(base, map[string]any{
		"minutes": 12, "weights": "core=2;glutes=0.5", "red_flags": "leg-numbness", "patient": "Zoë: \"Z\" Ünal # 2", "clinician": "- Dr *Rao*", "clinic": "yes",
		"notes": "twice a day\n\tgently", "include": "cat-cow", "seed": -4,
	}, k)
	if err != nil {
		t.Fatal(err)
	}
	sources := profileSources{}
	for _, f := range profiles.Fields() {
		sources[f.Name] = "default"
	}
	var out bytes.Buffer
	if err := printProfile(&out, p, sources, "text"); err != nil {
		t.Fatal(err)
	}
	values, err := profiles.Parse("shown.yaml", out.Bytes(), k)
	if err != nil {
		t.Fatalf("shown profile does not parse: %v\n%s", err, out.String())
	}
	got, err := profiles.Apply(profiles.Default(), values, k)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("shown profile reads back as\n%+v\nwant\n%+v\n%s", got, p, out.String())
	}
	if !strings.Contains(out.String(), "minutes:       12") || !strings.Contains(out.String(), "# default") {
		t.Errorf("unexpected layout:\n%s", out.String())
	}
}

func TestWriteProfileFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	if err := writeProfileFile(path, []byte("minutes: 5\n"), false); err != nil {
		t.Fatal(err)
	}
	err := writeProfileFile(path, []byte("minutes: 6\n"), false)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitUsage || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second write without --force: %v, want a usage error", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "minutes: 5\n" {
		t.Errorf("file changed to %q without --force", data)
	}
	if err := writeProfileFile(path, []byte("minutes: 7\n"), true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "minutes: 7\n" {
		t.Errorf("file is %q after --force", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := writeProfileFile(filepath.Join(dir, "missing", "p.yaml"), nil, false); err == nil {
		t.Error("writing into a missing directory did not fail")
	}
}

func TestRunProfileCheck(t *testing.T) {
	k := profileKnown(testCatalog(t))
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	writeTestFile(t, good, "preset: senior-chair\nminutes: 12\n")
	var out, errOut bytes.Buffer
	opts := &ProfileCheckOptions{IO: &IOStreams{Out: &out, Err: &errOut}, File: good, Format: "text", Known: k}
	if err := runProfileCheck(opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"minutes:       12", "# profile " + good, "poor_balance:  true", "# preset senior-chair"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	bad := filepath.Join(dir, "bad.yaml")
	writeTestFile(t, bad, "minutes: -5\nfloor: carpet\ninclude: [cat-cow]\nexclude: [cat-cow]\n")
	out.Reset()
	opts.File = bad
	err := runProfileCheck(opts)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitUsage || err.Error() != bad+" has 3 problems" {
		t.Errorf("error %v, want a usage error counting 3 problems", err)
	}
	want := bad + ":1: minutes: -5 is out of range (1–120)\n" +
		bad + ":2: floor: \"carpet\" is not one of mat, bed, none\n" +
		bad + ":4: exclude: \"cat-cow\" is also in include\n"
	if errOut.String() != want {
		t.Errorf("problems listed as\n%s\nwant\n%s", errOut.String(), want)
	}
	if out.Len() != 0 {
		t.Errorf("an invalid profile was printed:\n%s", out.String())
	}
}
