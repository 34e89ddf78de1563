package app

import (
	"errors"
	"fmt"
	"math"
	"slices"
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

// showAssessmentForm opens the form to enter one result for a participant; onSaved runs on
// the UI goroutine after the result is saved.
func (s *practice) showAssessmentForm(participantID int64, participantName string, onSaved func()) {
	newAssessmentForm(s, participantID, participantName, onSaved).show()
}

// assessmentForm enters one participant's result on one instrument: a value per scale, the
// date and a note, with the primary orientation shown as the coach types. Opened on a saved
// result, it corrects or deletes that result.
type assessmentForm struct {
	shell         assessmentShell
	participantID int64
	name          string
	onSaved       func()
	editing       *data.Assessment // the result being corrected; nil for a new one

	instruments []data.Instrument // the ones open for new results, Work Orientation first
	current     *data.Instrument
	inputs      []*scaleInput

	*formDialog
	rows       *fyne.Container // label and input, one row per field and per scale
	instrument *widget.Select
	about      *widget.Label // the chosen instrument's description
	date       *dateEntry
	primary    *widget.Label
	note       *widget.Entry
	remove     *widget.Button // Delete result…, when correcting

	answersButton *widget.Button // enter the answers to the questions instead (assessment_answers.go)
	answers       *answersForm   // the answers form opened from here, if any
}

// scaleInput is the input for one scale: an entry for numbers, a select for categories, and
// a line under it with the range, or what is wrong.
type scaleInput struct {
	scale  data.Scale
	entry  *widget.Entry
	choice *widget.Select
	hint   *widget.Label
}

func newAssessmentForm(shell assessmentShell, participantID int64, name string, onSaved func()) *assessmentForm {
	f := &assessmentForm{shell: shell, participantID: participantID, name: name, onSaved: onSaved}
	f.buildUI()
	return f
}

// newCorrectionForm opens the form on a saved result, to correct or delete it.
func newCorrectionForm(shell assessmentShell, name string, result data.Assessment, onSaved func()) *assessmentForm {
	f := &assessmentForm{shell: shell, participantID: result.ParticipantID, name: name, onSaved: onSaved, editing: &result}
	f.buildUI()
	f.remove = widget.NewButtonWithIcon("Delete result…", theme.DeleteIcon(), f.onDeleteTapped)
	return f
}

func (f *assessmentForm) buildUI() {
	f.instrument = widget.NewSelect(nil, nil)
	f.instrument.PlaceHolder = "Choose an instrument"
	f.date = newDateEntry()
	today := time.Now()
	f.date.SetDate(&today)
	f.rows = container.New(layout.NewFormLayout())
	f.about = widget.NewLabel("")
	f.about.Wrapping = fyne.TextWrapWord
	f.about.TextStyle.Italic = true
	f.about.SizeName = theme.SizeNameCaptionText
	f.primary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.note = widget.NewMultiLineEntry()
	f.note.SetPlaceHolder("Optional: how the assessment went, anything to remember")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(2)
	f.instrument.OnChanged = f.onInstrumentChanged
	f.answersButton = widget.NewButtonWithIcon("Enter the answers to the questions instead…", theme.ListIcon(), f.onAnswersTapped)
}

// show reads the instruments off the UI goroutine, then opens the dialog.
func (f *assessmentForm) show() {
	var all []data.Instrument
	f.shell.read("Mutua could not read the instruments", nil,
		func() (err error) {
			store := f.shell.assessments()
			all, err = store.Instruments()
			return err
		},
		func() {
			f.instruments = openInstruments(all)
			if f.editing != nil {
				f.instruments = nil // the result's own instrument, even if retired since
				for _, in := range all {
					if in.ID == f.editing.InstrumentID {
						f.instruments = append(f.instruments, in)
					}
				}
			}
			f.open()
		})
}

func (f *assessmentForm) open() {
	var names []string
	for _, in := range f.instruments {
		names = append(names, in.Name)
	}
	title, saveText := "Add result for "+f.name, "Save result"
	if f.editing != nil {
		title, saveText = "Correct result for "+f.name, "Save correction"
	}
	f.formDialog = buildFormDialog(f.shell, title, saveText, f.rows, 620, 640, f.onSaveTapped)
	if f.editing != nil {
		f.addLeading(f.remove)
	}
	f.instrument.SetOptions(names)
	if len(names) > 0 {
		f.instrument.SetSelectedIndex(0)
		if f.editing != nil {
			f.fill(*f.editing)
			if f.editing.Answers != nil {
				f.answersButton.SetText("Correct the answers instead…")
			}
		}
	} else {
		f.onInstrumentChanged("")
		f.about.SetText("Every instrument is retired. Bring one back on the Assessments screen to enter results.")
		f.about.Show()
		f.save.Disable()
	}
	f.dialog.Show()
	if len(f.inputs) > 0 && f.inputs[0].entry != nil {
		f.shell.Window().Canvas().Focus(f.inputs[0].entry)
	}
}

// fill puts a saved result in the form; its instrument stays.
func (f *assessmentForm) fill(a data.Assessment) {
	f.instrument.Disable()
	day := a.AssessedOn.Time()
	f.date.SetDate(&day)
	for _, in := range f.inputs {
		for _, v := range a.Values {
			switch {
			case v.ScaleID != in.scale.ID:
			case in.choice != nil:
				in.choice.SetSelected(v.Category)
			default:
				in.entry.SetText(data.FormatNumber(v.Number))
			}
		}
	}
	f.note.SetText(a.Note)
	f.updatePrimary()
}

// onDeleteTapped deletes the result being corrected, after a confirmation that names it.
func (f *assessmentForm) onDeleteTapped() {
	a := *f.editing
	in := f.current
	if in == nil {
		return
	}
	msg := fmt.Sprintf("Delete %s's %s result of %s (%s)? This cannot be undone.", f.name, in.Name, formatDate(a.AssessedOn), valuesText(in, a.Values))
	if in.Key == data.WorkOrientationKey {
		msg += " If it is the latest, the result before it counts for pairing again."
	}
	f.shell.confirmDeletion("Delete result", msg, "Delete result", func() {
		f.shell.saveOr(func() error { return f.shell.assessments().DeleteAssessment(a.ID) }, func(err error) {
			if err != nil {
				f.showProblem(data.Message(err))
				return
			}
			f.dialog.Hide()
			if f.onSaved != nil {
				f.onSaved()
			}
		})
	})
}

// openInstruments returns the instruments open for new results: not retired, Work
// Orientation first, then the rest in their usual order.
func openInstruments(all []data.Instrument) []data.Instrument {
	var out []data.Instrument
	for _, in := range all {
		if in.Key == data.WorkOrientationKey && !in.Retired {
			out = append(out, in)
		}
	}
	for _, in := range all {
		if in.Key != data.WorkOrientationKey && !in.Retired {
			out = append(out, in)
		}
	}
	return out
}

// onInstrumentChanged builds one input per scale of the chosen instrument.
func (f *assessmentForm) onInstrumentChanged(name string) {
	f.current = nil
	for i := range f.instruments {
		if f.instruments[i].Name == name {
			f.current = &f.instruments[i]
		}
	}
	f.inputs = nil
	label := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	dateHint := widget.NewLabel("A result already saved on this date for this instrument is replaced.")
	if f.editing != nil {
		dateHint.SetText("The date it was taken; another result on the same day is refused.")
	}
	dateHint.SizeName = theme.SizeNameCaptionText
	dateHint.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{
		label("Instrument"), withHint(f.instrument, f.about),
		label("Date"), withHint(f.date, dateHint),
	}
	if f.current != nil && f.current.HasItems() {
		objects = append(objects, widget.NewLabel(""), f.answersButton)
	}
	f.about.Hide()
	if f.current != nil {
		for _, sc := range f.current.Scales {
			in := newScaleInput(sc, f.onValueChanged)
			f.inputs = append(f.inputs, in)
			objects = append(objects, label(sc.Name), withHint(in.widget(), in.hint))
		}
		f.about.SetText(f.current.Description)
		f.about.Hidden = f.current.Description == ""
	}
	objects = append(objects, widget.NewLabel(""), f.primary, label("Note"), f.note)
	f.rows.Objects = objects
	f.rows.Refresh()
	f.problem.Hide()
	f.updatePrimary()
}

// withHint puts a line of smaller text under an input.
func withHint(input fyne.CanvasObject, hint *widget.Label) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()), input, hint)
}

