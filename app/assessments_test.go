package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// newInstrumentsTestScreen shows the Instruments screen in the window, loaded.
func newInstrumentsTestScreen(t *testing.T, s *practice) *instrumentsScreen {
	t.Helper()
	i := newInstrumentsScreen(s)
	s.win.SetContent(i.content)
	i.reload()
	return i
}

// instrumentNamed reads an instrument back from the practice.
func instrumentNamed(t *testing.T, s *practice, name string) (data.Instrument, bool) {
	t.Helper()
	all, err := s.store.Instruments()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range all {
		if in.Name == name {
			return in, true
		}
	}
	return data.Instrument{}, false
}

// editorRow returns the scale editor row on screen for the form's n-th scale.
func editorRow(t *testing.T, f *instrumentForm, n int) *scaleEditorRow {
	t.Helper()
	r := f.shown[n]
	if r == nil || r.pos != n {
		t.Fatalf("scale %d of the form is not on screen (%d rows shown)", n+1, len(f.shown))
	}
	return r
}

// typeFocused types into whatever has the keyboard, as the coach would.
func typeFocused(s *practice, chars string) {
	test.Type(s.win.Canvas().Focused(), chars)
}

// pressKey presses a key where the keyboard is.
func pressKey(s *practice, key fyne.KeyName) {
	s.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: key})
}

