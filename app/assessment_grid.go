package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// showAssessmentGrid opens the grid to enter a cohort's results on one instrument together.
func (s *practice) showAssessmentGrid(cohortID int64) {
	newAssessmentGrid(s, cohortID).show()
}

// gridMember is one cohort member: a row of the grid.
type gridMember struct {
	id   int64
	name string
}

// assessmentGrid enters a whole cohort's results on one instrument and date: one row per
// member, one column per scale. What is typed lives in values, not in the table's cells,
// which the table reuses as it scrolls.
type assessmentGrid struct {
	shell    assessmentShell
	cohortID int64

	cohort      data.Cohort
	members     []gridMember
	instruments []data.Instrument // open for new results, Work Orientation first
	current     *data.Instrument
	values      [][]string                       // [member][scale]: the text typed or the category chosen
	typed       map[int64][][]string             // what was typed for other instruments, by instrument
	saved       map[int64][][]string             // by instrument, the results saved on the date, as the grid shows them (nil rows: none)
	problems    map[widget.TableCellID]string    // what is wrong with each marked cell
	shown       map[widget.TableCellID]*gridCell // the cells on screen now

	*formDialog
	instrument *widget.Select
	date       *dateEntry
	table      *widget.Table
	status     *widget.Label // how many cells need attention, or how many results are ready

	answersButton *widget.Button // enter a member's answers to the questions (assessment_answers.go)
	answers       *answersForm   // the open answers form, if any
	answered      map[int64]bool // the members whose result on the date came from answers
}

// nameColumnWidth is the width of the fixed column of member names.
const nameColumnWidth = 220

func newAssessmentGrid(shell assessmentShell, cohortID int64) *assessmentGrid {
	g := &assessmentGrid{shell: shell, cohortID: cohortID, problems: map[widget.TableCellID]string{},
		shown: map[widget.TableCellID]*gridCell{}}
	g.buildUI()
	return g
}

func (g *assessmentGrid) buildUI() {
	g.instrument = widget.NewSelect(nil, nil)
	g.date = newDateEntry()
	today := time.Now()
	g.date.SetDate(&today)
	g.table = widget.NewTable(g.size, func() fyne.CanvasObject { return newGridCell(g) }, g.updateCell)
	g.table.StickyColumnCount = 1
	g.table.ShowHeaderRow = true
	g.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	g.table.UpdateHeader = g.updateHeader
	g.status = widget.NewLabel("")
	g.status.Wrapping = fyne.TextWrapWord
	g.instrument.OnChanged = g.onInstrumentChanged
	g.answersButton = widget.NewButtonWithIcon("Enter answers…", theme.ListIcon(), g.onAnswersTapped)
	g.answersButton.Hide()
	g.date.onChanged = func(data.Date) { g.showSaved() }
}

// show reads the cohort, its members and the instruments off the UI goroutine, then opens
// the grid.
func (g *assessmentGrid) show() {
	var cohort data.Cohort
	var roster *data.Roster
	var all []data.Instrument
	g.shell.read("Mutua could not open the cohort's results", nil,
		func() (err error) {
			store := g.shell.assessments()
			if cohort, err = store.Cohort(g.cohortID); err != nil {
				return err
			}
			if roster, err = store.Roster(); err != nil {
				return err
			}
			all, err = store.Instruments()
			return err
		},
		func() {
			g.cohort = cohort
			g.members = nil
			for _, e := range roster.Entries {
				for _, id := range e.CohortIDs {
					if id == g.cohortID {
						g.members = append(g.members, gridMember{id: e.ID, name: e.Name})
					}
				}
			}
			g.instruments = openInstruments(all)
			g.open()
		})
}

