package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// RosterColumns lists the roster CSV columns, in the order Mutua writes them.
var RosterColumns = []string{"name", "email", "phone", "title", "company", "industry", "function",
	"seniority", "years_experience", "birth_year", "location", "timezone", "strengths",
	"development_areas", "goals", "capacity", "status", "cohort", "job", "career", "calling", "assessed_on"}

// Work Orientation columns: the three scores and the date they were taken.
var orientationColumns = []string{"job", "career", "calling"}

// MaxImportBytes is the largest roster file Mutua reads.
const MaxImportBytes = 64 << 20

// ImportResult says what an import did.
type ImportResult struct {
	Added       int      // new participants
	Updated     int      // participants matched by email and updated
	Assessments int      // Work Orientation results recorded
	NewCohorts  []string // cohorts created for the file
	Warnings    []string // things the coach should know that did not stop the import
}

// Summary describes the result in one sentence.
func (r ImportResult) Summary() string {
	var parts []string
	if r.Added > 0 || r.Updated == 0 {
		parts = append(parts, fmt.Sprintf("added %d participant%s", r.Added, plural(r.Added)))
	}
	if r.Updated > 0 {
		parts = append(parts, fmt.Sprintf("updated %d", r.Updated))
	}
	s := strings.Join(parts, " and ")
	s = strings.ToUpper(s[:1]) + s[1:]
	if r.Assessments > 0 {
		s += fmt.Sprintf(", with %d work-orientation result%s", r.Assessments, plural(r.Assessments))
	}
	if len(r.NewCohorts) > 0 {
		s += fmt.Sprintf("; new cohort%s: %s", plural(len(r.NewCohorts)), strings.Join(r.NewCohorts, ", "))
	}
	return s + "."
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// rosterRow is one parsed line of a roster file.
type rosterRow struct {
	line        int
	participant Participant
	present     map[string]bool // columns the file has
	cohorts     []string
	scores      []float64 // job, career, calling; nil when the row has no result
	assessedOn  Date
}

// ImportRoster reads a roster CSV and saves it in one transaction: every row or none. Rows
// whose email matches a participant update that participant; the others are added.
func (s *Store) ImportRoster(r io.Reader) (ImportResult, error) {
	var res ImportResult
	raw, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return res, fmt.Errorf("read roster file: %w", err)
	}
	wo, err := s.InstrumentByKey(WorkOrientationKey)
	if err != nil {
		return res, err
	}
	rows, warnings, err := parseRoster(raw, &wo)
	res.Warnings = warnings
	if err != nil {
		return res, err
	}
	if err := s.backupBefore("import"); err != nil {
		return res, err
	}
	err = s.tx(context.Background(), func(tx *txn) error {
		res.Added, res.Updated, res.Assessments, res.NewCohorts = 0, 0, 0, nil
		var problems []Problem
		cohorts := map[string]int64{}
		for _, row := range rows {
			if err := s.importRow(tx, &wo, row, cohorts, &res); err != nil {
				var e *Error
				if !errors.As(err, &e) {
					return fmt.Errorf("import roster line %d: %w", row.line, err)
				}
				for _, p := range problemsOf(e) {
					p.Line = row.line
					problems = append(problems, p)
				}
			}
		}
		return rosterInvalid(problems)
	})
	return res, err
}

// problemsOf returns e's problems, or e itself as one problem.
func problemsOf(e *Error) []Problem {
	if len(e.Problems) > 0 {
		return e.Problems
	}
	return []Problem{{Message: e.Message}}
}

func rosterInvalid(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	msg := "The roster was not imported because of 1 problem"
	if len(problems) > 1 {
		msg = fmt.Sprintf("The roster was not imported because of %d problems", len(problems))
	}
	return &Error{Code: Invalid, Message: msg, Problems: problems}
}

