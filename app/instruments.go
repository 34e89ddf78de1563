package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// instrumentsScreen lists the assessment instruments beside the selected one's scales, and
// leads to entering a cohort's results together.
type instrumentsScreen struct {
	shell assessmentShell

	instruments []data.Instrument // built-ins first
	cohorts     []data.Cohort
	selected    int64 // the instrument on the right
	cohortID    int64 // the cohort whose results the grid enters

	content    *fyne.Container
	list       *widget.List
	add        *widget.Button
	cohort     *widget.Select
	enter      *widget.Button
	detail     *fyne.Container
	page       fyne.CanvasObject
	title      *widget.Label
	badge      *widget.Label
	about      *widget.Label
	edit       *widget.Button
	retire     *widget.Button
	scaleCount *widget.Label
	scaleList  *widget.List
	shown      *data.Instrument // the instrument on the right

	form *instrumentForm // the open instrument form, if any
	grid *assessmentGrid // the open cohort results grid, if any

	// Questions and sharing (instrument_items.go).
	questions  *widget.Button
	export     *widget.Button
	importFile *widget.Button
	editor     *questionsEditor // the open question editor, if any
	importing  *formDialog      // the open import preview, if any
}

func newInstrumentsScreen(shell assessmentShell) *instrumentsScreen {
	i := &instrumentsScreen{shell: shell}
	i.buildUI()
	return i
}

func (i *instrumentsScreen) buildUI() {
	i.add = widget.NewButtonWithIcon("New instrument…", theme.ContentAddIcon(), i.onNewTapped)
	i.importFile = widget.NewButtonWithIcon("Import instrument…", theme.FolderOpenIcon(), i.onImportTapped)
	i.questions = widget.NewButtonWithIcon("Questions…", theme.ListIcon(), i.onQuestionsTapped)
	i.export = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), i.onExportTapped)
	i.cohort = widget.NewSelect(nil, nil)
	i.cohort.PlaceHolder = "Choose a cohort"
	i.enter = widget.NewButtonWithIcon("Enter results for a cohort…", theme.GridIcon(), i.onEnterTapped)
	i.enter.Importance = widget.HighImportance
	i.enter.Disable()

	i.list = widget.NewList(func() int { return len(i.instruments) },
		newTwoLineRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(i.instruments) {
				return
			}
			in := &i.instruments[id]
			setTwoLineRow(o, in.Name, joinNonEmpty(" · ", instrumentStatus(in), scalesCount(len(in.Scales)), questionsCount(len(in.Items))), "")
		})
	i.list.OnSelected = i.onListSelected

	i.title = widget.NewLabel("")
	i.title.SizeName = theme.SizeNameHeadingText
	i.title.TextStyle.Bold = true
	i.title.Wrapping = fyne.TextWrapWord
	i.badge = widget.NewLabel("")
	i.badge.TextStyle.Italic = true
	i.badge.Wrapping = fyne.TextWrapWord
	i.about = widget.NewLabel("")
	i.about.Wrapping = fyne.TextWrapWord
	i.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), i.onEditTapped)
	i.retire = widget.NewButtonWithIcon("Retire", theme.DownloadIcon(), i.onRetireTapped)
	i.scaleCount = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	i.scaleList = widget.NewList(func() int {
		if i.shown == nil {
			return 0
		}
		return len(i.shown.Scales) + len(i.shown.Items)
	}, newScaleRow, i.updateScaleRow)

	header := container.NewVBox(i.title, i.badge, i.about, container.NewHBox(i.edit, i.questions, i.retire, i.export), widget.NewSeparator(), i.scaleCount)
	i.page = container.NewPadded(container.NewBorder(header, nil, nil, nil, i.scaleList))
	i.detail = container.NewStack(i.hint())

	left := container.NewBorder(nil, nil, nil, nil, i.list)
	split := container.NewHSplit(left, i.detail)
	split.Offset = 0.32
	cohort := container.NewGridWrap(fyne.NewSize(300, i.cohort.MinSize().Height), i.cohort)
	top := container.NewBorder(nil, nil, container.NewHBox(i.add, i.importFile), container.NewHBox(widget.NewLabel("Results for a cohort:"), cohort, i.enter))
	i.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)

	i.cohort.OnChanged = func(string) { i.onCohortChanged() }
}

