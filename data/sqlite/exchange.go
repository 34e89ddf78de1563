package sqlite

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"mutua/data"
)

// ExportFormat names Mutua's full-export JSON format.
const ExportFormat = data.ExportFormat

// table is one table of the schema, as the full export sees it.
type table struct {
	name    string
	columns []string
	pk      []string
}

// schemaTables returns the practice's tables, each after the tables it refers to.
func schemaTables(q querier) ([]table, error) {
	rows, err := q.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byName := map[string]*table{}
	deps := map[string][]string{}
	for _, n := range names {
		t := &table{name: n}
		cols, err := q.Query(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		pks := map[int]string{}
		for cols.Next() {
			var c string
			var pk int
			if err := cols.Scan(&c, &pk); err != nil {
				cols.Close()
				return nil, err
			}
			t.columns = append(t.columns, c)
			if pk > 0 {
				pks[pk] = c
			}
		}
		cols.Close()
		for i := 1; i <= len(pks); i++ {
			t.pk = append(t.pk, pks[i])
		}
		refs, err := q.Query(`SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		for refs.Next() {
			var r string
			if err := refs.Scan(&r); err != nil {
				refs.Close()
				return nil, err
			}
			if r != n {
				deps[n] = append(deps[n], r)
			}
		}
		refs.Close()
		byName[n] = t
	}
	// Order: each table after those it refers to, otherwise in creation order.
	var out []table
	done := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		if done[n] || byName[n] == nil {
			return
		}
		done[n] = true
		for _, d := range deps[n] {
			visit(d)
		}
		out = append(out, *byName[n])
	}
	for _, n := range names {
		visit(n)
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// ExportAll writes every record of the practice to w as one JSON file (see the README for
// the format). Importing it into an empty practice gives back exactly the same records.
func (s *Store) ExportAll(w io.Writer) error {
	tables, err := schemaTables(s.db)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\"format\": %q, \"schema_version\": %d, \"exported_at\": %q, \"tables\": {",
		ExportFormat, SchemaVersion(), s.timestamp())
	for ti, t := range tables {
		if ti > 0 {
			bw.WriteString(",")
		}
		fmt.Fprintf(bw, "\n%q: [", t.name)
		if err := exportRows(s.db, t, bw); err != nil {
			return fmt.Errorf("export %s: %w", t.name, err)
		}
		bw.WriteString("]")
	}
	bw.WriteString("\n}}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func exportRows(q querier, t table, w *bufio.Writer) error {
	cols := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i] = quoteIdent(c)
	}
	order := make([]string, len(t.pk))
	for i, c := range t.pk {
		order[i] = quoteIdent(c)
	}
	query := `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + quoteIdent(t.name)
	if len(order) > 0 {
		query += ` ORDER BY ` + strings.Join(order, ", ")
	}
	rows, err := q.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if n > 0 {
			w.WriteString(",")
		}
		n++
		w.WriteString("\n  {")
		for i, c := range t.columns {
			if i > 0 {
				w.WriteString(", ")
			}
			key, _ := json.Marshal(c)
			w.Write(key)
			w.WriteString(": ")
			v := values[i]
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			enc, err := json.Marshal(v)
			if err != nil {
				return err
			}
			w.Write(enc)
		}
		w.WriteString("}")
	}
	return rows.Err()
}

// ImportOptions adjusts ImportAll.
type ImportOptions struct {
	// MoveDatesTo, when set, shifts every date and time in the file by the same number of
	// days, so the day the file was exported becomes this day (used for the sample practice).
	MoveDatesTo data.Date
}

// exportFile is the outer shape of a full export.
type exportFile struct {
	Format        string                      `json:"format"`
	SchemaVersion int                         `json:"schema_version"`
	ExportedAt    string                      `json:"exported_at"`
	Tables        map[string][]map[string]any `json:"tables"`
}

// ImportAll reads a full export into this practice, which must be empty. Every record is
// imported, or none.
func (s *Store) ImportAll(r io.Reader, opts ImportOptions) error {
	dec := json.NewDecoder(io.LimitReader(r, 1<<30))
	dec.UseNumber()
	var f exportFile
	if err := dec.Decode(&f); err != nil {
		return &data.Error{Code: data.Invalid, Message: "This is not a Mutua export file (it is not valid JSON).", Err: err}
	}
	if f.Format != ExportFormat {
		return data.Errorf(data.Invalid, "This is not a Mutua export file (its format is %q, not %q).", data.Clip(f.Format), ExportFormat)
	}
	if f.SchemaVersion < 1 || f.SchemaVersion > SchemaVersion() {
		return data.Errorf(data.TooNew, "This file was exported by a newer version of Mutua (schema %d; this version reads up to %d). Install the newest Mutua to import it.", f.SchemaVersion, SchemaVersion())
	}
	shift := 0
	if !opts.MoveDatesTo.IsZero() {
		exported, err := time.Parse(time.RFC3339, f.ExportedAt)
		if err != nil {
			return data.Errorf(data.Invalid, "The file's export time %q is not a valid time.", data.Clip(f.ExportedAt))
		}
		shift = data.DateOf(exported.UTC()).DaysUntil(opts.MoveDatesTo)
	}
	// The latest day the file's sessions, check-ins and ends may carry: today, or the day the
	// file was exported when this computer's clock is behind.
	today := s.today()
	if exported, err := time.Parse(time.RFC3339, f.ExportedAt); err == nil {
		if day := data.DateOf(exported.UTC()).AddDays(shift); today.Before(day) {
			today = day
		}
	}
	if err := s.tryImport(&f, shift, today); err != nil {
		return err
	}
	if err := s.backupBefore("import"); err != nil {
		return err
	}
	return s.tx(context.Background(), func(tx *txn) error { return loadExport(tx, &f, shift) })
}

// loadExport replaces everything in the practice with the file's records, inside tx.
func loadExport(tx *txn, f *exportFile, shift int) error {
	if err := resetSchema(tx, f.SchemaVersion); err != nil {
		return err
	}
	tables, err := schemaTables(tx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, t := range tables {
		known[t.name] = true
	}
	for name := range f.Tables {
		if !known[name] {
			return data.Errorf(data.Invalid, "The file has a table Mutua does not know: %q.", data.Clip(name))
		}
	}
	for _, t := range tables {
		if err := importRows(tx, t, f.Tables[t.name], shift); err != nil {
			return err
		}
	}
	for _, m := range migrations()[f.SchemaVersion:] {
		if err := applyMigration(tx, m); err != nil {
			return fmt.Errorf("update imported practice to schema %d: %w", m.version, err)
		}
	}
	if _, err := instrumentByKey(tx, data.WorkOrientationKey); err != nil {
		return data.Errorf(data.Invalid, "The file could not be imported: it lacks the built-in Work Orientation instrument.")
	}
	if err := checkImportedIdentity(tx); err != nil {
		return err
	}
	return normaliseImportedEmails(tx)
}

// normaliseImportedEmails writes every imported email the one way Mutua keeps emails, as
// the roster import does, and refuses two that are then the same.
func normaliseImportedEmails(tx *txn) error {
	rows, err := tx.Query(`SELECT id, name, email FROM participants WHERE email <> '' ORDER BY id`)
	if err != nil {
		return err
	}
	type owner struct {
		id   int64
		name string
	}
	owners := map[string]owner{}
	renamed := map[int64]string{}
	for rows.Next() {
		var o owner
		var email string
		if err := rows.Scan(&o.id, &o.name, &email); err != nil {
			rows.Close()
			return err
		}
		norm := data.NormalizeEmail(email)
		if first, dup := owners[norm]; dup {
			rows.Close()
			return data.Errorf(data.Invalid, "The file could not be imported: participants %d (%s) and %d (%s) have the same email, %s.",
				first.id, data.Clip(first.name), o.id, data.Clip(o.name), data.Clip(norm))
		}
		owners[norm] = o
		if norm != email {
			renamed[o.id] = norm
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	for id, email := range renamed {
		if _, err := tx.Exec(`UPDATE participants SET email = ? WHERE id = ?`, email, id); err != nil {
			return fmt.Errorf("import participants: %w", err)
		}
	}
	return nil
}

// tryImport imports the file into a new practice beside this one, which it then checks
// against the app's rules and compares with this one to make sure this one is empty.
// Nothing of this practice changes; the trial practice is removed.
func (s *Store) tryImport(f *exportFile, shift int, today data.Date) error {
	dir, err := os.MkdirTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".import-*")
	if err != nil {
		return storageError(fmt.Errorf("prepare import: %w", err))
	}
	defer os.RemoveAll(dir)
	trial, err := Open(filepath.Join(dir, "trial.mutua"))
	if err != nil {
		return fmt.Errorf("prepare import: %w", err)
	}
	defer trial.Close()
	trial.now = s.now
	if err := s.checkEmpty(trial); err != nil {
		return err
	}
	if err := trial.tx(context.Background(), func(tx *txn) error { return loadExport(tx, f, shift) }); err != nil {
		return err
	}
	if err := trial.checkRecords(today); err != nil {
		e := &data.Error{Code: data.Invalid, Message: fmt.Sprintf("The file could not be imported: %s.", plainReadError(err)), Err: err}
		var broken *rulesBroken
		if errors.As(err, &broken) && len(broken.problems) > 1 {
			n := fmt.Sprint(len(broken.problems))
			if len(broken.problems) == maxProblems {
				n = "at least " + n
			}
			e.Message = fmt.Sprintf("The file could not be imported: %s of its records break rules Mutua keeps when you enter them", n)
			e.Problems = broken.problems
		}
		return e
	}
	return nil
}

// checkEmpty refuses to import over a practice that holds anything the coach made: every
// table but the settings must be as in a new practice (fresh).
func (s *Store) checkEmpty(fresh *Store) error {
	tables, err := schemaTables(s.db)
	if err != nil {
		return err
	}
	var held []string
	for _, t := range tables {
		if t.name == "settings" {
			continue
		}
		var mine, new strings.Builder
		w1, w2 := bufio.NewWriter(&mine), bufio.NewWriter(&new)
		if err := exportRows(s.db, t, w1); err != nil {
			return fmt.Errorf("check practice is empty: %w", err)
		}
		if err := exportRows(fresh.db, t, w2); err != nil {
			return fmt.Errorf("check practice is empty: %w", err)
		}
		w1.Flush()
		w2.Flush()
		if mine.String() != new.String() {
			held = append(held, strings.ReplaceAll(t.name, "_", " "))
		}
	}
	if len(held) > 0 {
		return data.Errorf(data.Conflict, "This practice is not empty (it holds %s). Import everything into a new, empty practice.", strings.Join(held, ", "))
	}
	return nil
}

// resetSchema empties the practice and rebuilds its schema at the given version, inside tx.
func resetSchema(tx *txn, version int) error {
	tables, err := schemaTables(tx)
	if err != nil {
		return err
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if _, err := tx.Exec(`DROP TABLE ` + quoteIdent(tables[i].name)); err != nil {
			return fmt.Errorf("empty practice: %w", err)
		}
	}
	for _, m := range migrations()[:version] {
		if err := applyMigration(tx, m); err != nil {
			return err
		}
	}
	// The file brings its own built-in instruments, settings and all.
	if tables, err = schemaTables(tx); err != nil {
		return err
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if _, err := tx.Exec(`DELETE FROM ` + quoteIdent(tables[i].name)); err != nil {
			return fmt.Errorf("empty practice: %w", err)
		}
	}
	return nil
}

// importRows inserts one table's records from the file.
func importRows(tx *txn, t table, rows []map[string]any, shiftDays int) error {
	columns := map[string]bool{}
	for _, c := range t.columns {
		columns[c] = true
	}
	for i, row := range rows {
		where := fmt.Sprintf("%s, record %d", t.name, i+1)
		names := make([]string, 0, len(row))
		for c := range row {
			if !columns[c] {
				return data.Errorf(data.Invalid, "The file could not be imported: %s has a field Mutua does not know: %q.", where, data.Clip(c))
			}
			names = append(names, c)
		}
		sort.Strings(names)
		args := make([]any, len(names))
		for j, c := range names {
			v, err := importValue(row[c], c, shiftDays)
			if err != nil {
				return data.Errorf(data.Invalid, "The file could not be imported: %s, field %s: %v.", where, c, err)
			}
			args[j] = v
		}
		quoted := make([]string, len(names))
		for j, c := range names {
			quoted[j] = quoteIdent(c)
		}
		q := `INSERT INTO ` + quoteIdent(t.name) + ` (` + strings.Join(quoted, ", ") + `) VALUES (` +
			strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + `)`
		if len(names) == 0 {
			q = `INSERT INTO ` + quoteIdent(t.name) + ` DEFAULT VALUES`
		}
		if _, err := tx.Exec(q, args...); err != nil {
			return &data.Error{Code: data.Invalid, Message: fmt.Sprintf("The file could not be imported: %s: %s.", where, plainSQLError(err)), Err: err}
		}
	}
	return nil
}

// importValue turns a JSON value into a value SQLite stores, shifting dates when asked.
func importValue(v any, column string, shiftDays int) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return n, nil
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return nil, errors.New("the number is out of range")
		}
		return f, nil
	case string:
		if shiftDays != 0 && x != "" {
			return shiftDate(x, column, shiftDays), nil
		}
		return x, nil
	}
	return nil, errors.New("only text, numbers and null are allowed")
}

// shiftDate moves a date (a column ending in _on) or a time (ending in _at) by days.
func shiftDate(v, column string, days int) string {
	switch {
	case strings.HasSuffix(column, "_on"):
		if d, err := data.ParseDate(v); err == nil {
			return d.AddDays(days).String()
		}
	case strings.HasSuffix(column, "_at"):
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.AddDate(0, 0, days).UTC().Format(time.RFC3339)
		}
	}
	return v
}

