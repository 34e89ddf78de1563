package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// answersForm enters a participant's answers to an instrument's questions, one by one, and
// shows the scale scores they give as the coach goes; the store computes and keeps the same
// scores with the answers. Opened on a saved result, it corrects that result.
type answersForm struct {
	*formDialog
	in       data.Instrument
	members  []gridMember // who the result can be for; one when opened for a participant
	editing  *data.Assessment
	onSaved  func()
	lenient  data.Instrument // in, with no question required: scores as far as answered
	inputs   []*answerInput
	member   *widget.Select
	date     *dateEntry
	scores   *widget.Label
	note     *widget.Entry
	answered bool
	store    assessmentStore
}

// answerInput is the input of one question: a choice of its answers, or an entry for a number.
type answerInput struct {
	item   data.Item
	label  string // "Question 3"
	choice *widget.Select
	values map[string]float64 // by the choice's text
	entry  *widget.Entry
}

// showAnswersForm opens the answers form for one of members (the first is chosen), dated on
// (today when zero); editing, when set, is the saved result it corrects.
func showAnswersForm(s assessmentShell, in data.Instrument, members []gridMember, on data.Date, editing *data.Assessment, onSaved func()) *answersForm {
	f := &answersForm{in: in.Clone(), members: members, editing: editing, onSaved: onSaved}
	f.lenient = in.Clone()
	for i := range f.lenient.Items {
		f.lenient.Items[i].Required = false
	}
	f.buildUI(s, on)
	return f
}

func (f *answersForm) buildUI(s assessmentShell, on data.Date) {
	f.store = s.assessments()
	var names []string
	for _, m := range f.members {
		names = append(names, m.name)
	}
	f.member = widget.NewSelect(names, nil)
	if len(names) > 0 {
		f.member.SetSelectedIndex(0)
	}
	if len(names) <= 1 {
		f.member.Disable()
	}
	f.date = newDateEntry()
	day := time.Now()
	if !on.IsZero() {
		day = on.Time()
	}
	f.date.SetDate(&day)
	f.scores = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.scores.Wrapping = fyne.TextWrapWord
	f.note = widget.NewMultiLineEntry()
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(2)
	f.note.SetPlaceHolder("Optional: how the assessment went, anything to remember")

	bold := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	head := container.New(layout.NewFormLayout(), bold("Participant"), f.member, bold("Date"), f.date)
	questions := container.NewVBox()
	for n, it := range f.in.Items {
		in := newAnswerInput(it, fmt.Sprintf("Question %d", n+1), f.onAnswerChanged)
		f.inputs = append(f.inputs, in)
		text := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", n+1, it.Text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text.Wrapping = fyne.TextWrapWord
		hint := "Optional"
		if it.Required {
			hint = "Required"
		}
		if it.Scale != "" {
			hint += " · feeds " + it.Scale
		}
		questions.Add(container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()), text, in.widget(), captionHint(hint)))
	}
	if f.editing != nil {
		f.fill(*f.editing)
		f.answered = false // filled, not typed
	}
	intro := captionHint("Enter the participant's answers as given. The scale scores are computed from them, and the answers are kept with the result.")
	body := container.NewVBox(head, intro, widget.NewSeparator(), questions, widget.NewSeparator(), f.scores,
		container.New(layout.NewFormLayout(), bold("Note"), f.note))
	title := "Answers to " + f.in.Name
	save := "Save result"
	if f.editing != nil {
		title, save = "Correct answers to "+f.in.Name, "Save correction"
	}
	f.formDialog = newFormDialog(s, title, save, body, 720, 720, f.saveAnswers)
	f.typed = func() bool { return f.answered }
	f.then = f.onSaved
	f.updateScores()
}

func newAnswerInput(it data.Item, label string, onChanged func()) *answerInput {
	in := &answerInput{item: it, label: label}
	if it.Format == data.NumberIn {
		in.entry = widget.NewEntry()
		in.entry.SetPlaceHolder(fmt.Sprintf("a number from %s to %s", data.FormatNumber(it.Min), data.FormatNumber(it.Max)))
		in.entry.OnChanged = func(string) { onChanged() }
		return in
	}
	in.values = map[string]float64{}
	var texts []string
	for _, o := range it.AnswerChoices() {
		text := o.Text
		if it.Format == data.Agree5 || it.Format == data.Agree7 {
			text = data.FormatNumber(o.Value) + " · " + o.Text
		}
		texts = append(texts, text)
		in.values[text] = o.Value
	}
	in.choice = widget.NewSelect(texts, func(string) { onChanged() })
	in.choice.PlaceHolder = "Not answered"
	return in
}

