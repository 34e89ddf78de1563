package app

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// The questions of one of the coach's instruments: the editor that adds, changes, removes and
// orders them and sets how each scale is scored from them; and sharing an instrument as a file.

// questionsEditor edits an instrument's questions and its scales' scoring rules; nothing is
// saved until Save, which the store checks as a whole.
type questionsEditor struct {
	*formDialog
	in     data.Instrument // the instrument as edited so far
	onSave func(data.Instrument)

	list    *fyne.Container // one row per question
	count   *widget.Label
	add     *widget.Button
	rules   map[string]*widget.Select // scoring rule by scale name
	mixed   *widget.Entry
	changed bool
	store   assessmentStore

	question *questionForm // the open question form, if any
}

// questionsCount says how many questions an instrument has, or "" when it has none.
func questionsCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d question%s", n, data.Plural(n))
}

// scoringChoices names the scoring rules in the coach's words, "Not scored" first.
var scoringChoices = []string{"Not scored", "Mean of its questions", "Sum of its questions", "Percent of the maximum"}

func scoringChoice(r data.ScoringRule) string {
	switch r {
	case data.ScoreMean:
		return scoringChoices[1]
	case data.ScoreSum:
		return scoringChoices[2]
	case data.ScorePercent:
		return scoringChoices[3]
	}
	return scoringChoices[0]
}

func scoringFromChoice(c string) data.ScoringRule {
	for i, r := range []data.ScoringRule{data.NotScored, data.ScoreMean, data.ScoreSum, data.ScorePercent} {
		if scoringChoices[i] == c {
			return r
		}
	}
	return data.NotScored
}

// showQuestionsEditor opens the question editor on one of the coach's instruments.
func showQuestionsEditor(s assessmentShell, in data.Instrument, onSave func(data.Instrument)) *questionsEditor {
	e := &questionsEditor{in: in.Clone(), onSave: onSave, rules: map[string]*widget.Select{}}
	e.buildUI(s)
	return e
}

