package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/batch"
)

// TestBatchFlags checks how flags become options, and the usage errors.
func TestBatchFlags(t *testing.T) {
	tests := []optionCase[BatchOptions]{
		{args: []string{"in.csv", "--out-dir", "out"}, check: func(o *BatchOptions) error {
			if o.Format != batch.PDF || o.OutDir != "out" || o.Name != batch.DefaultTemplate || o.Jobs < 1 || o.Output != "" || !o.Settings.NoReasons {
				return fmt.Errorf("%+v", o)
			}
			return nil
		}},
		{args: []string{"-", "-o", "-"}, check: func(o *BatchOptions) error {
			if o.Format != batch.JSONLines || o.Output != "-" || o.Input != "-" || o.Settings.NoReasons {
				return fmt.Errorf("format %q output %q reasons left out %v", o.Format, o.Output, o.Settings.NoReasons)
			}
			return nil
		}},
		{args: []string{"-", "--format", "jsonl"}, check: func(o *BatchOptions) error {
			if o.Output != "-" {
				return fmt.Errorf("output %q", o.Output)
			}
			return nil
		}},
		{args: []string{"in.yaml", "--out-dir", "o", "--format", "md", "--input-format", "yaml", "--jobs", "3", "--resume", "--report", "r.json", "--name", "{clinic}-{patient}", "--minutes", "12", "--clinician", "Dr Rao"}, check: func(o *BatchOptions) error {
			if o.Format != batch.Markdown || o.InputFormat != batch.YAML || o.Jobs != 3 || !o.Resume || o.Report != "r.json" || o.Name != "{clinic}-{patient}" {
				return fmt.Errorf("%+v", o)
			}
			if !o.MinutesGiven || o.Base.Minutes != 12 || o.Defaults["minutes"] != 12 || o.Defaults["clinician"] != "Dr Rao" || len(o.Defaults) != 2 {
				return fmt.Errorf("base minutes %d given %v defaults %v", o.Base.Minutes, o.MinutesGiven, o.Defaults)
			}
			return nil
		}},
		{args: []string{"in.csv", "--out-dir", "o", "--format", "txt", "--explain"}, check: func(o *BatchOptions) error {
			if !o.Handout.Explain || o.Settings.NoReasons {
				return fmt.Errorf("--explain shows the reasons: explain %v, left out %v", o.Handout.Explain, o.Settings.NoReasons)
			}
			return nil
		}},
		{args: []string{"in.csv", "--out-dir", "o", "--preset", "senior-chair"}, check: func(o *BatchOptions) error {
			if len(o.Defaults) != 0 {
				return fmt.Errorf("a batch preset's values are not set on purpose: %v", o.Defaults)
			}
			return nil
		}},
		{args: []string{"in.csv"}, wantErr: "give the folder with --out-dir"},
		{args: []string{}, wantErr: "batch takes one input FILE"},
		{args: []string{"a.csv", "b.csv", "--out-dir", "o"}, wantErr: "got 2 arguments"},
		{args: []string{"in.csv", "--out-dir", "o", "--format", "docx"}, wantErr: `"docx" is not one of pdf, md, txt, json, jsonl`},
		{args: []string{"in.csv", "--out-dir", "o", "--input-format", "xml"}, wantErr: `"xml" is not one of csv, jsonl, yaml`},
		{args: []string{"in.csv", "--out-dir", "o", "--force", "--resume"}, wantErr: "contradict"},
		{args: []string{"in.csv", "--out-dir", "o", "--format", "jsonl"}, wantErr: "not a folder"},
		{args: []string{"in.csv", "--out-dir", "o", "-o", "x.jsonl"}, wantErr: "-o is for --format jsonl"},
		{args: []string{"in.csv", "-o", "-", "--resume"}, wantErr: "--resume works with files per row"},
		{args: []string{"in.csv", "--out-dir", "o", "--name", "{nope}"}, wantErr: "unknown placeholder {nope}"},
		{args: []string{"in.csv", "--out-dir", "o", "--report", "r.txt"}, wantErr: ".csv, .json or .jsonl"},
		{args: []string{"in.csv", "--out-dir", "o", "--jobs", "0"}, wantErr: "--jobs must be at least 1"},
		{args: []string{"in.csv", "--out-dir", "o", "--floor", "carpet"}, wantErr: "carpet"},
		{args: []string{"in.csv", "--out-dir", "o", "--paper", "a3"}, wantErr: `paper "a3"`},
	}
	runOptionCases(t, "batch", tests, func(f *factory, capture func(*BatchOptions)) *cobra.Command {
		return newBatchCmdWith(f, func(_ context.Context, o *BatchOptions) error { capture(o); return nil })
	})
}

