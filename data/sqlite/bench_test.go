package sqlite_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"mutua/data/sqlite"
)

// rosterCSV returns a realistic roster file with n participants.
func rosterCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("name,email,title,company,industry,function,seniority,years_experience,strengths,development_areas,cohort,job,career,calling,assessed_on\n")
	industries := []string{"Financial services", "Technology", "Energy", "Healthcare", "Retail", "Public sector"}
	tags := []string{"negotiation", "data literacy", "storytelling", "board relations", "coaching style", "pricing strategy", "crisis management"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Participant %05d Ødegård,p%05d@company%03d.example,Director of Things,Company %03d,%s,Operations,%d,%d,%s; %s,%s,Cohort %d,%d,%d,%d,2026-0%d-1%d\n",
			i, i, i%500, i%500, industries[i%len(industries)], 1+i%6, 5+i%30, tags[i%7], tags[(i+2)%7], tags[(i+4)%7], i%20, i%101, (i*7)%101, (i*13)%101, 1+i%9, i%10)
	}
	return b.Bytes()
}

// practiceWith returns the path of a closed practice holding n participants.
func practiceWith(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportRoster(bytes.NewReader(rosterCSV(n))); err != nil {
		b.Fatal(err)
	}
	s.Close()
	return path
}

// Target: open a practice and list 10,000 participants in under 100 ms, as the app does,
// leaving the integrity check until the list is shown.
func BenchmarkOpenAndList10k(b *testing.B) { benchmarkOpenAndList(b, false) }

// The same, then the integrity check, which the app runs in the background once the list is
// shown (nothing is saved before it passes).
func BenchmarkOpenListAndCheck10k(b *testing.B) { benchmarkOpenAndList(b, true) }

func benchmarkOpenAndList(b *testing.B, waitForCheck bool) {
	path := practiceWith(b, 10000)
	for b.Loop() {
		s, err := sqlite.OpenWith(path, sqlite.Options{CheckLater: true})
		if err != nil {
			b.Fatal(err)
		}
		r, err := s.Roster()
		if err != nil || len(r.Entries) != 10000 {
			b.Fatalf("%v, %d", err, len(r.Entries))
		}
		if waitForCheck {
			if err := s.Checked(); err != nil {
				b.Fatal(err)
			}
		}
		s.Close()
	}
}

// Target: filter 10,000 participants by a search string in under 10 ms.
func BenchmarkFilter10k(b *testing.B) {
	s, err := sqlite.Open(practiceWith(b, 10000))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := s.Roster()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if got := r.Filter("odegard negotiation", 0, ""); len(got) == 0 {
			b.Fatal("no match")
		}
	}
}

// Target: import a 10,000-row CSV in under 2 s.
func BenchmarkImportCSV10k(b *testing.B) {
	file := rosterCSV(10000)
	for b.Loop() {
		b.StopTimer()
		s, err := sqlite.Open(filepath.Join(b.TempDir(), "import.mutua"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := s.ImportRoster(bytes.NewReader(file))
		if err != nil || res.Added != 10000 {
			b.Fatalf("%v, %+v", err, res)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
