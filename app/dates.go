package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// formatDate writes a date in the coach's order: 8 Nov 2026, Nov 8, 2026 or 2026-11-08.
func formatDate(d data.Date) string { return dateOrder().Format(d) }

// formatTime writes a moment as its local day in the coach's order and its time: 8 Nov 2026 14:05.
func formatTime(t time.Time) string { return dateOrder().FormatTime(t.Local()) }

// dateEntry is where every date is typed: in the coach's order or ISO, or picked from a
// calendar. Under it, as the coach types, the date in words ("Mon 2 Nov 2026"), so it is
// never misread, or in the danger colour what is wrong with it.
type dateEntry struct {
	widget.BaseWidget

	order data.DateOrder
	entry *widget.Entry
	words *widget.Label
	// rule, when set, refuses a date that reads fine but is not allowed here.
	rule func(data.Date) error
	// onChanged, when set, runs with each date that reads well (the zero Date when emptied).
	onChanged func(data.Date)

	calendar *widget.Calendar
	popUp    *widget.PopUp
}

// newDateEntry is an empty date entry in the coach's order.
func newDateEntry() *dateEntry {
	e := &dateEntry{order: dateOrder(), entry: widget.NewEntry(), words: captionHint("")}
	e.ExtendBaseWidget(e)
	e.entry.PlaceHolder = e.order.Pattern()
	e.entry.AlwaysShowValidationError = true // a refused date shows a cross, never a tick
	e.entry.Validator = func(text string) error {
		_, err := e.read(text)
		return err
	}
	e.entry.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.onCalendarTapped)
	e.entry.ActionItem.(*widget.Button).Importance = widget.LowImportance
	e.entry.OnChanged = e.onTextChanged
	return e
}

// notInFuture is a rule for dates of things that have happened.
func notInFuture(d data.Date) error {
	if today := data.DateOf(time.Now()); today.Before(d) {
		return errors.New("This date is in the future; today is " + formatDate(today) + ".")
	}
	return nil
}

// CreateRenderer lays the entry out over its line of words.
func (e *dateEntry) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0), e.entry, e.words))
}

// SetDate shows the given day in the coach's order; nil empties the entry.
func (e *dateEntry) SetDate(t *time.Time) {
	text := ""
	if t != nil {
		text = e.order.Typed(data.DateOf(*t))
	}
	e.entry.SetText(text)
	e.onTextChanged(text) // SetText does not call OnChanged when the text is unchanged
}

// value is the date typed: the zero Date when the entry is empty, an error in plain words
// when what is typed is not a date or breaks the rule.
func (e *dateEntry) value() (data.Date, error) { return e.read(e.entry.Text) }

// date is the date typed, or the zero Date when none reads well.
func (e *dateEntry) date() data.Date {
	d, _ := e.value()
	return d
}

// empty reports whether nothing is typed.
func (e *dateEntry) empty() bool { return strings.TrimSpace(e.entry.Text) == "" }

func (e *dateEntry) read(text string) (data.Date, error) {
	d, err := e.order.Parse(text)
	if err == nil && !d.IsZero() && e.rule != nil {
		err = e.rule(d)
	}
	if err != nil {
		return data.Date{}, err
	}
	return d, nil
}

// showRefusal shows at the field what the store said about the given field of a refused
// record, and reports whether it said anything.
func (e *dateEntry) showRefusal(err error, field string) bool {
	for _, p := range data.Problems(err) {
		if p.Field == field {
			e.showProblem(p.Message)
			return true
		}
	}
	return false
}

func (e *dateEntry) showProblem(msg string) {
	e.entry.SetValidationError(errors.New(msg))
	e.words.Importance = widget.DangerImportance
	e.words.SetText(msg)
}

func (e *dateEntry) onTextChanged(text string) {
	d, err := e.read(text)
	switch {
	case err != nil:
		e.showProblem(err.Error())
	default:
		e.words.Importance = widget.MediumImportance
		e.words.SetText(e.order.Words(d))
		if e.onChanged != nil {
			e.onChanged(d)
		}
	}
}

func (e *dateEntry) onCalendarTapped() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e.entry)
	if c == nil {
		return
	}
	shown := time.Now()
	if d, err := e.value(); err == nil && !d.IsZero() {
		shown = d.Time()
	}
	e.calendar = widget.NewCalendar(shown, e.onCalendarPicked)
	e.popUp = widget.NewPopUp(e.calendar, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.entry)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.entry.Size().Height)))
	e.popUp.Resize(fyne.NewSize(max(e.entry.Size().Width, e.popUp.MinSize().Width), e.popUp.MinSize().Height))
}

func (e *dateEntry) onCalendarPicked(t time.Time) {
	if e.popUp != nil {
		e.popUp.Hide()
	}
	e.SetDate(&t)
}
