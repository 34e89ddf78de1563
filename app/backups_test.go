package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
)

func TestBackupsInSettings(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Settings")
	b := s.settings.backups
	b.reload()
	if len(b.list) == 0 {
		t.Fatal("opening a practice made no daily backup")
	}
	before := len(b.list)
	test.Tap(b.backUp)
	if len(b.list) != before+1 || b.list[0].Reason != "by hand" || !shows(topDialog(s), "verified backup") {
		t.Fatalf("after Back up now: %d backups, newest %q", len(b.list), b.list[0].Reason)
	}
	// Add someone, then restore the backup made before: they are gone, and kept aside.
	added := data.Participant{Name: "Late Arrival"}
	if err := s.store.CreateParticipant(&added); err != nil {
		t.Fatal(err)
	}
	b.backups.Select(0)
	test.Tap(b.restore)
	s.lastConfirm.Confirm()
	if s.Shell.cur == s {
		t.Fatal("the practice was not opened afresh after restoring")
	}
	s = s.Shell.cur
	if _, err := s.store.Participant(added.ID); data.ErrorCode(err) != data.NotFound {
		t.Errorf("the restored practice still holds a later participant: %v", err)
	}
	if !shows(topDialog(s), "What it held before is kept") {
		t.Errorf("restore report: %v", texts(topDialog(s)))
	}
	list, _ := sqlite.Backups(s.store.BackupDir())
	if list[0].Reason != "before restore" {
		t.Errorf("newest backup is %q, want the safety backup", list[0].Reason)
	}
}

// damagedSample opens the sample practice in a new shell, backs it up, closes it and lets
// damage change its bytes.
func damagedSample(t *testing.T, damage func(raw []byte)) (*Shell, string) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s := newTestShell(t).Shell
	s.OpenPractice(path)
	if err := s.cur.store.ImportAll(strings.NewReader(string(assets.Sample())), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s.leavePractice() // backs it up
	raw, _ := os.ReadFile(path)
	damage(raw)
	os.WriteFile(path, raw, 0o600)
	s.lastConfirm = nil
	return s, path
}

// acceptRestore takes the offer to restore the newest backup and checks that the sample is
// back and the damaged file kept aside.
func acceptRestore(t *testing.T, s *Shell, path string) {
	t.Helper()
	if s.lastConfirm == nil || !shows(topDialog(s), "is damaged") || !shows(topDialog(s), "Restore the backup of") {
		t.Fatalf("no offer to restore: %v", texts(topDialog(s)))
	}
	s.lastConfirm.Confirm()
	if s.cur == nil {
		t.Fatal("the practice did not open after restoring")
	}
	if r, _ := s.cur.store.Roster(); len(r.Entries) != 26 {
		t.Errorf("%d participants after restoring, want 26", len(r.Entries))
	}
	if aside, _ := filepath.Glob(path + ".damaged-[0-9]*[0-9]"); len(aside) != 1 {
		t.Errorf("the damaged file was not kept aside: %v", aside)
	}
}

func TestDamagedPracticeOffersTheBackup(t *testing.T) {
	s, path := damagedSample(t, func(raw []byte) {
		for i := 8192; i < len(raw)-8192; i++ {
			raw[i] ^= 0x5a
		}
	})
	if err := s.OpenPractice(path); data.ErrorCode(err) != data.Damaged {
		t.Fatalf("opening the damaged practice: %v", err)
	}
	acceptRestore(t, s, path)
}

func TestDamageFoundAfterOpening(t *testing.T) {
	// One page in the middle goes bad; the header and the schema still read.
	s, path := damagedSample(t, func(raw []byte) {
		page := len(raw) / 4096 / 2
		for i := 0; i < 12; i++ {
			raw[page*4096+i] = 0xff
		}
	})
	s.OpenPractice(path)
	if s.cur != nil || s.win.Content() != s.closed {
		t.Error("the damaged practice stayed open")
	}
	acceptRestore(t, s, path)
}
