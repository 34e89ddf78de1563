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
)

// bigCohort is the size from which suggesting a round shows progress and can be cancelled.
const bigCohort = 300

// pairingScreen suggests a cohort's round, explains each pair, and lets the coach lock,
// reject, swap and pair by hand before approving.
type pairingScreen struct {
	shell *Shell

	cohorts  []data.Cohort
	plan     *data.Plan // the round being worked on, nil before a cohort is chosen
	selected int        // the pair shown on the right, -1 for none
	leftOut  int        // the person left out shown on the right, -1 for none
	busy     bool       // a suggestion is being worked out
	practice string     // the practice file the cohorts and plan come from
	cohortID int64      // the chosen cohort, kept by ID so a renamed cohort stays chosen
	attempt  int        // counts suggestions, so a cancelled one is ignored when it ends
	pending  []int64    // members of the pair to select once the next plan is shown

	content  *fyne.Container
	cohort   *widget.Select
	rules    *widget.Button
	suggest  *widget.Button
	approve  *widget.Button
	history  *widget.Button
	summary  *widget.Label
	clear    *widget.Button // allows rejected pairs again
	allIn    *widget.Label  // says everyone is paired
	pairs    *widget.List
	unpaired *widget.List
	detail   *fyne.Container
	body     *fyne.Container // the main view, or the empty state before a cohort is chosen
	main     fyne.CanvasObject
	empty    fyne.CanvasObject

	// The pair detail.
	lock     *widget.Button
	reject   *widget.Button
	swap     *widget.Button
	progress dialog.Dialog // shown while a big cohort is suggested

	// The panel of a person left out.
	partner  *widget.Select
	pairWith *widget.Button
	join     *widget.Select
	joinPair *widget.Button

	rulesForm *rulesForm // the open rules dialog, if any
	approval  *formDialog
	startDate *widget.DateEntry
}

func newPairingScreen(shell *Shell) *pairingScreen {
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
		p.change(func(pl *data.Plan) { pl.ClearRejections() })
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
	p.lock = widget.NewButtonWithIcon("Lock", theme.CheckButtonCheckedIcon(), p.onLockTapped)
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
	p.main = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, nil, p.clear, p.summary)), nil, nil, nil, split)
	p.empty = emptyState("Pair a cohort",
		"Choose a cohort above. Mutua suggests the pairs that fit best, and tells you why; lock the ones you like, reject the ones you don't, then approve.",
		widget.NewButtonWithIcon("New cohort…", theme.ContentAddIcon(), p.shell.onNewCohort))
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
	side[1].(*widget.Label).SetText(pairBadge(pair))
}