func (g *assessmentGrid) open() {
	var names []string
	for _, in := range g.instruments {
		names = append(names, in.Name)
	}
	help := widget.NewLabel("Type each member's result. Tab moves to the next cell, Enter to the cell below. " +
		"Rows left empty are skipped; a result already saved on this date is replaced.")
	help.Wrapping = fyne.TextWrapWord
	help.TextStyle.Italic = true
	choose := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Instrument", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), g.instrument,
		widget.NewLabelWithStyle("Date", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), container.NewGridWrap(fyne.NewSize(220, g.date.MinSize().Height), g.date))
	var body fyne.CanvasObject = g.table
	switch {
	case len(g.members) == 0:
		body = emptyState("This cohort has no members yet", "Add members on the Cohorts screen, then enter their results here.")
	case len(names) == 0:
		body = emptyState("No instrument is open for results", "Every instrument is retired. Bring one back to enter results.")
	}
	content := container.NewBorder(container.NewVBox(choose, help), g.status, nil, nil, body)
	title := fmt.Sprintf("Results for %s (%d member%s)", g.cohort.Name, len(g.members), data.Plural(len(g.members)))
	g.formDialog = buildFormDialog(g.shell, title, "Save results", content, 1100, 700, g.onSaveTapped)
	g.addLeading(g.answersButton)
	g.fill()
	if body != g.table {
		g.save.Disable()
	}
	g.instrument.SetOptions(names)
	if len(names) > 0 {
		g.instrument.SetSelectedIndex(0)
	}
	g.dialog.Show()
	g.table.Refresh()
	g.focusCell(widget.TableCellID{Row: 0, Col: 1})
}

func (g *assessmentGrid) size() (int, int) {
	if g.current == nil {
		return len(g.members), 1
	}
	return len(g.members), 1 + len(g.current.Scales)
}

// onInstrumentChanged shows one column per scale of the instrument. What was typed for
// another instrument is kept, and comes back when the coach switches back to it.
func (g *assessmentGrid) onInstrumentChanged(name string) {
	if g.current != nil {
		if g.typed == nil {
			g.typed = map[int64][][]string{}
		}
		g.typed[g.current.ID] = g.values
	}
	g.current = nil
	for i := range g.instruments {
		if g.instruments[i].Name == name {
			g.current = &g.instruments[i]
		}
	}
	g.values = make([][]string, len(g.members))
	if g.current != nil {
		if kept, ok := g.typed[g.current.ID]; ok {
			g.values = kept
		} else {
			for i := range g.values {
				g.values[i] = make([]string, len(g.current.Scales))
			}
		}
	}
	g.table.SetColumnWidth(0, nameColumnWidth)
	if g.current != nil {
		for c, sc := range g.current.Scales {
			g.table.SetColumnWidth(c+1, columnWidth(sc))
		}
	}
	g.answersButton.Hidden = g.current == nil || !g.current.HasItems() || len(g.members) == 0
	g.buttons.Refresh() // lays the row out again with the button shown or hidden
	g.problem.Hide()
	g.check()
	g.table.Refresh()
	g.showSaved()
}

// showSaved reads the results already saved on the instrument and date off the UI goroutine
// and shows them in the rows the coach has not typed in, so the grid never looks empty for
// results that exist.
func (g *assessmentGrid) showSaved() {
	in := g.current
	on := g.date.date()
	if in == nil || g.formDialog == nil {
		return
	}
	var found map[int64]data.Assessment
	g.shell.read("Mutua could not read the results saved on this date",
		func() bool { return g.current == in && g.date.date() == on },
		func() (err error) {
			store := g.shell.assessments()
			if on.IsZero() {
				return nil
			}
			found, err = store.AssessmentsOn(in.ID, on)
			return err
		},
		func() {
			if g.saved == nil {
				g.saved = map[int64][][]string{}
			}
			before := g.saved[in.ID]
			now := make([][]string, len(g.members))
			g.answered = map[int64]bool{}
			for r, m := range g.members {
				if a, ok := found[m.id]; ok {
					now[r] = savedRow(in, a)
					g.answered[m.id] = a.Answers != nil
				}
				untouched := blankRow(g.values[r]) || (r < len(before) && before[r] != nil && slices.Equal(g.values[r], before[r]))
				if untouched {
					if now[r] != nil {
						g.values[r] = slices.Clone(now[r])
					} else {
						g.values[r] = make([]string, len(in.Scales))
					}
				}
			}
			g.saved[in.ID] = now
			g.check()
			g.table.Refresh()
		})
}

