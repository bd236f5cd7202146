package batch

import (
	"os"

	"golang.org/x/sys/unix"
)

// folderSync returns a group sync for the files written into dir, by
// syncfs(2) of its file system, and a function that releases it; nil
// when the folder cannot be opened, and the files are then synced one
// by one.
func folderSync(dir string) (*groupSync, func()) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, func() {}
	}
	fd := int(d.Fd())
	return newGroupSync(func() error { return unix.Syncfs(fd) }), func() { d.Close() }
}
