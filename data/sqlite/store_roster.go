package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"mutua/data"
)

// querier is what reads need from a *sql.DB or a *sql.Tx.
type querier interface {
	Exec(query string, args ...any) (sql.Result, error)
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// participantColumns are the columns scanParticipant reads (tags come from loadTags).
const participantColumns = `p.id, p.name, p.email, p.phone, p.title, p.company, p.industry, p.function,
	p.seniority, p.years_experience, p.birth_year, p.location, p.timezone, p.goals, p.capacity, p.status,
	p.private_notes, p.created_at, p.updated_at`

func scanParticipant(row interface{ Scan(...any) error }, p *data.Participant) error {
	var created, updated string
	err := row.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, &p.Title, &p.Company, &p.Industry,
		&p.Function, &p.Seniority, &p.YearsExperience, &p.BirthYear, &p.Location, &p.TimeZone,
		&p.Goals, &p.Capacity, &p.Status, &p.PrivateNotes, &created, &updated)
	if err != nil {
		return err
	}
	p.CreatedAt, _ = time.Parse(time.RFC3339, created)
	p.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return nil
}

// participantByID reads one participant with their tags.
func participantByID(q querier, id int64) (data.Participant, error) {
	var p data.Participant
	err := scanParticipant(q.QueryRow(`SELECT `+participantColumns+` FROM participants p WHERE p.id = ?`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, data.Errorf(data.NotFound, "This participant no longer exists.")
	} else if err != nil {
		return p, fmt.Errorf("read participant: %w", err)
	}
	err = loadTags(q, `WHERE participant_id = ?`, []any{id}, func(_ int64, strength bool, tag string) { addTag(&p, strength, tag) })
	return p, err
}

// loadTags reads the tags selected by where and hands each to fn, in the coach's order.
func loadTags(q querier, where string, args []any, fn func(id int64, strength bool, tag string)) error {
	rows, err := q.Query(`SELECT participant_id, kind, tag FROM participant_tags `+where+` ORDER BY participant_id, kind, position`, args...)
	if err != nil {
		return fmt.Errorf("read tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, tag string
		if err := rows.Scan(&id, &kind, &tag); err != nil {
			return fmt.Errorf("read tags: %w", err)
		}
		fn(id, kind == "strength", tag)
	}
	return rows.Err()
}

// addTag appends a tag read by loadTags to a participant.
func addTag(p *data.Participant, strength bool, tag string) {
	if strength {
		p.Strengths = append(p.Strengths, tag)
	} else {
		p.DevelopmentAreas = append(p.DevelopmentAreas, tag)
	}
}

// CreateParticipant validates p and saves it as a new participant, setting its ID.
func (s *Store) CreateParticipant(p *data.Participant) error {
	return s.tx(context.Background(), func(tx *txn) error { return s.saveParticipant(tx, p) })
}

// UpdateParticipant validates p and saves its changes.
func (s *Store) UpdateParticipant(p *data.Participant) error {
	if p.ID == 0 {
		return data.Errorf(data.NotFound, "This participant has not been saved yet.")
	}
	return s.tx(context.Background(), func(tx *txn) error { return s.saveParticipant(tx, p) })
}

// saveParticipant inserts p (ID 0) or updates it, with its tags, inside tx.
func (s *Store) saveParticipant(tx *txn, p *data.Participant) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Email != "" {
		var otherID int64
		var otherName string
		err := tx.QueryRow(`SELECT id, name FROM participants WHERE lower(email) = ? AND email <> '' AND id <> ?`, p.Email, p.ID).Scan(&otherID, &otherName)
		if err == nil {
			return &data.Error{Code: data.Conflict, Message: fmt.Sprintf("A participant with the email %s already exists: %s.", p.Email, otherName),
				Problems: []data.Problem{{Field: "email", Message: fmt.Sprintf("%s already uses this email.", otherName)}}}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("check email: %w", err)
		}
	}
	now := s.timestamp()
	if p.ID == 0 {
		res, err := tx.Exec(`INSERT INTO participants (name, email, phone, title, company, industry, function,
			seniority, years_experience, birth_year, location, timezone, goals, capacity, status, private_notes,
			created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			p.Name, p.Email, p.Phone, p.Title, p.Company, p.Industry, p.Function, p.Seniority,
			p.YearsExperience, p.BirthYear, p.Location, p.TimeZone, p.Goals, p.Capacity, p.Status,
			p.PrivateNotes, now, now)
		if err != nil {
			return fmt.Errorf("add participant: %w", err)
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		p.CreatedAt, _ = time.Parse(time.RFC3339, now)
	} else {
		res, err := tx.Exec(`UPDATE participants SET name=?, email=?, phone=?, title=?, company=?, industry=?,
			function=?, seniority=?, years_experience=?, birth_year=?, location=?, timezone=?, goals=?,
			capacity=?, status=?, private_notes=?, updated_at=? WHERE id=?`,
			p.Name, p.Email, p.Phone, p.Title, p.Company, p.Industry, p.Function, p.Seniority,
			p.YearsExperience, p.BirthYear, p.Location, p.TimeZone, p.Goals, p.Capacity, p.Status,
			p.PrivateNotes, now, p.ID)
		if err != nil {
			return fmt.Errorf("update participant: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.NotFound, "This participant no longer exists.")
		}
		if _, err := tx.Exec(`DELETE FROM participant_tags WHERE participant_id = ?`, p.ID); err != nil {
			return fmt.Errorf("update tags: %w", err)
		}
	}
	p.UpdatedAt, _ = time.Parse(time.RFC3339, now)
	for kind, tags := range map[string][]string{"strength": p.Strengths, "development": p.DevelopmentAreas} {
		for i, t := range tags {
			if _, err := tx.Exec(`INSERT INTO participant_tags (participant_id, kind, position, tag) VALUES (?,?,?,?)`,
				p.ID, kind, i+1, t); err != nil {
				return fmt.Errorf("save tags: %w", err)
			}
		}
	}
	return nil
}

// participants reads every participant in full, in name order.
func (s *Store) participants() ([]data.Participant, error) {
	rows, err := s.db.Query(`SELECT ` + participantColumns + ` FROM participants p`)
	if err != nil {
		return nil, fmt.Errorf("read participants: %w", err)
	}
	defer rows.Close()
	var out []data.Participant
	index := map[int64]int{}
	for rows.Next() {
		var p data.Participant
		if err := scanParticipant(rows, &p); err != nil {
			return nil, fmt.Errorf("read participants: %w", err)
		}
		index[p.ID] = len(out)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read participants: %w", err)
	}
	err = loadTags(s.db, "", nil, func(id int64, strength bool, tag string) {
		if i, ok := index[id]; ok {
			addTag(&out[i], strength, tag)
		}
	})
	sortByName(out, func(p *data.Participant) (string, string, int64) { return p.Name, p.Email, p.ID })
	return out, err
}

// Participant returns the participant with the given ID.
func (s *Store) Participant(id int64) (data.Participant, error) { return participantByID(s.db, id) }

// ParticipantByEmail returns the participant with the given email, written any way that
// normalises to the same address (letter case, full-width letters, invisible characters).
func (s *Store) ParticipantByEmail(email string) (data.Participant, error) {
	var id int64
	err := s.db.QueryRow(`SELECT id FROM participants WHERE lower(email) = ? AND email <> ''`, data.NormalizeEmail(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Participant{}, data.Errorf(data.NotFound, "No participant has the email %s.", data.Clip(email))
	} else if err != nil {
		return data.Participant{}, fmt.Errorf("find participant: %w", err)
	}
	return s.Participant(id)
}

// DeleteParticipant removes a participant, everything recorded about them and every mention
// of them in the practice (see Erase); the backups keep them.
func (s *Store) DeleteParticipant(id int64) error {
	_, err := s.Erase(id, false, "", nil)
	return err
}

// SetParticipantStatus changes only a participant's status (archive to alumni, pause, reactivate).
func (s *Store) SetParticipantStatus(id int64, status data.Status) error {
	if !status.Valid() {
		return data.Errorf(data.Invalid, "Status must be active, paused or alumni, not %q.", string(status))
	}
	return s.tx(context.Background(), func(tx *txn) error {
		res, err := tx.Exec(`UPDATE participants SET status = ?, updated_at = ? WHERE id = ?`, status, s.timestamp(), id)
		if err != nil {
			return fmt.Errorf("change status: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.NotFound, "This participant no longer exists.")
		}
		return nil
	})
}

// Roster reads every participant's summary with their tags, cohorts and latest work orientation.
func (s *Store) Roster() (*data.Roster, error) {
	r := &data.Roster{}
	tags := map[int64][2][]string{}
	cohorts := map[int64][]int64{}
	orientations := map[int64]string{}
	// The reads are independent; running them side by side shortens the wait.
	err := parallel(
		func() error {
			rows, err := s.db.Query(`SELECT id, name, email, title, company, industry, function, status FROM participants`)
			if err != nil {
				return fmt.Errorf("read roster: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				var e data.RosterEntry
				if err := rows.Scan(&e.ID, &e.Name, &e.Email, &e.Title, &e.Company, &e.Industry, &e.Function, &e.Status); err != nil {
					return fmt.Errorf("read roster: %w", err)
				}
				r.Entries = append(r.Entries, e)
			}
			return rows.Err()
		},
		func() error {
			return loadTags(s.db, "", nil, func(id int64, strength bool, tag string) {
				t := tags[id]
				if strength {
					t[0] = append(t[0], tag)
				} else {
					t[1] = append(t[1], tag)
				}
				tags[id] = t
			})
		},
		func() error {
			return s.eachPair(`SELECT participant_id, cohort_id FROM cohort_members ORDER BY cohort_id`, func(pid, cid int64) {
				cohorts[pid] = append(cohorts[pid], cid)
			})
		},
		func() error {
			rows, err := s.db.Query(`SELECT participant_id, primary_orientation FROM assessments
				WHERE instrument_id = (SELECT id FROM instruments WHERE key = ?) ORDER BY participant_id, assessed_on`, data.WorkOrientationKey)
			if err != nil {
				return fmt.Errorf("read orientations: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var o string
				if err := rows.Scan(&id, &o); err != nil {
					return fmt.Errorf("read orientations: %w", err)
				}
				orientations[id] = o
			}
			return rows.Err()
		},
		func() (err error) {
			r.Cohorts, err = s.Cohorts()
			return err
		},
	)
	if err != nil {
		return nil, err
	}
	for i := range r.Entries {
		e := &r.Entries[i]
		t := tags[e.ID]
		e.Strengths, e.DevelopmentAreas = t[0], t[1]
		e.CohortIDs, e.Orientation = cohorts[e.ID], orientations[e.ID]
	}
	sortByName(r.Entries, func(e *data.RosterEntry) (string, string, int64) { return e.Name, e.Email, e.ID })
	return r, nil
}

// parallel runs fns at the same time and returns the first error.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sortByName orders items by name (ignoring case and accents), then email, then ID.
func sortByName[T any](items []T, key func(*T) (name, email string, id int64)) {
	type keyed struct {
		key  string
		item T
	}
	ks := make([]keyed, len(items))
	for i := range items {
		name, email, id := key(&items[i])
		ks[i] = keyed{data.Fold(name) + "\x00" + email + "\x00" + fmt.Sprintf("%020d", id), items[i]}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i := range ks {
		items[i] = ks[i].item
	}
}

// eachPair runs fn for every row of a two-integer query.
func (s *Store) eachPair(query string, fn func(a, b int64), args ...any) error {
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

// Profile reads one participant with their cohorts and latest work orientation.
func (s *Store) Profile(id int64) (data.Profile, error) {
	p, err := participantByID(s.db, id)
	if err != nil {
		return data.Profile{}, err
	}
	prof := data.Profile{Participant: p}
	err = s.eachPair(`SELECT cohort_id, 0 FROM cohort_members WHERE participant_id = ? ORDER BY cohort_id`,
		func(c, _ int64) { prof.CohortIDs = append(prof.CohortIDs, c) }, id)
	if err != nil {
		return data.Profile{}, err
	}
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		return data.Profile{}, err
	}
	history, err := s.Assessments(id, wo.ID)
	if err != nil {
		return data.Profile{}, err
	}
	if len(history) > 0 {
		prof.WorkOrientation = history[len(history)-1]
	}
	prof.Partnerships, err = s.loadPartnerships(s.db, `WHERE ps.id IN (SELECT partnership_id FROM partnership_members WHERE participant_id = ?)`, id)
	return prof, err
}
