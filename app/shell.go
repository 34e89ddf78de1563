// Package app is Mutua's desktop interface: the main window, its screens and dialogs.
package app

import (
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
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

// Shell is the main window: menus and shortcuts around the practice that is open.
type Shell struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	cur  *practice // the practice open in the window, nil for none
	// practicePath is the practice asked for last, open or not (to restore it when damaged).
	practicePath string

	closed fyne.CanvasObject // shown while no practice is open

	fileDialog  *dialog.FileDialog    // the file dialog shown last
	lastConfirm *dialog.ConfirmDialog // the confirmation shown last
	nameForm    *dialog.FormDialog    // the file name dialog shown last
	nameEntry   *widget.Entry         // its name field
	welcomeName *widget.Entry         // the coach's name in the welcome shown last

	passphrasePrompt *passphrasePrompt // the request for a backup's passphrase shown last

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
		s.leavePractice()
		if logFile != nil {
			logFile.Close()
		}
	})
	return s
}

func (s *Shell) buildUI() {
	s.closed = emptyState("No practice is open",
		"Open a practice file, create a new one, or explore the sample practice.",
		widget.NewButtonWithIcon("Open practice…", theme.FolderOpenIcon(), s.onOpenPractice),
		widget.NewButtonWithIcon("New practice…", theme.ContentAddIcon(), s.onNewPractice),
		widget.NewButtonWithIcon("Open sample practice", theme.FolderOpenIcon(), s.onOpenSample))
	s.win.SetContent(s.closed)
	s.win.SetMainMenu(s.mainMenu())
	for _, sc := range s.shortcuts() {
		action := sc.action
		s.win.Canvas().AddShortcut(sc.shortcut(), func(fyne.Shortcut) {
			// A dialog is modal: what is typed in it is finished or cancelled first.
			if s.win.Canvas().Overlays().Top() == nil || sc.key == fyne.KeyQ {
				action()
			}
		})
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
		{fyne.KeyN, "New participant", s.withPractice((*practice).onNewParticipant)},
		{fyne.KeyF, "Find in the roster", s.withPractice((*practice).onFind)},
		{fyne.KeyO, "Open a practice", s.onOpenPractice},
		{fyne.KeyQ, "Quit", s.app.Quit},
	}
	for i, title := range tabTitles {
		list = append(list, shortcut{fyne.KeyName(strconv.Itoa(i + 1)), "Go to " + title, s.withPractice(func(p *practice) { p.tabs.SelectIndex(i) })})
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
			fyne.NewMenuItem("Import roster (CSV)…", s.withPractice(func(p *practice) { p.roster.onImportTapped() })),
			fyne.NewMenuItem("Export roster (CSV)…", s.withPractice((*practice).onExportRoster)),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Export everything (JSON)…", s.withPractice((*practice).onExportAll)),
			fyne.NewMenuItem("Import everything (JSON)…", s.withPractice((*practice).onImportAll)),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu("Roster",
			s.menuItem("New participant", fyne.KeyN),
			s.menuItem("Find in roster", fyne.KeyF),
			fyne.NewMenuItem("New cohort…", s.withPractice((*practice).onNewCohort)),
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

// withPractice runs action on the practice open when it is chosen, and does nothing while
// none is open.
func (s *Shell) withPractice(action func(*practice)) func() {
	return func() {
		if s.cur != nil {
			action(s.cur)
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
	if s.cur != nil && samePath(s.cur.store.Path(), path) {
		return nil
	}
	s.practicePath = path
	opts := s.storeOptions()
	opts.CheckLater = true // backUpSoon checks it once the screens are shown
	st, err := sqlite.OpenWith(path, opts)
	if data.ErrorCode(err) == data.Damaged {
		s.offerRestore(path, err)
		return err
	}
	if err != nil {
		s.showError("Mutua could not open this practice", err)
		return err
	}
	s.leavePractice()
	p := newPractice(s, st)
	s.cur = p
	s.win.SetContent(p.tabs)
	prefLastPractice.set(s.app, st.Path())
	s.win.SetTitle(filepath.Base(st.Path()) + " — Mutua")
	p.reload()
	p.backUpSoon()
	if st.MadePrivate() {
		s.showInfo("Practice made private", filepath.Base(st.Path())+" was readable by other accounts on this computer. Mutua made it readable by yours only.")
	}
	return nil
}

// leavePractice backs up and closes the practice that is open, and discards it.
func (s *Shell) leavePractice() {
	if p := s.cur; p != nil {
		s.discard(p)
		p.close(true)
	}
}

// close closes the practice's store once the writes still running have ended (so none is
// cut off, nor lands in a file being restored), backing it up first when backUp is set.
func (p *practice) close(backUp bool) {
	p.writing.Wait()
	if backUp {
		p.backUpOnClosing()
	}
	p.store.Close()
}

// discard takes a practice off the window with its screens, its dialogs and the work it has
// pending, so nothing of it can be shown or saved again.
func (s *Shell) discard(p *practice) {
	s.cur = nil
	p.left = true
	for _, o := range s.win.Canvas().Overlays().List() {
		s.win.Canvas().Overlays().Remove(o) // every dialog open was about it
	}
	s.fileDialog, s.lastConfirm, s.nameForm, s.nameEntry = nil, nil, nil, nil
	s.win.SetContent(s.closed)
	s.win.SetTitle("Mutua")
}

// samePath reports whether a and b are one file, whatever names (links) they reach it by.
func samePath(a, b string) bool {
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
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

// tabTitles are the screens of a practice, in the order of the tabs and of Ctrl+1–8.
var tabTitles = []string{"Home", "Roster", "Cohorts", "Assessments", "Pairing", "Partnerships", "Reports", "Settings"}

// practice is the practice open in the window and everything built for it: its store, its
// screens and their dialogs. Opening, creating or closing a practice discards it whole and
// builds a new one, so a screen, a dialog or a pending read of one practice can never show
// or write into another: it still holds its own practice, whose store is closed.
type practice struct {
	*Shell
	store *sqlite.Store
	left  bool // the practice was left: pending reads and work are not shown

	tabs    *container.AppTabs
	roster  *rosterScreen
	cohorts *cohortsScreen
	pairing *pairingScreen
	assess  *instrumentsScreen

	partnerships *partnershipsScreen
	home         *homeScreen
	settings     *settingsScreen
	reports      *reportsScreen
	mail         *mailer       // writes the practice's email drafts
	surveys      *surveySender // writes pulse surveys and closing evaluations
	forms        *formsLoop    // sends questionnaires and imports the returned ones

	changePending atomic.Bool // a change signal is on its way to the UI goroutine

	lastWrite chan struct{}  // closed once the write asked for last is done (see saveOr)
	writing   sync.WaitGroup // the writes still running (save, saveOr, busy): closing waits for them
}

// screenServices is what a screen needs of the window around it: dialogs sized to it, errors
// told in plain words, reads and writes off the UI goroutine (load, save). *practice has them.
type screenServices interface {
	Window() fyne.Window
	sizeDialog(d dialog.Dialog, width, height float32)
	showError(title string, err error)
	showInfo(title, message string)
	confirmDeletion(title, message, confirmText string, ok func()) *dialog.ConfirmDialog
	confirmShown(d *dialog.ConfirmDialog)
	read(failed string, wanted func() bool, read func() error, show func())
	save(failed string, write func() error, done func())
	saveOr(write func() error, done func(error))
	busy(title, message string, work func() error, done func(error))
}

// assessmentStore is what the Instruments and Assessments screens read and write.
type assessmentStore interface {
	Instruments() ([]data.Instrument, error)
	SaveInstrument(in *data.Instrument) error
	RetireInstrument(id int64, retired bool) error
	Cohorts() ([]data.Cohort, error)
	Cohort(id int64) (data.Cohort, error)
	Roster() (*data.Roster, error)
	History(participantID int64) ([]data.Assessment, error)
	AssessmentsOn(instrumentID int64, on data.Date) (map[int64]data.Assessment, error)
	SaveAssessment(a *data.Assessment) error
	CorrectAssessment(a *data.Assessment) error
	DeleteAssessment(id int64) error
	SaveAssessments(list []data.Assessment) error
}

// assessmentShell is what the Instruments and Assessments screens depend on.
type assessmentShell interface {
	screenServices
	assessments() assessmentStore
	chooseFile(folderTitle, confirm, title, suggested, ext string, use func(path string))
	saveTo(path, progress string, write func(io.Writer) error, done func(path string) string)
	openFile(ext string, use func([]byte))
}

// assessments is the practice's store, as the Instruments and Assessments screens see it.
func (p *practice) assessments() assessmentStore { return p.store }

func newPractice(s *Shell, st *sqlite.Store) *practice {
	p := &practice{Shell: s, store: st}
	p.mail = newMailer(p)
	p.surveys = newSurveySender(p)
	p.forms = newFormsLoop(p)
	p.roster = newRosterScreen(p)
	p.cohorts = newCohortsScreen(p)
	p.pairing = newPairingScreen(p)
	p.assess = newInstrumentsScreen(p)
	p.partnerships = newPartnershipsScreen(p)
	p.home = newHomeScreen(p)
	p.settings = newSettingsScreen(p)
	p.reports = newReportsScreen(p)
	icons := []fyne.Resource{theme.HomeIcon(), theme.AccountIcon(), theme.GridIcon(), theme.ListIcon(),
		theme.ViewRestoreIcon(), theme.MailReplyAllIcon(), theme.DocumentPrintIcon(), theme.SettingsIcon()}
	contents := []fyne.CanvasObject{p.home.content, p.roster.content, p.cohorts.content, p.assess.content,
		p.pairing.content, p.partnerships.content, p.reports.content, p.settings.content}
	p.tabs = container.NewAppTabs()
	for i, title := range tabTitles {
		p.tabs.Append(container.NewTabItemWithIcon(title, icons[i], contents[i]))
	}
	p.tabs.SetTabLocation(container.TabLocationLeading)
	p.tabs.OnSelected = func(*container.TabItem) { p.onTabSelected() }
	st.OnChange(p.onStoreChanged)
	return p
}

// onStoreChanged runs after every write to the practice, on the goroutine that wrote:
// the change signal reaches the UI goroutine once, however many writes come at a time.
func (p *practice) onStoreChanged() {
	if p.changePending.Swap(true) {
		return
	}
	fyne.Do(func() {
		p.changePending.Store(false)
		p.changed()
	})
}

// changed is the one signal that something in the practice changed: the screen on show reads
// its data again at once, every other screen reads it when it is shown next (on selection).
func (p *practice) changed() {
	if p.left {
		return
	}
	if reload := p.reloader(p.tabs.Selected()); reload != nil {
		reload()
	}
}

// reloader is how the screen of a tab reads its data again.
func (p *practice) reloader(tab *container.TabItem) func() {
	if tab == nil {
		return nil
	}
	switch tab.Text {
	case "Home":
		return p.home.reload
	case "Roster":
		return p.roster.reload
	case "Cohorts":
		return p.cohorts.reload
	case "Assessments":
		return p.assess.reload
	case "Pairing":
		return p.pairing.reload
	case "Partnerships":
		return p.partnerships.reload
	case "Reports":
		return p.reports.reload
	case "Settings":
		return p.settings.reload
	}
	return nil
}

// reload reads every screen's data, once the practice is opened or replaced by an import.
func (p *practice) reload() {
	for _, tab := range p.tabs.Items {
		if reload := p.reloader(tab); reload != nil {
			reload()
		}
	}
}

func (p *practice) onTabSelected() {
	if reload := p.reloader(p.tabs.Selected()); reload != nil {
		reload()
	}
}

// selectTab shows the tab with the given title.
func (p *practice) selectTab(title string) {
	for i, tab := range p.tabs.Items {
		if tab.Text == title {
			p.tabs.SelectIndex(i)
			return
		}
	}
}

// openParticipant shows a participant's page on the Roster.
func (p *practice) openParticipant(id int64) {
	p.selectTab("Roster")
	p.roster.reloadAndSelect(id)
}

// openPartnership shows a partnership's page on the Partnerships screen.
func (p *practice) openPartnership(id int64) {
	p.selectTab("Partnerships")
	p.partnerships.open(id)
}

// openPartnershipSurveys shows a partnership's page on its Surveys tab.
func (p *practice) openPartnershipSurveys(id int64) {
	p.openPartnership(id)
	p.partnerships.page.tabs.SelectIndex(surveysTab)
}

// openReport shows the Reports screen with a report about a subject chosen.
func (p *practice) openReport(kind string, subjectID int64) {
	p.selectTab("Reports")
	p.reports.choose(kind, subjectID)
}

func (p *practice) onNewParticipant() {
	p.selectTab("Roster")
	p.roster.onAddTapped()
}

func (p *practice) onFind() {
	p.selectTab("Roster")
	p.win.Canvas().Focus(p.roster.search)
}

func (p *practice) onNewCohort() {
	p.selectTab("Cohorts")
	p.cohorts.onNewTapped()
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

// confirmShown keeps the confirmation shown last (tests answer it).
func (s *Shell) confirmShown(d *dialog.ConfirmDialog) { s.lastConfirm = d }

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

// load reads from the practice off the UI goroutine, then, back on it, calls show, or says
// what failed. Nothing is shown once the practice is left, or when wanted (if not nil) says
// the coach has moved on meanwhile.
func (p *practice) load(failed string, wanted func() bool, read func(*sqlite.Store) error, show func()) {
	p.read(failed, wanted, func() error { return read(p.store) }, show)
}

// read is load for a screen that reaches the store through its own interface.
func (p *practice) read(failed string, wanted func() bool, read func() error, show func()) {
	p.background(func() {
		err := read()
		fyne.Do(func() {
			switch {
			case p.left, wanted != nil && !wanted():
			case err != nil:
				p.showError(failed, err)
			default:
				show()
			}
		})
	})
}

// slowSave is how long a save runs before its progress shows: quicker ones just happen.
const slowSave = 300 * time.Millisecond

// save is the one way a screen writes to the practice: write runs off the UI goroutine,
// progress shows once it takes longer than slowSave, a failure is shown in plain words under
// the title failed, and done (if not nil) runs on the UI goroutine once it is saved. The store
// announces the change to the screens itself; done is only for what the caller does next.
func (p *practice) save(failed string, write func() error, done func()) {
	p.saveOr(write, func(err error) {
		switch {
		case err != nil:
			p.showError(failed, err)
		case done != nil:
			done()
		}
	})
}

// saveOr is save for a dialog that says itself what failed (in its problem line): done gets
// the error, or nil once it is saved. Nothing is called once the practice is left. Writes run
// one after another in the order asked for, so ticking a box twice quickly ends unticked.
func (p *practice) saveOr(write func() error, done func(error)) {
	previous, this := p.lastWrite, make(chan struct{})
	p.lastWrite = this
	var mu sync.Mutex
	var progress *progressDialog
	finished := false
	timer := time.AfterFunc(slowSave, func() {
		fyne.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			if !finished && !p.left {
				progress = newProgressDialog(p.Shell, "Saving", "Saving your changes…", 0, nil).show()
			}
		})
	})
	p.writing.Add(1)
	p.background(func() {
		if previous != nil {
			<-previous
		}
		err := write()
		close(this)
		p.writing.Done()
		timer.Stop()
		fyne.Do(func() {
			mu.Lock()
			finished = true
			if progress != nil {
				progress.hide()
			}
			mu.Unlock()
			if !p.left {
				done(err)
			}
		})
	})
}

// busy is Shell.busy for work on this practice: once the practice is left, done is not called.
func (p *practice) busy(title, message string, work func() error, done func(error)) {
	p.writing.Add(1)
	p.Shell.busy(title, message, func() error {
		defer p.writing.Done()
		return work()
	}, func(err error) {
		if !p.left {
			done(err)
		}
	})
}

// busy shows an infinite progress dialog while work runs off the UI goroutine, then
// calls done on the UI goroutine.
func (s *Shell) busy(title, message string, work func() error, done func(error)) {
	progress := newProgressDialog(s, title, message, 0, nil).show()
	s.background(func() {
		err := work()
		fyne.Do(func() {
			progress.hide()
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
