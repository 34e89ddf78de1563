package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// newClimateScreen shows the Instruments screen on a practice holding the coach's own
// instrument "Team climate" (two score scales, no questions yet), selected.
func newClimateScreen(t *testing.T) (*practice, *instrumentsScreen, data.Instrument) {
	t.Helper()
	s := newTestShell(t)
	in := data.Instrument{Name: "Team climate", Scales: []data.Scale{
		{Name: "Trust", Kind: data.Score, Min: 1, Max: 5},
		{Name: "Pace", Kind: data.Score, Min: 0, Max: 100},
	}}
	if err := s.store.SaveInstrument(&in); err != nil {
		t.Fatal(err)
	}
	i := newInstrumentsTestScreen(t, s)
	for n, got := range i.instruments {
		if got.ID == in.ID {
			i.list.Select(n)
		}
	}
	if i.shown == nil || i.shown.ID != in.ID || !i.questions.Visible() {
		t.Fatal("the coach's instrument is not shown with its Questions… button")
	}
	return s, i, in
}

func TestQuestionEditorBuildsAnInstrument(t *testing.T) {
	s, i, in := newClimateScreen(t)
	test.Tap(i.questions)
	e := i.editor
	if e == nil || topDialog(s) == nil || !shows(topDialog(s), "No questions yet") {
		t.Fatal("Questions… opened no editor")
	}

	// A statement answered by agreement, feeding Trust.
	test.Tap(e.add)
	q := e.question
	test.Type(q.text, "I can say what I think in my team.")
	q.scale.SetSelected("Trust")
	test.Tap(q.save)
	if len(e.in.Items) != 1 || topDialog(s) == nil {
		t.Fatalf("the first question was not added: %d questions", len(e.in.Items))
	}
	if e.rules["trust"].Selected != "Mean of its questions" {
		t.Errorf("Trust is scored %q once a question feeds it, want the mean", e.rules["trust"].Selected)
	}

	// A choice with one choice only is refused in plain words, and the form stays open.
	test.Tap(e.add)
	q = e.question
	test.Type(q.text, "Which describes your week best?")
	q.format.SetSelected("One of several descriptions")
	q.choices.SetText("Calm = 0")
	q.scale.SetSelected("Pace")
	test.Tap(q.save)
	if !q.problem.Visible() || !strings.Contains(q.problem.Text, "has only one choice") || len(e.in.Items) != 1 {
		t.Fatalf("a choice with one choice: problem %q, %d questions", q.problem.Text, len(e.in.Items))
	}
	q.choices.SetText("Calm = 0\nBusy = one")
	test.Tap(q.save)
	if !strings.Contains(q.problem.Text, "Choice 2 needs a number after “=”, not \"one\"") {
		t.Errorf("a choice value that is not a number: %q", q.problem.Text)
	}
	q.choices.SetText("Calm = 0\nBusy = 1\nFrantic = 2")
	test.Tap(q.save)
	if len(e.in.Items) != 2 || e.in.Items[1].Options[2].Text != "Frantic" {
		t.Fatalf("the choice question was not added: %q", q.problem.Text)
	}

	// Reorder, then a rule that leaves Trust unscored is refused at Save; nothing is saved.
	e.onMove(1, -1)
	if e.in.Items[0].Key != "q2" {
		t.Errorf("after moving up, the first question is %q", e.in.Items[0].Key)
	}
	e.rules["trust"].SetSelected("Not scored")
	test.Tap(e.save)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "Trust is fed by 1 questions but has no scoring rule") {
		t.Fatalf("an unscored scale fed by a question: problem %q", e.problem.Text)
	}
	if got, _ := instrumentNamed(t, s, "Team climate"); len(got.Items) != 0 {
		t.Fatal("a refused instrument was saved")
	}
	e.rules["trust"].SetSelected("Mean of its questions")
	e.rules["pace"].SetSelected("Percent of the maximum")
	test.Tap(e.save)
	got, _ := instrumentNamed(t, s, "Team climate")
	if len(got.Items) != 2 || got.Items[0].Text != "Which describes your week best?" || got.Items[1].Scale != "Trust" ||
		got.Scales[0].Scoring != data.ScoreMean || got.Scales[1].Scoring != data.ScorePercent {
		t.Fatalf("saved %+v with scales %+v (problem %q)", got.Items, got.Scales, e.problem.Text)
	}
	if topDialog(s) != nil || !strings.Contains(i.scaleCount.Text, "2 questions") {
		t.Errorf("after saving: dialog open %v, count %q", topDialog(s) != nil, i.scaleCount.Text)
	}

	// Editing the scales keeps the questions, following a renamed scale.
	test.Tap(i.edit)
	editorRow(t, i.form, 0).name.SetText("Safety")
	test.Tap(i.form.save)
	got, _ = instrumentNamed(t, s, "Team climate")
	if len(got.Items) != 2 || got.Items[1].Scale != "Safety" || got.Scales[0].Scoring != data.ScoreMean {
		t.Errorf("after renaming a scale: %+v, problem %q", got.Items, i.form.problem.Text)
	}
	_ = in
}