func (e *questionsEditor) buildUI(s assessmentShell) {
	e.store = s.assessments()
	e.list = container.NewVBox()
	e.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.add = widget.NewButtonWithIcon("Add question…", theme.ContentAddIcon(), e.onAddTapped)
	rules := container.New(layout.NewFormLayout())
	for _, sc := range e.in.Scales {
		if sc.Kind == data.Category {
			continue
		}
		sel := widget.NewSelect(scoringChoices, nil)
		sel.SetSelected(scoringChoice(sc.Scoring))
		name := sc.Name
		sel.OnChanged = func(c string) { e.onRuleChanged(name, c) }
		e.rules[strings.ToLower(sc.Name)] = sel
		rules.Add(widget.NewLabelWithStyle(sc.Name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		rules.Add(withHint(sel, captionHint(scaleHint(sc))))
	}
	e.mixed = widget.NewEntry()
	e.mixed.SetText(data.FormatNumber(e.in.MixedWithin))
	e.mixed.OnChanged = func(string) { e.changed = true }
	rules.Add(widget.NewLabelWithStyle("Mixed within", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	rules.Add(withHint(e.mixed, captionHint("Points (percent of a scale's range): another orientation this close to the highest makes the result mixed; 0 means only a tie.")))
	help := captionHint("A question feeds one scale (or none, when it is only asked). A reverse-keyed question counts the other way: agreeing counts low on its scale.")
	body := container.NewVBox(
		container.NewBorder(nil, nil, e.count, e.add), help, e.list,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("How each scale is scored from its questions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		rules)
	e.formDialog = newFormDialog(s, "Questions of "+e.in.Name, "Save", body, 860, 680, e.saveInstrument)
	e.typed = func() bool { return e.changed }
	e.refresh()
}

// refresh lists the questions as they are now.
func (e *questionsEditor) refresh() {
	e.list.Objects = nil
	for n := range e.in.Items {
		e.list.Add(e.questionRow(n))
	}
	if len(e.in.Items) == 0 {
		e.list.Add(captionHint("No questions yet: results on this instrument are typed as scale scores. Add questions to enter a participant's answers instead."))
	}
	e.count.SetText(fmt.Sprintf("%d question%s", len(e.in.Items), data.Plural(len(e.in.Items))))
	e.list.Refresh()
}

func (e *questionsEditor) questionRow(n int) fyne.CanvasObject {
	it := e.in.Items[n]
	title := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", n+1, it.Text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	facts := captionHint(questionFacts(it))
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.onMove(n, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.onMove(n, 1) })
	if n == 0 {
		up.Disable()
	}
	if n == len(e.in.Items)-1 {
		down.Disable()
	}
	edit := widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { e.onEditTapped(n) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.onRemove(n) })
	return container.NewBorder(nil, nil, nil, container.NewHBox(up, down, edit, remove),
		container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()), title, facts))
}

// questionFacts describes a question in one line: "Agreement, 1 to 5 · feeds Job · reverse-keyed · required".
func questionFacts(it data.Item) string {
	format := it.Format.Label()
	switch it.Format {
	case data.Choice:
		var opts []string
		for _, o := range it.Options {
			opts = append(opts, fmt.Sprintf("%s (%s)", o.Text, data.FormatNumber(o.Value)))
		}
		format += ": " + strings.Join(opts, ", ")
	case data.NumberIn:
		format = fmt.Sprintf("A number from %s to %s", data.FormatNumber(it.Min), data.FormatNumber(it.Max))
	}
	feeds := "feeds no scale"
	if it.Scale != "" {
		feeds = "feeds " + it.Scale
	}
	reversed, required := "", ""
	if it.Reversed {
		reversed = "reverse-keyed"
	}
	if it.Required {
		required = "required"
	}
	return joinNonEmpty(" · ", format, feeds, reversed, required, "key "+it.Key)
}

func (e *questionsEditor) onMove(n, step int) {
	m := n + step
	if m < 0 || m >= len(e.in.Items) {
		return
	}
	e.in.Items[n], e.in.Items[m] = e.in.Items[m], e.in.Items[n]
	e.changed = true
	e.refresh()
}

func (e *questionsEditor) onRemove(n int) {
	if n >= len(e.in.Items) {
		return
	}
	e.in.Items = append(e.in.Items[:n], e.in.Items[n+1:]...)
	e.changed = true
	e.refresh()
}

func (e *questionsEditor) onRuleChanged(scale, choice string) {
	for i := range e.in.Scales {
		if strings.EqualFold(e.in.Scales[i].Name, scale) {
			e.in.Scales[i].Scoring = scoringFromChoice(choice)
		}
	}
	e.changed = true
}

func (e *questionsEditor) onAddTapped() {
	e.question = newQuestionForm(e, -1)
}

func (e *questionsEditor) onEditTapped(n int) {
	e.question = newQuestionForm(e, n)
}

// setItem puts a question the question form checked in place n (appended when n is -1); a
// scale fed for the first time gets the first scoring rule whose scores fit its range.
func (e *questionsEditor) setItem(n int, it data.Item) {
	if n < 0 {
		e.in.Items = append(e.in.Items, it)
	} else {
		e.in.Items[n] = it
	}
	for i := range e.in.Scales {
		sc := &e.in.Scales[i]
		if it.Scale == "" || !strings.EqualFold(sc.Name, it.Scale) || sc.Scoring != data.NotScored {
			continue
		}
		for _, r := range data.ScoringRules {
			sc.Scoring = r
			if lo, hi, ok := e.in.ScoreRange(sc.Name); ok && lo >= sc.Min && hi <= sc.Max {
				break
			}
		}
		if sel := e.rules[strings.ToLower(sc.Name)]; sel != nil {
			sel.SetSelected(scoringChoice(sc.Scoring))
		}
	}
	e.changed = true
	e.refresh()
}

// saveInstrument sends the instrument to the store, which checks it whole; nothing is saved when it is refused.
func (e *questionsEditor) saveInstrument() error {
	in := e.in.Clone()
	v, err := readNumber(e.mixed.Text)
	if err != nil {
		return data.Errorf(data.Invalid, "The margin for a mixed orientation must be a number of points, not %q.", strings.TrimSpace(e.mixed.Text))
	}
	in.MixedWithin = v
	return e.write(func() error { return e.store.SaveInstrument(&in) }, saved(func() { e.then = func() { e.onSave(in) } }))
}

// readNumber reads a number as the coach types it: "72", "72.5" or "72,5".
func readNumber(text string) (float64, error) {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(text), ",", ".", 1), 64)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		err = strconv.ErrRange
	}
	return v, err
}

