package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mutua/data"
)

// Instruments returns every instrument with its scales, built-ins first.
func (s *Store) Instruments() ([]data.Instrument, error) {
	return loadInstruments(s.db, "")
}

// InstrumentByKey returns the built-in instrument with the given key.
func (s *Store) InstrumentByKey(key string) (data.Instrument, error) {
	return instrumentByKey(s.db, key)
}

func instrumentByKey(q querier, key string) (data.Instrument, error) {
	ins, err := loadInstruments(q, "WHERE key = ?", key)
	if err != nil {
		return data.Instrument{}, err
	}
	if len(ins) == 0 {
		return data.Instrument{}, data.Errorf(data.NotFound, "The instrument %q is missing from this practice.", key)
	}
	return ins[0], nil
}

func loadInstruments(q querier, where string, args ...any) ([]data.Instrument, error) {
	rows, err := q.Query(`SELECT id, key, name, description, retired FROM instruments `+where+` ORDER BY key = '', lower(name), id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read instruments: %w", err)
	}
	var out []data.Instrument
	for rows.Next() {
		var in data.Instrument
		if err := rows.Scan(&in.ID, &in.Key, &in.Name, &in.Description, &in.Retired); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		srows, err := q.Query(`SELECT id, name, kind, min_value, max_value, categories, orientation, description
			FROM scales WHERE instrument_id = ? ORDER BY position, id`, out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("read scales: %w", err)
		}
		for srows.Next() {
			var sc data.Scale
			var cats string
			if err := srows.Scan(&sc.ID, &sc.Name, &sc.Kind, &sc.Min, &sc.Max, &cats, &sc.Orientation, &sc.Description); err != nil {
				srows.Close()
				return nil, err
			}
			sc.Categories = data.SplitTags(cats)
			out[i].Scales = append(out[i].Scales, sc)
		}
		srows.Close()
		if err := srows.Err(); err != nil {
			return nil, err
		}
		if err := loadItems(q, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SaveAssessment checks a's values against the instrument's scales, derives the primary
// orientation and saves it. A second result for the same participant, instrument and date
// replaces the first.
func (s *Store) SaveAssessment(a *data.Assessment) error {
	return s.tx(context.Background(), func(tx *txn) error {
		ins, err := loadInstruments(tx, "WHERE id = ?", a.InstrumentID)
		if err != nil {
			return err
		}
		if len(ins) == 0 {
			return data.Errorf(data.NotFound, "This instrument no longer exists.")
		}
		return s.saveAssessment(tx, &ins[0], a)
	})
}

func (s *Store) saveAssessment(tx *txn, in *data.Instrument, a *data.Assessment) error {
	if err := prepareAssessment(in, a); err != nil {
		return err
	}
	a.InstrumentID = in.ID
	a.PrimaryOrientation = in.PrimaryOrientation(a.Values)
	err := tx.QueryRow(`SELECT id FROM assessments WHERE participant_id = ? AND instrument_id = ? AND assessed_on = ?`,
		a.ParticipantID, a.InstrumentID, a.AssessedOn.String()).Scan(&a.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		now := s.timestamp()
		res, err := tx.Exec(`INSERT INTO assessments (participant_id, instrument_id, assessed_on, primary_orientation, note, created_at)
			VALUES (?,?,?,?,?,?)`, a.ParticipantID, a.InstrumentID, a.AssessedOn.String(), a.PrimaryOrientation, a.Note, now)
		if err != nil {
			return fmt.Errorf("save assessment: %w", err)
		}
		a.ID, _ = res.LastInsertId()
		a.CreatedAt, _ = time.Parse(time.RFC3339, now)
	case err != nil:
		return fmt.Errorf("save assessment: %w", err)
	default:
		// A result typed again on the same day replaces the one saved; a note left empty (the
		// results grid has none) keeps the note it had.
		if _, err := tx.Exec(`UPDATE assessments SET primary_orientation = ?1, note = CASE WHEN ?2 = '' THEN note ELSE ?2 END WHERE id = ?3`,
			a.PrimaryOrientation, a.Note, a.ID); err != nil {
			return fmt.Errorf("save assessment: %w", err)
		}
	}
	return replaceValues(tx, a)
}

// replaceValues writes a result's values in place of those it had.
func replaceValues(tx *txn, a *data.Assessment) error {
	if _, err := tx.Exec(`DELETE FROM assessment_values WHERE assessment_id = ?`, a.ID); err != nil {
		return fmt.Errorf("save assessment: %w", err)
	}
	for _, v := range a.Values {
		if _, err := tx.Exec(`INSERT INTO assessment_values (assessment_id, scale_id, number, category) VALUES (?,?,?,?)`,
			a.ID, v.ScaleID, v.Number, v.Category); err != nil {
			return fmt.Errorf("save assessment: %w", err)
		}
	}
	return replaceAnswers(tx, a)
}

// CorrectAssessment changes a saved result (a.ID): its date, values and note, checked as a
// new result is. The participant and the instrument stay; a date that another result on the
// same instrument already has is refused.
func (s *Store) CorrectAssessment(a *data.Assessment) error {
	return s.tx(context.Background(), func(tx *txn) error {
		err := tx.QueryRow(`SELECT participant_id, instrument_id FROM assessments WHERE id = ?`, a.ID).Scan(&a.ParticipantID, &a.InstrumentID)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.NotFound, "This result no longer exists.")
		} else if err != nil {
			return fmt.Errorf("read assessment: %w", err)
		}
		ins, err := loadInstruments(tx, "WHERE id = ?", a.InstrumentID)
		if err != nil {
			return err
		}
		if len(ins) == 0 {
			return data.Errorf(data.NotFound, "This instrument no longer exists.")
		}
		if err := prepareAssessment(&ins[0], a); err != nil {
			return err
		}
		var other int64
		err = tx.QueryRow(`SELECT id FROM assessments WHERE participant_id = ? AND instrument_id = ? AND assessed_on = ? AND id <> ?`,
			a.ParticipantID, a.InstrumentID, a.AssessedOn.String(), a.ID).Scan(&other)
		switch {
		case err == nil:
			return &data.Error{Code: data.Conflict, Message: fmt.Sprintf("There is already a %s result on %s. Correct that one, or delete one of the two.", ins[0].Name, data.Shown(a.AssessedOn)),
				Problems: []data.Problem{{Field: "assessed_on", Message: "Another result has this date."}}}
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("read assessment: %w", err)
		}
		a.PrimaryOrientation = ins[0].PrimaryOrientation(a.Values)
		if _, err := tx.Exec(`UPDATE assessments SET assessed_on = ?, primary_orientation = ?, note = ? WHERE id = ?`,
			a.AssessedOn.String(), a.PrimaryOrientation, a.Note, a.ID); err != nil {
			return fmt.Errorf("correct assessment: %w", err)
		}
		return replaceValues(tx, a)
	})
}

// DeleteAssessment removes a result and its values; an earlier result, if any, counts again
// as the latest.
func (s *Store) DeleteAssessment(id int64) error {
	defer s.forget()
	return s.updateOne(`DELETE FROM assessments WHERE id = ?`, "This result no longer exists.", id)
}

// checkAssessment returns an Invalid error naming every value out of its scale's range.
func checkAssessment(in *data.Instrument, a *data.Assessment) error {
	var problems []data.Problem
	if a.AssessedOn.IsZero() {
		problems = append(problems, data.Problem{Field: "assessed_on", Message: "An assessment needs the date it was taken."})
	}
	for _, v := range a.Values {
		var scale *data.Scale
		for i := range in.Scales {
			if in.Scales[i].ID == v.ScaleID {
				scale = &in.Scales[i]
			}
		}
		switch {
		case scale == nil:
			problems = append(problems, data.Problem{Message: fmt.Sprintf("A value does not belong to %s.", in.Name)})
		case scale.Kind == data.Category:
			ok := false
			for _, c := range scale.Categories {
				ok = ok || c == v.Category
			}
			if !ok {
				problems = append(problems, data.Problem{Field: scale.Name, Message: fmt.Sprintf("%s must be one of: %s.", scale.Name, data.JoinTags(scale.Categories))})
			}
		default:
			if msg := scale.CheckValue(v.Number); msg != "" {
				problems = append(problems, data.Problem{Field: scale.Name, Message: msg})
			}
		}
	}
	return data.NewInvalid("", problems)
}

// Assessments returns a participant's assessments on one instrument, oldest first.
func (s *Store) Assessments(participantID, instrumentID int64) ([]data.Assessment, error) {
	return s.assessments(`WHERE participant_id = ? AND instrument_id = ? ORDER BY assessed_on, id`,
		`WHERE a.participant_id = ? AND a.instrument_id = ?`, participantID, instrumentID)
}

// AssessmentsOn returns the results on an instrument dated on, by participant.
func (s *Store) AssessmentsOn(instrumentID int64, on data.Date) (map[int64]data.Assessment, error) {
	list, err := s.assessments(`WHERE instrument_id = ? AND assessed_on = ? ORDER BY participant_id, id`,
		`WHERE a.instrument_id = ? AND a.assessed_on = ?`, instrumentID, on.String())
	out := map[int64]data.Assessment{}
	for _, a := range list {
		out[a.ParticipantID] = a
	}
	return out, err
}

// assessments reads the assessments selected (and ordered) by where, with the values
// selected by valuesWhere; both take args.
func (s *Store) assessments(where, valuesWhere string, args ...any) ([]data.Assessment, error) {
	rows, err := s.db.Query(`SELECT id, participant_id, instrument_id, assessed_on, primary_orientation, note, created_at
		FROM assessments `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read assessments: %w", err)
	}
	var out []data.Assessment
	for rows.Next() {
		var a data.Assessment
		var created string
		if err := rows.Scan(&a.ID, &a.ParticipantID, &a.InstrumentID, &a.AssessedOn, &a.PrimaryOrientation, &a.Note, &created); err != nil {
			rows.Close()
			return nil, err
		}
		a.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	values, err := s.assessmentValues(valuesWhere, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Values = values[out[i].ID]
	}
	if err := s.attachAnswers(out, valuesWhere, args...); err != nil {
		return nil, err
	}
	return out, nil
}

// LatestAssessments returns, for every participant assessed with the instrument, their
// latest assessment on it.
func (s *Store) LatestAssessments(instrumentID int64) (map[int64]data.Assessment, error) {
	rows, err := s.db.Query(`SELECT id, participant_id, assessed_on, primary_orientation, note FROM assessments
		WHERE instrument_id = ? ORDER BY participant_id, assessed_on, id`, instrumentID)
	if err != nil {
		return nil, fmt.Errorf("read assessments: %w", err)
	}
	out := map[int64]data.Assessment{}
	for rows.Next() {
		a := data.Assessment{InstrumentID: instrumentID}
		if err := rows.Scan(&a.ID, &a.ParticipantID, &a.AssessedOn, &a.PrimaryOrientation, &a.Note); err != nil {
			rows.Close()
			return nil, err
		}
		out[a.ParticipantID] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	values, err := s.assessmentValues(`WHERE a.instrument_id = ?`, instrumentID)
	if err != nil {
		return nil, err
	}
	answers, err := loadAnswers(s.db, `WHERE a.instrument_id = ?`, instrumentID)
	if err != nil {
		return nil, err
	}
	for id, a := range out {
		a.Values = values[a.ID]
		a.Answers = answers[a.ID]
		out[id] = a
	}
	return out, nil
}

// assessmentValues reads the values of the assessments selected by where, keyed by assessment.
func (s *Store) assessmentValues(where string, args ...any) (map[int64][]data.ScaleValue, error) {
	rows, err := s.db.Query(`SELECT v.assessment_id, v.scale_id, coalesce(v.number, 0), v.category
		FROM assessment_values v JOIN assessments a ON a.id = v.assessment_id
		JOIN scales sc ON sc.id = v.scale_id `+where+` ORDER BY v.assessment_id, sc.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read assessment values: %w", err)
	}
	defer rows.Close()
	out := map[int64][]data.ScaleValue{}
	for rows.Next() {
		var id int64
		var v data.ScaleValue
		if err := rows.Scan(&id, &v.ScaleID, &v.Number, &v.Category); err != nil {
			return nil, err
		}
		out[id] = append(out[id], v)
	}
	return out, rows.Err()
}
