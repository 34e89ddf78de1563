package app

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// participantPage shows one participant: profile, tags, cohorts and latest work orientation.
type participantPage struct {
	roster *rosterScreen
	p      data.Profile

	content         fyne.CanvasObject
	scroll          *container.Scroll // the page, which opens at its top for each participant
	name            *widget.Label
	subtitle        *widget.Label
	edit            *widget.Button
	archive         *widget.Button
	remove          *widget.Button
	details         *fyne.Container
	cohorts         *widget.CheckGroup
	noCohorts       *widget.Label
	history         *assessmentHistory
	goals           *goalsPanel
	partners        *fyne.Container       // the participant's partnerships, each opening its page
	confirm         *dialog.ConfirmDialog // the open delete confirmation, if any
	eraseBackups    *widget.Check         // in it: also erase from every kept backup
	erasePassphrase *widget.Entry         // in it: the passphrase of encrypted backups, when there are any
	exportForm      *widget.RadioGroup    // in the open export dialog: PDF or JSON
}

func newParticipantPage(r *rosterScreen) *participantPage {
	pg := &participantPage{roster: r}
	pg.buildUI()
	return pg
}

func (pg *participantPage) buildUI() {
	pg.name = widget.NewLabel("")
	pg.name.SizeName = theme.SizeNameHeadingText
	pg.name.TextStyle.Bold = true
	pg.name.Wrapping = fyne.TextWrapWord
	pg.subtitle = widget.NewLabel("")
	pg.subtitle.Wrapping = fyne.TextWrapWord
	pg.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), pg.onEditTapped)
	pg.archive = widget.NewButtonWithIcon("Archive", theme.DownloadIcon(), pg.onArchiveTapped)
	pg.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), pg.onDeleteTapped)
	pg.remove.Importance = widget.DangerImportance
	pg.details = container.New(layout.NewFormLayout())
	pg.cohorts = widget.NewCheckGroup(nil, nil)
	pg.cohorts.Horizontal = false
	pg.noCohorts = widget.NewLabel("No cohorts yet: create one on the Cohorts screen.")
	pg.history = newAssessmentHistory(pg.roster.shell)
	pg.goals = newGoalsPanel(pg.roster.shell)
	pg.partners = container.NewVBox()
	report := widget.NewButtonWithIcon("Progress report…", theme.DocumentPrintIcon(), func() { pg.roster.shell.openReport(reportParticipant, pg.p.ID) })
	export := widget.NewButtonWithIcon("Export everything about this person…", theme.DocumentSaveIcon(), pg.onExportPersonTapped)
	actions := container.NewHBox(pg.edit, report, export, pg.archive, pg.remove)
	cohortsHeading := widget.NewLabelWithStyle("Cohorts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pg.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(
		pg.name, pg.subtitle, actions, widget.NewSeparator(), pg.details, widget.NewSeparator(),
		cohortsHeading, pg.noCohorts, pg.cohorts, widget.NewSeparator(),
		widget.NewLabelWithStyle("Partnerships", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), pg.partners,
		widget.NewSeparator(), pg.goals.content, widget.NewSeparator(), pg.history.content)))
	pg.content = pg.scroll
}

