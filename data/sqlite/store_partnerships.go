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

// today is the store's current day.
func (s *Store) today() data.Date { return data.DateOf(s.now()) }

// Partnerships returns every partnership: running ones first, then by start, newest first.
func (s *Store) Partnerships() ([]data.Partnership, error) {
	return s.loadPartnerships(s.db, "")
}

// loadPartnerships reads the partnerships selected by where (on table ps) with their
// members, agreement in force and session count.
func (s *Store) loadPartnerships(q querier, where string, args ...any) ([]data.Partnership, error) {
	rows, err := q.Query(`SELECT ps.id, coalesce(ps.cohort_id, 0), coalesce(c.name, ''), ps.started_on, ps.planned_end_on,
		ps.status, ps.ended_on, ps.end_reason, ps.score, ps.reasons,
		(SELECT count(*) FROM sessions se WHERE se.partnership_id = ps.id),
		(SELECT coalesce(max(held_on), '') FROM sessions se WHERE se.partnership_id = ps.id)
		FROM partnerships ps LEFT JOIN cohorts c ON c.id = ps.cohort_id `+where+`
		ORDER BY ps.status <> 'active', ps.started_on DESC, ps.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read partnerships: %w", err)
	}
	var out []data.Partnership
	index := map[int64]int{}
	for rows.Next() {
		var p data.Partnership
		var reasons string
		if err := rows.Scan(&p.ID, &p.CohortID, &p.CohortName, &p.StartedOn, &p.PlannedEndOn, &p.Status, &p.EndedOn,
			&p.EndReason, &p.Score, &reasons, &p.Sessions, &p.LastSession); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read partnerships: %w", err)
		}
		if reasons != "" {
			p.Reasons = strings.Split(reasons, "\n")
		}
		index[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	orientations, err := latestOrientations(q)
	if err != nil {
		return nil, err
	}
	mrows, err := q.Query(`SELECT pm.partnership_id, pm.participant_id, p.name, p.email, pm.fit_check, pm.fit_checked_on
		FROM partnership_members pm JOIN participants p ON p.id = pm.participant_id ORDER BY pm.partnership_id, pm.rowid`)
	if err != nil {
		return nil, fmt.Errorf("read partnership members: %w", err)
	}
	for mrows.Next() {
		var pid int64
		var m data.Member
		if err := mrows.Scan(&pid, &m.ParticipantID, &m.Name, &m.Email, &m.FitCheck, &m.FitCheckedOn); err != nil {
			mrows.Close()
			return nil, err
		}
		if i, ok := index[pid]; ok {
			m.Orientation = orientations[m.ParticipantID]
			out[i].Members = append(out[i].Members, m)
		}
	}
	mrows.Close()
	arows, err := q.Query(`SELECT partnership_id, id, objective, cadence, planned_length, meeting_mode, success_measures, check_ins, created_at
		FROM agreements WHERE id IN (SELECT max(id) FROM agreements GROUP BY partnership_id)`)
	if err != nil {
		return nil, fmt.Errorf("read agreements: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var pid int64
		a, err := scanAgreement(arows, &pid)
		if err != nil {
			return nil, err
		}
		if i, ok := index[pid]; ok {
			out[i].Agreement = a
		}
	}
	for i := range out {
		out[i].AgreeOnLength(&out[i].Agreement)
	}
	return out, arows.Err()
}

func scanAgreement(row interface{ Scan(...any) error }, partnershipID *int64) (data.Agreement, error) {
	var a data.Agreement
	var created string
	err := row.Scan(partnershipID, &a.ID, &a.Objective, &a.Cadence, &a.PlannedLength, &a.MeetingMode, &a.SuccessMeasures, &a.CheckIns, &created)
	a.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return a, err
}

// latestOrientations returns each participant's primary orientation on their latest
// Work Orientation result.
func latestOrientations(q querier) (map[int64]string, error) {
	rows, err := q.Query(`SELECT participant_id, primary_orientation FROM assessments
		WHERE instrument_id = (SELECT id FROM instruments WHERE key = ?) ORDER BY participant_id, assessed_on`, data.WorkOrientationKey)
	if err != nil {
		return nil, fmt.Errorf("read orientations: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var o string
		if err := rows.Scan(&id, &o); err != nil {
			return nil, fmt.Errorf("read orientations: %w", err)
		}
		out[id] = o
	}
	return out, rows.Err()
}

// Partnership reads one partnership with its sessions, notes, action items and agreements.
func (s *Store) Partnership(id int64) (*data.PartnershipPage, error) {
	list, err := s.loadPartnerships(s.db, "WHERE ps.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, data.Errorf(data.NotFound, "This partnership no longer exists.")
	}
	return s.partnershipPage(list[0])
}

// partnershipPage reads the sessions, notes, action items and agreements of a partnership
// already read.
func (s *Store) partnershipPage(p data.Partnership) (*data.PartnershipPage, error) {
	id := p.ID
	page := &data.PartnershipPage{Partnership: p}
	sessions := map[int64]int{}
	rows, err := s.db.Query(`SELECT id, held_on, duration_minutes, topics, created_at FROM sessions
		WHERE partnership_id = ? ORDER BY held_on DESC, id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("read sessions: %w", err)
	}
	for rows.Next() {
		se := data.Session{PartnershipID: id}
		var created string
		if err := rows.Scan(&se.ID, &se.HeldOn, &se.DurationMinutes, &se.Topics, &created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read sessions: %w", err)
		}
		se.CreatedAt, _ = time.Parse(time.RFC3339, created)
		sessions[se.ID] = len(page.SessionLog)
		page.SessionLog = append(page.SessionLog, se)
	}
	rows.Close()
	arows, err := s.db.Query(`SELECT a.session_id, a.participant_id, a.attended, a.rating FROM session_attendance a
		JOIN sessions se ON se.id = a.session_id WHERE se.partnership_id = ? ORDER BY a.session_id, a.rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("read attendance: %w", err)
	}
	for arows.Next() {
		var sid int64
		var a data.Attendance
		if err := arows.Scan(&sid, &a.ParticipantID, &a.Attended, &a.Rating); err != nil {
			arows.Close()
			return nil, err
		}
		if i, ok := sessions[sid]; ok {
			page.SessionLog[i].Attendance = append(page.SessionLog[i].Attendance, a)
		}
	}
	arows.Close()
	notes, err := loadNotes(s.db, `WHERE partnership_id = ?`, id)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if i, ok := sessions[n.SessionID]; ok {
			page.SessionLog[i].Notes = append(page.SessionLog[i].Notes, n)
		} else {
			page.Notes = append(page.Notes, n)
		}
	}
	items, err := loadActionItems(s.db, `WHERE a.partnership_id = ?`, id)
	if err != nil {
		return nil, err
	}
	for _, a := range items {
		if i, ok := sessions[a.SessionID]; ok {
			page.SessionLog[i].ActionItems = append(page.SessionLog[i].ActionItems, a)
		}
		if a.Done() {
			page.DoneActions = append(page.DoneActions, a)
		} else {
			page.OpenActions = append(page.OpenActions, a)
		}
	}
	grows, err := s.db.Query(`SELECT partnership_id, id, objective, cadence, planned_length, meeting_mode, success_measures, check_ins, created_at
		FROM agreements WHERE partnership_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("read agreements: %w", err)
	}
	defer grows.Close()
	for grows.Next() {
		var pid int64
		a, err := scanAgreement(grows, &pid)
		if err != nil {
			return nil, err
		}
		if len(page.Agreements) == 0 {
			page.AgreeOnLength(&a)
		}
		page.Agreements = append(page.Agreements, a)
	}
	if err := grows.Err(); err != nil {
		return nil, err
	}
	page.Surveys, err = surveyAnswers(s.db, `WHERE a.partnership_id = ?`, id)
	return page, err
}

