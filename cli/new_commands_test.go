package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
	"mutua/reports"
)

// samplePractice creates a practice holding the sample data and returns its path.
func samplePractice(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	return db
}

// withStore opens the practice for a look or a change, and closes it again.
func withStore(t *testing.T, db string, do func(s *sqlite.Store)) {
	t.Helper()
	s, err := sqlite.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	do(s)
}

// cohortPairs returns the member sets of a cohort's partnerships, each sorted, and their start days.
func cohortPairs(t *testing.T, db, cohort string) (pairs [][]int64, starts []string) {
	withStore(t, db, func(s *sqlite.Store) {
		all, err := s.Partnerships()
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range all {
			if ps.CohortName != cohort {
				continue
			}
			var ids []int64
			for _, m := range ps.Members {
				ids = append(ids, m.ParticipantID)
			}
			slices.Sort(ids)
			pairs, starts = append(pairs, ids), append(starts, ps.StartedOn.String())
		}
	})
	return pairs, starts
}

func TestApproveCommand(t *testing.T) {
	db := samplePractice(t)
	const autumn = "Autumn 2026 reverse mentoring"
	// The coach's draft: one pair rejected, then one locked.
	var locked, rejected []int64
	withStore(t, db, func(s *sqlite.Store) {
		c, _ := s.CohortByName(autumn)
		plan, err := pairing.PlanRound(s, c.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		rejected = plan.MemberIDs(&plan.Round.Pairs[1])
		plan.Reject(1)
		plan.SetLocked(0, true)
		locked = plan.MemberIDs(&plan.Round.Pairs[0])
		if err := s.SaveDraft(plan); err != nil {
			t.Fatal(err)
		}
	})
	slices.Sort(locked)
	slices.Sort(rejected)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"approve", "--db", db, "--cohort", "Winter", "--start", "2026-12-07"}, `no cohort called "Winter"`},
		{[]string{"approve", "--db", db, "--cohort", autumn, "--start", "07/12/2026"}, `--start: "07/12/2026" is not a date written YYYY-MM-DD`},
		{[]string{"approve", "--db", db, "--cohort", autumn}, "approve needs --start YYYY-MM-DD"},
		{[]string{"approve", "--db", db, "--start", "2026-12-07"}, "approve needs --cohort NAME"},
		{[]string{"approve", "--cohort", autumn, "--start", "2026-12-07"}, "approve needs --db PATH"},
		// Everyone in the spring cohort is in a partnership and has no room for another.
		{[]string{"approve", "--db", db, "--cohort", "Spring 2026 executive circle", "--start", "2026-12-07"},
			"Spring 2026 executive circle has no pairs to approve: 16 not paired, such as"},
	} {
		if msg := mustFail(t, tc.args...); !strings.Contains(msg, tc.want) {
			t.Errorf("mutua %s: %q, want %q", strings.Join(tc.args, " "), msg, tc.want)
		}
	}
	if pairs, _ := cohortPairs(t, db, autumn); len(pairs) != 0 {
		t.Fatalf("a refused approval created %d partnerships", len(pairs))
	}

	out, err := mutua(t, "approve", "--db", db, "--cohort", "autumn 2026 REVERSE mentoring", "--start", "2026-12-07")
	if err != nil || out != "Approved the round of Autumn 2026 reverse mentoring: 5 partnerships start on 2026-12-07.\n" {
		t.Fatalf("approve: %q, %v", out, err)
	}
	pairs, starts := cohortPairs(t, db, autumn)
	if len(pairs) != 5 || slices.IndexFunc(starts, func(s string) bool { return s != "2026-12-07" }) >= 0 {
		t.Errorf("after approving: %d partnerships starting %v; want 5 on 2026-12-07", len(pairs), starts)
	}
	if !slices.ContainsFunc(pairs, func(p []int64) bool { return slices.Equal(p, locked) }) {
		t.Errorf("the locked pair %v is not among the partnerships %v", locked, pairs)
	}
	if slices.ContainsFunc(pairs, func(p []int64) bool { return slices.Equal(p, rejected) }) {
		t.Errorf("the rejected pair %v became a partnership", rejected)
	}
	withStore(t, db, func(s *sqlite.Store) {
		c, _ := s.CohortByName(autumn)
		if rounds, _ := s.Rounds(c.ID); len(rounds) != 1 {
			t.Errorf("%d approved rounds in the history, want 1", len(rounds))
		}
		if current, _ := pairing.OpenRound(s, c.ID, time.Now()); current.Plan != nil {
			t.Error("the draft is still there after approving")
		}
	})
	// Approving again: everyone is now paired, so there is nothing to approve.
	if msg := mustFail(t, "approve", "--db", db, "--cohort", autumn, "--start", "2026-12-07"); !strings.Contains(msg, "has no pairs to approve") {
		t.Errorf("approving twice: %q", msg)
	}
}

