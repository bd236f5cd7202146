package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// TempPrefix and TempSuffix frame the names of files being written; a
// batch that is interrupted removes them, and they are never left in
// place of a finished file.
const (
	TempPrefix = ".limber-"
	TempSuffix = ".tmp"
)

// ErrExists is returned when the output file is already there and the
// batch may not replace it.
var ErrExists = errors.New("batch: file exists")

// writeFileAtomic writes data to dir/name so that dir/name is either
// absent, the old file, or the complete new file, never a part: the
// bytes go to a temporary file in the same folder, are synced to disk
// (by gs with other files, or alone when gs is nil), and the temporary
// file is then renamed into place. Without replace, an
// existing dir/name is kept and ErrExists returned; the check and the
// placing are one step (a hard link, which fails if the name is taken),
// so a file that appears meanwhile is not overwritten either.
func writeFileAtomic(dir, name string, data []byte, replace bool, gs *groupSync) (err error) {
	if err := inside(dir, name); err != nil {
		return err
	}
	final := filepath.Join(dir, name)
	tmp, err := os.CreateTemp(dir, TempPrefix+"*"+TempSuffix)
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; a handout
	// is an ordinary document.
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if gs == nil {
		if err := tmp.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if gs != nil {
		if err := gs.wait(); err != nil {
			return err
		}
	}
	if replace {
		return os.Rename(tmpName, final)
	}
	return placeNoReplace(tmpName, final)
}

// AtomicFile is a file written in place of another: the bytes go to a
// temporary file beside it, which takes the name's place only when the
// writing succeeded, so a reader never sees half a file.
type AtomicFile struct {
	*os.File
	name string
}

// CreateAtomic starts writing the file name.
func CreateAtomic(name string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(name), TempPrefix+"*"+TempSuffix)
	if err != nil {
		return nil, err
	}
	return &AtomicFile{File: f, name: name}, nil
}

// Finish syncs and closes the file; with ok it then takes the name's
// place (replacing a file there), else, or when anything failed, it is
// removed.
func (f *AtomicFile) Finish(ok bool) error {
	// CreateTemp makes the file readable by its owner only; the output
	// is an ordinary document.
	err := f.Chmod(0o644)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && ok {
		err = os.Rename(f.Name(), f.name)
	}
	if err != nil || !ok {
		os.Remove(f.Name())
	}
	return err
}

// placeNoReplace moves tmp to final unless final exists.
func placeNoReplace(tmp, final string) error {
	// One rename that refuses to replace, where the system has it: one
	// change to the folder instead of a link and an unlink, which
	// matters when many files are written into one folder at once.
	if handled, err := renameNoReplace(tmp, final); handled {
		if errors.Is(err, fs.ErrExist) {
			os.Remove(tmp)
			return fmt.Errorf("%w: %s", ErrExists, filepath.Base(final))
		}
		return err
	}
	err := os.Link(tmp, final)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		os.Remove(tmp)
		return fmt.Errorf("%w: %s", ErrExists, filepath.Base(final))
	}
	// Some file systems (FAT, some network shares) have no hard links:
	// check, then rename. The window between the two is tiny, and the
	// batch itself never writes one name twice.
	if _, err := os.Lstat(final); err == nil {
		os.Remove(tmp)
		return fmt.Errorf("%w: %s", ErrExists, filepath.Base(final))
	}
	return os.Rename(tmp, final)
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