func newScaleInput(sc data.Scale, onChanged func()) *scaleInput {
	in := &scaleInput{scale: sc, hint: captionHint(scaleHint(sc))}
	if sc.Kind == data.Category {
		in.choice = widget.NewSelect(sc.Categories, func(string) {
			in.showProblem("")
			onChanged()
		})
		in.choice.PlaceHolder = "Choose one"
		return in
	}
	in.entry = widget.NewEntry()
	in.entry.SetPlaceHolder(fmt.Sprintf("%s–%s", data.FormatNumber(sc.Min), data.FormatNumber(sc.Max)))
	in.entry.AlwaysShowValidationError = true
	in.entry.Validator = func(text string) error {
		if _, msg := checkScaleText(sc, text); msg != "" {
			return errors.New(msg)
		}
		return nil
	}
	in.entry.OnChanged = func(text string) {
		_, msg := checkScaleText(sc, text)
		in.showProblem(msg)
		onChanged()
	}
	return in
}

func (in *scaleInput) widget() fyne.CanvasObject {
	if in.choice != nil {
		return in.choice
	}
	return in.entry
}

// showProblem marks the input and says what is wrong, or shows the range again when msg is "".
func (in *scaleInput) showProblem(msg string) {
	if msg == "" {
		in.hint.SetText(scaleHint(in.scale))
		in.hint.Importance = widget.MediumImportance
	} else {
		in.hint.SetText(msg)
		in.hint.Importance = widget.DangerImportance
	}
	in.hint.Refresh()
	if in.entry != nil {
		var err error
		if msg != "" {
			err = errors.New(msg)
		}
		in.entry.SetValidationError(err)
	}
}

