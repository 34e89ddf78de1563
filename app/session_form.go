package app

import (
	"fmt"
	"reflect"
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

// sessionForm logs a session, or corrects one already logged: date, duration, who attended
// and their ratings, topics (with suggested agendas), notes with their visibility, and action
// items.
type sessionForm struct {
	*formDialog
	page             *partnershipPage
	editing          *data.Session // the session being corrected; nil when logging a new one
	before           data.Session  // what the form held when it opened, to tell whether anything changed
	removalConfirmed bool          // the coach agreed to what saving deletes

	date       *dateEntry
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
	id         int64 // the saved note it corrects; 0 for a new one
	was        string
	visibility *widget.RadioGroup
	body       *widget.Entry
}

// actionEditor is one action item being written.
type actionEditor struct {
	id    int64 // the saved action item it corrects; 0 for a new one
	was   string
	text  *widget.Entry
	owner *widget.Select
	due   *dateEntry
}

func (pg *partnershipPage) onLogSessionTapped() {
	if pg.page == nil || pg.page.Ended() {
		return
	}
	pg.sessionForm = newSessionForm(pg)
	pg.sessionForm.show()
}

// onEditSessionTapped opens the session form on the session shown, to correct it.
func (pg *partnershipPage) onEditSessionTapped() {
	if pg.page == nil || pg.selectedSession < 0 || pg.selectedSession >= len(pg.page.SessionLog) {
		return
	}
	f := newSessionForm(pg)
	f.fill(pg.page.SessionLog[pg.selectedSession])
	pg.sessionForm = f
	f.show()
}

func newSessionForm(pg *partnershipPage) *sessionForm {
	f := &sessionForm{page: pg, attended: map[int64]*widget.Check{}, rating: map[int64]*widget.Select{}}
	today := time.Now()
	f.date = newDateEntry()
	f.date.rule = notInFuture
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

// fill puts a logged session in the form, to correct it.
func (f *sessionForm) fill(se data.Session) {
	f.editing = &se
	day := se.HeldOn.Time()
	f.date.SetDate(&day)
	f.duration.SetText(strconv.Itoa(se.DurationMinutes))
	for id, check := range f.attended {
		check.SetChecked(false)
		for _, a := range se.Attendance {
			if a.ParticipantID == id {
				check.SetChecked(a.Attended)
				f.rating[id].SetSelectedIndex(a.Rating)
			}
		}
	}
	f.topics.SetText(se.Topics)
	f.notes = nil
	f.notesBox.RemoveAll()
	for _, n := range se.Notes {
		f.addNoteFor(n)
	}
	if len(se.Notes) == 0 {
		f.addNote()
	}
	for _, a := range se.ActionItems {
		f.addActionFor(a)
	}
	f.before, _, _ = f.session()
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

func (f *sessionForm) addNote() { f.addNoteFor(data.Note{Visibility: data.Private}) }

func (f *sessionForm) addNoteFor(n data.Note) {
	explain := captionHint("")
	vis := widget.NewRadioGroup(visibilityLabels(), func(label string) { explain.SetText(visibilityHint(visibilityOf(label))) })
	vis.Horizontal = true
	vis.SetSelected(n.Visibility.Label())
	body := widget.NewMultiLineEntry()
	body.SetPlaceHolder("A note on this session")
	body.SetText(n.Body)
	body.Wrapping = fyne.TextWrapWord
	growWithText(body, 3)
	f.notes = append(f.notes, &noteEditor{id: n.ID, was: n.Body, visibility: vis, body: body})
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

func (f *sessionForm) addAction() { f.addActionFor(data.ActionItem{}) }

func (f *sessionForm) addActionFor(item data.ActionItem) {
	text := widget.NewEntry()
	text.SetPlaceHolder("What will be done")
	text.SetText(item.Text)
	owners := []string{everyone(len(f.page.page.Members))}
	for _, m := range f.page.page.Members {
		owners = append(owners, m.Name)
	}
	owner := widget.NewSelect(owners, nil)
	owner.SetSelectedIndex(0)
	for i, m := range f.page.page.Members {
		if m.ParticipantID == item.OwnerID {
			owner.SetSelectedIndex(i + 1)
		}
	}
	due := newDateEntry()
	if !item.DueOn.IsZero() {
		day := item.DueOn.Time()
		due.SetDate(&day)
	}
	f.actions = append(f.actions, &actionEditor{id: item.ID, was: item.Text, text: text, owner: owner, due: due})
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
	title, save := "Log a session: ", "Save session"
	if f.editing != nil {
		title, save = "Correct the session: ", "Save changes"
		body.Objects = append([]fyne.CanvasObject{wrapped("Empty a note or an action item to delete it; saving asks first.")}, body.Objects...)
	}
	f.formDialog = newFormDialog(f.page.screen.shell, title+f.page.page.Names(" + "), save, body, 760, 760, f.onSave)
	f.scrollsAsOne()
	f.typed = f.hasTyped
	f.then = func() {
		f.page.selectedSessionID = f.loggedID // shown wherever its date puts it
		f.page.screen.changed(f.page.page.ID)
	}
}

// hasTyped reports whether the coach wrote anything Cancel would lose.
func (f *sessionForm) hasTyped() bool {
	if f.editing != nil {
		now, _, _ := f.session()
		return !reflect.DeepEqual(now, f.before)
	}
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

// session reads the form into a session, with what saving it would delete (saved notes and
// action items emptied in the form); the store checks it.
func (f *sessionForm) session() (data.Session, []string, string) {
	pg := f.page.page
	se := data.Session{PartnershipID: pg.ID, Topics: f.topics.Text}
	if f.editing != nil {
		se.ID = f.editing.ID
	}
	var removed []string
	var err error
	if se.HeldOn, err = f.date.value(); err != nil {
		return se, nil, err.Error()
	} else if se.HeldOn.IsZero() {
		return se, nil, "Choose the date of the session."
	}
	if err := f.duration.Validate(); err != nil {
		return se, nil, err.Error()
	}
	se.DurationMinutes, _ = strconv.Atoi(strings.TrimSpace(f.duration.Text))
	for _, m := range pg.Members {
		se.Attendance = append(se.Attendance, data.Attendance{ParticipantID: m.ParticipantID,
			Attended: f.attended[m.ParticipantID].Checked, Rating: max(f.rating[m.ParticipantID].SelectedIndex(), 0)})
	}
	for _, n := range f.notes {
		if strings.TrimSpace(n.body.Text) != "" {
			se.Notes = append(se.Notes, data.Note{ID: n.id, Body: n.body.Text, Visibility: visibilityOf(n.visibility.Selected)})
		} else if n.id != 0 {
			removed = append(removed, fmt.Sprintf("the note %q", clip(n.was)))
		}
	}
	for _, a := range f.actions {
		if strings.TrimSpace(a.text.Text) == "" {
			if a.id != 0 {
				removed = append(removed, fmt.Sprintf("the action item %q", clip(a.was)))
			}
			continue
		}
		item := data.ActionItem{ID: a.id, Text: a.text.Text}
		if i := a.owner.SelectedIndex(); i > 0 {
			item.OwnerID = pg.Members[i-1].ParticipantID
		}
		if item.DueOn, err = a.due.value(); err != nil {
			return se, nil, err.Error()
		}
		se.ActionItems = append(se.ActionItems, item)
	}
	return se, removed, ""
}

// clip shortens a text to name it in a sentence.
func clip(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return text
}

func (f *sessionForm) onSave() error {
	se, removed, problem := f.session()
	if problem != "" {
		return data.Errorf(data.Invalid, "%s", problem)
	}
	store := f.page.screen.shell.store
	write := store.UpdateSession
	if f.editing == nil {
		write = store.LogSession
	}
	then := func(err error) error {
		if err != nil {
			f.date.showRefusal(err, "held_on")
			return err
		}
		f.loggedID = se.ID
		return nil
	}
	if f.editing == nil {
		return f.write(func() error { return write(&se) }, then)
	}
	if len(removed) > 0 && !f.removalConfirmed {
		f.page.confirmDelete("Delete from the session?", "Saving deletes "+strings.Join(removed, " and ")+". This cannot be undone.",
			"Delete and save", func() {
				f.removalConfirmed = true
				f.save.OnTapped()
			})
		return errAsked
	}
	f.removalConfirmed = false
	return f.write(func() error { return write(&se) }, then)
}
