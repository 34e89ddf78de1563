package sqlite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"mutua/data"
	"mutua/data/sqlite"
)

const backupPassphrase = "correct horse battery"

func rosterNames(t *testing.T, path string) []string {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Roster()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range r.Entries {
		out = append(out, e.Name)
	}
	return out
}

func TestEncryptedBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@x.example"})
	plain, err := s.Backup("daily")
	if err != nil {
		t.Fatal(err)
	}

	if err := s.SetBackupPassphrase("", "too short"); data.ErrorCode(err) != data.Invalid {
		t.Errorf("a 9-character passphrase: %v", err)
	}
	if on, _ := s.BackupsEncrypted(); on {
		t.Error("a refused passphrase turned encryption on")
	}
	if err := s.SetBackupPassphrase("", backupPassphrase); err != nil {
		t.Fatal(err)
	}
	if on, err := s.BackupsEncrypted(); !on || err != nil {
		t.Fatalf("encryption on: %v, %v", on, err)
	}
	now = now.Add(time.Hour)
	enc, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(enc.Path)
	fi, _ := os.Stat(enc.Path)
	if !enc.Encrypted || !strings.HasSuffix(enc.Path, ".mutua.age") || !bytes.HasPrefix(raw, []byte("age-encryption.org/v1\n")) ||
		bytes.Contains(raw, []byte("Ana Pereira")) || fi.Mode().Perm() != 0o600 {
		t.Errorf("encrypted backup %s (mode %v) starts %q", enc.Path, fi.Mode().Perm(), raw[:min(40, len(raw))])
	}
	if sqlite.VerifyBackup(enc.Path) == nil {
		t.Error("an encrypted backup passes as a plain practice")
	}
	// Nothing is left behind: no plain copy beside the practice or in the backup folder.
	for _, d := range []string{dir, filepath.Dir(enc.Path)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), "partial") || strings.Contains(e.Name(), "verify") {
				t.Errorf("left behind: %s", e.Name())
			}
		}
	}
	list, _ := sqlite.Backups(s.BackupDir())
	if len(list) != 2 || list[0].Path != enc.Path || !list[0].Encrypted || list[1].Path != plain.Path || list[1].Encrypted {
		t.Errorf("listed %+v", list)
	}
	// The passphrase is not in the practice file, its journal, or the backup.
	files, _ := filepath.Glob(filepath.Join(dir, "practice.mutua*"))
	files = append(files, enc.Path)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(backupPassphrase)) {
			t.Errorf("the passphrase is in %s", f)
		}
	}

	mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
	if err := s.SetBackupPassphrase("not the passphrase", ""); data.ErrorCode(err) != sqlite.WrongPassphrase {
		t.Errorf("turning off with a wrong passphrase: %v", err)
	}
	s.Close()

	before, _ := os.ReadFile(path)
	if _, err := sqlite.Restore(path, enc.Path, sqlite.Options{}); data.ErrorCode(err) != sqlite.NeedsPassphrase {
		t.Errorf("restoring without a passphrase: %v", err)
	}
	_, err = sqlite.Restore(path, enc.Path, sqlite.Options{Passphrase: "not the passphrase"})
	if data.ErrorCode(err) != sqlite.WrongPassphrase || data.Message(err) != "That passphrase does not open this backup. Nothing was changed." {
		t.Errorf("restoring with a wrong passphrase: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) || len(rosterNames(t, path)) != 2 {
		t.Error("a refused restore changed the practice")
	}
	if _, err := sqlite.Restore(path, enc.Path, sqlite.Options{Passphrase: backupPassphrase}); err != nil {
		t.Fatal(err)
	}
	if got := rosterNames(t, path); len(got) != 1 || got[0] != "Ana Pereira" {
		t.Errorf("restored %v", got)
	}

	// Turned off: later backups are plain; the encrypted one still needs its passphrase.
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return now.Add(2 * time.Hour) })
	if err := s.SetBackupPassphrase(backupPassphrase, ""); err != nil {
		t.Fatal(err)
	}
	later, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	if later.Encrypted || sqlite.IsEncryptedBackup(later.Path) || sqlite.VerifyBackup(later.Path) != nil {
		t.Errorf("a backup after turning encryption off: %+v", later)
	}
	if err := sqlite.CheckBackupPassphrase(enc.Path, "not the passphrase"); data.ErrorCode(err) != sqlite.WrongPassphrase {
		t.Errorf("the old encrypted backup with a wrong passphrase: %v", err)
	}
	if err := sqlite.CheckBackupPassphrase(enc.Path, backupPassphrase); err != nil {
		t.Errorf("the old encrypted backup with its passphrase: %v", err)
	}
}

// A changed backupPassphrase encrypts later backups with a new key; earlier ones keep theirs.
func TestChangingTheBackupPassphrase(t *testing.T) {
	s := mustOpen(t)
	if err := s.SetBackupPassphrase("", backupPassphrase); err != nil {
		t.Fatal(err)
	}
	first, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupPassphrase("wrong one here", "a new passphrase"); data.ErrorCode(err) != sqlite.WrongPassphrase {
		t.Errorf("changing with a wrong current passphrase: %v", err)
	}
	if err := s.SetBackupPassphrase(backupPassphrase, "a new passphrase"); err != nil {
		t.Fatal(err)
	}
	second, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	if sqlite.CheckBackupPassphrase(first.Path, backupPassphrase) != nil || sqlite.CheckBackupPassphrase(second.Path, "a new passphrase") != nil ||
		sqlite.CheckBackupPassphrase(second.Path, backupPassphrase) == nil {
		t.Error("each backup opens with the passphrase it was made with, and only that")
	}
}

// A damaged encrypted backup, or an age file Mutua did not write, is refused and changes nothing.
func TestEncryptedBackupThatCannotBeRestored(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
	if err := s.SetBackupPassphrase("", backupPassphrase); err != nil {
		t.Fatal(err)
	}
	b, err := s.Backup("by hand")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(b.Path)
	raw[len(raw)-100] ^= 0xff // in the encrypted practice, after the header
	damaged := filepath.Join(dir, "damaged.mutua.age")
	os.WriteFile(damaged, raw, 0o600)

	foreign := filepath.Join(dir, "foreign.mutua.age")
	f, _ := os.Create(foreign)
	r, _ := age.NewScryptRecipient(backupPassphrase)
	r.SetWorkFactor(10)
	w, _ := age.Encrypt(f, r)
	plain, _ := os.ReadFile(path)
	w.Write(plain)
	w.Close()
	f.Close()

	before, _ := os.ReadFile(path)
	for file, code := range map[string]data.Code{damaged: data.Damaged, foreign: data.NotPractice} {
		if _, err := sqlite.Restore(path, file, sqlite.Options{Passphrase: backupPassphrase}); data.ErrorCode(err) != code {
			t.Errorf("restoring %s: %v, want %s", filepath.Base(file), err, code)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) || fileExistsHere(path+".restoring") {
		t.Error("a refused restore changed the practice or left a file")
	}
}

func fileExistsHere(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
