package app

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// attentionKind is how the home screen shows one kind of attention item.
type attentionKind struct {
	kind   data.AttentionKind
	label  string // on each item
	filter string // on its filter chip
	icon   func() fyne.Resource
	urgent bool // drawn in the warning colour
}

// attentionKinds lists the kinds in the order the store ranks them.
var attentionKinds = []attentionKind{
	{kind: data.Overdue, label: "Overdue action", filter: "Overdue actions", icon: theme.WarningIcon, urgent: true},
	{kind: data.Inactive, label: "No recent session", filter: "No recent session", icon: theme.HistoryIcon, urgent: true},
	{kind: data.LowPulseScore, label: "Low pulse", filter: "Low pulses", icon: theme.WarningIcon, urgent: true},
	{kind: data.PulseMissing, label: "Pulse not back", filter: "Pulses not back", icon: theme.MailSendIcon},
	{kind: data.FitCheck, label: "Fit check", filter: "Fit checks", icon: theme.QuestionIcon},
	{kind: data.NoMeasures, label: "Agreement", filter: "Agreements", icon: theme.DocumentCreateIcon},
	{kind: data.EndingSoon, label: "Ending soon", filter: "Ending soon", icon: theme.CalendarIcon},
	{kind: data.NotAssessed, label: "Not assessed", filter: "Not assessed", icon: theme.ListIcon},
}

func attentionKindOf(k data.AttentionKind) attentionKind {
	for _, a := range attentionKinds {
		if a.kind == k {
			return a
		}
	}
	return attentionKind{kind: k, label: string(k), filter: string(k), icon: theme.InfoIcon}
}

// attentionIcon is the icon of an attention item, in the warning colour when it is urgent.
func attentionIcon(k data.AttentionKind) fyne.Resource {
	a := attentionKindOf(k)
	if a.urgent {
		return theme.NewWarningThemedResource(a.icon())
	}
	return theme.NewPrimaryThemedResource(a.icon())
}

// homeScreen is the first thing the coach sees: what needs attention today, each entry a way
// to the place where it is fixed.
type homeScreen struct {
	shell *practice

	items        []data.AttentionItem // everything that needs attention
	shown        []data.AttentionItem // the items of the chosen kind
	kind         data.AttentionKind   // the kind shown, "" for all
	partnerships []data.Partnership

	content *fyne.Container
	header  *fyne.Container // heading, summary and chips
	summary *widget.Label
	chips   *fyne.Container // one filter button per kind present, and "All"
	list    *widget.List
	body    *fyne.Container // the list, or an empty state
	calm    fyne.CanvasObject
	start   fyne.CanvasObject // the empty state of a practice with no partnerships yet

	// open goes to the place where the coach fixes an item.
	open func(item data.AttentionItem)
}

func newHomeScreen(shell *practice) *homeScreen {
	h := &homeScreen{shell: shell}
	h.open = h.openItem
	h.buildUI()
	return h
}

func (h *homeScreen) buildUI() {
	heading := widget.NewLabelWithStyle("What needs attention", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	h.summary = widget.NewLabel("")
	h.summary.Wrapping = fyne.TextWrapWord
	h.chips = container.New(layout.NewRowWrapLayout())
	h.list = widget.NewList(func() int { return len(h.shown) }, newAttentionRow, h.updateRow)
	h.list.OnSelected = h.onListSelected
	h.calm = emptyState("Nothing needs your attention",
		"Partnerships are meeting, action items are on time, and agreements and fit checks are in order. Enjoy the quiet.")
	h.start = emptyState("Nothing needs your attention",
		"Nothing is running yet. Add your participants and their assessments, then pair a cohort: "+
			"overdue action items, quiet partnerships and fit checks will show up here.",
		widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), h.shell.onNewParticipant),
		widget.NewButtonWithIcon("Pair a cohort", theme.ViewRestoreIcon(), func() { h.shell.selectTab("Pairing") }))
	h.body = container.NewStack(h.list)
	h.header = container.NewVBox(heading, h.summary, h.chips, widget.NewSeparator())
	h.content = container.NewPadded(container.NewBorder(h.header, nil, nil, nil, h.body))
}

// attentionRow is one entry of the list: icon, bold title over the detail, and the kind on the right.
type attentionRow struct {
	widget.BaseWidget
	icon                *widget.Icon
	title, detail, kind *widget.Label
	nudge               *widget.Button // "Draft a nudge…", on a quiet partnership or an overdue action
}

func newAttentionRow() fyne.CanvasObject {
	r := &attentionRow{icon: widget.NewIcon(nil)}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.kind = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	r.kind.SizeName = theme.SizeNameCaptionText
	r.nudge = widget.NewButtonWithIcon("Draft a nudge…", theme.MailComposeIcon(), nil)
	r.nudge.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *attentionRow) CreateRenderer() fyne.WidgetRenderer {
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.title, r.detail)
	kind := container.NewGridWrap(attentionKindLabelSize(), r.kind) // as wide in every row
	right := container.NewHBox(container.NewCenter(r.nudge), container.NewCenter(kind))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewCenter(r.icon), right, text))
}

func (r *attentionRow) show(item data.AttentionItem) {
	r.icon.SetResource(attentionIcon(item.Kind))
	r.title.SetText(item.Title)
	r.detail.SetText(item.Detail)
	r.kind.SetText(attentionKindOf(item.Kind).label)
}

// attentionKindLabelSize fits the longest kind label.
func attentionKindLabelSize() fyne.Size {
	var size fyne.Size
	for _, a := range attentionKinds {
		probe := widget.NewLabel(a.label)
		probe.SizeName = theme.SizeNameCaptionText
		size = size.Max(probe.MinSize())
	}
	return size
}