func TestInstrumentsScreenCreateEditRetire(t *testing.T) {
	s := newSampleShell(t)
	i := newInstrumentsTestScreen(t, s)
	if len(i.instruments) != 2 || i.instruments[0].Key == "" || i.instruments[1].Key == "" {
		t.Fatalf("instruments listed: %d", len(i.instruments))
	}
	i.list.Select(1)
	if !strings.HasPrefix(i.badge.Text, "Built-in") || i.edit.Visible() || i.retire.Visible() {
		t.Errorf("a built-in offers editing: badge %q, edit shown %v, retire shown %v", i.badge.Text, i.edit.Visible(), i.retire.Visible())
	}
	if len(i.shown.Scales) != 3 || i.scaleList.Length() != 3+len(i.shown.Items) || !shows(i.detail, "Score, 0 to 100 · measures calling orientation") {
		t.Errorf("built-in scales not shown: %v", texts(i.detail))
	}

	// Create: a score scale and a category scale. One allowed value is not enough.
	test.Tap(i.add)
	f := i.form
	if f == nil || topDialog(s) == nil {
		t.Fatal("New instrument… opened no form")
	}
	test.Type(f.name, "Team energy check")
	energy := editorRow(t, f, 0)
	test.Type(energy.name, "Energy")
	energy.min.SetText("1")
	energy.max.SetText("10")
	test.Tap(f.addScale)
	style := editorRow(t, f, 1)
	test.Type(style.name, "Style")
	style.kind.SetSelected("Category")
	if style.categories.Hidden || !style.orientation.Disabled() {
		t.Error("a category scale shows the number inputs, or offers an orientation")
	}
	test.Type(style.categories, "Driver")
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "Style needs at least two allowed values") || topDialog(s) == nil {
		t.Fatalf("problem %q (shown %v); the form should stay open", f.problem.Text, f.problem.Visible())
	}
	if _, ok := instrumentNamed(t, s, "Team energy check"); ok {
		t.Fatal("an invalid instrument was saved")
	}
	style.categories.SetText("Driver; Analyst; Amiable")
	test.Tap(f.save)
	in, ok := instrumentNamed(t, s, "Team energy check")
	if !ok {
		t.Fatalf("instrument not saved: %q", f.problem.Text)
	}
	if len(in.Scales) != 2 || in.Scales[0].Kind != data.Score || in.Scales[0].Max != 10 ||
		in.Scales[1].Kind != data.Category || data.JoinTags(in.Scales[1].Categories) != "Driver; Analyst; Amiable" {
		t.Errorf("saved scales %+v", in.Scales)
	}
	if topDialog(s) != nil || i.selected != in.ID || i.title.Text != "Team energy check" || !i.edit.Visible() {
		t.Errorf("the new instrument is not shown: %q", i.title.Text)
	}

	// Edit: rename a scale and widen its range; the scale keeps its ID.
	test.Tap(i.edit)
	f = i.form
	if f.name.Text != "Team energy check" || len(f.rows) != 2 {
		t.Fatalf("edit form not filled in: %q, %d scales", f.name.Text, len(f.rows))
	}
	editorRow(t, f, 0).name.SetText("Energy level")
	editorRow(t, f, 0).max.SetText("12")
	test.Tap(f.save)
	edited, _ := instrumentNamed(t, s, "Team energy check")
	if edited.Scales[0].Name != "Energy level" || edited.Scales[0].Max != 12 || edited.Scales[0].ID != in.Scales[0].ID {
		t.Errorf("after editing: %+v", edited.Scales[0])
	}

	// A scale with results cannot be removed; the form says why and stays open.
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	a := data.Assessment{ParticipantID: ana.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 10, 1),
		Values: []data.ScaleValue{{ScaleID: edited.Scales[0].ID, Number: 7}, {ScaleID: edited.Scales[1].ID, Category: "Driver"}}}
	if err := s.store.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	test.Tap(i.edit)
	f = i.form
	test.Tap(editorRow(t, f, 0).remove)
	if len(f.rows) != 1 {
		t.Fatalf("%d scales after removing one", len(f.rows))
	}
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "Energy level has 1 result recorded; keep the scale, or retire the whole instrument") || topDialog(s) == nil {
		t.Errorf("problem %q", f.problem.Text)
	}
	f.dialog.Hide()

	// Retire, then bring back.
	test.Tap(i.retire)
	if got, _ := instrumentNamed(t, s, "Team energy check"); !got.Retired {
		t.Fatal("instrument not retired")
	}
	if i.retire.Text != "Bring back" || !strings.HasPrefix(i.badge.Text, "Retired") {
		t.Errorf("after retiring: button %q, badge %q", i.retire.Text, i.badge.Text)
	}
	if !shows(i.list, "Retired · 2 scales") {
		t.Errorf("the list does not mark it retired: %v", texts(i.list))
	}
	form := newAssessmentForm(s, ana.ID, ana.Name, nil)
	form.show()
	for _, name := range form.instrument.Options {
		if name == "Team energy check" {
			t.Error("a retired instrument is offered for new results")
		}
	}
	form.dialog.Hide()
	test.Tap(i.retire)
	if got, _ := instrumentNamed(t, s, "Team energy check"); got.Retired || i.retire.Text != "Retire" {
		t.Errorf("not brought back: retired %v, button %q", got.Retired, i.retire.Text)
	}
}

