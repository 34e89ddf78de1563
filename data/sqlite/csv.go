package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"mutua/data"
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
	Unchanged   int      // participants matched by email whose row changes nothing
	Assessments int      // results recorded
	Instrument  string   // the name of the instrument they were recorded on, when not Work Orientation
	Rescaled    bool     // the scores were rescaled from 1–5 to 0–100
	NewCohorts  []string // cohorts created for the file
	Warnings    []string // things the coach should know that did not stop the import
}

// Summary describes the result in one sentence.
func (r ImportResult) Summary() string {
	if r.Added == 0 && r.Updated == 0 {
		n := r.Unchanged
		return fmt.Sprintf("%d participant%s in the file, none changed: the practice already holds what the file says.", n, data.Plural(n))
	}
	var parts []string
	if r.Added > 0 {
		parts = append(parts, fmt.Sprintf("added %d participant%s", r.Added, data.Plural(r.Added)))
	}
	if r.Updated > 0 {
		parts = append(parts, fmt.Sprintf("updated %d", r.Updated))
	}
	if r.Unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d unchanged", r.Unchanged))
	}
	s := parts[0]
	if len(parts) > 1 {
		s = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	switch {
	case r.Assessments > 0 && r.Instrument != "":
		s += fmt.Sprintf(", with %d result%s on the %s", r.Assessments, data.Plural(r.Assessments), r.Instrument)
	case r.Assessments > 0 && r.Rescaled:
		s += fmt.Sprintf(", with %d work-orientation result%s rescaled from 1–5 to 0–100", r.Assessments, data.Plural(r.Assessments))
	case r.Assessments > 0:
		s += fmt.Sprintf(", with %d work-orientation result%s", r.Assessments, data.Plural(r.Assessments))
	}
	if len(r.NewCohorts) > 0 {
		s += fmt.Sprintf("; new cohort%s: %s", data.Plural(len(r.NewCohorts)), strings.Join(r.NewCohorts, ", "))
	}
	return s + "."
}

// rosterRow is one parsed line of a roster file.
type rosterRow struct {
	line        int
	participant data.Participant
	present     map[string]bool // columns the file has
	cohorts     []string
	scores      []float64 // job, career, calling; nil when the row has no result
	written     []float64 // the scores as written in the file, before any rescaling
	assessedOn  data.Date
}

// RosterScores says how the job, career and calling columns of a roster file are recorded.
type RosterScores string

// The ways to record a roster's scores.
const (
	// ScoresAsWritten records them on the Work Orientation instrument (0 to 100) as they are.
	ScoresAsWritten RosterScores = ""
	// ScoresIntoFiveOrientations records 1–5 questionnaire means on the Five Work Orientations
	// questionnaire, whose scales run from 1 to 5.
	ScoresIntoFiveOrientations RosterScores = "five-orientations"
	// ScoresRescaled stretches 1–5 means onto Work Orientation's 0–100: 1 is 0, 3 is 50, 5 is 100.
	ScoresRescaled RosterScores = "rescaled"
)

// FiveOrientationsKey is the key of the built-in Five Work Orientations questionnaire (1 to 5).
const FiveOrientationsKey = "five-orientations"

// RosterOptions are the coach's choices for one roster import.
type RosterOptions struct {
	Scores RosterScores
}

// RosterPreview says what importing a roster file would do, worked out without saving.
type RosterPreview struct {
	Rows       int      // participants in the file
	Added      int      // of them, new to the practice
	Updated    int      // of them, matched by email to a participant, who would be updated
	Unchanged  int      // of them, matched by email, whose row would change nothing
	New        []string // the names of the new participants, in file order
	Matched    []string // the names of the participants who would be updated, as the practice has them
	Results    int      // rows with a job, career and calling result
	NewCohorts []string // cohorts the import would create
	Warnings   []string
	// OneToFive is true when every job, career and calling score is 5 or less: questionnaire
	// means, not scores on Work Orientation's 0 to 100. Importing then needs the coach's choice.
	OneToFive bool
}