func loadNotes(q querier, where string, args ...any) ([]data.Note, error) {
	rows, err := q.Query(`SELECT id, coalesce(partnership_id, 0), coalesce(session_id, 0), coalesce(participant_id, 0), visibility, body, created_at, updated_at
		FROM notes `+where+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	defer rows.Close()
	var out []data.Note
	for rows.Next() {
		var n data.Note
		var created, updated string
		if err := rows.Scan(&n.ID, &n.PartnershipID, &n.SessionID, &n.ParticipantID, &n.Visibility, &n.Body, &created, &updated); err != nil {
			return nil, fmt.Errorf("read notes: %w", err)
		}
		n.CreatedAt, _ = time.Parse(time.RFC3339, created)
		n.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
		out = append(out, n)
	}
	return out, rows.Err()
}

func loadActionItems(q querier, where string, args ...any) ([]data.ActionItem, error) {
	rows, err := q.Query(`SELECT a.id, a.partnership_id, coalesce(a.session_id, 0), coalesce(a.owner_id, 0), coalesce(p.name, ''),
		a.text, a.due_on, a.done_on, a.created_at
		FROM action_items a LEFT JOIN participants p ON p.id = a.owner_id `+where+` ORDER BY a.due_on = '', a.due_on, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read action items: %w", err)
	}
	defer rows.Close()
	var out []data.ActionItem
	for rows.Next() {
		var a data.ActionItem
		var created string
		if err := rows.Scan(&a.ID, &a.PartnershipID, &a.SessionID, &a.OwnerID, &a.OwnerName, &a.Text, &a.DueOn, &a.DoneOn, &created); err != nil {
			return nil, fmt.Errorf("read action items: %w", err)
		}
		a.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// partnershipTx reads one partnership inside a transaction, or says it is gone.
func (s *Store) partnershipTx(tx *txn, id int64) (*data.Partnership, error) {
	list, err := s.loadPartnerships(tx, "WHERE ps.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, data.Errorf(data.NotFound, "This partnership no longer exists.")
	}
	return &list[0], nil
}

// SaveAgreement records a new version of a partnership's agreement; earlier versions are kept.
func (s *Store) SaveAgreement(partnershipID int64, a *data.Agreement) error {
	fields := []*string{&a.Objective, &a.Cadence, &a.PlannedLength, &a.MeetingMode, &a.SuccessMeasures, &a.CheckIns}
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
		if msg := data.CheckText("The agreement", *f, data.MaxTextLength); msg != "" {
			return data.Errorf(data.Invalid, "%s", msg)
		}
	}
	if a.Objective == "" {
		return &data.Error{Code: data.Invalid, Message: "An agreement needs its objective: what the pair wants to achieve together.",
			Problems: []data.Problem{{Field: "objective", Message: "Write the objective."}}}
	}
	return s.tx(context.Background(), func(tx *txn) error {
		p, err := s.partnershipTx(tx, partnershipID)
		if err != nil {
			return err
		}
		p.AgreeOnLength(a)
		current := p.Agreement
		current.ID, current.CreatedAt = a.ID, a.CreatedAt
		if p.Agreement.ID != 0 && current == *a {
			*a = p.Agreement // unchanged: no new version
			return nil
		}
		return s.insertAgreement(tx, partnershipID, a)
	})
}

// insertAgreement writes a new version of the agreement.
func (s *Store) insertAgreement(tx *txn, partnershipID int64, a *data.Agreement) error {
	now := s.timestamp()
	res, err := tx.Exec(`INSERT INTO agreements (partnership_id, objective, cadence, planned_length, meeting_mode, success_measures, check_ins, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, partnershipID, a.Objective, a.Cadence, a.PlannedLength, a.MeetingMode, a.SuccessMeasures, a.CheckIns, now)
	if err != nil {
		return fmt.Errorf("save agreement: %w", err)
	}
	a.ID, _ = res.LastInsertId()
	a.CreatedAt, _ = time.Parse(time.RFC3339, now)
	return nil
}

// SetPlannedEnd moves a running partnership's planned end; its planned length follows. The
// change is kept as a new version of the agreement, when there is one.
func (s *Store) SetPlannedEnd(partnershipID int64, end data.Date) error {
	return s.tx(context.Background(), func(tx *txn) error {
		p, err := s.partnershipTx(tx, partnershipID)
		if err != nil {
			return err
		}
		if p.Ended() {
			return data.Errorf(data.Conflict, "This partnership has ended; its planned end no longer applies.")
		}
		if msg := p.CheckPlannedEnd(end); msg != "" {
			return &data.Error{Code: data.Invalid, Message: msg, Problems: []data.Problem{{Field: "planned_end", Message: msg}}}
		}
		if end == p.PlannedEndOn {
			return nil
		}
		if _, err := tx.Exec(`UPDATE partnerships SET planned_end_on = ? WHERE id = ?`, end.String(), partnershipID); err != nil {
			return fmt.Errorf("move the planned end: %w", err)
		}
		if p.Agreement.ID == 0 {
			return nil // the agreement, once written, states the length
		}
		p.PlannedEndOn = end
		next := p.Agreement
		p.AgreeOnLength(&next)
		return s.insertAgreement(tx, partnershipID, &next)
	})
}

// EndPartnership marks a partnership completed or ended early, with a reason. Its members
// are free for the next round; the pairing history remembers the partnership.
func (s *Store) EndPartnership(id int64, status data.PartnershipStatus, reason string, on data.Date) error {
	return s.tx(context.Background(), func(tx *txn) error { return s.endPartnership(tx, id, status, reason, on) })
}

func (s *Store) endPartnership(tx *txn, id int64, status data.PartnershipStatus, reason string, on data.Date) error {
	reason = strings.TrimSpace(reason)
	if status == data.Completed {
		reason = "" // only an early end has a reason
	}
	p, err := s.partnershipTx(tx, id)
	if err != nil {
		return err
	}
	switch {
	case p.Ended():
		return data.Errorf(data.Conflict, "This partnership already ended on %s (%s).", data.Shown(p.EndedOn), strings.ReplaceAll(string(p.Status), "-", " "))
	case status != data.Completed && status != data.EndedEarly:
		return data.Errorf(data.Invalid, "A partnership ends as completed or ended early.")
	case status == data.EndedEarly && reason == "":
		return data.Errorf(data.Invalid, "Say why the partnership ended early (for example: schedule, fit, left the programme).")
	case on.IsZero():
		return data.Errorf(data.Invalid, "Choose the day the partnership ended.")
	case on.Before(p.StartedOn):
		return data.Errorf(data.Invalid, "A partnership cannot end before it started (%s).", data.Shown(p.StartedOn))
	case s.today().Before(on):
		return data.Errorf(data.Invalid, "A partnership cannot end in the future (%s).", data.Shown(on))
	case !p.LastSession.IsZero() && on.Before(p.LastSession):
		return data.Errorf(data.Invalid, "It cannot end before its last session (%s).", data.Shown(p.LastSession))
	}
	if msg := data.CheckText("The reason", reason, data.MaxShortLength); msg != "" {
		return data.Errorf(data.Invalid, "%s", msg)
	}
	_, err = tx.Exec(`UPDATE partnerships SET status = ?, ended_on = ?, end_reason = ? WHERE id = ?`, status, on.String(), reason, id)
	return err
}

// RecordFitCheck records or corrects a member's answer after the first session: keep the
// partnership, re-match, or "" for not answered. A re-match ends the partnership early with
// the reason "fit", and both members return to the pool; taking back the last re-match
// answer opens that partnership again, when its members still have room for it.
func (s *Store) RecordFitCheck(partnershipID, participantID int64, answer string) error {
	if answer != data.Keep && answer != data.Rematch && answer != "" {
		return data.Errorf(data.Invalid, "A fit check answer is keep or re-match.")
	}
	return s.tx(context.Background(), func(tx *txn) error {
		p, err := s.partnershipTx(tx, partnershipID)
		if err != nil {
			return err
		}
		m := p.Member(participantID)
		endedByFit := p.Status == data.EndedEarly && p.EndReason == "fit"
		switch {
		case m == nil:
			return data.Errorf(data.Invalid, "Only a member of the partnership answers its fit check.")
		case p.Ended() && !endedByFit:
			return data.Errorf(data.Conflict, "This partnership has ended; its fit check is closed.")
		case p.Sessions == 0:
			return data.Errorf(data.Invalid, "The fit check comes after the first session; log that session first.")
		case m.FitCheck == answer:
			return nil
		}
		today, on := s.today(), s.today()
		if answer == "" {
			on = data.Date{}
		}
		if _, err := tx.Exec(`UPDATE partnership_members SET fit_check = ?, fit_checked_on = ? WHERE partnership_id = ? AND participant_id = ?`,
			answer, on.String(), partnershipID, participantID); err != nil {
			return fmt.Errorf("record fit check: %w", err)
		}
		m.FitCheck = answer
		rematch := false
		for _, other := range p.Members {
			rematch = rematch || other.FitCheck == data.Rematch
		}
		switch {
		case rematch && !p.Ended():
			return s.endPartnership(tx, partnershipID, data.EndedEarly, "fit", today)
		case !rematch && endedByFit:
			return reopenPartnership(tx, p)
		}
		return nil
	})
}

// reopenPartnership takes back an early end, when every member still has room for it.
func reopenPartnership(tx *txn, p *data.Partnership) error {
	for _, m := range p.Members {
		var room int
		err := tx.QueryRow(`SELECT p.capacity - (SELECT count(*) FROM partnership_members pm JOIN partnerships ps ON ps.id = pm.partnership_id
			WHERE pm.participant_id = p.id AND ps.status = 'active') FROM participants p WHERE p.id = ?`, m.ParticipantID).Scan(&room)
		if err != nil {
			return fmt.Errorf("reopen partnership: %w", err)
		}
		if room < 1 {
			return data.Errorf(data.Conflict, "%s has since started another partnership, so this one cannot run again. Leave the re-match answer, or end the other partnership first.", m.Name)
		}
	}
	_, err := tx.Exec(`UPDATE partnerships SET status = 'active', ended_on = '', end_reason = '' WHERE id = ?`, p.ID)
	return err
}

// LogSession saves a session with its attendance, ratings, notes and action items, all or
// nothing. Notes without a visibility are private.
func (s *Store) LogSession(se *data.Session) error {
	se.Tidy()
	return s.tx(context.Background(), func(tx *txn) error {
		p, err := s.partnershipTx(tx, se.PartnershipID)
		if err != nil {
			return err
		}
		if err := se.Validate(p, s.today()); err != nil {
			return err
		}
		now := s.timestamp()
		res, err := tx.Exec(`INSERT INTO sessions (partnership_id, held_on, duration_minutes, topics, created_at) VALUES (?,?,?,?,?)`,
			se.PartnershipID, se.HeldOn.String(), se.DurationMinutes, se.Topics, now)
		if err != nil {
			return fmt.Errorf("log session: %w", err)
		}
		se.ID, _ = res.LastInsertId()
		se.CreatedAt, _ = time.Parse(time.RFC3339, now)
		for _, a := range se.Attendance {
			if _, err := tx.Exec(`INSERT INTO session_attendance (session_id, participant_id, attended, rating) VALUES (?,?,?,?)`,
				se.ID, a.ParticipantID, a.Attended, a.Rating); err != nil {
				return fmt.Errorf("log session: %w", err)
			}
		}
		for i := range se.Notes {
			n := &se.Notes[i]
			n.PartnershipID, n.SessionID = se.PartnershipID, se.ID
			if err := insertNote(tx, n, now); err != nil {
				return err
			}
		}
		for i := range se.ActionItems {
			a := &se.ActionItems[i]
			a.PartnershipID, a.SessionID = se.PartnershipID, se.ID
			if err := insertActionItem(tx, a, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateSession corrects a logged session, all or nothing, with the same rules as logging
// one: its date, duration, topics, attendance and ratings; its notes and action items are
// updated (those with an ID), added (those without) or deleted (those left out). An action
// item keeps its done day.
func (s *Store) UpdateSession(se *data.Session) error {
	se.Tidy()
	err := s.tx(context.Background(), func(tx *txn) error {
		var partnershipID int64
		if err := tx.QueryRow(`SELECT partnership_id FROM sessions WHERE id = ?`, se.ID).Scan(&partnershipID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return data.Errorf(data.NotFound, "This session no longer exists.")
			}
			return fmt.Errorf("read session: %w", err)
		}
		if se.PartnershipID != 0 && se.PartnershipID != partnershipID {
			return data.Errorf(data.Invalid, "A session stays with its partnership.")
		}
		se.PartnershipID = partnershipID
		p, err := s.partnershipTx(tx, partnershipID)
		if err != nil {
			return err
		}
		if err := se.Validate(p, s.today()); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE sessions SET held_on = ?, duration_minutes = ?, topics = ? WHERE id = ?`,
			se.HeldOn.String(), se.DurationMinutes, se.Topics, se.ID); err != nil {
			return fmt.Errorf("correct session: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM session_attendance WHERE session_id = ?`, se.ID); err != nil {
			return fmt.Errorf("correct session: %w", err)
		}
		for _, a := range se.Attendance {
			if _, err := tx.Exec(`INSERT INTO session_attendance (session_id, participant_id, attended, rating) VALUES (?,?,?,?)`,
				se.ID, a.ParticipantID, a.Attended, a.Rating); err != nil {
				return fmt.Errorf("correct session: %w", err)
			}
		}
		now := s.timestamp()
		kept := map[int64]bool{}
		for i := range se.Notes {
			n := &se.Notes[i]
			n.PartnershipID, n.SessionID = se.PartnershipID, se.ID
			if n.ID == 0 {
				if err := insertNote(tx, n, now); err != nil {
					return err
				}
			} else if err := updateRow(tx, `UPDATE notes SET updated_at = CASE WHEN body = ? AND visibility = ? THEN updated_at ELSE ? END,
				body = ?, visibility = ? WHERE id = ? AND session_id = ?`, "One of the session's notes no longer exists.",
				n.Body, n.Visibility, now, n.Body, n.Visibility, n.ID, se.ID); err != nil {
				return err
			}
			kept[n.ID] = true
		}
		if err := deleteLeftOut(tx, `SELECT id FROM notes WHERE session_id = ?`, `DELETE FROM notes WHERE id = ?`, se.ID, kept); err != nil {
			return err
		}
		kept = map[int64]bool{}
		for i := range se.ActionItems {
			a := &se.ActionItems[i]
			a.PartnershipID, a.SessionID = se.PartnershipID, se.ID
			a.Text = strings.TrimSpace(a.Text)
			if a.ID == 0 {
				if err := insertActionItem(tx, a, now); err != nil {
					return err
				}
			} else if err := updateRow(tx, `UPDATE action_items SET text = ?, owner_id = ?, due_on = ? WHERE id = ? AND session_id = ?`,
				"One of the session's action items no longer exists.", a.Text, nullID(a.OwnerID), a.DueOn.String(), a.ID, se.ID); err != nil {
				return err
			}
			kept[a.ID] = true
		}
		return deleteLeftOut(tx, `SELECT id FROM action_items WHERE session_id = ?`, `DELETE FROM action_items WHERE id = ?`, se.ID, kept)
	})
	if err == nil {
		s.forget() // text taken out of notes leaves no trace
	}
	return err
}

// updateRow runs a statement inside a transaction that must change exactly one row.
func updateRow(tx *txn, query, gone string, args ...any) error {
	res, err := tx.Exec(query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return data.Errorf(data.NotFound, "%s", gone)
	}
	return nil
}

// deleteLeftOut deletes the rows listed by list (for id) that are not kept.
func deleteLeftOut(tx *txn, list, remove string, id int64, kept map[int64]bool) error {
	rows, err := tx.Query(list, id)
	if err != nil {
		return err
	}
	var gone []int64
	for rows.Next() {
		var rid int64
		if err := rows.Scan(&rid); err != nil {
			rows.Close()
			return err
		}
		if !kept[rid] {
			gone = append(gone, rid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, rid := range gone {
		if _, err := tx.Exec(remove, rid); err != nil {
			return err
		}
	}
	return nil
}

// DeleteSession removes a session with its attendance, ratings, notes and action items.
func (s *Store) DeleteSession(id int64) error {
	err := s.tx(context.Background(), func(tx *txn) error {
		if _, err := tx.Exec(`DELETE FROM action_items WHERE session_id = ?`, id); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return updateRow(tx, `DELETE FROM sessions WHERE id = ?`, "This session no longer exists.", id)
	})
	if err == nil {
		s.forget()
	}
	return err
}

func insertNote(tx *txn, n *data.Note, now string) error {
	res, err := tx.Exec(`INSERT INTO notes (partnership_id, session_id, participant_id, visibility, body, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
		nullID(n.PartnershipID), nullID(n.SessionID), nullID(n.ParticipantID), n.Visibility, n.Body, now, now)
	if err != nil {
		return fmt.Errorf("save note: %w", err)
	}
	n.ID, _ = res.LastInsertId()
	return nil
}

func insertActionItem(tx *txn, a *data.ActionItem, now string) error {
	a.Text = strings.TrimSpace(a.Text)
	res, err := tx.Exec(`INSERT INTO action_items (partnership_id, session_id, owner_id, text, due_on, done_on, created_at) VALUES (?,?,?,?,?,?,?)`,
		a.PartnershipID, nullID(a.SessionID), nullID(a.OwnerID), a.Text, a.DueOn.String(), a.DoneOn.String(), now)
	if err != nil {
		return fmt.Errorf("save action item: %w", err)
	}
	a.ID, _ = res.LastInsertId()
	return nil
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// AddNote saves a note on a partnership as a whole (not on one session).
func (s *Store) AddNote(n *data.Note) error {
	if n.Visibility == "" {
		n.Visibility = data.Private
	}
	n.Body = strings.TrimSpace(n.Body)
	if msg := n.Check(); msg != "" {
		return data.Errorf(data.Invalid, "%s", msg)
	}
	return s.tx(context.Background(), func(tx *txn) error {
		if _, err := s.partnershipTx(tx, n.PartnershipID); err != nil {
			return err
		}
		return insertNote(tx, n, s.timestamp())
	})
}

// UpdateNote changes a note's text and who may read it.
func (s *Store) UpdateNote(id int64, body string, v data.Visibility) error {
	n := data.Note{Body: strings.TrimSpace(body), Visibility: v}
	if msg := n.Check(); msg != "" {
		return data.Errorf(data.Invalid, "%s", msg)
	}
	return s.updateOne(`UPDATE notes SET body = ?, visibility = ?, updated_at = ? WHERE id = ?`, "This note no longer exists.", n.Body, v, s.timestamp(), id)
}

// SetNoteVisibility changes who may read a note.
func (s *Store) SetNoteVisibility(id int64, v data.Visibility) error {
	if !v.Valid() {
		return data.Errorf(data.Invalid, "A note is private, shared or for the sponsor.")
	}
	return s.updateOne(`UPDATE notes SET visibility = ?, updated_at = ? WHERE id = ?`, "This note no longer exists.", v, s.timestamp(), id)
}

// DeleteNote removes a note, leaving no trace of its text in the file.
func (s *Store) DeleteNote(id int64) error {
	defer s.forget()
	return s.updateOne(`DELETE FROM notes WHERE id = ?`, "This note no longer exists.", id)
}

// SetActionItemDone marks an action item done on a day, or open again with a zero day.
func (s *Store) SetActionItemDone(id int64, on data.Date) error {
	if !on.IsZero() && s.today().Before(on) {
		return data.Errorf(data.Invalid, "An action item cannot be done in the future.")
	}
	return s.updateOne(`UPDATE action_items SET done_on = ? WHERE id = ?`, "This action item no longer exists.", on.String(), id)
}

// AddActionItem adds an action item to a partnership outside a session.
func (s *Store) AddActionItem(a *data.ActionItem) error {
	return s.tx(context.Background(), func(tx *txn) error {
		p, err := s.partnershipTx(tx, a.PartnershipID)
		if err != nil {
			return err
		}
		if msg := a.Check(p); msg != "" {
			return data.Errorf(data.Invalid, "%s", msg)
		}
		return insertActionItem(tx, a, s.timestamp())
	})
}

// updateOne runs a statement that must change exactly one row.
func (s *Store) updateOne(query, gone string, args ...any) error {
	return s.tx(context.Background(), func(tx *txn) error { return updateRow(tx, query, gone, args...) })
}

// Agendas returns the suggested agenda items for an orientation ("job", "career", "calling",
// "mixed"), followed by those for any orientation.
func (s *Store) Agendas(orientation string) ([]string, error) {
	rows, err := s.db.Query(`SELECT text FROM agendas WHERE orientation IN (?, 'any') ORDER BY orientation = 'any', position, id`, orientation)
	if err != nil {
		return nil, fmt.Errorf("read agendas: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AgendaLibrary returns every group of the agenda library with its items.
func (s *Store) AgendaLibrary() (map[string][]string, error) {
	rows, err := s.db.Query(`SELECT orientation, text FROM agendas ORDER BY orientation, position, id`)
	if err != nil {
		return nil, fmt.Errorf("read agendas: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var o, t string
		if err := rows.Scan(&o, &t); err != nil {
			return nil, err
		}
		out[o] = append(out[o], t)
	}
	return out, rows.Err()
}

// SaveAgendaLibrary replaces the groups given (orientation → items, one topic each), all
// or none: every group is checked before anything is written.
func (s *Store) SaveAgendaLibrary(library map[string][]string) error {
	clean := map[string][]string{}
	for orientation, items := range library {
		valid := false
		for _, o := range data.AgendaOrientations {
			valid = valid || o == orientation
		}
		if !valid {
			return data.Errorf(data.Invalid, "Agendas are kept for calling, career, job, mixed or any orientation.")
		}
		clean[orientation] = []string{}
		for _, it := range items {
			if it = strings.TrimSpace(it); it != "" {
				if msg := data.CheckText("An agenda item", it, data.MaxShortLength*2); msg != "" {
					return data.Errorf(data.Invalid, "%s (%s)", msg, data.Clip(it))
				}
				clean[orientation] = append(clean[orientation], it)
			}
		}
	}
	return s.tx(context.Background(), func(tx *txn) error {
		for _, orientation := range data.AgendaOrientations {
			items, ok := clean[orientation]
			if !ok {
				continue
			}
			if _, err := tx.Exec(`DELETE FROM agendas WHERE orientation = ?`, orientation); err != nil {
				return err
			}
			for i, it := range items {
				if _, err := tx.Exec(`INSERT INTO agendas (orientation, position, text) VALUES (?,?,?)`, orientation, i+1, it); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Outcomes returns, for every cohort with partnerships, how many there are and how many are
// productive (lasted six months or more, every member rating 4 or more on average).
func (s *Store) Outcomes(today data.Date) (map[int64]data.CohortOutcome, error) {
	list, err := s.Partnerships()
	if err != nil {
		return nil, err
	}
	sums, counts := map[int64]map[int64]int{}, map[int64]map[int64]int{} // partnership → member → total
	rows, err := s.db.Query(`SELECT se.partnership_id, a.participant_id, sum(a.rating), count(*) FROM session_attendance a
		JOIN sessions se ON se.id = a.session_id WHERE a.rating > 0 GROUP BY se.partnership_id, a.participant_id`)
	if err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ps, pid int64
		var sum, n int
		if err := rows.Scan(&ps, &pid, &sum, &n); err != nil {
			return nil, err
		}
		if sums[ps] == nil {
			sums[ps], counts[ps] = map[int64]int{}, map[int64]int{}
		}
		sums[ps][pid], counts[ps][pid] = sum, n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[int64]data.CohortOutcome{}
	for i := range list {
		p := &list[i]
		o := out[p.CohortID]
		o.CohortID = p.CohortID
		o.Add(data.OutcomeOf(p, sums[p.ID], counts[p.ID], today))
		out[p.CohortID] = o
	}
	return out, nil
}
