package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

var ratingOptions = []string{"Not rated", "1 · not productive", "2", "3", "4", "5 · very productive"}

// sessionForm logs a session: date, duration, who attended and their ratings, topics (with
// suggested agendas), notes with their visibility, and action items.
type sessionForm struct {
	*formDialog
	page *partnershipPage

	date       *widget.DateEntry
	duration   *widget.Entry
	attended   map[int64]*widget.Check
	rating     map[int64]*widget.Select
	topics     *widget.Entry
	suggestion *widget.Select
	notes      []*noteEditor
	notesBox   *fyne.Container
	actions    []*actionEditor
	actionsBox *fyne.Container
	loggedID   int64 // the session saved, to show it afterwards
}

// noteEditor is one note being written, with who may read it.
type noteEditor struct {
	visibility *widget.RadioGroup
	body       *widget.Entry
}

// actionEditor is one action item being written.
type actionEditor struct {
	text  *widget.Entry
	owner *widget.Select
	due   *widget.DateEntry
}

func (pg *partnershipPage) onLogSessionTapped() {
	if pg.page == nil || pg.page.Ended() {
		return
	}
	pg.sessionForm = newSessionForm(pg)
	pg.sessionForm.show()
}

func newSessionForm(pg *partnershipPage) *sessionForm {
	f := &sessionForm{page: pg, attended: map[int64]*widget.Check{}, rating: map[int64]*widget.Select{}}
	today := time.Now()
	f.date = widget.NewDateEntry()
	f.date.SetDate(&today)
	f.duration = widget.NewEntry()
	f.duration.SetText("60")
	f.duration.Validator = numberValidator("The duration", 1, 1440, false)
	for _, m := range pg.page.Members {
		check := widget.NewCheck(m.Name, nil)
		check.SetChecked(true)
		rating := widget.NewSelect(ratingOptions, nil)
		rating.SetSelectedIndex(0)
		check.OnChanged = func(on bool) {
			if !on {
				rating.SetSelectedIndex(0)
				rating.Disable()
			} else {
				rating.Enable()
			}
		}
		f.attended[m.ParticipantID], f.rating[m.ParticipantID] = check, rating
	}
	f.topics = widget.NewMultiLineEntry()
	f.topics.SetPlaceHolder("What you talked about")
	f.topics.Wrapping = fyne.TextWrapWord
	growWithText(f.topics, 2)
	suggestions, err := pg.screen.shell.store.Agendas(pairOrientation(pg.page.Members))
	if err != nil {
		suggestions = nil
	}
	f.suggestion = widget.NewSelect(suggestions, nil)
	f.suggestion.OnChanged = func(s string) {
		if s == "" {
			return
		}
		f.topics.SetText(strings.TrimSpace(strings.TrimSpace(f.topics.Text) + "\n" + s))
		f.suggestion.ClearSelected() // ready for the next one, or the same again
	}
	f.suggestion.PlaceHolder = "Add a suggested topic"
	f.notesBox = container.NewVBox()
	f.actionsBox = container.NewVBox()
	f.addNote()
	return f
}

// pairOrientation is the orientation the pair shares, or "mixed", to suggest agendas.
func pairOrientation(members []data.Member) string {
	o := ""
	for i, m := range members {
		if m.Orientation == "" || m.Orientation == data.MixedOrientation || (i > 0 && m.Orientation != o) {
			return data.MixedOrientation
		}
		o = m.Orientation
	}
	if o == "" {
		return data.MixedOrientation
	}
	return o
}

func (f *sessionForm) addNote() {
	explain := captionHint("")
	vis := widget.NewRadioGroup(visibilityLabels(), func(label string) { explain.SetText(visibilityHint(visibilityOf(label))) })
	vis.Horizontal = true
	vis.SetSelected(data.Private.Label())
	body := widget.NewMultiLineEntry()
	body.SetPlaceHolder("A note on this session")
	body.Wrapping = fyne.TextWrapWord
	growWithText(body, 3)
	f.notes = append(f.notes, &noteEditor{visibility: vis, body: body})
	card := widget.NewCard("", "", container.NewVBox(withHint(vis, explain), body))
	f.notesBox.Add(card)
	f.bringIntoView(card, body)
}

// bringIntoView scrolls the form to something the coach just added and puts the keyboard in it.
func (f *sessionForm) bringIntoView(added fyne.CanvasObject, input fyne.Focusable) {
	if f.formDialog == nil {
		return // the form is still being built
	}
	scrollIntoView(f.scroll, added)
	f.page.screen.shell.win.Canvas().Focus(input)
}

