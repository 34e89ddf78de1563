package pairing

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func person(id int64, name, company string, seniority int, primary string, profile [3]float64, strengths, development string) Person {
	p := Person{ID: id, Name: name, Company: company, Seniority: seniority, Primary: primary, Free: 1,
		Profile: map[string]float64{"job": profile[0], "career": profile[1], "calling": profile[2]}}
	if strengths != "" {
		p.Strengths = strings.Split(strengths, ";")
	}
	if development != "" {
		p.Development = strings.Split(development, ";")
	}
	return p
}

func reasons(s Score) string { return strings.Join(s.Reasons(), " | ") }

func TestScoreExplainsItself(t *testing.T) {
	ana := person(1, "Ana Pereira", "Northwind", 5, "calling", [3]float64{0.1, 0.3, 0.9}, "negotiation;board relations", "data literacy")
	ben := person(2, "Ben Okafor", "Helix", 5, "calling", [3]float64{0.2, 0.3, 0.8}, "Data Literacy", "negotiation")
	cara := person(3, "Cara Lind", "Northwind", 2, "job", [3]float64{0.9, 0.2, 0.1}, "", "storytelling")
	ben.Industry, ana.Industry = "Life sciences", "Logistics"
	sc := NewScorer([]Person{ana, ben, cara}, PresetRules("executive-peer"), Context{Today: today,
		Past: []Past{{A: 1, B: 2, Started: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}}})

	s := sc.Explain(0, 1)
	for _, want := range []string{"Both are calling-oriented.", "Ana can teach Ben negotiation; Ben can teach Ana data literacy.",
		"Peers: both at vice president level.", "Different companies and industries.", "Paired before, in March 2024."} {
		if !strings.Contains(reasons(s), want) {
			t.Errorf("Ana–Ben reasons lack %q: %s", want, reasons(s))
		}
	}
	if s.Blocked != "" || s.Total < 70 {
		t.Errorf("Ana–Ben: total %.1f, blocked %q; want a strong allowed pair", s.Total, s.Blocked)
	}
	total, allowed := sc.Total(0, 1)
	if total != s.Total || !allowed {
		t.Errorf("Total = %.1f %v, Explain = %.1f", total, allowed, s.Total)
	}
	var sum float64
	for _, c := range s.Criteria {
		sum += c.Points
	}
	if diff := sum - s.Total; diff > 0.05 || diff < -0.05 {
		t.Errorf("criteria add up to %.1f, total %.1f", sum, s.Total)
	}

	// Same company is a hard rule by default.
	s = sc.Explain(0, 2)
	if s.Blocked != "Both work at Northwind." || strings.Contains(reasons(s), "Both are") {
		t.Errorf("Ana–Cara: blocked %q, reasons %s", s.Blocked, reasons(s))
	}
	if _, allowed := sc.Total(0, 2); allowed {
		t.Error("Ana–Cara allowed despite the same company")
	}
	if !strings.Contains(reasons(sc.Explain(1, 2)), "Different orientations: Ben is calling-oriented, Cara is job-oriented.") {
		t.Errorf("Ben–Cara: %s", reasons(sc.Explain(1, 2)))
	}
	if !strings.Contains(reasons(sc.Explain(1, 2)), "Neither can teach what the other wants to learn.") {
		t.Errorf("Ben–Cara learning: %s", reasons(sc.Explain(1, 2)))
	}
}

func TestMutualLearningRewardsTheWeakerDirection(t *testing.T) {
	flat := [3]float64{0.5, 0.5, 0.5}
	a := person(1, "Ana", "A", 4, "mixed", flat, "x;y", "p;q")
	twoWay := person(2, "Ben", "B", 4, "mixed", flat, "p", "x")   // each teaches one of two
	oneWay := person(3, "Cara", "C", 4, "mixed", flat, "", "x;y") // Ana teaches Cara everything, Cara teaches nothing
	sc := NewScorer([]Person{a, twoWay, oneWay}, PresetRules("executive-peer"), Context{Today: today})
	two, _ := sc.Total(0, 1)
	one, _ := sc.Total(0, 2)
	if two <= one {
		t.Errorf("two-way exchange scores %.1f, one-way %.1f; the two-way one should win", two, one)
	}
	if r := reasons(sc.Explain(0, 2)); !strings.Contains(r, "Ana can teach Cara x and y, but Cara has nothing Ana wants to learn.") {
		t.Errorf("one-way reason: %s", r)
	}
}