func TestExportThenImportAnInstrument(t *testing.T) {
	s, i, in := newClimateScreen(t)
	in.Scales[0].Scoring = data.ScoreMean
	in.Items = []data.Item{{Key: "trust-1", Text: "I can say what I think.", Format: data.Agree5, Scale: "Trust", Required: true}}
	if err := s.store.SaveInstrument(&in); err != nil {
		t.Fatal(err)
	}
	i.reload()

	// Never over the practice file.
	i.exportTo(s.store.Path())
	if !shows(topDialog(s), "That name is for practice files") {
		t.Fatalf("export over the practice file: %v", texts(topDialog(s)))
	}
	topDialog(s).Hide()
	path := filepath.Join(t.TempDir(), "Team climate.json")
	i.exportTo(path)
	if !shows(topDialog(s), "Team climate was saved to") {
		t.Fatalf("export: %v", texts(topDialog(s)))
	}
	topDialog(s).Hide()
	raw, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(raw, []byte(`"mutua-instrument"`)) {
		t.Fatalf("exported file: %v %s", err, raw)
	}

	// A file that is not an instrument is refused, saying why.
	i.previewImport([]byte(`{"format": "mutua-instrument", "version": 1, "instrument": {"name": "Broken", "scales": []}}`))
	if !shows(topDialog(s), "needs at least one scale") {
		t.Errorf("a bad file: %v", texts(topDialog(s)))
	}
	topDialog(s).Hide()

	// Importing it into the same practice: the preview says what it holds; the name is taken.
	i.previewImport(raw)
	f := i.importing
	if f == nil || !shows(topDialog(s), "2 scales (Trust, Pace) and 1 question.") {
		t.Fatalf("preview: %v", texts(topDialog(s)))
	}
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "There is already an instrument called \"Team climate\"") {
		t.Fatalf("a taken name: problem %q", f.problem.Text)
	}
	name := findEntry(t, topDialog(s), "Team climate")
	name.SetText("Team climate (from Ana)")
	test.Tap(f.save)
	got, ok := instrumentNamed(t, s, "Team climate (from Ana)")
	if !ok || len(got.Items) != 1 || got.Items[0].Key != "trust-1" || got.Scales[0].Scoring != data.ScoreMean {
		t.Fatalf("imported %+v (problem %q)", got, f.problem.Text)
	}
	if i.shown == nil || i.shown.ID != got.ID {
		t.Error("the imported instrument is not shown")
	}
}

// findEntry returns the entry under o that holds text.
func findEntry(t *testing.T, o fyne.CanvasObject, text string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if e, ok := o.(*widget.Entry); ok && e.Text == text {
			found = e
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no entry holding %q", text)
	}
	return found
}

