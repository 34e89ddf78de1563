package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestRestoreAnEncryptedBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupPassphrase("", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	p := data.Participant{Name: "Ana Pereira"}
	if err := s.CreateParticipant(&p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, err := mutua(t, "backup", "--db", db)
	if err != nil || !strings.Contains(out, ".mutua.age") {
		t.Fatalf("backup: %q, %v", out, err)
	}
	list, _ := sqlite.Backups(sqlite.BackupDir(db, ""))
	backup := list[0].Path
	s, _ = sqlite.Open(db)
	s.DeleteParticipant(p.ID)
	s.Close()

	// A wrong passphrase, typed: refused in plain words, and the practice is unchanged.
	stdin = strings.NewReader("not the passphrase\n")
	t.Cleanup(func() { stdin = os.Stdin })
	if _, err := mutua(t, "restore", "--db", db, backup); err == nil || err.Error() != "That passphrase does not open this backup. Nothing was changed." {
		t.Errorf("restore with a wrong passphrase: %v", err)
	}
	s, _ = sqlite.Open(db)
	if r, _ := s.Roster(); len(r.Entries) != 0 {
		t.Error("a refused restore changed the practice")
	}
	s.Close()

	passFile := filepath.Join(dir, "pass.txt")
	os.WriteFile(passFile, []byte("correct horse battery\n"), 0o600)
	if out, err := mutua(t, "restore", "--db", db, backup, "--passphrase-file", passFile); err != nil || !strings.Contains(out, "Restored") {
		t.Fatalf("restore: %q, %v", out, err)
	}
	s, _ = sqlite.Open(db)
	defer s.Close()
	if r, _ := s.Roster(); len(r.Entries) != 1 {
		t.Errorf("after restoring: %+v", r.Entries)
	}
}
