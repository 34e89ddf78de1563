package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
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

func scanParticipant(row interface{ Scan(...any) error }, p *Participant) error {
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
func participantByID(q querier, id int64) (Participant, error) {
	var p Participant
	err := scanParticipant(q.QueryRow(`SELECT `+participantColumns+` FROM participants p WHERE p.id = ?`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, Errorf(NotFound, "This participant no longer exists.")
	} else if err != nil {
		return p, fmt.Errorf("read participant: %w", err)
	}
	err = loadTags(q, `WHERE participant_id = ?`, []any{id}, func(int64) *Participant { return &p })
	return p, err
}

// loadTags reads the tags selected by where and hands each to its participant.
func loadTags(q querier, where string, args []any, participant func(id int64) *Participant) error {
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
		p := participant(id)
		switch {
		case p == nil:
		case kind == "strength":
			p.Strengths = append(p.Strengths, tag)
		default:
			p.DevelopmentAreas = append(p.DevelopmentAreas, tag)
		}
	}
	return rows.Err()
}

// CreateParticipant validates p and saves it as a new participant, setting its ID.
func (s *Store) CreateParticipant(p *Participant) error {
	return s.tx(context.Background(), func(tx *txn) error { return s.saveParticipant(tx, p) })
}

// UpdateParticipant validates p and saves its changes.
func (s *Store) UpdateParticipant(p *Participant) error {
	if p.ID == 0 {
		return Errorf(NotFound, "This participant has not been saved yet.")
	}
	return s.tx(context.Background(), func(tx *txn) error { return s.saveParticipant(tx, p) })
}

// saveParticipant inserts p (ID 0) or updates it, with its tags, inside tx.
func (s *Store) saveParticipant(tx *txn, p *Participant) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Email != "" {
		var otherID int64
		var otherName string
		err := tx.QueryRow(`SELECT id, name FROM participants WHERE lower(email) = ? AND email <> '' AND id <> ?`, p.Email, p.ID).Scan(&otherID, &otherName)
		if err == nil {
			return &Error{Code: Conflict, Message: fmt.Sprintf("A participant with the email %s already exists: %s.", p.Email, otherName),
				Problems: []Problem{{Field: "email", Message: fmt.Sprintf("%s already uses this email.", otherName)}}}
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
			return Errorf(NotFound, "This participant no longer exists.")
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

// Participant returns the participant with the given ID.
func (s *Store) Participant(id int64) (Participant, error) { return participantByID(s.db, id) }

// ParticipantByEmail returns the participant with the given email (any letter case).
func (s *Store) ParticipantByEmail(email string) (Participant, error) {
	var id int64
	err := s.db.QueryRow(`SELECT id FROM participants WHERE lower(email) = lower(?) AND email <> ''`, strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, Errorf(NotFound, "No participant has the email %s.", email)
	} else if err != nil {
		return Participant{}, fmt.Errorf("find participant: %w", err)
	}
	return s.Participant(id)
}

// DeleteParticipant removes a participant and everything recorded about them.
func (s *Store) DeleteParticipant(id int64) error {
	return s.tx(context.Background(), func(tx *txn) error {
		res, err := tx.Exec(`DELETE FROM participants WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete participant: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(NotFound, "This participant no longer exists.")
		}
		return nil
	})
}

// SetParticipantStatus changes only a participant's status (archive to alumni, pause, reactivate).
func (s *Store) SetParticipantStatus(id int64, status Status) error {
	if !status.Valid() {
		return Errorf(Invalid, "Status must be active, paused or alumni, not %q.", string(status))
	}
	return s.tx(context.Background(), func(tx *txn) error {
		res, err := tx.Exec(`UPDATE participants SET status = ?, updated_at = ? WHERE id = ?`, status, s.timestamp(), id)
		if err != nil {
			return fmt.Errorf("change status: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(NotFound, "This participant no longer exists.")
		}
		return nil
	})
}

// RosterEntry is a participant as the roster lists them.
type RosterEntry struct {
	Participant
	CohortIDs       []int64
	Orientation     string // primary orientation on the latest Work Orientation result, "" when not assessed
	AssessedOn      Date   // when that result was taken
	searchKey       string
}

// Roster is every participant, in name order, with the cohorts.
type Roster struct {
	Entries []RosterEntry
	Cohorts []Cohort
}

// Roster reads every participant with their tags, cohorts and latest work orientation.
func (s *Store) Roster() (*Roster, error) {
	rows, err := s.db.Query(`SELECT ` + participantColumns + ` FROM participants p`)
	if err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	defer rows.Close()
	r := &Roster{}
	index := map[int64]int{}
	for rows.Next() {
		var e RosterEntry
		if err := scanParticipant(rows, &e.Participant); err != nil {
			return nil, fmt.Errorf("read roster: %w", err)
		}
		index[e.ID] = len(r.Entries)
		r.Entries = append(r.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read roster: %w", err)
	}
	err = loadTags(s.db, "", nil, func(id int64) *Participant {
		if i, ok := index[id]; ok {
			return &r.Entries[i].Participant
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.eachPair(`SELECT participant_id, cohort_id FROM cohort_members ORDER BY cohort_id`, func(pid, cid int64) {
		if i, ok := index[pid]; ok {
			r.Entries[i].CohortIDs = append(r.Entries[i].CohortIDs, cid)
		}
	}); err != nil {
		return nil, err
	}
	orientations, err := s.db.Query(`SELECT a.participant_id, a.primary_orientation, a.assessed_on FROM assessments a
		JOIN instruments i ON i.id = a.instrument_id AND i.key = ? ORDER BY a.participant_id, a.assessed_on, a.id`, WorkOrientationKey)
	if err != nil {
		return nil, fmt.Errorf("read orientations: %w", err)
	}
	defer orientations.Close()
	for orientations.Next() {
		var id int64
		var o string
		var on Date
		if err := orientations.Scan(&id, &o, &on); err != nil {
			return nil, fmt.Errorf("read orientations: %w", err)
		}
		if i, ok := index[id]; ok {
			r.Entries[i].Orientation, r.Entries[i].AssessedOn = o, on
		}
	}
	if err := orientations.Err(); err != nil {
		return nil, fmt.Errorf("read orientations: %w", err)
	}
	for i := range r.Entries {
		r.Entries[i].searchKey = searchKey(&r.Entries[i].Participant)
	}
	SortParticipants(r.Entries, func(e *RosterEntry) *Participant { return &e.Participant })
	if r.Cohorts, err = s.Cohorts(); err != nil {
		return nil, err
	}
	return r, nil
}

// SortParticipants orders items by name (ignoring case and accents), then email, then ID.
func SortParticipants[T any](items []T, participant func(*T) *Participant) {
	type keyed struct {
		key  string
		item T
	}
	ks := make([]keyed, len(items))
	for i := range items {
		p := participant(&items[i])
		ks[i] = keyed{fmt.Sprintf("%s\x00%s\x00%020d", Fold(p.Name), p.Email, p.ID), items[i]}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i := range ks {
		items[i] = ks[i].item
	}
}

// eachPair runs fn for every row of a two-integer query.
func (s *Store) eachPair(query string, fn func(a, b int64)) error {
	rows, err := s.db.Query(query)
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

func searchKey(p *Participant) string {
	parts := []string{p.Name, p.Email, p.Title, p.Company, p.Industry, p.Function, JoinTags(p.Strengths), JoinTags(p.DevelopmentAreas)}
	return Fold(strings.Join(parts, "\x00"))
}

// Filter returns the positions of the entries that match every word of query (in name,
// email, title, company, industry, function or tags; ignoring case and accents), belong to
// the cohort (0: any) and have the status ("": any).
func (r *Roster) Filter(query string, cohortID int64, status Status) []int {
	words := strings.Fields(Fold(query))
	out := make([]int, 0, len(r.Entries))
next:
	for i := range r.Entries {
		e := &r.Entries[i]
		if status != "" && e.Status != status {
			continue
		}
		if cohortID != 0 {
			in := false
			for _, c := range e.CohortIDs {
				in = in || c == cohortID
			}
			if !in {
				continue
			}
		}
		for _, w := range words {
			if !strings.Contains(e.searchKey, w) {
				continue next
			}
		}
		out = append(out, i)
	}
	return out
}

// Cohort returns the cohort with the given ID.
func (r *Roster) Cohort(id int64) (Cohort, bool) {
	for _, c := range r.Cohorts {
		if c.ID == id {
			return c, true
		}
	}
	return Cohort{}, false
}
