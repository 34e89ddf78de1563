package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"mutua/data"
)

// Erasure: deleting a participant removes their rows (profile, assessments, goals, notes about
// them, their places in cohorts, partnerships and rounds) and, in every text field of the
// practice that is left, replaces their full name, their email, their phone and, where it
// cannot mean someone else, their first or last name with "[removed]". Secure delete zeroes
// the freed space and the write-ahead log is emptied, so the file keeps no trace of them.
// On request the same erasure is applied to every kept backup, each rewritten whole.

// Redacted is what a mention of an erased person becomes.
const Redacted = "[removed]"

// ErasureCount is how many records of one kind an erasure removes or changes.
type ErasureCount struct {
	Kind  string // in plain words: "notes about them", "action items"…
	Count int
}

// ErasurePlan says what erasing a participant removes and what it redacts.
type ErasurePlan struct {
	Participant data.Participant
	Removed     []ErasureCount // their own records, deleted
	Redacted    []ErasureCount // other records that mention them, kept with the mention replaced
	Backups     int            // backups kept in the practice's backup folder
	Encrypted   int            // how many of them are encrypted: erasing from them needs their passphrase
}

// ErasureResult is what an erasure did.
type ErasureResult struct {
	ErasurePlan
	BackupsRewritten int
	BackupProblems   []string // one line per backup that could not be erased, in plain words
}

// PlanErasure works out what erasing the participant would remove and redact, changing nothing.
func (s *Store) PlanErasure(participantID int64) (ErasurePlan, error) {
	p, err := s.Participant(participantID)
	if err != nil {
		return ErasurePlan{}, err
	}
	plan := ErasurePlan{Participant: p}
	errPreview := errors.New("preview only")
	err = s.readTx(func(tx *sql.Tx) error {
		removed, redacted, err := erase(tx, []identity{identityOf(p)}, p.ID, "")
		plan.Removed, plan.Redacted = removed, redacted
		if err != nil {
			return err
		}
		return errPreview
	})
	if err != nil && !errors.Is(err, errPreview) {
		return ErasurePlan{}, storageError(err)
	}
	list, _ := Backups(s.BackupDir())
	plan.Backups = len(list)
	for _, b := range list {
		if b.Encrypted {
			plan.Encrypted++
		}
	}
	return plan, nil
}

