package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
)

// bigCohort is the size from which suggesting a round shows progress and can be cancelled.
const bigCohort = 300

// pairingScreen suggests a cohort's round, explains each pair, and lets the coach lock,
// reject, swap and pair by hand before approving. Looking at it never writes: the round is
// saved as the cohort's draft only when the coach suggests again or changes it.
type pairingScreen struct {
	shell *practice

	cohorts  []data.Cohort
	plan     *pairing.Plan       // the round being worked on, nil before a cohort is chosen
	approved *pairing.SavedRound // the cohort's latest approved round, shown when it has no draft
	changed  map[int]bool        // the pairs the coach's last change moved
	selected int                 // the pair shown on the right, -1 for none
	leftOut  int                 // the person left out shown on the right, -1 for none
	busy     bool                // a suggestion is being worked out
	cohortID int64               // the chosen cohort, kept by ID so a renamed cohort stays chosen
	attempt  int                 // counts suggestions, so a cancelled one is ignored when it ends
	pending  []int64             // members of the pair to select once the next plan is shown

	content    *fyne.Container
	cohort     *widget.Select
	rules      *widget.Button
	suggest    *widget.Button
	approve    *widget.Button
	history    *widget.Button
	summary    *widget.Label
	summaryBar *fyne.Container // the summary and the button to allow rejected pairs again
	clear      *widget.Button  // allows rejected pairs again
	allIn      *widget.Label   // says everyone is paired
	pairs      *widget.List
	unpaired   *widget.List
	detail     *fyne.Container
	body       *fyne.Container // the main view, or the empty state before a cohort is chosen
	main       fyne.CanvasObject
	empty      fyne.CanvasObject

	// The approved round, read-only.
	approvedView    fyne.CanvasObject
	approvedSummary *widget.Label
	approvedPairs   *widget.List
	approvedDetail  *widget.Label
	nextRound       *widget.Button

	// The pair detail.
	lockState *widget.Label // says whether the pair is locked, next to the button that changes it
	lock      *widget.Button
	reject    *widget.Button
	swap      *widget.Button
	progress  *progressDialog // shown while a big cohort is suggested

	// The panel of a person left out.
	partner  *widget.Select
	pairWith *widget.Button
	join     *widget.Select
	joinPair *widget.Button

	// The swap dialog, once shown.
	swapOut     *widget.RadioGroup
	swapSearch  *widget.Entry
	swapList    *widget.List
	swapChoices []pairing.SwapChoice // everyone who could come in, best pair first
	swapShown   []pairing.SwapChoice // those matching the search
	swapPicked  int                  // the chosen row of swapShown, -1 for none
	swapApply   *widget.Button

	rulesForm *rulesForm // the open rules dialog, if any
	approval  *formDialog
	startDate *dateEntry
}

func newPairingScreen(shell *practice) *pairingScreen {
	p := &pairingScreen{shell: shell, selected: -1, leftOut: -1}
	p.buildUI()
	return p
}

func (p *pairingScreen) buildUI() {
	p.cohort = widget.NewSelect(nil, nil)
	p.cohort.PlaceHolder = "Choose a cohort"
	p.rules = widget.NewButtonWithIcon("Rules…", theme.SettingsIcon(), p.onRulesTapped)
	p.suggest = widget.NewButtonWithIcon("Suggest again", theme.ViewRefreshIcon(), p.onSuggestTapped)
	p.approve = widget.NewButtonWithIcon("Approve…", theme.ConfirmIcon(), p.onApproveTapped)
	p.approve.Importance = widget.HighImportance
	p.history = widget.NewButtonWithIcon("History…", theme.HistoryIcon(), p.onHistoryTapped)
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.clear = widget.NewButtonWithIcon("Allow rejected pairs again", theme.ContentUndoIcon(), func() {
		p.change(func(pl *pairing.Plan) { pl.ClearRejections() })
	})
	p.clear.Hide()
	p.allIn = widget.NewLabelWithStyle("Everyone is paired.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})

	p.pairs = widget.NewList(func() int { return p.pairCount() }, newPairRow, p.updatePairRow)
	p.pairs.OnSelected = p.onPairSelected
	p.unpaired = widget.NewList(func() int { return p.unpairedCount() },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if p.plan == nil || id >= len(p.plan.Round.Unpaired) {
				return
			}
			u := p.plan.Round.Unpaired[id]
			o.(*widget.Label).SetText(p.plan.People[u.Member].Name + ": " + u.Why)
		})
	p.unpaired.OnSelected = p.onUnpairedSelected
	p.lockState = widget.NewLabel("")
	p.lock = widget.NewButtonWithIcon("Lock", theme.CheckButtonIcon(), p.onLockTapped)
	p.reject = widget.NewButtonWithIcon("Reject", theme.CancelIcon(), p.onRejectTapped)
	p.swap = widget.NewButtonWithIcon("Swap someone in…", theme.ViewRefreshIcon(), p.onSwapTapped)
	p.detail = container.NewStack(hint("Select a pair to see why it was suggested."))

	cohortBox := container.NewGridWrap(fyne.NewSize(320, p.cohort.MinSize().Height), p.cohort)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Cohort"), cohortBox),
		container.NewHBox(p.history, p.rules, p.suggest, p.approve))
	leftOutHeading := widget.NewLabelWithStyle("Not paired", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	unpairedBox := container.NewBorder(leftOutHeading, nil, nil, nil, container.NewStack(p.unpaired, container.NewVBox(p.allIn)))
	left := container.NewVSplit(p.pairs, unpairedBox)
	left.Offset = 0.78
	split := container.NewHSplit(left, p.detail)
	split.Offset = 0.45
	p.summaryBar = container.NewBorder(nil, nil, nil, p.clear, p.summary)
	p.main = container.NewBorder(container.NewPadded(p.summaryBar), nil, nil, nil, split)
	p.empty = emptyState("Pair a cohort",
		"Choose a cohort above. Mutua suggests the pairs that fit best, and tells you why; lock the ones you like, reject the ones you don't, then approve.",
		widget.NewButtonWithIcon("New cohort…", theme.ContentAddIcon(), p.shell.onNewCohort))
	p.buildApprovedView()
	p.body = container.NewStack(p.empty)
	p.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, p.body)
	p.updateButtons()

	p.cohort.OnChanged = func(string) { p.onCohortChanged() }
}

