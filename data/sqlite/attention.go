package sqlite

import (
	"fmt"

	"mutua/data"
)

// Attention lists what needs the coach's attention on the given day (see data.Attention).
func (s *Store) Attention(today data.Date, inactiveDays int) ([]data.AttentionItem, error) {
	list, err := s.Partnerships()
	if err != nil {
		return nil, err
	}
	overdue, err := loadActionItems(s.db, `JOIN partnerships ps ON ps.id = a.partnership_id AND ps.status = 'active'
		WHERE a.done_on = '' AND a.due_on <> '' AND a.due_on < ?`, today.String())
	if err != nil {
		return nil, err
	}
	unassessed, err := s.unassessed()
	if err != nil {
		return nil, err
	}
	every, err := pulseIntervals(s.db)
	if err != nil {
		return nil, err
	}
	answers, err := surveyAnswers(s.db, `JOIN partnerships ps ON ps.id = a.partnership_id AND ps.status = 'active'`)
	if err != nil {
		return nil, err
	}
	items := append(data.Attention(today, inactiveDays, list, overdue, unassessed), data.PulseAttention(today, list, every, answers, 0)...)
	data.SortAttention(items)
	return items, nil
}

// unassessed lists active participants with no assessment at all, once for each cohort
// they are in, by cohort name and then name.
func (s *Store) unassessed() ([]data.Unassessed, error) {
	rows, err := s.db.Query(`SELECT p.id, p.name, coalesce(c.id, 0), coalesce(c.name, '') FROM participants p
		LEFT JOIN cohort_members m ON m.participant_id = p.id LEFT JOIN cohorts c ON c.id = m.cohort_id
		WHERE p.status = 'active' AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.participant_id = p.id)
		ORDER BY c.name, p.name`)
	if err != nil {
		return nil, fmt.Errorf("read participants without assessment: %w", err)
	}
	defer rows.Close()
	var out []data.Unassessed
	for rows.Next() {
		var u data.Unassessed
		if err := rows.Scan(&u.ParticipantID, &u.Name, &u.CohortID, &u.CohortName); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
