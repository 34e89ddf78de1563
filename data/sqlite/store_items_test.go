package sqlite_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

// teamSurvey is a coach's own instrument with a question of every format.
func teamSurvey() data.Instrument {
	return data.Instrument{
		Name: "Team climate", MixedWithin: 5,
		Scales: []data.Scale{
			{Name: "Trust", Kind: data.Score, Min: 1, Max: 5, Scoring: data.ScoreMean, Orientation: data.CallingOrientation},
			{Name: "Pace", Kind: data.Score, Min: 0, Max: 100, Scoring: data.ScorePercent, Orientation: data.JobOrientation},
			{Name: "Team", Kind: data.Category, Categories: []string{"Small", "Large"}},
		},
		Items: []data.Item{
			{Key: "trust-1", Text: "I can say what I think in my team.", Format: data.Agree5, Scale: "Trust", Required: true},
			{Key: "trust-2", Text: "People here hide mistakes.", Format: data.Agree5, Scale: "Trust", Reversed: true},
			{Key: "pace-1", Text: "Do you work late most weeks?", Format: data.YesNo, Scale: "Pace"},
			{Key: "pace-2", Text: "Which describes your week best?", Format: data.Choice, Scale: "Pace",
				Options: []data.ItemOption{{Text: "Calm", Value: 0}, {Text: "Busy", Value: 1}, {Text: "Frantic", Value: 2}}},
			{Key: "hours", Text: "Hours worked last week", Format: data.NumberIn, Min: 0, Max: 80},
		},
	}
}

// mustSaveRead saves in and reads it back from the practice.
func mustSaveRead(t *testing.T, s *sqlite.Store, in data.Instrument) data.Instrument {
	t.Helper()
	return mustInstrument(t, s, mustSaveInstrument(t, s, in).ID)
}

func mustInstrument(t *testing.T, s *sqlite.Store, id int64) data.Instrument {
	t.Helper()
	all, err := s.Instruments()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range all {
		if in.ID == id {
			return in
		}
	}
	t.Fatalf("instrument %d not found", id)
	return data.Instrument{}
}

func scoresByName(in data.Instrument, a data.Assessment) map[string]float64 {
	out := map[string]float64{}
	for _, v := range a.Values {
		for _, sc := range in.Scales {
			if sc.ID == v.ScaleID && sc.Kind != data.Category {
				out[sc.Name] = v.Number
			}
		}
	}
	return out
}

func TestInstrumentItemsRoundTrip(t *testing.T) {
	s := mustOpen(t)
	want := teamSurvey()
	got := mustSaveRead(t, s, want)
	if !reflect.DeepEqual(got.Items, want.Items) {
		t.Errorf("questions read back\n%+v\nwant\n%+v", got.Items, want.Items)
	}
	if got.MixedWithin != 5 || got.Scales[0].Scoring != data.ScoreMean || got.Scales[1].Scoring != data.ScorePercent || got.Scales[2].Scoring != data.NotScored {
		t.Errorf("read back margin %v and rules %q %q %q", got.MixedWithin, got.Scales[0].Scoring, got.Scales[1].Scoring, got.Scales[2].Scoring)
	}

	// Edit: reorder, reword, remove one question, add one, rename a scale the questions feed.
	got.RenameScale("Trust", "Safety")
	got.Items[0], got.Items[1] = got.Items[1], got.Items[0]
	got.Items[0].Text = "People here admit mistakes."
	got.Items[0].Reversed = false
	got.Items = append(got.Items[:4], data.Item{Key: "pace-3", Text: "I have time to think.", Format: data.Agree5, Scale: "Pace", Reversed: true})
	edited := mustSaveRead(t, s, got)
	if !reflect.DeepEqual(edited.Items, got.Items) {
		t.Errorf("edited questions read back\n%+v\nwant\n%+v", edited.Items, got.Items)
	}
	if edited.Items[0].Scale != "Safety" {
		t.Errorf("the reordered question feeds %q, want the renamed scale", edited.Items[0].Scale)
	}

	// Bad question: nothing changes.
	bad := edited.Clone()
	bad.Items[1].Format = data.Choice
	err := s.SaveInstrument(&bad)
	if data.ErrorCode(err) != data.Invalid || !strings.Contains(fmt.Sprint(data.Problems(err)), "no choices") {
		t.Fatalf("a choice question without choices: %v", err)
	}
	if again := mustInstrument(t, s, edited.ID); !reflect.DeepEqual(again.Items, edited.Items) {
		t.Error("a refused edit changed the questions")
	}
}