func TestAssessmentFormEntersAWorkOrientationResult(t *testing.T) {
	s := newSampleShell(t)
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	before, _ := s.store.History(zoe.ID)
	saved := false
	f := newAssessmentForm(s, zoe.ID, zoe.Name, func() { saved = true })
	f.show()
	if topDialog(s) == nil || f.instrument.Selected != "Work Orientation (Job / Career / Calling)" || len(f.inputs) != 3 {
		t.Fatalf("form opened on %q with %d inputs", f.instrument.Selected, len(f.inputs))
	}
	when := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	f.date.SetDate(&when)

	job, career, calling := f.inputs[0], f.inputs[1], f.inputs[2]
	test.Type(job.entry, "15")
	if f.primary.Text != "Primary orientation: Job" {
		t.Errorf("after Job: %q", f.primary.Text)
	}
	test.Type(calling.entry, "80")
	if f.primary.Text != "Primary orientation: Calling" {
		t.Errorf("after Calling: %q", f.primary.Text)
	}
	test.Type(career.entry, "140")
	if career.hint.Text != "Career must be from 0 to 100, not 140." || career.hint.Importance != widget.DangerImportance || career.entry.Validate() == nil {
		t.Errorf("the out-of-range value is not marked: hint %q", career.hint.Text)
	}
	if f.primary.Text != "Primary orientation: Calling" {
		t.Errorf("an out-of-range value counted: %q", f.primary.Text)
	}
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "Career must be from 0 to 100") || topDialog(s) == nil || saved {
		t.Fatalf("save with a bad value: problem %q, saved %v", f.problem.Text, saved)
	}
	if after, _ := s.store.History(zoe.ID); len(after) != len(before) {
		t.Fatal("a result with a bad value was saved")
	}

	career.entry.SetText("")
	test.Type(career.entry, "40")
	if career.hint.Text != "0 to 100" {
		t.Errorf("the fixed value is still marked: %q", career.hint.Text)
	}
	f.note.SetText("Taken after the kick-off.")
	test.Tap(f.save)
	if !saved || topDialog(s) != nil {
		t.Fatalf("not saved: %q", f.problem.Text)
	}
	after, _ := s.store.History(zoe.ID)
	got := after[0]
	if len(after) != len(before)+1 || got.AssessedOn != data.NewDate(2026, 11, 2) || got.PrimaryOrientation != data.CallingOrientation ||
		got.Note != "Taken after the kick-off." || len(got.Values) != 3 || got.Values[0].Number != 15 || got.Values[1].Number != 40 || got.Values[2].Number != 80 {
		t.Errorf("saved %+v", got)
	}
}

func TestAssessmentFormNeedsEveryScale(t *testing.T) {
	s := newSampleShell(t)
	zoe, _ := s.store.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	f := newAssessmentForm(s, zoe.ID, zoe.Name, nil)
	f.show()
	f.inputs[0].entry.SetText("30")
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "Enter Career (0 to 100).") || f.inputs[2].hint.Importance != widget.DangerImportance {
		t.Errorf("missing values not named: %q", f.problem.Text)
	}
}

