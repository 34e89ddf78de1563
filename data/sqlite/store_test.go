package sqlite_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"mutua/data"
	"mutua/data/sqlite"
)

// mustOpen opens a new practice in a temporary folder and closes it when the test ends.
func mustOpen(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "practice.mutua"))
	if err != nil {
		t.Fatalf("open practice: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustAdd saves a participant built from p and returns it with its ID.
func mustAdd(t testing.TB, s *sqlite.Store, p data.Participant) data.Participant {
	t.Helper()
	if err := s.CreateParticipant(&p); err != nil {
		t.Fatalf("add %s: %v", p.Name, err)
	}
	return p
}

func TestOpen(t *testing.T) {
	t.Run("new practice is private and uses the safe settings", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "Mutua")
		path := filepath.Join(dir, "practice.mutua")
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("practice file mode = %v, want 0600", fi.Mode().Perm())
		}
		di, _ := os.Stat(dir)
		if di.Mode().Perm() != 0o700 {
			t.Errorf("data folder mode = %v, want 0700", di.Mode().Perm())
		}
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var appID, version int
		var journal string
		if err := db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), (SELECT journal_mode FROM pragma_journal_mode)`).Scan(&appID, &version, &journal); err != nil {
			t.Fatal(err)
		}
		if appID != sqlite.ApplicationID || version != sqlite.SchemaVersion() || journal != "wal" {
			t.Errorf("application_id %x, user_version %d, journal %s; want %x, %d, wal", appID, version, journal, sqlite.ApplicationID, sqlite.SchemaVersion())
		}
	})

	t.Run("built-in instruments are there", func(t *testing.T) {
		s := mustOpen(t)
		ins, err := s.Instruments()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, in := range ins {
			names = append(names, in.Name)
		}
		if len(ins) != 2 || !strings.Contains(names[0]+names[1], "Job / Career / Calling") || !strings.Contains(names[0]+names[1], "Five") {
			t.Fatalf("instruments = %v", names)
		}
		wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
		if len(wo.Scales) != 3 {
			t.Errorf("work orientation scales = %d, want 3", len(wo.Scales))
		}
	})

	t.Run("reopening keeps the records", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.mutua")
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
		s.Close()
		s, err = sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.ParticipantByEmail("ANA@northwind.example"); err != nil {
			t.Errorf("after reopening: %v", err)
		}
	})

	t.Run("a second copy is refused until the first closes", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.mutua")
		first, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = sqlite.Open(path)
		if data.ErrorCode(err) != data.Locked || !strings.Contains(err.Error(), "open in another Mutua window") {
			t.Fatalf("second open: %v, want the practice-is-open message", err)
		}
		first.Close()
		second, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("open after the first closed: %v", err)
		}
		second.Close()
	})

	t.Run("files that are not practices are refused and left untouched", func(t *testing.T) {
		dir := t.TempDir()
		text := filepath.Join(dir, "notes.txt")
		os.WriteFile(text, []byte("Meeting notes, not a database\n"), 0o644)

		other := filepath.Join(dir, "other.db")
		db, _ := sql.Open("sqlite", other)
		db.Exec(`CREATE TABLE recipes (name TEXT)`)
		db.Close()

		newer := filepath.Join(dir, "newer.mutua")
		s, err := sqlite.Open(newer)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		db, _ = sql.Open("sqlite", newer)
		db.Exec(`PRAGMA user_version = 999`)
		db.Close()

		for _, tc := range []struct {
			path string
			code data.Code
			want string
		}{
			{text, data.NotPractice, "is not a Mutua practice file"},
			{other, data.NotPractice, "is not a Mutua practice file"},
			{newer, data.TooNew, "newer version of Mutua"},
		} {
			before, _ := os.ReadFile(tc.path)
			_, err := sqlite.Open(tc.path)
			if data.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("open %s: %v, want %q", filepath.Base(tc.path), err, tc.want)
			}
			after, _ := os.ReadFile(tc.path)
			if !bytes.Equal(before, after) {
				t.Errorf("open %s changed the file", filepath.Base(tc.path))
			}
			if _, err := os.Stat(tc.path + "-wal"); err == nil && tc.code == data.NotPractice {
				t.Errorf("open %s left a -wal file", filepath.Base(tc.path))
			}
		}
	})
}

func TestParticipants(t *testing.T) {
	t.Run("saved with tidy fields and read back", func(t *testing.T) {
		s := mustOpen(t)
		p := mustAdd(t, s, data.Participant{Name: "  Zoë   Ødegård ", Email: "Zoe@Fernhill.Example", Company: "Fernhill Bank",
			Seniority: 5, Strengths: []string{"negotiation", " Negotiation", "data literacy"}, DevelopmentAreas: []string{"coaching"}})
		got, err := s.Participant(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Zoë Ødegård" || got.Email != "zoe@fernhill.example" || got.Capacity != 1 || got.Status != data.Active {
			t.Errorf("read back %+v", got)
		}
		if strings.Join(got.Strengths, "|") != "negotiation|data literacy" || strings.Join(got.DevelopmentAreas, "|") != "coaching" {
			t.Errorf("tags = %v / %v", got.Strengths, got.DevelopmentAreas)
		}
	})

	t.Run("invalid fields are named and nothing is saved", func(t *testing.T) {
		s := mustOpen(t)
		p := data.Participant{Name: "", Email: "ana@", Seniority: 9, BirthYear: 1850, Capacity: 11}
		err := s.CreateParticipant(&p)
		if data.ErrorCode(err) != data.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		fields := map[string]bool{}
		for _, pr := range data.Problems(err) {
			fields[pr.Field] = true
		}
		for _, f := range []string{"name", "email", "seniority", "birth_year", "capacity"} {
			if !fields[f] {
				t.Errorf("no problem reported for %s in %v", f, err)
			}
		}
		r, _ := s.Roster()
		if len(r.Entries) != 0 {
			t.Errorf("%d participants saved, want 0", len(r.Entries))
		}
	})

	t.Run("a duplicate email is refused with the other person's name", func(t *testing.T) {
		s := mustOpen(t)
		mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
		err := s.CreateParticipant(&data.Participant{Name: "Ana P.", Email: "ANA@northwind.example"})
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "Ana Pereira") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("update, archive and delete", func(t *testing.T) {
		s := mustOpen(t)
		p := mustAdd(t, s, data.Participant{Name: "Ben Okafor", Company: "Helix Biotech"})
		p.Title = "Chief Scientist"
		p.Strengths = []string{"research strategy"}
		if err := s.UpdateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		if err := s.SetParticipantStatus(p.ID, data.Alumni); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Participant(p.ID)
		if got.Title != "Chief Scientist" || got.Status != data.Alumni || len(got.Strengths) != 1 {
			t.Errorf("after update: %+v", got)
		}
		if err := s.DeleteParticipant(p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Participant(p.ID); data.ErrorCode(err) != data.NotFound {
			t.Errorf("after delete: %v, want not found", err)
		}
		if err := s.DeleteParticipant(p.ID); data.ErrorCode(err) != data.NotFound {
			t.Errorf("second delete: %v, want not found", err)
		}
	})
}

func TestRosterSearch(t *testing.T) {
	s := mustOpen(t)
	zoe := mustAdd(t, s, data.Participant{Name: "Zoë Ødegård", Company: "Fernhill Bank", Strengths: []string{"negotiation"}})
	ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor", Company: "Helix Biotech", DevelopmentAreas: []string{"negotiation"}})
	cara := mustAdd(t, s, data.Participant{Name: "Cara Lind", Company: "Northwind", Status: data.Paused})
	spring := data.Cohort{Name: "Spring 2027"}
	if err := s.SaveCohort(&spring); err != nil {
		t.Fatal(err)
	}
	if err := s.AddToCohort(spring.ID, zoe.ID, cara.ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Roster()
	if err != nil {
		t.Fatal(err)
	}
	names := func(idx []int) string {
		var out []string
		for _, i := range idx {
			out = append(out, r.Entries[i].Name)
		}
		return strings.Join(out, ", ")
	}
	for _, tc := range []struct {
		query  string
		cohort int64
		status data.Status
		want   string
	}{
		{"", 0, "", "Ben Okafor, Cara Lind, Zoë Ødegård"},
		{"zoe", 0, "", "Zoë Ødegård"},
		{"odegard fernhill", 0, "", "Zoë Ødegård"},
		{"HELIX", 0, "", "Ben Okafor"},
		{"negotiation", 0, "", "Ben Okafor, Zoë Ødegård"},
		{"", spring.ID, "", "Cara Lind, Zoë Ødegård"},
		{"", spring.ID, data.Paused, "Cara Lind"},
		{"nobody", 0, "", ""},
	} {
		if got := names(r.Filter(tc.query, tc.cohort, tc.status)); got != tc.want {
			t.Errorf("Filter(%q, %d, %q) = %q, want %q", tc.query, tc.cohort, tc.status, got, tc.want)
		}
	}
	_ = ben
}

func TestCohorts(t *testing.T) {
	s := mustOpen(t)
	a := mustAdd(t, s, data.Participant{Name: "Ana"})
	b := mustAdd(t, s, data.Participant{Name: "Ben"})
	c := data.Cohort{Name: "Spring 2027 executive circle", StartsOn: data.NewDate(2027, 3, 1)}
	if err := s.SaveCohort(&c); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCohort(&data.Cohort{Name: "spring 2027 EXECUTIVE circle"}); data.ErrorCode(err) != data.Conflict {
		t.Errorf("duplicate name: %v, want conflict", err)
	}
	if err := s.SaveCohort(&data.Cohort{Name: "A; B"}); data.ErrorCode(err) != data.Invalid {
		t.Errorf("semicolon in name: %v, want invalid", err)
	}
	if err := s.SaveCohort(&data.Cohort{Name: "Late", StartsOn: data.NewDate(2027, 3, 1), EndsOn: data.NewDate(2027, 1, 1)}); data.ErrorCode(err) != data.Invalid {
		t.Errorf("end before start: %v, want invalid", err)
	}
	if err := s.AddToCohort(c.ID, a.ID, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFromCohort(c.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameCohort(c.ID, "Spring 2027 circle"); err != nil {
		t.Fatal(err)
	}
	got, err := s.CohortByName("SPRING 2027 CIRCLE")
	if err != nil || got.Members != 1 || !got.StartsOn.Time().Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("cohort = %+v, %v", got, err)
	}
	if err := s.DeleteCohort(c.ID); err != nil {
		t.Fatal(err)
	}
	r, _ := s.Roster()
	if len(r.Entries) != 2 || len(r.Cohorts) != 0 {
		t.Errorf("after deleting the cohort: %d participants, %d cohorts; want 2, 0", len(r.Entries), len(r.Cohorts))
	}
}
