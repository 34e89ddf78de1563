package sqlite

import (
	"context"
	"database/sql"
	"errors"

	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// resultCode returns SQLite's extended result code for err (the driver turns extended
// codes on for every connection), or 0 when err did not come from SQLite. Failures are told
// apart by these codes, never by the wording of SQLite's messages.
func resultCode(err error) int {
	var e *driver.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// primaryCode returns the primary result code (SQLITE_CONSTRAINT for
// SQLITE_CONSTRAINT_FOREIGNKEY), or 0.
func primaryCode(err error) int { return resultCode(err) & 0xff }

// isForeignKey reports whether SQLite refused a write because it refers to a record that is
// not there (any more).
func isForeignKey(err error) bool { return resultCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY }

// errPoolClosed is what database/sql returns once a pool is closed. It does not export it,
// so it is taken once from a pool closed before use (opening a pool connects to nothing).
var errPoolClosed = func() error {
	db, err := sql.Open("sqlite", "")
	if err != nil {
		return err
	}
	db.Close()
	_, err = db.BeginTx(context.Background(), nil)
	return err
}()

// isPoolClosed reports whether err says the store's connections were closed.
func isPoolClosed(err error) bool {
	return err != nil && errPoolClosed != nil && errors.Is(err, errPoolClosed)
}
