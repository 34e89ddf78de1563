package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
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
			_, err = data.Open(path)
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
		data.Open(path)
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
