package app

import (
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// Help: the welcome on first run, the keyboard shortcuts, reporting a problem and About.

// welcomeOnFirstRun shows the welcome the first time Mutua starts.
func (s *Shell) welcomeOnFirstRun() {
	if prefWelcomed.get(s.app) {
		return
	}
	prefWelcomed.set(s.app, true)
	s.showWelcome()
}

// cycleSteps is the work of a programme, in order, as the welcome tells it.
var cycleSteps = []struct{ step, what string }{
	{"Roster", "The leaders taking part: who they are, their company, function and level, what they can teach and want to learn."},
	{"Assessments", "Each one's work orientation (job, career or calling), entered from the questionnaire."},
	{"Pairs", "Mutua suggests the best pairing of a cohort and says why; you adjust and approve."},
	{"Sessions", "Each partnership's agreement, sessions, notes, action items and goals."},
	{"Reports", "Progress reports for participants and sponsors, as PDF, with private notes never shown."},
}

// showWelcome explains the cycle of a programme and offers three ways to start.
func (s *Shell) showWelcome() {
	intro := wrapped("Mutua helps you run peer-mentoring programmes, from the roster to the reports. Everything stays in one file on this computer.")
	steps := container.New(layout.NewFormLayout())
	for i, st := range cycleSteps {
		steps.Add(widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, st.step), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		steps.Add(wrapped(st.what))
	}
	coach := widget.NewEntry()
	coach.SetPlaceHolder("Your name, as your reports will sign them (you can skip this)")
	if p := s.cur; p != nil {
		var id data.PracticeIdentity
		p.load("Mutua could not read the practice's details", nil, func(st *sqlite.Store) (err error) {
			id, err = st.PracticeIdentity()
			return err
		}, func() {
			if coach.Text == "" {
				coach.SetText(id.Coach)
			}
		})
	}
	var d *dialog.CustomDialog
	var then func() // what the coach chose to start with, done once the welcome closes
	start := func(label string, icon fyne.Resource, action func()) *widget.Button {
		return widget.NewButtonWithIcon(label, icon, func() {
			then = action
			d.Hide()
		})
	}
	sample := start("Explore the sample practice", theme.FolderOpenIcon(), s.onOpenSample)
	sample.Importance = widget.HighImportance
	actions := container.NewHBox(sample,
		start("Import your roster (CSV)…", theme.UploadIcon(), s.withPractice(func(p *practice) {
			p.selectTab("Roster")
			p.roster.onImportTapped()
		})),
		start("Add a participant", theme.ContentAddIcon(), s.withPractice((*practice).onNewParticipant)))
	name := container.New(layout.NewFormLayout(), widget.NewLabel("Your name"), coach)
	content := container.NewVBox(intro, steps, widget.NewSeparator(), name,
		captionHint("Reports say they were prepared by you. The Practice section of Settings holds your practice's name, contact and logo too."),
		widget.NewSeparator(), widget.NewLabel("Start with one of these:"), actions)
	d = dialog.NewCustom("Welcome to Mutua", "Close", content, s.win)
	d.SetOnClosed(func() { s.saveCoachName(coach.Text, then) })
	s.welcomeName = coach
	s.sizeDialog(d, 760, 0)
	d.Show()
}

// saveCoachName saves the name the coach gave in the welcome into the open practice, when
// given and new, then goes on with what they chose to start with.
func (s *Shell) saveCoachName(name string, then func()) {
	if then == nil {
		then = func() {}
	}
	name = strings.Join(strings.Fields(name), " ")
	p := s.cur
	if name == "" || p == nil {
		then()
		return
	}
	store := p.store
	p.busy("Welcome", "Saving your name…", func() error {
		id, err := store.PracticeIdentity()
		if err != nil || id.Coach == name {
			return err
		}
		id.Coach = name
		return store.SavePracticeIdentity(id)
	}, func(err error) {
		if err != nil {
			s.showError("Your name was not saved", err)
			return
		}
		then()
	})
}

// keyName is how a shortcut's modifier is written on this system.
func keyName(key fyne.KeyName) string {
	if runtime.GOOS == "darwin" {
		return "Cmd+" + string(key)
	}
	return "Ctrl+" + string(key)
}

// gridKeys are the keys of the results grid and of forms, which are not window shortcuts.
var gridKeys = [][2]string{
	{"Tab / Shift+Tab", "Next / previous field; in the results grid, next / previous cell"},
	{"Enter / Shift+Enter", "In the results grid, the cell below / above"},
}

// showShortcuts lists every keyboard shortcut.
func (s *Shell) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, sc := range s.shortcuts() {
		grid.Add(widget.NewLabelWithStyle(keyName(sc.key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(sc.what))
	}
	for _, k := range gridKeys {
		grid.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(k[1]))
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), s.win)
	s.sizeDialog(d, 620, 560)
	d.Show()
}

// versionText is the version and commit, as About and problem reports show them.
func (s *Shell) versionText() string {
	v := s.opts.Version
	if v == "" {
		v = "unknown version"
	}
	if s.opts.Commit != "" {
		v += ", commit " + s.opts.Commit
	}
	return v
}

