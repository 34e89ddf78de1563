package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/reports"
)

// Settings kept with the app's preferences rather than in a practice file, so they follow the
// coach from one practice to the next. Each key's default and valid range live beside it.
const (
	// prefInactiveDays is N in "no session in N days" on the home screen.
	prefInactiveDays = "inactiveDays"
	minInactiveDays  = 7
	maxInactiveDays  = 365
)

// prefPageSize is the paper reports are printed on: reports.A4 (the default) or reports.Letter.
const prefPageSize = "pageSize"

// pageSize returns the paper the coach prints reports on.
func (s *Shell) pageSize() string {
	if s.app.Preferences().String(prefPageSize) == reports.Letter {
		return reports.Letter
	}
	return reports.A4
}

// inactiveDays returns after how many days without a session a partnership needs attention.
func (s *Shell) inactiveDays() int {
	n := s.app.Preferences().IntWithFallback(prefInactiveDays, data.DefaultInactiveDays)
	if n < minInactiveDays || n > maxInactiveDays {
		return data.DefaultInactiveDays
	}
	return n
}

// checkInactiveDays reads the number of days the coach typed, or says what is wrong with it.
func checkInactiveDays(text string) (days int, problem string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < minInactiveDays || n > maxInactiveDays {
		return 0, fmt.Sprintf("Enter a whole number of days from %d to %d.", minInactiveDays, maxInactiveDays)
	}
	return n, ""
}

// settingsSection is one titled group of settings.
type settingsSection struct {
	title string
	body  fyne.CanvasObject
}

// settingsScreen shows the settings, one section per subject.
type settingsScreen struct {
	shell *Shell

	content      fyne.CanvasObject
	inactive     *widget.Entry
	inactiveHint *widget.Label // says what the setting does, or what is wrong with the value typed
	saveInactive *widget.Button
	practiceFile *widget.Label
	pageSize     *widget.Select
	pageSizeHint *widget.Label
	backups      *backupsSection
}

func newSettingsScreen(shell *Shell) *settingsScreen {
	st := &settingsScreen{shell: shell}
	st.buildUI()
	st.reload()
	return st
}

func (st *settingsScreen) buildUI() {
	heading := widget.NewLabelWithStyle("Settings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(heading)
	for _, section := range []settingsSection{
		{title: "Home screen", body: st.homeSection()},
		{title: "Reports", body: st.reportsSection()},
		{title: "Practice file", body: st.practiceSection()},
		{title: "Backups", body: st.backupsSection()},
	} {
		title := widget.NewLabelWithStyle(section.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.SizeName = theme.SizeNameSubHeadingText
		box.Add(widget.NewSeparator())
		box.Add(title)
		box.Add(section.body)
	}
	st.content = container.NewVScroll(container.NewPadded(box))
}

func (st *settingsScreen) homeSection() fyne.CanvasObject {
	st.inactive = widget.NewEntry()
	st.inactive.AlwaysShowValidationError = true
	st.inactive.Validator = func(text string) error {
		if _, problem := checkInactiveDays(text); problem != "" {
			return errors.New(problem)
		}
		return nil
	}
	st.inactive.OnSubmitted = func(string) { st.onSaveInactiveTapped() }
	st.inactiveHint = widget.NewLabel("")
	st.inactiveHint.Wrapping = fyne.TextWrapWord
	st.showInactiveProblem("")
	st.saveInactive = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), st.onSaveInactiveTapped)
	st.saveInactive.Disable()
	entry := container.NewGridWrap(fyne.NewSize(110, st.inactive.MinSize().Height), st.inactive)
	row := container.NewHBox(widget.NewLabel("Flag a partnership with no session in"), entry, widget.NewLabel("days"), st.saveInactive)
	return container.NewVBox(row, st.inactiveHint)
}

func (st *settingsScreen) reportsSection() fyne.CanvasObject {
	st.pageSize = widget.NewSelect([]string{reports.A4, reports.Letter}, nil)
	st.pageSizeHint = widget.NewLabel("A4 is the usual paper in most of the world; Letter in the United States and Canada.")
	st.pageSizeHint.Wrapping = fyne.TextWrapWord
	row := container.NewHBox(widget.NewLabel("Print reports on"), st.pageSize, widget.NewLabel("pages"))
	return container.NewVBox(row, st.pageSizeHint)
}

// onPageSizeChanged saves the paper the coach chose.
func (st *settingsScreen) onPageSizeChanged(size string) {
	st.shell.app.Preferences().SetString(prefPageSize, size)
	st.pageSizeHint.SetText(fmt.Sprintf("Saved. Reports are printed on %s pages.", size))
}

func (st *settingsScreen) backupsSection() fyne.CanvasObject {
	st.backups = newBackupsSection(st.shell)
	return st.backups.content
}

func (st *settingsScreen) practiceSection() fyne.CanvasObject {
	st.practiceFile = widget.NewLabel("")
	st.practiceFile.Selectable = true
	st.practiceFile.Wrapping = fyne.TextWrapBreak
	return st.practiceFile
}

// reload shows the saved settings and the open practice.
func (st *settingsScreen) reload() {
	st.inactive.OnChanged = nil // showing the saved value is not a change
	st.inactive.SetText(strconv.Itoa(st.shell.inactiveDays()))
	st.inactive.OnChanged = st.onInactiveChanged
	st.showInactiveProblem("")
	st.saveInactive.Disable()
	st.pageSize.OnChanged = nil // showing the saved paper is not a change
	st.pageSize.SetSelected(st.shell.pageSize())
	st.pageSize.OnChanged = st.onPageSizeChanged
	st.backups.reload()
	if st.shell.store == nil {
		st.practiceFile.SetText("No practice is open.")
		return
	}
	st.practiceFile.SetText("This practice is kept in " + st.shell.store.Path())
}

// onInactiveChanged checks the number of days as it is typed; Save is on while it is a new,
// valid value.
func (st *settingsScreen) onInactiveChanged(text string) {
	n, problem := checkInactiveDays(text)
	st.showInactiveProblem(problem)
	if problem == "" && n != st.shell.inactiveDays() {
		st.saveInactive.Enable()
	} else {
		st.saveInactive.Disable()
	}
}

// onSaveInactiveTapped saves the number of days, when it is valid.
func (st *settingsScreen) onSaveInactiveTapped() {
	n, problem := checkInactiveDays(st.inactive.Text)
	st.showInactiveProblem(problem)
	if problem != "" {
		return
	}
	st.shell.app.Preferences().SetInt(prefInactiveDays, n)
	st.saveInactive.Disable()
	st.inactiveHint.SetText(fmt.Sprintf("Saved. Partnerships with no session in %d days are listed on the home screen.", n))
}

// showInactiveProblem says what is wrong with the number typed, or what it is for when problem is "".
func (st *settingsScreen) showInactiveProblem(problem string) {
	var err error
	if problem != "" {
		err = errors.New(problem)
		st.inactiveHint.SetText(problem)
		st.inactiveHint.Importance = widget.DangerImportance
	} else {
		st.inactiveHint.SetText(fmt.Sprintf("The home screen lists partnerships that have gone this long without a session. "+
			"From %d to %d days; %d suits pairs who meet monthly.", minInactiveDays, maxInactiveDays, data.DefaultInactiveDays))
		st.inactiveHint.Importance = widget.MediumImportance
	}
	st.inactiveHint.Refresh()
	st.inactive.SetValidationError(err)
}
