package app

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mutua/data"
	"mutua/data/pairing"
)

// openPairing shows the pairing screen on a cohort of the sample.
func openPairing(t *testing.T, s *practice, cohort string) *pairingScreen {
	t.Helper()
	for i, tab := range s.tabs.Items {
		if tab.Text == "Pairing" {
			s.tabs.SelectIndex(i)
		}
	}
	p := s.pairing
	p.cohort.SetSelected(cohort)
	if p.plan == nil {
		t.Fatalf("no plan for %s", cohort)
	}
	return p
}

func TestSuggestAndExplain(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	if p.pairs.Length() != 5 || !strings.HasPrefix(p.summary.Text, "5 pairs for 10 people · total ") {
		t.Fatalf("%d pairs; summary %q", p.pairs.Length(), p.summary.Text)
	}
	if !p.allIn.Visible() {
		t.Error("everyone is paired, but the screen does not say so")
	}
	p.pairs.Select(0)
	for _, want := range []string{"Score ", "A deliberate gap", "Can teach", "Wants to learn", "Lock", "Reject"} {
		if !shows(p.detail, want) {
			t.Errorf("pair detail does not show %q: %v", want, texts(p.detail))
		}
	}
	// The draft is saved: a fresh plan from the store has the same pairs.
	again, err := pairing.PlanRound(s.store, p.plan.Cohort.ID, time.Now())
	if err != nil || again.Round.Total != p.plan.Round.Total {
		t.Errorf("saved draft: %v, total %.1f vs %.1f", err, again.Round.Total, p.plan.Round.Total)
	}
}

func TestLockRejectAndAllowAgain(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	last := len(p.plan.Round.Pairs) - 1
	weakest := p.plan.MemberIDs(&p.plan.Round.Pairs[last])
	p.pairs.Select(last)
	if !shows(p.content, "Lock keeps it as it is when Mutua suggests again") {
		t.Error("the pair's buttons are not explained")
	}
	test.Tap(p.lock)
	locked := false
	for i := range p.plan.Round.Pairs {
		ids := p.plan.MemberIDs(&p.plan.Round.Pairs[i])
		if p.plan.Round.Pairs[i].Locked && ids[0] == weakest[0] && ids[1] == weakest[1] {
			locked = true
			if p.selected != i || p.lock.Text != "Unlock" {
				t.Errorf("the locked pair is not the one shown (selected %d, button %q)", p.selected, p.lock.Text)
			}
		}
	}
	if !locked || !shows(p.pairs, "Locked") {
		t.Fatalf("pair %v not locked", weakest)
	}

	p.pairs.Select(0)
	best := p.plan.MemberIDs(&p.plan.Round.Pairs[0])
	total := p.plan.Round.Total
	test.Tap(p.reject)
	if len(p.plan.Rejected) != 1 || !strings.Contains(p.summary.Text, "1 rejected pair") || !p.clear.Visible() {
		t.Fatalf("after rejecting: rejected %v, summary %q", p.plan.Rejected, p.summary.Text)
	}
	for i := range p.plan.Round.Pairs {
		ids := p.plan.MemberIDs(&p.plan.Round.Pairs[i])
		if (ids[0] == best[0] && ids[1] == best[1]) || (ids[0] == best[1] && ids[1] == best[0]) {
			t.Error("the rejected pair is still suggested")
		}
	}
	if p.plan.Round.Total > total {
		t.Errorf("rejecting the best pair raised the total (%.1f > %.1f)", p.plan.Round.Total, total)
	}
	test.Tap(p.clear)
	if len(p.plan.Rejected) != 0 || p.clear.Visible() {
		t.Error("rejections not cleared")
	}
}

