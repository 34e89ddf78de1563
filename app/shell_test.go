package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
)

func TestOpenSamplePractice(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // where the sample is created
	shell := newTestShell(t).Shell
	test.Tap(findButton(t, shell.cur.roster.content, "Open sample practice"))
	s := shell.cur
	if filepath.Base(s.store.Path()) != "sample.mutua" || !strings.HasPrefix(s.win.Title(), "sample.mutua") {
		t.Fatalf("open practice is %s (title %q), want the sample", s.store.Path(), s.win.Title())
	}
	if n := len(s.roster.roster.Entries); n != 26 || s.roster.content.Objects[0] != s.roster.main {
		t.Errorf("sample roster shows %d participants", n)
	}
	if len(s.cohorts.roster.Cohorts) != 2 {
		t.Errorf("sample has %d cohorts on the cohorts screen", len(s.cohorts.roster.Cohorts))
	}
	// Opening it again keeps what the coach changed while exploring.
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	s.store.SetParticipantStatus(zoe.ID, data.Paused)
	s.OpenPractice(filepath.Join(t.TempDir(), "other.mutua"))
	s.onOpenSample()
	if got, _ := shell.cur.store.Participant(zoe.ID); got.Status != data.Paused {
		t.Errorf("reopening the sample lost a change: status %s", got.Status)
	}
}

func TestPracticeOpenElsewhereIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.mutua")
	other, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	s := NewShell(test.NewTempApp(t), Options{Sample: assets.Sample()})
	s.background = func(f func()) { f() }
	if err := s.OpenPractice(path); data.ErrorCode(err) != data.Locked {
		t.Fatalf("open: %v, want locked", err)
	}
	if !shows(topDialog(s), "This practice is open in another Mutua window") {
		t.Errorf("dialog shows %v", texts(topDialog(s)))
	}
	if s.win.Content() != s.closed {
		t.Error("with no practice open the window should offer to open one")
	}
	for _, b := range []string{"Open practice…", "New practice…", "Open sample practice"} {
		findButton(t, s.closed, b)
	}
	pressShortcut(s, fyne.KeyN) // shortcuts do nothing without a practice
	if topDialog(s) != nil && shows(topDialog(s), "New participant") {
		t.Error("a participant form opened with no practice")
	}
}

func TestFileDialogsOpen(t *testing.T) {
	s := newSampleShell(t)
	for _, action := range []struct {
		name string
		do   func()
	}{
		{"import roster", s.roster.onImportTapped},
		{"export roster", s.onExportRoster},
		{"export everything", s.onExportAll},
		{"import everything", s.onImportAll},
		{"open practice", s.onOpenPractice},
		{"new practice", s.onNewPractice},
	} {
		s.fileDialog = nil
		action.do()
		if s.fileDialog == nil || topDialog(s) == nil {
			t.Errorf("%s: no file dialog", action.name)
			continue
		}
		shown := shownSize(topDialog(s))
		if win := s.win.Canvas().Size(); shown.Width < win.Width-100 || shown.Width > win.Width || shown.Height < win.Height-100 {
			t.Errorf("%s: file dialog is %v in a %v window", action.name, shown, win)
		}
		s.fileDialog.Hide()
	}
}

func TestSaveExport(t *testing.T) {
	s := newSampleShell(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.csv")
	s.saveTo(path, "Exporting…", s.store.ExportRoster, func(p string) string { return "saved " + p })
	raw, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(raw), "Zoë Ødegård") {
		t.Fatalf("export not written: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", fi.Mode().Perm())
	}
	// An existing file is kept until the coach confirms; then replaced.
	os.WriteFile(path, []byte("old export"), 0o600)
	s.lastConfirm = nil
	s.saveTo(path, "Exporting…", s.store.ExportRoster, func(p string) string { return "saved " + p })
	if b, _ := os.ReadFile(path); string(b) != "old export" || s.lastConfirm == nil {
		t.Fatal("an existing file was replaced without asking")
	}
	s.lastConfirm.Confirm()
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "Zoë Ødegård") {
		t.Error("confirmed replace did not write the export")
	}
	// The practice file itself is never a target.
	before, _ := os.ReadFile(s.store.Path())
	s.saveTo(s.store.Path(), "Exporting…", s.store.ExportRoster, func(p string) string { return "saved " + p })
	if after, _ := os.ReadFile(s.store.Path()); len(after) != len(before) || !shows(topDialog(s), "practice files") {
		t.Errorf("saving over the practice file was not refused: %v", texts(topDialog(s)))
	}
	// Nor is it under another name: a link to it, its journal, or a file among its backups.
	link := filepath.Join(dir, "link.csv")
	os.Symlink(s.store.Path(), link)
	hard := filepath.Join(filepath.Dir(s.store.Path()), "hard.csv")
	os.Link(s.store.Path(), hard)
	s.lastConfirm = nil
	for _, target := range []string{link, hard, s.store.Path() + "-wal", filepath.Join(s.store.BackupDir(), "roster.csv")} {
		s.saveTo(target, "Exporting…", s.store.ExportRoster, func(p string) string { return "saved " + p })
		if s.lastConfirm != nil {
			s.lastConfirm.Confirm()
		}
		if after, _ := os.ReadFile(s.store.Path()); len(after) != len(before) || !shows(topDialog(s), "Choose another file name") {
			t.Errorf("saving to %s was not refused: %v", target, texts(topDialog(s)))
		}
		s.lastConfirm = nil
	}
	// The name dialog adds the extension.
	var chosen string
	s.askFileName("Save as", dir, "everything", ".json", func(p string) { chosen = p })
	s.nameEntry.SetText("my export")
	s.nameForm.Submit()
	if chosen != filepath.Join(dir, "my export.json") {
		t.Errorf("chosen path %q", chosen)
	}
}

// shownSize is the size a dialog is drawn at: its overlay holds it as Content (an internal
// type, reached by reflection).
func shownSize(overlay fyne.CanvasObject) fyne.Size {
	if overlay == nil {
		return fyne.Size{}
	}
	return reflect.ValueOf(overlay).Elem().FieldByName("Content").Interface().(fyne.CanvasObject).Size()
}
