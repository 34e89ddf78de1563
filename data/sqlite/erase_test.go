package sqlite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
)

// pairUp puts existing participants in one partnership of a new cohort.
func pairUp(t *testing.T, s *sqlite.Store, name string, ids ...int64) int64 {
	t.Helper()
	c := data.Cohort{Name: name}
	if err := s.SaveCohort(&c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddToCohort(c.ID, ids...); err != nil {
		t.Fatal(err)
	}
	start := data.NewDate(2026, 3, 16)
	plan, err := pairing.PlanRound(s, c.ID, start.Time())
	if err != nil {
		t.Fatal(err)
	}
	plan.Fixed = []pairing.Group{{Members: ids}}
	plan.Resuggest()
	if err := s.ApproveRound(plan, start); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Partnerships()
	for _, p := range list {
		if p.CohortID == c.ID {
			return p.ID
		}
	}
	t.Fatal("partnership not created")
	return 0
}

// holds reports whether a file holds text, as UTF-8 or UTF-16 (either byte order).
func holds(t *testing.T, path, text string) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false
	} else if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(text)) {
		return true
	}
	le, be := []byte{}, []byte{}
	for _, u := range utf16.Encode([]rune(text)) {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	return bytes.Contains(raw, le) || bytes.Contains(raw, be)
}

