package app

import (
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/assets"
)

func TestWelcomeOnFirstRunOnly(t *testing.T) {
	s := newTestShell(t)
	s.welcomeOnFirstRun()
	welcome := topDialog(s)
	for _, want := range []string{"Welcome to Mutua", "1. Roster", "2. Assessments", "3. Pairs", "4. Sessions", "5. Reports",
		"Explore the sample practice", "Import your roster (CSV)…", "Add a participant"} {
		if !shows(welcome, want) {
			t.Errorf("the welcome lacks %q: %v", want, texts(welcome))
		}
	}
	test.Tap(findButton(t, welcome, "Add a participant"))
	if s.roster.form == nil || s.tabs.Selected().Text != "Roster" || !shows(topDialog(s), "Add participant") {
		t.Errorf("Add a participant did not open the form: %v", texts(topDialog(s)))
	}
	s.roster.form.dialog.Hide()

	overlays := len(s.win.Canvas().Overlays().List())
	s.welcomeOnFirstRun()
	if len(s.win.Canvas().Overlays().List()) != overlays {
		t.Error("the welcome showed again on the second run")
	}
	// Help → Welcome shows it whenever asked.
	s.showWelcome()
	if !shows(topDialog(s), "Welcome to Mutua") {
		t.Error("Help → Welcome showed nothing")
	}
}

func TestKeyboardShortcutsAreListedAndWork(t *testing.T) {
	s := newTestShell(t)
	s.showShortcuts()
	list := topDialog(s)
	for _, sc := range s.shortcuts() {
		if !shows(list, keyName(sc.key)) || !shows(list, sc.what) {
			t.Errorf("the list lacks %s, %q", keyName(sc.key), sc.what)
		}
	}
	if !shows(list, "Go to Settings") || !shows(list, "the cell below") {
		t.Errorf("the list: %v", texts(list))
	}
	// A dialog is modal: shortcuts wait until it is closed.
	pressShortcut(s, fyne.Key2)
	if s.tabs.Selected().Text != "Home" || topDialog(s) != list {
		t.Errorf("Ctrl+2 under a dialog shows %s", s.tabs.Selected().Text)
	}
	s.win.Canvas().Overlays().Remove(list)
	pressShortcut(s, fyne.Key2)
	if s.tabs.Selected().Text != "Roster" {
		t.Errorf("Ctrl+2 shows %s", s.tabs.Selected().Text)
	}
	pressShortcut(s, fyne.Key8)
	if s.tabs.Selected().Text != "Settings" {
		t.Errorf("Ctrl+8 shows %s", s.tabs.Selected().Text)
	}
	// Every menu shortcut is one of them.
	for _, menu := range s.mainMenu().Items {
		for _, item := range menu.Items {
			if item.Shortcut == nil {
				continue
			}
			key := item.Shortcut.(interface{ Key() fyne.KeyName }).Key()
			found := false
			for _, sc := range s.shortcuts() {
				found = found || sc.key == key
			}
			if !found {
				t.Errorf("menu item %q has a shortcut Help does not list", item.Label)
			}
		}
	}
}

func TestReportAProblem(t *testing.T) {
	a := test.NewTempApp(t)
	logPath := filepath.Join(t.TempDir(), "mutua.log")
	s := NewShell(a, Options{Sample: assets.Sample(), Version: "0.1.0 (build 1)", Commit: "abc123def456", LogPath: logPath})
	s.win.Resize(fyne.NewSize(1180, 760))
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	s.reportProblem()
	copied := a.Clipboard().Content()
	for _, want := range []string{"Mutua 0.1.0 (build 1), commit abc123def456", runtime.GOOS + "/" + runtime.GOARCH, "Log: " + logPath} {
		if !strings.Contains(copied, want) {
			t.Errorf("the report lacks %q: %q", want, copied)
		}
	}
	if !shows(topDialog(s), "Copied to the clipboard") {
		t.Errorf("the coach is not told: %v", texts(topDialog(s)))
	}
	// The log keeps what went wrong, without what the message said.
	s.showError("Mutua could not open this practice", os.ErrPermission)
	raw, _ := os.ReadFile(logPath)
	if !strings.Contains(string(raw), "Mutua could not open this practice") || strings.Contains(string(raw), "permission denied") {
		t.Errorf("the log holds %q", raw)
	}
	if fi, _ := os.Stat(logPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("the log is readable by others: %v", fi.Mode())
	}
}

func TestLogStartsAgainWhenLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mutua.log")
	os.WriteFile(path, make([]byte, maxLogSize+1), 0o600)
	f, err := startLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer log.SetOutput(os.Stderr)
	defer f.Close()
	log.Print("after starting again")
	raw, _ := os.ReadFile(path)
	old, _ := os.Stat(path + ".old")
	if len(raw) > 200 || old == nil || old.Size() != maxLogSize+1 {
		t.Errorf("log %d bytes, old %v", len(raw), old)
	}
}

func TestAbout(t *testing.T) {
	a := test.NewTempApp(t)
	s := NewShell(a, Options{Icon: fyne.NewStaticResource("icon.png", assets.IconPNG()), Version: "0.1.0 (build 1)", Commit: "abc123def456", Licences: assets.Licences()})
	s.win.Resize(fyne.NewSize(1180, 760))
	s.showAbout()
	about := topDialog(s)
	for _, want := range []string{"Mutua", "0.1.0 (build 1), commit abc123def456", dataFolder(), "Open folder",
		"Fyne", "modernc.org/sqlite", "gofpdf", "Noto Sans", "SIL Open Font License", "All licences…"} {
		if !shows(about, want) {
			t.Errorf("About lacks %q: %v", want, texts(about))
		}
	}
	test.Tap(findButton(t, about, "All licences…"))
	var list *widget.List
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		}
		if w, ok := o.(fyne.Widget); ok && list == nil {
			r := test.TempWidgetRenderer(t, w)
			for _, child := range r.Objects() {
				walk(child)
			}
		}
	}
	walk(topDialog(s))
	if list == nil || list.Length() < 1000 {
		t.Fatalf("the licences are not listed (%v)", list)
	}
	text := strings.Join(wrapLines(string(assets.Licences()), 90), "\n")
	if !strings.Contains(text, "SIL OPEN FONT LICENSE") || !strings.Contains(text, "modernc.org/sqlite") {
		t.Error("the licence text lacks the font or the database driver")
	}
}

func TestWrapLines(t *testing.T) {
	lines := wrapLines("short\n"+strings.Repeat("word ", 40)+"\n"+strings.Repeat("x", 120)+"\nZoë Ødegård "+strings.Repeat("ü", 95), 90)
	for _, l := range lines {
		if n := len([]rune(l)); n > 90 {
			t.Errorf("a line of %d characters: %q", n, l)
		}
	}
	joined := strings.Join(lines, "")
	if strings.Count(joined, "word") != 40 || strings.Count(joined, "x") != 120 || strings.Count(joined, "ü") != 95 || !strings.Contains(joined, "Zoë Ødegård") {
		t.Errorf("text lost in wrapping: %q", lines)
	}
}
