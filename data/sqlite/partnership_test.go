package sqlite_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
)

// newPartnership pairs two new participants, starting on start, and returns the partnership.
func newPartnership(t testing.TB, s *sqlite.Store, start data.Date, names ...string) data.Partnership {
	t.Helper()
	c := data.Cohort{Name: fmt.Sprintf("Cohort %s %d", names[0], time.Now().UnixNano())}
	if err := s.SaveCohort(&c); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, n := range names {
		p := mustAdd(t, s, data.Participant{Name: n, Company: fmt.Sprintf("Company %s %d", n, i)})
		ids = append(ids, p.ID)
	}
	if err := s.AddToCohort(c.ID, ids...); err != nil {
		t.Fatal(err)
	}
	plan, err := pairing.PlanRound(s, c.ID, start.Time())
	if err != nil {
		t.Fatal(err)
	}
	plan.Fixed = []pairing.Group{{Members: ids}}
	plan.Resuggest()
	if err := s.ApproveRound(plan, start); err != nil {
		t.Fatal(err)
	}
	list, err := s.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.CohortID == c.ID {
			return p
		}
	}
	t.Fatal("partnership not created")
	return data.Partnership{}
}

// clockAt fixes the store's day.
func clockAt(s *sqlite.Store, d data.Date) {
	s.SetClock(func() time.Time { return d.Time().Add(10 * time.Hour) })
}

func TestLogSession(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	ana, ben := p.Members[0].ParticipantID, p.Members[1].ParticipantID
	good := func() data.Session {
		return data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 4, 2), DurationMinutes: 60, Topics: "Purpose in hard decisions",
			Attendance: []data.Attendance{{ParticipantID: ana, Attended: true, Rating: 5}, {ParticipantID: ben, Attended: true, Rating: 4}},
			Notes: []data.Note{{Body: "Ana seemed tired.", Visibility: data.Private}, {Body: "Agreed to share board papers.", Visibility: data.Shared},
				{Body: "First session held; both engaged.", Visibility: data.Sponsor}, {Body: "Default visibility"}},
			ActionItems: []data.ActionItem{{Text: "Send Ben the board paper", OwnerID: ana, DueOn: data.NewDate(2026, 4, 16)}, {Text: "Book the next room"}}}
	}

	t.Run("rules are checked and nothing is saved when one breaks", func(t *testing.T) {
		for _, tc := range []struct {
			change func(*data.Session)
			want   string
		}{
			{func(se *data.Session) { se.HeldOn = data.NewDate(2026, 3, 1) }, "cannot be dated before the partnership started (16 Mar 2026)"},
			{func(se *data.Session) { se.HeldOn = data.NewDate(2026, 12, 1) }, "cannot be dated in the future"},
			{func(se *data.Session) { se.Attendance[0].Rating = 6 }, "A rating is from 1 to 5, not 6"},
			{func(se *data.Session) { se.Attendance[1].Attended = false }, "Ben did not attend, so cannot rate the session"},
			{func(se *data.Session) {
				se.Attendance[0].Attended, se.Attendance[0].Rating, se.Attendance[1].Attended, se.Attendance[1].Rating = false, 0, false, 0
			}, "at least one member present"},
			{func(se *data.Session) {
				se.Attendance = append(se.Attendance, data.Attendance{ParticipantID: 999, Attended: true})
			}, "Only the partnership's members"},
			{func(se *data.Session) { se.DurationMinutes = 0 }, "from 1 to 1440 minutes"},
			{func(se *data.Session) { se.Notes[1].Visibility = "public" }, `not "public"`},
			{func(se *data.Session) { se.Notes[0].Body = "   " }, "A note cannot be empty"},
			{func(se *data.Session) { se.ActionItems[0].OwnerID = 999 }, "belongs to a member"},
		} {
			se := good()
			tc.change(&se)
			err := s.LogSession(&se)
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		}
		page, _ := s.Partnership(p.ID)
		if len(page.SessionLog) != 0 {
			t.Fatalf("%d sessions saved by refused logs", len(page.SessionLog))
		}
	})

	t.Run("a refusal writes its dates in the coach's order", func(t *testing.T) {
		defer data.SetMessageDateOrder("")
		for order, want := range map[data.DateOrder]string{data.MonthDayYear: "(Mar 16, 2026)", data.YearMonthDay: "(2026-03-16)"} {
			data.SetMessageDateOrder(order)
			se := good()
			se.HeldOn = data.NewDate(2026, 3, 1)
			if err := s.LogSession(&se); !strings.Contains(fmt.Sprint(err), want) {
				t.Errorf("%s: err = %v, want %q", order, err, want)
			}
		}
	})

	t.Run("a good session is saved whole", func(t *testing.T) {
		se := good()
		if err := s.LogSession(&se); err != nil {
			t.Fatal(err)
		}
		later := good()
		later.HeldOn, later.Notes, later.ActionItems = data.NewDate(2026, 5, 1), nil, nil
		if err := s.LogSession(&later); err != nil {
			t.Fatal(err)
		}
		page, err := s.Partnership(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.SessionLog) != 2 || page.SessionLog[0].HeldOn != later.HeldOn || page.Sessions != 2 || page.LastSession != later.HeldOn {
			t.Fatalf("sessions not newest first: %+v", page.SessionLog)
		}
		first := page.SessionLog[1]
		vis := map[data.Visibility]int{}
		for _, n := range first.Notes {
			vis[n.Visibility]++
		}
		if vis[data.Private] != 2 || vis[data.Shared] != 1 || vis[data.Sponsor] != 1 {
			t.Errorf("note visibilities %v; the note without one should be private", vis)
		}
		if first.Rating(ana) != 5 || first.Rating(ben) != 4 || len(first.ActionItems) != 2 || len(page.OpenActions) != 2 {
			t.Errorf("first session: %+v, open actions %d", first, len(page.OpenActions))
		}
		if page.OpenActions[0].OwnerName != "Ana Pereira" || page.OpenActions[1].OwnerName != "" {
			t.Errorf("owners: %q, %q", page.OpenActions[0].OwnerName, page.OpenActions[1].OwnerName)
		}

		// Visibility changes later; action items get done.
		if err := s.SetNoteVisibility(first.Notes[0].ID, data.Shared); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNoteVisibility(first.Notes[0].ID, "everyone"); data.ErrorCode(err) != data.Invalid {
			t.Errorf("bad visibility: %v", err)
		}
		if err := s.SetActionItemDone(page.OpenActions[0].ID, data.NewDate(2026, 4, 15)); err != nil {
			t.Fatal(err)
		}
		page, _ = s.Partnership(p.ID)
		if page.SessionLog[1].Notes[0].Visibility != data.Shared || len(page.OpenActions) != 1 {
			t.Errorf("after changes: visibility %s, %d open actions", page.SessionLog[1].Notes[0].Visibility, len(page.OpenActions))
		}
	})
}