// value reads the input: the scale's value, whether anything was entered, and what is wrong.
func (in *scaleInput) value() (v data.ScaleValue, filled bool, problem string) {
	if in.choice != nil {
		return data.ScaleValue{ScaleID: in.scale.ID, Category: in.choice.Selected}, in.choice.Selected != "", ""
	}
	if strings.TrimSpace(in.entry.Text) == "" {
		return data.ScaleValue{ScaleID: in.scale.ID}, false, ""
	}
	v, problem = checkScaleText(in.scale, in.entry.Text)
	return v, true, problem
}

// scaleHint says which values a scale takes: "0 to 100", "Percentile, 0 to 100".
func scaleHint(sc data.Scale) string {
	switch sc.Kind {
	case data.Percentile:
		return "Percentile, 0 to 100"
	case data.Rank:
		return "Rank, " + sc.Range()
	case data.Category:
		return "One of: " + sc.Range()
	}
	return sc.Range()
}

// checkScaleText reads a number typed for a scale ("72", "72.5" or "72,5") and says what is
// wrong with it, or "" when it is in range. Empty text is not checked here.
func checkScaleText(sc data.Scale, text string) (data.ScaleValue, string) {
	text = strings.TrimSpace(text)
	v := data.ScaleValue{ScaleID: sc.ID}
	if text == "" {
		return v, ""
	}
	n, err := strconv.ParseFloat(strings.Replace(text, ",", ".", 1), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return v, fmt.Sprintf("%s must be a number, not %q.", sc.Name, text)
	}
	v.Number = n
	if msg := sc.CheckValue(n); msg != "" {
		return v, msg
	}
	if sc.Kind == data.Rank && n != math.Trunc(n) {
		return v, fmt.Sprintf("%s is a rank: a whole number from 1 to %s.", sc.Name, data.FormatNumber(sc.Max))
	}
	return v, ""
}