func (p *pairingScreen) pairCount() int {
	if p.plan == nil {
		return 0
	}
	return len(p.plan.Round.Pairs)
}

func (p *pairingScreen) unpairedCount() int {
	if p.plan == nil {
		return 0
	}
	return len(p.plan.Round.Unpaired)
}

func newPairRow() fyne.CanvasObject {
	names := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	names.Truncation = fyne.TextTruncateEllipsis
	reason := widget.NewLabel("")
	reason.Truncation = fyne.TextTruncateEllipsis
	bar := newMeterBar(100, "100.0")
	badge := widget.NewLabel("")
	scoreBox := container.NewGridWrap(fyne.NewSize(110, bar.MinSize().Height), bar)
	return container.NewBorder(nil, nil, nil, container.NewVBox(scoreBox, badge),
		container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), names, reason))
}

func (p *pairingScreen) updatePairRow(id widget.ListItemID, o fyne.CanvasObject) {
	if p.plan == nil || id >= len(p.plan.Round.Pairs) {
		return
	}
	pair := &p.plan.Round.Pairs[id]
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(p.memberNames(pair, " + "))
	reasons := pair.Score.Reasons()
	first := ""
	if len(reasons) > 0 {
		first = reasons[0]
	}
	texts[1].(*widget.Label).SetText(first)
	side := row.Objects[1].(*fyne.Container).Objects
	bar := side[0].(*fyne.Container).Objects[0].(*meterBar)
	bar.set(pair.Score.Total, data.FormatNumber(pair.Score.Total))
	side[1].(*widget.Label).SetText(pairBadge(pair, p.changed[id]))
}

// pairBadge names what is special about a pair: changed by the coach's last change, locked
// (by hand when the coach made it), a repeat, a warning.
func pairBadge(pair *pairing.Pair, changed bool) string {
	var parts []string
	if changed {
		parts = append(parts, "Changed")
	}
	switch {
	case pair.Locked && pair.Manual:
		parts = append(parts, "Locked, by hand")
	case pair.Locked:
		parts = append(parts, "Locked")
	}
	if pair.Repeat {
		parts = append(parts, "Repeat")
	}
	if pair.Warning != "" {
		parts = append(parts, "⚠ Rule")
	}
	return strings.Join(parts, " · ")
}

func (p *pairingScreen) memberNames(pair *pairing.Pair, sep string) string {
	var names []string
	for _, m := range pair.Members {
		names = append(names, p.plan.People[m].Name)
	}
	return strings.Join(names, sep)
}

// reload reads the cohorts and keeps the chosen one.
func (p *pairingScreen) reload() {
	var cohorts []data.Cohort
	p.shell.load("Mutua could not read the cohorts", nil,
		func(store *sqlite.Store) (err error) {
			cohorts, err = store.Cohorts()
			return err
		},
		func() { p.showCohorts(cohorts) })
}

// showCohorts offers the cohorts, chooses the only one, and shows the chosen one's round.
func (p *pairingScreen) showCohorts(cohorts []data.Cohort) {
	p.cohorts = cohorts
	var names []string
	for _, c := range cohorts {
		names = append(names, c.Name)
	}
	if len(cohorts) == 1 && p.cohortID == 0 {
		p.cohortID = cohorts[0].ID
	}
	p.cohort.OnChanged = nil
	p.cohort.SetOptions(names)
	p.cohort.ClearSelected()
	for _, c := range cohorts {
		if c.ID == p.cohortID {
			p.cohort.SetSelected(c.Name)
		}
	}
	p.cohort.OnChanged = func(string) { p.onCohortChanged() }
	if p.cohort.Selected == "" {
		p.plan, p.approved, p.cohortID = nil, nil, 0
		p.refresh()
		return
	}
	if p.busy {
		return // the round being worked out is shown when it is ready
	}
	// The roster, rules or history may have changed since: read the round again, as saved.
	p.open()
}

