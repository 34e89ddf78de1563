package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

const (
	runningLabel  = "Active"
	completeLabel = "Completed"
	endedLabel    = "Ended early"
	anyLabel      = "All"
)

// partnershipsScreen lists the partnerships with filters, beside the selected one's page.
type partnershipsScreen struct {
	shell *practice

	all      []data.Partnership
	cohorts  []data.Cohort
	outcomes map[int64]data.CohortOutcome
	shown    []int // positions in all that pass the filters
	selected int64 // the partnership whose page is open, 0 for none

	content  *fyne.Container
	status   *widget.Select
	cohort   *widget.Select
	search   *widget.Entry
	count    *widget.Label
	outcome  *widget.Label
	list     *widget.List
	agendas  *widget.Button
	detail   *fyne.Container
	page     *partnershipPage
	main     fyne.CanvasObject
	empty    fyne.CanvasObject
	statuses map[string]data.PartnershipStatus
}

func newPartnershipsScreen(shell *practice) *partnershipsScreen {
	p := &partnershipsScreen{shell: shell, statuses: map[string]data.PartnershipStatus{
		runningLabel: data.Running, completeLabel: data.Completed, endedLabel: data.EndedEarly}}
	p.buildUI()
	return p
}

func (p *partnershipsScreen) buildUI() {
	p.status = widget.NewSelect([]string{runningLabel, completeLabel, endedLabel, anyLabel}, nil)
	p.status.SetSelected(runningLabel)
	p.cohort = widget.NewSelect([]string{allCohorts}, nil)
	p.cohort.SetSelected(allCohorts)
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Search by member")
	p.count = widget.NewLabel("")
	p.outcome = widget.NewLabel("")
	p.outcome.Wrapping = fyne.TextWrapWord
	p.agendas = widget.NewButtonWithIcon("Agenda library…", theme.ListIcon(), p.onAgendasTapped)
	p.list = widget.NewList(func() int { return len(p.shown) }, newTwoLineRow, p.updateRow)
	p.list.OnSelected = p.onListSelected
	p.page = newPartnershipPage(p)
	p.detail = container.NewStack(hint("Select a partnership to see its record."))

	filters := container.NewBorder(nil, nil, nil, container.NewHBox(p.status, container.NewGridWrap(fyne.NewSize(260, p.cohort.MinSize().Height), p.cohort)), p.search)
	top := container.NewBorder(nil, nil, nil, p.agendas, filters)
	left := container.NewBorder(container.NewVBox(p.count, p.outcome), nil, nil, nil, p.list)
	split := container.NewHSplit(left, p.detail)
	split.Offset = 0.34
	p.main = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	p.empty = emptyState("No partnerships yet",
		"Partnerships are made when you approve a round of pairs. Pair a cohort first.",
		widget.NewButtonWithIcon("Pair a cohort", theme.ViewRestoreIcon(), func() { p.shell.selectTab("Pairing") }))
	p.content = container.NewStack(p.empty)

	p.status.OnChanged = func(string) { p.applyFilter() }
	p.cohort.OnChanged = func(string) { p.applyFilter() }
	p.search.OnChanged = func(string) { p.applyFilter() }
}

func (p *partnershipsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.shown) {
		return
	}
	ps := &p.all[p.shown[id]]
	last := "no session yet"
	if !ps.LastSession.IsZero() {
		last = fmt.Sprintf("last session %s (%d in all)", formatDate(ps.LastSession), ps.Sessions)
	}
	setTwoLineRow(o, ps.Names(" + "), joinNonEmpty(" · ", last, ps.CohortName), partnershipStatusLabel(ps))
}

func partnershipStatusLabel(ps *data.Partnership) string {
	switch ps.Status {
	case data.Completed:
		return "Completed"
	case data.EndedEarly:
		return "Ended early"
	}
	return ""
}

