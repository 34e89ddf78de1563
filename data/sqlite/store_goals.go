package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mutua/data"
)

// Goals returns a participant's goals: open ones first, then achieved, then dropped (each
// group by target date, goals without one last), each with its check-ins newest first.
func (s *Store) Goals(participantID int64) ([]data.Goal, error) {
	rows, err := s.db.Query(`SELECT id, participant_id, text, target_on, progress, status, created_at
		FROM goals WHERE participant_id = ?
		ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'achieved' THEN 1 ELSE 2 END, target_on = '', target_on, id`,
		participantID)
	if err != nil {
		return nil, fmt.Errorf("read goals: %w", err)
	}
	var out []data.Goal
	at := map[int64]int{} // goal ID → index in out
	for rows.Next() {
		var g data.Goal
		var created string
		if err := rows.Scan(&g.ID, &g.ParticipantID, &g.Text, &g.TargetOn, &g.Progress, &g.Status, &created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read goals: %w", err)
		}
		g.CreatedAt, _ = time.Parse(time.RFC3339, created)
		at[g.ID] = len(out)
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read goals: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}

	rows, err = s.db.Query(`SELECT c.id, c.goal_id, c.checked_on, c.progress, c.note, c.created_at
		FROM goal_checkins c JOIN goals g ON g.id = c.goal_id
		WHERE g.participant_id = ? ORDER BY c.checked_on DESC, c.id DESC`, participantID)
	if err != nil {
		return nil, fmt.Errorf("read goal check-ins: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c data.CheckIn
		var created string
		if err := rows.Scan(&c.ID, &c.GoalID, &c.On, &c.Progress, &c.Note, &created); err != nil {
			return nil, fmt.Errorf("read goal check-ins: %w", err)
		}
		c.CreatedAt, _ = time.Parse(time.RFC3339, created)
		if i, ok := at[c.GoalID]; ok {
			out[i].CheckIns = append(out[i].CheckIns, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read goal check-ins: %w", err)
	}
	return out, nil
}

// SaveGoal validates g and saves it: as a new goal of g.ParticipantID when g.ID is 0,
// otherwise by changing the goal's text, target date, progress and status.
func (s *Store) SaveGoal(g *data.Goal) error {
	g.Normalize()
	if err := g.Validate(); err != nil {
		return err
	}
	return s.tx(context.Background(), func(tx *txn) error {
		if g.ID == 0 {
			return s.addGoal(tx, g)
		}
		var created string
		err := tx.QueryRow(`UPDATE goals SET text = ?, target_on = ?, progress = ?, status = ? WHERE id = ?
			RETURNING participant_id, created_at`, g.Text, g.TargetOn.String(), g.Progress, g.Status, g.ID).Scan(&g.ParticipantID, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.NotFound, "This goal no longer exists.")
		} else if err != nil {
			return fmt.Errorf("update goal: %w", err)
		}
		g.CreatedAt, _ = time.Parse(time.RFC3339, created)
		return nil
	})
}

func (s *Store) addGoal(tx *txn, g *data.Goal) error {
	var one int
	err := tx.QueryRow(`SELECT 1 FROM participants WHERE id = ?`, g.ParticipantID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.NotFound, "This participant no longer exists.")
	} else if err != nil {
		return fmt.Errorf("add goal: %w", err)
	}
	now := s.timestamp()
	res, err := tx.Exec(`INSERT INTO goals (participant_id, text, target_on, progress, status, created_at)
		VALUES (?,?,?,?,?,?)`, g.ParticipantID, g.Text, g.TargetOn.String(), g.Progress, g.Status, now)
	if err != nil {
		return fmt.Errorf("add goal: %w", err)
	}
	g.ID, err = res.LastInsertId()
	g.CreatedAt, _ = time.Parse(time.RFC3339, now)
	return err
}

// AddCheckIn validates c and saves it, and in the same transaction brings its goal up to
// date: the goal's progress becomes the check-in's progress, and a check-in at 100% marks
// the goal achieved. A check-in dated before the goal's latest one is kept in the record but
// leaves the goal as the later check-in set it.
func (s *Store) AddCheckIn(c *data.CheckIn) error {
	c.Normalize()
	return s.tx(context.Background(), func(tx *txn) error {
		var g data.Goal
		var created string
		err := tx.QueryRow(`SELECT id, participant_id, progress, status, created_at FROM goals WHERE id = ?`, c.GoalID).
			Scan(&g.ID, &g.ParticipantID, &g.Progress, &g.Status, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.NotFound, "This goal no longer exists.")
		} else if err != nil {
			return fmt.Errorf("add check-in: %w", err)
		}
		g.CreatedAt, _ = time.Parse(time.RFC3339, created)
		if err := c.Validate(&g, data.DateOf(s.now().Local())); err != nil {
			return err
		}
		now := s.timestamp()
		res, err := tx.Exec(`INSERT INTO goal_checkins (goal_id, checked_on, progress, note, created_at) VALUES (?,?,?,?,?)`,
			c.GoalID, c.On.String(), c.Progress, c.Note, now)
		if err != nil {
			return fmt.Errorf("add check-in: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("add check-in: %w", err)
		}
		c.CreatedAt, _ = time.Parse(time.RFC3339, now)
		var later int
		if err := tx.QueryRow(`SELECT count(*) FROM goal_checkins WHERE goal_id = ? AND checked_on > ?`, c.GoalID, c.On.String()).Scan(&later); err != nil {
			return fmt.Errorf("add check-in: %w", err)
		}
		if later > 0 {
			return nil
		}
		_, err = tx.Exec(`UPDATE goals SET progress = ?, status = CASE WHEN ? = 100 THEN 'achieved' ELSE status END WHERE id = ?`,
			c.Progress, c.Progress, c.GoalID)
		if err != nil {
			return fmt.Errorf("update goal progress: %w", err)
		}
		return nil
	})
}

// DeleteGoal removes a goal and its check-ins.
func (s *Store) DeleteGoal(id int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		res, err := tx.Exec(`DELETE FROM goals WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete goal: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.NotFound, "This goal no longer exists.")
		}
		return nil
	})
}