func TestAnswersSavedAndScored(t *testing.T) {
	s := mustOpen(t)
	in := mustSaveRead(t, s, teamSurvey())
	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"})
	answers := data.ItemAnswers{"trust-1": 5, "trust-2": 1, "pace-1": 1, "pace-2": 0, "hours": 45}
	a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 3, 2), Answers: answers,
		Values: []data.ScaleValue{{ScaleID: in.Scales[2].ID, Category: "Small"}, {ScaleID: in.Scales[0].ID, Number: 1}}}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	saved, err := s.Assessments(p.ID, in.ID)
	if err != nil || len(saved) != 1 {
		t.Fatalf("%d results, %v", len(saved), err)
	}
	if !reflect.DeepEqual(saved[0].Answers, answers) {
		t.Errorf("answers read back %v, want %v", saved[0].Answers, answers)
	}
	scores := scoresByName(in, saved[0])
	if scores["Trust"] != 5 { // 5, and 1 on a reverse-keyed question
		t.Errorf("trust scored %v from the answers, want 5", scores["Trust"])
	}
	// Pace: yes (1 of 0–1) and calm (0 of 0–2): 1 of 3 points above the lowest, 33.33 percent.
	if scores["Pace"] != 33.33 {
		t.Errorf("pace scored %v from the answers, want 33.33", scores["Pace"])
	}
	if len(saved[0].Values) != 3 {
		t.Errorf("values %+v: want the two computed and the typed category", saved[0].Values)
	}
	if h, _ := s.History(p.ID); len(h) != 1 || h[0].Answers == nil {
		t.Errorf("history %+v does not show the result came from answers", h)
	}
	if l, _ := s.LatestAssessments(in.ID); l[p.ID].Answers == nil {
		t.Errorf("latest results %+v do not show the result came from answers", l)
	}

	// An answer out of range is refused and changes nothing.
	bad := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 4, 2),
		Answers: data.ItemAnswers{"trust-1": 9}}
	err = s.SaveAssessment(&bad)
	if data.ErrorCode(err) != data.Invalid || !strings.Contains(data.Message(err), "not 9") {
		t.Fatalf("an answer of 9 on a 1–5 question: %v", err)
	}
	if again, _ := s.Assessments(p.ID, in.ID); len(again) != 1 {
		t.Errorf("a refused result was saved: %d results", len(again))
	}
	missing := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 4, 2),
		Answers: data.ItemAnswers{"pace-1": 1}}
	if err := s.SaveAssessment(&missing); err == nil || !strings.Contains(data.Message(err), "needs an answer") {
		t.Errorf("a required question left blank: %v", err)
	}

	// Scores typed over a result that had answers: the answers go.
	typed := data.Assessment{ID: saved[0].ID, AssessedOn: saved[0].AssessedOn,
		Values: []data.ScaleValue{{ScaleID: in.Scales[0].ID, Number: 2}, {ScaleID: in.Scales[1].ID, Number: 50}}}
	if err := s.CorrectAssessment(&typed); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Assessments(p.ID, in.ID); again[0].Answers != nil || scoresByName(in, again[0])["Pace"] != 50 {
		t.Errorf("after typing scores: answers %v, scores %v", again[0].Answers, scoresByName(in, again[0]))
	}
}

func TestInstrumentEditKeepsAnswers(t *testing.T) {
	s := mustOpen(t)
	in := mustSaveRead(t, s, teamSurvey())
	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"})
	a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 3, 2),
		Answers: data.ItemAnswers{"trust-1": 5, "pace-1": 1, "pace-2": 2}}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	removed := in.Clone()
	removed.Items = removed.Items[1:]
	err := s.SaveInstrument(&removed)
	if data.ErrorCode(err) != data.Conflict || !strings.Contains(data.Message(err), "1 answer recorded") {
		t.Errorf("removing an answered question: %v", err)
	}
	narrowed := in.Clone()
	narrowed.Items[3].Options = narrowed.Items[3].Options[:2]
	if err := s.SaveInstrument(&narrowed); data.ErrorCode(err) != data.Conflict {
		t.Errorf("removing the choice an answer took: %v", err)
	}
	// A new scoring rule scores the recorded answers again; a question made required since
	// leaves the earlier result as it is.
	rescored := in.Clone()
	rescored.Scales[1].Scoring = data.ScoreSum
	rescored.Scales[1].Min, rescored.Scales[1].Max = 0, 100
	rescored.Items[4].Required = true
	if err := s.SaveInstrument(&rescored); err != nil {
		t.Fatal(err)
	}
	saved, _ := s.Assessments(p.ID, in.ID)
	if got := scoresByName(in, saved[0])["Pace"]; got != 3 {
		t.Errorf("pace rescored as the sum: %v, want 3", got)
	}
}