// savedRow writes a saved result as the grid shows it, one text per scale.
func savedRow(in *data.Instrument, a data.Assessment) []string {
	row := make([]string, len(in.Scales))
	for c, sc := range in.Scales {
		for _, v := range a.Values {
			if v.ScaleID != sc.ID {
				continue
			}
			if sc.Kind == data.Category {
				row[c] = v.Category
			} else {
				row[c] = data.FormatNumber(v.Number)
			}
		}
	}
	return row
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// unchanged reports whether row r shows a saved result as it was saved.
func (g *assessmentGrid) unchanged(r int) bool {
	saved := g.saved[g.current.ID]
	return r < len(saved) && saved[r] != nil && slices.Equal(g.values[r], saved[r])
}

// columnWidth leaves room for the scale's name and range in the header.
func columnWidth(sc data.Scale) float32 {
	l := widget.NewLabelWithStyle(columnTitle(sc), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return min(max(l.MinSize().Width+theme.Padding(), 130), 260)
}

// columnTitle names a scale's column with its range: "Calling (0–100)".
func columnTitle(sc data.Scale) string {
	switch sc.Kind {
	case data.Category:
		return sc.Name
	case data.Rank:
		return fmt.Sprintf("%s (rank 1–%s)", sc.Name, data.FormatNumber(sc.Max))
	}
	return fmt.Sprintf("%s (%s–%s)", sc.Name, data.FormatNumber(sc.Min), data.FormatNumber(sc.Max))
}

func (g *assessmentGrid) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	switch {
	case id.Row >= 0:
		l.SetText("")
	case id.Col == 0:
		l.SetText("Participant")
	case g.current != nil && id.Col-1 < len(g.current.Scales):
		l.SetText(columnTitle(g.current.Scales[id.Col-1]))
	default:
		l.SetText("")
	}
}

// updateCell shows the model's value in a cell the table is reusing for id.
func (g *assessmentGrid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*gridCell)
	if g.shown[c.id] == c {
		delete(g.shown, c.id)
	}
	c.id = id
	g.shown[id] = c
	c.binding = true
	defer func() { c.binding = false }()
	if id.Row >= len(g.members) {
		return
	}
	if id.Col == 0 {
		c.name.SetText(g.memberLabel(id.Row))
		c.show(c.name)
		c.setMarked(false)
		return
	}
	if g.current == nil || id.Col-1 >= len(g.current.Scales) {
		c.show(nil)
		return
	}
	sc := g.current.Scales[id.Col-1]
	value := g.values[id.Row][id.Col-1]
	if sc.Kind == data.Category {
		c.choice.Options = sc.Categories
		if value == "" {
			c.choice.ClearSelected()
		} else {
			c.choice.SetSelected(value)
		}
		c.show(c.choice)
	} else {
		setText(&c.entry.Entry, value)
		c.entry.SetPlaceHolder(fmt.Sprintf("%s–%s", data.FormatNumber(sc.Min), data.FormatNumber(sc.Max)))
		c.show(c.entry)
	}
	c.setMarked(g.problems[id] != "")
}

// onCellChanged keeps what the coach typed and checks the grid again.
func (g *assessmentGrid) onCellChanged(id widget.TableCellID, value string) {
	if id.Row >= len(g.values) || id.Col < 1 || id.Col-1 >= len(g.values[id.Row]) {
		return
	}
	g.values[id.Row][id.Col-1] = value
	g.problem.Hide()
	g.check()
	for cid, c := range g.shown {
		if cid.Col > 0 {
			c.setMarked(g.problems[cid] != "")
		}
	}
}

