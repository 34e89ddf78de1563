package app

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mutua/data"
	"mutua/data/sqlite"
)

// contents sums up every table of the practice at path (its row count and a hash of its
// rows), read-only beside whoever has it open, so any insert, update or delete shows.
func contents(t *testing.T, path string) map[string]string {
	t.Helper()
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	sums := map[string]string{}
	for _, table := range tables {
		var columns []string
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name string
			rows.Scan(&name)
			columns = append(columns, `quote("`+name+`")`)
		}
		rows.Close()
		var n int
		var text sql.NullString
		query := `SELECT count(*), group_concat(` + strings.Join(columns, ` || ',' || `) + `, ';') FROM "` + table + `"`
		if err := db.QueryRow(query).Scan(&n, &text); err != nil {
			t.Fatal(err)
		}
		sums[table] = fmt.Sprintf("%d rows %x", n, sha256.Sum256([]byte(text.String)))
	}
	return sums
}

// switchWays are the three ways a coach leaves one practice for another.
var switchWays = []struct {
	name string
	to   func(t *testing.T, s *Shell) string // switches, and returns the practice now open
}{
	{"Open practice", func(t *testing.T, s *Shell) string {
		path := filepath.Join(t.TempDir(), "other.mutua")
		other, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		p := data.Participant{Name: "Bea Berg", Email: "bea@other.example"}
		if err := other.CreateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		other.Close()
		if err := s.OpenPractice(path); err != nil {
			t.Fatal(err)
		}
		return path
	}},
	{"New practice", func(t *testing.T, s *Shell) string {
		path := filepath.Join(t.TempDir(), "new.mutua")
		if err := s.OpenPractice(path); err != nil {
			t.Fatal(err)
		}
		return path
	}},
	{"Open sample practice", func(t *testing.T, s *Shell) string {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		s.onOpenSample()
		return s.cur.store.Path()
	}},
}

// staleActions each open a record of practice A the way a coach does, leaving a page or a
// dialog up, and return what the coach would tap on it afterwards to save.
var staleActions = []struct {
	name string
	open func(t *testing.T, a *practice) (shown fyne.CanvasObject, save func())
}{
	{"note on a partnership page", func(t *testing.T, a *practice) (fyne.CanvasObject, func()) {
		a.openPartnership(findPartnership(t, a, "José").ID)
		pg := a.partnerships.page
		pg.onAddNoteTapped()
		f := pg.noteForm
		return pg.content, func() {
			f.visibility.SetSelected(data.Sponsor.Label())
			test.Type(f.body, "Sponsor-safe note typed on a page left open")
			test.Tap(f.save)
		}
	}},
	{"session logged from a partnership page", func(t *testing.T, a *practice) (fyne.CanvasObject, func()) {
		a.openPartnership(findPartnership(t, a, "José").ID)
		pg := a.partnerships.page
		pg.onLogSessionTapped()
		f := pg.sessionForm
		return pg.content, func() {
			test.Type(f.topics, "Stale topics")
			test.Tap(f.save)
		}
	}},
	{"goal check-in on a participant page", func(t *testing.T, a *practice) (fyne.CanvasObject, func()) {
		ana, err := a.store.ParticipantByEmail("ana.pereira@northwind.example")
		if err != nil {
			t.Fatal(err)
		}
		goal := data.Goal{ParticipantID: ana.ID, Text: "Lead the regional launch"}
		if err := a.store.SaveGoal(&goal); err != nil {
			t.Fatal(err)
		}
		a.openParticipant(ana.ID)
		g := a.roster.page.goals
		g.onCheckInTapped(goal)
		f := g.checkIn
		return a.roster.page.content, func() {
			f.progress.SetValue(80)
			test.Tap(f.save)
		}
	}},
	{"participant edited from the roster", func(t *testing.T, a *practice) (fyne.CanvasObject, func()) {
		ana, _ := a.store.ParticipantByEmail("ana.pereira@northwind.example")
		a.openParticipant(ana.ID)
		a.roster.page.onEditTapped()
		f := a.roster.form
		return a.roster.page.content, func() {
			f.name.SetText("Renamed on a stale form")
			test.Tap(f.save)
		}
	}},
}

