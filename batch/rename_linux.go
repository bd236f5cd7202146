package batch

import (
	"errors"
	"fmt"
	"io/fs"

	"golang.org/x/sys/unix"
)

// renameNoReplace moves tmp to final in one step unless final exists
// (renameat2 with RENAME_NOREPLACE). It reports handled false when the
// file system cannot do that, so the caller falls back to a hard link.
func renameNoReplace(tmp, final string) (handled bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, final, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EEXIST):
		return true, fmt.Errorf("%w: %w", fs.ErrExist, err)
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil
	}
	return true, err
}