// PreviewRoster reads a roster file and says what importing it would do, without changing
// the practice. A file that could not be imported returns the same error the import would.
func (s *Store) PreviewRoster(r io.Reader, opts RosterOptions) (RosterPreview, error) {
	var pv RosterPreview
	file, err := s.readRoster(r, opts)
	pv.Warnings = file.warnings
	if err != nil && !(errors.Is(err, errOneToFive) && opts.Scores == ScoresAsWritten) {
		return pv, err
	}
	pv.OneToFive = file.oneToFive()
	cohorts := map[string]bool{}
	if err := s.eachString(`SELECT lower(name) FROM cohorts`, func(n string) { cohorts[n] = true }); err != nil {
		return pv, err
	}
	for _, row := range file.rows {
		pv.Rows++
		pl, err := planRow(s.db, &file.instrument, row)
		if err != nil {
			return pv, err
		}
		switch {
		case !pl.matched:
			pv.Added++
			pv.New = append(pv.New, row.participant.Name)
		case pl.changes():
			pv.Updated++
			pv.Matched = append(pv.Matched, pl.storedName)
		default:
			pv.Unchanged++
		}
		if pl.result != nil {
			pv.Results++
		}
		for _, name := range pl.cohorts {
			if key := strings.ToLower(name); !cohorts[key] {
				cohorts[key] = true
				pv.NewCohorts = append(pv.NewCohorts, name)
			}
		}
	}
	return pv, nil
}

// eachString calls f with the one text column of each row of query.
func (s *Store) eachString(query string, f func(string)) error {
	rows, err := s.db.Query(query)
	if err != nil {
		return fmt.Errorf("read the practice: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return fmt.Errorf("read the practice: %w", err)
		}
		f(v)
	}
	return rows.Err()
}

// errOneToFive marks the refusal of 1–5 means as Work Orientation scores.
var errOneToFive = errors.New("questionnaire means on a 0 to 100 instrument")

// ImportRoster reads a roster CSV and saves it in one transaction: every row or none. Rows
// whose email matches a participant update that participant; the others are added. Scores
// that are all 5 or less are refused: use ImportRosterWith to say how to record them.
func (s *Store) ImportRoster(r io.Reader) (ImportResult, error) {
	return s.ImportRosterWith(r, RosterOptions{})
}

