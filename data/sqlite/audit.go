package sqlite

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mutua/data"
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
		if msg := data.CheckText("The text", x, data.MaxTextLength); msg != "" {
			return msg
		}
		switch {
		case x == "":
		case strings.HasSuffix(column, "_on"):
			if _, err := data.ParseDate(x); err != nil {
				return fmt.Sprintf("%q is not a date (dates are written YYYY-MM-DD)", data.Clip(x))
			}
		case strings.HasSuffix(column, "_at"):
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				return fmt.Sprintf("%q is not a time (times are written like 2026-03-16T09:00:00Z)", data.Clip(x))
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
func (s *Store) readEverything(today data.Date, rules bool) error {
	var broken rulesBroken
	broke := broken.add
	roster, err := s.Roster()
	if err != nil {
		return unreadable("the roster: %w", err)
	}
	instruments, err := s.Instruments()
	if err != nil {
		return unreadable("the assessments: %w", err)
	}
	byID := map[int64]*data.Instrument{}
	for i := range instruments {
		in := &instruments[i]
		byID[in.ID] = in
		if rules {
			c := in.Clone()
			c.Normalize()
			if err := c.Validate(); err != nil {
				broke("assessment %d (%s): %s", in.ID, data.Clip(in.Name), data.Problems(err)[0].Message)
			}
		}
	}
	for _, c := range roster.Cohorts {
		if rules {
			tidy := c
			tidy.Normalize()
			if msg := untidy("The cohort name", c.Name, tidy.Name); msg != "" {
				broke("cohort %d: %s", c.ID, msg)
			} else if err := c.Validate(); err != nil {
				broke("cohort %d (%s): %s", c.ID, data.Clip(c.Name), data.Problems(err)[0].Message)
			}
		}
		rounds, err := s.Rounds(c.ID)
		if err != nil {
			return unreadable("cohort %d (%s), its pairing rounds: %w", c.ID, data.Clip(c.Name), err)
		}
		for _, r := range rounds {
			if _, err := s.SavedRound(r.ID); err != nil {
				return unreadable("cohort %d (%s), pairing round %d: %w", c.ID, data.Clip(c.Name), r.ID, err)
			}
		}
	}
	// Every participant and every result at once, through the code that reads one.
	people, err := s.participants()
	if err != nil {
		return unreadable("the participants: %w", err)
	}
	results, err := s.assessments(`ORDER BY participant_id, assessed_on DESC, id DESC`, ``)
	if err != nil {
		return unreadable("the assessment results: %w", err)
	}
	history := map[int64][]data.Assessment{}
	for _, a := range results {
		history[a.ParticipantID] = append(history[a.ParticipantID], a)
	}
	if rules {
		emails := map[string]int64{}
		for _, p := range people {
			p.Normalize()
			if p.Email == "" {
				continue
			}
			if other, ok := emails[p.Email]; ok {
				broke("%s is the email of two participants (%d and %d); each needs their own", p.Email, other, p.ID)
				continue
			}
			emails[p.Email] = p.ID
		}
	}
	for _, prof := range people {
		where := fmt.Sprintf("participant %d (%s)", prof.ID, data.Clip(strings.Join(strings.Fields(prof.Name), " ")))
		goals, err := s.Goals(prof.ID)
		if err != nil {
			return unreadable("%s, goals: %w", where, err)
		}
		for _, a := range history[prof.ID] { // answers that cannot be scored again
			if in := byID[a.InstrumentID]; in != nil {
				if msg := checkAnswersStored(in, &a); msg != "" {
					return unreadable("%s, %s result of %s: %s", where, data.Clip(in.Name), data.Shown(a.AssessedOn), strings.TrimSuffix(msg, "."))
				}
			}
		}
		if !rules {
			continue
		}
		p := prof
		p.Normalize()
		if err := p.Validate(); err != nil {
			broke("%s: %s", where, data.Problems(err)[0].Message)
		}
		for _, f := range []struct {
			field        string
			stored, tidy string
		}{{"name", prof.Name, p.Name}, {"phone", prof.Phone, p.Phone}, // emails are tidied on import
			{"title", prof.Title, p.Title}, {"company", prof.Company, p.Company}, {"industry", prof.Industry, p.Industry},
			{"function", prof.Function, p.Function}, {"location", prof.Location, p.Location}, {"timezone", prof.TimeZone, p.TimeZone}} {
			if msg := untidy(data.FieldLabel(f.field), f.stored, f.tidy); msg != "" {
				broke("%s: %s", where, msg)
				break
			}
		}
		for _, a := range history[prof.ID] {
			in := byID[a.InstrumentID]
			if in == nil {
				broke("%s: a result belongs to an assessment that is not in the file", where)
				continue
			}
			if err := checkAssessment(in, &a); err != nil {
				broke("%s, %s result of %s: %s", where, data.Clip(in.Name), data.Shown(a.AssessedOn), data.Problems(err)[0].Message)
			} else if want := in.PrimaryOrientation(a.Values); a.PrimaryOrientation != want {
				broke("%s, %s result of %s: the primary orientation is %q but its scores make it %q", where, data.Clip(in.Name), data.Shown(a.AssessedOn), data.Clip(a.PrimaryOrientation), want)
			}
		}
		for _, g := range goals {
			c := g
			c.Normalize()
			if err := c.Validate(); err != nil {
				broke("%s, goal %d: %s", where, g.ID, data.Problems(err)[0].Message)
			}
			for _, ci := range g.CheckIns {
				ci.Normalize()
				if err := ci.Validate(&g, today); err != nil {
					broke("%s, goal %d, check-in %d: %s", where, g.ID, ci.ID, data.Problems(err)[0].Message)
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
		who := ps.Names(" and ")
		if who == "" {
			who = "no members"
		}
		where := fmt.Sprintf("partnership %d (%s)", ps.ID, data.Clip(who))
		page, err := s.partnershipPage(ps)
		if err != nil {
			return unreadable("%s: %w", where, err)
		}
		if !rules {
			continue
		}
		if err := checkPartnership(where, page, today); err != nil {
			broke("%s", err)
		}
		if !page.Ended() {
			for _, m := range page.Members {
				running[m.ParticipantID]++
			}
		}
	}
	if rules {
		for _, p := range people {
			if n := running[p.ID]; n > p.Capacity {
				broke("participant %d (%s) is in %d running partnerships but has room for %d", p.ID, data.Clip(p.Name), n, p.Capacity)
			}
		}
	}
	exclusions, err := s.Exclusions()
	if err != nil {
		return unreadable("the pairs never to match: %w", err)
	}
	library, err := s.AgendaLibrary()
	if err != nil {
		return unreadable("the agendas: %w", err)
	}
	if rules {
		for _, e := range exclusions {
			if msg := data.CheckText("The reason", e.Reason, data.MaxShortLength); msg != "" {
				a, b := e.NameA, e.NameB
				if e.ParticipantA == 0 {
					a, b = e.CompanyA, e.CompanyB
				}
				broke("pair never to match %d (%s and %s): %s", e.ID, data.Clip(a), data.Clip(b), msg)
			}
		}
		for _, o := range data.AgendaOrientations {
			for _, it := range library[o] {
				if msg := data.CheckText("An agenda item", it, data.MaxShortLength*2); msg != "" {
					broke("agenda for %s orientation: %s", o, msg)
				}
			}
		}
	}
	if _, err := s.Outcomes(today); err != nil {
		return unreadable("the outcomes: %w", err)
	}
	if _, err := s.Attention(today, 30); err != nil {
		return unreadable("what needs attention: %w", err)
	}
	return broken.err()
}

// untidy says how a one-line value differs from the way the app stores what the coach types
// (spaces trimmed and single, no line breaks, emails in lower case), or "".
func untidy(label, stored, tidy string) string {
	if stored == tidy {
		return ""
	}
	return fmt.Sprintf("%s %q is not written the way Mutua keeps it (that would be %q)", label, data.Clip(stored), data.Clip(tidy))
}

// checkPartnership applies the rules the app keeps when a partnership is approved, ended,
// planned and its sessions, notes and action items logged.
func checkPartnership(where string, page *data.PartnershipPage, today data.Date) error {
	p := &page.Partnership
	if n := len(p.Members); n < 2 || n > 3 {
		return fmt.Errorf("%s: a partnership has two or three members, not %d", where, n)
	}
	switch {
	case p.Status != data.Running && p.Status != data.Completed && p.Status != data.EndedEarly:
		return fmt.Errorf("%s: a partnership is active, completed or ended early, not %q", where, data.Clip(string(p.Status)))
	case p.Ended() && p.EndedOn.IsZero():
		return fmt.Errorf("%s: it ended but has no end date", where)
	case !p.Ended() && !p.EndedOn.IsZero():
		return fmt.Errorf("%s: it is running but has an end date", where)
	case !p.EndedOn.IsZero() && p.EndedOn.Before(p.StartedOn):
		return fmt.Errorf("%s: a partnership cannot end before it started (%s)", where, data.Shown(p.StartedOn))
	case today.Before(p.EndedOn):
		return fmt.Errorf("%s: a partnership cannot end in the future (%s)", where, data.Shown(p.EndedOn))
	case !p.EndedOn.IsZero() && !p.LastSession.IsZero() && p.EndedOn.Before(p.LastSession):
		return fmt.Errorf("%s: it cannot end before its last session (%s)", where, data.Shown(p.LastSession))
	}
	if !p.PlannedEndOn.IsZero() {
		if !p.StartedOn.Before(p.PlannedEndOn) {
			return fmt.Errorf("%s: the planned end must come after the start (%s)", where, data.Shown(p.StartedOn))
		}
		if data.DateOf(p.StartedOn.Time().AddDate(data.MaxPlannedYears, 0, 0)).Before(p.PlannedEndOn) {
			return fmt.Errorf("%s: a partnership is planned for at most %d years", where, data.MaxPlannedYears)
		}
	}
	if msg := data.CheckText("The reason", p.EndReason, data.MaxShortLength); msg != "" {
		return fmt.Errorf("%s: %s", where, msg)
	}
	for _, m := range p.Members {
		if m.FitCheck != "" && m.FitCheck != data.Keep && m.FitCheck != data.Rematch {
			return fmt.Errorf("%s: %s's fit check is keep or re-match, not %q", where, data.Clip(m.Name), data.Clip(m.FitCheck))
		}
	}
	for i := range page.SessionLog {
		se := &page.SessionLog[i]
		if err := se.Validate(p, today); err != nil {
			return fmt.Errorf("%s, session %d: %s", where, se.ID, data.Problems(err)[0].Message)
		}
	}
	for _, n := range page.Notes {
		if msg := n.Check(); msg != "" {
			return fmt.Errorf("%s, note %d: %s", where, n.ID, msg)
		}
	}
	for _, list := range [][]data.ActionItem{page.OpenActions, page.DoneActions} {
		for _, a := range list {
			if msg := a.Check(p); msg != "" {
				return fmt.Errorf("%s, action item %d: %s", where, a.ID, msg)
			}
		}
	}
	for _, a := range page.Surveys {
		a := a
		a.Tidy()
		if err := a.Validate(); err != nil {
			return fmt.Errorf("%s, survey answer of %s: %s", where, data.Shown(a.AnsweredOn), data.Problems(err)[0].Message)
		}
		if p.Member(a.ParticipantID) == nil {
			return fmt.Errorf("%s, survey answer of %s: %s is not a member of the partnership", where, data.Shown(a.AnsweredOn), data.Clip(a.ParticipantName))
		}
		if today.Before(a.AnsweredOn) {
			return fmt.Errorf("%s, survey answer of %s: a survey cannot be answered in the future", where, data.Shown(a.AnsweredOn))
		}
	}
	return nil
}

// maxProblems is how many broken rules an import names at most.
const maxProblems = 50

// rulesBroken gathers the rules a practice's records break, each with where.
type rulesBroken struct{ problems []data.Problem }

func (r *rulesBroken) add(format string, args ...any) {
	if len(r.problems) < maxProblems {
		r.problems = append(r.problems, data.Problem{Message: fmt.Sprintf(format, args...)})
	}
}

func (r *rulesBroken) err() error {
	if len(r.problems) == 0 {
		return nil
	}
	return r
}

// Error names the first few problems and says how many more there are.
func (r *rulesBroken) Error() string {
	var msgs []string
	for i, p := range r.problems {
		if i == 3 {
			more := fmt.Sprintf("and %d more", len(r.problems)-3)
			if len(r.problems) == maxProblems {
				more = "and more"
			}
			msgs = append(msgs, more)
			break
		}
		msgs = append(msgs, p.Message)
	}
	return strings.Join(msgs, "; ")
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
func (s *Store) checkRecords(today data.Date) error {
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
		return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("The practice holds a record Mutua cannot read: %s.", plainReadError(err)), Err: err}
	}
	return nil
}

var scanError = regexp.MustCompile(`sql: Scan error on column index \d+, name "([^"]*)": `)

// plainReadError trims the driver's wording from an error met while reading.
func plainReadError(err error) string {
	msg := scanError.ReplaceAllString(strings.TrimSuffix(err.Error(), "."), "field $1: ")
	if r := []rune(msg); len(r) > 800 {
		msg = string(r[:800]) + "…"
	}
	return msg
}