// check finds every cell that needs attention and says how many there are. A row left
// empty is skipped; a row partly filled needs every value.
func (g *assessmentGrid) check() (ready int) {
	g.problems = map[widget.TableCellID]string{}
	if g.current == nil {
		g.status.SetText("")
		return 0
	}
	first := ""
	kept := 0
	for r, row := range g.values {
		if g.unchanged(r) {
			kept++
			continue
		}
		filled := 0
		for _, v := range row {
			if strings.TrimSpace(v) != "" {
				filled++
			}
		}
		if filled == 0 {
			continue
		}
		rowOK := true
		for c, v := range row {
			sc := g.current.Scales[c]
			msg := ""
			switch {
			case strings.TrimSpace(v) == "":
				msg = fmt.Sprintf("%s needs a value too, or clear the row.", sc.Name)
			case sc.Kind.Numeric():
				_, msg = checkScaleText(sc, v)
			}
			if msg != "" {
				rowOK = false
				g.problems[widget.TableCellID{Row: r, Col: c + 1}] = msg
				if first == "" {
					first = g.members[r].name + ": " + msg
				}
			}
		}
		if rowOK {
			ready++
		}
	}
	switch n := len(g.problems); {
	case n > 0:
		verb := "s need"
		if n == 1 {
			verb = " needs"
		}
		g.status.SetText(fmt.Sprintf("%d cell%s attention. %s", n, verb, first))
		g.status.Importance = widget.DangerImportance
	case ready == 0 && kept == 1:
		g.status.SetText("1 result saved on this date is shown; change it to replace it.")
		g.status.Importance = widget.MediumImportance
	case ready == 0 && kept > 1:
		g.status.SetText(fmt.Sprintf("%d results saved on this date are shown; change one to replace it.", kept))
		g.status.Importance = widget.MediumImportance
	case ready == 0:
		g.status.SetText("No results entered yet.")
		g.status.Importance = widget.MediumImportance
	default:
		empty := len(g.members) - ready - kept
		text := fmt.Sprintf("%d result%s ready to save; %d empty row%s will be skipped.", ready, data.Plural(ready), empty, data.Plural(empty))
		switch {
		case kept == 1:
			text += " 1 result saved on this date stays as it is."
		case kept > 1:
			text += fmt.Sprintf(" %d results saved on this date stay as they are.", kept)
		}
		g.status.SetText(text)
		g.status.Importance = widget.MediumImportance
	}
	g.status.Refresh()
	return ready
}

// next returns the cell after id in reading order (step 1) or before it (step -1), staying
// on the last or first scale cell at the ends.
func (g *assessmentGrid) next(id widget.TableCellID, step int) widget.TableCellID {
	rows, cols := g.size()
	if cols < 2 || rows == 0 {
		return id
	}
	per := cols - 1
	pos := id.Row*per + (id.Col - 1) + step
	pos = min(max(pos, 0), rows*per-1)
	return widget.TableCellID{Row: pos / per, Col: pos%per + 1}
}

// below returns the cell under id (above it for step -1), staying in the grid.
func (g *assessmentGrid) below(id widget.TableCellID, step int) widget.TableCellID {
	rows, _ := g.size()
	id.Row = min(max(id.Row+step, 0), max(rows-1, 0))
	return id
}

// focusCell scrolls the cell into view and puts the keyboard in it.
func (g *assessmentGrid) focusCell(id widget.TableCellID) {
	rows, cols := g.size()
	if id.Row >= rows || id.Col >= cols || id.Col < 1 {
		return
	}
	g.table.ScrollTo(id)
	if c := g.shown[id]; c != nil && c.id == id {
		if f := c.focusable(); f != nil {
			g.shell.Window().Canvas().Focus(f)
		}
	}
}