func (p *pairingScreen) selectedCohort() (data.Cohort, bool) {
	for _, c := range p.cohorts {
		if c.Name == p.cohort.Selected {
			return c, true
		}
	}
	return data.Cohort{}, false
}

func (p *pairingScreen) onCohortChanged() {
	c, ok := p.selectedCohort()
	if !ok {
		return
	}
	p.cohortID = c.ID
	p.plan, p.approved, p.selected, p.leftOut = nil, nil, -1, -1
	p.open()
}

// open shows the chosen cohort's draft, or its approved round, or a first suggestion, and
// saves nothing.
func (p *pairingScreen) open() {
	c, ok := p.selectedCohort()
	if !ok {
		return
	}
	store := p.shell.store
	p.work(c.Members, false, func() (pairing.CurrentRound, error) { return pairing.OpenRound(store, c.ID, time.Now()) })
}

func (p *pairingScreen) onSuggestTapped() {
	if c, ok := p.selectedCohort(); ok {
		store := p.shell.store
		p.work(c.Members, true, func() (pairing.CurrentRound, error) {
			plan, err := pairing.PlanRound(store, c.ID, time.Now())
			return pairing.CurrentRound{Plan: plan}, err
		})
	}
}

// onNextRoundTapped leaves the approved round and suggests the cohort's next one.
func (p *pairingScreen) onNextRoundTapped() {
	c, ok := p.selectedCohort()
	if !ok {
		return
	}
	store := p.shell.store
	p.work(c.Members, true, func() (pairing.CurrentRound, error) {
		plan, err := pairing.PlanRound(store, c.ID, time.Now())
		if err != nil {
			return pairing.CurrentRound{}, err
		}
		free := 0
		for _, person := range plan.People {
			if person.Free > 0 {
				free++
			}
		}
		if free < 2 {
			return pairing.CurrentRound{}, data.Errorf(data.Conflict,
				"No one in %s has room for another partnership yet: each is in as many active partnerships as they can take. "+
					"Complete or end partnerships on the Partnerships screen, or raise someone's capacity, then start the next round.", c.Name)
		}
		return pairing.CurrentRound{Plan: plan}, nil
	})
}

// rulesChanged shows the round under the cohort's new rules or exclusions: suggested again
// when a round is being worked on, the approved round as it was otherwise.
func (p *pairingScreen) rulesChanged() {
	if p.plan == nil {
		p.open()
		return
	}
	p.onSuggestTapped()
}

// change applies a change to a copy of the plan off the UI goroutine, saves it as the
// cohort's draft and shows it.
func (p *pairingScreen) change(apply func(*pairing.Plan)) {
	if p.plan == nil || p.busy {
		return
	}
	next := p.plan.Clone()
	p.work(len(next.People), true, func() (pairing.CurrentRound, error) {
		apply(next)
		return pairing.CurrentRound{Plan: next}, nil
	})
}

// follow selects the pair holding all these people once the plan on screen has them.
func (p *pairingScreen) follow(ids []int64) {
	p.selected = -1
	for i := range p.plan.Round.Pairs {
		members := p.plan.MemberIDs(&p.plan.Round.Pairs[i])
		if !slices.ContainsFunc(ids, func(id int64) bool { return !slices.Contains(members, id) }) {
			p.selected = i
		}
	}
}

// work works out what to show off the UI goroutine and shows it; when the coach asked for it
// (save), the plan is saved as the cohort's draft first. Big cohorts show progress and can be
// cancelled.
func (p *pairingScreen) work(people int, save bool, compute func() (pairing.CurrentRound, error)) {
	store := p.shell.store
	p.attempt++
	attempt := p.attempt
	p.busy = true
	p.updateButtons()
	if people >= bigCohort {
		p.progress = newProgressDialog(p.shell.Shell, "Pairing", fmt.Sprintf("Finding the best pairs for %d people…", people), 0, func() {
			p.attempt++ // the result, when it comes, is ignored
			p.busy = false
			p.progress.hide()
			p.updateButtons()
		}).show()
	}
	p.shell.background(func() {
		next, err := compute()
		fyne.Do(func() {
			if attempt != p.attempt {
				return // cancelled, or overtaken by a newer suggestion: not shown, not saved
			}
			if err == nil && save {
				p.shell.saveOr(func() error { return store.SaveDraft(next.Plan) }, func(err error) { p.finishWork(attempt, next, save, err) })
				return
			}
			p.finishWork(attempt, next, save, err)
		})
	})
}

// finishWork ends a piece of work: the progress goes, and the round, or what failed, is shown.
func (p *pairingScreen) finishWork(attempt int, next pairing.CurrentRound, save bool, err error) {
	if attempt != p.attempt {
		return // cancelled while the draft was saved
	}
	p.busy = false
	if p.progress != nil {
		p.progress.hide()
		p.progress = nil
	}
	if err != nil {
		p.shell.showError("Mutua could not suggest pairs", err)
		p.updateButtons()
		return
	}
	p.show(next, save)
}

