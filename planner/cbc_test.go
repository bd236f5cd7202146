package planner

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/profiles"
)

// cbcBinary returns the path of Debian's coinor-cbc. Without it the
// cross-checks cannot run: they skip on a developer machine and fail in
// CI (where .ci/run installs it).
func cbcBinary(tb testing.TB) string {
	tb.Helper()
	p, err := exec.LookPath("cbc")
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("cbc is required in CI (apt-get install coinor-cbc): %v", err)
		}
		tb.Skip("cbc not installed (apt-get install coinor-cbc); CI runs this test")
	}
	return p
}

// cbcResult is what cbc reported for a model.
type cbcResult struct {
	Status    string // first word of the solution file: Optimal, Infeasible, …
	Objective float64
	Values    map[string]float64 // nonzero variables
	Elapsed   time.Duration
	CPU       time.Duration // user and system time of the cbc process
}

// cbcExact are the options that make cbc prove optimality to the last
// digit: by default it prunes nodes that cannot improve the incumbent by
// its cutoff increment (about 1e-5 here), so on models whose objective
// has small terms, such as the seed jitter, it may stop that far short.
var cbcExact = []string{"-ratio", "0", "-allow", "0", "-increment", "0"}

// runCBC writes the model to dir/model.lp, runs
// `cbc model.lp -ratio 0 -allow 0 -increment 0 solve solu out.txt` and
// parses out.txt.
func runCBC(tb testing.TB, cbc, dir string, model []byte) cbcResult {
	tb.Helper()
	lp := filepath.Join(dir, "model.lp")
	out := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(lp, model, 0o644); err != nil {
		tb.Fatal(err)
	}
	os.Remove(out)
	start := time.Now()
	args := append(append([]string{lp}, cbcExact...), "solve", "solu", out)
	cmd := exec.Command(cbc, args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		tb.Fatalf("cbc: %v\n%s", err, log.String())
	}
	r := cbcResult{Elapsed: time.Since(start), Values: map[string]float64{}}
	r.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatalf("cbc wrote no solution: %v\n%s", err, log.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	if !sc.Scan() {
		tb.Fatalf("empty cbc solution")
	}
	head := sc.Text()
	r.Status = strings.Fields(head)[0]
	if i := strings.LastIndex(head, "objective value"); i >= 0 {
		r.Objective, err = strconv.ParseFloat(strings.TrimSpace(head[i+len("objective value"):]), 64)
		if err != nil {
			tb.Fatalf("cbc objective in %q: %v", head, err)
		}
	}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		if f[0] == "**" { // cbc marks infeasible values
			f = f[1:]
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			tb.Fatalf("cbc line %q: %v", sc.Text(), err)
		}
		r.Values[f[1]] = v
	}
	return r
}

// crossCheck solves p with Solve and with cbc on the exported model and
// asserts the same optimum (to 1e-6), or both infeasible.
func crossCheck(t *testing.T, cbc, dir, name string, p Problem) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteLP(&buf, p); err != nil {
		t.Fatal(err)
	}
	c := runCBC(t, cbc, dir, buf.Bytes())
	r, err := Solve(p, DefaultSettings())
	if errors.Is(err, ErrInfeasible) {
		if c.Status != "Infeasible" {
			t.Fatalf("%s: Solve says %v, cbc says %s %v", name, err, c.Status, c.Objective)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if c.Status != "Optimal" {
		t.Fatalf("%s: cbc status %s, Solve found %v", name, c.Status, r.Score)
	}
	checkResult(t, &p, r)
	// cbc's selection, rescored exactly.
	names := lpNames(&p)
	var sel []int
	for i, n := range names.items {
		if c.Values[n] > 0.5 {
			sel = append(sel, i)
		}
	}
	exact := p.Score(sel)
	if math.Abs(c.Objective-exact) > 1e-6 {
		t.Fatalf("%s: cbc objective %v but its selection scores %v", name, c.Objective, exact)
	}
	if math.Abs(r.Score-exact) > 1e-6 || r.Status != Optimal {
		t.Fatalf("%s: Solve %v (%s), cbc %v (selection %s vs %s)", name, r.Score, r.Status, exact, describeItems(&p, r.Selected), describeItems(&p, sel))
	}
}

func TestCrossCheckCBCSynthetic(t *testing.T) {
	cbc := cbcBinary(t)
	for k := 0; k < 60; k++ {
		sp := synthSpec{
			Items:    []int{12, 20, 30, 40}[k%4],
			Groups:   []int{10, 12, 6}[k%3],
			Budget:   []int{90, 180, 300, 480, 600}[k%5],
			Seed:     uint64(1000 + k),
			Places:   []int{10, 6, 14, 4}[k%4],
			Fixed:    []int{0, 0, 1, 2}[k%4],
			MaxItems: []int{0, 0, 0, 4, 7}[k%5],
		}
		p := synthetic(sp)
		if k%9 == 0 {
			p.WarmUpFirst, p.RelaxLast = false, false
		}
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			t.Parallel()
			crossCheck(t, cbc, t.TempDir(), fmt.Sprintf("synthetic %d %+v", k, sp), p)
		})
	}
}

