package sqlite

import (
	"context"

	"mutua/data"
)

// CohortPartnerships lists a cohort's partnerships, as Partnerships does.
func (s *Store) CohortPartnerships(ctx context.Context, cohortID int64) ([]data.Partnership, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.loadPartnerships(s.db, "WHERE ps.cohort_id = ?", cohortID)
}

// CohortOrientations counts a cohort's members who are not alumni by the primary orientation
// of their latest Work Orientation result ("" for not assessed).
func (s *Store) CohortOrientations(ctx context.Context, cohortID int64) (map[string]int, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	orientations, err := latestOrientations(s.db)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	err = s.eachPair(`SELECT participant_id, 0 FROM cohort_members m JOIN participants p ON p.id = m.participant_id
		WHERE m.cohort_id = ? AND p.status <> 'alumni'`, func(pid, _ int64) { out[orientations[pid]]++ }, cohortID)
	return out, err
}

// CohortSurveyAnswers reads the pulse and closing answers given in a cohort's partnerships.
func (s *Store) CohortSurveyAnswers(ctx context.Context, cohortID int64) ([]data.SurveyAnswer, error) {
	return surveyAnswers(s.db, `WHERE a.partnership_id IN (SELECT id FROM partnerships WHERE cohort_id = ?)`, cohortID)
}
