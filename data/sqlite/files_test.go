//go:build unix

package sqlite_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

// A practice others could read is made the coach's own when it is opened, its journal too,
// and the store says so (once: the next opening finds nothing to change).
func TestOpenMakesAWorldReadablePracticePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
	s.Close()
	os.Chmod(path, 0o644)
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.MadePrivate() {
		t.Error("the store does not say it made the practice private")
	}
	mustAdd(t, s, data.Participant{Name: "Bruno Costa", Email: "bruno@northwind.example"})
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want 0600", filepath.Base(f), fi.Mode().Perm(), err)
		}
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.MadePrivate() {
		t.Error("the second opening says again it made the practice private")
	}
}

// A FIFO (or anything else that is not a file) where the practice should be is refused at once.
func TestOpenRefusesAFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		s, err := sqlite.Open(path)
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if data.ErrorCode(err) != data.NotPractice {
			t.Errorf("open a FIFO: %v, want it refused as not a practice", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO hangs")
	}
}
