package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"mutua/data"
	"mutua/data/pairing"
)

// Exclusions returns every exclusion, people first.
func (s *Store) Exclusions() ([]data.Exclusion, error) {
	rows, err := s.db.Query(`SELECT e.id, coalesce(e.participant_a, 0), coalesce(e.participant_b, 0),
		coalesce(a.name, ''), coalesce(b.name, ''), e.company_a, e.company_b, e.reason
		FROM exclusions e LEFT JOIN participants a ON a.id = e.participant_a LEFT JOIN participants b ON b.id = e.participant_b
		ORDER BY e.participant_a IS NULL, lower(coalesce(a.name, e.company_a)), e.id`)
	if err != nil {
		return nil, fmt.Errorf("read exclusions: %w", err)
	}
	defer rows.Close()
	var out []data.Exclusion
	for rows.Next() {
		var e data.Exclusion
		if err := rows.Scan(&e.ID, &e.ParticipantA, &e.ParticipantB, &e.NameA, &e.NameB, &e.CompanyA, &e.CompanyB, &e.Reason); err != nil {
			return nil, fmt.Errorf("read exclusions: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddExclusion saves a new exclusion of two different people or two companies.
func (s *Store) AddExclusion(e *data.Exclusion) error {
	e.CompanyA, e.CompanyB = strings.TrimSpace(e.CompanyA), strings.TrimSpace(e.CompanyB)
	e.Reason = strings.TrimSpace(e.Reason)
	people := e.ParticipantA != 0 || e.ParticipantB != 0
	switch {
	case people && (e.ParticipantA == 0 || e.ParticipantB == 0):
		return data.Errorf(data.Invalid, "Choose the two people who must not be paired.")
	case people && e.ParticipantA == e.ParticipantB:
		return data.Errorf(data.Invalid, "Choose two different people.")
	case !people && (e.CompanyA == "" || e.CompanyB == ""):
		return data.Errorf(data.Invalid, "Name the two companies whose people must not be paired.")
	case people && (e.CompanyA != "" || e.CompanyB != ""):
		return data.Errorf(data.Invalid, "An exclusion is between two people or between two companies, not both.")
	}
	if msg := data.CheckText("The reason", e.Reason, data.MaxShortLength); msg != "" {
		return data.Errorf(data.Invalid, "%s", msg)
	}
	return s.tx(context.Background(), func(tx *txn) error {
		var a, b any
		if people {
			a, b = e.ParticipantA, e.ParticipantB
		}
		res, err := tx.Exec(`INSERT INTO exclusions (participant_a, participant_b, company_a, company_b, reason, created_at) VALUES (?,?,?,?,?,?)`,
			a, b, e.CompanyA, e.CompanyB, e.Reason, s.timestamp())
		if err != nil {
			if isForeignKey(err) {
				return data.Errorf(data.NotFound, "One of these participants no longer exists.")
			}
			return fmt.Errorf("add exclusion: %w", err)
		}
		e.ID, err = res.LastInsertId()
		return err
	})
}

// DeleteExclusion removes an exclusion.
func (s *Store) DeleteExclusion(id int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		_, err := tx.Exec(`DELETE FROM exclusions WHERE id = ?`, id)
		return err
	})
}

// PairingExclusions returns the exclusions as the pairing rules read them.
func (s *Store) PairingExclusions(ctx context.Context) ([]pairing.Exclusion, error) {
	list, err := s.Exclusions()
	if err != nil {
		return nil, err
	}
	out := make([]pairing.Exclusion, len(list))
	for i, e := range list {
		out[i] = pairing.Exclusion{A: e.ParticipantA, B: e.ParticipantB, CompanyA: e.CompanyA, CompanyB: e.CompanyB, Reason: e.Reason}
	}
	return out, nil
}

// DraftRound returns the cohort's current draft round, or nil.
func (s *Store) DraftRound(ctx context.Context, cohortID int64) (*pairing.SavedRound, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM pairing_rounds WHERE cohort_id = ? AND status = 'draft' ORDER BY id DESC LIMIT 1`, cohortID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read draft round: %w", err)
	}
	return s.SavedRound(id)
}

// Rounds returns a cohort's approved rounds, newest first, without their pairs.
func (s *Store) Rounds(cohortID int64) ([]pairing.SavedRound, error) {
	rows, err := s.db.Query(`SELECT id, cohort_id, status, rules, total, created_at, approved_at FROM pairing_rounds
		WHERE cohort_id = ? AND status = 'approved' ORDER BY approved_at DESC, id DESC`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("read rounds: %w", err)
	}
	defer rows.Close()
	var out []pairing.SavedRound
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func scanRound(row interface{ Scan(...any) error }) (pairing.SavedRound, error) {
	var r pairing.SavedRound
	var created, approved string
	if err := row.Scan(&r.ID, &r.CohortID, &r.Status, &r.Rules, &r.Total, &created, &approved); err != nil {
		return r, fmt.Errorf("read round: %w", err)
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339, created)
	r.ApprovedAt, _ = time.Parse(time.RFC3339, approved)
	return r, nil
}

// pairing.SavedRound returns a saved round with its pairs, the people it left out and rejections.
func (s *Store) SavedRound(id int64) (*pairing.SavedRound, error) {
	r, err := scanRound(s.db.QueryRow(`SELECT id, cohort_id, status, rules, total, created_at, approved_at FROM pairing_rounds WHERE id = ?`, id))
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, data.Errorf(data.NotFound, "This round no longer exists.")
		}
		return nil, err
	}
	rows, err := s.db.Query(`SELECT rp.id, rp.score, rp.breakdown, rp.locked, rp.manual, m.participant_id, p.name
		FROM round_pairs rp JOIN round_pair_members m ON m.pair_id = rp.id JOIN participants p ON p.id = m.participant_id
		WHERE rp.round_id = ? ORDER BY rp.id, m.rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("read round pairs: %w", err)
	}
	var last int64
	for rows.Next() {
		var pairID, member int64
		var breakdown, name string
		var rp pairing.RoundPair
		if err := rows.Scan(&pairID, &rp.Score, &breakdown, &rp.Locked, &rp.Manual, &member, &name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read round pairs: %w", err)
		}
		if pairID != last {
			_ = json.Unmarshal([]byte(breakdown), &rp.Criteria) // written by SaveDraft
			r.Pairs = append(r.Pairs, rp)
			last = pairID
		}
		p := &r.Pairs[len(r.Pairs)-1]
		p.Members, p.Names = append(p.Members, member), append(p.Names, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	urows, err := s.db.Query(`SELECT u.participant_id, p.name, u.why FROM round_unpaired u JOIN participants p ON p.id = u.participant_id
		WHERE u.round_id = ? ORDER BY lower(p.name)`, id)
	if err != nil {
		return nil, fmt.Errorf("read round: %w", err)
	}
	for urows.Next() {
		var u data.RoundUnpaired
		if err := urows.Scan(&u.ID, &u.Name, &u.Why); err != nil {
			urows.Close()
			return nil, err
		}
		r.Unpaired = append(r.Unpaired, u)
	}
	urows.Close()
	err = s.eachPair(`SELECT participant_a, participant_b FROM round_rejections WHERE round_id = ? ORDER BY participant_a, participant_b`,
		func(a, b int64) { r.Rejected = append(r.Rejected, [2]int64{a, b}) }, id)
	return &r, err
}

// SaveDraft keeps the plan as the cohort's draft round, so it survives a restart.
func (s *Store) SaveDraft(p *pairing.Plan) error {
	return s.tx(context.Background(), func(tx *txn) error {
		_, err := s.saveRound(tx, p, "draft")
		return err
	})
}

// DiscardDraft forgets the cohort's draft round: its locks, rejections and changes.
func (s *Store) DiscardDraft(cohortID int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		_, err := tx.Exec(`DELETE FROM pairing_rounds WHERE cohort_id = ? AND status = 'draft'`, cohortID)
		return err
	})
}

// saveRound replaces the cohort's draft with the plan's round and returns its ID.
func (s *Store) saveRound(tx *txn, p *pairing.Plan, status string) (int64, error) {
	if _, err := tx.Exec(`DELETE FROM pairing_rounds WHERE cohort_id = ? AND status = 'draft'`, p.Cohort.ID); err != nil {
		return 0, fmt.Errorf("save round: %w", err)
	}
	rules, err := json.Marshal(p.Rules)
	if err != nil {
		return 0, err
	}
	now := s.timestamp()
	approved := ""
	if status == "approved" {
		approved = now
	}
	res, err := tx.Exec(`INSERT INTO pairing_rounds (cohort_id, status, rules, total, created_at, approved_at) VALUES (?,?,?,?,?,?)`,
		p.Cohort.ID, status, string(rules), p.Round.Total, now, approved)
	if err != nil {
		return 0, fmt.Errorf("save round: %w", err)
	}
	roundID, _ := res.LastInsertId()
	for _, pair := range p.Round.Pairs {
		breakdown, _ := json.Marshal(pair.Score.Criteria)
		res, err := tx.Exec(`INSERT INTO round_pairs (round_id, score, breakdown, locked, manual) VALUES (?,?,?,?,?)`,
			roundID, pair.Score.Total, string(breakdown), pair.Locked, pair.Manual)
		if err != nil {
			return 0, fmt.Errorf("save round: %w", err)
		}
		pairID, _ := res.LastInsertId()
		for _, id := range p.MemberIDs(&pair) {
			if _, err := tx.Exec(`INSERT INTO round_pair_members (pair_id, participant_id) VALUES (?,?)`, pairID, id); err != nil {
				return 0, fmt.Errorf("save round: %w", err)
			}
		}
	}
	for _, u := range p.Round.Unpaired {
		if _, err := tx.Exec(`INSERT INTO round_unpaired (round_id, participant_id, why) VALUES (?,?,?)`, roundID, p.People[u.Member].ID, u.Why); err != nil {
			return 0, fmt.Errorf("save round: %w", err)
		}
	}
	for _, r := range p.Rejected {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO round_rejections (round_id, participant_a, participant_b) VALUES (?,?,?)`, roundID, r[0], r[1]); err != nil {
			return 0, fmt.Errorf("save round: %w", err)
		}
	}
	return roundID, nil
}

// ApproveRound turns the plan's round into partnerships starting on the given day (planned
// to end when the cohort ends, or a year later) and keeps the round in the cohort's history.
func (s *Store) ApproveRound(p *pairing.Plan, start data.Date) error {
	if start.IsZero() {
		return data.Errorf(data.Invalid, "Choose the day the partnerships start.")
	}
	if len(p.Round.Pairs) == 0 {
		return data.Errorf(data.Invalid, "There are no pairs to approve.")
	}
	end := p.Cohort.EndsOn
	if end.IsZero() || !start.Before(end) {
		end = data.DateOf(start.Time().AddDate(1, 0, 0))
	}
	return s.tx(context.Background(), func(tx *txn) error {
		if err := checkStillFree(tx, p); err != nil {
			return err
		}
		roundID, err := s.saveRound(tx, p, "approved")
		if err != nil {
			return err
		}
		pairIDs, err := tx.Query(`SELECT id FROM round_pairs WHERE round_id = ? ORDER BY id`, roundID)
		if err != nil {
			return err
		}
		var ids []int64
		for pairIDs.Next() {
			var id int64
			if err := pairIDs.Scan(&id); err != nil {
				pairIDs.Close()
				return err
			}
			ids = append(ids, id)
		}
		pairIDs.Close()
		now := s.timestamp()
		for i, pair := range p.Round.Pairs {
			res, err := tx.Exec(`INSERT INTO partnerships (cohort_id, round_pair_id, started_on, planned_end_on, score, reasons, created_at)
				VALUES (?,?,?,?,?,?,?)`, p.Cohort.ID, ids[i], start.String(), end.String(), pair.Score.Total, strings.Join(pair.Score.Reasons(), "\n"), now)
			if err != nil {
				return fmt.Errorf("create partnership: %w", err)
			}
			psID, _ := res.LastInsertId()
			for _, id := range p.MemberIDs(&pair) {
				if _, err := tx.Exec(`INSERT INTO partnership_members (partnership_id, participant_id) VALUES (?,?)`, psID, id); err != nil {
					return fmt.Errorf("create partnership: %w", err)
				}
			}
		}
		return nil
	})
}

// checkStillFree refuses a round whose people changed since it was suggested: someone left
// the cohort, is no longer active, or has no room for another partnership.
func checkStillFree(tx *txn, p *pairing.Plan) error {
	for _, pair := range p.Round.Pairs {
		for _, id := range p.MemberIDs(&pair) {
			var name string
			var status data.Status
			var member, room int
			err := tx.QueryRow(`SELECT p.name, p.status,
				EXISTS (SELECT 1 FROM cohort_members m WHERE m.participant_id = p.id AND m.cohort_id = ?),
				p.capacity - (SELECT count(*) FROM partnership_members pm JOIN partnerships ps ON ps.id = pm.partnership_id
					WHERE pm.participant_id = p.id AND ps.status = 'active')
				FROM participants p WHERE p.id = ?`, p.Cohort.ID, id).Scan(&name, &status, &member, &room)
			why := ""
			switch {
			case errors.Is(err, sql.ErrNoRows):
				why = "someone in it was deleted from the roster"
			case err != nil:
				return fmt.Errorf("check the round: %w", err)
			case member == 0:
				why = name + " is no longer in the cohort"
			case status != data.Active:
				why = fmt.Sprintf("%s is now %s", name, status)
			case room <= 0:
				why = name + " has no room for another partnership"
			}
			if why != "" {
				return data.Errorf(data.Conflict, "The roster changed since this round was suggested (%s). Suggest again, then approve.", why)
			}
		}
	}
	return nil
}