func TestHardRules(t *testing.T) {
	flat := [3]float64{0.5, 0.5, 0.5}
	people := []Person{
		person(1, "Ana", "Tidewater Retail", 4, "", flat, "", ""),
		person(2, "Ben", "Marigold Hotels", 4, "", flat, "", ""),
		person(3, "Cara", "Helix", 4, "", flat, "", ""),
		person(4, "Dev", "Orbital", 4, "", flat, "", ""),
	}
	ctx := Context{Today: today,
		Exclusions: []Exclusion{{CompanyA: "marigold hotels", CompanyB: "TIDEWATER RETAIL", Reason: "client and supplier"}, {A: 3, B: 4, Reason: "reports to Dev's spouse"}},
		Rejected:   [][2]int64{{4, 1}},
		Past:       []Past{{A: 2, B: 3, Started: today.AddDate(0, -6, 0)}},
	}
	sc := NewScorer(people, PresetRules("executive-peer"), ctx)
	for _, tc := range []struct {
		i, j int
		want string
	}{
		{0, 1, "Never to be paired: Marigold Hotels and Tidewater Retail: client and supplier"},
		{2, 3, "Never to be paired: reports to Dev's spouse"},
		{0, 3, "You rejected this pair in this round."},
		{1, 2, "Paired less than 12 months ago, in May 2026."},
	} {
		if _, ok := sc.Total(tc.i, tc.j); ok {
			t.Errorf("%s–%s allowed", people[tc.i].Name, people[tc.j].Name)
		}
		if got := sc.Explain(tc.i, tc.j).Blocked; !strings.Contains(got, tc.want) {
			t.Errorf("%s–%s blocked %q, want %q", people[tc.i].Name, people[tc.j].Name, got, tc.want)
		}
	}
	if _, ok := sc.Total(0, 2); !ok {
		t.Error("Ana–Cara should be allowed")
	}

	// Outside the repeat window the pair is allowed, with a penalty that fades.
	rules := PresetRules("executive-peer")
	rules.RepeatWindowMonths = 3
	sc = NewScorer(people, rules, ctx)
	s := sc.Explain(1, 2)
	if s.Blocked != "" || s.Criteria[len(s.Criteria)-1].Points != -25 {
		t.Errorf("repeat after the window: blocked %q, criteria %+v", s.Blocked, s.Criteria)
	}
}

func TestReverseMentoringWantsAGap(t *testing.T) {
	flat := [3]float64{0.3, 0.5, 0.7}
	grace := person(1, "Grace", "Brightwave", 1, "calling", flat, "social media", "board relations")
	grace.BirthYear = 2001
	robert := person(2, "Robert", "Cobalt", 6, "calling", flat, "board relations", "social media")
	robert.BirthYear = 1966
	peer := person(3, "Peter", "Fernhill", 6, "calling", flat, "board relations", "social media")
	peer.BirthYear = 1967
	sc := NewScorer([]Person{grace, robert, peer}, PresetRules("reverse-mentoring"), Context{Today: today})
	gap, _ := sc.Total(0, 1)
	same, _ := sc.Total(1, 2)
	if gap <= same {
		t.Errorf("reverse mentoring: Grace–Robert %.1f should beat Robert–Peter %.1f", gap, same)
	}
	if r := reasons(sc.Explain(0, 1)); !strings.Contains(r, "A deliberate gap: Robert (C-suite or owner) and Grace (individual contributor).") {
		t.Errorf("reasons: %s", r)
	}
	// Without levels, the generation gap speaks.
	sc.People[0].Seniority, sc.People[1].Seniority = 0, 0
	sc = NewScorer(sc.People, PresetRules("reverse-mentoring"), Context{Today: today})
	if r := reasons(sc.Explain(0, 1)); !strings.Contains(r, "A generation apart: Robert (born 1966) and Grace (born 2001).") {
		t.Errorf("reasons without levels: %s", r)
	}
}

// randomPeople makes n people with seeded random profiles, tags and companies.
func randomPeople(n int, seed uint64) []Person {
	rng := rand.New(rand.NewPCG(seed, 7))
	tags := []string{"negotiation", "data literacy", "storytelling", "board relations", "coaching", "pricing", "hiring", "crisis management", "social media", "regulation"}
	orient := []string{"job", "career", "calling"}
	people := make([]Person, n)
	for i := range people {
		p := Person{ID: int64(i + 1), Name: fmt.Sprintf("Person %d", i+1), Free: 1,
			Company: fmt.Sprintf("Company %d", rng.IntN(n/3+1)), Industry: fmt.Sprintf("Industry %d", rng.IntN(8)),
			Function: fmt.Sprintf("Function %d", rng.IntN(6)), Seniority: 1 + rng.IntN(6), BirthYear: 1960 + rng.IntN(40),
			Profile: map[string]float64{}}
		best := 0.0
		for _, o := range orient {
			v := float64(rng.IntN(101)) / 100
			p.Profile[o] = v
			if v > best {
				best, p.Primary = v, o
			}
		}
		for k := 0; k < 3; k++ {
			p.Strengths = append(p.Strengths, tags[rng.IntN(len(tags))])
			p.Development = append(p.Development, tags[rng.IntN(len(tags))])
		}
		people[i] = p
	}
	return people
}

