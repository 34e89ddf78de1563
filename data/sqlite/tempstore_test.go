package sqlite

import (
	"path/filepath"
	"testing"
)

// SQLite's temporary storage (sorts, temporary indexes) stays in memory on every connection,
// writing and reading, so private note text never lands in the system's temporary folder.
func TestTemporaryStorageInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var store int
	if err := s.db.QueryRow(`PRAGMA temp_store`).Scan(&store); err != nil || store != 2 {
		t.Errorf("temp_store = %d (%v), want 2 (memory)", store, err)
	}
	db, closeDB, err := openReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	if err := db.QueryRow(`PRAGMA temp_store`).Scan(&store); err != nil || store != 2 {
		t.Errorf("reader's temp_store = %d (%v), want 2 (memory)", store, err)
	}
}