// questionForm adds or changes one question; it is checked with the instrument around it and
// stays open, saying what is wrong, until it is right.
type questionForm struct {
	*formDialog
	editor *questionsEditor
	pos    int // the question's place in the editor; -1 for a new one

	text     *widget.Entry
	format   *widget.Select
	choices  *widget.Entry
	min, max *widget.Entry
	scale    *widget.Select
	reversed *widget.Check
	required *widget.Check
	key      *widget.Entry
	rows     *widget.Form
}

const noScale = "No scale (asked, not scored)"

func newQuestionForm(e *questionsEditor, pos int) *questionForm {
	q := &questionForm{editor: e, pos: pos}
	it := data.Item{Format: data.Agree5, Required: true}
	if pos >= 0 {
		it = e.in.Items[pos]
	}
	q.text = widget.NewMultiLineEntry()
	q.text.Wrapping = fyne.TextWrapWord
	q.text.SetMinRowsVisible(2)
	q.text.SetPlaceHolder("The statement or question, as the participant reads it")
	q.text.SetText(it.Text)
	var formats []string
	for _, f := range data.ResponseFormats {
		formats = append(formats, f.Label())
	}
	q.format = widget.NewSelect(formats, nil)
	q.format.SetSelected(it.Format.Label())
	q.choices = widget.NewMultiLineEntry()
	q.choices.SetMinRowsVisible(3)
	q.choices.SetPlaceHolder("One choice a line, with the value it counts for:\nRarely = 1\nOften = 3")
	var lines []string
	for _, o := range it.Options {
		lines = append(lines, o.Text+" = "+data.FormatNumber(o.Value))
	}
	q.choices.SetText(strings.Join(lines, "\n"))
	q.min, q.max = widget.NewEntry(), widget.NewEntry()
	q.min.SetPlaceHolder("lowest")
	q.max.SetPlaceHolder("highest")
	if it.Format == data.NumberIn {
		q.min.SetText(data.FormatNumber(it.Min))
		q.max.SetText(data.FormatNumber(it.Max))
	}
	scales := []string{noScale}
	for _, sc := range e.in.Scales {
		if sc.Kind != data.Category {
			scales = append(scales, sc.Name)
		}
	}
	q.scale = widget.NewSelect(scales, nil)
	q.scale.SetSelected(noScale)
	if it.Scale != "" {
		q.scale.SetSelected(it.Scale)
	}
	q.reversed = widget.NewCheck("Reverse-keyed: agreeing counts low on its scale", nil)
	q.reversed.SetChecked(it.Reversed)
	q.required = widget.NewCheck("Required: a result needs an answer to it", nil)
	q.required.SetChecked(it.Required)
	q.key = widget.NewEntry()
	q.key.SetText(it.Key)
	q.key.SetPlaceHolder("left empty, Mutua names it")
	q.rows = widget.NewForm(
		&widget.FormItem{Text: "Question", Widget: q.text},
		&widget.FormItem{Text: "Answered as", Widget: q.format},
		&widget.FormItem{Text: "Choices", Widget: q.choices, HintText: "For one of several descriptions: one a line, “description = value”."},
		&widget.FormItem{Text: "Range", Widget: container.NewGridWithColumns(2, q.min, q.max), HintText: "For a number: the lowest and highest answers."},
		&widget.FormItem{Text: "Scale it feeds", Widget: q.scale},
		&widget.FormItem{Text: "", Widget: q.reversed},
		&widget.FormItem{Text: "", Widget: q.required},
		&widget.FormItem{Text: "Key", Widget: q.key, HintText: "The name answers and shared files refer to: lower-case letters, digits, - and _."},
	)
	title := "Add a question"
	if pos >= 0 {
		title = fmt.Sprintf("Question %d", pos+1)
	}
	q.formDialog = newFormDialog(e.shell, title, "OK", q.rows, 640, 620, q.accept)
	q.format.OnChanged = func(string) { q.applyFormat() }
	q.applyFormat()
	e.shell.Window().Canvas().Focus(q.text)
	return q
}