// forgetNow empties the write-ahead log into the main file, waiting a little for readers
// that still hold older pages, which would otherwise keep the log's frames of the erased text.
func (s *Store) forgetNow() {
	for try := 0; try < 40; try++ {
		var busy, frames, done int
		err := s.db.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done)
		if err == nil && busy == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// readTx runs fn in a transaction that is always rolled back.
func (s *Store) readTx(fn func(*sql.Tx) error) error {
	if err := s.waitChecked(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// Erase deletes a participant and every mention of them from the practice, after backing it
// up; with fromBackups it then erases them from every kept backup too. progress, when not nil,
// is told how many backups are done out of how many.
// Encrypted backups are erased with passphrase (decrypted, erased, and encrypted again to
// the same key); without it they are reported as not erased.
func (s *Store) Erase(participantID int64, fromBackups bool, passphrase string, progress func(done, total int)) (ErasureResult, error) {
	p, err := s.Participant(participantID)
	if err != nil {
		return ErasureResult{}, err
	}
	if err := s.backupBefore("erasure"); err != nil {
		return ErasureResult{}, err
	}
	res := ErasureResult{ErasurePlan: ErasurePlan{Participant: p}}
	err = s.tx(context.Background(), func(tx *txn) error {
		var err error
		res.Removed, res.Redacted, err = erase(tx, []identity{identityOf(p)}, p.ID, s.today().String())
		return err
	})
	s.forgetNow()
	if err != nil {
		return res, err
	}
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	list, err := Backups(BackupDir(s.path, s.backupRoot))
	if err != nil {
		return res, err
	}
	res.Backups = len(list)
	if !fromBackups {
		return res, nil
	}
	for i, b := range list {
		if progress != nil {
			progress(i, len(list))
		}
		if err := eraseFromBackup(b.Path, p, passphrase); err != nil {
			res.BackupProblems = append(res.BackupProblems, fmt.Sprintf("%s: %s", filepath.Base(b.Path), data.Message(err)))
			continue
		}
		res.BackupsRewritten++
	}
	if progress != nil {
		progress(len(list), len(list))
	}
	return res, nil
}

// eraseFromBackup erases a person from one backup: a copy is erased, compacted into a new
// file, verified, then takes the backup's place; on any failure the backup stays as it was.
func eraseFromBackup(path string, p data.Participant, passphrase string) (err error) {
	work := path + ".erase.partial"
	out := path + ".erased.partial"
	sealed := path + ".sealed.partial"
	defer func() {
		for _, f := range []string{work, work + "-wal", work + "-shm", work + "-journal", out, sealed} {
			os.Remove(f)
		}
	}()
	os.Remove(work)
	var key *backupKey // an encrypted backup's key: the erased copy is encrypted to it again
	if IsEncryptedBackup(path) {
		id, wrapped, err := openBackupKey(path, passphrase)
		if err != nil {
			return err
		}
		if err := decryptFile(path, work, id); err != nil {
			return err
		}
		key = &backupKey{recipient: id.Recipient(), wrapped: wrapped}
	} else if err := VerifyBackup(path); err != nil {
		return err
	} else if err := copyFile(path, work); err != nil {
		return data.Errorf(data.Unsafe, "Mutua could not copy the backup: %v.", err)
	}
	os.Chmod(work, 0o600)
	db, err := sql.Open("sqlite", dsn(work, false))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	// The backup may hold the person under the same ID, or under their email; it may also
	// hold an older spelling of their details, which is erased as well.
	ids := []identity{identityOf(p)}
	var id int64
	var old data.Participant
	row := tx.QueryRow(`SELECT id, name, email, phone FROM participants WHERE id = ? OR (email <> '' AND lower(email) = ?)
		ORDER BY (lower(email) = ?) DESC LIMIT 1`, p.ID, strings.ToLower(p.Email), strings.ToLower(p.Email))
	if err := row.Scan(&old.ID, &old.Name, &old.Email, &old.Phone); err == nil {
		if old.ID == p.ID && (old.Email == "" || strings.EqualFold(old.Email, p.Email) || old.Name == p.Name) || strings.EqualFold(old.Email, p.Email) && p.Email != "" {
			id = old.ID
			ids = append(ids, identityOf(old))
		}
	} else if !errors.Is(err, sql.ErrNoRows) {
		tx.Rollback()
		return err
	}
	if _, _, err := erase(tx, ids, id, ""); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Verified: nothing of them is left to remove or redact.
	check, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	removed, redacted, err := erase(check, ids, id, "")
	check.Rollback()
	if err != nil {
		return err
	}
	if n := total(removed) + total(redacted); n > 0 {
		return data.Errorf(data.Unsafe, "After erasing, %d records still mention them, so the backup was left as it was.", n)
	}
	f, err := os.OpenFile(out, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return data.Errorf(data.Unsafe, "Mutua could not write the new backup: %v.", err)
	}
	f.Close()
	if _, err := db.Exec(`VACUUM INTO ?`, out); err != nil {
		return storageError(fmt.Errorf("rewrite backup: %w", err))
	}
	db.Close()
	if err := syncFile(out); err != nil {
		return err
	}
	if err := VerifyBackup(out); err != nil {
		return err
	}
	if key != nil {
		if err := key.seal(out, sealed); err != nil {
			return err
		}
		out = sealed
	}
	// The file time orders backups made within one second: it stays as it was.
	if info, err := os.Stat(path); err == nil {
		os.Chtimes(out, info.ModTime(), info.ModTime())
	}
	if err := os.Rename(out, path); err != nil {
		return data.Errorf(data.Unsafe, "Mutua could not replace the backup: %v.", err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

func total(list []ErasureCount) int {
	n := 0
	for _, c := range list {
		n += c.Count
	}
	return n
}

// execer is a write transaction: the store's own, or one on a backup being erased.
type execer interface {
	Exec(query string, args ...any) (sql.Result, error)
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// identity is how a person can be named in free text.
type identity struct {
	name, email, phone string
	parts              []string // first and last name, matched as whole words where unambiguous
}

func identityOf(p data.Participant) identity {
	id := identity{name: strings.TrimSpace(p.Name), email: strings.TrimSpace(p.Email), phone: strings.TrimSpace(p.Phone)}
	words := strings.Fields(id.name)
	if len(words) > 1 {
		for _, w := range []string{words[0], words[len(words)-1]} {
			w = strings.Trim(w, ".,;:()\"'")
			if len([]rune(w)) >= 2 {
				id.parts = append(id.parts, w)
			}
		}
	}
	return id
}

// removals are the records deleted with a participant, counted before they go.
var removals = []struct{ kind, query string }{
	{"profile", `SELECT count(*) FROM participants WHERE id = ?1`},
	{"assessments", `SELECT count(*) FROM assessments WHERE participant_id = ?1`},
	{"questionnaire answers", `SELECT count(*) FROM assessment_answers WHERE assessment_id IN (SELECT id FROM assessments WHERE participant_id = ?1)`},
	{"goals", `SELECT count(*) FROM goals WHERE participant_id = ?1`},
	{"survey answers", `SELECT count(*) FROM survey_answers WHERE participant_id = ?1`},
	{"notes about them", `SELECT count(*) FROM notes WHERE participant_id = ?1`},
	{"cohort memberships", `SELECT count(*) FROM cohort_members WHERE participant_id = ?1`},
	{"partnership memberships", `SELECT count(*) FROM partnership_members WHERE participant_id = ?1`},
	{"session attendances", `SELECT count(*) FROM session_attendance WHERE participant_id = ?1`},
	{"pairing exclusions", `SELECT count(*) FROM exclusions WHERE participant_a = ?1 OR participant_b = ?1`},
	{"places in pairing rounds", `SELECT (SELECT count(*) FROM round_pair_members WHERE participant_id = ?1) +
		(SELECT count(*) FROM round_unpaired WHERE participant_id = ?1) +
		(SELECT count(*) FROM round_rejections WHERE participant_a = ?1 OR participant_b = ?1)`},
}

// redactionKind names, in plain words, the records a table's text belongs to.
func redactionKind(table string) string {
	switch table {
	case "notes":
		return "notes"
	case "action_items":
		return "action items"
	case "agreements":
		return "agreements"
	case "partnerships":
		return "partnerships (pairing reasons, end reasons)"
	case "pairing_rounds", "round_pairs", "round_unpaired", "round_rejections":
		return "records of past pairing rounds"
	case "sessions":
		return "session topics"
	case "participants", "participant_tags":
		return "other participants' profiles"
	case "goals", "goal_checkins":
		return "other participants' goals"
	case "assessments":
		return "assessment notes"
	case "cohorts":
		return "cohorts"
	case "survey_answers":
		return "other members' survey answers"
	case "exclusions":
		return "pairing exclusions"
	}
	return "other records"
}

// erase deletes the participant (when id is not 0) and redacts every mention of the people
// in ids from the practice's text fields. ended is the date a partnership left with one
// member ends on ("" to leave partnerships as they are, when previewing or in a backup).
func erase(tx execer, ids []identity, id int64, ended string) (removed, redacted []ErasureCount, err error) {
	// Partnerships, with their members other than the person: a first or last name another
	// member shares is ambiguous there.
	theirs := map[int64]bool{}
	if id != 0 {
		for _, r := range removals {
			var n int
			if err := tx.QueryRow(r.query, id).Scan(&n); err != nil {
				return nil, nil, fmt.Errorf("count %s: %w", r.kind, err)
			}
			if n > 0 {
				removed = append(removed, ErasureCount{r.kind, n})
			}
		}
		rows, err := tx.Query(`SELECT partnership_id FROM partnership_members WHERE participant_id = ?`, id)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var pid int64
			rows.Scan(&pid)
			theirs[pid] = true
		}
		rows.Close()
		if ended != "" {
			// A running partnership left with one member ends, freeing the partner for the next round.
			if _, err := tx.Exec(`UPDATE partnerships SET status = 'ended-early', ended_on = max(?, started_on), end_reason = 'left the programme'
				WHERE status = 'active' AND id IN (SELECT partnership_id FROM partnership_members WHERE participant_id = ?)
				AND (SELECT count(*) FROM partnership_members m WHERE m.partnership_id = partnerships.id) <= 2`, ended, id); err != nil {
				return nil, nil, fmt.Errorf("end partnership: %w", err)
			}
		}
		if _, err := tx.Exec(`DELETE FROM participants WHERE id = ?`, id); err != nil {
			return nil, nil, fmt.Errorf("delete participant: %w", err)
		}
	}

	// Everyone left: a name part that is also a word of someone else's name is ambiguous.
	var others []string
	rows, err := tx.Query(`SELECT name FROM participants`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		others = append(others, n)
	}
	rows.Close()
	// Members of each of their partnerships, other than them.
	members := map[int64][]string{}
	rows, err = tx.Query(`SELECT m.partnership_id, p.name FROM partnership_members m JOIN participants p ON p.id = m.participant_id`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var pid int64
		var n string
		rows.Scan(&pid, &n)
		if theirs[pid] {
			members[pid] = append(members[pid], n)
		}
	}
	rows.Close()

	var always, inContext []*matcher // inContext: name parts others share, redacted only in their partnerships
	for _, who := range ids {
		if who.email != "" {
			always = append(always, wordMatcher(who.email, true))
		}
		if m := phoneMatcher(who.phone); m != nil {
			always = append(always, m)
		}
		if who.name != "" {
			always = append(always, wordMatcher(who.name, true))
		}
		for _, part := range who.parts {
			m := wordMatcher(part, false)
			if anyMatches(m, others) {
				inContext = append(inContext, m)
			} else {
				always = append(always, m)
			}
		}
	}
	// Longer matchers first, so a full name goes before its first name.
	sort.SliceStable(always, func(i, j int) bool { return len(always[i].text) > len(always[j].text) })

	columns, err := textColumns(tx)
	if err != nil {
		return nil, nil, err
	}
	counts := map[string]int{}
	var order []string
	for _, c := range columns {
		pidExpr := "NULL"
		switch {
		case c.table == "partnerships":
			pidExpr = "id"
		case c.hasPartnership:
			pidExpr = "partnership_id"
		}
		rows, err := tx.Query(fmt.Sprintf(`SELECT rowid, %s, %s FROM %s WHERE %s <> ''`, quoteIdent(c.column), pidExpr, quoteIdent(c.table), quoteIdent(c.column)))
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", c.table, err)
		}
		type change struct {
			rowid int64
			text  string
		}
		var changes []change
		for rows.Next() {
			var rowid int64
			var text string
			var pid sql.NullInt64
			if err := rows.Scan(&rowid, &text, &pid); err != nil {
				rows.Close()
				return nil, nil, err
			}
			out := text
			for _, m := range always {
				out = m.replace(out)
			}
			if pid.Valid && theirs[pid.Int64] {
				for _, m := range inContext {
					if !anyMatches(m, members[pid.Int64]) {
						out = m.replace(out)
					}
				}
			}
			if out != text {
				changes = append(changes, change{rowid, out})
			}
		}
		rows.Close()
		for _, ch := range changes {
			if _, err := tx.Exec(fmt.Sprintf(`UPDATE %s SET %s = ? WHERE rowid = ?`, quoteIdent(c.table), quoteIdent(c.column)), ch.text, ch.rowid); err != nil {
				return nil, nil, fmt.Errorf("redact %s: %w", c.table, err)
			}
		}
		if len(changes) > 0 {
			kind := redactionKind(c.table)
			if _, seen := counts[kind]; !seen {
				order = append(order, kind)
			}
			counts[kind] += len(changes)
		}
	}
	for _, k := range order {
		redacted = append(redacted, ErasureCount{k, counts[k]})
	}
	return removed, redacted, nil
}

type textColumn struct {
	table, column  string
	hasPartnership bool
}

// textColumns lists every text column of every table of the practice.
func textColumns(tx execer) ([]textColumn, error) {
	rows, err := tx.Query(`SELECT t.name, c.name, EXISTS (SELECT 1 FROM pragma_table_info(t.name) p WHERE p.name = 'partnership_id')
		FROM sqlite_schema t JOIN pragma_table_info(t.name) c
		WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND upper(c.type) = 'TEXT' AND NOT t.sql LIKE '%WITHOUT ROWID%'
		ORDER BY t.name, c.cid`)
	if err != nil {
		return nil, fmt.Errorf("list text fields: %w", err)
	}
	defer rows.Close()
	var out []textColumn
	for rows.Next() {
		var c textColumn
		if err := rows.Scan(&c.table, &c.column, &c.hasPartnership); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// matcher finds one way of naming a person as a whole word: not inside a longer word, so
// erasing Ann leaves Anna alone.
type matcher struct {
	text string
	re   *regexp.Regexp
}

func wordMatcher(text string, foldCase bool) *matcher {
	expr := regexp.QuoteMeta(text)
	expr = strings.ReplaceAll(expr, " ", `\s+`)
	if foldCase {
		expr = "(?i)" + expr
	}
	return &matcher{text: text, re: regexp.MustCompile(expr)}
}

// phoneMatcher finds a phone number written with any spacing or separators between its
// digits, in international or national form; numbers too short to be told from other figures are not matched.
func phoneMatcher(phone string) *matcher {
	var digits []string
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			digits = append(digits, string(r))
		}
	}
	if len(digits) < 6 {
		return nil
	}
	// The last nine digits, with whatever prefix precedes them: a country code or a trunk 0.
	if len(digits) > 9 {
		digits = digits[len(digits)-9:]
	}
	expr := `(?:\+?(?:\d[\s\-./()]*){0,4})?` + strings.Join(digits, `[\s\-./()]*`)
	return &matcher{text: phone, re: regexp.MustCompile(expr)}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// find returns the whole-word matches in s.
func (m *matcher) find(s string) [][]int {
	var out [][]int
	for _, loc := range m.re.FindAllStringIndex(s, -1) {
		before, after := rune(0), rune(0)
		if loc[0] > 0 {
			r := []rune(s[:loc[0]])
			before = r[len(r)-1]
		}
		if loc[1] < len(s) {
			after = []rune(s[loc[1]:])[0]
		}
		if isWordRune(before) && isWordRune([]rune(s[loc[0]:])[0]) || isWordRune(after) && isWordRune(lastRune(s[:loc[1]])) {
			continue
		}
		out = append(out, loc)
	}
	return out
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func (m *matcher) replace(s string) string {
	locs := m.find(s)
	if len(locs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(s[last:loc[0]])
		b.WriteString(Redacted)
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

func anyMatches(m *matcher, texts []string) bool {
	for _, t := range texts {
		if len(m.find(t)) > 0 {
			return true
		}
	}
	return false
}

// singular names one record of each kind.
var singular = map[string]string{
	"assessments": "assessment", "questionnaire answers": "questionnaire answer", "goals": "goal", "notes about them": "note about them",
	"cohort memberships": "cohort membership", "partnership memberships": "partnership membership",
	"session attendances": "session attendance", "pairing exclusions": "pairing exclusion",
	"places in pairing rounds": "place in a pairing round", "notes": "note", "action items": "action item",
	"agreements": "agreement", "partnerships (pairing reasons, end reasons)": "partnership (pairing reasons, end reasons)",
	"session topics": "session's topics", "other participants' profiles": "other participant's profile",
	"other participants' goals": "other participant's goal", "assessment notes": "assessment note",
	"cohorts": "cohort", "other records": "other record", "records of past pairing rounds": "record of a past pairing round",
}

// String is the count in plain words: "1 goal", "14 notes".
func (c ErasureCount) String() string {
	if one, ok := singular[c.Kind]; ok && c.Count == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", c.Count, c.Kind)
}