// show puts a round on screen, keeping the coach's pair selected wherever it moved. After a
// change (changed), the pairs it moved are marked.
func (p *pairingScreen) show(next pairing.CurrentRound, changed bool) {
	var shown []int64
	if p.plan != nil && p.selected >= 0 && p.selected < len(p.plan.Round.Pairs) {
		shown = p.plan.MemberIDs(&p.plan.Round.Pairs[p.selected])
	}
	before := p.plan
	p.plan, p.approved, p.changed = next.Plan, next.Approved, nil
	if p.plan == nil {
		p.pending = nil
		p.refresh()
		return
	}
	if changed && before != nil && before.Cohort.ID == p.plan.Cohort.ID {
		p.changed = map[int]bool{}
		for _, i := range p.plan.ChangedPairs(before) {
			p.changed[i] = true
		}
	}
	switch {
	case p.pending != nil:
		p.follow(p.pending)
		p.pending = nil
	case shown != nil:
		p.follow(shown) // the same pair stays selected, wherever it moved
	}
	p.refresh()
}

// refresh shows the current round: summary, pairs, people left out and the selection; or the
// approved round, read-only.
func (p *pairingScreen) refresh() {
	content := p.empty
	switch {
	case p.plan != nil:
		content = p.main
	case p.approved != nil:
		content = p.approvedView
	}
	swapIn(p.body, content)
	p.updateButtons()
	if p.approved != nil && p.plan == nil {
		p.showApproved()
		return
	}
	if p.plan == nil {
		return
	}
	p.summary.SetText(p.summaryText())
	p.clear.Hidden = len(p.plan.Rejected) == 0
	p.summaryBar.Refresh() // lays the button out where it now shows
	p.allIn.Hidden = len(p.plan.Round.Unpaired) > 0 || len(p.plan.People) == 0
	p.allIn.Refresh()
	p.pairs.UnselectAll()
	p.pairs.Refresh()
	p.unpaired.UnselectAll()
	p.unpaired.Refresh()
	switch {
	case p.selected >= 0 && p.selected < len(p.plan.Round.Pairs):
		p.pairs.OnSelected = nil
		p.pairs.Select(p.selected)
		p.pairs.OnSelected = p.onPairSelected
		p.showPair(p.selected)
	default:
		p.selected = -1
		p.setDetail(hint("Select a pair to see why it was suggested."))
	}
}

