package messages_test

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mutua/messages"
)

// TestNoPrivateTextInAnyMessage plants markers in every note (private, shared and
// sponsor-safe), every coach-private field, session topic, goal, goal check-in, assessment
// note, agreement objective and measures, end reason and exclusion reason of the sample
// practice, then writes every introduction, nudge and thank-you of a cohort. No marker may be
// in any email's headers or text, nor in any invitation; no private marker in any attached
// PDF (a thank-you's progress report shows the participant's goals and shared notes, by
// design). Package drafts proves its inputs cannot carry such text; this proves that the
// practice's records are mapped into those inputs without it.
func TestNoPrivateTextInAnyMessage(t *testing.T) {
	s := openSample(t, func(db *sql.DB) {
		for _, q := range []string{
			`UPDATE notes SET body = body || ' ZQX-NOTE-' || visibility`,
			`UPDATE participants SET private_notes = 'ZQX-PRIVATE coach-private field', goals = goals || ' ZQX-GOAL'`,
			`UPDATE goals SET text = text || ' ZQX-GOAL'`,
			`UPDATE goal_checkins SET note = note || ' ZQX-GOAL'`,
			`UPDATE sessions SET topics = topics || ' ZQX-TOPIC'`,
			`UPDATE assessments SET note = 'ZQX-ASSESSMENT note'`,
			`UPDATE agreements SET objective = objective || ' ZQX-AGREEMENT', success_measures = success_measures || ' ZQX-AGREEMENT'`,
			`UPDATE partnerships SET end_reason = end_reason || ' ZQX-END' WHERE status <> 'active'`,
			`UPDATE exclusions SET reason = reason || ' ZQX-EXCLUSION'`,
			`UPDATE partnership_members SET fit_check = 'rematch', fit_checked_on = '2026-05-01'`,
		} {
			mustExec(t, db, q)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM notes WHERE visibility = 'private'`).Scan(&n); err != nil || n == 0 {
			t.Fatalf("the sample has %d private notes (%v)", n, err)
		}
	})
	w, err := messages.NewWriter(s, options(), now)
	if err != nil {
		t.Fatal(err)
	}
	id := cohortID(t, s, spring)
	active, err := messages.ActivePartnerships(s, id)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if r := w.Introduce(active, dir, firstSession, messages.Progress{}); r.Drafts != len(active) || len(r.Failed) > 0 {
		t.Fatalf("introductions: %+v", r)
	}
	all, err := s.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	var list []*messages.Message
	for _, p := range all {
		if p.CohortID != id {
			continue
		}
		if !p.Ended() {
			m, err := w.Nudge(p.ID)
			if err != nil {
				t.Fatal(err)
			}
			list = append(list, m)
		}
		ms, err := w.ThankYous(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, ms...)
	}
	if r := messages.SaveAll(dir, list); len(r.Failed) > 0 {
		t.Fatalf("nudges and thank-yous: %+v", r)
	}

	emls, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	ics, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(emls) < 2*len(active)+2*len(all)-1 || len(ics) != len(active) {
		t.Fatalf("%d drafts and %d invitations written", len(emls), len(ics))
	}
	// The invitations whole, and the drafts' headers (their text and attachments are
	// checked decoded below: base64 may spell anything).
	for _, f := range append(emls, ics...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(f) == ".eml" {
			raw, _, _ = bytes.Cut(raw, []byte("\r\n\r\n"))
		}
		if strings.Contains(string(raw), "ZQX") {
			t.Errorf("%s holds a planted marker", filepath.Base(f))
		}
	}
	// The text as a mail program decodes it, and the attached PDFs as a reader shows them.
	pdftotext, _ := exec.LookPath("pdftotext")
	for _, m := range checkEML(t, emls) {
		if strings.Contains(m.Subject+m.Body, "ZQX") {
			t.Errorf("%s: the text holds a planted marker:\n%s", m.File, m.Body)
		}
		for _, a := range m.Attachments {
			if a.Type != "application/pdf" || pdftotext == "" {
				continue
			}
			out, err := exec.Command(pdftotext, a.Saved, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", a.Name, err)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, private := range []string{"ZQX-NOTE-private", "ZQX-PRIVATE", "ZQX-EXCLUSION"} {
				if strings.Contains(text, private) {
					t.Errorf("%s, attachment %s: holds %s", m.File, a.Name, private)
				}
			}
			if !strings.HasPrefix(a.Name, "Pair brief") {
				continue
			}
			// The brief shows the pair their own agreement, and nothing of their sessions.
			for _, notForTheBrief := range []string{"ZQX-NOTE", "ZQX-TOPIC", "ZQX-GOAL", "ZQX-ASSESSMENT", "ZQX-END"} {
				if strings.Contains(text, notForTheBrief) {
					t.Errorf("%s: the pair brief holds %s", m.File, notForTheBrief)
				}
			}
		}
	}
}
