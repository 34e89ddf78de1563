package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// No command writes --out over the practice, its journal, its lock or its backups, whatever
// the name leads there: each is refused, and the files are as they were.
func TestOutNeverOverwritesThePractice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, err := mutua(t, "backup", "--db", db); err != nil {
		t.Fatal(err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "Backups", "*", "*.mutua"))
	if len(backups) == 0 {
		t.Fatal("no backup was made")
	}
	link := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "all.json")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, db)
	beforeBackup := readFile(t, backups[0])
	spelled := filepath.Join(dir, "..", filepath.Base(dir), "p.mutua")
	for _, args := range [][]string{
		{"export", "roster", "--db", db, "--out", link},
		{"export", "all", "--db", db, "--out", hard},
		{"export", "all", "--db", db, "--out", spelled},
		{"export", "roster", "--db", db, "--out", db + "-wal"},
		{"export", "roster", "--db", db, "--out", db + "-lock"},
		{"export", "all", "--db", db, "--out", backups[0]},
		{"report", "cohort", "--db", db, "--cohort", "Spring 2026 executive circle", "--out", link},
		{"backup", "--db", db, "--out", hard},
		{"backup", "--db", link, "--out", db},
	} {
		msg := mustFail(t, args...)
		if !strings.Contains(msg, "Choose another file name") {
			t.Errorf("mutua %s: %q, want a refusal", strings.Join(args, " "), msg)
		}
	}
	if readFile(t, db) != before {
		t.Error("a refused --out changed the practice file")
	}
	if readFile(t, backups[0]) != beforeBackup {
		t.Error("a refused --out changed a backup")
	}
	if out, err := mutua(t, "check", "--db", db); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("check after the refusals: %q, %v", out, err)
	}
}

// check that finds errors sets the practice aside and prints the restore command.
func TestCheckSetsADamagedPracticeAside(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, err := mutua(t, "backup", "--db", db); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO cohort_members (cohort_id, participant_id) VALUES (9999, 9999)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	msg := mustFail(t, "check", "--db", db)
	if !strings.Contains(msg, "set it aside") || !strings.Contains(msg, "mutua restore --db") {
		t.Errorf("check of a damaged practice: %q, want it set aside and the restore command", msg)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the damaged practice is still in place")
	}
	if asides, _ := filepath.Glob(db + ".damaged-*"); len(asides) == 0 {
		t.Error("nothing was set aside")
	}
}

// A roster file too large to import is refused by its size, before it is read into memory.
func TestImportRefusesALargeFileUnread(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "huge.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(300 << 20) // sparse: takes no room on the disk
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	msg := mustFail(t, "import", "--db", filepath.Join(dir, "p.mutua"), big)
	runtime.ReadMemStats(&after)
	if !strings.Contains(msg, "larger than") {
		t.Errorf("import of a 300 MB file: %q", msg)
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 100<<20 {
		t.Errorf("refusing a 300 MB file used %d MB of memory", used>>20)
	}
}