func TestAssessmentGridForACohort(t *testing.T) {
	s := newSampleShell(t)
	i := newInstrumentsTestScreen(t, s)
	spring, _ := s.store.CohortByName("Spring 2026 executive circle")
	for n, c := range i.cohorts {
		if c.ID == spring.ID {
			i.cohort.SetSelectedIndex(n)
		}
	}
	test.Tap(i.enter)
	g := i.grid
	if g == nil || topDialog(s) == nil {
		t.Fatal("Enter results for a cohort… opened no grid")
	}
	if len(g.members) != 16 || g.instrument.Selected != "Work Orientation (Job / Career / Calling)" {
		t.Fatalf("grid for %d members on %q", len(g.members), g.instrument.Selected)
	}
	when := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	g.date.SetDate(&when)
	cell := func(row, col int) *gridCell {
		t.Helper()
		c := g.shown[widget.TableCellID{Row: row, Col: col}]
		if c == nil {
			t.Fatalf("cell %d,%d is not on screen", row, col)
		}
		return c
	}
	focused := func() fyne.Focusable { return s.win.Canvas().Focused() }
	if focused() != cell(0, 1).entry {
		t.Fatal("the grid does not start in the first member's first score")
	}

	// Type a row, moving with Tab; Tab at the end of a row goes to the next member.
	typeFocused(s, "20")
	pressKey(s, fyne.KeyTab)
	if focused() != cell(0, 2).entry {
		t.Fatal("Tab did not move to the next cell")
	}
	typeFocused(s, "30")
	pressKey(s, fyne.KeyTab)
	typeFocused(s, "80")
	pressKey(s, fyne.KeyTab)
	if focused() != cell(1, 1).entry {
		t.Fatal("Tab at the end of a row did not move to the next member")
	}
	typeFocused(s, "120")
	pressKey(s, fyne.KeyTab)
	typeFocused(s, "50")
	pressKey(s, fyne.KeyTab)
	typeFocused(s, "40")
	pressKey(s, fyne.KeyReturn)
	if focused() != cell(2, 3).entry {
		t.Fatal("Enter did not move to the cell below")
	}
	if g.values[0][0] != "20" || g.values[0][2] != "80" || g.values[1][0] != "120" {
		t.Fatalf("model holds %v / %v", g.values[0], g.values[1])
	}
	// Looking at another instrument and back keeps what was typed.
	g.instrument.SetSelected("Five Work Orientations questionnaire")
	if g.values[0][0] != "" {
		t.Errorf("another instrument starts with %q typed", g.values[0][0])
	}
	g.instrument.SetSelected("Work Orientation (Job / Career / Calling)")
	if g.values[0][0] != "20" || g.values[1][0] != "120" {
		t.Fatalf("switching instruments lost what was typed: %v / %v", g.values[0], g.values[1])
	}

	// One invalid cell blocks the save; nothing is written.
	if !cell(1, 1).marked() || cell(0, 1).marked() || !strings.HasPrefix(g.status.Text, "1 cell needs attention") {
		t.Errorf("invalid cell not marked: status %q", g.status.Text)
	}
	test.Tap(g.save)
	if !g.problem.Visible() || topDialog(s) == nil {
		t.Fatal("the grid closed with an invalid cell")
	}
	latest := func() map[int64]data.Assessment {
		wo, _ := s.store.InstrumentByKey(data.WorkOrientationKey)
		out := map[int64]data.Assessment{}
		for _, m := range g.members {
			h, _ := s.store.History(m.id)
			for _, a := range h {
				if a.InstrumentID == wo.ID && a.AssessedOn == data.NewDate(2026, 11, 16) {
					out[m.id] = a
				}
			}
		}
		return out
	}
	if n := len(latest()); n != 0 {
		t.Fatalf("%d results saved despite the invalid cell", n)
	}

	// A partly filled row needs its other cells.
	s.win.Canvas().Focus(cell(2, 1).entry)
	typeFocused(s, "10")
	if !strings.HasPrefix(g.status.Text, "3 cells need attention") || cell(2, 1).marked() || !cell(2, 2).marked() || !cell(2, 3).marked() {
		t.Errorf("partly filled row: status %q", g.status.Text)
	}
	cell(2, 1).entry.SetText("")
	cell(1, 1).entry.SetText("12")
	if !strings.HasPrefix(g.status.Text, "2 results ready to save; 14 empty rows will be skipped") || cell(1, 1).marked() {
		t.Errorf("after fixing: status %q", g.status.Text)
	}

	// Cells out of view scroll in when the keyboard reaches them.
	g.focusCell(widget.TableCellID{Row: 15, Col: 3})
	if focused() != cell(15, 3).entry {
		t.Error("the last member's cell did not take the keyboard")
	}

	test.Tap(g.save)
	saved := latest()
	if len(saved) != 2 {
		t.Fatalf("%d results saved, want 2 (problem %q)", len(saved), g.problem.Text)
	}
	first, second := saved[g.members[0].id], saved[g.members[1].id]
	if first.PrimaryOrientation != data.CallingOrientation || first.Values[2].Number != 80 ||
		second.PrimaryOrientation != data.CareerOrientation || second.Values[0].Number != 12 {
		t.Errorf("saved %+v and %+v", first, second)
	}
	if !shows(topDialog(s), "Saved 2 results") || !shows(topDialog(s), "14 members left empty were skipped") {
		t.Errorf("report shows %v", texts(topDialog(s)))
	}
}