// problemReport is what the coach sends with a problem: no names, no notes.
func (s *Shell) problemReport() string {
	log := s.opts.LogPath
	if log == "" {
		log = "not kept"
	}
	return fmt.Sprintf("Mutua %s\nSystem: %s (%s/%s)\nLog: %s\n", s.versionText(), systemName(), runtime.GOOS, runtime.GOARCH, log)
}

// systemName names the operating system, as precisely as it can be read.
func systemName() string {
	if raw, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if name, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
				return strings.Trim(name, `"`)
			}
		}
	}
	return map[string]string{"darwin": "macOS", "windows": "Windows", "linux": "Linux"}[runtime.GOOS]
}

// reportProblem copies what the Mutua team needs to know to the clipboard.
func (s *Shell) reportProblem() {
	report := s.problemReport()
	s.app.Clipboard().SetContent(report)
	msg := wrapped("Copied to the clipboard:\n\n" + report + "\nPaste it into your message to the Mutua team, with what you did and what you saw. " +
		"It holds no names and no notes. The log file may help too; it is in the folder named above.")
	d := dialog.NewCustom("Report a problem", "OK", msg, s.win)
	s.sizeDialog(d, 560, 0)
	d.Show()
}

// dataFolder is the folder Mutua keeps its practices in unless the coach chose another.
func dataFolder() string {
	path, err := sqlite.DefaultPath()
	if err != nil {
		return ""
	}
	return filepath.Dir(path)
}

// openFolder shows a folder in the system's file manager.
func (s *Shell) openFolder(dir string) {
	u, err := url.Parse(storage.NewFileURI(dir).String())
	if err == nil {
		err = s.app.OpenURL(u)
	}
	if err != nil {
		s.showError("Mutua could not open the folder", err)
	}
}

// showAbout shows the version, where the data lives, and the licences of what ships inside.
func (s *Shell) showAbout() {
	var icon fyne.CanvasObject = layout.NewSpacer()
	if s.opts.Icon != nil {
		img := widget.NewIcon(s.opts.Icon)
		icon = container.NewGridWrap(fyne.NewSize(96, 96), img)
	}
	name := widget.NewLabelWithStyle("Mutua", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	title := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name,
		widget.NewLabel(s.versionText()),
		wrapped("Peer mentoring for executive programmes: private, offline, yours.")))

	folder := dataFolder()
	where := widget.NewLabel(folder)
	where.Selectable = true
	where.Wrapping = fyne.TextWrapBreak
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() { s.openFolder(folder) })

	licences := container.New(layout.NewFormLayout())
	for _, c := range shippedInside {
		licences.Add(widget.NewLabelWithStyle(c.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		licences.Add(wrapped(c.licence))
	}
	all := widget.NewButtonWithIcon("All licences…", theme.DocumentIcon(), s.showLicences)

	content := container.NewVBox(title, widget.NewSeparator(),
		heading("Data folder"), container.NewBorder(nil, nil, nil, open, where),
		widget.NewSeparator(), heading("What ships inside"), licences, container.NewHBox(all))
	d := dialog.NewCustom("About Mutua", "Close", container.NewVScroll(content), s.win)
	s.sizeDialog(d, 640, 640)
	d.Show()
}

// shippedInside are the main parts Mutua is built from, with their licences; the full texts,
// and those of every library inside, are in All licences.
var shippedInside = []struct{ name, licence string }{
	{"Fyne", "The interface toolkit. BSD 3-Clause licence."},
	{"modernc.org/sqlite", "The SQLite database driver. BSD 3-Clause licence; SQLite itself is in the public domain."},
	{"gofpdf", "The PDF writer for reports. MIT licence."},
	{"Noto Sans", "The font of the reports. SIL Open Font License 1.1."},
	{"Go", "The language and its runtime. BSD 3-Clause licence."},
}

// showLicences shows the full licence texts of everything inside Mutua, a line a row so
// that thousands of lines scroll smoothly.
func (s *Shell) showLicences() {
	lines := wrapLines(string(s.opts.Licences), 90)
	// Plain rows of fixed-width text, without separators, read as the licence documents do.
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject {
			t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			t.TextStyle.Monospace = true
			return t
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*canvas.Text).Text = lines[id]; o.Refresh() })
	list.HideSeparators = true
	list.OnSelected = func(id widget.ListItemID) { list.Unselect(id) }
	d := dialog.NewCustom("Licences", "Close", list, s.win)
	s.sizeDialog(d, 820, 640)
	d.Show()
}

// wrapLines splits text into lines of at most width characters, breaking at spaces.
func wrapLines(text string, width int) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for len([]rune(line)) > width {
			r := []rune(line)
			cut := strings.LastIndex(string(r[:width]), " ")
			if cut <= 0 {
				cut = len(string(r[:width]))
			}
			out = append(out, line[:cut])
			line = strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return out
}

// maxLogSize is how large the log may grow before it starts again (the old one is kept once).
const maxLogSize = 1 << 20

// startLog sends Mutua's log to path as well as to the terminal, so a coach can send it
// with a problem report. It holds errors, never note text.
func startLog(path string) (io.Closer, error) {
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		os.Rename(path, path+".old")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	log.SetOutput(io.MultiWriter(os.Stderr, f))
	return f, nil
}