func (in *answerInput) widget() fyne.CanvasObject {
	if in.entry != nil {
		return in.entry
	}
	return in.choice
}

// set shows a saved answer.
func (in *answerInput) set(v float64) {
	if in.entry != nil {
		in.entry.SetText(data.FormatNumber(v))
		return
	}
	for text, value := range in.values {
		if value == v {
			in.choice.SetSelected(text)
		}
	}
}

// value reads the input: the answer, whether there is one, and what is wrong with it.
func (in *answerInput) value() (v float64, answered bool, problem string) {
	if in.choice != nil {
		v, answered = in.values[in.choice.Selected]
		return v, answered, ""
	}
	text := strings.TrimSpace(in.entry.Text)
	if text == "" {
		return 0, false, ""
	}
	v, err := readNumber(text)
	if err != nil {
		return 0, true, fmt.Sprintf("%s is answered with a number, not %q.", in.label, text)
	}
	return v, true, in.item.CheckAnswer(in.label, v)
}

func (f *answersForm) fill(a data.Assessment) {
	f.member.Disable()
	day := a.AssessedOn.Time()
	f.date.SetDate(&day)
	for _, in := range f.inputs {
		if v, ok := a.Answers[in.item.Key]; ok {
			in.set(v)
		}
	}
	f.note.SetText(a.Note)
}

// answers reads every input; problems name the answers that cannot be read or are out of range.
func (f *answersForm) answers() (data.ItemAnswers, []string) {
	out := data.ItemAnswers{}
	var problems []string
	for _, in := range f.inputs {
		v, answered, problem := in.value()
		switch {
		case problem != "":
			problems = append(problems, problem)
		case answered:
			out[in.item.Key] = v
		}
	}
	return out, problems
}

func (f *answersForm) onAnswerChanged() {
	f.answered = true
	f.updateScores()
}

// updateScores shows the scores the answers given so far make, and the primary orientation.
func (f *answersForm) updateScores() {
	answers, problems := f.answers()
	if len(problems) > 0 {
		f.scores.SetText("Scores: " + problems[0])
		f.scores.Importance = widget.DangerImportance
		f.scores.Refresh()
		return
	}
	f.scores.Importance = widget.MediumImportance
	scores, err := f.lenient.ScaleScores(answers)
	if err != nil || len(scores) == 0 {
		f.scores.SetText("Scores appear as you enter the answers.")
		f.scores.Refresh()
		return
	}
	f.scores.SetText(scoresText(&f.in, scores))
	f.scores.Refresh()
}

// scoresText writes computed scores in scale order with the primary orientation they make:
// "Scores: Job 25 · Career 40 · Calling 90 · primary orientation Calling".
func scoresText(in *data.Instrument, scores map[string]float64) string {
	var parts []string
	for _, sc := range in.Scales {
		if v, ok := scores[sc.Name]; ok {
			parts = append(parts, sc.Name+" "+data.FormatNumber(v))
		}
	}
	text := "Scores: " + strings.Join(parts, " · ")
	if p := in.PrimaryOfScores(scores); p != "" && measuresOrientation(in) {
		text += " · primary orientation " + primaryText(p)
	}
	return text
}

// saveAnswers sends the answers to the store, which checks them, computes the scores and keeps both.
func (f *answersForm) saveAnswers() error {
	answers, problems := f.answers()
	if len(problems) > 0 {
		return questionProblems(problems)
	}
	on, err := f.date.value()
	if err != nil {
		return data.Errorf(data.Invalid, "%s", err.Error())
	}
	if on.IsZero() {
		return data.Errorf(data.Invalid, "Enter the date the assessment was taken.")
	}
	pos := f.member.SelectedIndex()
	if pos < 0 || pos >= len(f.members) {
		return data.Errorf(data.Invalid, "Choose the participant whose answers these are.")
	}
	a := data.Assessment{ParticipantID: f.members[pos].id, InstrumentID: f.in.ID, AssessedOn: on, Answers: answers,
		Note: strings.TrimSpace(f.note.Text)}
	if f.editing != nil {
		a.ID = f.editing.ID
		return f.write(func() error { return f.store.CorrectAssessment(&a) }, nil)
	}
	return f.write(func() error { return f.store.SaveAssessment(&a) }, nil)
}
