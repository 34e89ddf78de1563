//go:build unix

package sqlite

import (
	"fmt"
	"os"
	"syscall"
)

// fileKey names the file at path by its device and inode, the same for every name it has.
func fileKey(path string) (string, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%x-%x", uint64(st.Dev), uint64(st.Ino)), true
}