func TestAssessmentGridCategoryScale(t *testing.T) {
	s := newSampleShell(t)
	in := data.Instrument{Name: "Team energy check", Scales: []data.Scale{
		{Name: "Energy", Kind: data.Score, Min: 1, Max: 10},
		{Name: "Style", Kind: data.Category, Categories: []string{"Driver", "Analyst"}},
	}}
	if err := s.store.SaveInstrument(&in); err != nil {
		t.Fatal(err)
	}
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	g := newAssessmentGrid(s, autumn.ID)
	g.show()
	g.instrument.SetSelected("Team energy check")
	energy := g.shown[widget.TableCellID{Row: 0, Col: 1}]
	style := g.shown[widget.TableCellID{Row: 0, Col: 2}]
	if !style.choice.Visible() || style.entry.Visible() || len(style.choice.Options) != 2 {
		t.Fatal("a category scale's cell is not a select")
	}
	s.win.Canvas().Focus(energy.entry)
	typeFocused(s, "7")
	pressKey(s, fyne.KeyTab)
	if s.win.Canvas().Focused() != style.choice {
		t.Fatal("Tab did not reach the select")
	}
	style.choice.SetSelected("Analyst")
	test.Tap(g.save)
	h, _ := s.store.History(g.members[0].id)
	if len(h) == 0 || h[0].InstrumentID != in.ID || h[0].Values[1].Category != "Analyst" || h[0].Values[0].Number != 7 {
		t.Errorf("saved %+v", h)
	}
}

func TestAssessmentHistoryAndChart(t *testing.T) {
	s := newSampleShell(t)
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	wo, _ := s.store.InstrumentByKey(data.WorkOrientationKey)
	before, _ := s.store.History(ana.ID)
	record := func(on data.Date, job, career, calling float64) {
		a := data.Assessment{ParticipantID: ana.ID, InstrumentID: wo.ID, AssessedOn: on, Values: []data.ScaleValue{
			{ScaleID: wo.Scales[0].ID, Number: job}, {ScaleID: wo.Scales[1].ID, Number: career}, {ScaleID: wo.Scales[2].ID, Number: calling}}}
		if err := s.store.SaveAssessment(&a); err != nil {
			t.Fatal(err)
		}
	}
	record(data.NewDate(2025, 1, 15), 30, 60, 40)
	record(data.NewDate(2026, 10, 20), 10, 30, 90)

	h := newAssessmentHistory(s)
	s.win.SetContent(h.content)
	h.show(ana.ID, ana.Name)
	n := len(before) + 2
	if len(h.results) != n {
		t.Fatalf("history shows %d results, want %d", len(h.results), n)
	}
	for k := 1; k < len(h.results); k++ {
		if h.results[k-1].AssessedOn.Before(h.results[k].AssessedOn) {
			t.Errorf("results not newest first: %s before %s", h.results[k-1].AssessedOn, h.results[k].AssessedOn)
		}
	}
	if h.results[0].AssessedOn != data.NewDate(2026, 10, 20) || !shows(h.list, "20 Oct 2026 · Work Orientation (Job / Career / Calling) · Calling") ||
		!shows(h.list, "Job 10 · Career 30 · Calling 90") {
		t.Errorf("newest result not first: %v", texts(h.list))
	}
	chart := test.WidgetRenderer(h.chart).(*profileChartRenderer)
	if len(chart.bars) != 3*n || len(chart.legend) != n || len(chart.groupLabels) != 3 {
		t.Fatalf("chart has %d bars, %d legend entries for %d results", len(chart.bars), len(chart.legend), n)
	}
	if chart.legend[0].Text != "15 Jan 2025" || !strings.HasSuffix(chart.legend[n-1].Text, "(latest)") {
		t.Errorf("legend does not run oldest to newest: %q … %q", chart.legend[0].Text, chart.legend[n-1].Text)
	}
	// Within each scale, the newest bar is the strongest colour; bars follow their values.
	_, _, _, oldest := chart.bars[0].FillColor.RGBA()
	_, _, _, newest := chart.bars[n-1].FillColor.RGBA()
	if newest <= oldest {
		t.Error("the newest bar is not the strongest")
	}
	if callingNewest := chart.bars[2*n+n-1]; callingNewest.Size().Height <= chart.bars[n-1].Size().Height {
		t.Error("a calling score of 90 is not drawn taller than a job score of 10")
	}
	if !strings.Contains(h.summary.Text, "Latest work orientation: Calling") {
		t.Errorf("summary %q", h.summary.Text)
	}

	// Add result… saves through the form and refreshes the history and the chart.
	test.Tap(h.add)
	f := h.form
	if f == nil || topDialog(s) == nil {
		t.Fatal("Add result… opened no form")
	}
	when := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	f.date.SetDate(&when)
	for k, v := range []string{"5", "20", "95"} {
		f.inputs[k].entry.SetText(v)
	}
	test.Tap(f.save)
	if len(h.results) != n+1 || h.results[0].AssessedOn != data.NewDate(2026, 11, 20) {
		t.Fatalf("history after adding: %d results", len(h.results))
	}
	if chart := test.WidgetRenderer(h.chart).(*profileChartRenderer); len(chart.bars) != 3*(n+1) {
		t.Errorf("chart has %d bars after adding, want %d", len(chart.bars), 3*(n+1))
	}

	// Someone never assessed: an empty chart that says what to do.
	p := data.Participant{Name: "Noor Haddad"}
	if err := s.store.CreateParticipant(&p); err != nil {
		t.Fatal(err)
	}
	h.show(p.ID, p.Name)
	chart = test.WidgetRenderer(h.chart).(*profileChartRenderer)
	if len(h.results) != 0 || len(chart.bars) != 0 || !chart.message.Visible() || !strings.Contains(chart.message.Text, "No work-orientation results yet") {
		t.Errorf("empty history: %d results, %d bars, message %q", len(h.results), len(chart.bars), chart.message.Text)
	}
	if !h.none.Visible() || h.listBox.Visible() {
		t.Error("an empty history shows the list instead of saying there is nothing yet")
	}
}