func (f *sessionForm) addAction() {
	text := widget.NewEntry()
	text.SetPlaceHolder("What will be done")
	owners := []string{everyone(len(f.page.page.Members))}
	for _, m := range f.page.page.Members {
		owners = append(owners, m.Name)
	}
	owner := widget.NewSelect(owners, nil)
	owner.SetSelectedIndex(0)
	due := widget.NewDateEntry()
	f.actions = append(f.actions, &actionEditor{text: text, owner: owner, due: due})
	row := container.NewBorder(nil, nil, nil, container.NewHBox(owner, container.NewGridWrap(fyne.NewSize(170, due.MinSize().Height), due)), text)
	f.actionsBox.Add(row)
	f.bringIntoView(row, text)
}

func (f *sessionForm) show() {
	attendance := container.New(layout.NewFormLayout())
	for _, m := range f.page.page.Members {
		attendance.Add(f.attended[m.ParticipantID])
		attendance.Add(f.rating[m.ParticipantID])
	}
	addNote := widget.NewButtonWithIcon("Add another note", theme.ContentAddIcon(), f.addNote)
	addAction := widget.NewButtonWithIcon("Add action item", theme.ContentAddIcon(), f.addAction)
	form := widget.NewForm(
		widget.NewFormItem("Date", f.date),
		&widget.FormItem{Text: "Duration", Widget: container.NewBorder(nil, nil, nil, widget.NewLabel("minutes"), f.duration)},
	)
	body := container.NewVBox(form,
		heading("Who attended, and how productive was it for them?"), attendance,
		heading("Topics"), f.topics, f.suggestion,
		heading("Notes"), wrapped("Each note is private to you unless you choose otherwise. Shared notes appear in the participants' reports; sponsor-safe notes in the cohort summary."),
		f.notesBox, addNote,
		heading("Action items"), f.actionsBox, addAction)
	f.formDialog = newFormDialog(f.page.screen.shell, "Log a session: "+f.page.page.Names(" + "), "Save session", body, 760, 760, f.onSave)
	f.scrollsAsOne()
	f.typed = f.hasTyped
	f.then = func() {
		f.page.selectedSessionID = f.loggedID // shown wherever its date puts it
		f.page.screen.changed(f.page.page.ID)
	}
}

// hasTyped reports whether the coach wrote anything Cancel would lose.
func (f *sessionForm) hasTyped() bool {
	if strings.TrimSpace(f.topics.Text) != "" {
		return true
	}
	for _, n := range f.notes {
		if strings.TrimSpace(n.body.Text) != "" {
			return true
		}
	}
	for _, a := range f.actions {
		if strings.TrimSpace(a.text.Text) != "" {
			return true
		}
	}
	return false
}

// everyone names all the members of a partnership as an owner of an action item.
func everyone(members int) string {
	if members == 2 {
		return "Both"
	}
	return "Everyone"
}

// session reads the form into a session; the store checks it.
func (f *sessionForm) session() (data.Session, string) {
	pg := f.page.page
	se := data.Session{PartnershipID: pg.ID, Topics: f.topics.Text}
	if f.date.Date == nil {
		return se, "Choose the date of the session."
	}
	se.HeldOn = data.DateOf(*f.date.Date)
	if err := f.duration.Validate(); err != nil {
		return se, err.Error()
	}
	se.DurationMinutes, _ = strconv.Atoi(strings.TrimSpace(f.duration.Text))
	for _, m := range pg.Members {
		se.Attendance = append(se.Attendance, data.Attendance{ParticipantID: m.ParticipantID,
			Attended: f.attended[m.ParticipantID].Checked, Rating: max(f.rating[m.ParticipantID].SelectedIndex(), 0)})
	}
	for _, n := range f.notes {
		if strings.TrimSpace(n.body.Text) != "" {
			se.Notes = append(se.Notes, data.Note{Body: n.body.Text, Visibility: visibilityOf(n.visibility.Selected)})
		}
	}
	for _, a := range f.actions {
		if strings.TrimSpace(a.text.Text) == "" {
			continue
		}
		item := data.ActionItem{Text: a.text.Text}
		if i := a.owner.SelectedIndex(); i > 0 {
			item.OwnerID = pg.Members[i-1].ParticipantID
		}
		if a.due.Date != nil {
			item.DueOn = data.DateOf(*a.due.Date)
		} else if strings.TrimSpace(a.due.Text) != "" {
			return se, fmt.Sprintf("%q is not a date. Pick one from the calendar.", a.due.Text)
		}
		se.ActionItems = append(se.ActionItems, item)
	}
	return se, ""
}

func (f *sessionForm) onSave() error {
	se, problem := f.session()
	if problem != "" {
		return data.Errorf(data.Invalid, "%s", problem)
	}
	if err := f.page.screen.shell.store.LogSession(&se); err != nil {
		return err
	}
	f.loggedID = se.ID
	return nil
}