// Every page and dialog of one practice goes when another is opened, in each of the three
// ways, and nothing done on what was left of it reaches either practice.
func TestSwitchingPracticeLeavesNothingBehind(t *testing.T) {
	for _, way := range switchWays {
		for _, action := range staleActions {
			t.Run(way.name+"/"+action.name, func(t *testing.T) {
				a := newSampleShell(t)
				s := a.Shell
				pathA := a.store.Path()
				shown, save := action.open(t, a)
				if topDialog(s) == nil {
					t.Fatal("no dialog open before the switch")
				}
				pathB := way.to(t, s)
				b := s.cur
				if b == nil || b == a || b.store.Path() != pathB {
					t.Fatalf("the practice open is not the one asked for")
				}
				if topDialog(s) != nil {
					t.Errorf("a dialog of the practice left is still open: %v", texts(topDialog(s)))
				}
				if s.win.Content() != b.tabs || contains(s.win.Content(), shown) || contains(s.win.Content(), a.tabs) {
					t.Error("a page of the practice left is still in the window")
				}
				if b.tabs.Selected().Text != "Home" {
					t.Errorf("the new practice opens on %q", b.tabs.Selected().Text)
				}
				beforeA, beforeB := contents(t, pathA), contents(t, pathB)
				save()
				if after := contents(t, pathB); !maps.Equal(beforeB, after) {
					t.Errorf("a stale action wrote into the practice opened next: %v, was %v", after, beforeB)
				}
				if after := contents(t, pathA); !maps.Equal(beforeA, after) {
					t.Errorf("a stale action wrote into the practice left: %v, was %v", after, beforeA)
				}
				if s.cur != b || s.win.Content() != b.tabs {
					t.Error("a stale action changed what the window shows")
				}
			})
		}
	}
}

// A read of practice A that finishes after B is open shows nothing, and leaving a practice
// backs it up first.
func TestSwitchingPracticeDropsPendingWorkAndBacksUp(t *testing.T) {
	a := newSampleShell(t)
	s := a.Shell
	var queued []func()
	s.background = func(f func()) { queued = append(queued, f) }
	ana, _ := a.store.ParticipantByEmail("ana.pereira@northwind.example")
	a.openParticipant(ana.ID)
	if len(queued) == 0 {
		t.Fatal("opening a participant read nothing off the UI goroutine")
	}
	backups := func() int {
		list, err := sqlite.Backups(sqlite.BackupDir(a.store.Path(), ""))
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	before := backups()
	s.background = func(f func()) { f() }
	if err := s.OpenPractice(filepath.Join(t.TempDir(), "b.mutua")); err != nil {
		t.Fatal(err)
	}
	if backups() != before+1 {
		t.Errorf("leaving the practice made %d backups, want 1", backups()-before)
	}
	b := s.cur
	for _, f := range queued {
		f()
	}
	if topDialog(s) != nil {
		t.Errorf("a late read of the practice left showed %v", texts(topDialog(s)))
	}
	if b.roster.page.p.ID != 0 || shows(s.win.Content(), "Ana Pereira") {
		t.Error("a late read of the practice left shows its participant")
	}
}

// contains reports whether o is inside tree.
func contains(tree, o fyne.CanvasObject) bool {
	if tree == o {
		return true
	}
	switch c := tree.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			if contains(child, o) {
				return true
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			if contains(child, o) {
				return true
			}
		}
	}
	return false
}

// A save still running when the coach opens another practice finishes in the practice it was
// made in: leaving waits for it instead of closing the file under it.
func TestLeavingWaitsForASaveStillRunning(t *testing.T) {
	s := newTestShell(t)
	path := s.store.Path()
	s.Shell.background = func(f func()) { go f() } // as in the app: writes run on their own goroutine
	release := make(chan struct{})
	s.saveOr(func() error {
		<-release
		return s.store.CreateParticipant(&data.Participant{Name: "Ana Pereira", Email: "ana@x.example"})
	}, func(error) {})
	go func() {
		time.Sleep(50 * time.Millisecond)
		close(release)
	}()
	s.Shell.leavePractice()

	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ParticipantByEmail("ana@x.example"); err != nil {
		t.Errorf("the save running when the practice was left is lost: %v", err)
	}
}