func TestCorrectAndDeleteAResult(t *testing.T) {
	s := newSampleShell(t)
	ana, _ := s.store.ParticipantByEmail("ana.pereira@northwind.example")
	wo, _ := s.store.InstrumentByKey(data.WorkOrientationKey)
	older := data.Assessment{ParticipantID: ana.ID, InstrumentID: wo.ID, AssessedOn: data.NewDate(2025, 1, 15), Values: []data.ScaleValue{
		{ScaleID: wo.Scales[0].ID, Number: 30}, {ScaleID: wo.Scales[1].ID, Number: 60}, {ScaleID: wo.Scales[2].ID, Number: 40}}}
	if err := s.store.SaveAssessment(&older); err != nil {
		t.Fatal(err)
	}
	h := newAssessmentHistory(s)
	s.win.SetContent(h.content)
	h.show(ana.ID, ana.Name)
	n := len(h.results)
	row := -1
	for i, a := range h.results {
		if a.ID == older.ID {
			row = i
		}
	}
	if row < 0 || !shows(h.content, "Select a result to correct or delete it.") {
		t.Fatalf("the result is not listed, or the list does not say it can be corrected: %v", texts(h.content))
	}

	// Selecting the result opens it, filled in; a value out of range is refused as for a new one.
	h.list.Select(row)
	f := h.form
	if f == nil || f.editing == nil || !shows(topDialog(s), "Correct result for Ana Pereira") || !f.instrument.Disabled() ||
		f.inputs[1].entry.Text != "60" || func() bool { d, err := f.date.value(); return err != nil || d != older.AssessedOn }() {
		t.Fatalf("the form is not filled with the result: %+v", f)
	}
	f.inputs[1].entry.SetText("160")
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "Career must be from 0 to 100") || topDialog(s) == nil {
		t.Fatalf("an out-of-range correction: %q", f.problem.Text)
	}
	f.inputs[1].entry.SetText("65")
	when := time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC)
	f.date.SetDate(&when)
	test.Tap(f.save)
	if topDialog(s) != nil {
		t.Fatalf("not saved: %q", f.problem.Text)
	}
	if len(h.results) != n || !shows(h.list, "16 Jan 2025 · Work Orientation (Job / Career / Calling) · Career") || !shows(h.list, "Job 30 · Career 65 · Calling 40") {
		t.Errorf("the history does not show the correction: %v", texts(h.list))
	}

	// Deleting asks first, naming the result.
	for i, a := range h.results {
		if a.ID == older.ID {
			row = i
		}
	}
	h.list.Select(row)
	test.Tap(h.form.remove)
	if s.lastConfirm == nil || !shows(topDialog(s), "Delete Ana Pereira's Work Orientation (Job / Career / Calling) result of 16 Jan 2025 (Job 30 · Career 65 · Calling 40)?") {
		t.Fatalf("no confirmation naming the result: %v", texts(topDialog(s)))
	}
	s.lastConfirm.Dismiss()
	if after, _ := s.store.History(ana.ID); len(after) != n {
		t.Fatal("cancel deleted the result")
	}
	test.Tap(h.form.remove)
	s.lastConfirm.Confirm()
	if after, _ := s.store.History(ana.ID); len(after) != n-1 || len(h.results) != n-1 || topDialog(s) != nil {
		t.Errorf("after deleting: %d saved, %d shown", len(after), len(h.results))
	}
}