// randomProfile draws a profile over every field the model reads.
func randomProfile(rng *rand.Rand, cat *catalog.Catalog) profiles.Profile {
	p := profiles.Default()
	p.Minutes = []int{2, 3, 4, 5, 6, 8, 10, 12, 15, 20}[rng.IntN(10)]
	p.Floor = []profiles.Floor{profiles.FloorMat, profiles.FloorBed, profiles.FloorNone}[rng.IntN(3)]
	p.ROM = []profiles.ROM{profiles.ROMLimited, profiles.ROMModerate, profiles.ROMFull}[rng.IntN(3)]
	p.Sciatica = []profiles.Side{profiles.SideNone, profiles.SideNone, profiles.SideLeft, profiles.SideRight, profiles.SideBoth}[rng.IntN(5)]
	p.BadKnees = rng.IntN(4) == 0
	p.BadWrists = rng.IntN(5) == 0
	p.PoorBalance = rng.IntN(4) == 0
	if rng.IntN(10) == 0 {
		p.Pregnant = 1 + rng.IntN(3)
	}
	p.Equipment = nil
	for _, e := range profiles.EquipmentNames {
		if rng.IntN(2) == 0 {
			p.Equipment = append(p.Equipment, e)
		}
	}
	p.Focus = []profiles.Focus{profiles.FocusRelief, profiles.FocusMobility, profiles.FocusStrength, profiles.FocusMorning, profiles.FocusDeskBreak}[rng.IntN(5)]
	if rng.IntN(5) == 0 {
		p.MaxExercises = 3 + rng.IntN(6)
	}
	if rng.IntN(3) == 0 {
		p.Seed = rng.Int64N(1000) + 1
	}
	if rng.IntN(7) == 0 {
		p.Level = profiles.LevelGentle
	}
	if rng.IntN(10) == 0 {
		p.StretchOnly = true
	}
	if rng.IntN(6) == 0 {
		p.Exclude = []string{cat.Families[rng.IntN(len(cat.Families))].ID}
	}
	if rng.IntN(6) == 0 {
		// Include something the profile allows: a variant or a family.
		v := cat.Variants[rng.IntN(len(cat.Variants))]
		if FilterReason(v, p, p.Level == profiles.LevelGentle) == "" {
			if rng.IntN(2) == 0 {
				p.Include = []string{v.ID}
			} else {
				p.Include = []string{v.Family}
			}
		}
	}
	if rng.IntN(8) == 0 {
		p.Weights = map[string]float64{string(catalog.Groups[rng.IntN(len(catalog.Groups))]): float64(rng.IntN(30)) / 10}
	}
	return p
}

func TestCrossCheckCBCCatalog(t *testing.T) {
	cbc := cbcBinary(t)
	cat := testCatalog(t)
	rng := rand.New(rand.NewPCG(4, 2))
	for k := 0; k < 100; k++ {
		p := randomProfile(rng, cat)
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			t.Parallel()
			r, err := Plan(cat, p, DefaultSettings())
			var lp bytes.Buffer
			lerr := ExportLP(&lp, cat, p, DefaultSettings())
			if err != nil {
				if !errors.Is(err, ErrInfeasible) || !errors.Is(lerr, ErrInfeasible) {
					t.Fatalf("%+v: plan %v, export %v", p, err, lerr)
				}
				return
			}
			if lerr != nil {
				t.Fatalf("%+v: export: %v", p, lerr)
			}
			c := runCBC(t, cbc, t.TempDir(), lp.Bytes())
			if c.Status != "Optimal" {
				t.Fatalf("%+v: cbc says %s", p, c.Status)
			}
			if r.Status != Optimal || math.Abs(r.Score-c.Objective) > 1e-6 {
				t.Fatalf("%+v: plan %v (%s), cbc %v", p, r.Score, r.Status, c.Objective)
			}
		})
	}
}

// describeItems names a few items for messages.
func describeItems(p *Problem, idx []int) string {
	var names []string
	for _, i := range idx {
		names = append(names, p.Items[i].ID)
	}
	return strings.Join(names, ", ")
}
