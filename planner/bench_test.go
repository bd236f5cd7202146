package planner

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/limberhq/limber/profiles"
)

// cpuTime is the process's user and system time so far: on a shared
// machine it measures the work better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchProfiles are the profiles of BenchmarkPlanDefault: the default,
// the README's main job, and the presets.
func benchProfiles(b *testing.B) map[string]profiles.Profile {
	out := map[string]profiles.Profile{"default": profiles.Default()}
	nf := profiles.Default()
	nf.Floor = profiles.FloorNone
	out["no-floor"] = nf
	for _, name := range profiles.PresetNames() {
		p, err := profiles.Preset(name)
		if err != nil {
			b.Fatal(err)
		}
		out[name] = p
	}
	return out
}

// BenchmarkPlanDefault plans on the embedded catalog: screening,
// filtering, the proven optimum, order, dose and explanations.
func BenchmarkPlanDefault(b *testing.B) {
	cat := testCatalog(b)
	ps := benchProfiles(b)
	for _, name := range append([]string{"default", "no-floor"}, profiles.PresetNames()...) {
		p := ps[name]
		b.Run(fmt.Sprintf("%s/%dmin", name, p.Minutes), func(b *testing.B) {
			var r *Routine
			for b.Loop() {
				var err error
				if r, err = Plan(cat, p, DefaultSettings()); err != nil {
					b.Fatal(err)
				}
			}
			if r.Status != Optimal {
				b.Fatalf("status %s", r.Status)
			}
			b.ReportMetric(float64(r.Nodes), "nodes")
		})
	}
}

// batchProfiles are the different profiles of the batch benchmark's
// clinic list (scripts/bench-batch.sh): 5–30 minutes, every floor,
// sciatica side and range of motion, 468 in all. With seeded, each gets
// a seed of its own, which takes away the objective's granularity.
func batchProfiles(seeded bool) []profiles.Profile {
	floors := []profiles.Floor{profiles.FloorMat, profiles.FloorBed, profiles.FloorNone}
	sides := []profiles.Side{profiles.SideNone, profiles.SideLeft, profiles.SideRight, profiles.SideBoth}
	roms := []profiles.ROM{profiles.ROMLimited, profiles.ROMModerate, profiles.ROMFull}
	seen := map[string]bool{}
	var out []profiles.Profile
	for i := 1; i <= 468*2; i++ {
		p := profiles.Default()
		p.Minutes, p.Floor, p.Sciatica, p.ROM = 5+i%26, floors[i%3], sides[i%4], roms[(i/3)%3]
		key := fmt.Sprint(p.Minutes, p.Floor, p.Sciatica, p.ROM)
		if seen[key] {
			continue
		}
		seen[key] = true
		if seeded {
			p.Seed = int64(i)
		}
		out = append(out, p)
	}
	return out
}

// BenchmarkPlanProfiles plans every profile of the batch benchmark: a
// broader measure than the presets, whose node counts swing with small
// changes to the search.
func BenchmarkPlanProfiles(b *testing.B) {
	cat := testCatalog(b)
	for _, seeded := range []bool{false, true} {
		name := "468-profiles"
		if seeded {
			name += "-seeded"
		}
		ps := batchProfiles(seeded)
		if len(ps) != 468 {
			b.Fatalf("%d profiles, want 468", len(ps))
		}
		b.Run(name, func(b *testing.B) {
			nodes := 0
			c0 := cpuTime()
			for b.Loop() {
				nodes = 0
				for _, p := range ps {
					r, err := Plan(cat, p, DefaultSettings())
					if err != nil {
						var inf *InfeasibleError
						if errors.As(err, &inf) {
							continue
						}
						b.Fatal(err)
					}
					nodes += r.Nodes
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(nodes), "nodes")
		})
	}
}

// syntheticSizes are the instances of the comparison with cbc: 200 and
// 1000 variants, 12 groups, 5 and 15 minutes, three seeds each.
func syntheticSizes() []synthSpec {
	var out []synthSpec
	for _, n := range []int{200, 1000} {
		for _, budget := range []int{300, 900} {
			for seed := uint64(1); seed <= 3; seed++ {
				out = append(out, synthSpec{Items: n, Groups: 12, Budget: budget, Seed: seed})
			}
		}
	}
	return out
}

func synthName(sp synthSpec) string {
	return fmt.Sprintf("n=%d/budget=%ds/seed=%d", sp.Items, sp.Budget, sp.Seed)
}

// BenchmarkSolveSynthetic times Solve to a proven optimum.
func BenchmarkSolveSynthetic(b *testing.B) {
	for _, sp := range syntheticSizes() {
		p := synthetic(sp)
		b.Run(synthName(sp), func(b *testing.B) {
			s := DefaultSettings()
			s.TimeLimit = 10 * time.Minute
			var r Result
			c0 := cpuTime()
			for b.Loop() {
				var err error
				if r, err = Solve(p, s); err != nil {
					b.Fatal(err)
				}
			}
			if r.Status != Optimal {
				b.Fatalf("status %s, gap %v", r.Status, r.Gap)
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(r.Nodes), "nodes")
		})
	}
}

// BenchmarkCBCSynthetic times cbc on the exported models of the same
// instances, told to prove optimality exactly (cbcExact).
func BenchmarkCBCSynthetic(b *testing.B) {
	cbc := cbcBinary(b)
	dir := b.TempDir()
	for _, sp := range syntheticSizes() {
		p := synthetic(sp)
		var lp bytes.Buffer
		if err := WriteLP(&lp, p); err != nil {
			b.Fatal(err)
		}
		b.Run(synthName(sp), func(b *testing.B) {
			var cpu time.Duration
			var c cbcResult
			for b.Loop() {
				c = runCBC(b, cbc, dir, lp.Bytes())
				cpu += c.CPU
			}
			if c.Status != "Optimal" {
				b.Fatalf("cbc: %s", c.Status)
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
	os.RemoveAll(filepath.Join(dir, "model.lp"))
}