// show fills the page with the participant.
func (pg *participantPage) show(prof data.Profile, cohorts []data.Cohort) {
	if prof.ID != pg.p.ID {
		pg.scroll.ScrollToTop()
	}
	pg.p = prof
	p := &pg.p
	pg.name.SetText(p.Name)
	pg.subtitle.SetText(joinNonEmpty(" · ", p.Title, p.Company, statusLabel(p.Status)))
	if p.Status == data.Alumni {
		pg.archive.SetText("Reactivate")
		pg.archive.SetIcon(theme.UploadIcon())
	} else {
		pg.archive.SetText("Archive")
		pg.archive.SetIcon(theme.DownloadIcon())
	}

	rows := []struct{ label, value string }{
		{"Email", p.Email},
		{"Phone", p.Phone},
		{"Location", joinNonEmpty(" · ", p.Location, p.TimeZone)},
		{"Industry", p.Industry},
		{"Function", p.Function},
		{"Seniority", seniorityText(p.Seniority)},
		{"Experience", yearsText(p.YearsExperience)},
		{"Birth year", blankZero(p.BirthYear)},
		{"Can teach", data.JoinTags(p.Strengths)},
		{"Wants to learn", data.JoinTags(p.DevelopmentAreas)},
		{"Hopes for the programme", p.Goals},
		{"Capacity", fmt.Sprintf("%d partnership%s at once", p.Capacity, data.Plural(p.Capacity))},
		{"Private notes", p.PrivateNotes},
	}
	var objects []fyne.CanvasObject
	for _, row := range rows {
		if row.value == "" {
			continue
		}
		label := widget.NewLabelWithStyle(row.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		value := widget.NewLabel(row.value)
		value.Wrapping = fyne.TextWrapWord
		if row.label == "Private notes" {
			value.Importance = widget.LowImportance // for the coach only
		}
		objects = append(objects, label, value)
	}
	pg.details.Objects = objects
	pg.details.Refresh()

	var names, member []string
	for _, c := range cohorts {
		names = append(names, c.Name)
		for _, id := range p.CohortIDs {
			if id == c.ID {
				member = append(member, c.Name)
			}
		}
	}
	pg.noCohorts.Hidden = len(names) > 0
	pg.cohorts.OnChanged = nil
	pg.cohorts.Options = names
	pg.cohorts.SetSelected(member)
	pg.cohorts.Refresh()
	pg.cohorts.OnChanged = pg.onCohortsChanged
	pg.partners.Objects = nil
	for _, ps := range p.Partnerships {
		id := ps.ID
		label := joinNonEmpty(" · ", ps.Names(" + "), ps.CohortName, partnershipStatusLabel(&ps))
		open := widget.NewButtonWithIcon(label, theme.NavigateNextIcon(), func() { pg.roster.shell.openPartnership(id) })
		open.Alignment = widget.ButtonAlignLeading
		open.Importance = widget.LowImportance
		pg.partners.Add(open)
	}
	if len(p.Partnerships) == 0 {
		pg.partners.Add(widget.NewLabel("Not in a partnership yet."))
	}
	pg.partners.Refresh()
	pg.goals.show(p.ID, p.Name)
	pg.history.show(p.ID, p.Name)
}

func seniorityText(level int) string {
	if data.SeniorityLabel(level) == "" {
		return ""
	}
	return fmt.Sprintf("%d · %s", level, data.SeniorityLabel(level))
}

func yearsText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d year%s", n, data.Plural(n))
}

func blankZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (pg *participantPage) onEditTapped() { pg.roster.onEdit(pg.p.Participant) }

func (pg *participantPage) onArchiveTapped() {
	status := data.Alumni
	if pg.p.Status == data.Alumni {
		status = data.Active
	}
	id := pg.p.ID
	pg.roster.shell.save("The status was not changed", func() error { return pg.roster.shell.store.SetParticipantStatus(id, status) },
		func() { pg.roster.reloadAndSelect(id) })
}

// onDeleteTapped works out, off the UI goroutine, what deleting the participant removes and
// which other records mention them, then asks, showing it all.
func (pg *participantPage) onDeleteTapped() {
	id := pg.p.ID
	var plan sqlite.ErasurePlan
	pg.roster.shell.load("Mutua could not work out what deleting would remove", func() bool { return pg.p.ID == id },
		func(st *sqlite.Store) (err error) { plan, err = st.PlanErasure(id); return err },
		func() { pg.confirmErasure(plan) })
}

