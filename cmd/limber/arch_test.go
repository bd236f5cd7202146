package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// Plans and handouts must be the same on every machine, byte for byte.
// Go allows a compiler to fuse x*y + z into one instruction with a single
// rounding (FMA), and it does so on arm64, ppc64le, s390x, riscv64 and
// amd64 built with GOAMD64=v3. The bounds of the search would then round
// differently, the search would take another path, and where two
// routines score the same it could end on the other one. The module
// writes an explicit float64(…) conversion around such products, which
// the language defines to round and so to stop the fusion.

// fusedOp matches a fused multiply-add instruction in the compiler's
// assembly listing on any of the architectures below.
var fusedOp = regexp.MustCompile(`(?i)^\s+0x[0-9a-f]+\s+\d+\s+\(([^)]+\.go:\d+)\)\s+V?FN?M(ADD|SUB)[0-9A-Z]*\s`)

// TestNoFusedMultiplyAdd compiles the module's packages for the
// architectures where Go fuses multiply-adds and fails on every fused
// instruction in them, naming its source line.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the module for two more architectures")
	}
	root := moduleRoot(t)
	for _, env := range [][]string{
		{"GOARCH=arm64"},
		{"GOARCH=amd64", "GOAMD64=v3"},
	} {
		t.Run(strings.Join(env, ","), func(t *testing.T) {
			// The go command replays a cached package's compiler output,
			// so the listing is complete on every run.
			out, err := goBuild(root, env, "-o", os.DevNull, "-gcflags=github.com/limberhq/limber/...=-S", "./...")
			if err != nil {
				t.Fatalf("go build: %v\n%s", err, tail(out))
			}
			if !bytes.Contains(out, []byte("github.com/limberhq/limber/planner.Solve STEXT")) {
				t.Fatalf("the listing lacks planner.Solve: -S printed nothing?\n%s", tail(out))
			}
			seen := map[string]bool{}
			for _, line := range strings.Split(string(out), "\n") {
				if m := fusedOp.FindStringSubmatch(line); m != nil && !seen[m[1]] {
					seen[m[1]] = true
					t.Errorf("fused multiply-add at %s: wrap the product in float64(…)", m[1])
				}
			}
		})
	}
}

// TestSamePlansOnArm64 runs the same clinic list through limber built
// for this machine and for arm64 (under qemu-user) and compares every
// output byte: plans as JSON Lines, Markdown handouts with their
// figures, and PDF handouts.
func TestSamePlansOnArm64(t *testing.T) {
	if testing.Short() {
		t.Skip("builds limber for arm64 and runs it under qemu")
	}
	if runtime.GOARCH != "amd64" {
		t.Skip("compares amd64 with arm64")
	}
	qemu, err := exec.LookPath("qemu-aarch64-static")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("qemu-aarch64-static is required in CI (apt-get install qemu-user-static): %v", err)
		}
		t.Skip("qemu-aarch64-static not installed (apt-get install qemu-user-static); CI runs this test")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	build := func(name string, env ...string) string {
		bin := filepath.Join(dir, name)
		if out, err := goBuild(root, env, "-trimpath", "-o", bin, "./cmd/limber"); err != nil {
			t.Fatalf("go build %v: %v\n%s", env, err, out)
		}
		return bin
	}
	native := build("limber-amd64")
	arm := build("limber-arm64", "GOARCH=arm64")

	// A clinic list over minutes, floor access, sciatica and range of
	// motion, half of it with seeds.
	var csv strings.Builder
	csv.WriteString("patient,minutes,floor,sciatica,rom,seed\n")
	floors := []string{"mat", "bed", "none"}
	sides := []string{"none", "left", "right", "both"}
	roms := []string{"limited", "moderate", "full"}
	for i := 1; i <= 160; i++ {
		seed := 0
		if i%2 == 0 {
			seed = i
		}
		fmt.Fprintf(&csv, "P%d,%d,%s,%s,%s,%d\n", i, 5+(i*7)%26, floors[i%3], sides[(i/3)%4], roms[(i/12)%3], seed)
	}
	input := filepath.Join(dir, "clinic.csv")
	if err := os.WriteFile(input, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(argv ...string) []byte {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600", "NO_COLOR=1", "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v\n%s", argv, err, stderr.Bytes())
		}
		return stdout.Bytes()
	}
	// JSON Lines carries each plan whole: steps, doses, scores, reasons.
	want := run(native, "batch", input, "--format", "jsonl", "-o", "-")
	got := run(qemu, arm, "batch", input, "--format", "jsonl", "-o", "-")
	if n := bytes.Count(want, []byte("\n")); n != 160 {
		t.Fatalf("%d plans, want 160", n)
	}
	compareLines(t, "jsonl", want, got)

	// Handouts: Markdown with its SVG figures for every row, PDF for a
	// few (they are slow under emulation).
	for _, tc := range []struct {
		format string
		rows   int
	}{{"md", 160}, {"pdf", 12}} {
		in := input
		if tc.rows < 160 {
			lines := strings.SplitAfter(csv.String(), "\n")
			in = filepath.Join(dir, tc.format+".csv")
			if err := os.WriteFile(in, []byte(strings.Join(lines[:tc.rows+1], "")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		a, b := filepath.Join(dir, tc.format+"-amd64"), filepath.Join(dir, tc.format+"-arm64")
		run(native, "batch", in, "--out-dir", a, "--format", tc.format)
		run(qemu, arm, "batch", in, "--out-dir", b, "--format", tc.format)
		files, err := os.ReadDir(a)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != tc.rows {
			t.Fatalf("%s: %d files, want %d", tc.format, len(files), tc.rows)
		}
		for _, f := range files {
			x, err1 := os.ReadFile(filepath.Join(a, f.Name()))
			y, err2 := os.ReadFile(filepath.Join(b, f.Name()))
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v %v", f.Name(), err1, err2)
			}
			if !bytes.Equal(x, y) {
				t.Errorf("%s differs between amd64 and arm64", f.Name())
			}
		}
	}
}

// compareLines reports the first lines where two outputs differ.
func compareLines(t *testing.T, what string, want, got []byte) {
	t.Helper()
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	if len(w) != len(g) {
		t.Fatalf("%s: %d lines on amd64, %d on arm64", what, len(w), len(g))
	}
	bad := 0
	for i := range w {
		if w[i] != g[i] {
			if bad < 3 {
				t.Errorf("%s line %d differs between amd64 and arm64:\n amd64: %.300s\n arm64: %.300s", what, i+1, w[i], g[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d lines differ", what, bad, len(w))
	}
}

// goBuild runs go build in the module root for the target env (GOARCH
// and the like), without cgo, and returns its combined output.
func goBuild(root string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), append([]string{"CGO_ENABLED=0"}, env...)...)
	return cmd.CombinedOutput()
}

// moduleRoot is the directory of go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// tail is the end of a long command output, for an error message.
func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