func (i *instrumentsScreen) hint() fyne.CanvasObject {
	return container.NewCenter(widget.NewLabelWithStyle("Select an instrument to see its scales and questions.", fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
}

func instrumentStatus(in *data.Instrument) string {
	switch {
	case in.Key != "":
		return "Built-in"
	case in.Retired:
		return "Retired"
	}
	return ""
}

func scalesCount(n int) string { return fmt.Sprintf("%d scale%s", n, data.Plural(n)) }

func newScaleRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	facts := widget.NewLabel("")
	facts.Truncation = fyne.TextTruncateEllipsis
	about := widget.NewLabel("")
	about.Truncation = fyne.TextTruncateEllipsis
	about.TextStyle.Italic = true
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, facts, about)
}

// updateScaleRow shows the instrument's scales, then its questions (built-in ones too, so the
// coach can read what participants are asked).
func (i *instrumentsScreen) updateScaleRow(id widget.ListItemID, o fyne.CanvasObject) {
	if i.shown == nil || id >= len(i.shown.Scales)+len(i.shown.Items) {
		return
	}
	labels := o.(*fyne.Container).Objects
	if n := id - len(i.shown.Scales); n >= 0 {
		it := i.shown.Items[n]
		labels[0].(*widget.Label).SetText(fmt.Sprintf("Question %d", n+1))
		labels[1].(*widget.Label).SetText(it.Text)
		labels[2].(*widget.Label).SetText(questionFacts(it))
		return
	}
	sc := i.shown.Scales[id]
	labels[0].(*widget.Label).SetText(sc.Name)
	labels[1].(*widget.Label).SetText(scaleFacts(sc))
	about := sc.Description
	if about == "" {
		about = "No description."
	}
	labels[2].(*widget.Label).SetText(about)
}

// scaleFacts describes a scale in one line: "Score, 0 to 100 · measures calling orientation".
func scaleFacts(sc data.Scale) string {
	kind := kindLabel(sc.Kind)
	measures := ""
	if sc.Orientation != "" {
		measures = "measures " + sc.Orientation + " orientation"
	}
	if sc.Kind == data.Category {
		return joinNonEmpty(" · ", kind+": "+sc.Range(), measures)
	}
	return joinNonEmpty(" · ", kind+", "+sc.Range(), measures)
}