// pairBadge names what is special about a pair: locked, made by hand, a repeat, a warning.
func pairBadge(pair *pairing.Pair) string {
	var parts []string
	switch {
	case pair.Manual:
		parts = append(parts, "By hand")
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
	store := p.shell.store
	if store == nil {
		return
	}
	if p.practice != store.Path() { // another practice: start afresh
		p.practice, p.plan, p.selected, p.leftOut, p.cohortID = store.Path(), nil, -1, -1, 0
	}
	var cohorts []data.Cohort
	p.shell.load("Mutua could not read the cohorts", nil,
		func(store *data.Store) (err error) {
			cohorts, err = store.Cohorts()
			return err
		},
		func() { p.showCohorts(cohorts) })
}

// showCohorts offers the cohorts and suggests again for the one chosen.
func (p *pairingScreen) showCohorts(cohorts []data.Cohort) {
	p.cohorts = cohorts
	var names []string
	for _, c := range cohorts {
		names = append(names, c.Name)
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
		p.plan, p.cohortID = nil, 0
		p.refresh()
		return
	}
	// The roster, rules or history may have changed since: suggest again (the draft keeps
	// the coach's locks and rejections).
	p.onSuggestTapped()
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
	p.plan, p.selected, p.leftOut = nil, -1, -1
	store := p.shell.store
	p.work(c.Members, func() (*data.Plan, error) { return store.PlanRound(c.ID, time.Now()) })
}

func (p *pairingScreen) onSuggestTapped() {
	if c, ok := p.selectedCohort(); ok {
		store := p.shell.store
		p.work(c.Members, func() (*data.Plan, error) { return store.PlanRound(c.ID, time.Now()) })
	}
}

// change applies a change to a copy of the plan off the UI goroutine, saves it as the
// cohort's draft and shows it.
func (p *pairingScreen) change(apply func(*data.Plan)) {
	if p.plan == nil || p.busy {
		return
	}
	next := p.plan.Clone()
	p.work(len(next.People), func() (*data.Plan, error) {
		apply(next)
		return next, nil
	})
}

// select the pair with these members once the plan on screen has them.
func (p *pairingScreen) follow(ids []int64) {
	p.selected = -1
	for i := range p.plan.Round.Pairs {
		if slices.Equal(sortedIDs(p.plan.MemberIDs(&p.plan.Round.Pairs[i])), sortedIDs(ids)) {
			p.selected = i
		}
	}
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// work works out a plan off the UI goroutine, saves it as the draft and shows it. Big
// cohorts show progress and can be cancelled.
func (p *pairingScreen) work(people int, plan func() (*data.Plan, error)) {
	store := p.shell.store
	p.attempt++
	attempt := p.attempt
	p.busy = true
	p.updateButtons()
	if people >= bigCohort {
		cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
			p.attempt++ // the result, when it comes, is ignored
			p.busy = false
			p.progress.Hide()
			p.updateButtons()
		})
		p.progress = dialog.NewCustomWithoutButtons("Pairing",
			container.NewVBox(widget.NewLabel(fmt.Sprintf("Finding the best pairs for %d people…", people)), widget.NewProgressBarInfinite(),
				container.NewHBox(layout.NewSpacer(), cancel)), p.shell.win)
		p.shell.sizeDialog(p.progress, 420, 0)
		p.progress.Show()
	}
	p.shell.background(func() {
		next, err := plan()
		fyne.Do(func() {
			if attempt != p.attempt {
				return // cancelled, or overtaken by a newer suggestion: not shown, not saved
			}
			if err == nil {
				err = store.SaveDraft(next)
			}
			p.busy = false
			if p.progress != nil {
				p.progress.Hide()
				p.progress = nil
			}
			if err != nil {
				p.shell.showError("Mutua could not suggest pairs", err)
				p.updateButtons()
				return
			}
			var shown []int64
			if p.plan != nil && p.selected >= 0 && p.selected < len(p.plan.Round.Pairs) {
				shown = p.plan.MemberIDs(&p.plan.Round.Pairs[p.selected])
			}
			p.plan = next
			switch {
			case p.pending != nil:
				p.follow(p.pending)
				p.pending = nil
			case shown != nil:
				p.follow(shown) // the same pair stays selected, wherever it moved
			}
			p.refresh()
		})
	})
}

