package sqlite_test

import (
	"bytes"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
)

var sampleDay = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// openSample creates the sample practice in a file and opens it.
func openSample(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample.mutua")
	if err := sqlite.CreateFromExport(path, bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func cohortID(t *testing.T, s *sqlite.Store, name string) int64 {
	t.Helper()
	c, err := s.CohortByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// names lists a round's pairs by member names, for messages and comparisons.
func names(p *pairing.Plan) []string {
	var out []string
	for _, pair := range p.Round.Pairs {
		var n []string
		for _, m := range pair.Members {
			n = append(n, p.People[m].Name)
		}
		slices.Sort(n)
		out = append(out, strings.Join(n, " + "))
	}
	slices.Sort(out)
	return out
}

func TestPlanRound(t *testing.T) {
	s, path := openSample(t)
	autumn := cohortID(t, s, "Autumn 2026 reverse mentoring")
	p, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.People) != 10 || len(p.Round.Pairs) != 5 || len(p.Round.Unpaired) != 0 {
		t.Fatalf("autumn: %d people, pairs %v, unpaired %v", len(p.People), names(p), p.Round.Unpaired)
	}
	for _, pair := range p.Round.Pairs {
		if pair.Warning != "" || pair.Score.Total <= 0 || len(pair.Score.Reasons()) < 3 {
			t.Errorf("pair %s: score %.1f, warning %q, reasons %v", strings.Join(names(p), ","), pair.Score.Total, pair.Warning, pair.Score.Reasons())
		}
		a, b := p.People[pair.Members[0]], p.People[pair.Members[1]]
		if a.Company == b.Company {
			t.Errorf("%s and %s work at the same company", a.Name, b.Name)
		}
		both := a.Company + "|" + b.Company
		if strings.Contains(both, "Tidewater Retail") && strings.Contains(both, "Marigold Hotels") {
			t.Errorf("%s and %s break the company exclusion", a.Name, b.Name)
		}
	}
	if !strings.Contains(p.Text(), "A deliberate gap") {
		t.Errorf("reverse-mentoring reasons missing from:\n%s", p.Text())
	}

	// The coach locks the weakest pair and rejects the strongest; both survive a restart.
	weakest := p.Round.Weakest()
	var weakIdx int
	for i := range p.Round.Pairs {
		if &p.Round.Pairs[i] == weakest {
			weakIdx = i
		}
	}
	locked := p.MemberIDs(weakest)
	p.SetLocked(weakIdx, true)
	rejected := p.MemberIDs(&p.Round.Pairs[0])
	if slices.Equal(rejected, locked) {
		rejected = p.MemberIDs(&p.Round.Pairs[1])
	}
	for i := range p.Round.Pairs {
		if slices.Equal(p.MemberIDs(&p.Round.Pairs[i]), rejected) {
			p.Reject(i)
			break
		}
	}
	if err := s.SaveDraft(p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err = pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	foundLock := false
	for _, pair := range p.Round.Pairs {
		ids := p.MemberIDs(&pair)
		slices.Sort(ids)
		if slices.Equal(ids, sorted(locked)) && pair.Locked {
			foundLock = true
		}
		if slices.Equal(ids, sorted(rejected)) {
			t.Errorf("the rejected pair %v was suggested again after a restart", rejected)
		}
	}
	if !foundLock || len(p.Rejected) != 1 {
		t.Errorf("after a restart: lock kept %v, rejections %v", foundLock, p.Rejected)
	}
	p.ClearRejections()
	if len(p.Rejected) != 0 {
		t.Error("rejections not cleared")
	}
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func TestSwapPairByHandAndTriad(t *testing.T) {
	s, _ := openSample(t)
	p, err := pairing.PlanRound(s, cohortID(t, s, "Autumn 2026 reverse mentoring"), sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	first, second := p.MemberIDs(&p.Round.Pairs[0]), p.MemberIDs(&p.Round.Pairs[1])
	p.Swap(0, first[0], second[0])
	has := func(ids ...int64) *pairing.Pair {
		for i := range p.Round.Pairs {
			if slices.Equal(sorted(p.MemberIDs(&p.Round.Pairs[i])), sorted(ids)) {
				return &p.Round.Pairs[i]
			}
		}
		return nil
	}
	a, b := has(second[0], first[1]), has(first[0], second[1])
	if a == nil || b == nil || !a.Manual || !b.Manual {
		t.Fatalf("after swapping: %v", names(p))
	}
	// Pair two people by hand who were in other pairs: their old partners are re-paired.
	third, fourth := p.MemberIDs(&p.Round.Pairs[2]), p.MemberIDs(&p.Round.Pairs[3])
	p.PairByHand(third[0], fourth[0])
	if pair := has(third[0], fourth[0]); pair == nil || !pair.Manual {
		t.Fatalf("pair by hand missing: %v", names(p))
	}
	if len(p.Round.Pairs) != 5 {
		t.Errorf("%d pairs after pairing by hand, want 5", len(p.Round.Pairs))
	}
	// Making a triad leaves someone out.
	p.Cohort.OddPerson = data.SitOut
	p.JoinPair(4, p.MemberIDs(&p.Round.Pairs[0])[0])
	triads := 0
	for _, pair := range p.Round.Pairs {
		if len(pair.Members) == 3 {
			triads++
		}
	}
	if triads != 1 {
		t.Errorf("%d triads after joining a pair, want 1: %v", triads, names(p))
	}
}

func TestApproveRound(t *testing.T) {
	s, _ := openSample(t)
	autumn := cohortID(t, s, "Autumn 2026 reverse mentoring")
	p, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveRound(p, data.Date{}); data.ErrorCode(err) != data.Invalid {
		t.Errorf("approve without a start: %v", err)
	}
	start := data.NewDate(2026, 12, 1)
	if err := s.ApproveRound(p, start); err != nil {
		t.Fatal(err)
	}
	rounds, err := s.Rounds(autumn)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds: %v, %v", rounds, err)
	}
	saved, err := s.SavedRound(rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Status != "approved" || len(saved.Pairs) != 5 || saved.Total != p.Round.Total || len(saved.Pairs[0].Criteria) < 3 {
		t.Errorf("saved round: %+v", saved)
	}
	// Everyone is now in a partnership and at capacity: a new suggestion pairs no one.
	next, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Round.Pairs) != 0 || len(next.Round.Unpaired) != 10 || !strings.Contains(next.Round.Unpaired[0].Why, "no room") {
		t.Errorf("after approval: pairs %v, unpaired %+v", names(next), next.Round.Unpaired)
	}
	// The partnerships exist, start on the day chosen and remember why they were paired.
	var buf bytes.Buffer
	s.ExportAll(&buf)
	if got := strings.Count(buf.String(), `"started_on": "2026-12-01"`); got != 5 {
		t.Errorf("%d partnerships start on 2026-12-01, want 5", got)
	}
}

func TestRepeatsAreAvoided(t *testing.T) {
	s, _ := openSample(t)
	spring := cohortID(t, s, "Spring 2026 executive circle")
	p, err := pairing.PlanRound(s, spring, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	// Fourteen are in active partnerships; the two whose partnership ended early were paired
	// with each other in March, inside the twelve-month window.
	why := map[string]string{}
	for _, u := range p.Round.Unpaired {
		why[p.People[u.Member].Name] = u.Why
	}
	if len(p.Round.Pairs) != 0 || len(why) != 16 {
		t.Fatalf("spring: pairs %v, unpaired %v", names(p), why)
	}
	if !strings.Contains(why["Tomás Ríos"], "No one can be paired with Tomás under the rules (paired too recently)") {
		t.Errorf("Tomás: %q", why["Tomás Ríos"])
	}
}

func TestCohortRulesAndExclusions(t *testing.T) {
	s, _ := openSample(t)
	autumn := cohortID(t, s, "Autumn 2026 reverse mentoring")
	rules := pairing.PresetRules("cross-sector")
	rules.Weights.Boundary = 150
	if err := s.SetCohortRules(autumn, "cross-sector", rules, data.Triad); data.ErrorCode(err) != data.Invalid {
		t.Errorf("weight 150: %v", err)
	}
	rules.Weights.Boundary = 60
	if err := s.SetCohortRules(autumn, "cross-sector", rules, data.SitOut); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Cohort(autumn)
	if got := pairing.CohortRules(c); got.Weights.Boundary != 60 || c.PairingPreset != "cross-sector" || c.OddPerson != data.SitOut {
		t.Errorf("rules read back: %+v, preset %s, odd %s", got, c.PairingPreset, c.OddPerson)
	}

	before, _ := s.Exclusions()
	for _, bad := range []data.Exclusion{{ParticipantA: 1}, {ParticipantA: 1, ParticipantB: 1}, {CompanyA: "Helix"}, {ParticipantA: 1, ParticipantB: 2, CompanyA: "Helix", CompanyB: "Orbital"}} {
		if err := s.AddExclusion(&bad); data.ErrorCode(err) != data.Invalid {
			t.Errorf("AddExclusion(%+v) = %v, want invalid", bad, err)
		}
	}
	grace, _ := s.ParticipantByEmail("grace.mensah@brightwave.example")
	robert, _ := s.ParticipantByEmail("robert.hale@cobaltworks.example")
	e := data.Exclusion{ParticipantA: grace.ID, ParticipantB: robert.ID, Reason: "Robert chairs Grace's graduate scheme"}
	if err := s.AddExclusion(&e); err != nil {
		t.Fatal(err)
	}
	p, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names(p) {
		if n == "Grace Mensah + Robert Hale" {
			t.Error("an excluded pair was suggested")
		}
	}
	after, _ := s.Exclusions()
	if len(after) != len(before)+1 || after[0].Describe() != "Aisha Khan and Yara Nasser" && after[0].Describe() != "Grace Mensah and Robert Hale" {
		t.Errorf("exclusions: %+v", after)
	}
	if err := s.DeleteExclusion(e.ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Exclusions(); len(again) != len(before) {
		t.Errorf("%d exclusions after deleting, want %d", len(again), len(before))
	}
}

// Target: suggest end to end (read the cohort, score, match) for 300 people in under 100 ms.
func BenchmarkSuggestCohort300(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportRoster(bytes.NewReader(rosterCSV(300))); err != nil {
		b.Fatal(err)
	}
	// rosterCSV spreads people over 20 cohorts; put everyone in one.
	c := data.Cohort{Name: "Big circle"}
	if err := s.SaveCohort(&c); err != nil {
		b.Fatal(err)
	}
	r, _ := s.Roster()
	var ids []int64
	for _, e := range r.Entries {
		ids = append(ids, e.ID)
	}
	if err := s.AddToCohort(c.ID, ids...); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := pairing.PlanRound(s, c.ID, sampleDay)
		if err != nil || len(p.Round.Pairs) < 100 {
			b.Fatalf("%v, %d pairs", err, len(p.Round.Pairs))
		}
	}
}

func TestApproveRefusesAStaleRound(t *testing.T) {
	s, _ := openSample(t)
	autumn := cohortID(t, s, "Autumn 2026 reverse mentoring")
	p, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	first := p.People[p.Round.Pairs[0].Members[0]]
	if err := s.SetParticipantStatus(first.ID, data.Alumni); err != nil {
		t.Fatal(err)
	}
	err = s.ApproveRound(p, data.NewDate(2026, 12, 1))
	if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), first.Name+" is now alumni") {
		t.Fatalf("approving a stale round: %v", err)
	}
	if rounds, _ := s.Rounds(autumn); len(rounds) != 0 {
		t.Error("a stale round was approved")
	}
	// Suggested again, it approves.
	p, _ = pairing.PlanRound(s, autumn, sampleDay)
	if err := s.ApproveRound(p, data.NewDate(2026, 12, 1)); err != nil {
		t.Fatal(err)
	}
}

// countRounds counts the rounds kept in the practice file, drafts and approved.
func countRounds(t *testing.T, path string) (drafts, approved int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT count(*) FILTER (WHERE status = 'draft'), count(*) FILTER (WHERE status = 'approved') FROM pairing_rounds`).Scan(&drafts, &approved)
	if err != nil {
		t.Fatal(err)
	}
	return drafts, approved
}

func TestOpenRoundNeverWrites(t *testing.T) {
	s, path := openSample(t)
	autumn, spring := cohortID(t, s, "Autumn 2026 reverse mentoring"), cohortID(t, s, "Spring 2026 executive circle")

	t.Run("no draft: a first suggestion, not saved", func(t *testing.T) {
		for range 3 {
			cur, err := pairing.OpenRound(s, autumn, sampleDay)
			if err != nil || cur.Plan == nil || cur.Saved || cur.Approved != nil || len(cur.Plan.Round.Pairs) != 5 {
				t.Fatalf("autumn: %+v, %v", cur, err)
			}
		}
		if drafts, approved := countRounds(t, path); drafts != 0 || approved != 1 {
			t.Errorf("looking wrote rounds: %d drafts, %d approved, want 0 and 1", drafts, approved)
		}
	})
	t.Run("an approved round and no draft: the approved round", func(t *testing.T) {
		cur, err := pairing.OpenRound(s, spring, sampleDay)
		if err != nil || cur.Plan != nil || cur.Approved == nil || len(cur.Approved.Pairs) != 8 || cur.Approved.Status != "approved" {
			t.Fatalf("spring: %+v, %v", cur, err)
		}
	})
	t.Run("a draft: the draft as saved, with its locks", func(t *testing.T) {
		p, err := pairing.PlanRound(s, autumn, sampleDay)
		if err != nil {
			t.Fatal(err)
		}
		p.SetLocked(4, true) // the weakest pair
		p.Swap(0, p.MemberIDs(&p.Round.Pairs[0])[0], p.MemberIDs(&p.Round.Pairs[1])[0])
		if err := s.SaveDraft(p); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			cur, err := pairing.OpenRound(s, autumn, sampleDay)
			if err != nil || !cur.Saved || cur.Plan == nil {
				t.Fatalf("autumn draft: %+v, %v", cur, err)
			}
			if got, want := names(cur.Plan), names(p); !slices.Equal(got, want) {
				t.Errorf("draft shown %v, saved %v", got, want)
			}
			if cur.Plan.Round.Total != p.Round.Total || len(cur.Plan.Fixed) != len(p.Fixed) {
				t.Errorf("draft shown: total %.1f, %d fixed; saved %.1f, %d fixed", cur.Plan.Round.Total, len(cur.Plan.Fixed), p.Round.Total, len(p.Fixed))
			}
			locked := 0
			for _, pair := range cur.Plan.Round.Pairs {
				if pair.Locked {
					locked++
				}
			}
			if locked != 3 {
				t.Errorf("%d pairs shown locked, want 3 (one locked, two swapped)", locked)
			}
		}
		if drafts, approved := countRounds(t, path); drafts != 1 || approved != 1 {
			t.Errorf("after looking at the draft: %d drafts, %d approved", drafts, approved)
		}
	})
}

func TestSwapChoices(t *testing.T) {
	s, _ := openSample(t)
	p, err := pairing.PlanRound(s, cohortID(t, s, "Autumn 2026 reverse mentoring"), sampleDay)
	if err != nil {
		t.Fatal(err)
	}
	p.SetLocked(len(p.Round.Pairs)-1, true)
	var lockedIDs []int64
	for i := range p.Round.Pairs {
		if p.Round.Pairs[i].Locked {
			lockedIDs = p.MemberIDs(&p.Round.Pairs[i])
		}
	}
	out := p.MemberIDs(&p.Round.Pairs[0])[0]
	choices := p.SwapChoices(0, out)
	if len(choices) != 6 { // ten people, less the pair and the locked pair
		t.Fatalf("%d choices, want 6: %+v", len(choices), choices)
	}
	for i, c := range choices {
		if slices.Contains(lockedIDs, c.ID) || slices.Contains(p.MemberIDs(&p.Round.Pairs[0]), c.ID) {
			t.Errorf("%s is offered but is in the pair or a locked pair", c.Name)
		}
		if i > 0 && c.Allowed == choices[i-1].Allowed && c.Score > choices[i-1].Score {
			t.Errorf("choices not sorted by score: %+v", choices)
		}
		// What the list says is what the swap does.
		next := p.Clone()
		next.Swap(0, out, c.ID)
		if got := next.Round.Total - p.Round.Total; math.Abs(got-c.Change) > 0.15 {
			t.Errorf("swapping in %s: change %.1f shown, %.1f done", c.Name, c.Change, got)
		}
		for _, pair := range next.Round.Pairs {
			ids := next.MemberIDs(&pair)
			if slices.Contains(ids, c.ID) && slices.Contains(ids, p.MemberIDs(&p.Round.Pairs[0])[1]) && pair.Score.Total != c.Score {
				t.Errorf("swapping in %s: score %.1f shown, %.1f done", c.Name, c.Score, pair.Score.Total)
			}
		}
		if c.Change > 0.05 {
			t.Errorf("a swap improves on the best round by %.1f", c.Change)
		}
	}
	// After the swap, two pairs changed.
	next := p.Clone()
	next.Swap(0, out, choices[0].ID)
	if changed := next.ChangedPairs(p); len(changed) != 2 {
		t.Errorf("%d pairs changed by a swap, want 2", len(changed))
	}
}

func TestSwapInSomeoneNotPaired(t *testing.T) {
	s, _ := openSample(t)
	autumn := cohortID(t, s, "Autumn 2026 reverse mentoring")
	extra := data.Participant{Name: "Odile Brandt", Company: "Lumen Media", Seniority: 2}
	if err := s.CreateParticipant(&extra); err != nil {
		t.Fatal(err)
	}
	s.AddToCohort(autumn, extra.ID)
	c, _ := s.Cohort(autumn)
	s.SetCohortRules(autumn, c.PairingPreset, pairing.CohortRules(c), data.SitOut)
	p, err := pairing.PlanRound(s, autumn, sampleDay)
	if err != nil || len(p.Round.Unpaired) != 1 {
		t.Fatalf("%v, unpaired %+v", err, p.Round.Unpaired)
	}
	alone := p.People[p.Round.Unpaired[0].Member].ID
	out := p.MemberIDs(&p.Round.Pairs[0])[1]
	for _, c := range p.SwapChoices(0, out) {
		if c.ID != alone {
			continue
		}
		next := p.Clone()
		next.Swap(0, out, alone)
		if c.Paired || c.Change != round1(next.Round.Total-p.Round.Total) {
			t.Errorf("swapping in %s, who was not paired: change %.1f shown, %.1f done", c.Name, c.Change, next.Round.Total-p.Round.Total)
		}
		return
	}
	t.Errorf("the person not paired is not offered")
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