func (pg *participantPage) confirmErasure(plan sqlite.ErasurePlan) {
	p := plan.Participant
	var b strings.Builder
	fmt.Fprintf(&b, "Delete %s from this practice?\n\nRemoved:", p.Name)
	for _, c := range plan.Removed {
		fmt.Fprintf(&b, "\n• %s", c)
	}
	if len(plan.Redacted) > 0 {
		fmt.Fprintf(&b, "\n\nKept, with their name, email and phone replaced by %s:", sqlite.Redacted)
		for _, c := range plan.Redacted {
			fmt.Fprintf(&b, "\n• %s", c)
		}
	}
	b.WriteString("\n\nPartnerships they were in keep the other member's record. Mutua backs up the practice first.")
	msg := widget.NewLabel(b.String())
	msg.Wrapping = fyne.TextWrapWord
	backups := widget.NewCheck(fmt.Sprintf("Also erase them from every kept backup (%d backups, and the one made now)", plan.Backups), nil)
	backupsHint := widget.NewLabel("Without this, the backups keep " + p.Name + " for up to 12 months and a restore brings them back. With it, nothing of them can be restored.")
	backupsHint.Wrapping = fyne.TextWrapWord
	pg.eraseBackups = backups
	body := container.NewVBox(msg, backups, backupsHint)
	passphrase := widget.NewPasswordEntry()
	if plan.Encrypted > 0 {
		// Encrypted backups are erased with their passphrase; it is checked before anything goes.
		passphrase.SetPlaceHolder(fmt.Sprintf("Passphrase of the %d encrypted backups", plan.Encrypted))
		passphrase.Disable()
		backups.OnChanged = func(on bool) {
			if on {
				passphrase.Enable()
			} else {
				passphrase.Disable()
			}
		}
		body.Add(passphrase)
	}
	pg.erasePassphrase = passphrase
	confirm := dialog.NewCustomConfirm("Delete participant", "Delete", "Cancel",
		container.NewVScroll(body), func(ok bool) {
			if ok {
				pg.erase(p, backups.Checked, passphrase.Text)
			}
		}, pg.roster.shell.win)
	confirm.SetConfirmImportance(widget.WarningImportance)
	pg.roster.shell.sizeDialog(confirm, 520, 520)
	confirm.Show()
	pg.confirm = confirm
}

// erase deletes the participant off the UI goroutine, then says what was done.
func (pg *participantPage) erase(p data.Participant, fromBackups bool, passphrase string) {
	shell := pg.roster.shell
	var res sqlite.ErasureResult
	what := "Erasing " + p.Name + " from the practice…"
	if fromBackups {
		what = "Erasing " + p.Name + " from the practice and every kept backup…"
	}
	shell.busy("Deleting "+p.Name, what,
		func() error {
			if fromBackups {
				if err := shell.store.CheckBackupsPassphrase(passphrase); err != nil {
					return err
				}
			}
			var err error
			res, err = shell.store.Erase(p.ID, fromBackups, passphrase, nil)
			return err
		},
		func(err error) {
			if err != nil {
				shell.showError("The participant was not deleted", err)
				return
			}
			msg := fmt.Sprintf("%s was deleted, and every mention of them in the practice replaced by %s.", p.Name, sqlite.Redacted)
			switch {
			case !fromBackups:
				msg += fmt.Sprintf(" The %d backups still hold them until they are rotated out.", res.Backups)
			case len(res.BackupProblems) == 0:
				msg += fmt.Sprintf(" They were erased from all %d backups too.", res.BackupsRewritten)
			default:
				msg += fmt.Sprintf(" They were erased from %d of %d backups; these could not be erased and still hold them (delete them by hand):\n%s",
					res.BackupsRewritten, res.Backups, strings.Join(res.BackupProblems, "\n"))
			}
			label := widget.NewLabel(msg)
			label.Wrapping = fyne.TextWrapWord
			done := dialog.NewCustom("Participant deleted", "OK", label, shell.win)
			shell.sizeDialog(done, 480, 0)
			done.Show()
		})
}

func (pg *participantPage) onCohortsChanged(selected []string) {
	store := pg.roster.shell.store
	in := map[string]bool{}
	for _, name := range selected {
		in[name] = true
	}
	id := pg.p.ID
	var join, leave []int64
	for _, c := range pg.roster.roster.Cohorts {
		was := slices.Contains(pg.p.CohortIDs, c.ID)
		switch {
		case in[c.Name] && !was:
			join = append(join, c.ID)
		case !in[c.Name] && was:
			leave = append(leave, c.ID)
		}
	}
	write := func() error {
		for _, c := range join {
			if err := store.AddToCohort(c, id); err != nil {
				return err
			}
		}
		for _, c := range leave {
			if err := store.RemoveFromCohort(c, id); err != nil {
				return err
			}
		}
		return nil
	}
	reload := func() { pg.roster.reloadAndSelect(id) }
	pg.roster.shell.saveOr(write, func(err error) {
		if err != nil {
			pg.roster.shell.showError("The cohorts were not changed", err)
		}
		reload()
	})
}