func TestPairByHandAndApprove(t *testing.T) {
	s := newSampleShell(t)
	// An eleventh member makes the count odd; the cohort lets the odd person sit out.
	extra := data.Participant{Name: "Odile Brandt", Email: "odile@lumenmedia.example", Company: "Lumen Media", Seniority: 2}
	if err := s.store.CreateParticipant(&extra); err != nil {
		t.Fatal(err)
	}
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	s.store.AddToCohort(autumn.ID, extra.ID)
	s.store.SetCohortRules(autumn.ID, autumn.PairingPreset, pairing.CohortRules(autumn), data.SitOut)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	if len(p.plan.Round.Unpaired) != 1 || p.allIn.Visible() {
		t.Fatalf("unpaired: %+v", p.plan.Round.Unpaired)
	}
	out := p.plan.People[p.plan.Round.Unpaired[0].Member]
	p.unpaired.Select(0)
	if !shows(p.detail, "sits out this round") {
		t.Errorf("the reason is not shown: %v", texts(p.detail))
	}
	p.partner.SetSelectedIndex(0)
	partnerName := strings.SplitN(p.partner.Selected, " (", 2)[0]
	test.Tap(p.pairWith)
	found := false
	for _, pair := range p.plan.Round.Pairs {
		if pair.Manual && strings.Contains(p.memberNames(&pair, "+"), out.Name) && strings.Contains(p.memberNames(&pair, "+"), partnerName) {
			found = true
		}
	}
	if !found || !shows(p.pairs, "Locked, by hand") {
		t.Fatalf("%s not paired by hand with %s: %v", out.Name, partnerName, p.summary.Text)
	}

	// Approve: the partnerships start on the chosen day and the round goes into the history.
	pairs := len(p.plan.Round.Pairs)
	test.Tap(p.approve)
	start := time.Date(2026, 12, 7, 0, 0, 0, 0, time.Local)
	p.startDate.SetDate(&start)
	test.Tap(p.approval.save)
	if !shows(topDialog(s), "start on 7 Dec 2026") {
		t.Errorf("approval report: %v", texts(topDialog(s)))
	}
	rounds, _ := s.store.Rounds(autumn.ID)
	if len(rounds) != 1 {
		t.Fatalf("%d approved rounds, want 1", len(rounds))
	}
	saved, _ := s.store.SavedRound(rounds[0].ID)
	if len(saved.Pairs) != pairs {
		t.Errorf("approved round has %d pairs, want %d", len(saved.Pairs), pairs)
	}
	// The screen shows the approved round, read-only, with the way to the next round.
	if p.plan != nil || p.approved == nil || !shows(p.content, "Round approved on") || !shows(p.content, "Start the next round") {
		t.Fatalf("after approval the screen shows: %v", texts(p.content))
	}
	if p.approvedPairs.Length() != pairs+1 || p.suggest.Visible() || p.approve.Visible() || shows(p.content, "has no room") {
		t.Errorf("approved round: %d rows for %d pairs and 1 left out; suggest shown %v, approve shown %v",
			p.approvedPairs.Length(), pairs, p.suggest.Visible(), p.approve.Visible())
	}
	p.approvedPairs.Select(0)
	if !shows(p.content, saved.Pairs[0].Criteria[0].Reason) {
		t.Errorf("the approved pair's reasons are not shown: %v", texts(p.content))
	}
	// Only the one left out has room: the next round cannot start yet, and the screen says why.
	test.Tap(p.nextRound)
	if !shows(topDialog(s), "has room for another partnership yet") || p.approved == nil {
		t.Errorf("starting a round no one can join: %v", texts(topDialog(s)))
	}
	p.onHistoryTapped()
	if !shows(topDialog(s), saved.Pairs[0].Names[0]) {
		t.Errorf("history does not show the approved round: %v", texts(topDialog(s)))
	}
}

func TestRulesChangeTheRound(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	test.Tap(p.rules)
	f := p.rulesForm
	if f.preset.Selected != "Reverse mentoring" || f.mode.Selected != reverseLabel {
		t.Fatalf("rules form shows %q, %q", f.preset.Selected, f.mode.Selected)
	}
	f.preset.SetSelected("Executive peer circle")
	if f.mode.Selected != peerLabel || f.weights[0].Value != 40 {
		t.Errorf("choosing a preset did not fill in its rules: %q, %.0f", f.mode.Selected, f.weights[0].Value)
	}
	f.window.SetText("500")
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "from 0 to 120") {
		t.Errorf("bad window accepted: %q", f.problem.Text)
	}
	f.window.SetText("12")
	test.Tap(f.save)
	c, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	if c.PairingPreset != "executive-peer" || p.plan.Rules.Mode != "peer" {
		t.Errorf("rules not saved or not used: preset %s, mode %s", c.PairingPreset, p.plan.Rules.Mode)
	}
	if strings.Contains(p.plan.Text(), "A deliberate gap") {
		t.Error("peer rules still explain pairs as a deliberate gap")
	}
}

