package pairing

import (
	"math/rand/v2"
	"testing"
)

// newTestPlan is a plan for people under the executive-peer rules, suggested once.
func newTestPlan(people []Person, odd OddPerson) *Plan {
	p := &Plan{People: people, Rules: PresetRules("executive-peer"), Odd: odd, Context: Context{Today: today}}
	p.Resuggest()
	return p
}

// freshTotal is the total of a round suggested from scratch for the plan's locks and
// rejections.
func freshTotal(p *Plan) (float64, int) {
	ctx := p.Context
	ctx.Rejected = p.Rejected
	r := Suggest(NewScorer(p.People, p.Rules, ctx), p.Fixed, p.Odd)
	return r.Total, len(r.Pairs)
}

// unlockedPair picks a suggested pair of two that the coach has not fixed, or -1.
func unlockedPair(r *rand.Rand, p *Plan) int {
	var open []int
	for i, pair := range p.Round.Pairs {
		if !pair.Locked && len(pair.Members) == 2 {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[r.IntN(len(open))]
}

// A coach locks, rejects and swaps pairs one after another: every round is suggested warm
// from the last, is as good as a fresh suggestion under the same locks and rejections, and
// the solver's duals prove its matching optimal. Working on a copy leaves the plan as it was.
func TestPlanSuggestsAgainWarm(t *testing.T) {
	cohorts := 40
	if testing.Short() {
		cohorts = 10
	}
	r := rand.New(rand.NewPCG(16, 3))
	warm := 0
	for c := range cohorts {
		people := randomPeople(8+r.IntN(60), uint64(100+c))
		p := newTestPlan(people, SitOut)
		for step := range 8 {
			if r.IntN(4) == 0 { // a change worked out on a copy and dropped
				if k := unlockedPair(r, p); k >= 0 {
					before := p.Round.Total
					p.Clone().Reject(k)
					if p.Round.Total != before {
						t.Fatalf("cohort %d: a change to a copy changed the plan", c)
					}
				}
			}
			k := unlockedPair(r, p)
			if k < 0 {
				break
			}
			var solver *Solver
			if p.warm != nil {
				solver = p.warm.solver
			}
			what := r.IntN(3)
			switch what {
			case 0:
				p.SetLocked(k, true)
			case 1:
				p.Reject(k)
			default:
				pair := p.Round.Pairs[k]
				out := p.People[pair.Members[1]].ID
				in := p.People[r.IntN(len(p.People))].ID
				if in == out || in == p.People[pair.Members[0]].ID {
					continue
				}
				p.Swap(k, out, in)
			}
			if what < 2 && (p.warm == nil || p.warm.solver != solver) {
				t.Fatalf("cohort %d step %d: change %d was not suggested warm", c, step, what)
			}
			if p.warm != nil && p.warm.solver == solver {
				warm++
			}
			want, wantPairs := freshTotal(p)
			if p.Round.Total != want || len(p.Round.Pairs) != wantPairs {
				t.Fatalf("cohort %d step %d (change %d): warm round totals %v in %d pairs, a fresh one %v in %d",
					c, step, what, p.Round.Total, len(p.Round.Pairs), want, wantPairs)
			}
			if x := p.warm.solver; x != nil {
				if err := verifyOptimum(x.n, x.edges, true, x.last.mates(), x.last.certificate()); err != nil {
					t.Fatalf("cohort %d step %d: %v", c, step, err)
				}
			}
		}
	}
	if warm == 0 {
		t.Fatal("no change was suggested warm")
	}
}

// With a person left over joining a triad, warm rounds pair as many people as fresh ones.
func TestPlanWarmWithTriads(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 4))
	for c := range 10 {
		p := newTestPlan(randomPeople(9+2*r.IntN(20), uint64(200+c)), JoinTriad)
		for range 5 {
			k := unlockedPair(r, p)
			if k < 0 {
				break
			}
			if r.IntN(2) == 0 {
				p.SetLocked(k, true)
			} else {
				p.Reject(k)
			}
			ctx := p.Context
			ctx.Rejected = p.Rejected
			fresh := Suggest(NewScorer(p.People, p.Rules, ctx), p.Fixed, p.Odd)
			if len(fresh.Pairs) != len(p.Round.Pairs) || len(fresh.Unpaired) != len(p.Round.Unpaired) {
				t.Fatalf("cohort %d: warm round has %d pairs and %d unpaired, a fresh one %d and %d",
					c, len(p.Round.Pairs), len(p.Round.Unpaired), len(fresh.Pairs), len(fresh.Unpaired))
			}
		}
	}
}

// Target: the pairing screen's answer to one lock or reject in a 300-person cohort, copy of
// the plan included, under 5 ms.
func BenchmarkPlanWarm300(b *testing.B) {
	base := newTestPlan(randomPeople(300, 4), JoinTriad)
	for _, bc := range []struct {
		name   string
		change func(p *Plan, k int)
	}{
		{"lock", func(p *Plan, k int) { p.SetLocked(k, true) }},
		{"reject", func(p *Plan, k int) { p.Reject(k) }},
		{"fresh", func(p *Plan, k int) { p.Resuggest() }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			k := 0
			cpu0 := cpuTime()
			for b.Loop() {
				next := base.Clone()
				bc.change(next, k%(len(base.Round.Pairs)/2)) // pairs from the top half
				k++
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
		})
	}
}