func TestAgreementFitCheckAndEnding(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	ana, ben := p.Members[0].ParticipantID, p.Members[1].ParticipantID

	if err := s.SaveAgreement(p.ID, &data.Agreement{Cadence: "monthly"}); data.ErrorCode(err) != data.Invalid {
		t.Errorf("agreement without objective: %v", err)
	}
	s.SaveAgreement(p.ID, &data.Agreement{Objective: "Board readiness", Cadence: "Every four weeks"})
	s.SaveAgreement(p.ID, &data.Agreement{Objective: "Board readiness", Cadence: "Every two weeks", SuccessMeasures: "Both chair a meeting by June"})
	page, _ := s.Partnership(p.ID)
	if len(page.Agreements) != 2 || page.Agreement.Cadence != "Every two weeks" || page.Agreements[1].Cadence != "Every four weeks" {
		t.Errorf("agreement history: %+v", page.Agreements)
	}

	if err := s.RecordFitCheck(p.ID, ana, data.Keep); err == nil || !strings.Contains(err.Error(), "after the first session") {
		t.Errorf("fit check before a session: %v", err)
	}
	se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 4, 1), DurationMinutes: 60,
		Attendance: []data.Attendance{{ParticipantID: ana, Attended: true}, {ParticipantID: ben, Attended: true}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFitCheck(p.ID, ana, data.Keep); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFitCheck(p.ID, ben, data.Rematch); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Partnership(p.ID)
	if page.Status != data.EndedEarly || page.EndReason != "fit" || page.Member(ana).FitCheck != data.Keep || page.EndedOn != data.NewDate(2026, 11, 22) {
		t.Errorf("after a re-match answer: status %s, reason %q, Ana %q", page.Status, page.EndReason, page.Member(ana).FitCheck)
	}
	if err := s.EndPartnership(p.ID, data.Completed, "", data.NewDate(2026, 11, 22)); data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "already ended on 22 Nov 2026") {
		t.Errorf("ending twice: %v", err)
	}
	// Ending frees both members for the next round of their cohort.
	plan, err := pairing.PlanRound(s, page.CohortID, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, person := range plan.People {
		if person.Free != 1 {
			t.Errorf("%s has room for %d partnerships after the end, want 1", person.Name, person.Free)
		}
	}

	q := newPartnership(t, s, data.NewDate(2026, 3, 16), "Cara Lind", "Dev Patel")
	for _, tc := range []struct {
		status data.PartnershipStatus
		reason string
		on     data.Date
		want   string
	}{
		{data.EndedEarly, "", data.NewDate(2026, 6, 1), "Say why"},
		{data.Completed, "", data.NewDate(2026, 1, 1), "cannot end before it started"},
		{data.Completed, "", data.NewDate(2027, 1, 1), "cannot end in the future"},
		{"paused", "", data.NewDate(2026, 6, 1), "completed or ended early"},
	} {
		if err := s.EndPartnership(q.ID, tc.status, tc.reason, tc.on); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("end %s %q %s: %v, want %q", tc.status, tc.reason, tc.on.String(), err, tc.want)
		}
	}
	if err := s.EndPartnership(q.ID, data.Completed, "", data.NewDate(2026, 11, 1)); err != nil {
		t.Fatal(err)
	}
}