// applyFormat offers the choices only for a choice question and the range only for a number.
func (q *questionForm) applyFormat() {
	f := q.chosenFormat()
	if f == data.Choice {
		q.choices.Enable()
	} else {
		q.choices.Disable()
	}
	if f == data.NumberIn {
		q.min.Enable()
		q.max.Enable()
	} else {
		q.min.Disable()
		q.max.Disable()
	}
}

func (q *questionForm) chosenFormat() data.ResponseFormat {
	for _, f := range data.ResponseFormats {
		if f.Label() == q.format.Selected {
			return f
		}
	}
	return ""
}

// item reads the form into a question, with what cannot be read as problems.
func (q *questionForm) item() (data.Item, []string) {
	it := data.Item{Key: q.key.Text, Text: q.text.Text, Format: q.chosenFormat(), Reversed: q.reversed.Checked, Required: q.required.Checked}
	if q.scale.Selected != noScale {
		it.Scale = q.scale.Selected
	}
	var problems []string
	if it.Format == "" {
		problems = append(problems, "Choose how the question is answered.")
	}
	switch it.Format {
	case data.Choice:
		n := 0
		for _, line := range strings.Split(q.choices.Text, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			n++
			text, value, hasValue := strings.Cut(line, "=")
			o := data.ItemOption{Text: strings.TrimSpace(text), Value: float64(n)}
			if hasValue {
				v, err := readNumber(value)
				if err != nil {
					problems = append(problems, fmt.Sprintf("Choice %d needs a number after “=”, not %q.", n, strings.TrimSpace(value)))
				}
				o.Value = v
			}
			it.Options = append(it.Options, o)
		}
	case data.NumberIn:
		for _, f := range []struct {
			entry *widget.Entry
			into  *float64
			which string
		}{{q.min, &it.Min, "lowest"}, {q.max, &it.Max, "highest"}} {
			v, err := readNumber(f.entry.Text)
			if err != nil {
				problems = append(problems, fmt.Sprintf("The %s answer must be a number, not %q.", f.which, strings.TrimSpace(f.entry.Text)))
			}
			*f.into = v
		}
	}
	if strings.TrimSpace(it.Key) == "" {
		it.Key = q.editor.freeKey()
	}
	return it, problems
}

// freeKey returns a key no question of the instrument has: q1, q2…
func (e *questionsEditor) freeKey() string {
	for n := len(e.in.Items) + 1; ; n++ {
		key := fmt.Sprintf("q%d", n)
		if _, taken := e.in.Item(key); !taken {
			return key
		}
	}
}

// accept checks the question with the instrument around it and hands it to the editor; only the
// question's own problems keep the form open (a scale's scoring is settled in the editor).
func (q *questionForm) accept() error {
	it, problems := q.item()
	if len(problems) > 0 {
		return questionProblems(problems)
	}
	trial := q.editor.in.Clone()
	n := q.pos
	if n < 0 {
		trial.Items = append(trial.Items, it)
		n = len(trial.Items) - 1
	} else {
		trial.Items[n] = it
	}
	trial.Normalize()
	it = trial.Items[n]
	field := it.Key
	if field == "" {
		field = fmt.Sprintf("Question %d", n+1)
	}
	for _, p := range data.Problems(trial.Validate()) {
		if p.Field == field {
			problems = append(problems, p.Message)
		}
	}
	if len(problems) > 0 {
		return questionProblems(problems)
	}
	q.editor.setItem(q.pos, it)
	return nil
}

