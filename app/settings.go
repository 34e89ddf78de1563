package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/reports"
)

// pageSize returns the paper the coach prints reports on.
func (s *Shell) pageSize() string { return prefPageSize.get(s.app) }

// inactiveDays returns after how many days without a session a partnership needs attention.
func (s *Shell) inactiveDays() int { return prefInactiveDays.get(s.app) }

// checkInactiveDays reads the number of days the coach typed, or says what is wrong with it.
func checkInactiveDays(text string) (days int, problem string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < prefInactiveDays.min || n > prefInactiveDays.max {
		return 0, fmt.Sprintf("Enter a whole number of days from %d to %d.", prefInactiveDays.min, prefInactiveDays.max)
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
	shell *practice

	content      fyne.CanvasObject
	inactive     *widget.Entry
	inactiveHint *widget.Label // says what the setting does, or what is wrong with the value typed
	saveInactive *widget.Button
	practiceFile *widget.Label
	pageSize     *widget.Select
	pageSizeHint *widget.Label
	backups      *backupsSection
	identity     *identitySection // who the reports come from
	emails       *emailsSection   // who the drafts come from, and their templates

	appearance  *widget.Select
	dates       *widget.Select // the order dates are shown and typed in
	datesHint   *widget.Label
	preset      *widget.Select // for new cohorts
	presetHint  *widget.Label
	odd         *widget.RadioGroup
	sameCompany *widget.Check
}

func newSettingsScreen(shell *practice) *settingsScreen {
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
		{title: "Practice", body: st.identitySection()},
		{title: "Emails", body: st.emailsSection()},
		{title: "Appearance", body: st.appearanceSection()},
		{title: "Home screen", body: st.homeSection()},
		{title: "New cohorts", body: st.cohortSection()},
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

func (st *settingsScreen) appearanceSection() fyne.CanvasObject {
	st.appearance = widget.NewSelect(prefAppearance.choices, nil)
	hint := wrapped("System follows your computer's light or dark setting.")
	names := make([]string, len(data.DateOrders))
	for i, o := range data.DateOrders {
		names[i] = o.Name()
	}
	st.dates = widget.NewSelect(names, nil)
	st.datesHint = wrapped("")
	// Wide enough for "Month day year" whole: a select is as narrow as its text allows.
	wide := func(sel *widget.Select) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(240, sel.MinSize().Height), sel)
	}
	return container.NewVBox(container.NewHBox(widget.NewLabel("Colours"), wide(st.appearance)), hint,
		container.NewHBox(widget.NewLabel("Dates"), wide(st.dates)), st.datesHint)
}

// onDatesChanged saves the order the coach chose for dates and shows every date in it.
func (st *settingsScreen) onDatesChanged(string) {
	o := data.DateOrders[max(st.dates.SelectedIndex(), 0)]
	prefDateOrder.set(st.shell.app, string(o))
	data.SetMessageDateOrder(o)
	st.showDatesHint()
	st.shell.reload() // every screen writes its dates again
}

// showDatesHint says how dates are typed in the chosen order.
func (st *settingsScreen) showDatesHint() {
	o := dateOrder()
	st.datesHint.SetText(fmt.Sprintf("Screens, messages and reports show dates like %s. Type them as %s, or year first (%s).",
		o.Format(dateExample), o.Pattern(), data.YearMonthDay.Pattern()))
}

// onAppearanceChanged saves the colours the coach chose and shows them at once.
func (st *settingsScreen) onAppearanceChanged(choice string) {
	prefAppearance.set(st.shell.app, choice)
	applyAppearance(st.shell.app, choice)
}

// applyAppearance shows the app in the colours chosen, every screen at once.
func applyAppearance(a fyne.App, choice string) {
	switch choice {
	case appearanceLight:
		a.Settings().SetTheme(newFixedTheme(theme.VariantLight))
	case appearanceDark:
		a.Settings().SetTheme(newFixedTheme(theme.VariantDark))
	default:
		a.Settings().SetTheme(newMutuaTheme())
	}
}

