//go:build !unix

package sqlite

// fileKey gives no identity where the system has no device and inode numbers: the lock
// beside the practice, on its real path, is all there is.
func fileKey(path string) (string, bool) { return "", false }
