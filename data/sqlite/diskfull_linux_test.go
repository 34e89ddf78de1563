package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestFullDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(dir, 0o700)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("a small disk for the test needs mounting rights: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// Participants with long goals until the disk is full.
	saved := 0
	for ; saved < 1000; saved++ {
		err = s.CreateParticipant(&data.Participant{Name: fmt.Sprintf("Participant %d", saved), Goals: strings.Repeat("a long goal ", 800)})
		if err != nil {
			break
		}
	}
	if data.ErrorCode(err) != data.DiskFull || !strings.Contains(data.Message(err), "The disk is full") {
		t.Fatalf("saving on a full disk, after %d participants: %v", saved, err)
	}
	t.Logf("the disk filled up after %d participants: %s", saved, data.Message(err))
	s.Close()
	// Every participant reported saved is there, and the practice is sound.
	if s, err = sqlite.Open(path); err != nil {
		t.Fatalf("reopening once there is space: %v", err)
	}
	if r, _ := s.Roster(); len(r.Entries) != saved {
		t.Errorf("%d participants after the disk filled up, want the %d saved before", len(r.Entries), saved)
	}
	if err := s.Check(); err != nil {
		t.Errorf("the practice after the disk filled up: %v", err)
	}
}
