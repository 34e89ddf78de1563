package sqlite_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@x.example"})

	b, err := s.BackupIfDue(sqlite.DefaultBackupEvery)
	if err != nil || b == nil {
		t.Fatalf("first daily backup: %v, %v", b, err)
	}
	if fi, _ := os.Stat(b.Path); fi.Mode().Perm() != 0o600 || filepath.Dir(b.Path) != filepath.Join(dir, "Backups", "practice.mutua") {
		t.Errorf("backup at %s, mode %v", b.Path, fi.Mode().Perm())
	}
	if err := sqlite.VerifyBackup(b.Path); err != nil {
		t.Errorf("backup does not verify: %v", err)
	}
	if again, err := s.BackupIfDue(sqlite.DefaultBackupEvery); again != nil || err != nil {
		t.Errorf("a second backup within a day: %v, %v", again, err)
	}
	now = now.Add(25 * time.Hour)
	if again, err := s.BackupIfDue(sqlite.DefaultBackupEvery); again == nil || err != nil {
		t.Errorf("no backup after 25 hours: %v", err)
	}

	// A year of daily backups keeps 7 daily, 4 weekly and 12 monthly (some overlap).
	for d := 0; d < 365; d++ {
		now = now.Add(24 * time.Hour)
		if _, err := s.Backup("daily"); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := sqlite.Backups(sqlite.BackupDir(path, ""))
	if len(list) < 12 || len(list) > 2+7+4+12 || !list[0].Time.Equal(now.Truncate(time.Second)) {
		t.Errorf("%d backups kept, newest %v", len(list), list[0].Time)
	}
	days := map[string]bool{}
	for _, b := range list[:7] {
		days[b.Time.Format("2006-01-02")] = true
	}
	if len(days) != 7 {
		t.Errorf("the newest seven backups are not on seven days: %v", days)
	}

	// A busy day of imports keeps its recent backups, but not without end; a backup left
	// half-written by a killed Mutua is cleared away.
	stale := filepath.Join(sqlite.BackupDir(path, ""), "2026-01-01 090000 before import.mutua.partial")
	os.WriteFile(stale, nil, 0o600)
	for i := 0; i < 40; i++ {
		now = now.Add(time.Minute)
		if _, err := s.Backup("before import"); err != nil {
			t.Fatal(err)
		}
	}
	list, _ = sqlite.Backups(sqlite.BackupDir(path, ""))
	recent := 0
	for _, b := range list {
		if b.Reason == "before import" {
			recent++
		}
	}
	if recent != 30 || list[0].Reason != "before import" {
		t.Errorf("after 40 imports in an hour: %d of their backups kept, want 30", recent)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a half-written backup was left in the folder")
	}

	// A copy the coach asks for, anywhere.
	out := filepath.Join(t.TempDir(), "my copy.mutua")
	if _, err := s.BackupTo(out); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.VerifyBackup(out); err != nil {
		t.Error(err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("a sound practice fails its check: %v", err)
	}
}

func TestRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@x.example"})
	b, err := s.Backup("daily")
	if err != nil {
		t.Fatal(err)
	}
	// Deleting is an erasure: it backs up first.
	if err := s.DeleteParticipant(ana.ID); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
	if _, err := sqlite.Restore(path, b.Path, sqlite.Options{}); data.ErrorCode(err) != data.Locked {
		t.Errorf("restoring over an open practice: %v", err)
	}
	s.Close()
	safety, err := sqlite.Restore(path, b.Path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(safety.Reason, "before restore") {
		t.Errorf("safety backup %+v", safety)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, _ := s.Roster()
	if len(r.Entries) != 1 || r.Entries[0].Name != "Ana Pereira" {
		t.Errorf("after restoring: %+v", r.Entries)
	}
	list, _ := sqlite.Backups(sqlite.BackupDir(path, ""))
	reasons := map[string]bool{}
	for _, b := range list {
		reasons[b.Reason] = true
	}
	for _, want := range []string{"before erasure", "before restore"} {
		if !reasons[want] {
			t.Errorf("no %q backup among %v", want, reasons)
		}
	}
	// The safety backup holds the state before the restore: Ben, without Ana.
	if err := sqlite.VerifyBackup(safety.Path); err != nil {
		t.Error(err)
	}
	// A damaged or foreign file is not restored.
	junk := filepath.Join(t.TempDir(), "junk.mutua")
	os.WriteFile(junk, []byte("not a practice"), 0o600)
	s.Close()
	if _, err := sqlite.Restore(path, junk, sqlite.Options{}); err == nil {
		t.Error("a file that is not a backup was restored")
	}
}

func TestDamagedPracticeIsSetAside(t *testing.T) {
	path := practiceWithBackup(t)
	// Damage the file: overwrite the middle pages with noise.
	raw, _ := os.ReadFile(path)
	for i := 4096; i < len(raw)-4096; i++ {
		raw[i] = byte(i * 7)
	}
	os.WriteFile(path, raw, 0o600)
	_, err := sqlite.Open(path)
	if data.ErrorCode(err) != data.Damaged {
		t.Fatalf("open a damaged practice: %v", err)
	}
	for _, want := range []string{"is damaged", "set it aside", "newest verified backup", "mutua restore"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the damaged file is still in place")
	}
	aside, _ := filepath.Glob(path + ".damaged-[0-9]*[0-9]")
	if len(aside) != 1 {
		t.Fatalf("set aside as %v", aside)
	}
	kept, _ := os.ReadFile(aside[0])
	if !bytes.Equal(kept, raw) {
		t.Error("the damaged file was changed")
	}
	// The coach restores the newest backup; everything up to it is back.
	list, _ := sqlite.Backups(sqlite.BackupDir(path, ""))
	if _, err := sqlite.Restore(path, list[0].Path, sqlite.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, _ := s.Roster()
	if len(r.Entries) != 40 {
		t.Errorf("%d participants after restoring, want 40", len(r.Entries))
	}
}

// damageOnePage breaks the b-tree header of one page in the middle of a closed practice, as a
// failing disk might: the header and the schema still read, so only a full check finds it.
func damageOnePage(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := len(raw) / 4096 / 2
	if page < 2 {
		t.Fatalf("the practice has only %d pages", len(raw)/4096)
	}
	for i := 0; i < 12; i++ {
		raw[page*4096+i] = 0xff
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// practiceWithBackup makes a practice of 40 participants with one backup, and closes it.
func practiceWithBackup(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		mustAdd(t, s, data.Participant{Name: fmt.Sprintf("Participant %d", i), Goals: strings.Repeat("goal ", 400)})
	}
	if _, err := s.Backup("daily"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func TestOneDamagedPageIsFoundAtOpen(t *testing.T) {
	path := practiceWithBackup(t)
	damageOnePage(t, path)
	_, err := sqlite.Open(path)
	if data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), "set it aside") {
		t.Fatalf("open a practice with one damaged page: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the damaged file is still in place")
	}
}

func TestOneDamagedPageFoundInTheBackground(t *testing.T) {
	path := practiceWithBackup(t)
	damageOnePage(t, path)
	damaged, _ := os.ReadFile(path)
	// Opened as the app opens it: readable at once, checked beside.
	s, err := sqlite.OpenWith(path, sqlite.Options{CheckLater: true})
	if err != nil {
		t.Fatalf("open with the check in the background: %v", err)
	}
	if err := s.CreateParticipant(&data.Participant{Name: "Written after the damage"}); data.ErrorCode(err) != data.Damaged {
		t.Errorf("a write to a damaged practice: %v", err)
	}
	if _, err := s.Backup("by hand"); data.ErrorCode(err) != data.Damaged {
		t.Errorf("a backup of a damaged practice: %v", err)
	}
	err = s.Checked()
	if data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), "set it aside") || !strings.Contains(err.Error(), "newest verified backup") {
		t.Fatalf("checked: %v", err)
	}
	if err := s.Checked(); !strings.Contains(fmt.Sprint(err), "set it aside") {
		t.Errorf("asked again: %v", err)
	}
	aside, _ := filepath.Glob(path + ".damaged-[0-9]*[0-9]")
	if len(aside) != 1 {
		t.Fatalf("set aside as %v", aside)
	}
	if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, damaged) {
		t.Error("the damaged file was changed")
	}
	list, _ := sqlite.Backups(sqlite.BackupDir(path, ""))
	if len(list) != 1 {
		t.Fatalf("backups: %v", list)
	}
	if _, err := sqlite.Restore(path, list[0].Path, sqlite.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, _ := s.Roster(); len(r.Entries) != 40 {
		t.Errorf("%d participants after restoring, want 40", len(r.Entries))
	}
}

func TestRestoreOverADamagedPractice(t *testing.T) {
	path := practiceWithBackup(t)
	list, _ := sqlite.Backups(sqlite.BackupDir(path, ""))
	damageOnePage(t, path)
	// Restored straight away, without opening it first: the damaged file is set aside, not lost.
	safety, err := sqlite.Restore(path, list[0].Path, sqlite.Options{})
	if err != nil {
		t.Fatalf("restore over a damaged practice: %v", err)
	}
	if safety.Path != "" {
		t.Errorf("a safety backup of a damaged practice: %v", safety)
	}
	if aside, _ := filepath.Glob(path + ".damaged-[0-9]*[0-9]"); len(aside) != 1 {
		t.Errorf("set aside as %v", aside)
	}
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, _ := s.Roster(); len(r.Entries) != 40 {
		t.Errorf("%d participants after restoring, want 40", len(r.Entries))
	}
	// A file that is not a practice is never replaced by a restore.
	s.Close()
	notes := filepath.Join(filepath.Dir(path), "notes.txt")
	os.WriteFile(notes, []byte("my own notes"), 0o600)
	if _, err := sqlite.Restore(notes, list[0].Path, sqlite.Options{}); data.ErrorCode(err) != data.NotPractice {
		t.Errorf("restore over a file that is not a practice: %v", err)
	}
	if got, _ := os.ReadFile(notes); string(got) != "my own notes" {
		t.Errorf("the file was replaced: %q", got)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := data.Cohort{Name: "Spring"}
	s.SaveCohort(&c)
	p := mustAdd(t, s, data.Participant{Name: "Ana"})
	s.AddToCohort(c.ID, p.ID)
	s.Close()
	// A membership pointing at a missing participant, written behind Mutua's back.
	db, _ := sql.Open("sqlite", path)
	db.Exec(`PRAGMA foreign_keys = OFF; DELETE FROM participants`)
	db.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), "cohort_members") {
		t.Errorf("check: %v", err)
	}
}

func TestErasureLeavesNoTrace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	secret := "ZEBRAQUARTZSECRET"
	ana := mustAdd(t, s, data.Participant{Name: "Ana " + secret, Email: "ana@x.example", PrivateNotes: "Private " + secret,
		Strengths: []string{"tag" + secret}})
	ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
	g := data.Goal{ParticipantID: ana.ID, Text: "Goal " + secret}
	s.SaveGoal(&g)
	c := data.Cohort{Name: "Spring"}
	s.SaveCohort(&c)
	s.AddToCohort(c.ID, ana.ID, ben.ID)
	contains := func() string {
		var found []string
		for _, f := range []string{path, path + "-wal"} {
			raw, _ := os.ReadFile(f)
			if bytes.Contains(raw, []byte(secret)) {
				found = append(found, filepath.Base(f))
			}
		}
		return strings.Join(found, ", ")
	}
	if contains() == "" {
		t.Fatal("the marker never reached the file; the test proves nothing")
	}
	if err := s.DeleteParticipant(ana.ID); err != nil {
		t.Fatal(err)
	}
	if where := contains(); where != "" {
		t.Errorf("the deleted participant's text lingers in %s", where)
	}
	if _, err := s.Participant(ben.ID); err != nil {
		t.Errorf("the other participant went too: %v", err)
	}
}

