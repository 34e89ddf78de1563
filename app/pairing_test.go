package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"mutua/data"
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
	again, err := s.store.PlanRound(p.plan.Cohort.ID, time.Now())
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
	if !shows(p.content, "Lock keeps this pair when Mutua suggests again") {
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
	s.store.SetCohortRules(autumn.ID, autumn.PairingPreset, data.CohortRules(autumn), data.SitOut)
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
	if !found || !shows(p.pairs, "By hand") {
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
	if len(p.plan.Round.Pairs) != 0 {
		t.Errorf("after approval, %d pairs suggested for people already paired", len(p.plan.Round.Pairs))
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
