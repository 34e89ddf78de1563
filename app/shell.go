// Package app is Mutua's desktop interface: the main window, its screens and dialogs.
package app

import (
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// Options configure the shell.
type Options struct {
	Sample   []byte        // the sample practice, as a full export
	Icon     fyne.Resource // the window icon
	Version  string        // the version, from FyneApp.toml: "0.1.0 (build 1)"
	Commit   string        // the commit built from, "" when not known
	LogPath  string        // where the log is kept; "" for the terminal only
	Licences []byte        // the licence texts of everything inside, for About
}

// Shell is the main window: navigation, menus and shortcuts around the screens.
type Shell struct {
	app   fyne.App
	win   fyne.Window
	opts  Options
	store *data.Store
	// practicePath is the practice asked for last, open or not (to restore it when damaged).
	practicePath string

	tabs    *container.AppTabs
	closed  fyne.CanvasObject // shown while no practice is open
	roster  *rosterScreen
	cohorts *cohortsScreen
	pairing *pairingScreen
	assess  *instrumentsScreen

	partnerships *partnershipsScreen
	home         *homeScreen
	settings     *settingsScreen
	reports      *reportsScreen

	fileDialog  *dialog.FileDialog    // the file dialog shown last
	lastConfirm *dialog.ConfirmDialog // the confirmation shown last
	nameForm    *dialog.FormDialog    // the file name dialog shown last
	nameEntry   *widget.Entry         // its name field

	// background runs slow work off the UI goroutine; tests make it synchronous.
	background func(func())
}

// NewShell builds the main window. Call OpenPractice, then ShowAndRun.
func NewShell(a fyne.App, opts Options) *Shell {
	s := &Shell{app: a, opts: opts, background: func(f func()) { go f() }}
	applyAppearance(a, prefAppearance.get(a))
	data.SetMessageDateOrder(data.DateOrder(prefDateOrder.get(a)))
	s.win = a.NewWindow("Mutua")
	if opts.Icon != nil {
		s.win.SetIcon(opts.Icon)
	}
	s.win.Resize(fyne.NewSize(1180, 760))
	s.buildUI()
	var logFile io.Closer
	if opts.LogPath != "" {
		var err error
		if logFile, err = startLog(opts.LogPath); err != nil {
			fyne.LogError("keep a log in "+opts.LogPath, err)
		}
	}
	a.Lifecycle().SetOnStopped(func() {
		if s.store != nil {
			s.backUpOnExit()
			s.store.Close()
		}
		if logFile != nil {
			logFile.Close()
		}
	})
	return s
}

func (s *Shell) buildUI() {
	s.roster = newRosterScreen(s)
	s.cohorts = newCohortsScreen(s)
	s.pairing = newPairingScreen(s)
	s.assess = newInstrumentsScreen(s)
	s.partnerships = newPartnershipsScreen(s)
	s.home = newHomeScreen(s)
	s.settings = newSettingsScreen(s)
	s.reports = newReportsScreen(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Home", theme.HomeIcon(), s.home.content),
		container.NewTabItemWithIcon("Roster", theme.AccountIcon(), s.roster.content),
		container.NewTabItemWithIcon("Cohorts", theme.GridIcon(), s.cohorts.content),
		container.NewTabItemWithIcon("Assessments", theme.ListIcon(), s.assess.content),
		container.NewTabItemWithIcon("Pairing", theme.ViewRestoreIcon(), s.pairing.content),
		container.NewTabItemWithIcon("Partnerships", theme.MailReplyAllIcon(), s.partnerships.content),
		container.NewTabItemWithIcon("Reports", theme.DocumentPrintIcon(), s.reports.content),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), s.settings.content),
	)
	s.tabs.SetTabLocation(container.TabLocationLeading)
	s.tabs.OnSelected = func(*container.TabItem) { s.onTabSelected() }
	s.closed = emptyState("No practice is open",
		"Open a practice file, create a new one, or explore the sample practice.",
		widget.NewButtonWithIcon("Open practice…", theme.FolderOpenIcon(), s.onOpenPractice),
		widget.NewButtonWithIcon("New practice…", theme.ContentAddIcon(), s.onNewPractice),
		widget.NewButtonWithIcon("Open sample practice", theme.FolderOpenIcon(), s.onOpenSample))
	s.win.SetContent(s.closed)
	s.win.SetMainMenu(s.mainMenu())
	for _, sc := range s.shortcuts() {
		action := sc.action
		s.win.Canvas().AddShortcut(sc.shortcut(), func(fyne.Shortcut) { action() })
	}
}

// shortcut is a key pressed with Ctrl (Cmd on macOS) anywhere in the window.
type shortcut struct {
	key    fyne.KeyName
	what   string // for Help → Keyboard shortcuts
	action func()
}