// participantForm adds or edits a participant, checking each field as it is typed.
type participantForm struct {
	*formDialog
	shell *practice
	p     data.Participant
	taken map[string]string // the other participants' emails, in lower case, and their names
	saved func(data.Participant)
	start data.Participant // what the form held when it opened, to know when Cancel loses typing

	form             *widget.Form
	emailTaken       *widget.Label // says, as it is typed, that the email is someone else's
	name, email      *widget.Entry
	phone, title     *widget.Entry
	company          *widget.Entry
	industry         *widget.Entry
	function         *widget.Entry
	seniority        *widget.Select
	years, birthYear *widget.Entry
	location         *widget.Entry
	timezone         *widget.Entry
	strengths        *widget.Entry
	development      *widget.Entry
	goals            *widget.Entry
	capacity         *widget.Entry
	status           *widget.Select
	privateNotes     *widget.Entry
}

// newParticipantForm prepares the form for p; taken lists the emails already in the
// practice (with their owners' names) so a duplicate is marked while it is typed.
func newParticipantForm(shell *practice, p data.Participant, taken map[string]string, saved func(data.Participant)) *participantForm {
	f := &participantForm{shell: shell, p: p, taken: taken, saved: saved}
	f.buildUI()
	f.start = f.participant()
	return f
}

func (f *participantForm) buildUI() {
	p := f.p
	entry := func(value, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(value)
		e.SetPlaceHolder(placeholder)
		return e
	}
	multi := func(value, placeholder string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetText(value)
		e.SetPlaceHolder(placeholder)
		e.Wrapping = fyne.TextWrapWord
		growWithText(e, 3)
		return e
	}
	f.name = entry(p.Name, "Full name")
	f.email = entry(p.Email, "name@company.com")
	f.phone = entry(p.Phone, "")
	f.title = entry(p.Title, "for example: Chief Operating Officer")
	f.company = entry(p.Company, "")
	f.industry = entry(p.Industry, "")
	f.function = entry(p.Function, "for example: Finance")
	f.seniority = widget.NewSelect(seniorityOptions(), nil)
	f.seniority.SetSelectedIndex(max(p.Seniority, 0))
	f.years = entry(blankZero(p.YearsExperience), "")
	f.birthYear = entry(blankZero(p.BirthYear), "only for reverse mentoring")
	f.location = entry(p.Location, "City")
	f.timezone = entry(p.TimeZone, "for example: Europe/London")
	f.strengths = entry(data.JoinTags(p.Strengths), "negotiation; data literacy")
	f.development = entry(data.JoinTags(p.DevelopmentAreas), "storytelling; board relations")
	f.goals = multi(p.Goals, "What they want from the programme")
	capacity := p.Capacity
	if capacity == 0 {
		capacity = 1
	}
	f.capacity = entry(strconv.Itoa(capacity), "")
	f.status = widget.NewSelect(statusOptions()[1:], nil)
	status := p.Status
	if status == "" {
		status = data.Active
	}
	f.status.SetSelected(statusLabel(status))
	f.privateNotes = multi(p.PrivateNotes, "Only you see these; they never leave the app")

	f.name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("A participant needs a name.")
		}
		return nil
	}
	f.email.Validator = func(s string) error {
		email := strings.ToLower(strings.TrimSpace(s))
		if msg := data.CheckEmail(email); msg != "" {
			return errors.New(msg)
		}
		return f.duplicateEmail(email)
	}
	// Fyne holds back an entry's error until the coach leaves it; a duplicate is marked at once,
	// and the entry shows no "valid" tick meanwhile.
	f.email.AlwaysShowValidationError = true
	f.emailTaken = problemLine()
	f.email.OnChanged = f.onEmailChanged
	f.years.Validator = numberValidator("Years of experience", 0, data.MaxYears, true)
	f.birthYear.Validator = numberValidator("Birth year", 1900, 2100, true)
	f.capacity.Validator = numberValidator("Capacity", 1, data.MaxCapacity, false)

	f.form = widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: f.name, Required: true},
		widget.NewFormItem("Email", container.NewVBox(f.email, f.emailTaken)),
		widget.NewFormItem("Phone", f.phone),
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Company", f.company),
		widget.NewFormItem("Industry", f.industry),
		widget.NewFormItem("Function", f.function),
		widget.NewFormItem("Seniority", f.seniority),
		widget.NewFormItem("Years of experience", f.years),
		widget.NewFormItem("Birth year", f.birthYear),
		widget.NewFormItem("Location", f.location),
		widget.NewFormItem("Time zone", f.timezone),
		&widget.FormItem{Text: "Can teach", Widget: f.strengths, HintText: "Strengths, separated by semicolons"},
		&widget.FormItem{Text: "Wants to learn", Widget: f.development, HintText: "Development areas, separated by semicolons"},
		&widget.FormItem{Text: "Hopes for the programme", Widget: f.goals, HintText: "In their own words. Goals with a target and progress go under Tracked goals on their page."},
		&widget.FormItem{Text: "Capacity", Widget: f.capacity, HintText: "Partnerships at once"},
		widget.NewFormItem("Status", f.status),
		widget.NewFormItem("Private notes", f.privateNotes),
	)
}

