package cli

import (
	"os"
	"path/filepath"
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