func TestDeleteParticipantCommand(t *testing.T) {
	db := samplePractice(t)
	const zoe = "zoe.odegard@fernhillbank.example"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"delete", "participant", "--db", db, "--participant", "nobody@x.example"}, "No participant has the email nobody@x.example"},
		{[]string{"delete", "participant", "--db", db}, "delete participant needs --participant EMAIL"},
		{[]string{"delete", "--db", db, "--participant", zoe}, `unknown command "delete"`},
	} {
		if msg := mustFail(t, tc.args...); !strings.Contains(msg, tc.want) {
			t.Errorf("mutua %s: %q, want %q", strings.Join(tc.args, " "), msg, tc.want)
		}
	}
	var partner int64
	withStore(t, db, func(s *sqlite.Store) {
		p, err := s.ParticipantByEmail(zoe)
		if err != nil {
			t.Fatalf("a refused deletion deleted her: %v", err)
		}
		ps, _ := reports.CurrentPartnership(s, p.ID)
		for _, m := range ps.Members {
			if m.ParticipantID != p.ID {
				partner = m.ParticipantID
			}
		}
	})

	out, err := mutua(t, "delete", "participant", "--participant", strings.ToUpper(zoe), "--db", db)
	if err != nil || !strings.HasPrefix(out, "Deleted Zoë Ødegård ("+zoe+") and everything recorded about them.") {
		t.Fatalf("delete participant: %q, %v", out, err)
	}
	withStore(t, db, func(s *sqlite.Store) {
		if _, err := s.ParticipantByEmail(zoe); err == nil {
			t.Error("she is still in the practice")
		}
		prof, _ := s.Profile(partner)
		if len(prof.Partnerships) == 0 || prof.Partnerships[0].Status != data.EndedEarly || prof.Partnerships[0].EndReason != "left the programme" {
			t.Errorf("her partner's partnership: %+v", prof.Partnerships)
		}
		list, _ := sqlite.Backups(s.BackupDir())
		if !slices.ContainsFunc(list, func(b sqlite.Backup) bool { return b.Reason == "before erasure" }) {
			t.Errorf("no backup made before the deletion: %+v", list)
		}
	})
	if msg := mustFail(t, "delete", "participant", "--db", db, "--participant", zoe); !strings.Contains(msg, "No participant has the email") {
		t.Errorf("deleting twice: %q", msg)
	}
}

func TestExportPersonCommand(t *testing.T) {
	db := samplePractice(t)
	const zoe = "zoe.odegard@fernhillbank.example"
	var other data.Participant
	withStore(t, db, func(s *sqlite.Store) {
		p, _ := s.ParticipantByEmail(zoe)
		p.PrivateNotes = "Zoë's own private note."
		if err := s.UpdateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		ps, err := reports.CurrentPartnership(s, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ps.Members {
			if m.ParticipantID != p.ID {
				other, _ = s.Participant(m.ParticipantID)
			}
		}
		other.PrivateNotes = "The partner's own private note."
		if err := s.UpdateParticipant(&other); err != nil {
			t.Fatal(err)
		}
		if err := s.AddExclusion(&data.Exclusion{ParticipantA: p.ID, ParticipantB: other.ID, Reason: "they report to the same board"}); err != nil {
			t.Fatal(err)
		}
		for _, n := range []data.Note{
			{PartnershipID: ps.ID, ParticipantID: p.ID, Body: "A private note about Zoë."},
			{PartnershipID: ps.ID, ParticipantID: other.ID, Body: "A private note about the partner."},
			{PartnershipID: ps.ID, Visibility: data.Shared, Body: "A note on the pair."},
		} {
			if err := s.AddNote(&n); err != nil {
				t.Fatal(err)
			}
		}
	})

	dir := t.TempDir()
	out := filepath.Join(dir, "zoe.json")
	if msg, err := mutua(t, "export", "person", "--db", db, "--participant", zoe, "--out", out); err != nil || msg != "Wrote "+out+".\n" {
		t.Fatalf("export person: %q, %v", msg, err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%v, mode %v; want a file readable by the coach only", err, fi.Mode().Perm())
	}
	raw := readFile(t, out)
	var record struct {
		Participant struct {
			Email             string
			CoachPrivateNotes string `json:"coach_private_notes"`
		}
		Cohorts     []struct{ Name string }
		Assessments []struct {
			Instrument string
			Values     map[string]float64
		}
		Goals        []struct{ Text string }
		Partnerships []struct {
			Partners []string
			Sessions []struct {
				HeldOn string `json:"held_on"`
			}
		}
	}
	if err := json.Unmarshal([]byte(raw), &record); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if record.Participant.Email != zoe || record.Participant.CoachPrivateNotes != "Zoë's own private note." ||
		len(record.Cohorts) == 0 || len(record.Assessments) == 0 || record.Assessments[0].Values["Calling"] == 0 ||
		len(record.Goals) == 0 || len(record.Partnerships) == 0 || len(record.Partnerships[0].Sessions) == 0 ||
		!slices.Contains(record.Partnerships[0].Partners, other.Name) {
		t.Errorf("the record misses something of hers:\n%s", raw)
	}
	for _, want := range []string{"A private note about Zoë.", "A note on the pair.", "they report to the same board"} {
		if !strings.Contains(raw, want) {
			t.Errorf("the record lacks %q", want)
		}
	}
	// The partnership's reasons for pairing describe the partner's profile too ("X can teach…").
	for _, secret := range []string{"can teach", "A private note about the partner.", "The partner's own private note.", other.Email, other.Phone, other.Title} {
		if secret != "" && strings.Contains(raw, secret) {
			t.Errorf("the record holds %q, which is about her partner", secret)
		}
	}

	before := readFile(t, db)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "person", "--db", db, "--participant", zoe, "--out", db}, "is the practice file"},
		{[]string{"export", "person", "--db", db, "--participant", "nobody@x.example", "--out", filepath.Join(dir, "n.json")}, "No participant has the email nobody@x.example"},
		{[]string{"export", "person", "--db", db, "--out", filepath.Join(dir, "n.json")}, "export person needs --participant EMAIL"},
		{[]string{"export", "person", "--db", db, "--participant", zoe}, "export person needs --out FILE"},
	} {
		if msg := mustFail(t, tc.args...); !strings.Contains(msg, tc.want) {
			t.Errorf("mutua %s: %q, want %q", strings.Join(tc.args, " "), msg, tc.want)
		}
	}
	if readFile(t, db) != before {
		t.Error("a refused export changed the practice file")
	}
	if _, err := os.Stat(filepath.Join(dir, "n.json")); err == nil {
		t.Error("a refused export left a file behind")
	}
}