// updatePrimary shows the primary orientation the values typed so far point to.
func (f *assessmentForm) updatePrimary() {
	if f.current == nil || !measuresOrientation(f.current) {
		f.primary.Hide()
		return
	}
	var values []data.ScaleValue
	for _, in := range f.inputs {
		if v, filled, problem := in.value(); filled && problem == "" {
			values = append(values, v)
		}
	}
	f.primary.SetText("Primary orientation: " + primaryText(f.current.PrimaryOrientation(values)))
	f.primary.Show()
}

func measuresOrientation(in *data.Instrument) bool {
	for _, sc := range in.Scales {
		if sc.Orientation != "" && sc.Kind != data.Category {
			return true
		}
	}
	return false
}

// primaryText names a primary orientation for the coach.
func primaryText(o string) string {
	switch o {
	case "":
		return "appears as you enter the scores"
	case data.MixedOrientation:
		return "Mixed (two orientations share the top score)"
	}
	return data.OrientationLabel(o)
}

func (f *assessmentForm) onValueChanged() {
	f.updatePrimary()
}

// assessment reads the form into a result and lists what is wrong with it.
func (f *assessmentForm) assessment() (data.Assessment, []string) {
	a := data.Assessment{ParticipantID: f.participantID, Note: strings.TrimSpace(f.note.Text)}
	var problems []string
	if f.current == nil {
		return a, []string{"Choose the instrument of the result."}
	}
	a.InstrumentID = f.current.ID
	on, err := f.date.value()
	switch {
	case err != nil:
		problems = append(problems, err.Error())
	case on.IsZero():
		problems = append(problems, "Enter the date the assessment was taken.")
	default:
		a.AssessedOn = on
	}
	for _, in := range f.inputs {
		v, filled, problem := in.value()
		switch {
		case !filled:
			problem = fmt.Sprintf("Enter %s (%s).", in.scale.Name, scaleHint(in.scale))
			if in.choice != nil {
				problem = fmt.Sprintf("Choose %s.", in.scale.Name)
			}
			in.showProblem(problem)
			problems = append(problems, problem)
		case problem != "":
			in.showProblem(problem)
			problems = append(problems, problem)
		default:
			a.Values = append(a.Values, v)
		}
	}
	return a, problems
}

func (f *assessmentForm) onSaveTapped() error {
	a, problems := f.assessment()
	if err := invalidLines(problems); err != nil {
		return err
	}
	save := f.shell.assessments().SaveAssessment
	if f.editing != nil {
		a.ID = f.editing.ID
		save = f.shell.assessments().CorrectAssessment
		if f.editing.Answers != nil && slices.Equal(a.Values, f.editing.Values) {
			// Only the date or the note changed: the result still comes from its answers.
			a.Answers = f.editing.Answers
		}
	}
	return f.write(func() error { return save(&a) }, saved(func() {
		if f.onSaved != nil {
			f.onSaved()
		}
	}))
}

// errorLines writes an error for a dialog: every problem on its own line, or the message.
func errorLines(err error) string {
	problems := data.Problems(err)
	if len(problems) <= 1 {
		return data.Message(err)
	}
	lines := []string{data.Message(err) + ":"}
	for _, p := range problems {
		lines = append(lines, p.Message)
	}
	return strings.Join(lines, "\n")
}

// onAnswersTapped closes the form and opens the answers to the chosen instrument's questions
// for the same participant and date (or the saved result's answers, when correcting).
func (f *assessmentForm) onAnswersTapped() {
	if f.current == nil || !f.current.HasItems() {
		return
	}
	in, on := *f.current, f.date.date()
	f.dialog.Hide()
	f.answers = showAnswersForm(f.shell, in, []gridMember{{id: f.participantID, name: f.name}}, on, f.editing, f.onSaved)
}
