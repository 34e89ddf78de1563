package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"mutua/data"
	"mutua/data/pairing"
)

// SetCohortRules saves the preset, the rules and what happens to an odd person for a cohort.
func (s *Store) SetCohortRules(cohortID int64, preset string, rules pairing.Rules, odd data.OddPerson) error {
	if msg := rules.Check(); msg != "" {
		return data.Errorf(data.Invalid, "%s", msg)
	}
	c, err := s.Cohort(cohortID)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(rules)
	if err != nil {
		return err
	}
	c.PairingPreset, c.PairingRules, c.OddPerson = preset, string(raw), odd
	return s.SaveCohort(&c)
}

// CohortPeople reads the cohort's active members as pairing sees them, and names those
// left out because they are paused or alumni.
func (s *Store) CohortPeople(ctx context.Context, cohortID int64) ([]pairing.Person, []string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+participantColumns+`,
		(SELECT count(*) FROM partnership_members pm JOIN partnerships ps ON ps.id = pm.partnership_id
		 WHERE pm.participant_id = p.id AND ps.status = 'active')
		FROM participants p JOIN cohort_members m ON m.participant_id = p.id AND m.cohort_id = ? ORDER BY p.id`, cohortID)
	if err != nil {
		return nil, nil, fmt.Errorf("read cohort members: %w", err)
	}
	var people []pairing.Person
	var inactive []string
	index := map[int64]int{}
	for rows.Next() {
		var part data.Participant
		var busy int
		var created, updated string
		err := rows.Scan(&part.ID, &part.Name, &part.Email, &part.Phone, &part.Title, &part.Company, &part.Industry,
			&part.Function, &part.Seniority, &part.YearsExperience, &part.BirthYear, &part.Location, &part.TimeZone,
			&part.Goals, &part.Capacity, &part.Status, &part.PrivateNotes, &created, &updated, &busy)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read cohort members: %w", err)
		}
		if part.Status != data.Active {
			inactive = append(inactive, fmt.Sprintf("%s (%s)", part.Name, part.Status))
			continue
		}
		index[part.ID] = len(people)
		people = append(people, pairing.Person{ID: part.ID, Name: part.Name, Email: part.Email, Company: part.Company,
			Industry: part.Industry, Function: part.Function, Seniority: part.Seniority, BirthYear: part.BirthYear,
			Free: part.Capacity - busy})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	err = loadTags(s.db, `WHERE participant_id IN (SELECT participant_id FROM cohort_members WHERE cohort_id = ?)`, []any{cohortID},
		func(id int64, strength bool, tag string) {
			if i, ok := index[id]; ok {
				if strength {
					people[i].Strengths = append(people[i].Strengths, tag)
				} else {
					people[i].Development = append(people[i].Development, tag)
				}
			}
		})
	if err != nil {
		return nil, nil, err
	}
	return people, inactive, nil
}

// OrientationProfiles returns each participant's latest Work Orientation result (the one the
// roster and the participant page show), as shares of each scale's range.
func (s *Store) OrientationProfiles(ctx context.Context) (map[int64]pairing.OrientationProfile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.participant_id, a.id, a.primary_orientation, sc.orientation, v.number, sc.min_value, sc.max_value
		FROM assessments a
		JOIN instruments i ON i.id = a.instrument_id AND i.key = ?
		JOIN assessment_values v ON v.assessment_id = a.id AND v.number IS NOT NULL
		JOIN scales sc ON sc.id = v.scale_id AND sc.orientation <> '' AND sc.kind <> 'category'
		ORDER BY a.participant_id, a.assessed_on, a.id`, data.WorkOrientationKey)
	if err != nil {
		return nil, fmt.Errorf("read orientations: %w", err)
	}
	defer rows.Close()
	out := map[int64]pairing.OrientationProfile{}
	latest := map[int64]int64{}
	for rows.Next() {
		var pid, aid int64
		var primary, orientation string
		var v, lo, hi float64
		if err := rows.Scan(&pid, &aid, &primary, &orientation, &v, &lo, &hi); err != nil {
			return nil, fmt.Errorf("read orientations: %w", err)
		}
		if latest[pid] != aid { // a later assessment replaces the earlier one
			latest[pid] = aid
			out[pid] = pairing.OrientationProfile{Shares: map[string]float64{}, Primary: primary}
		}
		if hi > lo {
			out[pid].Shares[orientation] = (v - lo) / (hi - lo)
		}
	}
	return out, rows.Err()
}

// PastPairs returns every pair of people who have been partners, with when they started.
func (s *Store) PastPairs(ctx context.Context) ([]pairing.Past, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.participant_id, b.participant_id, ps.started_on FROM partnerships ps
		JOIN partnership_members a ON a.partnership_id = ps.id
		JOIN partnership_members b ON b.partnership_id = ps.id AND b.participant_id > a.participant_id`)
	if err != nil {
		return nil, fmt.Errorf("read past partnerships: %w", err)
	}
	defer rows.Close()
	var out []pairing.Past
	for rows.Next() {
		var p pairing.Past
		var started data.Date
		if err := rows.Scan(&p.A, &p.B, &started); err != nil {
			return nil, err
		}
		p.Started = started.Time()
		out = append(out, p)
	}
	return out, rows.Err()
}
