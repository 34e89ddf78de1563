package sqlite

import (
	"context"
	"fmt"

	"mutua/data"
)

// SurveyRecipient is one member of a partnership a survey request has been recorded for.
type SurveyRecipient struct {
	Request     string // the request's id, sealed in the member's form
	Partnership *data.Partnership
	Member      data.Member
}

// CreateSurveyRequests records a survey request for each member of each partnership, due on
// the day the survey fell due (or today), all of them or none, and returns them in order. The
// requests are stored before any form is written, so a form that reaches a participant can
// always be read back.
func (s *Store) CreateSurveyRequests(ctx context.Context, kind data.SurveyKind, partnershipIDs []int64) ([]SurveyRecipient, error) {
	if !kind.Valid() {
		return nil, data.Errorf(data.Invalid, "A survey is a pulse survey or a closing evaluation, not %q.", data.Clip(string(kind)))
	}
	today := s.today()
	var out []SurveyRecipient
	err := s.tx(ctx, func(tx *txn) error {
		out = nil
		intervals, err := pulseIntervals(tx)
		if err != nil {
			return err
		}
		for _, id := range partnershipIDs {
			list, err := s.loadPartnerships(tx, "WHERE ps.id = ?", id)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return data.Errorf(data.NotFound, "A partnership chosen no longer exists, so no survey was written.")
			}
			p := &list[0]
			answers, err := surveyAnswers(tx, `WHERE a.partnership_id = ?`, id)
			if err != nil {
				return err
			}
			due := today
			if k, d, ok := data.SurveyDue(p, intervals[p.CohortID], today, answers); ok && k == kind {
				due = d
			}
			for _, m := range p.Members {
				req := randomHex(16)
				if _, err := tx.Exec(`INSERT INTO survey_requests (id, kind, partnership_id, participant_id, due_on, created_at) VALUES (?,?,?,?,?,?)`,
					req, string(kind), p.ID, m.ParticipantID, due.String(), s.timestamp()); err != nil {
					return fmt.Errorf("record the survey sent: %w", err)
				}
				out = append(out, SurveyRecipient{Request: req, Partnership: p, Member: m})
			}
		}
		return nil
	})
	return out, err
}