func TestExclusionFromTheRulesDialog(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	best := &p.plan.Round.Pairs[0]
	a, b := p.plan.People[best.Members[0]], p.plan.People[best.Members[1]]
	test.Tap(p.rules)
	f := p.rulesForm
	f.onAddExclusion()
	label := func(id int64) string {
		e := s.roster.roster.Entry(id)
		return joinNonEmpty(" · ", e.Name, e.Company, e.Email)
	}
	f.exclA.SetText(label(a.ID))
	f.exclB.SetText(label(b.ID))
	f.exclReason.SetText("They sit on the same board")
	test.Tap(f.exclAdd)
	if len(f.exclusions) != 3 {
		t.Fatalf("%d exclusions listed, want 3", len(f.exclusions))
	}
	// Cancel keeps the rules as they were, but the new exclusion takes effect at once.
	test.Tap(f.cancel)
	for i := range p.plan.Round.Pairs {
		ids := p.plan.MemberIDs(&p.plan.Round.Pairs[i])
		if (ids[0] == a.ID && ids[1] == b.ID) || (ids[0] == b.ID && ids[1] == a.ID) {
			t.Errorf("%s and %s are still paired after being excluded", a.Name, b.Name)
		}
	}
	// Removing an exclusion asks first.
	test.Tap(p.rules)
	f = p.rulesForm
	f.onRemoveExclusion(f.exclusions[0].ID)
	if s.lastConfirm == nil {
		t.Fatal("removing an exclusion did not ask")
	}
	s.lastConfirm.Confirm()
	if len(f.exclusions) != 2 {
		t.Errorf("%d exclusions after removing one, want 2", len(f.exclusions))
	}
}

// showPairingTab opens the Pairing tab (or opens it again) as the coach would.
func showPairingTab(s *practice) {
	for i, tab := range s.tabs.Items {
		if tab.Text == "Home" {
			s.tabs.SelectIndex(i)
		}
	}
	for i, tab := range s.tabs.Items {
		if tab.Text == "Pairing" {
			s.tabs.SelectIndex(i)
		}
	}
}

// savedRounds counts the rounds in the practice file: drafts, and approved rounds with
// their pairs.
func savedRounds(t *testing.T, s *practice) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+s.store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var drafts, approved, pairs int
	err = db.QueryRow(`SELECT (SELECT count(*) FROM pairing_rounds WHERE status = 'draft'),
		(SELECT count(*) FROM pairing_rounds WHERE status = 'approved'), (SELECT count(*) FROM round_pairs)`).Scan(&drafts, &approved, &pairs)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d drafts, %d approved, %d pairs", drafts, approved, pairs)
}

func TestLookingAtPairingNeverWrites(t *testing.T) {
	s := newSampleShell(t)
	before := savedRounds(t, s)
	if before != "0 drafts, 1 approved, 8 pairs" {
		t.Fatalf("the sample holds %s", before)
	}
	p := s.pairing
	for range 4 {
		showPairingTab(s)
		p.cohort.SetSelected("Autumn 2026 reverse mentoring")
		if p.plan == nil || len(p.plan.Round.Pairs) != 5 {
			t.Fatal("Autumn's round is not shown")
		}
		p.pairs.Select(0)
		p.cohort.SetSelected("Spring 2026 executive circle")
		s.reload()
	}
	if after := savedRounds(t, s); after != before {
		t.Fatalf("looking at the pairing screen changed the practice: %s, was %s", after, before)
	}

	// Locking is the coach acting: the round is saved, and shown as saved from then on.
	p.cohort.SetSelected("Autumn 2026 reverse mentoring")
	last := len(p.plan.Round.Pairs) - 1
	locked := p.plan.MemberIDs(&p.plan.Round.Pairs[last])
	p.pairs.Select(last)
	test.Tap(p.lock)
	saved := savedRounds(t, s)
	if saved != "1 drafts, 1 approved, 13 pairs" {
		t.Fatalf("after locking, the practice holds %s", saved)
	}
	for range 4 {
		showPairingTab(s)
		p.cohort.SetSelected("Spring 2026 executive circle")
		p.cohort.SetSelected("Autumn 2026 reverse mentoring")
		s.reload()
	}
	if after := savedRounds(t, s); after != saved {
		t.Errorf("looking at the draft changed the practice: %s, was %s", after, saved)
	}
	p.follow(locked)
	if p.selected < 0 || !p.plan.Round.Pairs[p.selected].Locked {
		t.Errorf("the draft shown lost the coach's lock")
	}
}

