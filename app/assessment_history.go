package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// historyRowsShown is how many past results the list shows before it scrolls.
const historyRowsShown = 5

// assessmentHistory shows one participant's results: the work-orientation profile and how it
// changed, and every past result on every instrument, newest first.
type assessmentHistory struct {
	shell assessmentShell

	participantID int64
	name          string
	instruments   map[int64]data.Instrument
	results       []data.Assessment // newest first

	content     fyne.CanvasObject
	add         *widget.Button
	summary     *widget.Label // the latest work orientation in one line
	chartTitle  *widget.Label
	chart       *profileChart
	count       *widget.Label
	correctHint *widget.Label
	list        *widget.List
	listBox     *fyne.Container // the list, tall enough for a few rows
	listHeight  *canvas.Rectangle
	none        *widget.Label
	form        *assessmentForm // the open result form, if any
}

func newAssessmentHistory(shell assessmentShell) *assessmentHistory {
	h := &assessmentHistory{shell: shell, instruments: map[int64]data.Instrument{}}
	h.buildUI()
	return h
}

func (h *assessmentHistory) buildUI() {
	heading := widget.NewLabelWithStyle("Assessments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.add = widget.NewButtonWithIcon("Add result…", theme.ContentAddIcon(), h.onAddTapped)
	h.summary = widget.NewLabel("")
	h.summary.Wrapping = fyne.TextWrapWord
	h.chartTitle = widget.NewLabel("")
	h.chartTitle.Wrapping = fyne.TextWrapWord
	h.chart = newProfileChart()
	h.chart.empty = "No work-orientation results yet. Add one to see the profile."
	h.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.correctHint = captionHint("Select a result to correct or delete it.")
	h.none = widget.NewLabel("No results recorded yet.")
	h.none.TextStyle.Italic = true
	h.list = widget.NewList(func() int { return len(h.results) }, newTwoLineRow, h.updateRow)
	h.list.OnSelected = h.onResultSelected
	h.listHeight = canvas.NewRectangle(color.Transparent)
	h.listBox = container.NewStack(h.listHeight, h.list)
	h.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, h.add, heading),
		h.summary,
		h.chartTitle,
		h.chart,
		h.count,
		h.correctHint,
		h.none,
		h.listBox,
	)
}

func (h *assessmentHistory) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.results) {
		return
	}
	a := h.results[id]
	in := h.instruments[a.InstrumentID]
	from := ""
	if a.Answers != nil {
		from = "From answers"
	}
	setTwoLineRow(o, joinNonEmpty(" · ", formatDate(a.AssessedOn), in.Name, data.OrientationLabel(a.PrimaryOrientation)),
		joinNonEmpty(" · ", from, valuesText(&in, a.Values), a.Note), "")
}

// valuesText writes a result's values with their scale names: "Job 10 · Career 35 · Calling 90".
func valuesText(in *data.Instrument, values []data.ScaleValue) string {
	var parts []string
	for _, v := range values {
		name, value := "", data.FormatNumber(v.Number)
		for _, sc := range in.Scales {
			if sc.ID == v.ScaleID {
				name = sc.Name
				if sc.Kind == data.Category {
					value = v.Category
				}
			}
		}
		parts = append(parts, strings.TrimSpace(name+" "+value))
	}
	return strings.Join(parts, " · ")
}

// show reads the participant's results off the UI goroutine and shows them.
func (h *assessmentHistory) show(participantID int64, participantName string) {
	h.participantID, h.name = participantID, participantName
	var all []data.Instrument
	var results []data.Assessment
	h.shell.read("Mutua could not read the results",
		func() bool { return h.participantID == participantID },
		func() (err error) {
			store := h.shell.assessments()
			if all, err = store.Instruments(); err != nil {
				return err
			}
			results, err = store.History(participantID)
			return err
		},
		func() { h.setResults(all, results) })
}

func (h *assessmentHistory) setResults(all []data.Instrument, results []data.Assessment) {
	h.instruments = map[int64]data.Instrument{}
	var wo *data.Instrument
	for i, in := range all {
		h.instruments[in.ID] = in
		if in.Key == data.WorkOrientationKey {
			wo = &all[i]
		}
	}
	h.results = results

	// The chart reads oldest to newest.
	var profile []data.Assessment
	for i := len(results) - 1; i >= 0; i-- {
		if wo != nil && results[i].InstrumentID == wo.ID {
			profile = append(profile, results[i])
		}
	}
	h.chart.setData(wo, profile)
	switch n := len(profile); {
	case wo == nil:
		h.chartTitle.SetText("")
	case n == 0:
		h.chartTitle.SetText("Work orientation profile")
	case n == 1:
		h.chartTitle.SetText(fmt.Sprintf("Work orientation profile · 1 result, %s", formatDate(profile[0].AssessedOn)))
	default:
		h.chartTitle.SetText(fmt.Sprintf("Work orientation profile · how it changed over %d results, %s to %s",
			n, formatDate(profile[0].AssessedOn), formatDate(profile[n-1].AssessedOn)))
	}
	if n := len(profile); n > 0 {
		latest := profile[n-1]
		h.summary.SetText(fmt.Sprintf("Latest work orientation: %s (%s), assessed %s.",
			data.OrientationLabel(latest.PrimaryOrientation), valuesText(wo, latest.Values), formatDate(latest.AssessedOn)))
	} else {
		h.summary.SetText("Not assessed yet. Add a work-orientation result so pairing can use it.")
	}

	h.count.SetText(fmt.Sprintf("%d past result%s", len(results), data.Plural(len(results))))
	h.none.Hidden = len(results) > 0
	h.correctHint.Hidden = len(results) == 0
	h.listBox.Hidden = len(results) == 0
	rowH := newTwoLineRow().MinSize().Height + theme.Padding()
	h.listHeight.SetMinSize(fyne.NewSize(0, float32(min(len(results), historyRowsShown))*rowH))
	h.list.UnselectAll()
	h.list.Refresh()
	h.listBox.Refresh()
	if c, ok := h.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

func (h *assessmentHistory) onAddTapped() {
	if h.participantID == 0 {
		return
	}
	id, name := h.participantID, h.name
	h.form = newAssessmentForm(h.shell, id, name, func() { h.show(id, name) })
	h.form.show()
}

// onResultSelected opens the result to correct or delete it.
func (h *assessmentHistory) onResultSelected(id widget.ListItemID) {
	h.list.Unselect(id) // selecting it again opens it again
	if id >= len(h.results) {
		return
	}
	pid, name := h.participantID, h.name
	h.form = newCorrectionForm(h.shell, name, h.results[id], func() { h.show(pid, name) })
	h.form.show()
}
