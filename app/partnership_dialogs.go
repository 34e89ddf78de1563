package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// formDialog is a dialog with a problem line at the top and Cancel / Save at the bottom,
// which stays open (keeping what was typed) until saving works.
type formDialog struct {
	shell   *Shell
	dialog  *dialog.CustomDialog
	problem *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	scroll  *container.Scroll // the body
	area    *fyne.Container   // holds scroll, and what takes the wheel for it (see scrollsAsOne)
	then    func()            // runs after a successful save, once the dialog is gone
	typed   func() bool       // reports whether Cancel would lose what the coach typed
}

// newFormDialog shows body with the problem line above it, where it is always in sight,
// and Cancel / Save below. A height of 0 fits the body, within the window.
func newFormDialog(shell *Shell, title, saveText string, body fyne.CanvasObject, width, height float32, save func() error) *formDialog {
	f := &formDialog{shell: shell, problem: problemLine()}
	f.save = widget.NewButtonWithIcon(saveText, theme.ConfirmIcon(), func() {
		if err := save(); err != nil {
			f.problem.SetText(errorLines(err))
			f.problem.Show()
			return
		}
		// Hiding a dialog also closes any shown above it, so what follows comes after.
		f.dialog.Hide()
		if f.then != nil {
			f.then()
		}
	})
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.onCancel)
	f.scroll = container.NewVScroll(body)
	f.area = container.NewStack(f.scroll)
	content := container.NewBorder(f.problem, container.NewHBox(layout.NewSpacer(), f.cancel, f.save), nil, nil, f.area)
	f.dialog = dialog.NewCustomWithoutButtons(title, content, shell.win)
	if height == 0 {
		// Wrapped text measures one line high, so leave room for it to wrap.
		height = body.MinSize().Height + f.save.MinSize().Height + 150
	}
	shell.sizeDialog(f.dialog, width, height)
	f.dialog.Show()
	return f
}

// scrollsAsOne makes the body the dialog's one scroll area: the wheel scrolls it wherever
// the pointer is. For bodies whose multi-line entries grow with their text (growWithText),
// so no entry needs the wheel for itself.
func (f *formDialog) scrollsAsOne() {
	f.area.Add(newWheelCatcher(f.scroll))
}

// onCancel closes the dialog, asking first when it would throw away what was typed.
func (f *formDialog) onCancel() {
	if f.typed == nil || !f.typed() {
		f.dialog.Hide()
		return
	}
	confirm := dialog.NewConfirm("Discard?", "Close without saving what you typed?", func(ok bool) {
		if ok {
			f.dialog.Hide()
		}
	}, f.shell.win)
	confirm.SetConfirmText("Discard")
	confirm.SetConfirmImportance(widget.WarningImportance)
	f.shell.sizeDialog(confirm, 420, 0)
	confirm.Show()
	f.shell.lastConfirm = confirm
}