// results reads the filled rows into results for the chosen date.
func (g *assessmentGrid) results(on data.Date) []data.Assessment {
	var out []data.Assessment
	for r, row := range g.values {
		if g.unchanged(r) {
			continue // saved already, as it is
		}
		a := data.Assessment{ParticipantID: g.members[r].id, InstrumentID: g.current.ID, AssessedOn: on}
		filled := false
		for c, text := range row {
			sc := g.current.Scales[c]
			if strings.TrimSpace(text) != "" {
				filled = true
			}
			if sc.Kind == data.Category {
				a.Values = append(a.Values, data.ScaleValue{ScaleID: sc.ID, Category: text})
			} else {
				v, _ := checkScaleText(sc, text)
				a.Values = append(a.Values, v)
			}
		}
		if filled {
			out = append(out, a)
		}
	}
	return out
}

func (g *assessmentGrid) onSaveTapped() error {
	if g.current == nil {
		return data.Errorf(data.Invalid, "Choose the instrument of the results.")
	}
	g.check()
	if n := len(g.problems); n > 0 {
		return data.Errorf(data.Invalid, "Nothing was saved: fix the %d marked cell%s first.", n, data.Plural(n))
	}
	on, err := g.date.value()
	if err != nil {
		return data.Errorf(data.Invalid, "%s", err)
	} else if on.IsZero() {
		return data.Errorf(data.Invalid, "Enter the date the assessments were taken.")
	}
	list := g.results(on)
	if len(list) == 0 {
		return data.Errorf(data.Invalid, "Enter at least one member's result, or change one already saved.")
	}
	store := g.shell.assessments()
	// Many results at once: busy says how many are being saved from the start.
	g.shell.busy("Save results", fmt.Sprintf("Saving %d result%s…", len(list), data.Plural(len(list))),
		func() error { return store.SaveAssessments(list) },
		func(err error) {
			g.finish(err)
			if err != nil {
				return
			}
			skipped := len(g.members) - len(list)
			msg := fmt.Sprintf("Saved %d result%s on %s for %s, dated %s.", len(list), data.Plural(len(list)), g.current.Name, g.cohort.Name, formatDate(on))
			switch {
			case skipped == 1:
				msg += " 1 member left empty was skipped."
			case skipped > 1:
				msg += fmt.Sprintf(" %d members left empty were skipped.", skipped)
			}
			g.shell.showInfo("Results saved", msg)
		})
	return errSaving
}

// gridCell is one cell of the grid: a member's name, a number entry, or a category select,
// with a mark around it when its value needs attention.
type gridCell struct {
	widget.BaseWidget
	grid    *assessmentGrid
	id      widget.TableCellID // the cell it shows now
	binding bool               // true while the table fills it, so changes are not the coach's

	name   *widget.Label
	entry  *gridEntry
	choice *gridChoice
	mark   *canvas.Rectangle
	box    *fyne.Container
}

func newGridCell(g *assessmentGrid) *gridCell {
	c := &gridCell{grid: g, id: widget.TableCellID{Row: -1, Col: -1}}
	c.name = widget.NewLabel("")
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.entry = newGridEntry(c)
	c.choice = newGridChoice(c)
	c.mark = canvas.NewRectangle(color.Transparent)
	c.mark.StrokeWidth = 2
	c.mark.CornerRadius = theme.InputRadiusSize()
	c.mark.Hide()
	c.box = container.NewStack(c.name, c.entry, c.choice, c.mark)
	c.ExtendBaseWidget(c)
	return c
}