// ImportRosterWith is ImportRoster with the coach's choices.
func (s *Store) ImportRosterWith(r io.Reader, opts RosterOptions) (ImportResult, error) {
	var res ImportResult
	file, err := s.readRoster(r, opts)
	res.Warnings = file.warnings
	if err != nil {
		return res, err
	}
	rows, wo := file.rows, &file.instrument
	if err := s.backupBefore("import"); err != nil {
		return res, err
	}
	err = s.tx(context.Background(), func(tx *txn) error {
		res.Added, res.Updated, res.Assessments, res.NewCohorts = 0, 0, 0, nil
		res.Rescaled = opts.Scores == ScoresRescaled
		if opts.Scores == ScoresIntoFiveOrientations {
			res.Instrument = wo.Name
		}
		var problems []data.Problem
		cohorts := map[string]int64{}
		for _, row := range rows {
			if err := s.importRow(tx, wo, row, cohorts, &res); err != nil {
				var e *data.Error
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

// rosterFile is a roster file read and checked, with the instrument its scores go to.
type rosterFile struct {
	rows       []rosterRow
	warnings   []string
	instrument data.Instrument
	scored     int     // scores in the file
	highest    float64 // the highest of them
	stored     bool    // every result in the file is already saved as written (Mutua's own export)
}

// oneToFive reports whether the file's scores all look like 1–5 questionnaire means, and are
// not simply results the practice already holds.
func (f rosterFile) oneToFive() bool { return f.scored > 0 && f.highest <= 5 && !f.stored }

// readRoster reads and checks a roster file for the way its scores are to be recorded.
func (s *Store) readRoster(r io.Reader, opts RosterOptions) (rosterFile, error) {
	var file rosterFile
	raw, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return file, fmt.Errorf("read roster file: %w", err)
	}
	key, rescale := data.WorkOrientationKey, func(v float64) float64 { return v }
	switch opts.Scores {
	case ScoresAsWritten:
	case ScoresIntoFiveOrientations:
		key = FiveOrientationsKey
	case ScoresRescaled:
		rescale = func(v float64) float64 { return math.Round((v-1)*2500) / 100 } // to the hundredth
	default:
		return file, fmt.Errorf("import roster: unknown way to record scores %q", opts.Scores)
	}
	if file.instrument, err = s.InstrumentByKey(key); err != nil {
		return file, err
	}
	err = parseRoster(raw, &file, rescale)
	if err == nil && opts.Scores == ScoresAsWritten && file.oneToFive() {
		// Low scores re-imported from Mutua's own export are results already saved, not means.
		file.stored = true
		for _, row := range file.rows {
			if row.scores == nil {
				continue
			}
			pl, err := planRow(s.db, &file.instrument, row)
			if err != nil {
				return file, err
			}
			file.stored = file.stored && pl.result == nil
		}
	}
	if err == nil && opts.Scores == ScoresAsWritten && file.oneToFive() {
		return file, &data.Error{Code: data.Invalid, Err: errOneToFive, Message: fmt.Sprintf("Nothing was imported: every job, career and calling score in the file is 5 or less "+
			"(the highest is %s), so they look like 1–5 questionnaire means, while Work Orientation is scored from 0 to 100. "+
			"Record them on the Five Work Orientations questionnaire (1 to 5), or rescale them to 0–100 (1 becomes 0, 3 becomes 50, 5 becomes 100).",
			data.FormatNumber(file.highest))}
	}
	return file, err
}

// problemsOf returns e's problems, or e itself as one problem.
func problemsOf(e *data.Error) []data.Problem {
	if len(e.Problems) > 0 {
		return e.Problems
	}
	return []data.Problem{{Message: e.Message}}
}

// maxProblemsShown is how many problems of a refused roster are listed; the rest are counted.
const maxProblemsShown = 20

func rosterInvalid(problems []data.Problem) error {
	if len(problems) == 0 {
		return nil
	}
	msg := "The roster was not imported because of 1 problem"
	if len(problems) > 1 {
		msg = fmt.Sprintf("The roster was not imported because of %d problems", len(problems))
	}
	if n := len(problems) - maxProblemsShown; n > 0 {
		problems = append(problems[:maxProblemsShown:maxProblemsShown], data.Problem{Message: fmt.Sprintf("and %d more", n)})
	}
	return &data.Error{Code: data.Invalid, Message: msg, Problems: problems}
}

// rowPlan is what importing one row changes, worked out against the practice.
type rowPlan struct {
	participant data.Participant // the row merged onto the participant it matches, or new (ID 0)
	matched     bool             // the row's email matches a participant
	storedName  string           // that participant's name as the practice has it
	fields      bool             // a detail of the participant changes (always, for a new one)
	cohorts     []string         // cohorts the participant is not yet in
	result      *data.Assessment // the result to record; nil when the row has none or the same one is saved
}

// changes reports whether importing the row changes anything.
func (pl rowPlan) changes() bool { return pl.fields || len(pl.cohorts) > 0 || pl.result != nil }

// planRow works out what importing row would change, reading through q without writing: a row
// that says what the practice already holds changes nothing, and a column the file lacks keeps
// what is stored.
func planRow(q querier, wo *data.Instrument, row rosterRow) (rowPlan, error) {
	pl := rowPlan{participant: row.participant, fields: true, cohorts: row.cohorts}
	if e := row.participant.Email; e != "" {
		var id int64
		err := q.QueryRow(`SELECT id FROM participants WHERE lower(email) = ? AND email <> ''`, e).Scan(&id)
		if err == nil {
			existing, err := participantByID(q, id)
			if err != nil {
				return pl, err
			}
			pl.matched, pl.storedName = true, existing.Name
			pl.participant = mergeRow(existing, row)
			pl.participant.Normalize()
			existing.Normalize()
			pl.fields = !sameDetails(existing, pl.participant)
			pl.cohorts = nil
			for _, name := range row.cohorts {
				var in int
				err := q.QueryRow(`SELECT count(*) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
					WHERE lower(c.name) = ? AND m.participant_id = ?`, strings.ToLower(name), id).Scan(&in)
				if err != nil {
					return pl, fmt.Errorf("read cohorts: %w", err)
				}
				if in == 0 {
					pl.cohorts = append(pl.cohorts, name)
				}
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return pl, fmt.Errorf("find participant: %w", err)
		}
	}
	if row.scores == nil {
		return pl, nil
	}
	a := &data.Assessment{ParticipantID: pl.participant.ID, AssessedOn: row.assessedOn}
	for i, name := range orientationColumns {
		sc, _ := wo.Scale(name)
		a.Values = append(a.Values, data.ScaleValue{ScaleID: sc.ID, Number: row.scores[i]})
	}
	pl.result = a
	if !pl.matched {
		return pl, nil
	}
	// A result saved on the same day keeps its note (the file has none); the same scores
	// change nothing.
	var id int64
	err := q.QueryRow(`SELECT id, note FROM assessments WHERE participant_id = ? AND instrument_id = ? AND assessed_on = ?`,
		a.ParticipantID, wo.ID, a.AssessedOn.String()).Scan(&id, &a.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return pl, nil
	} else if err != nil {
		return pl, fmt.Errorf("read results: %w", err)
	}
	stored := map[int64]float64{}
	rows, err := q.Query(`SELECT scale_id, number FROM assessment_values WHERE assessment_id = ?`, id)
	if err != nil {
		return pl, fmt.Errorf("read results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var scale int64
		var n sql.NullFloat64
		if err := rows.Scan(&scale, &n); err != nil {
			return pl, fmt.Errorf("read results: %w", err)
		}
		stored[scale] = n.Float64
	}
	if err := rows.Err(); err != nil {
		return pl, fmt.Errorf("read results: %w", err)
	}
	same := len(stored) == len(a.Values)
	for _, v := range a.Values {
		n, ok := stored[v.ScaleID]
		same = same && ok && n == v.Number
	}
	if same {
		pl.result = nil
	}
	return pl, nil
}

// sameDetails reports whether two normalised participants hold the same details.
func sameDetails(a, b data.Participant) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Email == b.Email && a.Phone == b.Phone && a.Title == b.Title &&
		a.Company == b.Company && a.Industry == b.Industry && a.Function == b.Function && a.Seniority == b.Seniority &&
		a.YearsExperience == b.YearsExperience && a.BirthYear == b.BirthYear && a.Location == b.Location &&
		a.TimeZone == b.TimeZone && a.Goals == b.Goals && a.Capacity == b.Capacity && a.Status == b.Status &&
		a.PrivateNotes == b.PrivateNotes && slices.Equal(a.Strengths, b.Strengths) && slices.Equal(a.DevelopmentAreas, b.DevelopmentAreas)
}

// importRow saves one row inside the import transaction, writing only what changes.
func (s *Store) importRow(tx *txn, wo *data.Instrument, row rosterRow, cohorts map[string]int64, res *ImportResult) error {
	pl, err := planRow(tx, wo, row)
	if err != nil {
		return err
	}
	switch {
	case !pl.matched:
		res.Added++
	case pl.changes():
		res.Updated++
	default:
		res.Unchanged++
		return nil
	}
	p := pl.participant
	if pl.fields {
		if err := s.saveParticipant(tx, &p); err != nil {
			return err
		}
	}
	for _, name := range pl.cohorts {
		id, err := s.cohortForImport(tx, name, cohorts, res)
		if err != nil {
			return err
		}
		if err := addMember(tx, id, p.ID); err != nil {
			return err
		}
	}
	if a := pl.result; a != nil {
		a.ParticipantID = p.ID
		if err := s.saveAssessment(tx, wo, a); err != nil {
			return err
		}
		res.Assessments++
	}
	return nil
}

// mergeRow copies the columns the file has onto an existing participant.
func mergeRow(p data.Participant, row rosterRow) data.Participant {
	src := row.participant
	set := func(col string, dst *string, v string) {
		if row.present[col] && v != lostLetters(*dst) {
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

// lostLetters is text as a spreadsheet saved in Windows-1252 ("CSV" in Excel) writes it:
// every letter that encoding lacks ("Ł", "ś", "王") becomes "?". A value that comes back so
// is the saved one, not a change: the letters were lost on the way.
func lostLetters(text string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
			return '?'
		}
		return r
	}, text)
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
		c := data.Cohort{Name: name}
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

// parseRoster reads and checks every row of a roster file into file without touching the
// practice; rescale turns each score into a value on file.instrument.
func parseRoster(raw []byte, file *rosterFile, rescale func(float64) float64) error {
	fail := func(format string, args ...any) error {
		return data.Errorf(data.Invalid, format, args...)
	}
	if len(raw) > MaxImportBytes {
		return fail("The file is larger than %d MB; Mutua reads roster files up to that size.", MaxImportBytes>>20)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(raw, []byte("\xff\xfe")) || bytes.HasPrefix(raw, []byte("\xfe\xff")) {
		return fail("The file is saved as UTF-16 text. Save it as \"CSV UTF-8\" and import it again.")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return fail("This is not a CSV spreadsheet file (it contains binary data).")
	}
	// Every line ending (LF, CRLF, a CR alone, or a mix) ends a line: a CR the CSV reader
	// took for part of a value would hide the next row inside it.
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	if !utf8.Valid(raw) {
		bad, line := firstInvalidUTF8(raw)
		if hasUTF8Letters(raw) {
			return fail("The file is UTF-8 text but line %d holds a character that is not (byte 0x%02X). Correct that line, save the file as \"CSV UTF-8\" and import it again.", line, raw[bad])
		}
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return fail("The file's text could not be read. Save it as \"CSV UTF-8\" and import it again.")
		}
		raw = decoded
		file.warnings = append(file.warnings, fmt.Sprintf("The file is not UTF-8 (the first such character is on line %d); it was read as Windows-1252 (Excel's plain \"CSV\" format). Check that accented names came out right.", line))
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
			return fail("The column %q appears twice in the first line.", data.Clip(name))
		}
		if !isRosterColumn(name) {
			unknown = append(unknown, data.Clip(strings.TrimSpace(h)))
			continue
		}
		columns[name] = i
	}
	if _, ok := columns["name"]; !ok {
		return fail("The file has no \"name\" column. The first line must name the columns, for example: name,email,company.")
	}
	if n := len(unknown) - maxProblemsShown; n > 0 {
		unknown = append(unknown[:maxProblemsShown:maxProblemsShown], fmt.Sprintf("and %d more", n))
	}
	if len(unknown) > 0 {
		file.warnings = append(file.warnings, fmt.Sprintf("These columns are not used by Mutua and were skipped: %s.", strings.Join(unknown, ", ")))
	}
	var rows []rosterRow
	var problems []data.Problem
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
			problems = append(problems, data.Problem{Line: line, Message: csvProblem(err)})
			break // the rest of the file cannot be read reliably
		}
		line, _ := reader.FieldPos(0)
		if blankRecord(record) {
			continue
		}
		if len(record) > len(header) && !blankRecord(record[len(header):]) {
			problems = append(problems, data.Problem{Line: line, Message: fmt.Sprintf("This line has more values than the first line has columns (%d, not %d); "+
				"a value with a comma or semicolon in it must be wrapped in quotes.", len(record), len(header))})
			continue
		}
		row, rowProblems := parseRosterRow(record, columns, &file.instrument, rescale)
		for _, v := range row.written {
			file.scored++
			file.highest = max(file.highest, v)
		}
		row.line = line
		for i := range rowProblems {
			rowProblems[i].Line = line
		}
		problems = append(problems, rowProblems...)
		if e := row.participant.Email; e != "" {
			if first, dup := emails[e]; dup {
				problems = append(problems, data.Problem{Line: line, Field: "email", Message: fmt.Sprintf("The email %s is also on line %d; each participant needs their own.", data.Clip(e), first)})
			} else {
				emails[e] = line
			}
		}
		rows = append(rows, row)
	}
	if err := rosterInvalid(problems); err != nil {
		return err
	}
	if len(rows) == 0 {
		return data.Errorf(data.Invalid, "The file has column names but no participants.")
	}
	file.rows = rows
	return nil
}

// parseRosterRow reads one record into a participant and checks it.
func parseRosterRow(record []string, columns map[string]int, in *data.Instrument, rescale func(float64) float64) (rosterRow, []data.Problem) {
	row := rosterRow{present: map[string]bool{}}
	var problems []data.Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, data.Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	cell := func(col string) string {
		i, ok := columns[col]
		if !ok || i >= len(record) {
			return ""
		}
		return unguardFormula(strings.TrimSpace(record[i]))
	}
	number := func(col string, dst *int, parse func(string) (int, bool)) {
		v := cell(col)
		if v == "" {
			return
		}
		n, ok := parse(v)
		if !ok {
			add(col, "%s must be a whole number, not %q.", data.FieldLabel(col), data.Clip(v))
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
	p.Strengths, p.DevelopmentAreas = data.SplitTags(cell("strengths")), data.SplitTags(cell("development_areas"))
	number("seniority", &p.Seniority, parseSeniority)
	number("years_experience", &p.YearsExperience, atoi)
	number("birth_year", &p.BirthYear, atoi)
	number("capacity", &p.Capacity, atoi)
	if cell("capacity") != "" && p.Capacity == 0 {
		add("capacity", "Capacity must be from 1 to %d partnerships at once, not 0.", data.MaxCapacity)
	}
	if st, err := data.ParseStatus(cell("status")); err != nil {
		add("status", "Status must be active, paused or alumni, not %q.", data.Clip(cell("status")))
	} else {
		p.Status = st
	}
	p.Normalize()
	problems = append(problems, data.Problems(p.Validate())...)
	for _, name := range strings.Split(cell("cohort"), ";") {
		c := data.Cohort{Name: name}
		c.Normalize()
		if c.Name == "" {
			continue
		}
		if err := c.Validate(); err != nil {
			problems = append(problems, data.Problems(err)...)
			continue
		}
		row.cohorts = append(row.cohorts, c.Name)
	}
	problems = append(problems, parseOrientation(&row, cell, in, rescale)...)
	return row, problems
}

// parseOrientation reads the job, career and calling scores and their date, if the row has
// any, and rescales them onto the instrument's scales.
func parseOrientation(row *rosterRow, cell func(string) string, in *data.Instrument, rescale func(float64) float64) []data.Problem {
	var problems []data.Problem
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
			problems = append(problems, data.Problem{Field: col, Message: fmt.Sprintf("The %s score must be a number, not %q.", col, data.Clip(v))})
			continue
		}
		row.written = append(row.written, n)
		n = rescale(n)
		if sc, ok := in.Scale(col); ok {
			if msg := sc.CheckValue(n); msg != "" {
				problems = append(problems, data.Problem{Field: col, Message: msg})
			}
		}
		scores[i] = n
	}
	on := cell("assessed_on")
	date, err := data.ParseDate(on)
	if err != nil {
		problems = append(problems, data.Problem{Field: "assessed_on", Message: fmt.Sprintf("assessed_on must be a real date written YYYY-MM-DD, such as 2026-03-15, not %q.", data.Clip(on))})
	}
	switch {
	case given == 0 && on == "":
		return problems
	case given < len(orientationColumns) || on == "":
		problems = append(problems, data.Problem{Field: "job", Message: "A work-orientation result needs all of job, career, calling and assessed_on."})
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
	for i, name := range data.SeniorityLevels[1:] {
		if strings.EqualFold(s, name) {
			return i + 1, true
		}
	}
	return 0, false
}

// firstInvalidUTF8 returns the offset of the first byte of raw that is not UTF-8, and its line.
func firstInvalidUTF8(raw []byte) (offset, line int) {
	for offset < len(raw) {
		r, size := utf8.DecodeRune(raw[offset:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		offset += size
	}
	return offset, 1 + bytes.Count(raw[:offset], []byte("\n"))
}

// hasUTF8Letters reports whether raw holds any character beyond ASCII written as UTF-8: a file
// that does is UTF-8 with a damaged character, not Windows-1252 text.
func hasUTF8Letters(raw []byte) bool {
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if size > 1 && r != utf8.RuneError {
			return true
		}
		raw = raw[size:]
	}
	return false
}

// formulaStarts are the first characters that make a spreadsheet read a cell as a formula.
const formulaStarts = "=+-@\t\r"

// guardFormula puts an apostrophe before a cell that a spreadsheet would run as a formula
// (OWASP's advice on CSV injection), and before a cell that already starts with apostrophes
// followed by such a character, so unguardFormula gives back the original text exactly.
func guardFormula(v string) string {
	rest := strings.TrimLeft(v, "'")
	if rest != "" && strings.ContainsRune(formulaStarts, rune(rest[0])) {
		return "'" + v
	}
	return v
}

// unguardFormula removes the apostrophe guardFormula added. A cell that starts with a formula
// character but no apostrophe ("-Ana", typed by the coach) is kept as it is.
func unguardFormula(v string) string {
	if !strings.HasPrefix(v, "'") {
		return v
	}
	rest := strings.TrimLeft(v, "'")
	if rest != "" && strings.ContainsRune(formulaStarts, rune(rest[0])) {
		return v[1:]
	}
	return v
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
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
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
			"strengths": data.JoinTags(e.Strengths), "development_areas": data.JoinTags(e.DevelopmentAreas),
			"goals": e.Goals, "capacity": strconv.Itoa(e.Capacity), "status": string(e.Status),
			"cohort": data.JoinTags(cohorts)}
		if a, ok := latest[e.ID]; ok {
			for _, name := range orientationColumns {
				sc, _ := wo.Scale(name)
				for _, v := range a.Values {
					if v.ScaleID == sc.ID {
						cell[name] = data.FormatNumber(v.Number)
					}
				}
			}
			cell["assessed_on"] = a.AssessedOn.String()
		}
		record := make([]string, len(RosterColumns))
		for i, col := range RosterColumns {
			record[i] = guardFormula(cell[col])
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
