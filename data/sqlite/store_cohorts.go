package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"mutua/data"
)

const cohortColumns = `c.id, c.name, c.starts_on, c.ends_on, c.cadence, c.pairing_preset, c.pairing_rules,
	c.odd_person, c.created_at, (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id)`

func scanCohort(row interface{ Scan(...any) error }, c *data.Cohort) error {
	var created string
	err := row.Scan(&c.ID, &c.Name, &c.StartsOn, &c.EndsOn, &c.Cadence, &c.PairingPreset,
		&c.PairingRules, &c.OddPerson, &created, &c.Members)
	c.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return err
}

// Cohorts returns every cohort in name order.
func (s *Store) Cohorts() ([]data.Cohort, error) {
	rows, err := s.db.Query(`SELECT ` + cohortColumns + ` FROM cohorts c ORDER BY lower(c.name), c.id`)
	if err != nil {
		return nil, fmt.Errorf("read cohorts: %w", err)
	}
	defer rows.Close()
	var out []data.Cohort
	for rows.Next() {
		var c data.Cohort
		if err := scanCohort(rows, &c); err != nil {
			return nil, fmt.Errorf("read cohorts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Cohort returns the cohort with the given ID.
func (s *Store) Cohort(id int64) (data.Cohort, error) {
	var c data.Cohort
	err := scanCohort(s.db.QueryRow(`SELECT `+cohortColumns+` FROM cohorts c WHERE c.id = ?`, id), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, data.Errorf(data.NotFound, "This cohort no longer exists.")
	}
	return c, err
}

// CohortByName returns the cohort with the given name (any letter case).
func (s *Store) CohortByName(name string) (data.Cohort, error) {
	var c data.Cohort
	err := scanCohort(s.db.QueryRow(`SELECT `+cohortColumns+` FROM cohorts c WHERE lower(c.name) = lower(?)`,
		strings.Join(strings.Fields(name), " ")), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, data.Errorf(data.NotFound, "There is no cohort called %q.", name)
	}
	return c, err
}

// SaveCohort validates c and saves it, as a new cohort when its ID is 0.
func (s *Store) SaveCohort(c *data.Cohort) error {
	return s.tx(context.Background(), func(tx *txn) error { return s.saveCohort(tx, c) })
}

func (s *Store) saveCohort(tx *txn, c *data.Cohort) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	var other int64
	err := tx.QueryRow(`SELECT id FROM cohorts WHERE lower(name) = lower(?) AND id <> ?`, c.Name, c.ID).Scan(&other)
	if err == nil {
		return &data.Error{Code: data.Conflict, Message: fmt.Sprintf("There is already a cohort called %q.", c.Name),
			Problems: []data.Problem{{Field: "name", Message: "Another cohort has this name."}}}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("check cohort name: %w", err)
	}
	if c.ID == 0 {
		now := s.timestamp()
		res, err := tx.Exec(`INSERT INTO cohorts (name, starts_on, ends_on, cadence, pairing_preset, pairing_rules,
			odd_person, created_at) VALUES (?,?,?,?,?,?,?,?)`,
			c.Name, c.StartsOn.String(), c.EndsOn.String(), c.Cadence, c.PairingPreset, c.PairingRules, c.OddPerson, now)
		if err != nil {
			return fmt.Errorf("add cohort: %w", err)
		}
		c.ID, err = res.LastInsertId()
		c.CreatedAt, _ = time.Parse(time.RFC3339, now)
		return err
	}
	res, err := tx.Exec(`UPDATE cohorts SET name=?, starts_on=?, ends_on=?, cadence=?, pairing_preset=?,
		pairing_rules=?, odd_person=? WHERE id=?`,
		c.Name, c.StartsOn.String(), c.EndsOn.String(), c.Cadence, c.PairingPreset, c.PairingRules, c.OddPerson, c.ID)
	if err != nil {
		return fmt.Errorf("update cohort: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return data.Errorf(data.NotFound, "This cohort no longer exists.")
	}
	return nil
}

// RenameCohort gives a cohort a new name.
func (s *Store) RenameCohort(id int64, name string) error {
	c, err := s.Cohort(id)
	if err != nil {
		return err
	}
	c.Name = name
	return s.SaveCohort(&c)
}

// DeleteCohort removes a cohort and its memberships; the participants stay in the roster.
func (s *Store) DeleteCohort(id int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		res, err := tx.Exec(`DELETE FROM cohorts WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete cohort: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.NotFound, "This cohort no longer exists.")
		}
		return nil
	})
}

// AddToCohort makes the participants members of the cohort (those already in it stay).
func (s *Store) AddToCohort(cohortID int64, participantIDs ...int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		for _, id := range participantIDs {
			if err := addMember(tx, cohortID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func addMember(tx *txn, cohortID, participantID int64) error {
	_, err := tx.Exec(`INSERT OR IGNORE INTO cohort_members (cohort_id, participant_id) VALUES (?, ?)`, cohortID, participantID)
	if isForeignKey(err) {
		return data.Errorf(data.NotFound, "That cohort or participant no longer exists.")
	}
	return err
}

// RemoveFromCohort takes the participants out of the cohort; they stay in the roster.
func (s *Store) RemoveFromCohort(cohortID int64, participantIDs ...int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		for _, id := range participantIDs {
			if _, err := tx.Exec(`DELETE FROM cohort_members WHERE cohort_id = ? AND participant_id = ?`, cohortID, id); err != nil {
				return fmt.Errorf("remove from cohort: %w", err)
			}
		}
		return nil
	})
}