func (st *settingsScreen) cohortSection() fyne.CanvasObject {
	st.preset = widget.NewSelect(presetNames(), nil)
	st.presetHint = wrapped("")
	st.odd = widget.NewRadioGroup([]string{triadLabel, sitOutLabel}, nil)
	st.sameCompany = widget.NewCheck("Allow two people from the same company", nil)
	return container.NewVBox(
		wrapped("A new cohort starts with these pairing rules; each cohort can change its own on the Pairing screen."),
		container.NewHBox(widget.NewLabel("Rules"), container.NewGridWrap(fyne.NewSize(280, st.preset.MinSize().Height), st.preset)), st.presetHint,
		widget.NewLabel("With an odd number of people, the one left over"), st.odd,
		st.sameCompany)
}

func (st *settingsScreen) onCohortRulesChanged() {
	i := max(st.preset.SelectedIndex(), 0)
	prefCohortPreset.set(st.shell.app, pairing.Presets[i].Key)
	st.presetHint.SetText(pairing.Presets[i].Description)
	odd := data.Triad
	if st.odd.Selected == sitOutLabel {
		odd = data.SitOut
	}
	prefCohortOdd.set(st.shell.app, string(odd))
	prefCohortSameCompany.set(st.shell.app, st.sameCompany.Checked)
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
	st.pageSizeHint = wrapped("A4 is the usual paper in most of the world; Letter in the United States and Canada.")
	row := container.NewHBox(widget.NewLabel("Print reports on"), st.pageSize, widget.NewLabel("pages"))
	return container.NewVBox(row, st.pageSizeHint)
}

// onPageSizeChanged saves the paper the coach chose.
func (st *settingsScreen) onPageSizeChanged(size string) {
	prefPageSize.set(st.shell.app, size)
	st.pageSizeHint.SetText(fmt.Sprintf("Saved. Reports are printed on %s pages.", size))
}

func (st *settingsScreen) identitySection() fyne.CanvasObject {
	st.identity = newIdentitySection(st.shell)
	return st.identity.content
}

func (st *settingsScreen) emailsSection() fyne.CanvasObject {
	st.emails = newEmailsSection(st.shell)
	return st.emails.content
}

func (st *settingsScreen) backupsSection() fyne.CanvasObject {
	st.backups = newBackupsSection(st.shell)
	return st.backups.content
}

func (st *settingsScreen) practiceSection() fyne.CanvasObject {
	st.practiceFile = widget.NewLabel("")
	st.practiceFile.Selectable = true
	st.practiceFile.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(st.practiceFile, container.NewHBox(
		widget.NewButtonWithIcon("Open another practice…", theme.FolderOpenIcon(), st.shell.onOpenPractice),
		widget.NewButtonWithIcon("New practice…", theme.ContentAddIcon(), st.shell.onNewPractice)))
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
	st.appearance.OnChanged = nil
	st.appearance.SetSelected(prefAppearance.get(st.shell.app))
	st.appearance.OnChanged = st.onAppearanceChanged
	st.dates.OnChanged = nil
	st.dates.SetSelectedIndex(slices.Index(data.DateOrders, dateOrder()))
	st.dates.OnChanged = st.onDatesChanged
	st.showDatesHint()
	st.showCohortRules()
	st.backups.reload()
	st.identity.reload()
	st.emails.reload()
	st.practiceFile.SetText("This practice is kept in " + st.shell.store.Path())
}

// showCohortRules shows the rules new cohorts start with.
func (st *settingsScreen) showCohortRules() {
	st.preset.OnChanged, st.odd.OnChanged, st.sameCompany.OnChanged = nil, nil, nil
	c := st.shell.newCohort()
	i := presetIndex(c.PairingPreset)
	st.preset.SetSelectedIndex(i)
	st.presetHint.SetText(pairing.Presets[i].Description)
	if c.OddPerson == data.SitOut {
		st.odd.SetSelected(sitOutLabel)
	} else {
		st.odd.SetSelected(triadLabel)
	}
	st.sameCompany.SetChecked(pairing.CohortRules(c).SameCompany)
	changed := func() { st.onCohortRulesChanged() }
	st.preset.OnChanged = func(string) { changed() }
	st.odd.OnChanged = func(string) { changed() }
	st.sameCompany.OnChanged = func(bool) { changed() }
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
	prefInactiveDays.set(st.shell.app, n)
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
			"From %d to %d days; %d suits pairs who meet monthly.", prefInactiveDays.min, prefInactiveDays.max, prefInactiveDays.def))
		st.inactiveHint.Importance = widget.MediumImportance
	}
	st.inactiveHint.Refresh()
	st.inactive.SetValidationError(err)
}