func TestAttentionOnTheSample(t *testing.T) {
	s, _ := openSample(t)
	items, err := s.Attention(data.NewDate(2026, 11, 22), 30)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[data.AttentionKind][]data.AttentionItem{}
	for _, it := range items {
		kinds[it.Kind] = append(kinds[it.Kind], it)
		if it.PartnershipID == 0 && it.ParticipantID == 0 && it.CohortID == 0 {
			t.Errorf("item %q opens nothing", it.Title)
		}
	}
	inactive := kinds[data.Inactive]
	if len(inactive) != 1 || !strings.Contains(inactive[0].Title, "José Álvarez") || !strings.Contains(inactive[0].Detail, "No session for") {
		t.Errorf("inactive: %+v", inactive)
	}
	if len(kinds[data.Overdue]) == 0 {
		t.Error("the sample has overdue action items")
	}
	if len(kinds[data.NoMeasures]) != 1 {
		t.Errorf("agreements without measures: %+v", kinds[data.NoMeasures])
	}
	if len(kinds[data.NotAssessed]) != 0 {
		t.Errorf("everyone in the sample is assessed: %+v", kinds[data.NotAssessed])
	}
	// Overdue items come first.
	if items[0].Kind != data.Overdue {
		t.Errorf("first item is %s", items[0].Kind)
	}
	// New participants without an assessment show up, grouped by cohort when several.
	autumn, _ := s.CohortByName("Autumn 2026 reverse mentoring")
	for i := 0; i < 3; i++ {
		p := mustAdd(t, s, data.Participant{Name: fmt.Sprintf("New Person %d", i)})
		s.AddToCohort(autumn.ID, p.ID)
	}
	loner := mustAdd(t, s, data.Participant{Name: "Zed Solo"})
	items, _ = s.Attention(data.NewDate(2026, 11, 22), 30)
	var grouped, single bool
	for _, it := range items {
		grouped = grouped || (it.Kind == data.NotAssessed && it.CohortID == autumn.ID && strings.Contains(it.Title, "3 participants"))
		single = single || (it.Kind == data.NotAssessed && it.ParticipantID == loner.ID)
	}
	if !grouped || !single {
		t.Errorf("unassessed: grouped %v, single %v", grouped, single)
	}
	// A longer threshold quiets the inactive partnership.
	items, _ = s.Attention(data.NewDate(2026, 11, 22), 120)
	for _, it := range items {
		if it.Kind == data.Inactive {
			t.Errorf("with 120 days, still inactive: %+v", it)
		}
	}
}

func TestOutcomes(t *testing.T) {
	s, _ := openSample(t)
	outcomes, err := s.Outcomes(data.NewDate(2026, 11, 22))
	if err != nil {
		t.Fatal(err)
	}
	spring, _ := s.CohortByName("Spring 2026 executive circle")
	o := outcomes[spring.ID]
	if o.Partnerships != 8 || o.Productive < 1 || o.Productive >= 8 {
		t.Errorf("spring outcomes: %+v", o)
	}
	// The rule, on one partnership: eight months and ratings of 4 and 5 make it productive.
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 1), "Eve Long", "Finn Short")
	for m := 0; m < 3; m++ {
		se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, time.Month(4+m), 1), DurationMinutes: 60,
			Attendance: []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true, Rating: 4}, {ParticipantID: p.Members[1].ParticipantID, Attended: true, Rating: 5}}}
		if err := s.LogSession(&se); err != nil {
			t.Fatal(err)
		}
	}
	page, _ := s.Partnership(p.ID)
	if out := page.Outcome(data.NewDate(2026, 11, 22)); !out.IsProductive || !out.Lasted {
		t.Errorf("outcome: %+v", out)
	}
	if out := page.Outcome(data.NewDate(2026, 8, 1)); out.IsProductive || out.Lasted {
		t.Errorf("five months in, it cannot be productive yet: %+v", out)
	}
}