func (sc shortcut) shortcut() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: sc.key, Modifier: fyne.KeyModifierShortcutDefault}
}

// shortcuts are every shortcut of the window: the menus show them and Help lists them.
func (s *Shell) shortcuts() []shortcut {
	list := []shortcut{
		{fyne.KeyN, "New participant", s.withStore(s.onNewParticipant)},
		{fyne.KeyF, "Find in the roster", s.withStore(s.onFind)},
		{fyne.KeyO, "Open a practice", s.onOpenPractice},
		{fyne.KeyQ, "Quit", s.app.Quit},
	}
	for i, tab := range s.tabs.Items {
		list = append(list, shortcut{fyne.KeyName(strconv.Itoa(i + 1)), "Go to " + tab.Text, s.withStore(func() { s.tabs.SelectIndex(i) })})
	}
	return list
}

// menuItem is a menu entry that runs the shortcut for key, and shows it.
func (s *Shell) menuItem(label string, key fyne.KeyName) *fyne.MenuItem {
	for _, sc := range s.shortcuts() {
		if sc.key == key {
			item := fyne.NewMenuItem(label, sc.action)
			item.Shortcut = sc.shortcut()
			return item
		}
	}
	panic("no shortcut for " + string(key))
}

func (s *Shell) mainMenu() *fyne.MainMenu {
	quit := s.menuItem("Quit", fyne.KeyQ)
	quit.IsQuit = true
	return fyne.NewMainMenu(
		fyne.NewMenu("Practice",
			fyne.NewMenuItem("New practice…", s.onNewPractice),
			s.menuItem("Open practice…", fyne.KeyO),
			fyne.NewMenuItem("Open sample practice", s.onOpenSample),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Import roster (CSV)…", s.withStore(s.roster.onImportTapped)),
			fyne.NewMenuItem("Export roster (CSV)…", s.withStore(s.onExportRoster)),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Export everything (JSON)…", s.withStore(s.onExportAll)),
			fyne.NewMenuItem("Import everything (JSON)…", s.withStore(s.onImportAll)),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu("Roster",
			s.menuItem("New participant", fyne.KeyN),
			s.menuItem("Find in roster", fyne.KeyF),
			fyne.NewMenuItem("New cohort…", s.withStore(s.onNewCohort)),
		),
		fyne.NewMenu("Help",
			fyne.NewMenuItem("Welcome", s.showWelcome),
			fyne.NewMenuItem("Keyboard shortcuts", s.showShortcuts),
			fyne.NewMenuItem("Open sample practice", s.onOpenSample),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Report a problem", s.reportProblem),
			fyne.NewMenuItem("About Mutua", s.showAbout),
		),
	)
}

// withStore runs action only while a practice is open.
func (s *Shell) withStore(action func()) func() {
	return func() {
		if s.store != nil {
			action()
		}
	}
}

// ShowAndRun shows the window and runs the app until the coach quits.
func (s *Shell) ShowAndRun() {
	s.welcomeOnFirstRun()
	s.win.ShowAndRun()
}

// Window returns the main window.
func (s *Shell) Window() fyne.Window { return s.win }

// OpenPractice opens the practice file at path in place of the current one. When it cannot
// be opened the current practice stays open and the coach is told why.
func (s *Shell) OpenPractice(path string) error {
	if s.store != nil && samePath(s.store.Path(), path) {
		return nil
	}
	s.practicePath = path
	opts := s.storeOptions()
	opts.CheckLater = true // backUpSoon checks it once the screens are shown
	st, err := data.OpenWith(path, opts)
	if data.ErrorCode(err) == data.Damaged {
		s.offerRestore(path, err)
		return err
	}
	if err != nil {
		s.showError("Mutua could not open this practice", err)
		return err
	}
	if s.store != nil {
		s.store.Close()
	}
	s.store = st
	s.win.SetContent(s.tabs)
	prefLastPractice.set(s.app, st.Path())
	s.win.SetTitle(filepath.Base(st.Path()) + " — Mutua")
	s.reload()
	s.backUpSoon()
	return nil
}

func samePath(a, b string) bool {
	ab, _ := filepath.Abs(b)
	return a == ab
}

// LastPractice returns the practice opened last time, if it still exists.
func LastPractice(a fyne.App) string {
	p := prefLastPractice.get(a)
	if p == "" {
		return ""
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// reload reads every screen's data again after the practice changed.
func (s *Shell) reload() {
	s.roster.reload()
	s.cohorts.reload()
	s.pairing.reload()
	s.assess.reload()
	s.partnerships.reload()
	s.home.reload()
	s.settings.reload()
	s.reports.reload()
}

func (s *Shell) onTabSelected() {
	if s.store == nil || s.tabs.Selected() == nil {
		return
	}
	switch s.tabs.Selected().Text {
	case "Cohorts":
		s.cohorts.reload()
	case "Pairing":
		s.pairing.reload()
	case "Assessments":
		s.assess.reload()
	case "Partnerships":
		s.partnerships.reload()
	case "Home":
		s.home.reload()
	case "Reports":
		s.reports.reload()
	}
}

// selectTab shows the tab with the given title.
func (s *Shell) selectTab(title string) {
	for i, tab := range s.tabs.Items {
		if tab.Text == title {
			s.tabs.SelectIndex(i)
			return
		}
	}
}

// openParticipant shows a participant's page on the Roster.
func (s *Shell) openParticipant(id int64) {
	s.selectTab("Roster")
	s.roster.reloadAndSelect(id)
}

// openPartnership shows a partnership's page on the Partnerships screen.
func (s *Shell) openPartnership(id int64) {
	s.selectTab("Partnerships")
	s.partnerships.open(id)
}

// openReport shows the Reports screen with a report about a subject chosen.
func (s *Shell) openReport(kind string, subjectID int64) {
	s.selectTab("Reports")
	s.reports.choose(kind, subjectID)
}

func (s *Shell) onNewParticipant() {
	s.selectTab("Roster")
	s.roster.onAddTapped()
}

func (s *Shell) onFind() {
	s.selectTab("Roster")
	s.win.Canvas().Focus(s.roster.search)
}

func (s *Shell) onNewCohort() {
	s.selectTab("Cohorts")
	s.cohorts.onNewTapped()
}

// showError tells the coach, in plain words, that something failed.
func (s *Shell) showError(title string, err error) {
	log.Printf("shown: %s (%s)", title, data.ErrorCode(err)) // no message: it may name a participant
	msg := widget.NewLabel(data.Message(err))
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(msg)
	if problems := data.Problems(err); len(problems) > 1 || (len(problems) == 1 && problems[0].Line > 0) {
		content.Add(problemList(problems))
	}
	d := dialog.NewCustom(title, "OK", content, s.win)
	s.sizeDialog(d, 560, 0)
	d.Show()
}

// problemList shows every problem of an invalid input, one a line, scrollable.
func problemList(problems []data.Problem) fyne.CanvasObject {
	list := widget.NewList(func() int { return len(problems) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(problems[id].String()) })
	for i, p := range problems {
		if len(p.String()) > 70 {
			list.SetItemHeight(i, 2*theme.TextSize()+3*theme.Padding()+theme.InnerPadding())
		}
	}
	box := container.NewGridWrap(fyne.NewSize(520, min(float32(len(problems))*44+8, 300)), list)
	return box
}

// showInfo tells the coach something went well.
func (s *Shell) showInfo(title, message string) {
	d := dialog.NewInformation(title, message, s.win)
	s.sizeDialog(d, 480, 0)
	d.Show()
}

// sizeDialog gives a dialog a width (and a height, when not 0), kept inside the window.
func (s *Shell) sizeDialog(d dialog.Dialog, width, height float32) {
	size := s.win.Canvas().Size()
	if size.Width > 0 {
		width = min(width, size.Width-40)
		if height > 0 {
			height = min(height, size.Height-40)
		}
	}
	if height == 0 {
		height = d.MinSize().Height
	}
	d.Resize(fyne.NewSize(width, height))
}

// load reads from the open practice off the UI goroutine, then, back on it, calls show, or
// says what failed. Nothing happens without a practice, or when wanted (if not nil) says the
// coach has moved on meanwhile.
func (s *Shell) load(failed string, wanted func() bool, read func(*data.Store) error, show func()) {
	store := s.store
	if store == nil {
		return
	}
	s.background(func() {
		err := read(store)
		fyne.Do(func() {
			switch {
			case wanted != nil && !wanted():
			case err != nil:
				s.showError(failed, err)
			default:
				show()
			}
		})
	})
}

// busy shows an infinite progress dialog while work runs off the UI goroutine, then
// calls done on the UI goroutine.
func (s *Shell) busy(title, message string, work func() error, done func(error)) {
	progress := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(message), widget.NewProgressBarInfinite()), s.win)
	s.sizeDialog(progress, 420, 0)
	progress.Show()
	s.background(func() {
		err := work()
		fyne.Do(func() {
			progress.Hide()
			done(err)
		})
	})
}

// emptyState is a centred message with the actions that get the coach started.
func emptyState(title, hint string, actions ...*widget.Button) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	text := widget.NewLabelWithStyle(hint, fyne.TextAlignCenter, fyne.TextStyle{})
	text.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(layout.NewSpacer())
	for _, b := range actions {
		buttons.Add(b)
	}
	buttons.Add(layout.NewSpacer())
	box := container.NewVBox(heading, text, buttons)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height), box))
}
