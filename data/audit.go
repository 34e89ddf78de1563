package data

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The practice read the way the screens read it. A full import is held to every rule the app
// applies when the coach types a record, and check reads every record through the same code
// the screens use, so neither lets in (or calls sound) a practice the app cannot show.

// maxStoredNumber bounds the numbers no scale governs (pairing scores and totals).
const maxStoredNumber = 1e9

// checkValues looks at every value of every table: text must be text (no control
// characters but line breaks and tabs, at most MaxTextLength characters), dates must be dates,
// times must be times and numbers must be finite and of a sensible size. It names the first
// value that is not.
func checkValues(q querier) error {
	tables, err := schemaTables(q)
	if err != nil {
		return err
	}
	for _, t := range tables {
		cols := make([]string, len(t.columns))
		for i, c := range t.columns {
			cols[i] = quoteIdent(c)
		}
		rows, err := q.Query(`SELECT ` + strings.Join(cols, ", ") + ` FROM ` + quoteIdent(t.name) + ` ORDER BY rowid`)
		if err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		n := 0
		for rows.Next() {
			n++
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("read %s: %w", t.name, err)
			}
			for i, c := range t.columns {
				if msg := checkValue(c, values[i]); msg != "" {
					rows.Close()
					return fmt.Errorf("%s, record %d, field %s: %s", t.name, n, c, msg)
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
	}
	return nil
}

// checkValue says what is wrong with one stored value of column, or "".
func checkValue(column string, v any) string {
	switch x := v.(type) {
	case []byte:
		return checkValue(column, string(x))
	case string:
		if msg := checkText("The text", x, MaxTextLength); msg != "" {
			return msg
		}
		switch {
		case x == "":
		case strings.HasSuffix(column, "_on"):
			if _, err := ParseDate(x); err != nil {
				return fmt.Sprintf("%q is not a date (dates are written YYYY-MM-DD)", clip(x))
			}
		case strings.HasSuffix(column, "_at"):
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				return fmt.Sprintf("%q is not a time (times are written like 2026-03-16T09:00:00Z)", clip(x))
			}
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > maxStoredNumber {
			return fmt.Sprintf("the number %s is out of range", strconv.FormatFloat(x, 'g', 6, 64))
		}
	}
	return ""
}

// readEverything reads every record through the functions the screens use. With rules, each
// record must also pass the checks the app applies when the coach enters it, today being the
// latest day a session, check-in or end may carry.
func (s *Store) readEverything(today Date, rules bool) error {
	roster, err := s.Roster()
	if err != nil {
		return unreadable("the roster: %w", err)
	}
	instruments, err := s.Instruments()
	if err != nil {
		return unreadable("the assessments: %w", err)
	}
	byID := map[int64]*Instrument{}
	for i := range instruments {
		in := &instruments[i]
		byID[in.ID] = in
		if rules {
			c := *in
			c.Scales = append([]Scale(nil), in.Scales...)
			c.Normalize()
			if err := c.Validate(); err != nil {
				return fmt.Errorf("assessment %d (%s): %s", in.ID, clip(in.Name), Problems(err)[0].Message)
			}
		}
	}
	for _, c := range roster.Cohorts {
		if rules {
			if err := c.Validate(); err != nil {
				return fmt.Errorf("cohort %d (%s): %s", c.ID, clip(c.Name), Problems(err)[0].Message)
			}
		}
		rounds, err := s.Rounds(c.ID)
		if err != nil {
			return unreadable("cohort %d (%s), its pairing rounds: %w", c.ID, clip(c.Name), err)
		}
		for _, r := range rounds {
			if _, err := s.SavedRound(r.ID); err != nil {
				return unreadable("cohort %d (%s), pairing round %d: %w", c.ID, clip(c.Name), r.ID, err)
			}
		}
	}
	emails := map[string]int64{}
	capacity := map[int64]int{}
	names := map[int64]string{}
	for _, e := range roster.Entries {
		where := fmt.Sprintf("participant %d (%s)", e.ID, clip(e.Name))
		prof, err := s.Profile(e.ID)
		if err != nil {
			return unreadable("%s: %w", where, err)
		}
		history, err := s.History(e.ID)
		if err != nil {
			return unreadable("%s, assessments: %w", where, err)
		}
		goals, err := s.Goals(e.ID)
		if err != nil {
			return unreadable("%s, goals: %w", where, err)
		}
		capacity[e.ID], names[e.ID] = prof.Capacity, prof.Name
		if !rules {
			continue
		}
		p := prof.Participant
		p.Normalize()
		if err := p.Validate(); err != nil {
			return fmt.Errorf("%s: %s", where, Problems(err)[0].Message)
		}
		if p.Email != "" {
			if other, ok := emails[p.Email]; ok {
				return fmt.Errorf("%s: %s is the email of two participants (%d and %d); each needs their own", where, p.Email, other, e.ID)
			}
			emails[p.Email] = e.ID
		}
		for _, a := range history {
			in := byID[a.InstrumentID]
			if in == nil {
				return fmt.Errorf("%s: a result belongs to an assessment that is not in the file", where)
			}
			if err := checkAssessment(in, &a); err != nil {
				return fmt.Errorf("%s, %s result of %s: %s", where, clip(in.Name), a.AssessedOn, Problems(err)[0].Message)
			}
		}
		for _, g := range goals {
			c := g
			c.Normalize()
			if err := c.Validate(); err != nil {
				return fmt.Errorf("%s, goal %d: %s", where, g.ID, Problems(err)[0].Message)
			}
			for _, ci := range g.CheckIns {
				ci.Normalize()
				if err := ci.validate(&g, today); err != nil {
					return fmt.Errorf("%s, goal %d, check-in %d: %s", where, g.ID, ci.ID, Problems(err)[0].Message)
				}
			}
		}
	}
	list, err := s.Partnerships()
	if err != nil {
		return unreadable("the partnerships: %w", err)
	}
	running := map[int64]int{}
	for _, ps := range list {
		where := fmt.Sprintf("partnership %d", ps.ID)
		page, err := s.Partnership(ps.ID)
		if err != nil {
			return unreadable("%s: %w", where, err)
		}
		if !rules {
			continue
		}
		if err := checkPartnership(page, today); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if !page.Ended() {
			for _, m := range page.Members {
				running[m.ParticipantID]++
			}
		}
	}
	if rules {
		for _, e := range roster.Entries {
			if n := running[e.ID]; n > capacity[e.ID] {
				return fmt.Errorf("participant %d (%s) is in %d running partnerships but has room for %d", e.ID, clip(names[e.ID]), n, capacity[e.ID])
			}
		}
	}
	if _, err := s.Exclusions(); err != nil {
		return unreadable("the pairs never to match: %w", err)
	}
	if _, err := s.AgendaLibrary(); err != nil {
		return unreadable("the agendas: %w", err)
	}
	if _, err := s.Outcomes(today); err != nil {
		return unreadable("the outcomes: %w", err)
	}
	if _, err := s.Attention(today, 30); err != nil {
		return unreadable("what needs attention: %w", err)
	}
	return nil
}

// checkPartnership applies the rules the app keeps when a partnership is approved, ended,
// planned and its sessions, notes and action items logged.
func checkPartnership(page *PartnershipPage, today Date) error {
	p := &page.Partnership
	if n := len(p.Members); n < 2 || n > 3 {
		return fmt.Errorf("a partnership has two or three members, not %d", n)
	}
	switch {
	case p.Status != Running && p.Status != Completed && p.Status != EndedEarly:
		return fmt.Errorf("a partnership is active, completed or ended early, not %q", clip(string(p.Status)))
	case p.Ended() && p.EndedOn.IsZero():
		return fmt.Errorf("it ended but has no end date")
	case !p.Ended() && !p.EndedOn.IsZero():
		return fmt.Errorf("it is running but has an end date")
	case !p.EndedOn.IsZero() && p.EndedOn.Before(p.StartedOn):
		return fmt.Errorf("a partnership cannot end before it started (%s)", shown(p.StartedOn))
	case today.Before(p.EndedOn):
		return fmt.Errorf("a partnership cannot end in the future (%s)", shown(p.EndedOn))
	case !p.EndedOn.IsZero() && !p.LastSession.IsZero() && p.EndedOn.Before(p.LastSession):
		return fmt.Errorf("it cannot end before its last session (%s)", shown(p.LastSession))
	}
	if !p.PlannedEndOn.IsZero() {
		if !p.StartedOn.Before(p.PlannedEndOn) {
			return fmt.Errorf("the planned end must come after the start (%s)", shown(p.StartedOn))
		}
		if DateOf(p.StartedOn.Time().AddDate(MaxPlannedYears, 0, 0)).Before(p.PlannedEndOn) {
			return fmt.Errorf("a partnership is planned for at most %d years", MaxPlannedYears)
		}
	}
	if msg := checkText("The reason", p.EndReason, MaxShortLength); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	for _, m := range p.Members {
		if m.FitCheck != "" && m.FitCheck != Keep && m.FitCheck != Rematch {
			return fmt.Errorf("%s's fit check is keep or re-match, not %q", clip(m.Name), clip(m.FitCheck))
		}
	}
	for i := range page.SessionLog {
		se := &page.SessionLog[i]
		if err := se.validate(p, today); err != nil {
			return fmt.Errorf("session %d: %s", se.ID, Problems(err)[0].Message)
		}
	}
	for _, n := range page.Notes {
		if msg := n.check(); msg != "" {
			return fmt.Errorf("note %d: %s", n.ID, msg)
		}
	}
	for _, list := range [][]ActionItem{page.OpenActions, page.DoneActions} {
		for _, a := range list {
			if msg := a.check(p); msg != "" {
				return fmt.Errorf("action item %d: %s", a.ID, msg)
			}
		}
	}
	return nil
}

// readError is a record that could not be read at all, as opposed to one that breaks a rule.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

func unreadable(format string, args ...any) error {
	return &readError{fmt.Errorf(format, args...)}
}

// checkRecords holds the records of a practice to the app's rules: first each value on its
// own, then each record as the screens read it. A record that cannot be read at all is named
// by the value that makes it so, when one does.
func (s *Store) checkRecords(today Date) error {
	err := s.readEverything(today, true)
	var re *readError
	if err == nil || errors.As(err, &re) {
		if verr := checkValues(s.db); verr != nil {
			return verr
		}
	}
	return err
}

// readable reports, as damage, the first record the screens cannot read.
func (s *Store) readable() error {
	if err := s.readEverything(s.today(), false); err != nil {
		return &Error{Code: Damaged, Message: fmt.Sprintf("The practice holds a record Mutua cannot read: %s.", plainReadError(err)), Err: err}
	}
	return nil
}

var scanError = regexp.MustCompile(`sql: Scan error on column index \d+, name "([^"]*)": `)

// plainReadError trims the driver's wording from an error met while reading.
func plainReadError(err error) string {
	msg := scanError.ReplaceAllString(strings.TrimSuffix(err.Error(), "."), "field $1: ")
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return msg
}