func TestAssessmentGridShowsResultsSavedOnTheDate(t *testing.T) {
	s := newSampleShell(t)
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	wo, _ := s.store.InstrumentByKey(data.WorkOrientationKey)
	g := newAssessmentGrid(s, autumn.ID)
	g.show()
	first, second := g.members[0], g.members[1]
	onDay := data.NewDate(2026, 11, 20)
	a := data.Assessment{ParticipantID: first.id, InstrumentID: wo.ID, AssessedOn: onDay}
	for i, n := range []float64{20, 30, 82.5} {
		a.Values = append(a.Values, data.ScaleValue{ScaleID: wo.Scales[i].ID, Number: n})
	}
	if err := s.store.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}

	// Something typed before choosing the date stays.
	g.values[1] = []string{"60", "20", "10"}
	when := onDay.Time()
	g.date.SetDate(&when)
	if !slices.Equal(g.values[0], []string{"20", "30", "82.5"}) {
		t.Errorf("the first member's row shows %v, want the result saved on the date", g.values[0])
	}
	if !slices.Equal(g.values[1], []string{"60", "20", "10"}) {
		t.Errorf("what was typed became %v", g.values[1])
	}
	if c := g.shown[widget.TableCellID{Row: 0, Col: 3}]; c == nil || c.entry.Text != "82.5" {
		t.Error("the saved calling score is not in its cell")
	}
	if !strings.Contains(g.status.Text, "1 result saved on this date stays as it is") {
		t.Errorf("status %q", g.status.Text)
	}

	// Saving writes only what changed.
	test.Tap(g.save)
	if !shows(topDialog(s), "Saved 1 result") {
		t.Errorf("report shows %v", texts(topDialog(s)))
	}
	saved, _ := s.store.AssessmentsOn(wo.ID, onDay)
	if len(saved) != 2 || saved[first.id].ID != a.ID || saved[second.id].Values[0].Number != 60 {
		t.Errorf("saved on the date: %+v", saved)
	}

	// Another date shows its own results: none here.
	g = newAssessmentGrid(s, autumn.ID)
	g.show()
	g.date.SetDate(&when)
	if !slices.Equal(g.values[1], []string{"60", "20", "10"}) || !strings.HasPrefix(g.status.Text, "2 results saved on this date are shown") {
		t.Errorf("reopened grid shows %v, status %q", g.values[1], g.status.Text)
	}
	later := when.AddDate(0, 0, 1)
	g.date.SetDate(&later)
	if !blankRow(g.values[0]) || !blankRow(g.values[1]) {
		t.Errorf("the next day shows %v / %v, want empty rows", g.values[0], g.values[1])
	}
}