func TestApprovedRoundIsShownAndTheOnlyCohortChosen(t *testing.T) {
	s := newSampleShell(t)
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	if err := s.store.DeleteCohort(autumn.ID); err != nil {
		t.Fatal(err)
	}
	s.reload()
	showPairingTab(s)
	p := s.pairing
	if p.cohort.Selected != "Spring 2026 executive circle" {
		t.Fatalf("the only cohort is not chosen: %q", p.cohort.Selected)
	}
	if p.approved == nil || !shows(p.content, "Round approved on 13 Mar 2026: 8 partnerships") || shows(p.content, "has no room") {
		t.Errorf("the approved round is not shown: %v", texts(p.content))
	}
	if p.approvedPairs.Length() != 8 || !shows(p.content, "Start the next round") {
		t.Errorf("%d approved pairs listed", p.approvedPairs.Length())
	}
}

func TestLockReadsTheSameWayEverywhere(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	p.pairs.Select(0)
	if p.lock.Text != "Lock" || p.lock.Icon != theme.CheckButtonIcon() || !shows(p.detail, "Not locked") || shows(p.pairs, "Locked") {
		t.Errorf("an unlocked pair: button %q, state %q", p.lock.Text, p.lockState.Text)
	}
	test.Tap(p.lock)
	if p.lock.Text != "Unlock" || p.lock.Icon != theme.CheckButtonCheckedIcon() || !strings.HasPrefix(p.lockState.Text, "Locked") || !shows(p.pairs, "Locked") {
		t.Errorf("a locked pair: button %q, state %q", p.lock.Text, p.lockState.Text)
	}
	test.Tap(p.lock)
	if p.lock.Text != "Lock" || p.lock.Icon != theme.CheckButtonIcon() || shows(p.pairs, "Locked") {
		t.Errorf("unlocked again: button %q, state %q", p.lock.Text, p.lockState.Text)
	}
}

func TestSwapListsTheBestFirstWithTheChange(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	last := len(p.plan.Round.Pairs) - 1
	lockedIDs := p.plan.MemberIDs(&p.plan.Round.Pairs[last])
	p.pairs.Select(last)
	test.Tap(p.lock)
	p.follow(p.plan.MemberIDs(&p.plan.Round.Pairs[0]))
	p.pairs.Select(0)
	coach := p.plan.MemberIDs(&p.plan.Round.Pairs[0])
	test.Tap(p.swap)
	dlg := topDialog(s)
	if len(p.swapShown) != 6 || p.swapList.Length() != 6 {
		t.Fatalf("%d people offered, want 6 (ten, less the pair and the locked pair)", len(p.swapShown))
	}
	for i, c := range p.swapShown {
		for _, id := range append(slices.Clone(lockedIDs), coach...) {
			if c.ID == id {
				t.Errorf("%s is offered, but is in the pair or a locked pair", c.Name)
			}
		}
		if i > 0 && c.Allowed == p.swapShown[i-1].Allowed && c.Score > p.swapShown[i-1].Score {
			t.Errorf("not sorted by the new pair's score: %s %.1f after %s %.1f", c.Name, c.Score, p.swapShown[i-1].Name, p.swapShown[i-1].Score)
		}
	}
	best := p.swapShown[0]
	if !shows(dlg, "New pair scores "+data.FormatNumber(best.Score)+" · round total ") || !shows(dlg, "People in locked pairs are not listed") {
		t.Errorf("the swap list does not show the score and the change: %v", texts(dlg))
	}
	// Searching narrows the list.
	p.swapSearch.SetText(strings.Fields(best.Name)[1])
	if len(p.swapShown) != 1 || p.swapShown[0].ID != best.ID {
		t.Errorf("searching %q shows %d people", p.swapSearch.Text, len(p.swapShown))
	}
	p.swapSearch.SetText("")
	total := p.plan.Round.Total
	p.swapList.Select(0)
	test.Tap(p.swapApply)
	if got := p.plan.Round.Total - total; got-best.Change > 0.15 || best.Change-got > 0.15 {
		t.Errorf("the round's total changed by %.1f, the list said %.1f", got, best.Change)
	}
	// The coach's pair, with the newcomer, stays selected; the pairs that changed are marked.
	if p.selected < 0 || !slices.Contains(p.plan.MemberIDs(&p.plan.Round.Pairs[p.selected]), best.ID) ||
		!slices.Contains(p.plan.MemberIDs(&p.plan.Round.Pairs[p.selected]), coach[1]) {
		t.Errorf("selection after the swap: %d", p.selected)
	}
	if !strings.HasPrefix(p.summary.Text, "2 pairs changed") || !shows(p.pairs, "Changed") {
		t.Errorf("after a swap: %q", p.summary.Text)
	}
}