// mustFail runs a command that must fail, and returns the one line main would print for it.
func mustFail(t *testing.T, args ...string) string {
	t.Helper()
	_, err := mutua(t, args...)
	if err == nil {
		t.Errorf("mutua %s succeeded", strings.Join(args, " "))
		return ""
	}
	msg := Error(err)
	if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "mutua: ") {
		t.Errorf("mutua %s: %q is not one line", strings.Join(args, " "), msg)
	}
	return msg
}

func TestOneLineErrorsAndHelp(t *testing.T) {
	out, err := mutua(t, "approve", "--colour", "blue")
	if out != "" || Error(err) != "mutua: flag provided but not defined: -colour" {
		t.Errorf("a mistyped flag: printed %q, error %q; want only the one line", out, Error(err))
	}
	for _, tc := range []struct{ args, want []string }{
		{[]string{"delete", "participant", "--help"}, []string{"Usage: mutua delete participant --db PATH --participant EMAIL [--from-backups]", "-from-backups"}},
		{[]string{"export", "person", "-h"}, []string{"subject access request", "private notes"}},
		{[]string{"approve", "--help"}, []string{"--start YYYY-MM-DD", "-cohort"}},
		{[]string{"--help"}, []string{"mutua approve", "mutua delete participant", "mutua export person", "mutua suggest", "mutua check"}},
	} {
		out, err := mutua(t, tc.args...)
		if !errors.Is(err, flag.ErrHelp) || Error(err) != "" {
			t.Errorf("%v: %v", tc.args, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v printed %q, without %q", tc.args, out, w)
			}
		}
	}
}

func TestDeleteParticipantFromBackups(t *testing.T) {
	db := samplePractice(t)
	const zoe = "zoe.odegard@fernhillbank.example"
	var dir string
	var kept int
	withStore(t, db, func(s *sqlite.Store) {
		if _, err := s.Backup("daily"); err != nil {
			t.Fatal(err)
		}
		dir = s.BackupDir()
		list, _ := sqlite.Backups(dir)
		kept = len(list) + 1 // and the one made just before the erasure
	})
	out, err := mutua(t, "delete", "participant", "--db", db, "--participant", zoe, "--from-backups")
	if err != nil || !strings.Contains(out, "removed: 1 profile") || !strings.Contains(out, fmt.Sprintf("Erased from %d of %d backups in", kept, kept)) {
		t.Fatalf("delete --from-backups: %q, %v", out, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	files = append(files, db, db+"-wal")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		for _, text := range []string{"Ødegård", "odegard"} {
			if bytes.Contains(raw, []byte(text)) {
				t.Errorf("%s still holds %q", filepath.Base(f), text)
			}
		}
	}
}

func TestExportPersonAsPDF(t *testing.T) {
	db := samplePractice(t)
	out := filepath.Join(t.TempDir(), "Zoë.PDF")
	if _, err := mutua(t, "export", "person", "--db", db, "--participant", "zoe.odegard@fernhillbank.example", "--out", out); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %v %q", err, raw[:min(len(raw), 20)])
	}
}
