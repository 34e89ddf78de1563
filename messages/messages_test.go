package messages_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
	"mutua/drafts"
	"mutua/messages"
	"mutua/reports"
)

// python is Debian's interpreter, which sees python3-icalendar (another python3 on PATH may not).
const python = "/usr/bin/python3"

var now = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// sampleFile is a new practice file holding the sample; plant, when set, changes it with SQL
// before the store opens it.
func sampleFile(t *testing.T, plant func(db *sql.DB)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "practice.mutua")
	if err := sqlite.CreateFromExport(path, bytes.NewReader(assets.Sample()), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if plant != nil {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		plant(db)
		db.Close()
	}
	return path
}

func openSample(t *testing.T, plant func(db *sql.DB)) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(sampleFile(t, plant))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.SaveMessageSettings(data.MessageSettings{CoachEmail: "coach@example.org", TimeZone: "Europe/Lisbon", CopyMe: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

func options() reports.Options {
	regular, bold := assets.ReportFont()
	return reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts(), PageSize: reports.A4, DateOrder: data.DayMonthYear}
}

func cohortID(t *testing.T, s *sqlite.Store, name string) int64 {
	t.Helper()
	c, err := s.CohortByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

const spring = "Spring 2026 executive circle"

var firstSession = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) // a Tuesday, 09:00 in Lisbon

func TestIntroduceCohort(t *testing.T) {
	s := openSample(t, nil)
	w, err := messages.NewWriter(s, options(), now)
	if err != nil {
		t.Fatal(err)
	}
	list, err := messages.ActivePartnerships(s, cohortID(t, s, spring))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 7 {
		t.Fatalf("%d active partnerships, want the sample's 7", len(list))
	}
	dir := t.TempDir()
	var steps []int
	r := w.Introduce(list, dir, firstSession, messages.Progress{Step: func(done, total int, _ string) { steps = append(steps, done) }})
	if r.Drafts != 7 || len(r.Failed) != 0 || len(r.Notes) != 0 {
		t.Fatalf("result %+v", r)
	}
	if want := "7 drafts written to " + dir + ". 7 calendar invitations saved beside them."; r.Summary() != want {
		t.Errorf("summary %q, want %q", r.Summary(), want)
	}
	if len(steps) != 8 || steps[7] != 7 {
		t.Errorf("progress steps %v", steps)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	ics, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(emls) != 7 || len(ics) != 7 {
		t.Fatalf("%d drafts and %d invitations in the folder", len(emls), len(ics))
	}
	parsed := checkEML(t, emls)
	for _, m := range parsed {
		if m.XUnsent != "1" || len(m.To) < 2 || len(m.CC) != 1 || m.CC[0][1] != "coach@example.org" {
			t.Errorf("%s: unsent %q, to %v, cc %v", m.File, m.XUnsent, m.To, m.CC)
		}
		if !strings.Contains(m.Body, "Why I paired you:") || !strings.Contains(m.Body, "Tue 24 Nov 2026") && !strings.Contains(m.Body, "24 Nov 2026") {
			t.Errorf("%s: body\n%s", m.File, m.Body)
		}
		if len(m.Attachments) != 2 || m.Attachments[0].Type != "application/pdf" || m.Attachments[1].Type != "text/calendar" {
			t.Errorf("%s: attachments %+v", m.File, m.Attachments)
		}
	}
	if _, err := os.Stat(python); err == nil {
		var cals []struct {
			Method string `json:"method"`
		}
		runJSON(t, &cals, append([]string{"../drafts/testdata/check_ics.py"}, ics...)...)
		for _, c := range cals {
			if c.Method != "REQUEST" {
				t.Errorf("invitation method %q", c.Method)
			}
		}
	}
}

func TestIntroductionWithoutCadence(t *testing.T) {
	s := openSample(t, func(db *sql.DB) {
		mustExec(t, db, `UPDATE agreements SET cadence = 'as needed'`)
	})
	w, err := messages.NewWriter(s, options(), now)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := messages.ActivePartnerships(s, cohortID(t, s, spring))
	r := w.Introduce(list[:2], t.TempDir(), firstSession, messages.Progress{})
	if r.Drafts != 2 || len(r.Notes) != 2 || len(r.Paths) != 2 || strings.Contains(r.Summary(), "invitation") {
		t.Fatalf("result %+v", r)
	}
	if !strings.Contains(r.Notes[0].Message, `"as needed" is not a regular rhythm`) {
		t.Errorf("note %q", r.Notes[0].Message)
	}
}

func TestNoAddressSaidPlainly(t *testing.T) {
	s := openSample(t, nil)
	if err := s.SaveMessageSettings(data.MessageSettings{}); err != nil {
		t.Fatal(err)
	}
	w, _ := messages.NewWriter(s, options(), now)
	list, _ := messages.ActivePartnerships(s, cohortID(t, s, spring))
	dir := t.TempDir()
	r := w.Introduce(list, dir, firstSession, messages.Progress{})
	if r.Drafts != 0 || len(r.Failed) != 7 || !strings.Contains(r.Failed[0].Message, "Your email address is missing") {
		t.Fatalf("result %+v", r)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("%d files written without an address", len(files))
	}
}

func TestTemplatesFromThePractice(t *testing.T) {
	s := openSample(t, nil)
	if err := s.SaveMessageTemplate(messages.KindKey(drafts.Nudge), data.MessageTemplate{Subject: "Hello {{.FirstNames}}", Body: "Time to meet.\n{{.Signature}}"}); err != nil {
		t.Fatal(err)
	}
	w, _ := messages.NewWriter(s, options(), now)
	list, _ := messages.ActivePartnerships(s, cohortID(t, s, spring))
	m, err := w.Nudge(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Draft.Subject, "Hello ") || !strings.HasPrefix(m.Draft.Body, "Time to meet.") {
		t.Errorf("nudge %q / %q", m.Draft.Subject, m.Draft.Body)
	}
	// Back to Mutua's own.
	if err := s.SaveMessageTemplate(messages.KindKey(drafts.Nudge), data.MessageTemplate{}); err != nil {
		t.Fatal(err)
	}
	w, _ = messages.NewWriter(s, options(), now)
	if m, _ = w.Nudge(list[0].ID); !strings.HasPrefix(m.Draft.Subject, "Checking in: ") {
		t.Errorf("restored nudge subject %q", m.Draft.Subject)
	}
}

func TestDefaultFirstSession(t *testing.T) {
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), "2026-11-24 09:00"},  // a Friday
		{time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC), "2026-12-01 09:00"},   // a Tuesday: the next one
		{time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), "2026-12-01 09:00"}, // already Tuesday in Tokyo
	} {
		zone := "Europe/Lisbon"
		if c.now.Hour() == 23 {
			zone = "Asia/Tokyo"
		}
		if got := messages.DefaultFirstSession(c.now, zone).Format("2006-01-02 15:04"); got != c.want {
			t.Errorf("from %v in %s: %s, want %s", c.now, zone, got, c.want)
		}
	}
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// parsedEML is what drafts/testdata/check_eml.py reads from a draft.
type parsedEML struct {
	File        string      `json:"file"`
	Subject     string      `json:"subject"`
	XUnsent     string      `json:"x_unsent"`
	To          [][2]string `json:"to"`
	CC          [][2]string `json:"cc"`
	Defects     []string    `json:"defects"`
	Body        string      `json:"body"`
	Attachments []struct {
		Name  string `json:"name"`
		Type  string `json:"type"`
		Saved string `json:"saved"`
	} `json:"attachments"`
}

// checkEML reads the drafts with Python's standard email package (skipped without it).
func checkEML(t *testing.T, files []string) []parsedEML {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skip("skipped: /usr/bin/python3 is missing, so the drafts cannot be read by an independent parser")
	}
	var out []parsedEML
	runJSON(t, &out, append([]string{"../drafts/testdata/check_eml.py", t.TempDir()}, files...)...)
	for _, m := range out {
		if len(m.Defects) > 0 {
			t.Errorf("%s: defects %v", m.File, m.Defects)
		}
	}
	return out
}

func runJSON(t *testing.T, into any, args ...string) {
	t.Helper()
	cmd := exec.Command(python, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	if err := json.Unmarshal(out, into); err != nil {
		t.Fatalf("%v printed %s: %v", args, out, err)
	}
}
