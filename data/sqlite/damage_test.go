package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

// Damage to a practice's header, or a practice cut short, is damage, not "not a practice": the
// file is set aside unchanged and the newest backup is offered.
func TestDamagedHeaderOrTruncatedIsDamage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"magic string", func(b []byte) []byte { b[0] = 'Q'; return b }},
		{"page size", func(b []byte) []byte { b[16] = 0x02; return b }},
		{"header only", func(b []byte) []byte { return b[:100] }},
		{"half the file", func(b []byte) []byte { return b[:len(b)/2] }},
		{"first 20 bytes", func(b []byte) []byte { return b[:20] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := practiceWithBackup(t)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			damaged := tc.damage(raw)
			os.WriteFile(path, damaged, 0o600)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
			_, err = sqlite.Open(path)
			if data.ErrorCode(err) != data.Damaged || !strings.Contains(err.Error(), "mutua restore") {
				t.Fatalf("open: %v, want damage with a restore offered", err)
			}
			asides, _ := filepath.Glob(path + ".damaged-*")
			if len(asides) != 1 {
				t.Fatalf("set aside as %v", asides)
			}
			if got, _ := os.ReadFile(asides[0]); string(got) != string(damaged) {
				t.Error("the file set aside is not the damaged practice as it was")
			}
		})
	}
}

// Two damaged copies set aside in the same second are both kept.
func TestTwoSetAsideInOneSecond(t *testing.T) {
	path := practiceWithBackup(t)
	raw, _ := os.ReadFile(path)
	var kept []string
	for i := 0; i < 2; i++ {
		damaged := append([]byte(nil), raw...)
		damaged[0] = 'Q'
		damaged[1] = byte('0' + i)
		os.WriteFile(path, damaged, 0o600)
		sqlite.Open(path)
		kept = append(kept, string(damaged))
	}
	asides, _ := filepath.Glob(path + ".damaged-*")
	if len(asides) != 2 {
		t.Fatalf("two damaged copies set aside as %v", asides)
	}
	for _, a := range asides {
		got, _ := os.ReadFile(a)
		if string(got) != kept[0] && string(got) != kept[1] {
			t.Errorf("%s holds neither damaged copy", a)
		}
	}
}

// Restoring from a copy that has its journal (-wal) beside it restores the changes committed
// in that journal too.
func TestRestoreFromACopyWithItsJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
	copyPath := filepath.Join(t.TempDir(), "copy.mutua")
	for _, side := range []string{"", "-wal"} {
		raw, err := os.ReadFile(path + side)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(copyPath+side, raw, 0o600)
	}
	s.Close()
	other := filepath.Join(dir, "other.mutua")
	o, err := sqlite.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if _, err := sqlite.Restore(other, copyPath, sqlite.Options{}); err != nil {
		t.Fatal(err)
	}
	o, err = sqlite.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if _, err := o.ParticipantByEmail("ana@northwind.example"); err != nil {
		t.Errorf("the change committed in the copy's journal was not restored: %v", err)
	}
}

// A flipped byte in the journal would make SQLite drop the commits after it without a word:
// it is damage, and the journal is kept with the practice set aside.
func TestFlippedByteInTheJournalIsDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup("daily"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		mustAdd(t, s, data.Participant{Name: fmt.Sprintf("Participant %d", i), Email: fmt.Sprintf("p%d@x.example", i)})
	}
	copyDir := t.TempDir()
	crashed := filepath.Join(copyDir, "practice.mutua")
	for _, side := range []string{"", "-wal"} {
		raw, err := os.ReadFile(path + side)
		if err != nil {
			t.Fatal(err)
		}
		if side == "-wal" {
			raw[32+24+100] ^= 0x01 // a byte of the first frame's page
		}
		os.WriteFile(crashed+side, raw, 0o600)
	}
	s.Close()
	os.MkdirAll(filepath.Join(copyDir, "Backups"), 0o700)
	os.Rename(filepath.Dir(sqlite.BackupDir(path, "")), filepath.Join(copyDir, "Backups"))
	_, err = sqlite.Open(crashed)
	if data.ErrorCode(err) != data.Damaged {
		t.Fatalf("open with a flipped byte in the journal: %v, want damage", err)
	}
	walAside, _ := filepath.Glob(crashed + ".damaged-*-wal")
	if len(walAside) != 1 {
		t.Errorf("the journal was not kept with the practice set aside: %v", walAside)
	}
}