// plainSQLError says in plain words why SQLite refused a record.
func plainSQLError(err error) string {
	msg := err.Error()
	switch resultCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		// The message names the rule broken: "CHECK constraint failed: <rule>".
		_, rule, ok := strings.Cut(msg, "CHECK constraint failed: ")
		if !ok {
			return "a field breaks one of the practice's rules"
		}
		if i := strings.Index(rule, " ("); i >= 0 {
			rule = rule[:i]
		}
		return rule
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return "it repeats a value that must be unique (an ID, an email or a name)"
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return "it refers to a record that is not in the file"
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return "a required field is missing"
	case sqlite3.SQLITE_CONSTRAINT_DATATYPE:
		return "a field holds the wrong kind of value (text where a number belongs, or the reverse)"
	}
	return msg
}

// CreateFromExport creates a new practice at path holding the records of a full export, for
// the sample practice and for moving a practice to another file. An existing practice with
// records in it is refused and left as it is.
func CreateFromExport(path string, r io.Reader, opts ImportOptions) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	if err := s.ImportAll(r, opts); err != nil {
		s.Close()
		if data.ErrorCode(err) == data.Conflict {
			return data.Errorf(data.Conflict, "%s already holds a practice. Choose a new file name.", filepath.Base(path))
		}
		return err
	}
	return s.Close()
}

// SamplePath returns where the sample practice is kept: beside the default practice.
func SamplePath() (string, error) {
	p, err := DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), "sample.mutua"), nil
}

// WriteFileAtomic writes data to path readable by the coach's account only, through a
// temporary file in the same folder, so the file is either complete or untouched.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