// refresh shows the current plan: summary, pairs, people left out and the selection.
func (p *pairingScreen) refresh() {
	content := p.empty
	if p.plan != nil {
		content = p.main
	}
	swapIn(p.body, content)
	p.updateButtons()
	if p.plan == nil {
		return
	}
	p.summary.SetText(p.summaryText())
	p.clear.Hidden = len(p.plan.Rejected) == 0
	p.clear.Refresh()
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
	for _, b := range []*widget.Button{p.rules, p.suggest, p.history} {
		if _, ok := p.selectedCohort(); ok && !p.busy {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if p.plan != nil && !p.busy && len(p.plan.Round.Pairs) > 0 {
		p.approve.Enable()
	} else {
		p.approve.Disable()
	}
	for _, b := range []*widget.Button{p.lock, p.reject, p.swap, p.clear, p.pairWith, p.joinPair} {
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

// summaryText sums the round up in one line: pairs, total, weakest pair, repeats, who is out.
func (p *pairingScreen) summaryText() string {
	r := &p.plan.Round
	if len(p.plan.People) == 0 {
		return "This cohort has no active members to pair. Add members on the Cohorts screen."
	}
	parts := []string{fmt.Sprintf("%d pair%s for %d people", len(r.Pairs), plural(len(r.Pairs)), len(p.plan.People)),
		"total " + data.FormatNumber(r.Total)}
	if w := r.Weakest(); w != nil {
		parts = append(parts, fmt.Sprintf("weakest %s (%s)", data.FormatNumber(w.Score.Total), p.memberNames(w, " + ")))
	}
	parts = append(parts, fmt.Sprintf("%d repeat%s", r.Repeats(), plural(r.Repeats())))
	if n := len(r.Unpaired); n > 0 {
		parts = append(parts, fmt.Sprintf("%d not paired", n))
	}
	if n := len(p.plan.Rejected); n > 0 {
		parts = append(parts, fmt.Sprintf("%d rejected pair%s", n, plural(n)))
	}
	text := strings.Join(parts, " · ") + "."
	if len(p.plan.Inactive) > 0 {
		text += " Paused or alumni, not in this round: " + strings.Join(p.plan.Inactive, ", ") + "."
	}
	return text
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
	if pair.Locked {
		p.lock.SetText("Unlock")
		p.lock.SetIcon(theme.CheckButtonIcon())
	} else {
		p.lock.SetText("Lock")
		p.lock.SetIcon(theme.CheckButtonCheckedIcon())
	}
	var profiles []fyne.CanvasObject
	for _, m := range pair.Members {
		profiles = append(profiles, p.profileCard(m, pair))
	}
	actions := container.NewHBox(p.lock, p.reject, p.swap)
	body := container.NewVBox(heading, score, warning, actions, captionHint(pairActionsHint), widget.NewSeparator(), criteria, widget.NewSeparator(),
		container.NewGridWithColumns(len(profiles), profiles...))
	p.setDetail(container.NewVScroll(container.NewPadded(body)))
}

// pairActionsHint says what the buttons over a pair do.
const pairActionsHint = "Lock keeps this pair when Mutua suggests again. Reject takes it out of this round: both are paired with others. " +
	"Swap brings someone else in, trading places with them."

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
	return orientationLabel(person.Primary) + " (" + strings.Join(parts, ", ") + ")"
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
			p.change(func(pl *data.Plan) { pl.PairByHand(person.ID, id) })
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
			p.change(func(pl *data.Plan) { pl.JoinPair(pair, person.ID) })
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
	p.change(func(pl *data.Plan) { pl.SetLocked(pair, locked) })
}

func (p *pairingScreen) onRejectTapped() {
	if p.selected < 0 {
		return
	}
	pair := p.selected
	p.selected = -1
	p.change(func(pl *data.Plan) { pl.Reject(pair) })
}

// onSwapTapped asks who goes out of the pair and who comes in.
func (p *pairingScreen) onSwapTapped() {
	if p.selected < 0 {
		return
	}
	pairIndex := p.selected
	pair := &p.plan.Round.Pairs[pairIndex]
	var outNames []string
	var outIDs []int64
	for k, m := range pair.Members {
		// Numbered, so two people with the same name can be told apart.
		outNames = append(outNames, fmt.Sprintf("%d. %s", k+1, p.plan.People[m].Name))
		outIDs = append(outIDs, p.plan.People[m].ID)
	}
	out := widget.NewRadioGroup(outNames, nil)
	out.SetSelected(outNames[0])
	var inNames []string
	var inIDs []int64
	for i := range p.plan.People {
		inPair := false
		for _, m := range pair.Members {
			inPair = inPair || m == i
		}
		if !inPair {
			inNames = append(inNames, joinNonEmpty(" · ", p.plan.People[i].Name, p.plan.People[i].Company))
			inIDs = append(inIDs, p.plan.People[i].ID)
		}
	}
	in := widget.NewSelect(inNames, nil)
	in.PlaceHolder = "Choose who comes in"
	form := dialog.NewForm("Swap someone in", "Swap", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Goes out", out),
		{Text: "Comes in", Widget: in, HintText: "If they are in another pair, the two swap places."},
	}, func(ok bool) {
		if !ok || in.SelectedIndex() < 0 {
			return
		}
		outID, inID := outIDs[0], inIDs[in.SelectedIndex()]
		for k, name := range outNames {
			if name == out.Selected {
				outID = outIDs[k]
			}
		}
		p.change(func(pl *data.Plan) { pl.Swap(pairIndex, outID, inID) })
	}, p.shell.win)
	p.shell.sizeDialog(form, 480, 0)
	form.Show()
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
	p.startDate = widget.NewDateEntry()
	p.startDate.SetDate(&start)
	n := len(plan.Round.Pairs)
	text := fmt.Sprintf("Approve this round? Mutua creates %d partnership%s and keeps the round in the cohort's history.", n, plural(n))
	if u := len(plan.Round.Unpaired); u == 1 {
		text += " 1 person is not paired."
	} else if u > 1 {
		text += fmt.Sprintf(" %d people are not paired.", u)
	}
	body := container.NewVBox(wrapped(text), widget.NewForm(widget.NewFormItem("Partnerships start", p.startDate)))
	var day data.Date
	p.approval = newFormDialog(p.shell, "Approve round", "Approve", body, 520, 0, func() error {
		if p.startDate.Date == nil {
			return data.Errorf(data.Invalid, "Choose the day the partnerships start.")
		}
		day = data.DateOf(*p.startDate.Date)
		return p.shell.store.ApproveRound(plan, day)
	})
	p.approval.then = func() {
		p.shell.reload()
		p.shell.showInfo("Round approved", fmt.Sprintf("%d partnership%s start on %s. The round is kept in the cohort's history.", n, plural(n), formatDate(day)))
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
	var shown *data.SavedRound
	detail := widget.NewLabel("")
	detail.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(rounds) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := rounds[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s · total %s", r.ApprovedAt.Local().Format("2 Jan 2006 15:04"), data.FormatNumber(r.Total)))
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
