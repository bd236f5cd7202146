//go:build !linux

package batch

// renameNoReplace is only available on Linux; elsewhere the caller
// places the file with a hard link.
func renameNoReplace(tmp, final string) (handled bool, err error) { return false, nil }