func (p *pairingScreen) updateButtons() {
	_, chosen := p.selectedCohort()
	for _, b := range []*widget.Button{p.rules, p.history} {
		if chosen && !p.busy {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	// An approved round is read-only: the next round starts from its own button.
	for _, b := range []*widget.Button{p.suggest, p.approve} {
		if p.plan == nil && p.approved != nil {
			b.Hide()
		} else {
			b.Show()
		}
	}
	if chosen && !p.busy && (p.plan != nil || p.approved == nil) {
		p.suggest.Enable()
	} else {
		p.suggest.Disable()
	}
	if p.plan != nil && !p.busy && len(p.plan.Round.Pairs) > 0 {
		p.approve.Enable()
	} else {
		p.approve.Disable()
	}
	for _, b := range []*widget.Button{p.lock, p.reject, p.swap, p.clear, p.pairWith, p.joinPair, p.nextRound} {
		if b == nil {
			continue
		}
		if p.busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// summaryText sums the round up in one line: what the last change moved, pairs, total,
// weakest pair, repeats, who is out.
func (p *pairingScreen) summaryText() string {
	r := &p.plan.Round
	if len(p.plan.People) == 0 {
		return "This cohort has no active members to pair. Add members on the Cohorts screen."
	}
	text := ""
	if len(p.changed) > 0 {
		text = fmt.Sprintf("%d pair%s changed (marked). ", len(p.changed), data.Plural(len(p.changed)))
	}
	if len(r.Pairs) == 0 && len(r.Unpaired) == len(p.plan.People) && p.noRoom() {
		return text + "No one here has room for another partnership: each is in as many active partnerships as they can take. " +
			"Complete or end partnerships on the Partnerships screen, or raise someone's capacity, to pair them again."
	}
	parts := []string{fmt.Sprintf("%d pair%s for %d people", len(r.Pairs), data.Plural(len(r.Pairs)), len(p.plan.People)),
		"total " + data.FormatNumber(r.Total)}
	if w := r.Weakest(); w != nil {
		parts = append(parts, fmt.Sprintf("weakest %s (%s)", data.FormatNumber(w.Score.Total), p.memberNames(w, " + ")))
	}
	parts = append(parts, fmt.Sprintf("%d repeat%s", r.Repeats(), data.Plural(r.Repeats())))
	if n := len(r.Unpaired); n > 0 {
		parts = append(parts, fmt.Sprintf("%d not paired", n))
	}
	if n := len(p.plan.Rejected); n > 0 {
		parts = append(parts, fmt.Sprintf("%d rejected pair%s", n, data.Plural(n)))
	}
	text += strings.Join(parts, " · ") + "."
	if len(p.plan.Inactive) > 0 {
		text += " Paused or alumni, not in this round: " + strings.Join(p.plan.Inactive, ", ") + "."
	}
	return text
}

// noRoom reports whether fewer than two people of the plan have room for a partnership.
func (p *pairingScreen) noRoom() bool {
	free := 0
	for _, person := range p.plan.People {
		if person.Free > 0 {
			free++
		}
	}
	return free < 2
}

// buildApprovedView lays out the approved round: what was approved, its pairs and why, and
// the way to the next round.
func (p *pairingScreen) buildApprovedView() {
	p.approvedSummary = widget.NewLabel("")
	p.approvedSummary.Wrapping = fyne.TextWrapWord
	p.nextRound = widget.NewButtonWithIcon("Start the next round", theme.MediaSkipNextIcon(), p.onNextRoundTapped)
	p.nextRound.Importance = widget.HighImportance
	p.approvedPairs = widget.NewList(func() int { return p.approvedRows() }, newTwoLineRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if p.approved == nil || id >= p.approvedRows() {
			return
		}
		if id >= len(p.approved.Pairs) {
			u := p.approved.Unpaired[id-len(p.approved.Pairs)]
			setTwoLineRow(o, u.Name, u.Why, "Not paired")
			return
		}
		pair := p.approved.Pairs[id]
		first := ""
		for _, c := range pair.Criteria {
			if c.Reason != "" {
				first = c.Reason
				break
			}
		}
		setTwoLineRow(o, strings.Join(pair.Names, " + "), first, data.FormatNumber(pair.Score))
	})
	p.approvedPairs.OnSelected = p.onApprovedPairSelected
	p.approvedDetail = widget.NewLabel("Select a pair to see why it was paired.")
	p.approvedDetail.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(p.approvedPairs, container.NewVScroll(container.NewPadded(p.approvedDetail)))
	split.Offset = 0.45
	introduce := widget.NewButtonWithIcon("Introduce pairs…", theme.MailComposeIcon(), func() { p.shell.mail.introduceCohort(p.cohortID) })
	top := container.NewPadded(container.NewBorder(nil, nil, nil, container.NewVBox(p.nextRound, introduce), p.approvedSummary))
	p.approvedView = container.NewBorder(top, nil, nil, nil, split)
}

func (p *pairingScreen) approvedRows() int {
	if p.approved == nil {
		return 0
	}
	return len(p.approved.Pairs) + len(p.approved.Unpaired)
}

// showApproved shows the cohort's latest approved round.
func (p *pairingScreen) showApproved() {
	r := p.approved
	n := len(r.Pairs)
	p.approvedSummary.SetText(fmt.Sprintf("Round approved on %s: %d partnership%s, total %s. This round is read-only: "+
		"its partnerships are on the Partnerships screen. When you are ready to pair this cohort again, start the next round.",
		formatDate(data.DateOf(r.ApprovedAt.Local())), n, data.Plural(n), data.FormatNumber(r.Total)))
	p.approvedPairs.UnselectAll()
	p.approvedPairs.Refresh()
	p.approvedDetail.SetText("Select a pair to see why it was paired.")
}

func (p *pairingScreen) onApprovedPairSelected(id widget.ListItemID) {
	if p.approved == nil || id >= p.approvedRows() {
		return
	}
	if id >= len(p.approved.Pairs) {
		u := p.approved.Unpaired[id-len(p.approved.Pairs)]
		p.approvedDetail.SetText(u.Name + " was not paired in this round.\n\n" + u.Why)
		return
	}
	pair := p.approved.Pairs[id]
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nScore %s of 100\n", strings.Join(pair.Names, " + "), data.FormatNumber(pair.Score))
	for _, c := range pair.Criteria {
		if c.Reason != "" {
			fmt.Fprintf(&b, "\n• %s", c.Reason)
		}
	}
	p.approvedDetail.SetText(b.String())
}

func (p *pairingScreen) setDetail(o fyne.CanvasObject) {
	p.detail.Objects = []fyne.CanvasObject{o}
	p.detail.Refresh()
}

func (p *pairingScreen) onPairSelected(id widget.ListItemID) {
	p.selected, p.leftOut = id, -1
	p.unpaired.UnselectAll()
	p.showPair(id)
}

// showPair shows both (or all three) members side by side with what matched and what did not.
func (p *pairingScreen) showPair(id int) {
	pair := &p.plan.Round.Pairs[id]
	heading := widget.NewLabel(p.memberNames(pair, " + "))
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Wrapping = fyne.TextWrapWord
	score := widget.NewLabel(fmt.Sprintf("Score %s of 100", data.FormatNumber(pair.Score.Total)))
	criteria := container.New(layout.NewFormLayout())
	for _, c := range pair.Score.Criteria {
		points := data.FormatNumber(c.Points)
		if c.Max > 0 {
			points += " / " + data.FormatNumber(c.Max)
		}
		value := widget.NewLabel(c.Reason)
		value.Wrapping = fyne.TextWrapWord
		criteria.Add(widget.NewLabelWithStyle(points, fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		criteria.Add(value)
	}
	var warning fyne.CanvasObject = layout.NewSpacer()
	if pair.Warning != "" {
		w := widget.NewLabel("This pair breaks a rule: " + pair.Warning)
		w.Importance = widget.WarningImportance
		w.Wrapping = fyne.TextWrapWord
		warning = w
	}
	// The icon shows the state (a ticked box: locked), the label what tapping does.
	if pair.Locked {
		p.lockState.SetText("Locked: kept as it is when Mutua suggests again.")
		p.lock.SetText("Unlock")
		p.lock.SetIcon(theme.CheckButtonCheckedIcon())
	} else {
		p.lockState.SetText("Not locked: Mutua may change it when it suggests again.")
		p.lock.SetText("Lock")
		p.lock.SetIcon(theme.CheckButtonIcon())
	}
	var profiles []fyne.CanvasObject
	for _, m := range pair.Members {
		profiles = append(profiles, p.profileCard(m, pair))
	}
	actions := container.NewHBox(p.lock, p.reject, p.swap)
	body := container.NewVBox(heading, score, warning, p.lockState, actions, captionHint(pairActionsHint(len(pair.Members))), widget.NewSeparator(), criteria, widget.NewSeparator(),
		container.NewGridWithColumns(len(profiles), profiles...))
	p.setDetail(container.NewVScroll(container.NewPadded(body)))
}

// pairActionsHint says what the buttons over a pair (2 members) or a triad (3) do.
func pairActionsHint(members int) string {
	reject := "Reject takes it out of this round: both are paired with others."
	if members > 2 {
		reject = "Reject takes this triad out of this round: none of the three is paired with another of them; each is paired with someone else."
	}
	return "Lock keeps it as it is when Mutua suggests again. " + reject + " Swap brings someone else in, trading places with them."
}

// profileCard shows one member: who they are, orientation, and their tags, marking the ones
// that meet the other members' tags.
func (p *pairingScreen) profileCard(m int, pair *pairing.Pair) fyne.CanvasObject {
	person := &p.plan.People[m]
	others := map[string]bool{}
	wanted := map[string]bool{}
	for _, o := range pair.Members {
		if o == m {
			continue
		}
		for _, t := range p.plan.People[o].Development {
			wanted[data.Fold(t)] = true
		}
		for _, t := range p.plan.People[o].Strengths {
			others[data.Fold(t)] = true
		}
	}
	mark := func(tags []string, matches map[string]bool) string {
		var out []string
		for _, t := range tags {
			if matches[data.Fold(t)] {
				out = append(out, "✓ "+t)
			} else {
				out = append(out, "· "+t)
			}
		}
		if len(out) == 0 {
			return "—"
		}
		return strings.Join(out, "\n")
	}
	name := widget.NewLabelWithStyle(person.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	facts := widget.NewLabel(joinNonEmpty("\n", person.Company, joinNonEmpty(" · ", person.Industry, person.Function),
		seniorityText(person.Seniority), orientationSummary(person)))
	facts.Wrapping = fyne.TextWrapWord
	teach := widget.NewLabel(mark(person.Strengths, wanted))
	teach.Wrapping = fyne.TextWrapWord
	learn := widget.NewLabel(mark(person.Development, others))
	learn.Wrapping = fyne.TextWrapWord
	return widget.NewCard("", "", container.NewVBox(name, facts,
		widget.NewLabelWithStyle("Can teach", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), teach,
		widget.NewLabelWithStyle("Wants to learn", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), learn))
}

func orientationSummary(person *pairing.Person) string {
	if len(person.Profile) == 0 {
		return "Not assessed yet"
	}
	var parts []string
	for _, o := range []string{"job", "career", "calling"} {
		if v, ok := person.Profile[o]; ok {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", o, v*100))
		}
	}
	return data.OrientationLabel(person.Primary) + " (" + strings.Join(parts, ", ") + ")"
}

func (p *pairingScreen) onUnpairedSelected(id widget.ListItemID) {
	if p.plan == nil || id >= len(p.plan.Round.Unpaired) {
		return
	}
	p.leftOut, p.selected = id, -1
	p.pairs.UnselectAll()
	u := p.plan.Round.Unpaired[id]
	person := &p.plan.People[u.Member]
	heading := widget.NewLabelWithStyle(person.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	why := widget.NewLabel(u.Why)
	why.Wrapping = fyne.TextWrapWord

	var partners []string
	var partnerIDs []int64
	for i := range p.plan.People {
		if i == u.Member {
			continue
		}
		label := p.plan.People[i].Name
		if total, ok := p.plan.Scorer.Total(u.Member, i); ok {
			label += fmt.Sprintf(" (%s)", data.FormatNumber(total))
		} else {
			label += " (breaks a rule)"
		}
		partners = append(partners, label)
		partnerIDs = append(partnerIDs, p.plan.People[i].ID)
	}
	p.partner = widget.NewSelect(partners, nil)
	p.partner.PlaceHolder = "Choose a partner"
	p.pairWith = widget.NewButtonWithIcon("Pair by hand", theme.ContentAddIcon(), func() {
		if i := p.partner.SelectedIndex(); i >= 0 {
			id := partnerIDs[i]
			p.pending = []int64{person.ID, id}
			p.change(func(pl *pairing.Plan) { pl.PairByHand(person.ID, id) })
		}
	})
	var pairNames []string
	var pairIndex []int
	for i := range p.plan.Round.Pairs {
		if len(p.plan.Round.Pairs[i].Members) == 2 {
			pairNames = append(pairNames, p.memberNames(&p.plan.Round.Pairs[i], " + "))
			pairIndex = append(pairIndex, i)
		}
	}
	p.join = widget.NewSelect(pairNames, nil)
	p.join.PlaceHolder = "Choose a pair"
	p.joinPair = widget.NewButtonWithIcon("Make a triad", theme.ContentAddIcon(), func() {
		if i := p.join.SelectedIndex(); i >= 0 {
			pair := pairIndex[i]
			p.pending = append(p.plan.MemberIDs(&p.plan.Round.Pairs[pair]), person.ID)
			p.change(func(pl *pairing.Plan) { pl.JoinPair(pair, person.ID) })
		}
	})
	p.setDetail(container.NewVScroll(container.NewPadded(container.NewVBox(heading, why, widget.NewSeparator(),
		widget.NewLabel("Pair them with someone:"), container.NewBorder(nil, nil, nil, p.pairWith, p.partner),
		widget.NewLabel("Or add them to a pair as a third:"), container.NewBorder(nil, nil, nil, p.joinPair, p.join)))))
}

func (p *pairingScreen) onLockTapped() {
	if p.selected < 0 {
		return
	}
	pair, locked := p.selected, !p.plan.Round.Pairs[p.selected].Locked
	p.change(func(pl *pairing.Plan) { pl.SetLocked(pair, locked) })
}

func (p *pairingScreen) onRejectTapped() {
	if p.selected < 0 {
		return
	}
	pair := p.selected
	// The coach's first person stays selected, in the pair they join.
	p.pending = p.plan.MemberIDs(&p.plan.Round.Pairs[pair])[:1]
	p.change(func(pl *pairing.Plan) { pl.Reject(pair) })
}

// onSwapTapped asks who goes out of the pair and who comes in, listing everyone who could
// come in by the score the new pair would get, with what the swap does to the round's total.
func (p *pairingScreen) onSwapTapped() {
	if p.selected < 0 || p.plan == nil {
		return
	}
	pairIndex := p.selected
	plan := p.plan
	pair := &plan.Round.Pairs[pairIndex]
	var outNames []string
	var outIDs []int64
	for k, m := range pair.Members {
		// Numbered, so two people with the same name can be told apart.
		outNames = append(outNames, fmt.Sprintf("%d. %s", k+1, plan.People[m].Name))
		outIDs = append(outIDs, plan.People[m].ID)
	}
	outID := func() int64 {
		for k, name := range outNames {
			if name == p.swapOut.Selected {
				return outIDs[k]
			}
		}
		return outIDs[0]
	}
	p.swapPicked = -1
	p.swapSearch = widget.NewEntry()
	p.swapSearch.SetPlaceHolder("Search by name or company")
	p.swapList = widget.NewList(func() int { return len(p.swapShown) }, newTwoLineRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(p.swapShown) {
			c := p.swapShown[id]
			setTwoLineRow(o, joinNonEmpty(" · ", c.Name, c.Company), swapChoiceLine(c), data.FormatNumber(c.Score))
		}
	})
	var d *dialog.CustomDialog
	p.swapApply = widget.NewButtonWithIcon("Swap", theme.ConfirmIcon(), func() {
		if p.swapPicked < 0 || p.swapPicked >= len(p.swapShown) {
			return
		}
		out, in := outID(), p.swapShown[p.swapPicked].ID
		d.Hide()
		// The coach's pair, with the newcomer in it, stays selected.
		p.pending = []int64{in}
		for _, id := range outIDs {
			if id != out {
				p.pending = append(p.pending, id)
			}
		}
		p.change(func(pl *pairing.Plan) { pl.Swap(pairIndex, out, in) })
	})
	p.swapApply.Importance = widget.HighImportance
	p.swapApply.Disable()
	p.swapOut = widget.NewRadioGroup(outNames, nil)
	p.swapOut.SetSelected(outNames[0])
	filter := func() {
		p.swapShown = p.swapShown[:0]
		for _, c := range p.swapChoices {
			if p.swapSearch.Text == "" || strings.Contains(data.Fold(c.Name+" "+c.Company), data.Fold(p.swapSearch.Text)) {
				p.swapShown = append(p.swapShown, c)
			}
		}
		p.swapPicked = -1
		p.swapApply.Disable()
		p.swapList.UnselectAll()
		p.swapList.Refresh()
	}
	choose := func() {
		p.swapChoices = plan.SwapChoices(pairIndex, outID())
		filter()
	}
	choose()
	p.swapOut.OnChanged = func(string) { choose() }
	p.swapSearch.OnChanged = func(string) { filter() }
	p.swapList.OnSelected = func(id widget.ListItemID) {
		p.swapPicked = id
		p.swapApply.Enable()
	}
	note := captionHint("Best new pair first (pairs that would break a rule last), with how the round's total changes. " +
		"People in locked pairs are not listed; someone in another pair trades places with the one going out.")
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	top := container.NewVBox(widget.NewLabelWithStyle("Goes out", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.swapOut,
		widget.NewLabelWithStyle("Comes in", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.swapSearch, note)
	d = dialog.NewCustomWithoutButtons("Swap someone into "+p.memberNames(pair, " + "),
		container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, p.swapApply), nil, nil, p.swapList), p.shell.win)
	p.shell.sizeDialog(d, 600, 640)
	d.Show()
}

// swapChoiceLine says what bringing someone in does: the new pair's score and the change in
// the round's total, and whether a rule is broken.
func swapChoiceLine(c pairing.SwapChoice) string {
	change := data.FormatNumber(c.Change)
	if c.Change > 0 {
		change = "+" + change
	} else if c.Change == 0 {
		change = "no change"
	}
	line := fmt.Sprintf("New pair scores %s · round total %s", data.FormatNumber(c.Score), change)
	if c.Paired {
		line += " · trades places"
	}
	if !c.Allowed {
		line += " · ⚠ breaks a rule"
	}
	return line
}

func (p *pairingScreen) onApproveTapped() {
	if p.plan == nil || len(p.plan.Round.Pairs) == 0 || p.busy {
		return
	}
	plan := p.plan
	start := time.Now()
	if c := plan.Cohort; !c.StartsOn.IsZero() && c.StartsOn.Time().After(start) {
		start = c.StartsOn.Time()
	}
	p.startDate = newDateEntry()
	p.startDate.SetDate(&start)
	n := len(plan.Round.Pairs)
	text := fmt.Sprintf("Approve this round? Mutua creates %d partnership%s and keeps the round in the cohort's history.", n, data.Plural(n))
	if u := plan.Round.UnpairedSentence(); u != "" {
		text += " " + u
	}
	body := container.NewVBox(wrapped(text), widget.NewForm(widget.NewFormItem("Partnerships start", p.startDate)))
	var day data.Date
	p.approval = newFormDialog(p.shell, "Approve round", "Approve", body, 520, 0, func() error {
		var err error
		if day, err = p.startDate.value(); err != nil {
			return data.Errorf(data.Invalid, "%s", err)
		} else if day.IsZero() {
			return data.Errorf(data.Invalid, "Choose the day the partnerships start.")
		}
		return p.approval.write(func() error { return p.shell.store.ApproveRound(plan, day) }, nil)
	})
	p.approval.then = func() {
		p.shell.mail.offerIntroductions(plan.Cohort.ID, fmt.Sprintf("%d partnership%s start on %s. The round is kept in the cohort's history.", n, data.Plural(n), formatDate(day)))
	}
}

func (p *pairingScreen) onHistoryTapped() {
	c, ok := p.selectedCohort()
	if !ok {
		return
	}
	rounds, err := p.shell.store.Rounds(c.ID)
	if err != nil {
		p.shell.showError("Mutua could not read the history", err)
		return
	}
	if len(rounds) == 0 {
		p.shell.showInfo("History", "No round of "+c.Name+" has been approved yet.")
		return
	}
	var shown *pairing.SavedRound
	detail := widget.NewLabel("")
	detail.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(rounds) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := rounds[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s · total %s", formatTime(r.ApprovedAt), data.FormatNumber(r.Total)))
		})
	list.OnSelected = func(id widget.ListItemID) {
		r, err := p.shell.store.SavedRound(rounds[id].ID)
		if err != nil {
			detail.SetText(data.Message(err))
			return
		}
		shown = r
		var b strings.Builder
		for _, pair := range shown.Pairs {
			fmt.Fprintf(&b, "%s  (%s)\n", strings.Join(pair.Names, " + "), data.FormatNumber(pair.Score))
			for _, c := range pair.Criteria {
				if c.Reason != "" {
					fmt.Fprintf(&b, "    %s\n", c.Reason)
				}
			}
		}
		for _, u := range shown.Unpaired {
			fmt.Fprintf(&b, "Not paired: %s. %s\n", u.Name, u.Why)
		}
		detail.SetText(b.String())
	}
	split := container.NewHSplit(list, container.NewVScroll(detail))
	split.Offset = 0.3
	d := dialog.NewCustom("Approved rounds of "+c.Name, "Close", split, p.shell.win)
	p.shell.sizeDialog(d, 980, 620)
	d.Show()
	list.Select(0)
}