func (c *gridCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// show makes one of the cell's widgets visible (none when o is nil).
func (c *gridCell) show(o fyne.CanvasObject) {
	for _, w := range []fyne.CanvasObject{c.name, c.entry, c.choice} {
		if w == o {
			w.Show()
		} else {
			w.Hide()
		}
	}
}

// setMarked draws the error outline around the cell, or takes it away.
func (c *gridCell) setMarked(on bool) {
	if on == c.mark.Visible() {
		return
	}
	if on {
		c.mark.StrokeColor = c.Theme().Color(theme.ColorNameError, fyne.CurrentApp().Settings().ThemeVariant())
		c.mark.Show()
	} else {
		c.mark.Hide()
	}
	c.mark.Refresh()
}

// marked reports whether the cell shows the error outline.
func (c *gridCell) marked() bool { return c.mark.Visible() }

func (c *gridCell) focusable() fyne.Focusable {
	switch {
	case c.entry.Visible():
		return c.entry
	case c.choice.Visible():
		return c.choice
	}
	return nil
}

func (c *gridCell) changed(value string) {
	if !c.binding {
		c.grid.onCellChanged(c.id, value)
	}
}

// move answers the keys that move between cells; it reports whether key was one of them.
func (c *gridCell) move(key *fyne.KeyEvent, shift bool) bool {
	g := c.grid
	step := 1
	if shift {
		step = -1
	}
	switch key.Name {
	case fyne.KeyTab:
		g.focusCell(g.next(c.id, step))
	case fyne.KeyReturn, fyne.KeyEnter:
		g.focusCell(g.below(c.id, step))
	default:
		return false
	}
	return true
}

// gridEntry is a number entry that passes Tab and Enter to the grid to move between cells.
type gridEntry struct {
	widget.Entry
	cell  *gridCell
	shift bool
}

func newGridEntry(c *gridCell) *gridEntry {
	e := &gridEntry{cell: c}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry does
	e.ExtendBaseWidget(e)
	e.OnChanged = c.changed
	return e
}

// AcceptsTab keeps Tab in the grid, which moves to the next cell in reading order.
func (e *gridEntry) AcceptsTab() bool { return true }

func (e *gridEntry) KeyDown(key *fyne.KeyEvent) {
	if key.Name == desktop.KeyShiftLeft || key.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(key)
}

func (e *gridEntry) KeyUp(key *fyne.KeyEvent) {
	if key.Name == desktop.KeyShiftLeft || key.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(key)
}

func (e *gridEntry) TypedKey(key *fyne.KeyEvent) {
	if !e.cell.move(key, e.shift) {
		e.Entry.TypedKey(key)
	}
}

func (e *gridEntry) FocusLost() {
	e.shift = false
	e.Entry.FocusLost()
}

// gridChoice is a category select that passes Tab and Enter to the grid.
type gridChoice struct {
	widget.Select
	cell  *gridCell
	shift bool
}

func newGridChoice(c *gridCell) *gridChoice {
	s := &gridChoice{cell: c}
	s.PlaceHolder = "Choose"
	s.ExtendBaseWidget(s)
	s.OnChanged = c.changed
	return s
}

// AcceptsTab keeps Tab in the grid, which moves to the next cell in reading order.
func (s *gridChoice) AcceptsTab() bool { return true }

func (s *gridChoice) KeyDown(key *fyne.KeyEvent) {
	if key.Name == desktop.KeyShiftLeft || key.Name == desktop.KeyShiftRight {
		s.shift = true
	}
}

func (s *gridChoice) KeyUp(key *fyne.KeyEvent) {
	if key.Name == desktop.KeyShiftLeft || key.Name == desktop.KeyShiftRight {
		s.shift = false
	}
}

func (s *gridChoice) TypedKey(key *fyne.KeyEvent) {
	if !s.cell.move(key, s.shift) {
		s.Select.TypedKey(key)
	}
}

// memberLabel names a row's member, saying when the result shown was computed from answers.
func (g *assessmentGrid) memberLabel(r int) string {
	m := g.members[r]
	if g.answered[m.id] && g.current != nil && g.unchanged(r) {
		return m.name + " · from answers"
	}
	return m.name
}

// onAnswersTapped opens the answers form for the cohort's members on the grid's date (the
// member of the row the coach was in chosen); the saved result then shows in its row.
func (g *assessmentGrid) onAnswersTapped() {
	if g.current == nil || !g.current.HasItems() {
		return
	}
	g.answers = showAnswersForm(g.shell, *g.current, g.members, g.date.date(), nil, g.showSaved)
	if focused := g.shell.Window().Canvas().Focused(); focused != nil { // the member whose row the coach was in
		for id, c := range g.shown {
			if c.id == id && id.Row < len(g.members) && c.focusable() == focused {
				g.answers.member.SetSelectedIndex(id.Row)
			}
		}
	}
}
