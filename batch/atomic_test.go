package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	if err := writeFileAtomic(dir, "a.txt", []byte("one"), false, nil); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(dir, "a.txt", []byte("two"), false, nil)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second write: %v, want ErrExists", err)
	}
	checkFile(t, filepath.Join(dir, "a.txt"), "one")
	if err := writeFileAtomic(dir, "a.txt", []byte("three"), true, nil); err != nil {
		t.Fatal(err)
	}
	checkFile(t, filepath.Join(dir, "a.txt"), "three")
	if err := writeFileAtomic(dir, "../escape.txt", []byte("x"), true, nil); err == nil {
		t.Fatal("wrote outside the folder")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.txt")); err == nil {
		t.Fatal("escape.txt exists")
	}
	noTemps(t, dir)
	info, err := os.Stat(filepath.Join(dir, "a.txt"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v", info.Mode(), err)
	}
}

// A symbolic link in the way is kept without --force and replaced (not
// followed) with it.
func TestWriteFileAtomicSymlink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(dir, "link.txt", []byte("new"), false, nil); !errors.Is(err, ErrExists) {
		t.Fatalf("error %v, want ErrExists", err)
	}
	if err := writeFileAtomic(dir, "link.txt", []byte("new"), true, nil); err != nil {
		t.Fatal(err)
	}
	checkFile(t, outside, "keep")
	checkFile(t, filepath.Join(dir, "link.txt"), "new")
	noTemps(t, dir)
}

func TestWriteFileAtomicFailure(t *testing.T) {
	if err := writeFileAtomic(filepath.Join(t.TempDir(), "missing"), "a.txt", []byte("x"), false, nil); err == nil {
		t.Fatal("wrote into a folder that does not exist")
	}
}

func checkFile(t *testing.T, name, want string) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil || string(got) != want {
		t.Errorf("%s: %q, %v; want %q", name, got, err, want)
	}
}

// noTemps fails if dir holds a temporary file.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if isTempName(e.Name()) {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// isTempName reports whether name is one of the batch's temporary files.
func isTempName(name string) bool {
	return strings.HasPrefix(name, TempPrefix) && strings.HasSuffix(name, TempSuffix)
}

// TestAtomicFile checks that a file written with CreateAtomic replaces
// its name only when finished well, readable by all, and that no
// temporary file is left either way.
func TestAtomicFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(name, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ok := range []bool{false, true} {
		f, err := CreateAtomic(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("new\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Finish(ok); err != nil {
			t.Fatal(err)
		}
		want := "old\n"
		if ok {
			want = "new\n"
		}
		if b, err := os.ReadFile(name); err != nil || string(b) != want {
			t.Fatalf("ok %v: file holds %q (%v), want %q", ok, b, err, want)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("ok %v: the folder holds %d files, want only out.jsonl", ok, len(entries))
		}
	}
	if info, err := os.Stat(name); err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("finished file mode %v (%v), want 0644", info.Mode().Perm(), err)
	}
}