// plantMarcus makes a practice where Marcus Reid is named in every kind of free text.
func plantMarcus(t *testing.T) (s *sqlite.Store, marcus, anna, ann data.Participant, pid int64) {
	s = mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	marcus = mustAdd(t, s, data.Participant{Name: "Marcus Reid", Email: "marcus.reid@northwind.example", Phone: "+44 20 7946 0958", PrivateNotes: "Call Marcus on +44 20 7946 0958."})
	anna = mustAdd(t, s, data.Participant{Name: "Anna Berg", Email: "anna@x.example", Company: "Berg AG", PrivateNotes: "Knows Marcus Reid from a past job; ask Ann Lee too."})
	ann = mustAdd(t, s, data.Participant{Name: "Ann Lee", Email: "ann@y.example", Company: "Lee Ltd"})
	pid = pairUp(t, s, "Spring", marcus.ID, anna.ID)
	for i, body := range []string{"Marcus seemed tired, and Anna noticed.", "Wrote to marcus.reid@northwind.example.", "Reid's team is reorganising.", "Anna and Ann agreed."} {
		n := data.Note{PartnershipID: pid, Visibility: data.Visibility("private"), Body: body}
		if i == 3 {
			n.ParticipantID = anna.ID
		}
		if err := s.AddNote(&n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddNote(&data.Note{PartnershipID: pid, ParticipantID: marcus.ID, Visibility: data.Visibility("private"), Body: "About him: MARCUS REID lost his father."}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddActionItem(&data.ActionItem{PartnershipID: pid, OwnerID: marcus.ID, Text: "Marcus sends Anna the plan; phone 020 7946 0958"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAgreement(pid, &data.Agreement{Objective: "Help Marcus Reid lead the merger", Cadence: "monthly"}); err != nil {
		t.Fatal(err)
	}
	g := data.Goal{ParticipantID: anna.ID, Text: "Learn negotiation from Marcus"}
	if err := s.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	c := data.Cohort{Name: "Marcus Reid's circle"}
	if err := s.SaveCohort(&c); err != nil {
		t.Fatal(err)
	}
	return s, marcus, anna, ann, pid
}

func TestErasureLeavesNoTraceInThePracticeFile(t *testing.T) {
	s, marcus, anna, ann, pid := plantMarcus(t)
	plan, err := s.PlanErasure(marcus.ID)
	if err != nil {
		t.Fatal(err)
	}
	count := func(list []sqlite.ErasureCount, kind string) int {
		for _, c := range list {
			if c.Kind == kind {
				return c.Count
			}
		}
		return 0
	}
	if count(plan.Removed, "profile") != 1 || count(plan.Removed, "notes about them") != 1 {
		t.Errorf("removed: %+v", plan.Removed)
	}
	if count(plan.Redacted, "notes") != 3 || count(plan.Redacted, "action items") != 1 || count(plan.Redacted, "agreements") != 1 ||
		count(plan.Redacted, "other participants' profiles") != 1 || count(plan.Redacted, "other participants' goals") != 1 || count(plan.Redacted, "cohorts") != 1 {
		t.Errorf("redacted: %+v", plan.Redacted)
	}
	// The plan changed nothing.
	if _, err := s.Participant(marcus.ID); err != nil {
		t.Fatalf("the plan deleted them: %v", err)
	}

	if _, err := s.Erase(marcus.ID, false, "", nil); err != nil {
		t.Fatal(err)
	}
	page, err := s.Partnership(pid)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, n := range page.Notes {
		bodies = append(bodies, n.Body)
	}
	got := strings.Join(bodies, "|")
	for _, want := range []string{"[removed] seemed tired, and Anna noticed.", "Wrote to [removed].", "[removed]'s team is reorganising.", "Anna and Ann agreed."} {
		if !strings.Contains(got, want) {
			t.Errorf("notes %q lack %q", got, want)
		}
	}
	a, _ := s.Participant(anna.ID)
	if a.PrivateNotes != "Knows [removed] from a past job; ask Ann Lee too." || a.Name != "Anna Berg" {
		t.Errorf("Anna: %q %q", a.Name, a.PrivateNotes)
	}
	if b, _ := s.Participant(ann.ID); b.Name != "Ann Lee" {
		t.Errorf("Ann: %q", b.Name)
	}
	// While the practice is still open (its log in use), and after closing it.
	path := s.Path()
	for _, when := range []string{"open", "closed"} {
		if when == "closed" {
			s.Close()
		}
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			for _, text := range []string{"Marcus", "MARCUS", "marcus", "Reid", "northwind", "7946", "0958"} {
				if holds(t, f, text) {
					t.Errorf("%s, %s, still holds %q", when, filepath.Base(f), text)
				}
			}
		}
	}
}

func TestErasingAnnLeavesAnna(t *testing.T) {
	s := mustOpen(t)
	ann := mustAdd(t, s, data.Participant{Name: "Ann", Email: "ann@x.example"})
	anna := mustAdd(t, s, data.Participant{Name: "Anna Ann-Marie Smith", Email: "anna@x.example", PrivateNotes: "Anna met Ann; Annabel too. Ann's idea."})
	if err := s.DeleteParticipant(ann.ID); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Participant(anna.ID)
	if a.PrivateNotes != "Anna met [removed]; Annabel too. [removed]'s idea." {
		t.Errorf("notes: %q", a.PrivateNotes)
	}
}

func TestErasureFromBackups(t *testing.T) {
	s, marcus, _, _, _ := plantMarcus(t)
	for _, why := range []string{"one", "two"} {
		if _, err := s.Backup(why); err != nil {
			t.Fatal(err)
		}
	}
	dir := s.BackupDir()
	before, _ := sqlite.Backups(dir)
	times := map[string]int64{}
	for _, b := range before {
		info, _ := os.Stat(b.Path)
		times[b.Path] = info.ModTime().UnixNano()
	}
	os.WriteFile(filepath.Join(dir, "2026-01-01 000000 broken.mutua"), []byte("not a practice"), 0o600)
	res, err := s.Erase(marcus.ID, true, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Two made here and the one made just before the erasure are rewritten; the broken one is reported.
	if res.Backups != 4 || res.BackupsRewritten != 3 || len(res.BackupProblems) != 1 || !strings.Contains(res.BackupProblems[0], "broken") {
		t.Errorf("result: %d backups, %d rewritten, problems %v", res.Backups, res.BackupsRewritten, res.BackupProblems)
	}
	list, _ := sqlite.Backups(dir)
	for _, b := range list {
		if strings.Contains(b.Path, "broken") {
			continue
		}
		if err := sqlite.VerifyBackup(b.Path); err != nil {
			t.Errorf("%s: %v", b.Path, err)
		}
		for _, text := range []string{"Marcus", "northwind", "7946"} {
			if holds(t, b.Path, text) {
				t.Errorf("%s still holds %q", filepath.Base(b.Path), text)
			}
		}
		info, _ := os.Stat(b.Path)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", b.Path, info.Mode().Perm())
		}
		if was, ok := times[b.Path]; ok && was != info.ModTime().UnixNano() {
			t.Errorf("%s changed its file time, which orders backups made in one second", b.Path)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.partial*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestErasureWithoutBackupsKeepsThem(t *testing.T) {
	s, marcus, _, _, _ := plantMarcus(t)
	if _, err := s.Erase(marcus.ID, false, "", nil); err != nil {
		t.Fatal(err)
	}
	list, _ := sqlite.Backups(s.BackupDir())
	if len(list) == 0 || !holds(t, list[0].Path, "northwind") {
		t.Error("the backup made before the erasure should still hold them")
	}
}

func TestASharedFirstNameIsReplacedOnlyInTheirPartnerships(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	marcus := mustAdd(t, s, data.Participant{Name: "Marcus Reid", Email: "reid@x.example"})
	bea := mustAdd(t, s, data.Participant{Name: "Bea Holm", Email: "bea@x.example"})
	other := mustAdd(t, s, data.Participant{Name: "Marcus Lind", Email: "lind@x.example"})
	cleo := mustAdd(t, s, data.Participant{Name: "Cleo Park", Email: "cleo@x.example"})
	theirs := pairUp(t, s, "Spring", marcus.ID, bea.ID)
	others := pairUp(t, s, "Autumn", other.ID, cleo.ID)
	for _, n := range []data.Note{{PartnershipID: theirs, Body: "Marcus was late."}, {PartnershipID: others, Body: "Marcus was early."}} {
		n.Visibility = data.Visibility("private")
		if err := s.AddNote(&n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteParticipant(marcus.ID); err != nil {
		t.Fatal(err)
	}
	for pid, want := range map[int64]string{theirs: "[removed] was late.", others: "Marcus was early."} {
		page, err := s.Partnership(pid)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Notes) != 1 || page.Notes[0].Body != want {
			t.Errorf("partnership %d: %+v, want %q", pid, page.Notes, want)
		}
	}
}

// Encrypted backups are erased with their passphrase and stay encrypted to the same key;
// without it they are named as not erased, and hold the person still.
func TestErasureFromEncryptedBackups(t *testing.T) {
	for _, passphrase := range []string{backupPassphrase, ""} {
		s, marcus, _, _, _ := plantMarcus(t)
		if err := s.SetBackupPassphrase("", backupPassphrase); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Backup("encrypted"); err != nil {
			t.Fatal(err)
		}
		res, err := s.Erase(marcus.ID, true, passphrase, nil)
		if err != nil {
			t.Fatal(err)
		}
		list, _ := sqlite.Backups(s.BackupDir())
		var encrypted []sqlite.Backup
		for _, b := range list {
			if b.Encrypted {
				encrypted = append(encrypted, b)
			}
		}
		if len(encrypted) == 0 {
			t.Fatal("no encrypted backup was made")
		}
		if passphrase == "" {
			if len(res.BackupProblems) != len(encrypted) || !strings.Contains(res.BackupProblems[0], "passphrase") {
				t.Errorf("without the passphrase: problems %v", res.BackupProblems)
			}
			continue
		}
		if len(res.BackupProblems) > 0 || res.BackupsRewritten != len(list) {
			t.Fatalf("with the passphrase: %d of %d rewritten, problems %v", res.BackupsRewritten, len(list), res.BackupProblems)
		}
		for _, b := range encrypted {
			if !sqlite.IsEncryptedBackup(b.Path) || sqlite.CheckBackupPassphrase(b.Path, backupPassphrase) != nil {
				t.Fatalf("%s no longer opens with its passphrase", filepath.Base(b.Path))
			}
			restored := filepath.Join(t.TempDir(), "restored.mutua")
			if _, err := sqlite.Restore(restored, b.Path, sqlite.Options{Passphrase: backupPassphrase}); err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"Marcus", "northwind", "7946"} {
				if holds(t, restored, text) {
					t.Errorf("%s, restored, still holds %q", filepath.Base(b.Path), text)
				}
			}
		}
	}
}