// reload reads the partnerships, cohorts and outcomes off the UI goroutine.
func (p *partnershipsScreen) reload() {
	today := data.DateOf(time.Now())
	var all []data.Partnership
	var cohorts []data.Cohort
	var outcomes map[int64]data.CohortOutcome
	p.shell.load("Mutua could not read the partnerships", nil,
		func(store *sqlite.Store) (err error) {
			if all, err = store.Partnerships(); err != nil {
				return err
			}
			if cohorts, err = store.Cohorts(); err != nil {
				return err
			}
			outcomes, err = store.Outcomes(today)
			return err
		},
		func() { p.show(all, cohorts, outcomes) })
}

func (p *partnershipsScreen) show(all []data.Partnership, cohorts []data.Cohort, outcomes map[int64]data.CohortOutcome) {
	p.all, p.cohorts, p.outcomes = all, cohorts, outcomes
	offerCohorts(p.cohort, cohorts, p.applyFilter)
	content := p.main
	if len(all) == 0 {
		content = p.empty
	}
	swapIn(p.content, content)
	p.applyFilter()
}

// applyFilter shows the partnerships matching the filters and the cohort's outcome.
func (p *partnershipsScreen) applyFilter() {
	status, hasStatus := p.statuses[p.status.Selected]
	var cohortID int64
	for _, c := range p.cohorts {
		if c.Name == p.cohort.Selected {
			cohortID = c.ID
		}
	}
	words := strings.Fields(data.Fold(p.search.Text))
	p.shown = p.shown[:0]
next:
	for i := range p.all {
		ps := &p.all[i]
		if (hasStatus && ps.Status != status) || (cohortID != 0 && ps.CohortID != cohortID) {
			continue
		}
		names := data.Fold(ps.Names(" "))
		for _, w := range words {
			if !strings.Contains(names, w) {
				continue next
			}
		}
		p.shown = append(p.shown, i)
	}
	p.count.SetText(fmt.Sprintf("%d of %d partnerships", len(p.shown), len(p.all)))
	p.outcome.SetText(p.outcomeText(cohortID))
	p.list.UnselectAll()
	p.list.Refresh()
	for row, i := range p.shown {
		if p.all[i].ID == p.selected {
			p.list.OnSelected = nil
			p.list.Select(row)
			p.list.OnSelected = p.onListSelected
		}
	}
}

// outcomeText gives the share of productive partnerships, for one cohort or all.
func (p *partnershipsScreen) outcomeText(cohortID int64) string {
	var o data.CohortOutcome
	for id, c := range p.outcomes {
		if cohortID == 0 || id == cohortID {
			o.Partnerships += c.Partnerships
			o.Productive += c.Productive
			o.TooEarly += c.TooEarly
		}
	}
	if o.Partnerships == 0 {
		return ""
	}
	return "Productive: " + o.Describe() + ". Productive means it lasted six months and every member rates it 4 or more."
}

func (p *partnershipsScreen) onListSelected(id widget.ListItemID) {
	if id >= len(p.shown) {
		return
	}
	p.open(p.all[p.shown[id]].ID)
}

// open shows a partnership's page, clearing filters that hide it.
func (p *partnershipsScreen) open(id int64) {
	p.selected = id
	visible := false
	for _, i := range p.shown {
		visible = visible || p.all[i].ID == id
	}
	if !visible && len(p.all) > 0 {
		p.status.SetSelected(anyLabel)
		p.cohort.SetSelected(allCohorts)
		p.search.SetText("")
	}
	p.applyFilter()
	p.page.tabs.SelectIndex(0) // what needs fixing is on the overview
	p.page.load(id)
}

func (p *partnershipsScreen) setDetail(o fyne.CanvasObject) {
	p.detail.Objects = []fyne.CanvasObject{o}
	p.detail.Refresh()
}

// changed reads everything again after the coach changed a partnership.
func (p *partnershipsScreen) changed(id int64) {
	p.selected = id
	p.reload()
	p.page.load(id)
}
