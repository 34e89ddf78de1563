package sqlite_test

import (
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

// energyInstrument is a coach's own instrument with a score and a category scale.
func energyInstrument() data.Instrument {
	return data.Instrument{Name: "  Team energy   check ", Description: "A quick pulse.", Scales: []data.Scale{
		{Name: "Energy", Kind: data.Score, Min: 1, Max: 10, Description: "How energised work feels."},
		{Name: "Style", Kind: data.Category, Categories: []string{"Driver", " Analyst ", "Amiable", "analyst", ""}},
	}}
}

// mustSaveInstrument saves in and returns it with its IDs.
func mustSaveInstrument(t testing.TB, s *sqlite.Store, in data.Instrument) data.Instrument {
	t.Helper()
	if err := s.SaveInstrument(&in); err != nil {
		t.Fatalf("save instrument %s: %v", in.Name, err)
	}
	return in
}

// instrumentByName reads the instrument back from the practice.
func instrumentByName(t testing.TB, s *sqlite.Store, name string) data.Instrument {
	t.Helper()
	all, err := s.Instruments()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range all {
		if in.Name == name {
			return in
		}
	}
	t.Fatalf("no instrument called %q", name)
	return data.Instrument{}
}

func problemText(err error) string {
	var lines []string
	for _, p := range data.Problems(err) {
		lines = append(lines, p.Message)
	}
	return data.Message(err) + " | " + strings.Join(lines, " | ")
}

func TestInstrumentValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     data.Instrument
		wanted []string
	}{
		{"no name and no scales", data.Instrument{Name: " "}, []string{"needs a name", "at least one scale"}},
		{"repeated scale names", data.Instrument{Name: "Pulse", Scales: []data.Scale{
			{Name: "Energy", Kind: data.Score, Max: 5}, {Name: "ENERGY", Kind: data.Score, Max: 5}}},
			[]string{"Two scales are called ENERGY"}},
		{"score needs min below max", data.Instrument{Name: "Pulse", Scales: []data.Scale{{Name: "Focus", Kind: data.Score, Min: 5, Max: 5}}},
			[]string{"Focus needs a lowest value below its highest (now 5 to 5)"}},
		{"rank needs a whole maximum", data.Instrument{Name: "Pulse", Scales: []data.Scale{{Name: "Place", Kind: data.Rank, Max: 0}}},
			[]string{"Place ranks from 1 to a whole number"}},
		{"category needs two values without semicolons", data.Instrument{Name: "Pulse", Scales: []data.Scale{
			{Name: "Style", Kind: data.Category, Categories: []string{"Driver"}},
			{Name: "Mood", Kind: data.Category, Categories: []string{"Up;Down", "Flat"}}}},
			[]string{"Style needs at least two allowed values", `The value "Up;Down" of Mood cannot contain a semicolon`}},
		{"unknown kind and orientation", data.Instrument{Name: "Pulse", Scales: []data.Scale{
			{Name: "Drive", Kind: "stars", Orientation: "hobby"}}},
			[]string{`Drive must be a score, percentile, rank or category, not "stars"`, `Drive must measure job, career, calling, social or busyness orientation, or none, not "hobby"`}},
		{"a scale without a name is numbered", data.Instrument{Name: "Pulse", Scales: []data.Scale{
			{Name: "Energy", Kind: data.Score, Max: 5}, {Kind: data.Score, Max: 5}}},
			[]string{"Scale 2 needs a name"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Normalize()
			err := in.Validate()
			if data.ErrorCode(err) != data.Invalid {
				t.Fatalf("Validate = %v, want invalid", err)
			}
			got := problemText(err)
			for _, want := range tc.wanted {
				if !strings.Contains(got, want) {
					t.Errorf("problems %q do not say %q", got, want)
				}
			}
		})
	}

	t.Run("percentile and rank get their fixed ends; categories are tidied", func(t *testing.T) {
		in := data.Instrument{Name: "Pulse", Scales: []data.Scale{
			{Name: "Reach", Kind: "Percentile", Min: 5, Max: 7},
			{Name: "Place", Kind: data.Rank, Min: 0, Max: 12},
			{Name: "Style", Kind: data.Category, Min: 1, Max: 2, Categories: []string{" Driver ", "driver", "Analyst"}},
		}}
		in.Normalize()
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
		r, p, c := in.Scales[0], in.Scales[1], in.Scales[2]
		if r.Kind != data.Percentile || r.Min != 0 || r.Max != 100 || p.Min != 1 || p.Max != 12 {
			t.Errorf("ranges: %+v, %+v", r, p)
		}
		if c.Min != 0 || c.Max != 0 || data.JoinTags(c.Categories) != "Driver; Analyst" {
			t.Errorf("category scale: %+v", c)
		}
		if r.Range() != "0 to 100" || p.Range() != "1 to 12 (1 is first)" || c.Range() != "Driver; Analyst" {
			t.Errorf("ranges read %q, %q, %q", r.Range(), p.Range(), c.Range())
		}
	})
}