// importRow saves one row inside the import transaction.
func (s *Store) importRow(tx *txn, wo *Instrument, row rosterRow, cohorts map[string]int64, res *ImportResult) error {
	p := row.participant
	if p.Email != "" {
		var existingID int64
		err := tx.QueryRow(`SELECT id FROM participants WHERE lower(email) = ? AND email <> ''`, p.Email).Scan(&existingID)
		if err == nil {
			existing, err := participantByID(tx, existingID)
			if err != nil {
				return err
			}
			p = mergeRow(existing, row)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	isNew := p.ID == 0
	if err := s.saveParticipant(tx, &p); err != nil {
		return err
	}
	if isNew {
		res.Added++
	} else {
		res.Updated++
	}
	for _, name := range row.cohorts {
		id, err := s.cohortForImport(tx, name, cohorts, res)
		if err != nil {
			return err
		}
		if err := addMember(tx, id, p.ID); err != nil {
			return err
		}
	}
	if row.scores != nil {
		a := Assessment{ParticipantID: p.ID, AssessedOn: row.assessedOn}
		for i, name := range orientationColumns {
			sc, _ := wo.Scale(name)
			a.Values = append(a.Values, ScaleValue{ScaleID: sc.ID, Number: row.scores[i]})
		}
		if err := s.saveAssessment(tx, wo, &a); err != nil {
			return err
		}
		res.Assessments++
	}
	return nil
}

// mergeRow copies the columns the file has onto an existing participant.
func mergeRow(p Participant, row rosterRow) Participant {
	src := row.participant
	set := func(col string, dst *string, v string) {
		if row.present[col] {
			*dst = v
		}
	}
	set("name", &p.Name, src.Name)
	set("phone", &p.Phone, src.Phone)
	set("title", &p.Title, src.Title)
	set("company", &p.Company, src.Company)
	set("industry", &p.Industry, src.Industry)
	set("function", &p.Function, src.Function)
	set("location", &p.Location, src.Location)
	set("timezone", &p.TimeZone, src.TimeZone)
	set("goals", &p.Goals, src.Goals)
	for col, pair := range map[string][2]*int{"seniority": {&p.Seniority, &src.Seniority},
		"years_experience": {&p.YearsExperience, &src.YearsExperience}, "birth_year": {&p.BirthYear, &src.BirthYear},
		"capacity": {&p.Capacity, &src.Capacity}} {
		if row.present[col] {
			*pair[0] = *pair[1]
		}
	}
	if row.present["strengths"] {
		p.Strengths = src.Strengths
	}
	if row.present["development_areas"] {
		p.DevelopmentAreas = src.DevelopmentAreas
	}
	if row.present["status"] {
		p.Status = src.Status
	}
	return p
}

// cohortForImport finds a cohort by name, creating it on first use.
func (s *Store) cohortForImport(tx *txn, name string, seen map[string]int64, res *ImportResult) (int64, error) {
	key := strings.ToLower(name)
	if id, ok := seen[key]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRow(`SELECT id FROM cohorts WHERE lower(name) = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		c := Cohort{Name: name}
		if err := s.saveCohort(tx, &c); err != nil {
			return 0, err
		}
		id = c.ID
		res.NewCohorts = append(res.NewCohorts, c.Name)
	} else if err != nil {
		return 0, err
	}
	seen[key] = id
	return id, nil
}

// parseRoster reads and checks every row of a roster file without touching the practice.
func parseRoster(raw []byte, wo *Instrument) ([]rosterRow, []string, error) {
	fail := func(format string, args ...any) ([]rosterRow, []string, error) {
		return nil, nil, Errorf(Invalid, format, args...)
	}
	if len(raw) > MaxImportBytes {
		return fail("The file is larger than %d MB; Mutua reads roster files up to that size.", MaxImportBytes>>20)
	}
	var warnings []string
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(raw, []byte("\xff\xfe")) || bytes.HasPrefix(raw, []byte("\xfe\xff")) {
		return fail("The file is saved as UTF-16 text. Save it as \"CSV UTF-8\" and import it again.")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return fail("This is not a CSV spreadsheet file (it contains binary data).")
	}
	if !utf8.Valid(raw) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return fail("The file's text could not be read. Save it as \"CSV UTF-8\" and import it again.")
		}
		raw = decoded
		warnings = append(warnings, "The file is not UTF-8; it was read as Windows-1252 (Excel's plain \"CSV\" format). Check that accented names came out right.")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return fail("The file is empty.")
	}
	reader := csv.NewReader(bytes.NewReader(raw))
	reader.Comma = sniffDelimiter(raw)
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if err != nil {
		return fail("The first line of the file could not be read as column names: %s.", csvProblem(err))
	}
	columns := map[string]int{}
	var unknown []string
	for i, h := range header {
		name := normalizeColumn(h)
		if name == "" {
			continue
		}
		if _, dup := columns[name]; dup {
			return fail("The column %q appears twice in the first line.", name)
		}
		if !isRosterColumn(name) {
			unknown = append(unknown, strings.TrimSpace(h))
			continue
		}
		columns[name] = i
	}
	if _, ok := columns["name"]; !ok {
		return fail("The file has no \"name\" column. The first line must name the columns, for example: name,email,company.")
	}
	if len(unknown) > 0 {
		warnings = append(warnings, fmt.Sprintf("These columns are not used by Mutua and were skipped: %s.", strings.Join(unknown, ", ")))
	}
	var rows []rosterRow
	var problems []Problem
	emails := map[string]int{}
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			problems = append(problems, Problem{Line: line, Message: csvProblem(err)})
			break // the rest of the file cannot be read reliably
		}
		line, _ := reader.FieldPos(0)
		if blankRecord(record) {
			continue
		}
		row, rowProblems := parseRosterRow(record, columns, wo)
		row.line = line
		for i := range rowProblems {
			rowProblems[i].Line = line
		}
		problems = append(problems, rowProblems...)
		if e := row.participant.Email; e != "" {
			if first, dup := emails[e]; dup {
				problems = append(problems, Problem{Line: line, Field: "email", Message: fmt.Sprintf("The email %s is also on line %d; each participant needs their own.", e, first)})
			} else {
				emails[e] = line
			}
		}
		rows = append(rows, row)
	}
	if err := rosterInvalid(problems); err != nil {
		return nil, warnings, err
	}
	if len(rows) == 0 {
		return nil, warnings, Errorf(Invalid, "The file has column names but no participants.")
	}
	return rows, warnings, nil
}

// parseRosterRow reads one record into a participant and checks it.
func parseRosterRow(record []string, columns map[string]int, wo *Instrument) (rosterRow, []Problem) {
	row := rosterRow{present: map[string]bool{}}
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	cell := func(col string) string {
		i, ok := columns[col]
		if !ok || i >= len(record) {
			return ""
		}
		return strings.TrimSpace(record[i])
	}
	number := func(col string, dst *int, parse func(string) (int, bool)) {
		v := cell(col)
		if v == "" {
			return
		}
		n, ok := parse(v)
		if !ok {
			add(col, "%s must be a whole number, not %q.", FieldLabel(col), clip(v))
			return
		}
		*dst = n
	}
	for col := range columns {
		row.present[col] = true
	}
	p := &row.participant
	p.Name, p.Email, p.Phone, p.Title = cell("name"), cell("email"), cell("phone"), cell("title")
	p.Company, p.Industry, p.Function = cell("company"), cell("industry"), cell("function")
	p.Location, p.TimeZone, p.Goals = cell("location"), cell("timezone"), cell("goals")
	p.Strengths, p.DevelopmentAreas = SplitTags(cell("strengths")), SplitTags(cell("development_areas"))
	number("seniority", &p.Seniority, parseSeniority)
	number("years_experience", &p.YearsExperience, atoi)
	number("birth_year", &p.BirthYear, atoi)
	number("capacity", &p.Capacity, atoi)
	if cell("capacity") != "" && p.Capacity == 0 {
		add("capacity", "Capacity must be from 1 to %d partnerships at once, not 0.", MaxCapacity)
	}
	if st, err := ParseStatus(cell("status")); err != nil {
		add("status", "Status must be active, paused or alumni, not %q.", clip(cell("status")))
	} else {
		p.Status = st
	}
	p.Normalize()
	problems = append(problems, Problems(p.Validate())...)
	for _, name := range strings.Split(cell("cohort"), ";") {
		c := Cohort{Name: name}
		c.Normalize()
		if c.Name == "" {
			continue
		}
		if err := c.Validate(); err != nil {
			problems = append(problems, Problems(err)...)
			continue
		}
		row.cohorts = append(row.cohorts, c.Name)
	}
	problems = append(problems, parseOrientation(&row, cell, wo)...)
	return row, problems
}

// parseOrientation reads the job, career and calling scores and their date, if the row has any.
func parseOrientation(row *rosterRow, cell func(string) string, wo *Instrument) []Problem {
	var problems []Problem
	given := 0
	scores := make([]float64, len(orientationColumns))
	for i, col := range orientationColumns {
		v := cell(col)
		if v == "" {
			continue
		}
		given++
		n, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			problems = append(problems, Problem{Field: col, Message: fmt.Sprintf("The %s score must be a number, not %q.", col, clip(v))})
			continue
		}
		if sc, ok := wo.Scale(col); ok {
			if msg := sc.CheckValue(n); msg != "" {
				problems = append(problems, Problem{Field: col, Message: msg})
			}
		}
		scores[i] = n
	}
	on := cell("assessed_on")
	date, err := ParseDate(on)
	if err != nil {
		problems = append(problems, Problem{Field: "assessed_on", Message: fmt.Sprintf("assessed_on must be a real date written YYYY-MM-DD, such as 2026-03-15, not %q.", clip(on))})
	}
	switch {
	case given == 0 && on == "":
		return problems
	case given < len(orientationColumns) || on == "":
		problems = append(problems, Problem{Field: "job", Message: "A work-orientation result needs all of job, career, calling and assessed_on."})
	}
	if len(problems) == 0 {
		row.scores, row.assessedOn = scores, date
	}
	return problems
}

func atoi(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// parseSeniority reads a level number (1–6) or its name ("Director").
func parseSeniority(s string) (int, bool) {
	if n, ok := atoi(s); ok {
		return n, true
	}
	for i, name := range SeniorityLevels[1:] {
		if strings.EqualFold(s, name) {
			return i + 1, true
		}
	}
	return 0, false
}

// clip shortens a value quoted back in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

func normalizeColumn(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.NewReplacer(" ", "_", "-", "_").Replace(h)
	switch h {
	case "time_zone":
		return "timezone"
	case "development":
		return "development_areas"
	}
	return h
}

func isRosterColumn(name string) bool {
	for _, c := range RosterColumns {
		if c == name {
			return true
		}
	}
	return false
}

func blankRecord(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// sniffDelimiter picks comma, semicolon or tab, whichever the first line uses most outside quotes.
func sniffDelimiter(raw []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(raw) {
		if r == '"' {
			quoted = !quoted
		}
		if !quoted && r == '\n' {
			break
		}
		if !quoted && (r == ',' || r == ';' || r == '\t') {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// csvProblem turns a CSV reader error into plain words.
func csvProblem(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "a quotation mark is out of place (a value with quotes must be wrapped in quotes, with inner quotes doubled)"
	case errors.Is(err, io.EOF):
		return "the file ended early"
	}
	return "the line could not be read as CSV"
}

// ExportRoster writes every participant as a roster CSV (UTF-8 with a byte-order mark, so
// spreadsheet programs read accents right), in name order. Private notes are not exported.
func (s *Store) ExportRoster(w io.Writer) error {
	people, err := s.participants()
	if err != nil {
		return err
	}
	cohorts, err := s.Cohorts()
	if err != nil {
		return err
	}
	cohortNames := map[int64]string{}
	for _, c := range cohorts {
		cohortNames[c.ID] = c.Name
	}
	memberOf := map[int64][]string{}
	if err := s.eachPair(`SELECT participant_id, cohort_id FROM cohort_members`, func(pid, cid int64) {
		memberOf[pid] = append(memberOf[pid], cohortNames[cid])
	}); err != nil {
		return err
	}
	wo, err := s.InstrumentByKey(WorkOrientationKey)
	if err != nil {
		return err
	}
	latest, err := s.LatestAssessments(wo.ID)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return fmt.Errorf("export roster: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(RosterColumns); err != nil {
		return fmt.Errorf("export roster: %w", err)
	}
	for _, e := range people {
		cohorts := memberOf[e.ID]
		sort.Slice(cohorts, func(i, j int) bool { return strings.ToLower(cohorts[i]) < strings.ToLower(cohorts[j]) })
		cell := map[string]string{"name": e.Name, "email": e.Email, "phone": e.Phone, "title": e.Title,
			"company": e.Company, "industry": e.Industry, "function": e.Function,
			"seniority": blankZero(e.Seniority), "years_experience": blankZero(e.YearsExperience),
			"birth_year": blankZero(e.BirthYear), "location": e.Location, "timezone": e.TimeZone,
			"strengths": JoinTags(e.Strengths), "development_areas": JoinTags(e.DevelopmentAreas),
			"goals": e.Goals, "capacity": strconv.Itoa(e.Capacity), "status": string(e.Status),
			"cohort": JoinTags(cohorts)}
		if a, ok := latest[e.ID]; ok {
			for _, name := range orientationColumns {
				sc, _ := wo.Scale(name)
				for _, v := range a.Values {
					if v.ScaleID == sc.ID {
						cell[name] = FormatNumber(v.Number)
					}
				}
			}
			cell["assessed_on"] = a.AssessedOn.String()
		}
		record := make([]string, len(RosterColumns))
		for i, col := range RosterColumns {
			record[i] = cell[col]
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("export roster: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export roster: %w", err)
	}
	return nil
}

func blankZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