// TestBatchProgress draws the bar when standard error is a terminal and
// prints failed rows above it.
func TestBatchProgress(t *testing.T) {
	for _, size := range []int64{1000, -1} {
		s, _, errOut := testIO()
		s.ErrTTY = true
		p := newBatchProgress(s, size)
		p.result(batch.Result{Row: 1, Status: batch.OK, Offset: 500}, func(w io.Writer) {})
		p.result(batch.Result{Row: 2, Status: batch.Failed, Offset: 900, Err: errors.New("minutes: missing")}, func(w io.Writer) {
			fmt.Fprintln(w, "limber: row 2: minutes: missing")
		})
		p.finish()
		if !strings.Contains(errOut.String(), "limber: row 2: minutes: missing") || !strings.Contains(errOut.String(), "batch") {
			t.Errorf("size %d: stderr %q", size, errOut.String())
		}
	}
	s, _, errOut := testIO()
	p := newBatchProgress(s, 1000)
	p.result(batch.Result{Row: 1, Status: batch.OK}, func(w io.Writer) {})
	p.finish()
	if errOut.Len() != 0 {
		t.Errorf("no terminal, yet stderr %q", errOut.String())
	}
}

// limberBinary is the limber command testscript.Main installed in $PATH
// (a copy of this test binary that runs limber's main).
func limberBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("limber")
	if err != nil {
		t.Fatal("limber is not in $PATH; TestMain installs it:", err)
	}
	return path
}

// TestBatchInterrupt runs limber batch on rows fed through standard
// input, which stays open so the batch cannot end by itself, sends
// SIGINT (and, in a second run, SIGTERM) once files appear, and checks
// that the batch stops with the signal's exit status, says how far it
// got, and leaves only whole files; then that --resume finishes the job.
func TestBatchInterrupt(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			var rows strings.Builder
			rows.WriteString("patient,minutes,floor\n")
			const n = 400
			for i := range n {
				fmt.Fprintf(&rows, "Patient %d,%d,%s\n", i, 5+i%3, []string{"mat", "bed", "none"}[i%3])
			}
			input := filepath.Join(dir, "patients.csv")
			if err := os.WriteFile(input, []byte(rows.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			cmd := exec.Command(limberBinary(t), "batch", "-", "--input-format", "csv", "--out-dir", out, "--format", "pdf", "--jobs", "2", "--report", filepath.Join(dir, "report.csv"))
			cmd.Env = append(os.Environ(), "NO_COLOR=1", "SOURCE_DATE_EPOCH=1767225600", "XDG_CONFIG_HOME="+dir)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go io.WriteString(stdin, rows.String()) // and stdin stays open
			defer stdin.Close()
			deadline := time.Now().Add(60 * time.Second)
			for {
				entries, _ := os.ReadDir(out)
				if len(entries) >= 20 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("no files after 60 s; stderr:\n%s", stderr.String())
				}
				time.Sleep(2 * time.Millisecond)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			want := 128 + int(sig)
			if !errors.As(err, &ee) || ee.ExitCode() != want {
				t.Fatalf("exit %v, want %d; stderr:\n%s", err, want, stderr.String())
			}
			m := regexp.MustCompile(`(?m)^limber: interrupted: (\d+) of (\d+) rows read were done, (\d+) not started; no partial files were left$`).FindStringSubmatch(stderr.String())
			if m == nil {
				t.Fatalf("no progress message; stderr:\n%s", stderr.String())
			}
			done, _ := strconv.Atoi(m[1])
			read, _ := strconv.Atoi(m[2])
			cancelled, _ := strconv.Atoi(m[3])
			if done < 20 || read > n || done+cancelled != read {
				t.Errorf("done %d, not started %d, of %d read (input %d)", done, cancelled, read, n)
			}
			if !strings.Contains(stderr.String(), "limber: interrupted; finishing the rows in progress\n") {
				t.Errorf("the interrupt was not acknowledged; stderr:\n%s", stderr.String())
			}
			if !strings.Contains(stderr.String(), "hint: run the same command with --resume to go on") {
				t.Errorf("no --resume hint; stderr:\n%s", stderr.String())
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != done {
				t.Errorf("%d files for %d rows done", len(entries), done)
			}
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") || strings.HasPrefix(e.Name(), ".") {
					t.Errorf("partial file left: %s", e.Name())
					continue
				}
				data, err := os.ReadFile(filepath.Join(out, e.Name()))
				if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
					t.Errorf("%s is not a whole PDF", e.Name())
				}
			}
			report, err := os.ReadFile(filepath.Join(dir, "report.csv"))
			if err != nil {
				t.Fatal("no report:", err)
			}
			if lines := strings.Count(string(report), "\n"); lines != read+1 {
				t.Errorf("report has %d lines for %d rows read", lines, read)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".limber-*")); len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
			if sig != syscall.SIGINT {
				return
			}

			// --resume finishes the job: no file is made twice.
			resume := exec.Command(limberBinary(t), "batch", input, "--out-dir", out, "--format", "pdf", "--resume")
			resume.Env = cmd.Env
			var rerr bytes.Buffer
			resume.Stderr = &rerr
			if err := resume.Run(); err != nil {
				t.Fatalf("resume: %v\n%s", err, rerr.String())
			}
			if want := fmt.Sprintf("%d ok (written to %s), 0 failed, %d skipped", n-done, out, done); !strings.Contains(rerr.String(), want) {
				t.Errorf("resume summary %q, want %q", rerr.String(), want)
			}
			if entries, _ := os.ReadDir(out); len(entries) != n {
				t.Errorf("%d files after --resume, want %d", len(entries), n)
			}
		})
	}
}