// agreementForm writes a new version of the agreement.
type agreementForm struct {
	*formDialog
	objective, cadence, length, mode, measures, checkIns *widget.Entry
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
		length:    single(a.PlannedLength, "for example: twelve months"),
		mode:      single(a.MeetingMode, "in person, video call, alternating offices…"),
		measures:  multi(a.SuccessMeasures, "How you will both know it worked"),
		checkIns:  single(a.CheckIns, "for example: 15 June; 15 September"),
	}
	form := widget.NewForm(
		&widget.FormItem{Text: "Objective", Widget: f.objective, Required: true},
		widget.NewFormItem("Cadence", f.cadence),
		widget.NewFormItem("Planned length", f.length),
		widget.NewFormItem("Meeting mode", f.mode),
		&widget.FormItem{Text: "Success measures", Widget: f.measures, HintText: "The cohort report counts partnerships without them."},
		widget.NewFormItem("Check-ins", f.checkIns),
	)
	intro := wrapped("Written together at the start: what you want to achieve, how you will run it, how success is measured, and when you check in. Each change is kept.")
	f.formDialog = newFormDialog(pg.screen.shell, "Agreement: "+pg.page.Names(" + "), "Save agreement", container.NewVBox(intro, form), 640, 600, func() error {
		next := data.Agreement{Objective: f.objective.Text, Cadence: f.cadence.Text, PlannedLength: f.length.Text,
			MeetingMode: f.mode.Text, SuccessMeasures: f.measures.Text, CheckIns: f.checkIns.Text}
		if err := pg.screen.shell.store.SaveAgreement(pg.page.ID, &next); err != nil {
			return err
		}
		pg.screen.changed(pg.page.ID)
		return nil
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
		fmt.Fprintf(&b, "%s, written %s\n", label, a.CreatedAt.Local().Format("2 Jan 2006 15:04"))
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

// endForm ends the partnership: completed, or ended early with a reason.
type endForm struct {
	*formDialog
	how    *widget.RadioGroup
	reason *widget.SelectEntry
	date   *widget.DateEntry
}

func (pg *partnershipPage) onEndTapped() {
	if pg.page == nil || pg.page.Ended() {
		return
	}
	f := &endForm{how: widget.NewRadioGroup([]string{completeLabel, endedLabel}, nil), reason: widget.NewSelectEntry(data.EndReasons), date: widget.NewDateEntry()}
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
	today := time.Now()
	f.date.SetDate(&today)
	intro := wrapped("Ending frees both members for the next round. The partnership and its record stay; pairing remembers they were together.")
	form := widget.NewForm(widget.NewFormItem("How it ended", f.how), widget.NewFormItem("Reason", f.reason), widget.NewFormItem("On", f.date))
	f.formDialog = newFormDialog(pg.screen.shell, "End partnership: "+pg.page.Names(" + "), "End partnership", container.NewVBox(intro, form), 560, 0, func() error {
		status := data.Completed
		if f.how.Selected == endedLabel {
			status = data.EndedEarly
		}
		day := data.Date{}
		if f.date.Date != nil {
			day = data.DateOf(*f.date.Date)
		}
		if err := pg.screen.shell.store.EndPartnership(pg.page.ID, status, f.reason.Text, day); err != nil {
			return err
		}
		pg.screen.changed(pg.page.ID)
		return nil
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
		confirm := dialog.NewConfirm("Delete note", "Delete this note? This cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			if err := pg.screen.shell.store.DeleteNote(n.ID); err != nil {
				pg.noteForm.problem.SetText(data.Message(err))
				pg.noteForm.problem.Show()
				return
			}
			pg.noteForm.dialog.Hide()
			pg.screen.changed(pg.page.ID)
		}, pg.screen.shell.win)
		confirm.SetConfirmText("Delete")
		confirm.SetConfirmImportance(widget.DangerImportance)
		pg.screen.shell.sizeDialog(confirm, 420, 0)
		confirm.Show()
		pg.screen.shell.lastConfirm = confirm
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
		if err := save(n); err != nil {
			return err
		}
		pg.screen.changed(pg.page.ID)
		return nil
	})
	pg.noteForm = f
}

// onAgendasTapped edits the library of suggested agendas, one group per orientation.
func (p *partnershipsScreen) onAgendasTapped() {
	if p.shell.store == nil {
		return
	}
	library, err := p.shell.store.AgendaLibrary()
	if err != nil {
		p.shell.showError("Mutua could not read the agenda library", err)
		return
	}
	entries := map[string]*widget.Entry{}
	var tabs []*container.TabItem
	titles := map[string]string{"calling": "Calling", "career": "Career", "job": "Job", "mixed": "Mixed pairs", "any": "Any pair"}
	for _, o := range data.AgendaOrientations {
		e := widget.NewMultiLineEntry()
		e.SetText(strings.Join(library[o], "\n"))
		e.SetMinRowsVisible(10)
		e.Wrapping = fyne.TextWrapWord
		entries[o] = e
		tabs = append(tabs, container.NewTabItem(titles[o], e))
	}
	hint := wrapped("One suggested topic a line. The session form offers a pair the topics for their shared orientation (or for mixed pairs), then those for any pair.")
	newFormDialog(p.shell, "Agenda library", "Save library", container.NewBorder(hint, nil, nil, nil, container.NewAppTabs(tabs...)), 640, 560, func() error {
		library := map[string][]string{}
		for _, o := range data.AgendaOrientations {
			library[o] = strings.Split(entries[o].Text, "\n")
		}
		return p.shell.store.SaveAgendaLibrary(library)
	})
}