// Target: open a partnership with 500 sessions in under 100 ms.
func BenchmarkOpenPartnership500Sessions(b *testing.B) {
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "p.mutua"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(b, s, data.NewDate(2020, 1, 1), "Ana", "Ben")
	for i := 0; i < 500; i++ {
		se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2020, 1, 1).AddDays(i * 4), DurationMinutes: 60, Topics: "Topic of the day",
			Attendance:  []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true, Rating: 4}, {ParticipantID: p.Members[1].ParticipantID, Attended: true, Rating: 5}},
			Notes:       []data.Note{{Body: "Private thoughts on the session."}, {Body: "Shared summary.", Visibility: data.Shared}},
			ActionItems: []data.ActionItem{{Text: "Follow up", OwnerID: p.Members[0].ParticipantID, DueOn: data.NewDate(2020, 1, 1).AddDays(i*4 + 14)}}}
		if err := s.LogSession(&se); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		page, err := s.Partnership(p.ID)
		if err != nil || len(page.SessionLog) != 500 {
			b.Fatalf("%v, %d sessions", err, len(page.SessionLog))
		}
	}
}

// Target: the attention list for 300 partnerships in under 50 ms.
func BenchmarkAttention300(b *testing.B) {
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "p.mutua"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	clockAt(s, data.NewDate(2026, 11, 22))
	for i := 0; i < 300; i++ {
		p := newPartnership(b, s, data.NewDate(2026, 1, 5), fmt.Sprintf("A%d", i), fmt.Sprintf("B%d", i))
		for k := 0; k < 3; k++ {
			se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, time.Month(2+k+i%5), 3), DurationMinutes: 60,
				Attendance:  []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true}, {ParticipantID: p.Members[1].ParticipantID, Attended: true}},
				ActionItems: []data.ActionItem{{Text: "Follow up", DueOn: data.NewDate(2026, time.Month(3+k+i%5), 1)}}}
			if err := s.LogSession(&se); err != nil {
				b.Fatal(err)
			}
		}
	}
	for b.Loop() {
		items, err := s.Attention(data.NewDate(2026, 11, 22), 30)
		if err != nil || len(items) < 300 {
			b.Fatalf("%v, %d items", err, len(items))
		}
	}
}

