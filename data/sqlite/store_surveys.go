package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mutua/data"
	"mutua/forms"
)

// Pulse and closing surveys: requests sent as forms, answers read back (see data/survey.go).
//
// How the one import of returned forms (Import answers…, mutua import forms) takes them: it
// reads each file with forms.Read and finds the request's kind (SurveyRequestKind gives
// "pulse" or "closing" for a survey's request id); for these kinds it calls PreviewSurvey,
// which checks the form and says what it would store; on the coach's word it stores the
// previews' answers with ApplySurveys (a batch, all or none), or, inside its own transaction
// with other kinds of form, with applySurveyAnswer for each.

// PulseEvery returns how many days apart a cohort's pulse surveys fall due.
func (s *Store) PulseEvery(ctx context.Context, cohortID int64) (int, error) {
	days := data.DefaultPulseEveryDays
	err := s.db.QueryRowContext(ctx, `SELECT pulse_every_days FROM cohort_survey_settings WHERE cohort_id = ?`, cohortID).Scan(&days)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("read the pulse interval: %w", err)
	}
	return days, nil
}

// SetPulseEvery sets how many days apart a cohort's pulse surveys fall due (1 to 365).
func (s *Store) SetPulseEvery(ctx context.Context, cohortID int64, days int) error {
	if days < 1 || days > data.MaxPulseEveryDays {
		return data.Errorf(data.Invalid, "A pulse survey is sent every 1 to %d days.", data.MaxPulseEveryDays)
	}
	return s.tx(ctx, func(tx *txn) error {
		if _, err := s.cohortTx(tx, cohortID); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO cohort_survey_settings (cohort_id, pulse_every_days) VALUES (?, ?)
			ON CONFLICT (cohort_id) DO UPDATE SET pulse_every_days = excluded.pulse_every_days`, cohortID, days)
		return err
	})
}

// cohortTx checks that a cohort exists, inside a write.
func (s *Store) cohortTx(tx *txn, cohortID int64) (string, error) {
	var name string
	err := tx.QueryRow(`SELECT name FROM cohorts WHERE id = ?`, cohortID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", data.Errorf(data.NotFound, "This cohort no longer exists.")
	}
	return name, err
}

// pulseIntervals reads every cohort's pulse interval that is not the default.
func pulseIntervals(q querier) (map[int64]int, error) {
	rows, err := q.Query(`SELECT cohort_id, pulse_every_days FROM cohort_survey_settings`)
	if err != nil {
		return nil, fmt.Errorf("read the pulse intervals: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var days int
		if err := rows.Scan(&id, &days); err != nil {
			return nil, err
		}
		out[id] = days
	}
	return out, rows.Err()
}

// surveyAnswers reads survey answers with their member's name and the request's due day.
func surveyAnswers(q querier, where string, args ...any) ([]data.SurveyAnswer, error) {
	rows, err := q.Query(`SELECT a.request_id, a.kind, a.partnership_id, a.participant_id, p.name, r.due_on, a.answered_on,
		a.productive, a.learned, a.change, a.recommend, a.continues, a.free_text, a.visibility
		FROM survey_answers a JOIN survey_requests r ON r.id = a.request_id JOIN participants p ON p.id = a.participant_id `+where+`
		ORDER BY a.answered_on DESC, p.name, a.request_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read survey answers: %w", err)
	}
	defer rows.Close()
	var out []data.SurveyAnswer
	for rows.Next() {
		var a data.SurveyAnswer
		if err := rows.Scan(&a.RequestID, &a.Kind, &a.PartnershipID, &a.ParticipantID, &a.ParticipantName, &a.DueOn, &a.AnsweredOn,
			&a.Productive, &a.Learned, &a.Change, &a.Recommend, &a.Continues, &a.FreeText, &a.Visibility); err != nil {
			return nil, fmt.Errorf("read survey answers: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SurveyAnswers lists a partnership's survey answers, newest first.
func (s *Store) SurveyAnswers(ctx context.Context, partnershipID int64) ([]data.SurveyAnswer, error) {
	return surveyAnswers(s.db, `WHERE a.partnership_id = ?`, partnershipID)
}

// SurveysDue lists a cohort's partnerships for which the given survey is due today: their
// latest pulse not answered yet, or their planned end reached without a closing evaluation.
func (s *Store) SurveysDue(ctx context.Context, cohortID int64, kind data.SurveyKind, today data.Date) ([]data.Partnership, error) {
	list, err := s.loadPartnerships(s.db, "WHERE ps.cohort_id = ?", cohortID)
	if err != nil {
		return nil, err
	}
	every, err := s.PulseEvery(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	answers, err := surveyAnswers(s.db, `WHERE a.partnership_id IN (SELECT id FROM partnerships WHERE cohort_id = ?)`, cohortID)
	if err != nil {
		return nil, err
	}
	var out []data.Partnership
	for i := range list {
		if k, _, ok := data.SurveyDue(&list[i], every, today, answers); ok && k == kind {
			out = append(out, list[i])
		}
	}
	return out, nil
}

// SurveyRequestKind tells the import which kind of form a returned form id's request is:
// "pulse" or "closing" for a survey, "" when the request is not a survey's (or no longer exists).
func (s *Store) SurveyRequestKind(ctx context.Context, requestID string) (data.SurveyKind, error) {
	var kind data.SurveyKind
	err := s.db.QueryRowContext(ctx, `SELECT kind FROM survey_requests WHERE id = ?`, requestID).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return kind, err
}

// SurveyPreview is what a returned survey would store, for the coach to see before it is.
type SurveyPreview struct {
	Answer      data.SurveyAnswer // ready for ApplySurveys
	Person      string            // who answered
	Partnership string            // the members' names
	Replaces    bool              // this form was read before: applying replaces the answer stored then
}

// PreviewSurvey checks a returned pulse or closing survey (read with forms.Read, so its id is
// this practice's and unedited) and says what it would store, changing nothing. The error is
// in plain words: a form for a partnership or person since deleted (NotFound), a form whose
// person is not the request's, or answers missing or out of range (Invalid, by field).
func (s *Store) PreviewSurvey(ctx context.Context, returned forms.Returned) (SurveyPreview, error) {
	var req data.SurveyRequest
	err := s.db.QueryRowContext(ctx, `SELECT id, kind, partnership_id, participant_id, due_on FROM survey_requests WHERE id = ?`,
		returned.ID.Request).Scan(&req.ID, &req.Kind, &req.PartnershipID, &req.ParticipantID, &req.DueOn)
	if errors.Is(err, sql.ErrNoRows) {
		return SurveyPreview{}, data.Errorf(data.NotFound, "This survey was sent for a partnership or a person no longer in the practice, so its answers cannot be kept.")
	}
	if err != nil {
		return SurveyPreview{}, fmt.Errorf("read the survey request: %w", err)
	}
	if req.ParticipantID != returned.ID.Person {
		return SurveyPreview{}, data.Errorf(data.Invalid, "This survey's form id names another person than the one it was sent to.")
	}
	var prev SurveyPreview
	list, err := s.loadPartnerships(s.db, "WHERE ps.id = ?", req.PartnershipID)
	if err != nil {
		return SurveyPreview{}, err
	}
	if len(list) == 0 {
		return SurveyPreview{}, data.Errorf(data.NotFound, "This survey's partnership no longer exists.")
	}
	prev.Partnership = list[0].Names(" + ")
	if m := list[0].Member(req.ParticipantID); m != nil {
		prev.Person = m.Name
	} else if err := s.db.QueryRowContext(ctx, `SELECT name FROM participants WHERE id = ?`, req.ParticipantID).Scan(&prev.Person); err != nil {
		return SurveyPreview{}, data.Errorf(data.NotFound, "This survey was sent to a person no longer in the practice.")
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM survey_answers WHERE request_id = ?`, req.ID).Scan(&n); err != nil {
		return SurveyPreview{}, err
	}
	prev.Replaces = n > 0
	a, problems := data.ParseSurveyAnswer(req, s.today(), returned.Value)
	a.ParticipantName = prev.Person
	prev.Answer = a
	if len(problems) == 0 {
		if err := a.Validate(); err != nil {
			return prev, err
		}
	}
	return prev, data.NewInvalid(fmt.Sprintf("%s's %s cannot be kept as it is.", prev.Person, lower(req.Kind.Label())), problems)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// ApplySurveys stores returned survey answers, all or none: an answer to a request answered
// before replaces the earlier one (the form was returned again).
func (s *Store) ApplySurveys(ctx context.Context, answers []data.SurveyAnswer) error {
	for i := range answers {
		answers[i].Tidy()
		if err := answers[i].Validate(); err != nil {
			return err
		}
	}
	now := s.timestamp()
	return s.tx(ctx, func(tx *txn) error {
		for _, a := range answers {
			if err := applySurveyAnswer(tx, a, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// applySurveyAnswer checks one answer and stores it inside a write, replacing an earlier answer to
// the same request. The import of returned forms calls it in its own transaction.
func applySurveyAnswer(tx *txn, a data.SurveyAnswer, now string) error {
	a.Tidy()
	if err := a.Validate(); err != nil {
		return err
	}
	var kind data.SurveyKind
	var partnership, person int64
	err := tx.QueryRow(`SELECT kind, partnership_id, participant_id FROM survey_requests WHERE id = ?`, a.RequestID).Scan(&kind, &partnership, &person)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.NotFound, "A survey was sent for a partnership or a person no longer in the practice, so no answers were kept.")
	}
	if err != nil {
		return err
	}
	if kind != a.Kind || partnership != a.PartnershipID || person != a.ParticipantID {
		return data.Errorf(data.Invalid, "A survey answer does not match the survey that was sent, so no answers were kept.")
	}
	if _, err := tx.Exec(`INSERT INTO survey_answers (request_id, participant_id, partnership_id, kind, answered_on, productive,
		learned, change, recommend, continues, free_text, visibility, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (request_id) DO UPDATE SET answered_on = excluded.answered_on, productive = excluded.productive,
		learned = excluded.learned, change = excluded.change, recommend = excluded.recommend, continues = excluded.continues,
		free_text = excluded.free_text, visibility = excluded.visibility, created_at = excluded.created_at`,
		a.RequestID, a.ParticipantID, a.PartnershipID, string(a.Kind), a.AnsweredOn.String(), a.Productive,
		a.Learned, a.Change, a.Recommend, a.Continues, a.FreeText, string(a.Visibility), now); err != nil {
		return fmt.Errorf("store a survey answer: %w", err)
	}
	return nil
}