func questionProblems(problems []string) error {
	var list []data.Problem
	for _, p := range problems {
		list = append(list, data.Problem{Message: p})
	}
	if len(list) == 1 {
		return &data.Error{Code: data.Invalid, Message: list[0].Message, Problems: list}
	}
	return &data.Error{Code: data.Invalid, Message: "The question is not right yet", Problems: list}
}

// onExportTapped saves the instrument on the right as a file another coach can import.
func (i *instrumentsScreen) onExportTapped() {
	if i.shown == nil {
		return
	}
	i.shell.chooseFile("Choose the folder to save in", "Save here", "Save as", i.shown.Name, ".json", i.exportTo)
}

// exportTo writes the instrument on the right to path (refused over the practice file or a backup).
func (i *instrumentsScreen) exportTo(path string) {
	if i.shown == nil {
		return
	}
	in := i.shown.Clone()
	i.shell.saveTo(path, "Exporting the instrument…", func(w io.Writer) error { return data.WriteInstrumentJSON(w, in) },
		func(path string) string {
			return fmt.Sprintf("%s was saved to %s. Another coach can add it to their practice with Import instrument… on the Assessments screen; it holds no results.", in.Name, path)
		})
}

// onImportTapped reads an instrument file, shows what it holds, and adds it when the coach confirms.
func (i *instrumentsScreen) onImportTapped() {
	i.shell.openFile(".json", i.previewImport)
}

// previewImport shows what an instrument file holds, with its name open to change (it must
// differ from the practice's instruments), and adds it on Import; a bad file is refused in plain words.
func (i *instrumentsScreen) previewImport(raw []byte) {
	in, err := data.ReadInstrumentJSON(bytes.NewReader(raw))
	if ps := data.Problems(err); len(ps) == 1 && ps[0].Line == 0 && !strings.Contains(data.Message(err), ps[0].Message) {
		// The error dialog lists problems only when there are several: say the one here.
		err = &data.Error{Code: data.ErrorCode(err), Message: strings.TrimSuffix(data.Message(err), ".") + ": " + ps[0].Message, Err: err}
	}
	if err != nil {
		i.shell.showError("Nothing was imported", err)
		return
	}
	var scales []string
	for _, sc := range in.Scales {
		scales = append(scales, sc.Name)
	}
	summary := wrapped(fmt.Sprintf("%d scale%s (%s) and %d question%s.", len(in.Scales), data.Plural(len(in.Scales)), strings.Join(scales, ", "),
		len(in.Items), data.Plural(len(in.Items))))
	about := captionHint(in.Description)
	about.Hidden = in.Description == ""
	name := widget.NewEntry()
	name.SetText(in.Name)
	body := container.NewVBox(summary, about, widget.NewForm(&widget.FormItem{Text: "Name", Widget: name,
		HintText: "Change it if you already have an instrument by that name."}))
	var imported data.Instrument
	var f *formDialog
	f = newFormDialog(i.shell, "Import "+in.Name, "Import", body, 560, 0, func() error {
		imported = in.Clone()
		imported.Name = name.Text
		return f.write(func() error { return i.shell.assessments().SaveInstrument(&imported) }, saved(func() {
			i.selected = imported.ID
			i.reload()
		}))
	})
	i.importing = f
}

// carryQuestions keeps an edited instrument's questions and scoring rules with its scales:
// each kept scale (same ID) keeps its rule, and the questions feeding a renamed scale follow it.
func carryQuestions(old data.Instrument, in *data.Instrument) {
	renamed := map[string]string{}
	for i := range in.Scales {
		sc := &in.Scales[i]
		for _, was := range old.Scales {
			if sc.ID != 0 && was.ID == sc.ID {
				sc.Scoring = was.Scoring
				renamed[strings.ToLower(was.Name)] = strings.Join(strings.Fields(sc.Name), " ")
			}
		}
	}
	in.Items = old.Clone().Items
	for i := range in.Items {
		if name, ok := renamed[strings.ToLower(in.Items[i].Scale)]; ok && in.Items[i].Scale != "" {
			in.Items[i].Scale = name
		}
	}
}
