package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// confirmDelete asks before deleting something of the partnership.
func (pg *partnershipPage) confirmDelete(title, message, confirmText string, ok func()) {
	pg.screen.shell.confirmDeletion(title, message, confirmText, ok)
}

// agreementForm writes a new version of the agreement.
type agreementForm struct {
	*formDialog
	objective, cadence, mode, measures, checkIns *widget.Entry
}

func (pg *partnershipPage) onAgreementTapped() {
	if pg.page == nil {
		return
	}
	a := pg.page.Agreement
	multi := func(value, placeholder string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetText(value)
		e.SetPlaceHolder(placeholder)
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		return e
	}
	single := func(value, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(value)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f := &agreementForm{
		objective: multi(a.Objective, "What the pair wants to achieve together"),
		cadence:   single(a.Cadence, "for example: every four weeks, 60 minutes"),
		mode:      single(a.MeetingMode, "in person, video call, alternating offices…"),
		measures:  multi(a.SuccessMeasures, "How you will both know it worked"),
		checkIns:  single(a.CheckIns, "for example: 15 June; 15 September"),
	}
	form := widget.NewForm(
		&widget.FormItem{Text: "Objective", Widget: f.objective, Required: true},
		widget.NewFormItem("Cadence", f.cadence),
		&widget.FormItem{Text: "Planned length", Widget: wrapped(pg.plannedText()), HintText: "It follows the planned end: change both with Change… next to it on the overview."},
		widget.NewFormItem("Meeting mode", f.mode),
		&widget.FormItem{Text: "Success measures", Widget: f.measures, HintText: "The cohort report counts partnerships without them."},
		widget.NewFormItem("Check-ins", f.checkIns),
	)
	intro := wrapped("Written together at the start: what you want to achieve, how you will run it, how success is measured, and when you check in. Each change is kept.")
	f.formDialog = newFormDialog(pg.screen.shell, "Agreement: "+pg.page.Names(" + "), "Save agreement", container.NewVBox(intro, form), 640, 600, func() error {
		next := data.Agreement{Objective: f.objective.Text, Cadence: f.cadence.Text,
			MeetingMode: f.mode.Text, SuccessMeasures: f.measures.Text, CheckIns: f.checkIns.Text}
		id := pg.page.ID
		return f.write(func() error { return pg.screen.shell.store.SaveAgreement(id, &next) }, saved(func() { pg.screen.changed(id) }))
	})
	pg.agreement = f
}

func (pg *partnershipPage) onAgreementHistory() {
	var b strings.Builder
	for i, a := range pg.page.Agreements {
		label := "Earlier version"
		if i == 0 {
			label = "In force"
		}
		fmt.Fprintf(&b, "%s, written %s\n", label, formatTime(a.CreatedAt))
		for _, row := range [][2]string{{"Objective", a.Objective}, {"Cadence", a.Cadence}, {"Planned length", a.PlannedLength},
			{"Meeting mode", a.MeetingMode}, {"Success measures", a.SuccessMeasures}, {"Check-ins", a.CheckIns}} {
			if row[1] != "" {
				fmt.Fprintf(&b, "    %s: %s\n", row[0], row[1])
			}
		}
		b.WriteString("\n")
	}
	d := dialog.NewCustom("Agreement history", "Close", container.NewVScroll(wrapped(b.String())), pg.screen.shell.win)
	pg.screen.shell.sizeDialog(d, 640, 560)
	d.Show()
}

// fitCheckForm corrects a member's fit check answer.
type fitCheckForm struct {
	*formDialog
	answer *widget.RadioGroup
	effect *widget.Label // what saving the chosen answer does to the partnership
}

var fitAnswers = []string{data.Keep, data.Rematch, ""}

func (pg *partnershipPage) onChangeFitCheck(m data.Member) {
	if pg.page == nil {
		return
	}
	var labels []string
	for _, a := range fitAnswers {
		labels = append(labels, fitAnswerLabel(a))
	}
	f := &fitCheckForm{answer: widget.NewRadioGroup(labels, nil), effect: captionHint("")}
	f.answer.SetSelected(fitAnswerLabel(m.FitCheck))
	f.answer.OnChanged = func(string) { f.effect.SetText(pg.fitEffect(m, f.chosen())) }
	intro := wrapped(fmt.Sprintf("Correct %s's answer: keep this partnership, or re-match?", m.Name))
	f.formDialog = newFormDialog(pg.screen.shell, "Fit check: "+m.Name, "Save answer", container.NewVBox(intro, f.answer, f.effect), 520, 0, func() error {
		id, answer := pg.page.ID, f.chosen()
		return f.write(func() error { return pg.screen.shell.store.RecordFitCheck(id, m.ParticipantID, answer) }, saved(func() { pg.screen.changed(id) }))
	})
	pg.fitForm = f
}

func (f *fitCheckForm) chosen() string {
	for _, a := range fitAnswers {
		if fitAnswerLabel(a) == f.answer.Selected {
			return a
		}
	}
	return ""
}

// fitEffect says what answering this way does to the partnership, or "" when nothing.
func (pg *partnershipPage) fitEffect(m data.Member, answer string) string {
	page := pg.page
	others := false
	for _, o := range page.Members {
		others = others || (o.ParticipantID != m.ParticipantID && o.FitCheck == data.Rematch)
	}
	switch {
	case answer == data.Rematch && !page.Ended():
		return "Saving ends the partnership early with the reason \"fit\", and both members return to the pool for the next round."
	case answer != data.Rematch && page.Status == data.EndedEarly && page.EndReason == "fit" && !others:
		return "It ended because of a re-match answer: saving opens the partnership again."
	}
	return ""
}

// plannedText says how long the partnership is planned for: "12 months, to 16 Mar 2027".
func (pg *partnershipPage) plannedText() string {
	if pg.page.PlannedEndOn.IsZero() {
		return "not set"
	}
	return fmt.Sprintf("%s, to %s", data.PlannedLength(pg.page.StartedOn, pg.page.PlannedEndOn), formatDate(pg.page.PlannedEndOn))
}

// planForm moves the planned end; the length and the end follow each other as the coach types.
type planForm struct {
	*formDialog
	length  *widget.Entry
	end     *widget.DateEntry
	syncing bool // one field is being set from the other
}

func (pg *partnershipPage) onChangePlanTapped() {
	if pg.page == nil || pg.page.Ended() {
		return
	}
	start := pg.page.StartedOn
	f := &planForm{length: widget.NewEntry(), end: widget.NewDateEntry()}
	f.length.SetPlaceHolder("for example: 12 months")
	if !pg.page.PlannedEndOn.IsZero() {
		day := pg.page.PlannedEndOn.Time()
		f.end.SetDate(&day)
		f.length.SetText(data.PlannedLength(start, pg.page.PlannedEndOn))
	}
	f.length.OnChanged = f.onLengthChanged(start)
	f.end.OnChanged = f.onEndChanged(start)
	form := widget.NewForm(
		&widget.FormItem{Text: "Planned length", Widget: f.length, HintText: "From the start, " + formatDate(start) + ": for example 9 months, 6 weeks, or 12 months less 1 day."},
		&widget.FormItem{Text: "Planned end", Widget: f.end},
	)
	intro := wrapped("Change either one; the other follows. The agreement keeps the change in its history.")
	f.formDialog = newFormDialog(pg.screen.shell, "Planned end: "+pg.page.Names(" + "), "Save planned end", container.NewVBox(intro, form), 520, 0, func() error {
		end, err := data.PlannedEndAfter(start, f.length.Text)
		if err != nil {
			return err
		}
		if f.end.Date == nil || data.DateOf(*f.end.Date) != end {
			return data.Errorf(data.Invalid, "Pick the planned end from the calendar.")
		}
		id := pg.page.ID
		return f.write(func() error { return pg.screen.shell.store.SetPlannedEnd(id, end) }, saved(func() { pg.screen.changed(id) }))
	})
	pg.planForm = f
}

func (f *planForm) onLengthChanged(start data.Date) func(string) {
	return func(text string) {
		end, err := data.PlannedEndAfter(start, text)
		if f.syncing || err != nil {
			return
		}
		f.syncing = true
		day := end.Time()
		f.end.SetDate(&day)
		f.syncing = false
	}
}

func (f *planForm) onEndChanged(start data.Date) func(*time.Time) {
	return func(day *time.Time) {
		if f.syncing || day == nil {
			return
		}
		f.syncing = true
		f.length.SetText(data.PlannedLength(start, data.DateOf(*day)))
		f.syncing = false
	}
}

// endForm ends the partnership: completed, or ended early with a reason.
type endForm struct {
	*formDialog
	how    *widget.RadioGroup
	reason *widget.SelectEntry
	date   *dateEntry
}

func (pg *partnershipPage) onEndTapped() {
	if pg.page == nil || pg.page.Ended() {
		return
	}
	f := &endForm{how: widget.NewRadioGroup([]string{completeLabel, endedLabel}, nil), reason: widget.NewSelectEntry(data.EndReasons), date: newDateEntry()}
	f.how.SetSelected(completeLabel)
	f.reason.SetPlaceHolder("Why it ended early")
	f.reason.Disable()
	f.how.OnChanged = func(how string) {
		if how == endedLabel {
			f.reason.Enable()
		} else {
			f.reason.SetText("")
			f.reason.Disable()
		}
	}
	f.date.rule = notInFuture
	today := time.Now()
	f.date.SetDate(&today)
	intro := wrapped("Ending frees both members for the next round. The partnership and its record stay; pairing remembers they were together.")
	form := widget.NewForm(widget.NewFormItem("How it ended", f.how), widget.NewFormItem("Reason", f.reason), widget.NewFormItem("On", f.date))
	f.formDialog = newFormDialog(pg.screen.shell, "End partnership: "+pg.page.Names(" + "), "End partnership", container.NewVBox(intro, form), 560, 0, func() error {
		status := data.Completed
		if f.how.Selected == endedLabel {
			status = data.EndedEarly
		}
		day, err := f.date.value()
		if err != nil {
			return data.Errorf(data.Invalid, "%s", err)
		}
		id, reason := pg.page.ID, f.reason.Text
		return f.write(func() error { return pg.screen.shell.store.EndPartnership(id, status, reason, day) }, saved(func() { pg.screen.changed(id) }))
	})
	f.save.Importance = widget.DangerImportance
	pg.endForm = f
}

// noteForm writes a note on the partnership as a whole, or edits any note.
type noteForm struct {
	*formDialog
	visibility *widget.RadioGroup
	body       *widget.Entry
	extra      *fyne.Container // room for Delete when editing
	remove     *widget.Button
}

func (pg *partnershipPage) onAddNoteTapped() {
	if pg.page == nil {
		return
	}
	pg.showNoteForm("Note on "+pg.page.Names(" + "), data.Note{Visibility: data.Private}, func(n data.Note) error {
		n.PartnershipID = pg.page.ID
		return pg.screen.shell.store.AddNote(&n)
	})
}

func (pg *partnershipPage) onEditNote(n data.Note) {
	pg.showNoteForm("Edit note", n, func(n data.Note) error {
		return pg.screen.shell.store.UpdateNote(n.ID, n.Body, n.Visibility)
	})
	remove := widget.NewButtonWithIcon("Delete note", theme.DeleteIcon(), func() {
		msg := fmt.Sprintf("Delete the note %q (%s)? This cannot be undone.", clip(n.Body), strings.ToLower(n.Visibility.Label()))
		pg.confirmDelete("Delete note", msg, "Delete note", func() {
			id, form := pg.page.ID, pg.noteForm
			pg.screen.shell.saveOr(func() error { return pg.screen.shell.store.DeleteNote(n.ID) }, func(err error) {
				if err != nil {
					form.showProblem(data.Message(err))
					return
				}
				form.dialog.Hide()
				pg.screen.changed(id)
			})
		})
	})
	remove.Importance = widget.DangerImportance
	pg.noteForm.remove = remove
	pg.noteForm.extra.Add(remove)
	pg.noteForm.extra.Refresh()
}

func (pg *partnershipPage) showNoteForm(title string, n data.Note, save func(data.Note) error) {
	f := &noteForm{visibility: widget.NewRadioGroup(visibilityLabels(), nil), body: widget.NewMultiLineEntry(), extra: container.NewHBox()}
	f.visibility.SetSelected(n.Visibility.Label())
	f.body.SetText(n.Body)
	f.body.SetMinRowsVisible(6)
	f.body.Wrapping = fyne.TextWrapWord
	hint := wrapped("Private notes never leave Mutua. Shared notes appear in the members' own reports; sponsor-safe notes in the cohort summary for the sponsor.")
	f.formDialog = newFormDialog(pg.screen.shell, title, "Save note", container.NewVBox(hint, f.visibility, f.body, f.extra), 600, 0, func() error {
		n.Body, n.Visibility = f.body.Text, visibilityOf(f.visibility.Selected)
		id := pg.page.ID
		return f.write(func() error { return save(n) }, saved(func() { pg.screen.changed(id) }))
	})
	pg.screen.shell.win.Canvas().Focus(f.body)
	pg.noteForm = f
}

// onAgendasTapped edits the library of suggested agendas, one group per orientation.
func (p *partnershipsScreen) onAgendasTapped() {
	library, err := p.shell.store.AgendaLibrary()
	if err != nil {
		p.shell.showError("Mutua could not read the agenda library", err)
		return
	}
	entries := map[string]*widget.Entry{}
	var tabs []*container.TabItem
	titles := map[string]string{data.MixedOrientation: "Mixed pairs", "any": "Any pair"}
	for _, o := range data.AgendaOrientations {
		title, ok := titles[o]
		if !ok {
			title = data.OrientationLabel(o)
		}
		e := widget.NewMultiLineEntry()
		e.SetText(strings.Join(library[o], "\n"))
		e.SetMinRowsVisible(10)
		e.Wrapping = fyne.TextWrapWord
		entries[o] = e
		tabs = append(tabs, container.NewTabItem(title, e))
	}
	hint := wrapped("One suggested topic a line. The session form offers a pair the topics for their shared orientation (or for mixed pairs), then those for any pair.")
	var f *formDialog
	f = newFormDialog(p.shell, "Agenda library", "Save library", container.NewBorder(hint, nil, nil, nil, container.NewAppTabs(tabs...)), 640, 560, func() error {
		library := map[string][]string{}
		for _, o := range data.AgendaOrientations {
			library[o] = strings.Split(entries[o].Text, "\n")
		}
		return f.write(func() error { return p.shell.store.SaveAgendaLibrary(library) }, nil)
	})
}