func TestBackupFolderOfTheCoachsChoice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	elsewhere := filepath.Join(t.TempDir(), "external drive")
	opts := sqlite.Options{BackupFolder: elsewhere}
	s, err := sqlite.OpenWith(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@x.example"})
	b, err := s.BackupIfDue(7 * 24 * time.Hour)
	if err != nil || b == nil || filepath.Dir(b.Path) != filepath.Join(elsewhere, "practice.mutua") || s.BackupDir() != filepath.Dir(b.Path) {
		t.Fatalf("first scheduled backup: %+v, %v", b, err)
	}
	// A weekly schedule makes no backup three days later, and one after eight.
	now = now.Add(3 * 24 * time.Hour)
	if again, _ := s.BackupIfDue(7 * 24 * time.Hour); again != nil {
		t.Errorf("a weekly backup after three days: %s", again.Path)
	}
	now = now.Add(5 * 24 * time.Hour)
	if again, _ := s.BackupIfDue(7 * 24 * time.Hour); again == nil {
		t.Error("no weekly backup after eight days")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "Backups")); err == nil {
		t.Error("backups were also written beside the practice")
	}
	// Erasure backs up into the chosen folder too.
	if err := s.DeleteParticipant(ana.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	list, _ := sqlite.Backups(sqlite.BackupDir(path, elsewhere))
	if len(list) != 3 || list[0].Reason != "before erasure" {
		t.Fatalf("backups in the chosen folder: %+v", list)
	}
	// Restoring there keeps the safety backup there as well.
	safety, err := sqlite.Restore(path, list[1].Path, opts)
	if err != nil || filepath.Dir(safety.Path) != filepath.Join(elsewhere, "practice.mutua") {
		t.Fatalf("restore: %+v, %v", safety, err)
	}
	// A damaged practice names the newest backup in the chosen folder.
	raw, _ := os.ReadFile(path)
	for i := 8192; i < len(raw)-8192; i++ {
		raw[i] ^= 0x5a
	}
	os.WriteFile(path, raw, 0o600)
	_, err = sqlite.OpenWith(path, opts)
	if data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), elsewhere) {
		t.Errorf("a damaged practice: %v", err)
	}
}

// TestCheckReadsEveryRecord: a value SQLite accepts but the screens cannot read is damage,
// so check never calls sound a practice the app cannot show.
func TestCheckReadsEveryRecord(t *testing.T) {
	for _, tc := range []struct{ name, plant, want string }{
		{"a date no screen can read", `UPDATE partnership_members SET fit_checked_on = 'yesterday' WHERE partnership_id = 1`, `field fit_checked_on: "yesterday" is not a date`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSample(t)
			if err := s.Check(); err != nil {
				t.Fatalf("the sample practice: %v", err)
			}
			path := s.Path()
			s.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tc.plant); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err = sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.Check()
			if data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), "The practice holds a record Mutua cannot read") ||
				!strings.Contains(err.Error(), tc.want) {
				t.Errorf("check: %v, want damage naming %q", err, tc.want)
			}
		})
	}
}