func TestReviewedRules(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")

	t.Run("an unchanged agreement adds no version", func(t *testing.T) {
		a := data.Agreement{Objective: "Board readiness", SuccessMeasures: "Chair a meeting"}
		s.SaveAgreement(p.ID, &a)
		same := data.Agreement{Objective: "Board readiness", SuccessMeasures: "Chair a meeting"}
		if err := s.SaveAgreement(p.ID, &same); err != nil {
			t.Fatal(err)
		}
		page, _ := s.Partnership(p.ID)
		if len(page.Agreements) != 1 {
			t.Errorf("%d versions after saving the same agreement twice", len(page.Agreements))
		}
	})

	t.Run("a completed partnership keeps no reason", func(t *testing.T) {
		q := newPartnership(t, s, data.NewDate(2026, 3, 16), "Cara Lind", "Dev Patel")
		if err := s.EndPartnership(q.ID, data.Completed, "fit", data.NewDate(2026, 11, 1)); err != nil {
			t.Fatal(err)
		}
		page, _ := s.Partnership(q.ID)
		if page.EndReason != "" {
			t.Errorf("completed with reason %q", page.EndReason)
		}
	})

	t.Run("the agenda library saves all groups or none", func(t *testing.T) {
		before, _ := s.AgendaLibrary()
		err := s.SaveAgendaLibrary(map[string][]string{"calling": {"A new calling topic"}, "any": {strings.Repeat("x", 1000)}})
		if data.ErrorCode(err) != data.Invalid {
			t.Fatalf("over-long item: %v", err)
		}
		after, _ := s.AgendaLibrary()
		if strings.Join(after["calling"], "|") != strings.Join(before["calling"], "|") {
			t.Error("a refused save changed the calling group")
		}
		if err := s.SaveAgendaLibrary(map[string][]string{"calling": {" First ", "", "Second"}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Agendas("calling"); got[0] != "First" || got[1] != "Second" {
			t.Errorf("calling agenda: %v", got)
		}
	})

	t.Run("deleting a member ends the partnership and frees the partner", func(t *testing.T) {
		q := newPartnership(t, s, data.NewDate(2026, 3, 16), "Eve Long", "Finn Short")
		if err := s.DeleteParticipant(q.Members[0].ParticipantID); err != nil {
			t.Fatal(err)
		}
		page, _ := s.Partnership(q.ID)
		if page.Status != data.EndedEarly || page.EndReason != "left the programme" || len(page.Members) != 1 {
			t.Errorf("after deleting a member: %s %q, %d members", page.Status, page.EndReason, len(page.Members))
		}
		plan, _ := pairing.PlanRound(s, page.CohortID, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
		if len(plan.People) != 1 || plan.People[0].Free != 1 {
			t.Errorf("the partner is not free: %+v", plan.People)
		}
	})

	t.Run("a planned end that has passed needs attention", func(t *testing.T) {
		items, _ := s.Attention(data.NewDate(2027, 4, 1), 365)
		found := false
		for _, it := range items {
			if it.Kind == data.EndingSoon && it.PartnershipID == p.ID && strings.Contains(it.Detail, "still running") {
				found = true
			}
		}
		if !found {
			t.Errorf("no item for the passed planned end: %+v", items)
		}
	})

	t.Run("young partnerships are too early to count", func(t *testing.T) {
		young := newPartnership(t, s, data.NewDate(2026, 10, 1), "Gus New", "Hana New")
		outcomes, _ := s.Outcomes(data.NewDate(2026, 11, 22))
		o := outcomes[young.CohortID]
		if o.TooEarly != 1 || o.Counted() != 0 || !strings.Contains(o.Describe(), "too early to tell") {
			t.Errorf("young partnership outcome: %+v %q", o, o.Describe())
		}
	})
}

func TestUnassessedListedOnce(t *testing.T) {
	s := mustOpen(t)
	big := data.Cohort{Name: "Big"}
	small := data.Cohort{Name: "Small"}
	s.SaveCohort(&big)
	s.SaveCohort(&small)
	var ids []int64
	for i := 0; i < 3; i++ {
		p := mustAdd(t, s, data.Participant{Name: fmt.Sprintf("Person %d", i)})
		ids = append(ids, p.ID)
	}
	s.AddToCohort(big.ID, ids...)
	s.AddToCohort(small.ID, ids[0])
	items, _ := s.Attention(data.NewDate(2026, 11, 22), 30)
	var kinds []string
	for _, it := range items {
		if it.Kind == data.NotAssessed {
			kinds = append(kinds, it.Title)
		}
	}
	if len(kinds) != 1 || !strings.Contains(kinds[0], "Big: 3 participants") {
		t.Errorf("unassessed items: %v", kinds)
	}
}

func TestCorrectingASession(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	ana, ben := p.Members[0].ParticipantID, p.Members[1].ParticipantID
	se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 4, 2), DurationMinutes: 60, Topics: "Board papers",
		Attendance:  []data.Attendance{{ParticipantID: ana, Attended: true, Rating: 5}, {ParticipantID: ben, Attended: true, Rating: 4}},
		Notes:       []data.Note{{Body: "Ana seemed tired."}, {Body: "Swap board papers.", Visibility: data.Shared}},
		ActionItems: []data.ActionItem{{Text: "Send Ben the board paper", OwnerID: ana}, {Text: "Book the next room"}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	if err := s.SetActionItemDone(se.ActionItems[0].ID, data.NewDate(2026, 4, 10)); err != nil {
		t.Fatal(err)
	}
	saved := func() data.Session {
		t.Helper()
		page, err := s.Partnership(p.ID)
		if err != nil || len(page.SessionLog) != 1 {
			t.Fatalf("sessions: %v, %v", page, err)
		}
		return page.SessionLog[0]
	}

	t.Run("an edit breaking a rule changes nothing", func(t *testing.T) {
		for _, tc := range []struct {
			change func(*data.Session)
			want   string
		}{
			{func(e *data.Session) { e.HeldOn = data.NewDate(2026, 3, 1) }, "before the partnership started"},
			{func(e *data.Session) { e.HeldOn = data.NewDate(2026, 12, 1) }, "in the future"},
			{func(e *data.Session) { e.Attendance[1].Attended = false }, "Ben did not attend, so cannot rate"},
			{func(e *data.Session) { e.Notes[0].Body = "Kept?"; e.Notes[1].Body = " " }, "A note cannot be empty"},
		} {
			e := saved()
			e.Topics = "Should not be saved"
			tc.change(&e)
			if err := s.UpdateSession(&e); data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		}
		if got := saved(); got.Topics != "Board papers" || got.Notes[0].Body != "Ana seemed tired." || got.HeldOn != se.HeldOn {
			t.Errorf("a refused edit changed the session: %+v", got)
		}
	})

	t.Run("an edit changes date, attendance, ratings, topics, notes and action items at once", func(t *testing.T) {
		clockAt(s, data.NewDate(2026, 11, 23))
		defer clockAt(s, data.NewDate(2026, 11, 22))
		e := saved()
		untouched := e.Notes[1]
		e.HeldOn, e.DurationMinutes, e.Topics = data.NewDate(2026, 4, 3), 45, "Board papers and hiring"
		e.Attendance[1].Attended, e.Attendance[1].Rating = false, 0
		e.Attendance[0].Rating = 3
		e.Notes[0].Body = "Ana was tired after the board."
		e.Notes = append(e.Notes, data.Note{Body: "A note added later.", Visibility: data.Sponsor})
		done := e.ActionItems[0]
		done.Text = "Send Ben both board papers"
		e.ActionItems = []data.ActionItem{done, {Text: "Ask about the hire", OwnerID: ben}}
		if err := s.UpdateSession(&e); err != nil {
			t.Fatal(err)
		}
		got := saved()
		if got.HeldOn != data.NewDate(2026, 4, 3) || got.DurationMinutes != 45 || got.Topics != "Board papers and hiring" ||
			got.Rating(ana) != 3 || got.Attendance[1].Attended || got.Rating(ben) != 0 {
			t.Errorf("session after the edit: %+v", got)
		}
		if len(got.Notes) != 3 || got.Notes[0].ID != se.Notes[0].ID || got.Notes[0].Body != "Ana was tired after the board." ||
			got.Notes[2].Body != "A note added later." || got.Notes[2].Visibility != data.Sponsor {
			t.Errorf("notes after the edit: %+v", got.Notes)
		}
		if !got.Notes[0].UpdatedAt.After(got.Notes[0].CreatedAt) || !got.Notes[1].UpdatedAt.Equal(untouched.UpdatedAt) {
			t.Errorf("only the changed note is marked as changed: %+v", got.Notes)
		}
		// Leaving a note out deletes it.
		e = got
		e.Notes = e.Notes[:2]
		if err := s.UpdateSession(&e); err != nil {
			t.Fatal(err)
		}
		if left := saved().Notes; len(left) != 2 || left[1].ID != untouched.ID {
			t.Errorf("notes after leaving one out: %+v", left)
		}
		texts := map[string]data.ActionItem{}
		for _, a := range got.ActionItems {
			texts[a.Text] = a
		}
		if len(got.ActionItems) != 2 || texts["Send Ben both board papers"].DoneOn != data.NewDate(2026, 4, 10) || texts["Ask about the hire"].OwnerID != ben {
			t.Errorf("action items after the edit (the done one keeps its day): %+v", got.ActionItems)
		}
	})

	t.Run("a session stays with its partnership", func(t *testing.T) {
		q := newPartnership(t, s, data.NewDate(2026, 3, 16), "Cara Lind", "Dev Patel")
		e := saved()
		e.PartnershipID = q.ID
		if err := s.UpdateSession(&e); data.ErrorCode(err) != data.Invalid {
			t.Errorf("moving a session to another partnership: %v", err)
		}
		e = saved()
		e.ID = 99999
		if err := s.UpdateSession(&e); data.ErrorCode(err) != data.NotFound {
			t.Errorf("editing a session that is gone: %v", err)
		}
	})

	t.Run("deleting a session takes its notes, ratings and action items", func(t *testing.T) {
		e := saved()
		if err := s.DeleteSession(e.ID); err != nil {
			t.Fatal(err)
		}
		page, _ := s.Partnership(p.ID)
		if len(page.SessionLog) != 0 || page.Sessions != 0 || len(page.OpenActions)+len(page.DoneActions) != 0 {
			t.Errorf("after deleting: %d sessions, %d + %d action items", len(page.SessionLog), len(page.OpenActions), len(page.DoneActions))
		}
		if err := s.DeleteSession(e.ID); data.ErrorCode(err) != data.NotFound {
			t.Errorf("deleting twice: %v", err)
		}
	})
}

func TestCorrectingNotesAndActionItems(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	n := data.Note{PartnershipID: p.ID, Body: "Ana wants a board seat."}
	if err := s.AddNote(&n); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateNote(n.ID, "  Ana wants a non-executive board seat. ", data.Shared); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateNote(n.ID, "   ", data.Private); data.ErrorCode(err) != data.Invalid {
		t.Errorf("emptying a note: %v", err)
	}
	page, _ := s.Partnership(p.ID)
	if len(page.Notes) != 1 || page.Notes[0].Body != "Ana wants a non-executive board seat." || page.Notes[0].Visibility != data.Shared {
		t.Errorf("note after editing its text: %+v", page.Notes)
	}

	a := data.ActionItem{PartnershipID: p.ID, Text: "Read the governance code"}
	if err := s.AddActionItem(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.SetActionItemDone(a.ID, data.NewDate(2026, 11, 20)); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Partnership(p.ID)
	if len(page.OpenActions) != 0 || len(page.DoneActions) != 1 || page.DoneActions[0].DoneOn != data.NewDate(2026, 11, 20) {
		t.Errorf("a done item is still listed, as done: open %d, done %+v", len(page.OpenActions), page.DoneActions)
	}
	if err := s.SetActionItemDone(a.ID, data.Date{}); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Partnership(p.ID)
	if len(page.OpenActions) != 1 || len(page.DoneActions) != 0 || page.OpenActions[0].Done() {
		t.Errorf("reopened item: open %+v, done %+v", page.OpenActions, page.DoneActions)
	}
}

func TestChangingAFitCheck(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	p := newPartnership(t, s, data.NewDate(2026, 3, 16), "Ana Pereira", "Ben Okafor")
	ana, ben := p.Members[0].ParticipantID, p.Members[1].ParticipantID
	se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 4, 1), DurationMinutes: 60,
		Attendance: []data.Attendance{{ParticipantID: ana, Attended: true}, {ParticipantID: ben, Attended: true}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	s.RecordFitCheck(p.ID, ana, data.Keep)
	if err := s.RecordFitCheck(p.ID, ben, data.Rematch); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Partnership(p.ID); page.Status != data.EndedEarly {
		t.Fatalf("a re-match answer did not end the partnership: %s", page.Status)
	}
	// Ben meant keep: the partnership runs again.
	if err := s.RecordFitCheck(p.ID, ben, data.Keep); err != nil {
		t.Fatal(err)
	}
	page, _ := s.Partnership(p.ID)
	if page.Status != data.Running || !page.EndedOn.IsZero() || page.EndReason != "" || page.Member(ben).FitCheck != data.Keep {
		t.Errorf("after taking back the re-match: %s, ended %s, %q, Ben %q", page.Status, page.EndedOn.String(), page.EndReason, page.Member(ben).FitCheck)
	}
	// Ana's answer is taken back altogether.
	if err := s.RecordFitCheck(p.ID, ana, ""); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Partnership(p.ID); page.Member(ana).FitCheck != "" || !page.Member(ana).FitCheckedOn.IsZero() {
		t.Errorf("Ana's answer not cleared: %+v", page.Member(ana))
	}
	if err := s.RecordFitCheck(p.ID, ana, "maybe"); data.ErrorCode(err) != data.Invalid {
		t.Errorf("an unknown answer: %v", err)
	}

	// A partnership ended for another reason keeps its fit check closed.
	if err := s.EndPartnership(p.ID, data.Completed, "", data.NewDate(2026, 11, 1)); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFitCheck(p.ID, ben, data.Rematch); data.ErrorCode(err) != data.Conflict {
		t.Errorf("changing the fit check of a completed partnership: %v", err)
	}

	// Taking back a re-match when a member has since started another partnership is refused.
	q := newPartnership(t, s, data.NewDate(2026, 3, 16), "Cara Lind", "Dev Patel")
	cara, dev := q.Members[0].ParticipantID, q.Members[1].ParticipantID
	se = data.Session{PartnershipID: q.ID, HeldOn: data.NewDate(2026, 4, 1), DurationMinutes: 60,
		Attendance: []data.Attendance{{ParticipantID: cara, Attended: true}, {ParticipantID: dev, Attended: true}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFitCheck(q.ID, dev, data.Rematch); err != nil {
		t.Fatal(err)
	}
	cohort, _ := s.CohortByName(q.CohortName)
	plan, err := pairing.PlanRound(s, cohort.ID, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	plan.Fixed = []pairing.Group{{Members: []int64{cara, dev}}}
	plan.Resuggest()
	if err := s.ApproveRound(plan, data.NewDate(2026, 11, 22)); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFitCheck(q.ID, dev, data.Keep); data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "another partnership") {
		t.Errorf("reopening over capacity: %v", err)
	}
	if page, _ := s.Partnership(q.ID); page.Status != data.EndedEarly || page.Member(dev).FitCheck != data.Rematch {
		t.Errorf("a refused change changed the answer: %s, %q", page.Status, page.Member(dev).FitCheck)
	}
}

func TestPlannedEndAndLength(t *testing.T) {
	s := mustOpen(t)
	clockAt(s, data.NewDate(2026, 11, 22))
	start := data.NewDate(2026, 3, 16)
	p := newPartnership(t, s, start, "Ana Pereira", "Ben Okafor")

	for _, tc := range []struct {
		length string
		end    data.Date
		says   string
	}{
		{"12 months", data.NewDate(2027, 3, 16), "12 months"},
		{"9", data.NewDate(2026, 12, 16), "9 months"},
		{"1 year and 2 months", data.NewDate(2027, 5, 16), "14 months"},
		{"6 weeks", data.NewDate(2026, 4, 27), "1 month and 11 days"},
		{"6 months, 10 days", data.NewDate(2026, 9, 26), "6 months and 10 days"},
		{"20 days", data.NewDate(2026, 4, 5), "20 days"},
		{"12 months less 1 day", data.NewDate(2027, 3, 15), "12 months"}, // to the last day before
		{"1 year minus 3 days", data.NewDate(2027, 3, 13), "12 months less 3 days"},
		{"11 months and 26 days", data.NewDate(2027, 3, 14), "12 months less 2 days"},
	} {
		end, err := data.PlannedEndAfter(start, tc.length)
		if err != nil || end != tc.end {
			t.Errorf("%q ends %s (%v), want %s", tc.length, end.String(), err, tc.end.String())
		}
		if got := data.PlannedLength(start, end); got != tc.says {
			t.Errorf("%s to %s says %q, want %q", start.String(), end.String(), got, tc.says)
		}
	}
	for _, bad := range []string{"", "soon", "12 fortnights", "-3", "less 3 days", "12 months less"} {
		if _, err := data.PlannedEndAfter(start, bad); data.ErrorCode(err) != data.Invalid {
			t.Errorf("%q: %v", bad, err)
		}
	}

	if err := s.SaveAgreement(p.ID, &data.Agreement{Objective: "Board readiness", PlannedLength: "forever"}); err != nil {
		t.Fatal(err)
	}
	page, _ := s.Partnership(p.ID)
	if page.Agreement.PlannedLength != "12 months" || page.PlannedEndOn != data.NewDate(2027, 3, 16) {
		t.Errorf("the agreement says %q for a planned end of %s", page.Agreement.PlannedLength, page.PlannedEndOn.String())
	}

	for _, tc := range []struct {
		end  data.Date
		want string
	}{
		{data.Date{}, "Choose the day"},
		{start, "must come after the start"},
		{data.NewDate(2040, 1, 1), "at most 10 years"},
	} {
		if err := s.SetPlannedEnd(p.ID, tc.end); data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("planned end %s: %v, want %q", tc.end.String(), err, tc.want)
		}
	}
	if err := s.SetPlannedEnd(p.ID, data.NewDate(2026, 12, 16)); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Partnership(p.ID)
	if page.PlannedEndOn != data.NewDate(2026, 12, 16) || page.Agreement.PlannedLength != "9 months" {
		t.Errorf("after moving the end: %s, %q", page.PlannedEndOn.String(), page.Agreement.PlannedLength)
	}
	if len(page.Agreements) != 2 || page.Agreements[0].PlannedLength != "9 months" || page.Agreements[1].PlannedLength != "12 months" ||
		page.Agreements[0].Objective != "Board readiness" {
		t.Errorf("the move is not kept in the agreement's history: %+v", page.Agreements)
	}
	if err := s.SetPlannedEnd(p.ID, data.NewDate(2026, 12, 16)); err != nil || len(mustPage(t, s, p.ID).Agreements) != 2 {
		t.Errorf("the same end again added a version: %v", err)
	}

	se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 11, 1), DurationMinutes: 60,
		Attendance: []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true}}}
	if err := s.LogSession(&se); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPlannedEnd(p.ID, data.NewDate(2026, 10, 1)); data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "last session") {
		t.Errorf("a planned end before the last session: %v", err)
	}
	if err := s.EndPartnership(p.ID, data.Completed, "", data.NewDate(2026, 11, 20)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPlannedEnd(p.ID, data.NewDate(2027, 1, 1)); data.ErrorCode(err) != data.Conflict {
		t.Errorf("moving the planned end of an ended partnership: %v", err)
	}
}

func mustPage(t *testing.T, s *sqlite.Store, id int64) *data.PartnershipPage {
	t.Helper()
	page, err := s.Partnership(id)
	if err != nil {
		t.Fatal(err)
	}
	return page
}