func kindLabel(k data.ScaleKind) string {
	if k == "" {
		return ""
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// reload reads the instruments and cohorts off the UI goroutine.
func (i *instrumentsScreen) reload() {
	var instruments []data.Instrument
	var cohorts []data.Cohort
	i.shell.read("Mutua could not read the instruments", nil,
		func() (err error) {
			store := i.shell.assessments()
			if instruments, err = store.Instruments(); err != nil {
				return err
			}
			cohorts, err = store.Cohorts()
			return err
		},
		func() { i.show(instruments, cohorts) })
}

func (i *instrumentsScreen) show(instruments []data.Instrument, cohorts []data.Cohort) {
	i.instruments, i.cohorts = instruments, cohorts

	var names []string
	for _, c := range cohorts {
		names = append(names, fmt.Sprintf("%s (%d)", c.Name, c.Members))
	}
	i.cohort.OnChanged = nil
	i.cohort.SetOptions(names)
	i.cohort.ClearSelected()
	for n, c := range cohorts {
		if c.ID == i.cohortID {
			i.cohort.SetSelectedIndex(n)
		}
	}
	if i.cohort.SelectedIndex() < 0 && len(cohorts) > 0 {
		i.cohort.SetSelectedIndex(0)
	}
	if len(cohorts) == 0 {
		i.cohort.PlaceHolder = "No cohorts yet"
		i.cohort.Disable()
	} else {
		i.cohort.PlaceHolder = "Choose a cohort"
		i.cohort.Enable()
	}
	i.cohort.OnChanged = func(string) { i.onCohortChanged() }
	i.onCohortChanged()

	i.list.UnselectAll()
	i.list.Refresh()
	pos := -1
	for n, in := range instruments {
		if in.ID == i.selected {
			pos = n
		}
	}
	if pos < 0 {
		i.selected, i.shown = 0, nil
		i.setDetail(i.hint())
		return
	}
	i.list.OnSelected = nil
	i.list.Select(pos)
	i.list.OnSelected = i.onListSelected
	i.showInstrument()
}

// onCohortChanged remembers the chosen cohort and offers its results grid.
func (i *instrumentsScreen) onCohortChanged() {
	i.cohortID = 0
	if pos := i.cohort.SelectedIndex(); pos >= 0 && pos < len(i.cohorts) {
		i.cohortID = i.cohorts[pos].ID
	}
	if i.cohortID != 0 {
		i.enter.Enable()
	} else {
		i.enter.Disable()
	}
}

func (i *instrumentsScreen) setDetail(o fyne.CanvasObject) {
	i.detail.Objects = []fyne.CanvasObject{o}
	i.detail.Refresh()
}

func (i *instrumentsScreen) onListSelected(id widget.ListItemID) {
	if id >= len(i.instruments) {
		return
	}
	i.selected = i.instruments[id].ID
	i.showInstrument()
}

// showInstrument fills the right side with the selected instrument.
func (i *instrumentsScreen) showInstrument() {
	i.shown = nil
	for n := range i.instruments {
		if i.instruments[n].ID == i.selected {
			i.shown = &i.instruments[n]
		}
	}
	in := i.shown
	if in == nil {
		i.setDetail(i.hint())
		return
	}
	i.title.SetText(in.Name)
	switch {
	case in.Key != "":
		i.badge.SetText("Built-in · Mutua ships it as it is, so it cannot be edited or retired.")
	case in.Retired:
		i.badge.SetText("Retired · its results stay in every history; it is not offered for new results.")
	default:
		i.badge.SetText("Your instrument")
	}
	i.about.SetText(in.Description)
	i.about.Hidden = in.Description == ""
	i.edit.Hidden = in.Key != ""
	i.questions.Hidden = in.Key != ""
	i.retire.Hidden = in.Key != ""
	if in.Retired {
		i.retire.SetText("Bring back")
		i.retire.SetIcon(theme.UploadIcon())
	} else {
		i.retire.SetText("Retire")
		i.retire.SetIcon(theme.DownloadIcon())
	}
	i.scaleCount.SetText(joinNonEmpty(" · ", scalesCount(len(in.Scales)), questionsCount(len(in.Items))))
	i.scaleList.Refresh()
	i.setDetail(i.page)
}

func (i *instrumentsScreen) onNewTapped() {
	i.form = newInstrumentForm(i.shell, data.Instrument{}, i.onSaved)
	i.form.show("New instrument")
}

func (i *instrumentsScreen) onEditTapped() {
	if i.shown == nil || i.shown.Key != "" {
		return
	}
	i.form = newInstrumentForm(i.shell, *i.shown, i.onSaved)
	i.form.show("Edit " + i.shown.Name)
}

func (i *instrumentsScreen) onQuestionsTapped() {
	if i.shown == nil || i.shown.Key != "" {
		return
	}
	i.editor = showQuestionsEditor(i.shell, *i.shown, i.onSaved)
}

func (i *instrumentsScreen) onSaved(in data.Instrument) {
	i.selected = in.ID
	i.reload()
}

func (i *instrumentsScreen) onRetireTapped() {
	if i.shown == nil {
		return
	}
	in := *i.shown
	i.shell.save("The instrument was not changed", func() error { return i.shell.assessments().RetireInstrument(in.ID, !in.Retired) }, i.reload)
}

func (i *instrumentsScreen) onEnterTapped() {
	if i.cohortID == 0 {
		return
	}
	i.grid = newAssessmentGrid(i.shell, i.cohortID)
	i.grid.show()
}

// instrumentForm creates or edits one of the coach's instruments: its name, description
// and scales, checked by the store when saved; problems show in the dialog, which stays open.
type instrumentForm struct {
	shell  assessmentShell
	in     data.Instrument
	onSave func(data.Instrument)
	rows   []*scaleDraft
	shown  map[int]*scaleEditorRow // the editor rows on screen, by position in rows

	*formDialog
	name        *widget.Entry
	description *widget.Entry
	scales      *widget.List
	addScale    *widget.Button
}

// scaleDraft is one scale as the coach is editing it; text fields hold what was typed.
type scaleDraft struct {
	id          int64
	name        string
	kind        data.ScaleKind
	min, max    string
	categories  string
	orientation string
	description string
}

// Widths of the scale editor's columns; the description takes what is left.
var scaleColumns = []float32{160, 124, 210, 124, 0, 36}

func newInstrumentForm(shell assessmentShell, in data.Instrument, onSave func(data.Instrument)) *instrumentForm {
	f := &instrumentForm{shell: shell, in: in, onSave: onSave, shown: map[int]*scaleEditorRow{}}
	for _, sc := range in.Scales {
		f.rows = append(f.rows, &scaleDraft{id: sc.ID, name: sc.Name, kind: sc.Kind, min: data.FormatNumber(sc.Min),
			max: data.FormatNumber(sc.Max), categories: data.JoinTags(sc.Categories), orientation: sc.Orientation, description: sc.Description})
	}
	if len(f.rows) == 0 {
		f.rows = append(f.rows, newScaleDraft())
	}
	f.buildUI()
	return f
}

func newScaleDraft() *scaleDraft {
	return &scaleDraft{kind: data.Score, min: "0", max: "100"}
}

func (f *instrumentForm) buildUI() {
	f.name = widget.NewEntry()
	f.name.SetText(f.in.Name)
	f.name.SetPlaceHolder("for example: Team energy check")
	f.description = widget.NewMultiLineEntry()
	f.description.SetText(f.in.Description)
	f.description.SetPlaceHolder("What it measures and how to read the scores")
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetMinRowsVisible(2)
	f.scales = widget.NewList(func() int { return len(f.rows) }, f.newScaleEditorRow, f.updateScaleEditorRow)
	f.addScale = widget.NewButtonWithIcon("Add scale", theme.ContentAddIcon(), f.onAddScaleTapped)
}

func (f *instrumentForm) show(title string) {
	form := widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: f.name, Required: true},
		widget.NewFormItem("Description", f.description),
	)
	var heads []fyne.CanvasObject
	for _, h := range []string{"Scale", "Kind", "Range or values", "Orientation", "Description", ""} {
		l := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateClip
		heads = append(heads, l)
	}
	header := container.New(&columnsLayout{widths: scaleColumns}, heads...)
	help := widget.NewLabel("Kinds: a score runs from its lowest to its highest value; a percentile from 0 to 100; a rank from 1 (first) to its highest; " +
		"a category is one of the values listed, separated by semicolons.")
	help.Wrapping = fyne.TextWrapWord
	help.TextStyle.Italic = true
	top := container.NewVBox(form, widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Scales", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.addScale),
		help, header)
	body := container.NewBorder(top, nil, nil, nil, f.scales)
	f.formDialog = buildFormDialog(f.shell, title, "Save", body, 1000, 660, f.onSaveTapped)
	f.fill()
	f.dialog.Show()
	f.shell.Window().Canvas().Focus(f.name)
}

