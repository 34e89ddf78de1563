package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestEncryptedBackupsFromSettings(t *testing.T) {
	const passphrase = "walnut harbour lantern"
	s := newTestShell(t)
	ana := data.Participant{Name: "Ana Pereira"}
	if err := s.store.CreateParticipant(&ana); err != nil {
		t.Fatal(err)
	}
	s.selectTab("Settings")
	b := s.settings.backups
	b.reload()
	e := b.encryption
	if e.on || e.set.Text != "Encrypt backups with a passphrase…" || e.off.Visible() || !shows(e.content, "not encrypted") {
		t.Fatalf("before: %v", texts(e.content))
	}

	// The dialog warns about a lost passphrase and saves only once it is written down, long
	// enough and typed twice alike.
	test.Tap(e.set)
	f := e.form
	if !shows(topDialog(s), "nobody can restore the encrypted backups") || !f.save.Disabled() {
		t.Fatalf("dialog: %v, save disabled %v", texts(topDialog(s)), f.save.Disabled())
	}
	f.written.SetChecked(true)
	f.first.SetText("too short")
	f.second.SetText("too short")
	test.Tap(f.save)
	if !f.problem.Visible() || !shows(topDialog(s), "at least 10 characters") {
		t.Errorf("a short passphrase: %v", texts(topDialog(s)))
	}
	f.first.SetText(passphrase)
	f.second.SetText(passphrase + "x")
	test.Tap(f.save)
	if !shows(topDialog(s), "The two passphrases differ") {
		t.Errorf("two different passphrases: %v", texts(topDialog(s)))
	}
	if on, _ := s.store.BackupsEncrypted(); on {
		t.Fatal("a refused passphrase turned encryption on")
	}
	f.second.SetText(passphrase)
	test.Tap(f.save)
	if on, _ := s.store.BackupsEncrypted(); !on || !shows(topDialog(s), "encrypted with your passphrase") || !e.on || e.set.Text != "Change passphrase…" {
		t.Fatalf("after saving: %v", texts(topDialog(s)))
	}

	// The next backup is encrypted: not a SQLite file but an age file.
	test.Tap(b.backUp)
	raw, _ := os.ReadFile(b.list[0].Path)
	if !b.list[0].Encrypted || !bytes.HasPrefix(raw, []byte("age-encryption.org/v1\n")) || bytes.HasPrefix(raw, []byte("SQLite format 3")) {
		t.Fatalf("newest backup %s starts %q", b.list[0].Path, raw[:min(30, len(raw))])
	}
	// The passphrase is nowhere in the practice's files.
	files, _ := filepath.Glob(s.store.Path() + "*")
	for _, name := range files {
		content, _ := os.ReadFile(name)
		if bytes.Contains(content, []byte(passphrase)) {
			t.Errorf("the passphrase is in %s", name)
		}
	}

	// Restoring asks for the passphrase; a wrong one is refused and changes nothing.
	ben := data.Participant{Name: "Ben Okafor"}
	if err := s.store.CreateParticipant(&ben); err != nil {
		t.Fatal(err)
	}
	b.backups.Select(0)
	test.Tap(b.restore)
	s.lastConfirm.Confirm()
	prompt := s.Shell.passphrasePrompt
	if prompt == nil || !shows(topDialog(s), "This backup is encrypted") {
		t.Fatalf("no passphrase asked: %v", texts(topDialog(s)))
	}
	prompt.entry.SetText("walnut harbour lamp")
	test.Tap(prompt.restore)
	if !shows(topDialog(s), "That passphrase does not open this backup. Nothing was changed.") {
		t.Errorf("a wrong passphrase: %v", texts(topDialog(s)))
	}
	if s.Shell.cur != s {
		t.Fatal("a wrong passphrase closed the practice")
	}
	if _, err := s.store.Participant(ben.ID); err != nil {
		t.Errorf("a wrong passphrase changed the practice: %v", err)
	}
	prompt.entry.SetText(passphrase)
	test.Tap(prompt.restore)
	if s.Shell.cur == s || s.Shell.cur == nil {
		t.Fatal("the practice was not restored and opened afresh")
	}
	s = s.Shell.cur
	if _, err := s.store.Participant(ben.ID); data.ErrorCode(err) != data.NotFound {
		t.Errorf("the restored practice still holds a later participant: %v", err)
	}
	if _, err := s.store.Participant(ana.ID); err != nil || !shows(topDialog(s), "The practice is back") {
		t.Errorf("after restoring: %v, %v", err, texts(topDialog(s)))
	}

	// Turning encryption off asks for the passphrase; later backups are plain.
	b = s.settings.backups
	b.reload()
	e = b.encryption
	test.Tap(e.off)
	f = e.form
	f.current.SetText("walnut harbour lamp")
	test.Tap(f.save)
	if !shows(topDialog(s), "not the passphrase") {
		t.Errorf("turning off with a wrong passphrase: %v", texts(topDialog(s)))
	}
	f.current.SetText(passphrase)
	test.Tap(f.save)
	if on, _ := s.store.BackupsEncrypted(); on || e.off.Visible() {
		t.Fatal("encryption still on")
	}
	test.Tap(b.backUp)
	if b.list[0].Encrypted || sqlite.VerifyBackup(b.list[0].Path) != nil {
		t.Errorf("a backup after turning encryption off: %+v", b.list[0])
	}
}