// duplicateEmail says whose email (in lower case) it is, when it is another participant's.
func (f *participantForm) duplicateEmail(email string) error {
	if other, ok := f.taken[email]; ok && email != "" {
		return fmt.Errorf("A participant with the email %s already exists: %s.", email, other)
	}
	return nil
}

func (f *participantForm) onEmailChanged(s string) {
	err := f.duplicateEmail(strings.ToLower(strings.TrimSpace(s)))
	if (err != nil) == f.emailTaken.Visible() && (err == nil || err.Error() == f.emailTaken.Text) {
		return
	}
	if err != nil {
		f.emailTaken.SetText(err.Error())
		f.emailTaken.Show()
	} else {
		f.emailTaken.Hide()
	}
	if f.formDialog != nil {
		f.scroll.Refresh() // the line takes room below the email, or gives it back
	}
}

func seniorityOptions() []string {
	out := []string{"Not given"}
	for i, name := range data.SeniorityLevels[1:] {
		out = append(out, fmt.Sprintf("%d · %s", i+1, name))
	}
	return out
}

// numberValidator checks a whole number in [lo, hi]; empty is fine when optional.
func numberValidator(label string, lo, hi int, optional bool) fyne.StringValidator {
	return func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" && optional {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%s must be a whole number from %d to %d.", label, lo, hi)
		}
		return nil
	}
}

func (f *participantForm) show(title string) {
	f.formDialog = newFormDialog(f.shell, title, "Save", f.form, 640, 720, f.onSave)
	f.scrollsAsOne()
	f.typed = func() bool { return !reflect.DeepEqual(f.participant(), f.start) }
	f.shell.win.Canvas().Focus(f.name)
}

// participant reads the form into a participant; the store checks it.
func (f *participantForm) participant() data.Participant {
	p := f.p
	atoi := func(e *widget.Entry) int {
		n, _ := strconv.Atoi(strings.TrimSpace(e.Text))
		return n
	}
	p.Name, p.Email, p.Phone, p.Title = f.name.Text, f.email.Text, f.phone.Text, f.title.Text
	p.Company, p.Industry, p.Function = f.company.Text, f.industry.Text, f.function.Text
	p.Seniority = max(f.seniority.SelectedIndex(), 0)
	p.YearsExperience, p.BirthYear, p.Capacity = atoi(f.years), atoi(f.birthYear), atoi(f.capacity)
	p.Location, p.TimeZone = f.location.Text, f.timezone.Text
	p.Strengths, p.DevelopmentAreas = data.SplitTags(f.strengths.Text), data.SplitTags(f.development.Text)
	p.Goals, p.PrivateNotes = f.goals.Text, f.privateNotes.Text
	for _, st := range data.Statuses {
		if statusLabel(st) == f.status.Selected {
			p.Status = st
		}
	}
	return p
}

// onSave checks the form and saves the participant; the dialog shows what is wrong.
func (f *participantForm) onSave() error {
	var problems []string
	for _, e := range []*widget.Entry{f.name, f.email, f.years, f.birthYear, f.capacity} {
		if err := e.Validate(); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if err := invalidLines(problems); err != nil {
		return err
	}
	p := f.participant()
	write := f.shell.store.UpdateParticipant
	if p.ID == 0 {
		write = f.shell.store.CreateParticipant
	}
	return f.write(func() error { return write(&p) }, saved(func() { f.then = func() { f.saved(p) } }))
}