func TestAnswersEnteredForACohortMember(t *testing.T) {
	s := newSampleShell(t)
	spring, _ := s.store.CohortByName("Spring 2026 executive circle")
	g := newAssessmentGrid(s, spring.ID)
	g.show()
	when := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	g.date.SetDate(&when)
	if !g.answersButton.Visible() {
		t.Fatal("the grid offers no answers for the Work Orientation questionnaire")
	}
	test.Tap(g.answersButton)
	f := g.answers
	if f == nil || len(f.inputs) != 15 || f.member.Selected != g.members[0].name {
		t.Fatalf("answers form: %v", texts(topDialog(s)))
	}
	// Agree with every calling statement, disagree with the rest (reverse-keyed ones the other way).
	for _, in := range f.inputs[1:] {
		agree := strings.HasPrefix(in.item.Key, "calling") != in.item.Reversed
		if agree {
			in.choice.SetSelected("5 · Strongly agree")
		} else {
			in.choice.SetSelected("1 · Strongly disagree")
		}
	}
	if !strings.Contains(f.scores.Text, "Calling 100") || !strings.Contains(f.scores.Text, "primary orientation Calling") {
		t.Errorf("live scores %q", f.scores.Text)
	}
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "needs an answer") {
		t.Fatalf("a required question left blank: problem %q", f.problem.Text)
	}
	if saved, _ := s.store.AssessmentsOn(g.current.ID, data.DateOf(when)); len(saved) != 0 {
		t.Fatal("a result with a blank required answer was saved")
	}
	f.inputs[0].choice.SetSelected("1 · Strongly disagree") // job-1
	if f.scores.Text != "Scores: Job 0 · Career 0 · Calling 100 · primary orientation Calling" {
		t.Errorf("live scores %q", f.scores.Text)
	}
	test.Tap(f.save)
	if saved, _ := s.store.AssessmentsOn(g.current.ID, data.DateOf(when)); len(saved) != 1 {
		t.Fatalf("not saved: %q", f.problem.Text)
	}
	if !slices.Equal(g.values[0], []string{"0", "0", "100"}) || !strings.HasSuffix(g.memberLabel(0), "· from answers") {
		t.Errorf("the grid row shows %v, %q", g.values[0], g.memberLabel(0))
	}
	if c := g.shown[widget.TableCellID{Row: 0, Col: 0}]; c == nil || !strings.Contains(c.name.Text, "from answers") {
		t.Error("the grid's name cell does not say the result came from answers")
	}
	history, _ := s.store.History(g.members[0].id)
	if len(history) == 0 || history[0].Answers["calling-1"] != 5 || history[0].PrimaryOrientation != data.CallingOrientation {
		t.Fatalf("saved %+v", history)
	}
	h := newAssessmentHistory(s)
	h.show(g.members[0].id, g.members[0].name)
	if h.list.Length() == 0 {
		t.Fatal("no history")
	}
	row := newTwoLineRow()
	h.updateRow(0, row)
	if !shows(row, "From answers · Job 0 · Career 0 · Calling 100") {
		t.Errorf("history row %v", texts(row))
	}

	// Correcting the result opens its answers; one changed answer changes its score.
	c := newCorrectionForm(s, g.members[0].name, history[0], nil)
	c.show()
	if c.answersButton.Text != "Correct the answers instead…" {
		t.Fatalf("the correction form offers %q", c.answersButton.Text)
	}
	test.Tap(c.answersButton)
	f = c.answers
	if f == nil || f.inputs[2].choice.Selected != "5 · Strongly agree" || f.inputs[0].choice.Selected != "1 · Strongly disagree" {
		t.Fatal("the answers form does not show the saved answers")
	}
	f.inputs[0].choice.SetSelected("5 · Strongly agree") // job-1
	test.Tap(f.save)
	history, _ = s.store.History(g.members[0].id)
	if len(history[0].Values) != 3 || history[0].Values[0].Number != 20 || history[0].Answers["job-1"] != 5 {
		t.Errorf("corrected %+v (problem %q)", history[0], f.problem.Text)
	}

	// Correcting only the note keeps the answers the scores came from.
	c = newCorrectionForm(s, g.members[0].name, history[0], nil)
	c.show()
	c.note.SetText("Took it on paper at the kick-off")
	test.Tap(c.save)
	history, _ = s.store.History(g.members[0].id)
	if history[0].Note != "Took it on paper at the kick-off" || len(history[0].Answers) != 15 {
		t.Errorf("after a note was corrected: note %q, %d answers", history[0].Note, len(history[0].Answers))
	}
}

// The built-in questionnaire cannot be edited, but its statements can be read on its page.
func TestBuiltInQuestionsAreListed(t *testing.T) {
	s := newTestShell(t)
	i := newInstrumentsTestScreen(t, s)
	for n, in := range i.instruments {
		if in.Key == data.WorkOrientationKey {
			i.list.Select(n)
		}
	}
	if i.shown == nil || len(i.shown.Items) != 15 {
		t.Fatal("the Work Orientation questionnaire is not shown with its 15 questions")
	}
	if got := i.scaleList.Length(); got != len(i.shown.Scales)+15 {
		t.Fatalf("the page lists %d rows, want the scales and the 15 questions", got)
	}
	row := newScaleRow()
	i.updateScaleRow(len(i.shown.Scales), row)
	if first := i.shown.Items[0]; !shows(row, "Question 1") || !shows(row, first.Text) || !shows(row, "feeds "+first.Scale) {
		t.Errorf("the first question's row reads %v", texts(row))
	}
}
