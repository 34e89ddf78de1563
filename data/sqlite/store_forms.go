package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"mutua/data"
)

// Storage of the questionnaires sent as fillable PDF forms: the practice's form identity (an
// id printed in every form and a secret key that seals it) and one request per person and
// sending, so a returned form is matched by its request and applied once.

// Settings keys of the form identity. The key stays in the practice file: it is never part of
// a person's record, and whoever holds it could make forms this practice would accept.
const (
	settingFormsPractice = "forms_practice_id"
	settingFormsKey      = "forms_key"
)

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on the systems Mutua runs on
	}
	return hex.EncodeToString(b)
}

// FormIdentity returns the practice's form id and the secret key that seals its forms,
// making them the first time they are asked for.
func (s *Store) FormIdentity(ctx context.Context) (practice string, key []byte, err error) {
	read := func(q querier) (string, string, error) {
		var p, k string
		err := q.QueryRow(`SELECT (SELECT value FROM settings WHERE key = ?), (SELECT value FROM settings WHERE key = ?)`,
			settingFormsPractice, settingFormsKey).Scan(nullable(&p), nullable(&k))
		return p, k, err
	}
	p, k, err := read(s.db)
	if err != nil {
		return "", nil, storageError(fmt.Errorf("read the form identity: %w", err))
	}
	if p == "" || len(k) < 32 {
		err = s.tx(ctx, func(tx *txn) error {
			if p, k, err = read(tx); err != nil || (p != "" && len(k) >= 32) {
				return err
			}
			p, k = randomHex(12), randomHex(32)
			for key, v := range map[string]string{settingFormsPractice: p, settingFormsKey: k} {
				if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", nil, err
		}
	}
	key, err = hex.DecodeString(k)
	if err != nil {
		return "", nil, storageError(fmt.Errorf("the form key does not read: %w", err))
	}
	return p, key, nil
}

// CreateFormRequests saves one request per form about to be written, giving each its random
// ID and its creation time: all of them or none.
func (s *Store) CreateFormRequests(ctx context.Context, list []data.FormRequest) error {
	return s.tx(ctx, func(tx *txn) error {
		now := s.timestamp()
		created, _ := time.Parse(time.RFC3339, now)
		sending := randomHex(12)
		for i := range list {
			r := &list[i]
			if r.Kind == "" || r.ParticipantID == 0 {
				return data.Errorf(data.Invalid, "A form request needs its kind and its person.")
			}
			r.ID, r.CreatedAt = randomHex(12), created
			if _, err := tx.Exec(`INSERT INTO form_requests (id, sending, kind, participant_id, instrument_id, cohort_id, file_name, created_at)
				VALUES (?,?,?,?,?,?,?,?)`, r.ID, sending, r.Kind, r.ParticipantID, nullID(r.InstrumentID), nullID(r.CohortID), r.FileName, now); err != nil {
				return fmt.Errorf("save the form request of participant %d: %w", r.ParticipantID, err)
			}
		}
		return nil
	})
}

const formRequestColumns = `id, kind, coalesce(participant_id, 0), coalesce(instrument_id, 0), coalesce(cohort_id, 0),
	file_name, created_at, returned_at, coalesce(assessment_id, 0)`

func scanFormRequest(row interface{ Scan(...any) error }) (data.FormRequest, error) {
	var r data.FormRequest
	var created, returned string
	err := row.Scan(&r.ID, &r.Kind, &r.ParticipantID, &r.InstrumentID, &r.CohortID, &r.FileName, &created, &returned, &r.AssessmentID)
	r.CreatedAt, _ = time.Parse(time.RFC3339, created)
	if returned != "" {
		r.ReturnedAt, _ = time.Parse(time.RFC3339, returned)
	}
	return r, err
}

// FormRequest returns the request with the given id; a NotFound *data.Error when the practice
// never sent it.
func (s *Store) FormRequest(ctx context.Context, id string) (data.FormRequest, error) {
	r, err := scanFormRequest(s.db.QueryRowContext(ctx, `SELECT `+formRequestColumns+` FROM form_requests WHERE id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return r, data.Errorf(data.NotFound, "This practice has no record of sending this questionnaire.")
	case err != nil:
		return r, storageError(fmt.Errorf("read form request: %w", err))
	}
	return r, nil
}

// FormRequests returns the requests sent to a participant, newest first.
func (s *Store) FormRequests(ctx context.Context, participantID int64) ([]data.FormRequest, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+formRequestColumns+` FROM form_requests WHERE participant_id = ? ORDER BY created_at DESC, rowid DESC`, participantID)
	if err != nil {
		return nil, storageError(fmt.Errorf("read form requests: %w", err))
	}
	defer rows.Close()
	var out []data.FormRequest
	for rows.Next() {
		r, err := scanFormRequest(rows)
		if err != nil {
			return nil, storageError(err)
		}
		out = append(out, r)
	}
	return out, storageError(rows.Err())
}

// ApplyFormReturns stores what returned forms change, all of them or none: each request must
// still be out (a form already imported is refused: its result is corrected on the person's
// page instead) and its person still in the practice. Each new result is scored from its
// answers; each profile is checked as the roster checks it. Problems name the person.
func (s *Store) ApplyFormReturns(ctx context.Context, list []data.FormReturn) error {
	return s.tx(ctx, func(tx *txn) error {
		var problems []data.Problem
		seen := map[string]bool{}
		instruments := map[int64]*data.Instrument{}
		now := s.timestamp()
		for i := range list {
			ret := &list[i]
			if ret.Survey != nil {
				if seen[ret.RequestID] {
					problems = append(problems, data.Problem{Message: ret.Survey.ParticipantName + ": the same survey is in the batch twice; keep one."})
					continue
				}
				seen[ret.RequestID] = true
				if err := applySurveyAnswer(tx, *ret.Survey, now); err != nil {
					return err
				}
				continue
			}
			req, err := scanFormRequest(tx.QueryRow(`SELECT `+formRequestColumns+` FROM form_requests WHERE id = ?`, ret.RequestID))
			if errors.Is(err, sql.ErrNoRows) {
				problems = append(problems, data.Problem{Message: "A questionnaire this practice has no record of sending."})
				continue
			} else if err != nil {
				return fmt.Errorf("read form request: %w", err)
			}
			var name string
			if req.ParticipantID != 0 {
				if err := tx.QueryRow(`SELECT name FROM participants WHERE id = ?`, req.ParticipantID).Scan(&name); err != nil {
					return fmt.Errorf("read participant: %w", err)
				}
			}
			switch {
			case seen[req.ID]:
				problems = append(problems, data.Problem{Message: name + ": the same questionnaire is in the batch twice; keep one."})
				continue
			case req.ParticipantID == 0:
				problems = append(problems, data.Problem{Message: "A questionnaire for someone since deleted from the practice."})
				continue
			case req.Returned():
				problems = append(problems, data.Problem{Message: fmt.Sprintf("%s: this questionnaire was already imported on %s.", name, data.Shown(data.DateOf(req.ReturnedAt.Local())))})
				continue
			}
			seen[req.ID] = true
			if a := ret.Assessment; a != nil {
				in, ok := instruments[a.InstrumentID]
				if !ok {
					found, err := loadInstruments(tx, "WHERE id = ?", a.InstrumentID)
					if err != nil {
						return err
					}
					if len(found) == 0 {
						problems = append(problems, data.Problem{Message: name + ": the questionnaire's instrument no longer exists."})
						continue
					}
					in = &found[0]
					instruments[a.InstrumentID] = in
				}
				a.ParticipantID = req.ParticipantID
				for _, p := range data.Problems(prepareAssessment(in, a)) {
					p.Message = name + ": " + p.Message
					problems = append(problems, p)
				}
			}
			if p := ret.Profile; p != nil {
				// the profile as read for the preview: a change made since would be lost
				var updated string
				if err := tx.QueryRow(`SELECT updated_at FROM participants WHERE id = ?`, req.ParticipantID).Scan(&updated); err != nil {
					return fmt.Errorf("read participant: %w", err)
				}
				if !p.UpdatedAt.IsZero() && updated != p.UpdatedAt.UTC().Format(time.RFC3339) {
					problems = append(problems, data.Problem{Message: name + ": the profile was changed after these answers were read; import them again to see the changes against it."})
					continue
				}
				p.ID = req.ParticipantID
				p.Normalize()
				for _, pr := range data.Problems(p.Validate()) {
					pr.Message = name + ": " + pr.Message
					problems = append(problems, pr)
				}
			}
		}
		if err := data.Refusal(data.Invalid, fmt.Sprintf("%d problems in the returned questionnaires; nothing was imported", len(problems)), problems); err != nil {
			return err
		}
		for i := range list {
			ret := &list[i]
			if ret.Profile != nil {
				if err := s.saveParticipant(tx, ret.Profile); err != nil {
					return err
				}
			}
			var assessment any
			if a := ret.Assessment; a != nil {
				if err := s.saveAssessment(tx, instruments[a.InstrumentID], a); err != nil {
					return err
				}
				assessment = nullID(a.ID)
			}
			if _, err := tx.Exec(`UPDATE form_requests SET returned_at = ?, assessment_id = ? WHERE id = ?`, now, assessment, ret.RequestID); err != nil {
				return fmt.Errorf("mark the questionnaire returned: %w", err)
			}
		}
		return nil
	})
}

// FormsStillOut returns, in name order, the people whose questionnaires from the same sendings
// as the given requests (those sent together) have not come back.
func (s *Store) FormsStillOut(ctx context.Context, requestIDs []string) ([]string, error) {
	if len(requestIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(requestIDs))
	marks := make([]string, len(requestIDs))
	for i, id := range requestIDs {
		args[i], marks[i] = id, "?"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.name FROM form_requests r JOIN participants p ON p.id = r.participant_id
		WHERE r.returned_at = '' AND r.sending IN (SELECT sending FROM form_requests WHERE id IN (`+strings.Join(marks, ",")+`))
		GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id`, args...)
	if err != nil {
		return nil, storageError(fmt.Errorf("read the questionnaires still out: %w", err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, storageError(err)
		}
		out = append(out, name)
	}
	return out, storageError(rows.Err())
}