func TestCoachInstruments(t *testing.T) {
	t.Run("create, read back, edit and retire", func(t *testing.T) {
		s := mustOpen(t)
		in := mustSaveInstrument(t, s, energyInstrument())
		got := instrumentByName(t, s, "Team energy check")
		if got.ID != in.ID || got.Key != "" || got.Retired || len(got.Scales) != 2 {
			t.Fatalf("read back %+v", got)
		}
		if data.JoinTags(got.Scales[1].Categories) != "Driver; Analyst; Amiable" || got.Scales[0].Max != 10 {
			t.Errorf("scales read back %+v", got.Scales)
		}
		all, _ := s.Instruments()
		if len(all) != 3 || all[0].Key == "" || all[1].Key == "" {
			t.Errorf("built-ins do not come first: %v, %v, %v", all[0].Name, all[1].Name, all[2].Name)
		}

		// Edit: rename, widen a range, reorder, add a scale; kept scales keep their IDs.
		energyID, styleID := got.Scales[0].ID, got.Scales[1].ID
		got.Name = "Team pulse"
		got.Scales[0].Max = 12
		got.Scales = []data.Scale{got.Scales[1], got.Scales[0], {Name: "Reach", Kind: data.Percentile, Orientation: data.SocialOrientation}}
		if err := s.SaveInstrument(&got); err != nil {
			t.Fatal(err)
		}
		edited := instrumentByName(t, s, "Team pulse")
		if len(edited.Scales) != 3 || edited.Scales[0].ID != styleID || edited.Scales[1].ID != energyID ||
			edited.Scales[1].Max != 12 || edited.Scales[2].Max != 100 || edited.Scales[2].ID == 0 {
			t.Errorf("after editing: %+v", edited.Scales)
		}

		// A name another instrument has is refused.
		clash := energyInstrument()
		clash.Name = "TEAM PULSE"
		if err := s.SaveInstrument(&clash); data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "already an instrument called") {
			t.Errorf("duplicate name: %v", err)
		}

		if err := s.RetireInstrument(edited.ID, true); err != nil {
			t.Fatal(err)
		}
		if got := instrumentByName(t, s, "Team pulse"); !got.Retired {
			t.Error("instrument not retired")
		}
		// Editing a retired instrument keeps it retired; bringing it back works.
		edited.Description = "Still useful."
		if err := s.SaveInstrument(&edited); err != nil {
			t.Fatal(err)
		}
		if got := instrumentByName(t, s, "Team pulse"); !got.Retired || got.Description != "Still useful." {
			t.Errorf("after editing a retired instrument: retired %v, description %q", got.Retired, got.Description)
		}
		if err := s.RetireInstrument(edited.ID, false); err != nil {
			t.Fatal(err)
		}
		if got := instrumentByName(t, s, "Team pulse"); got.Retired {
			t.Error("instrument not brought back")
		}
		if err := s.RetireInstrument(9999, true); data.ErrorCode(err) != data.NotFound {
			t.Errorf("retire a missing instrument: %v", err)
		}
	})

	t.Run("built-ins cannot be edited or retired", func(t *testing.T) {
		s := mustOpen(t)
		wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
		wo.Name = "My orientation"
		err := s.SaveInstrument(&wo)
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "built in to Mutua and cannot be changed") {
			t.Errorf("edit built-in: %v", err)
		}
		wo.Key = "" // a copy that lost its key is still refused by its ID
		if err := s.SaveInstrument(&wo); data.ErrorCode(err) != data.Conflict {
			t.Errorf("edit built-in by ID: %v", err)
		}
		err = s.RetireInstrument(wo.ID, true)
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "cannot be retired: pairing reads its results") {
			t.Errorf("retire built-in: %v", err)
		}
		five, _ := s.InstrumentByKey("five-orientations")
		if err := s.RetireInstrument(five.ID, true); data.ErrorCode(err) != data.Conflict {
			t.Errorf("retire the five-orientation questionnaire: %v", err)
		}
		if got, _ := s.InstrumentByKey(data.WorkOrientationKey); got.Name != "Work Orientation (Job / Career / Calling)" || got.Retired {
			t.Errorf("built-in changed: %+v", got)
		}
	})

	t.Run("edits that would break recorded results are refused and change nothing", func(t *testing.T) {
		s := mustOpen(t)
		in := mustSaveInstrument(t, s, energyInstrument())
		ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
		ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
		energy, style := in.Scales[0], in.Scales[1]
		for i, p := range []data.Participant{ana, ben} {
			a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 3, 1+i),
				Values: []data.ScaleValue{{ScaleID: energy.ID, Number: float64(8 + i)}, {ScaleID: style.ID, Category: "Analyst"}}}
			if err := s.SaveAssessment(&a); err != nil {
				t.Fatal(err)
			}
		}
		before := instrumentByName(t, s, in.Name)

		drop := before
		drop.Scales = before.Scales[1:]
		err := s.SaveInstrument(&drop)
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "Energy has 2 results recorded; keep the scale, or retire the whole instrument") {
			t.Errorf("remove a used scale: %v", err)
		}

		narrow := before
		narrow.Scales = append([]data.Scale(nil), before.Scales...)
		narrow.Scales[0].Max = 8
		err = s.SaveInstrument(&narrow)
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "Energy from 1 to 8 would leave 1 result outside the range") {
			t.Errorf("narrow a range: %v", err)
		}

		values := before
		values.Scales = append([]data.Scale(nil), before.Scales...)
		values.Scales[1].Categories = []string{"Driver", "Amiable"}
		err = s.SaveInstrument(&values)
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "Style has 2 results with values no longer in its list (Analyst)") {
			t.Errorf("drop a used category: %v", err)
		}

		kind := before
		kind.Scales = append([]data.Scale(nil), before.Scales...)
		kind.Scales[0].Kind, kind.Scales[0].Categories = data.Category, []string{"Low", "High"}
		if err := s.SaveInstrument(&kind); data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "cannot become a category scale") {
			t.Errorf("change a used scale's kind: %v", err)
		}

		if after := instrumentByName(t, s, in.Name); len(after.Scales) != 2 || after.Scales[0].Max != 10 || len(after.Scales[1].Categories) != 3 {
			t.Errorf("a refused edit changed the instrument: %+v", after.Scales)
		}

		// Widening a used range, and removing a scale nobody used, are fine.
		unused := before
		unused.Scales = append([]data.Scale(nil), before.Scales...)
		unused.Scales = append(unused.Scales, data.Scale{Name: "Spare", Kind: data.Score, Max: 5})
		mustSaveInstrument(t, s, unused)
		wide := instrumentByName(t, s, in.Name)
		wide.Scales = wide.Scales[:2]
		wide.Scales[0].Min, wide.Scales[0].Max = 0, 20
		if err := s.SaveInstrument(&wide); err != nil {
			t.Fatalf("widen a range and remove an unused scale: %v", err)
		}
		history, _ := s.History(ana.ID)
		if len(history) != 1 || len(history[0].Values) != 2 || history[0].Values[0].Number != 8 {
			t.Errorf("results after the edit: %+v", history)
		}
	})

	t.Run("a changed orientation is applied to recorded results", func(t *testing.T) {
		s := mustOpen(t)
		in := mustSaveInstrument(t, s, data.Instrument{Name: "Drive", Scales: []data.Scale{
			{Name: "Purpose", Kind: data.Score, Max: 10},
			{Name: "Status", Kind: data.Score, Max: 10, Orientation: data.CareerOrientation},
		}})
		ana := mustAdd(t, s, data.Participant{Name: "Ana"})
		a := data.Assessment{ParticipantID: ana.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 5, 1),
			Values: []data.ScaleValue{{ScaleID: in.Scales[0].ID, Number: 9}, {ScaleID: in.Scales[1].ID, Number: 4}}}
		if err := s.SaveAssessment(&a); err != nil {
			t.Fatal(err)
		}
		if a.PrimaryOrientation != data.CareerOrientation {
			t.Fatalf("primary orientation %q", a.PrimaryOrientation)
		}
		in.Scales[0].Orientation = data.CallingOrientation
		if err := s.SaveInstrument(&in); err != nil {
			t.Fatal(err)
		}
		if h, _ := s.History(ana.ID); h[0].PrimaryOrientation != data.CallingOrientation {
			t.Errorf("primary orientation after the edit: %q, want calling", h[0].PrimaryOrientation)
		}
	})

	t.Run("two scales can swap names", func(t *testing.T) {
		s := mustOpen(t)
		in := mustSaveInstrument(t, s, energyInstrument())
		in.Scales[0].Name, in.Scales[1].Name = "Style", "Energy"
		if err := s.SaveInstrument(&in); err != nil {
			t.Fatalf("swap names: %v", err)
		}
		got := instrumentByName(t, s, in.Name)
		if got.Scales[0].Name != "Style" || got.Scales[0].Kind != data.Score || got.Scales[1].Name != "Energy" {
			t.Errorf("names after swapping: %s, %s", got.Scales[0].Name, got.Scales[1].Name)
		}
	})
}