// columnsLayout places objects side by side at fixed widths; a width of 0 takes the space left.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for _, w := range l.widths {
		fixed += w + pad
	}
	rest := max(size.Width-fixed+pad, 40)
	x := float32(0)
	for n, o := range objects {
		w := rest
		if n < len(l.widths) && l.widths[n] > 0 {
			w = l.widths[n]
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		x += w + pad
	}
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	w, h := float32(0), float32(0)
	for n, o := range objects {
		if n < len(l.widths) && l.widths[n] > 0 {
			w += l.widths[n] + pad
		} else {
			w += 40 + pad
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w-pad, h)
}

// scaleEditorRow is one row of the scale editor; the list reuses rows for different scales.
type scaleEditorRow struct {
	widget.BaseWidget
	box         *fyne.Container
	pos         int // the scale it shows: a position in the form's rows
	name        *widget.Entry
	kind        *widget.Select
	min, max    *widget.Entry
	range_      *fyne.Container // min and max, or the categories
	categories  *widget.Entry
	orientation *widget.Select
	description *widget.Entry
	remove      *widget.Button
}

var orientationChoices = []string{"None", "Job", "Career", "Calling", "Social", "Busyness"}

func orientationChoice(o string) string {
	if o == "" {
		return "None"
	}
	return data.OrientationLabel(o)
}

func orientationFromChoice(c string) string {
	if c == "None" {
		return ""
	}
	return strings.ToLower(c)
}

func (f *instrumentForm) newScaleEditorRow() fyne.CanvasObject {
	r := &scaleEditorRow{
		pos:         -1,
		name:        widget.NewEntry(),
		min:         widget.NewEntry(),
		max:         widget.NewEntry(),
		categories:  widget.NewEntry(),
		description: widget.NewEntry(),
	}
	r.name.SetPlaceHolder("Scale name")
	r.categories.SetPlaceHolder("Low; Medium; High")
	r.description.SetPlaceHolder("What the scale measures")
	var kinds []string
	for _, k := range data.ScaleKinds {
		kinds = append(kinds, kindLabel(k))
	}
	r.kind = widget.NewSelect(kinds, nil)
	r.orientation = widget.NewSelect(orientationChoices, nil)
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	numbers := container.NewGridWithColumns(2, r.min, r.max)
	r.range_ = container.NewStack(numbers, r.categories)
	r.box = container.New(&columnsLayout{widths: scaleColumns}, r.name, r.kind, r.range_, r.orientation, r.description, r.remove)
	r.ExtendBaseWidget(r)
	return r
}

func (r *scaleEditorRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (f *instrumentForm) updateScaleEditorRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(f.rows) {
		return
	}
	r, d := o.(*scaleEditorRow), f.rows[id]
	if f.shown[r.pos] == r {
		delete(f.shown, r.pos)
	}
	r.pos = id
	f.shown[id] = r
	// Detach the handlers while the row shows this scale, so filling it changes nothing.
	r.name.OnChanged, r.kind.OnChanged, r.min.OnChanged, r.max.OnChanged = nil, nil, nil, nil
	r.categories.OnChanged, r.orientation.OnChanged, r.description.OnChanged = nil, nil, nil
	setText(r.name, d.name)
	r.kind.SetSelected(kindLabel(d.kind))
	setText(r.min, d.min)
	setText(r.max, d.max)
	setText(r.categories, d.categories)
	r.orientation.SetSelected(orientationChoice(d.orientation))
	setText(r.description, d.description)
	f.applyKind(r, d)

	r.name.OnChanged = func(s string) { d.name = s }
	r.kind.OnChanged = func(s string) {
		d.kind = data.ScaleKind(strings.ToLower(s))
		switch d.kind {
		case data.Percentile:
			d.min, d.max = "0", "100"
		case data.Rank:
			d.min = "1"
			if n, err := strconv.ParseFloat(d.max, 64); err != nil || n < 1 {
				d.max = "10"
			}
		}
		setText(r.min, d.min)
		setText(r.max, d.max)
		f.applyKind(r, d)
	}
	r.min.OnChanged = func(s string) { d.min = s }
	r.max.OnChanged = func(s string) { d.max = s }
	r.categories.OnChanged = func(s string) { d.categories = s }
	r.orientation.OnChanged = func(s string) { d.orientation = orientationFromChoice(s) }
	r.description.OnChanged = func(s string) { d.description = s }
	r.remove.OnTapped = func() { f.onRemoveScale(d) }
}

// applyKind shows the inputs the scale's kind needs: lowest and highest for numbers (fixed
// for percentiles, and the lowest for ranks), the list of values for categories.
func (f *instrumentForm) applyKind(r *scaleEditorRow, d *scaleDraft) {
	numbers := r.range_.Objects[0]
	if d.kind == data.Category {
		numbers.Hide()
		r.categories.Show()
		r.orientation.Disable()
	} else {
		numbers.Show()
		r.categories.Hide()
		r.orientation.Enable()
	}
	r.min.Enable()
	r.max.Enable()
	switch d.kind {
	case data.Percentile:
		r.min.Disable()
		r.max.Disable()
	case data.Rank:
		r.min.Disable()
	}
	r.range_.Refresh()
}

// setText changes an entry's text only when it differs, so the cursor stays where it is.
func setText(e *widget.Entry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

func (f *instrumentForm) onAddScaleTapped() {
	f.rows = append(f.rows, newScaleDraft())
	f.scales.Refresh()
	f.scales.ScrollToBottom()
}

func (f *instrumentForm) onRemoveScale(d *scaleDraft) {
	for n, r := range f.rows {
		if r == d {
			f.rows = append(f.rows[:n], f.rows[n+1:]...)
			break
		}
	}
	f.scales.Refresh()
}

// instrument reads the form; numbers that do not read as numbers are listed as problems.
func (f *instrumentForm) instrument() (data.Instrument, []string) {
	in := f.in
	in.Name, in.Description = f.name.Text, f.description.Text
	in.Scales = nil
	var problems []string
	for n, d := range f.rows {
		sc := data.Scale{ID: d.id, Name: d.name, Kind: d.kind, Orientation: d.orientation, Description: d.description}
		label := strings.TrimSpace(d.name)
		if label == "" {
			label = fmt.Sprintf("Scale %d", n+1)
		}
		if d.kind == data.Category {
			sc.Categories = strings.Split(d.categories, ";")
		} else {
			for _, num := range []struct {
				text  string
				into  *float64
				which string
			}{{d.min, &sc.Min, "lowest"}, {d.max, &sc.Max, "highest"}} {
				v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(num.text), ",", ".", 1), 64)
				if err != nil {
					problems = append(problems, fmt.Sprintf("The %s value of %s must be a number, not %q.", num.which, label, num.text))
					continue
				}
				*num.into = v
			}
		}
		in.Scales = append(in.Scales, sc)
	}
	carryQuestions(f.in, &in)
	return in, problems
}

func (f *instrumentForm) onSaveTapped() error {
	in, problems := f.instrument()
	if err := invalidLines(problems); err != nil {
		return err
	}
	return f.write(func() error { return f.shell.assessments().SaveInstrument(&in) }, saved(func() { f.then = func() { f.onSave(in) } }))
}