func TestTotalMatchesExplain(t *testing.T) {
	people := randomPeople(60, 1)
	for _, preset := range Presets {
		sc := NewScorer(people, preset.Rules, Context{Today: today, Past: []Past{{A: 1, B: 2, Started: today.AddDate(-2, 0, 0)}}})
		for i := range people {
			for j := range people {
				if i == j {
					continue
				}
				total, allowed := sc.Total(i, j)
				s := sc.Explain(i, j)
				if total != s.Total || allowed != (s.Blocked == "") || total < 0 || total > 100 {
					t.Fatalf("%s %d–%d: Total %.1f %v, Explain %.1f %q", preset.Key, i, j, total, allowed, s.Total, s.Blocked)
				}
				if back, _ := sc.Total(j, i); back != total {
					t.Fatalf("%s: score not symmetric for %d–%d", preset.Key, i, j)
				}
			}
		}
	}
}

// Target: scoring all pairs of 1,000 participants in under 30 ms.
func BenchmarkScoreAllPairs1000(b *testing.B) {
	people := randomPeople(1000, 2)
	for b.Loop() {
		sc := NewScorer(people, PresetRules("executive-peer"), Context{Today: today})
		var sum float64
		for i := range people {
			for j := i + 1; j < len(people); j++ {
				s, _ := sc.Total(i, j)
				sum += s
			}
		}
		if sum == 0 {
			b.Fatal("no scores")
		}
	}
}

func TestReasonsTellPeopleWithTheSameFirstNameApart(t *testing.T) {
	kowalski := person(1, "Łukasz Kowalski", "Northwind", 4, "career", [3]float64{0.2, 0.9, 0.3}, "negotiation", "data literacy")
	nowak := person(2, "Łukasz Nowak", "Helix", 4, "calling", [3]float64{0.2, 0.3, 0.9}, "data literacy", "negotiation")
	ana := person(3, "Ana Pereira", "Tidewater", 4, "job", [3]float64{0.9, 0.2, 0.1}, "storytelling", "")
	twin := person(4, "Ana Pires", "Orbit", 4, "job", [3]float64{0.9, 0.2, 0.1}, "", "storytelling")
	ben := person(5, "Ben Okafor", "Helix", 4, "job", [3]float64{0.9, 0.2, 0.1}, "", "")
	sc := NewScorer([]Person{kowalski, nowak, ana, twin, ben}, PresetRules("executive-peer"), Context{Today: today})

	got := reasons(sc.Explain(0, 1))
	for _, want := range []string{"Łukasz K. can teach Łukasz N. negotiation; Łukasz N. can teach Łukasz K. data literacy.",
		"Different orientations: Łukasz K. is career-oriented, Łukasz N. is calling-oriented."} {
		if !strings.Contains(got, want) {
			t.Errorf("reasons lack %q: %s", want, got)
		}
	}
	// Same first name and same initial: the full name. A first name no one shares stays short.
	if got := reasons(sc.Explain(2, 3)); !strings.Contains(got, "Ana Pereira can teach Ana Pires storytelling") {
		t.Errorf("reasons do not tell Ana Pereira from Ana Pires: %s", got)
	}
	if sc.names[4] != "Ben" {
		t.Errorf("Ben is called %q", sc.names[4])
	}
}

// A reason never says two people are similar while naming two different orientations: 1–5
// means stored as 0–100 scores made every profile flat and every pair "similar".
func TestOrientationReasonDoesNotContradictItself(t *testing.T) {
	ana := person(1, "Ana Pereira", "Northwind", 5, "job", [3]float64{0.04, 0.03, 0.02}, "", "")
	ben := person(2, "Ben Okafor", "Helix", 5, "calling", [3]float64{0.02, 0.03, 0.04}, "", "")
	cara := person(3, "Cara Lind", "Quill", 5, "mixed", [3]float64{0.03, 0.03, 0.03}, "", "")
	sc := NewScorer([]Person{ana, ben, cara}, PresetRules("executive-peer"), Context{Today: today})
	got := reasons(sc.Explain(0, 1))
	if strings.Contains(got, "Similar") || !strings.Contains(got, "Close work-orientation scores, though Ana leans job and Ben leans calling.") {
		t.Errorf("Ana–Ben: %s", got)
	}
	if got := reasons(sc.Explain(0, 2)); !strings.Contains(got, "Similar work-orientation profiles (Ana job-oriented, Cara mixed).") {
		t.Errorf("Ana–Cara: %s", got)
	}
}