func TestRejectMarksTheChangedPairs(t *testing.T) {
	s := newSampleShell(t)
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	p.pairs.Select(0)
	first := p.plan.MemberIDs(&p.plan.Round.Pairs[0])[0]
	before := p.plan
	test.Tap(p.reject)
	changed := len(p.plan.ChangedPairs(before))
	if changed < 2 || !strings.HasPrefix(p.summary.Text, fmt.Sprintf("%d pairs changed", changed)) {
		t.Errorf("after rejecting: %d changed, summary %q", changed, p.summary.Text)
	}
	marked := 0
	for _, t := range texts(p.pairs) {
		if strings.Contains(t, "Changed") {
			marked++
		}
	}
	if marked != changed {
		t.Errorf("%d pairs marked, %d changed", marked, changed)
	}
	if p.selected < 0 || !slices.Contains(p.plan.MemberIDs(&p.plan.Round.Pairs[p.selected]), first) || !shows(p.detail, "Unlock") && !shows(p.detail, "Lock") {
		t.Errorf("after rejecting, the coach's person is not selected (selected %d)", p.selected)
	}
}

func TestReasonsNameTwoŁukaszesApartAndTriadHint(t *testing.T) {
	s := newSampleShell(t)
	autumn, _ := s.store.CohortByName("Autumn 2026 reverse mentoring")
	for _, n := range []struct {
		name, company string
		seniority     int
	}{{"Łukasz Kowalski", "Vistula Logistics", 6}, {"Łukasz Nowak", "Baltic Software", 1}, {"Odile Brandt", "Lumen Media", 2}} {
		part := data.Participant{Name: n.name, Company: n.company, Seniority: n.seniority, Capacity: 1,
			Strengths: []string{"negotiation"}, DevelopmentAreas: []string{"data literacy"}}
		if err := s.store.CreateParticipant(&part); err != nil {
			t.Fatal(err)
		}
		s.store.AddToCohort(autumn.ID, part.ID)
	}
	s.store.SetCohortRules(autumn.ID, autumn.PairingPreset, pairing.CohortRules(autumn), data.Triad)
	s.reload()
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	named := 0
	triad := -1
	for i := range p.plan.Round.Pairs {
		if len(p.plan.Round.Pairs[i].Members) == 3 {
			triad = i
		}
		for _, r := range p.plan.Round.Pairs[i].Score.Reasons() {
			for _, part := range strings.Split(r, "Łukasz")[1:] {
				if !strings.HasPrefix(part, " K.") && !strings.HasPrefix(part, " N.") {
					t.Errorf("a reason does not say which Łukasz: %q", r)
				}
				named++
			}
		}
	}
	if named == 0 {
		t.Fatalf("no reason names a Łukasz: %s", p.plan.Text())
	}
	if triad < 0 {
		t.Fatalf("13 people and no triad: %s", p.plan.Text())
	}
	p.pairs.Select(triad)
	if !shows(p.detail, "none of the three") || shows(p.detail, "both are paired with others") {
		t.Errorf("the reject hint of a triad: %v", texts(p.detail))
	}
}