func TestErasureRemovesAnswers(t *testing.T) {
	s := mustOpen(t)
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		t.Fatal(err)
	}
	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"})
	a := data.Assessment{ParticipantID: p.ID, InstrumentID: wo.ID, AssessedOn: data.NewDate(2026, 3, 2), Answers: answerAs(wo, data.CareerOrientation)}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	rec, err := s.PersonRecord(p.ID)
	if err != nil || len(rec.Assessments) != 1 || rec.Assessments[0].Answers["career-1"] != 5 {
		t.Errorf("the person's own record shows no answers: %+v, %v", rec, err)
	}
	res, err := s.Erase(p.ID, false, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(res.Removed), "15 questionnaire answers") {
		t.Errorf("erasure reported %v, want the 15 answers", res.Removed)
	}
	if snap := snapshot(t, s); strings.Contains(snap, `"assessment_answers": [{`) || strings.Contains(snap, `"assessment_answers": [
`) {
		t.Error("answers remain after the participant was erased")
	}
}

// A practice made by the previous version gains the questionnaire on the built-in instrument
// and keeps its typed results.
func TestOldPracticeGainsQuestionnaire(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.mutua")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"0001_practice.sql", "0002_agendas.sql"} {
		step, err := os.ReadFile(filepath.Join("migrations", f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(step)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = 2;
		INSERT INTO participants (id, name, created_at, updated_at) VALUES (1, 'Ana Reyes', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
		INSERT INTO assessments (id, participant_id, instrument_id, assessed_on, primary_orientation, created_at) VALUES (1, 1, 1, '2026-02-01', 'job', '2026-02-01T00:00:00Z');
		INSERT INTO assessment_values (assessment_id, scale_id, number) VALUES (1, 1, 80), (1, 2, 20), (1, 3, 30);`, sqlite.ApplicationID)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for round := 1; round <= 2; round++ { // opening again changes nothing more
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		wo, err := s.InstrumentByKey(data.WorkOrientationKey)
		if err != nil {
			t.Fatal(err)
		}
		q := data.WorkOrientationQuestionnaire()
		if !reflect.DeepEqual(wo.Items, q.Items) || wo.Scales[0].Scoring != data.ScorePercent || wo.Description != q.Description {
			t.Errorf("round %d: the built-in instrument has %d questions, rule %q", round, len(wo.Items), wo.Scales[0].Scoring)
		}
		old, err := s.Assessments(1, wo.ID)
		if err != nil || len(old) != 1 || old[0].Answers != nil || scoresByName(wo, old[0])["Job"] != 80 {
			t.Errorf("round %d: the old result reads %+v, %v", round, old, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: check: %v", round, err)
		}
		s.Close()
	}
}

func TestExportImportKeepsItemsAndAnswers(t *testing.T) {
	s := mustOpen(t)
	fixedClock(s)
	in := mustSaveRead(t, s, teamSurvey())
	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"})
	a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 3, 2),
		Answers: data.ItemAnswers{"trust-1": 4, "pace-1": 0, "pace-2": 1, "hours": 38.5}}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, s)
	copy := mustOpen(t)
	fixedClock(copy)
	if err := copy.ImportAll(strings.NewReader(first), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if second := snapshot(t, copy); second != first {
		t.Error("export → import → export differs")
	}
	back := mustInstrument(t, copy, in.ID)
	if !reflect.DeepEqual(back.Items, in.Items) {
		t.Errorf("imported questions %+v", back.Items)
	}
	got, _ := copy.Assessments(p.ID, in.ID)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Answers, a.Answers) {
		t.Errorf("imported results %+v", got)
	}

	// A file whose answer is out of its question's range is refused, naming it.
	bad := strings.Replace(first, `"value": 38.5`, `"value": 95`, 1)
	if bad == first {
		t.Fatal("the export does not hold the answer 38.5")
	}
	err := mustOpen(t).ImportAll(strings.NewReader(bad), sqlite.ImportOptions{})
	if data.ErrorCode(err) != data.Invalid || !strings.Contains(data.Message(err), "from 0 to 80, not 95") {
		t.Errorf("importing an answer of 95 to a 0–80 question: %v", err)
	}
}

// check reports an answer the question does not accept.
func TestCheckReportsBadAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	in := mustSaveRead(t, s, teamSurvey())
	p := mustAdd(t, s, data.Participant{Name: "Ana Reyes"})
	a := data.Assessment{ParticipantID: p.ID, InstrumentID: in.ID, AssessedOn: data.NewDate(2026, 3, 2),
		Answers: data.ItemAnswers{"trust-1": 4, "pace-2": 1}}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("a sound practice: %v", err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE assessment_answers SET value = 7 WHERE item_id = (SELECT id FROM items WHERE key = 'pace-2')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Check()
	if data.ErrorCode(err) != data.Damaged || !strings.Contains(data.Message(err), "Team climate result of") || !strings.Contains(data.Message(err), "not 7") {
		t.Errorf("check of a practice with an answer of 7 to a choice of 0, 1 or 2: %v", err)
	}
}