func (h *homeScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.shown) {
		return
	}
	item := h.shown[id]
	row := o.(*attentionRow)
	row.show(item)
	if nudgeable(item) {
		row.nudge.OnTapped = func() { h.shell.mail.nudge(item.PartnershipID) }
		row.nudge.Show()
		row.nudge.Refresh() // a row made before a change of appearance takes the new colours
	} else {
		row.nudge.Hide()
	}
}

// reload reads what needs attention today off the UI goroutine.
func (h *homeScreen) reload() {
	today := data.DateOf(time.Now())
	days := h.shell.inactiveDays()
	var items []data.AttentionItem
	var partnerships []data.Partnership
	var outcomes map[int64]data.CohortOutcome
	h.shell.load("Mutua could not read what needs attention", nil,
		func(store *sqlite.Store) (err error) {
			if items, err = store.Attention(today, days); err != nil {
				return err
			}
			if partnerships, err = store.Partnerships(); err != nil {
				return err
			}
			outcomes, err = store.Outcomes(today)
			return err
		},
		func() { h.show(items, partnerships, outcomes) })
}

func (h *homeScreen) show(items []data.AttentionItem, partnerships []data.Partnership, outcomes map[int64]data.CohortOutcome) {
	h.items = items
	h.partnerships = partnerships
	h.summary.SetText(attentionSummary(items, partnerships, outcomes))
	if h.summary.Text == "" {
		h.summary.Hide()
	} else {
		h.summary.Show()
	}
	if h.count(h.kind) == 0 {
		h.kind = ""
	}
	h.applyFilter()
}

// count returns how many items are of kind k, or all of them when k is "".
func (h *homeScreen) count(k data.AttentionKind) int {
	if k == "" {
		return len(h.items)
	}
	n := 0
	for _, it := range h.items {
		if it.Kind == k {
			n++
		}
	}
	return n
}

// applyFilter shows the items of the chosen kind and marks its chip.
func (h *homeScreen) applyFilter() {
	h.shown = h.shown[:0]
	for _, it := range h.items {
		if h.kind == "" || it.Kind == h.kind {
			h.shown = append(h.shown, it)
		}
	}
	h.chips.Objects = nil
	if len(h.items) > 0 {
		h.chips.Add(h.chip("", "All"))
		for _, a := range attentionKinds {
			if h.count(a.kind) > 0 {
				h.chips.Add(h.chip(a.kind, a.filter))
			}
		}
	}
	h.chips.Hidden = len(h.chips.Objects) == 0
	h.header.Refresh()

	body := fyne.CanvasObject(h.list)
	switch {
	case len(h.items) == 0 && len(h.partnerships) == 0:
		body = h.start
	case len(h.items) == 0:
		body = h.calm
	}
	if h.body.Objects[0] != body {
		h.body.Objects = []fyne.CanvasObject{body}
		h.body.Refresh()
	}
	h.list.UnselectAll()
	h.list.Refresh()
	h.list.ScrollToTop()
}

// chip is the filter button for one kind: "Overdue actions (3)".
func (h *homeScreen) chip(k data.AttentionKind, label string) *widget.Button {
	b := widget.NewButton(fmt.Sprintf("%s (%d)", label, h.count(k)), func() { h.onChipTapped(k) })
	if k == h.kind {
		b.Importance = widget.HighImportance
	} else {
		b.Importance = widget.MediumImportance
	}
	return b
}

func (h *homeScreen) onChipTapped(k data.AttentionKind) {
	h.kind = k
	h.applyFilter()
}

func (h *homeScreen) onListSelected(id widget.ListItemID) {
	if id >= len(h.shown) {
		return
	}
	item := h.shown[id]
	h.list.Unselect(id) // so the same entry can be opened again
	h.open(item)
}

// openItem goes where the coach fixes the item: its partnership, the participant's page, or
// the cohort's results grid.
func (h *homeScreen) openItem(item data.AttentionItem) {
	switch {
	case item.Kind == data.LowPulseScore || item.Kind == data.PulseMissing:
		h.shell.openPartnershipSurveys(item.PartnershipID)
	case item.PartnershipID != 0:
		h.shell.openPartnership(item.PartnershipID)
	case item.ParticipantID != 0:
		h.shell.openParticipant(item.ParticipantID)
	case item.CohortID != 0:
		h.shell.showAssessmentGrid(item.CohortID)
	}
}

// attentionSummary is the line under the heading: "5 things need attention · 7 active
// partnerships · 5 of 8 partnerships productive in Spring 2026 executive circle".
func attentionSummary(items []data.AttentionItem, partnerships []data.Partnership, outcomes map[int64]data.CohortOutcome) string {
	var parts []string
	switch len(items) {
	case 0:
	case 1:
		parts = append(parts, "1 thing needs attention")
	default:
		parts = append(parts, fmt.Sprintf("%d things need attention", len(items)))
	}
	if len(partnerships) == 0 {
		return strings.Join(parts, " · ")
	}
	active := 0
	names := map[int64]string{}
	for _, p := range partnerships {
		if !p.Ended() {
			active++
		}
		names[p.CohortID] = p.CohortName
	}
	parts = append(parts, fmt.Sprintf("%d active partnership%s", active, data.Plural(active)))
	cohorts := make([]data.CohortOutcome, 0, len(outcomes))
	for _, o := range outcomes {
		cohorts = append(cohorts, o)
	}
	sort.Slice(cohorts, func(i, j int) bool { return names[cohorts[i].CohortID] < names[cohorts[j].CohortID] })
	for _, o := range cohorts {
		where := "outside any cohort"
		if o.CohortID != 0 {
			where = "in " + names[o.CohortID]
		}
		parts = append(parts, "productive "+where+": "+o.Describe())
	}
	return strings.Join(parts, " · ")
}
