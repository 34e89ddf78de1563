package app

import (
	"os"
	"path/filepath"
	"testing"
)

// Opening the practice that is open, through a link to it, keeps it open: no "open in another
// window" error about itself.
func TestOpenThePracticeThroughALink(t *testing.T) {
	p := newTestShell(t)
	s := p.Shell
	link := filepath.Join(t.TempDir(), "shortcut.mutua")
	if err := os.Symlink(p.store.Path(), link); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenPractice(link); err != nil {
		t.Fatalf("open the open practice through a link: %v", err)
	}
	if s.cur != p {
		t.Error("the practice was replaced")
	}
}