func TestSaveAssessments(t *testing.T) {
	s := mustOpen(t)
	wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
	ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
	cara := mustAdd(t, s, data.Participant{Name: "Cara Lind"})
	result := func(p data.Participant, job, career, calling float64) data.Assessment {
		return data.Assessment{ParticipantID: p.ID, InstrumentID: wo.ID, AssessedOn: data.NewDate(2026, 10, 5),
			Values: []data.ScaleValue{{ScaleID: wo.Scales[0].ID, Number: job}, {ScaleID: wo.Scales[1].ID, Number: career}, {ScaleID: wo.Scales[2].ID, Number: calling}}}
	}

	t.Run("one bad value saves nothing and names the participant and scale", func(t *testing.T) {
		list := []data.Assessment{result(ana, 10, 20, 90), result(ben, 50, 120, 30), result(cara, 40, 40, 40)}
		err := s.SaveAssessments(list)
		if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "Ben Okafor: Career must be from 0 to 100, not 120") {
			t.Fatalf("err = %v", err)
		}
		if p := data.Problems(err); len(p) != 1 || p[0].Field != "Career" {
			t.Errorf("problems = %+v", p)
		}
		for _, p := range []data.Participant{ana, ben, cara} {
			if h, _ := s.History(p.ID); len(h) != 0 {
				t.Errorf("%s has %d results after a refused save", p.Name, len(h))
			}
		}
	})

	t.Run("every problem is listed", func(t *testing.T) {
		err := s.SaveAssessments([]data.Assessment{result(ana, -1, 20, 90), result(ben, 50, 20, 101), result(ben, 1, 2, 3)})
		got := problemText(err)
		for _, want := range []string{"3 problems", "Ana Pereira: Job must be from 0 to 100", "Ben Okafor: Calling must be", "Ben Okafor has two results on 5 Oct 2026"} {
			if !strings.Contains(got, want) {
				t.Errorf("%q does not say %q", got, want)
			}
		}
	})

	t.Run("all saved together with their orientations", func(t *testing.T) {
		list := []data.Assessment{result(ana, 10, 20, 90), result(ben, 50, 80, 30), result(cara, 40, 40, 40)}
		if err := s.SaveAssessments(list); err != nil {
			t.Fatal(err)
		}
		if list[0].ID == 0 || list[0].PrimaryOrientation != data.CallingOrientation || list[1].PrimaryOrientation != data.CareerOrientation ||
			list[2].PrimaryOrientation != data.MixedOrientation {
			t.Errorf("saved %+v", list)
		}
		// The same day again replaces, not duplicates.
		again := []data.Assessment{result(ana, 15, 25, 85)}
		if err := s.SaveAssessments(again); err != nil {
			t.Fatal(err)
		}
		h, _ := s.History(ana.ID)
		if len(h) != 1 || h[0].Values[0].Number != 15 {
			t.Errorf("history after re-entering the same day: %+v", h)
		}
	})

	t.Run("a participant who is gone is refused", func(t *testing.T) {
		err := s.SaveAssessments([]data.Assessment{result(data.Participant{ID: 999}, 1, 2, 3)})
		if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "no longer in the practice") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestHistory(t *testing.T) {
	s := mustOpen(t)
	wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
	pulse := mustSaveInstrument(t, s, energyInstrument())
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
	ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor"})
	save := func(p data.Participant, in data.Instrument, on data.Date, values ...data.ScaleValue) {
		t.Helper()
		a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: on, Values: values}
		if err := s.SaveAssessment(&a); err != nil {
			t.Fatal(err)
		}
	}
	woValues := func(job, career, calling float64) []data.ScaleValue {
		return []data.ScaleValue{{ScaleID: wo.Scales[0].ID, Number: job}, {ScaleID: wo.Scales[1].ID, Number: career}, {ScaleID: wo.Scales[2].ID, Number: calling}}
	}
	save(ana, wo, data.NewDate(2026, 2, 9), woValues(15, 40, 85)...)
	save(ana, wo, data.NewDate(2026, 9, 21), woValues(10, 35, 90)...)
	save(ana, pulse, data.NewDate(2026, 5, 1), data.ScaleValue{ScaleID: pulse.Scales[0].ID, Number: 7}, data.ScaleValue{ScaleID: pulse.Scales[1].ID, Category: "Driver"})
	save(ben, wo, data.NewDate(2026, 3, 1), woValues(60, 20, 20)...)

	h, err := s.History(ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, a := range h {
		dates = append(dates, a.AssessedOn.String())
	}
	if strings.Join(dates, " ") != "2026-09-21 2026-05-01 2026-02-09" {
		t.Fatalf("history dates %v, want newest first", dates)
	}
	if h[0].InstrumentID != wo.ID || len(h[0].Values) != 3 || h[0].Values[2].Number != 90 || h[0].PrimaryOrientation != data.CallingOrientation {
		t.Errorf("latest result %+v", h[0])
	}
	if h[1].InstrumentID != pulse.ID || h[1].Values[1].Category != "Driver" {
		t.Errorf("coach instrument result %+v", h[1])
	}
	// A retired instrument's results stay in the history.
	if err := s.RetireInstrument(pulse.ID, true); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(ana.ID); len(h) != 3 {
		t.Errorf("history after retiring has %d results, want 3", len(h))
	}
	if h, _ := s.History(12345); len(h) != 0 {
		t.Errorf("history of nobody: %v", h)
	}
}
