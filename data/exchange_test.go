package data_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"mutua/data"
)

// mustSample opens a new practice holding the sample, with its dates as written.
func mustSample(t testing.TB) *data.Store {
	t.Helper()
	raw, err := os.ReadFile("../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	fixedClock(s)
	if err := s.ImportAll(bytes.NewReader(raw), data.ImportOptions{}); err != nil {
		t.Fatalf("import sample: %v", err)
	}
	return s
}

func TestExportImportAll(t *testing.T) {
	t.Run("round trip is exact", func(t *testing.T) {
		s := mustSample(t)
		first := snapshot(t, s)
		copy := mustOpen(t)
		fixedClock(copy)
		if err := copy.ImportAll(strings.NewReader(first), data.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if second := snapshot(t, copy); second != first {
			t.Errorf("export → import → export differs")
		}
		// Every table of the schema holds records, so the round trip covered them all.
		var f struct {
			Tables map[string][]map[string]any `json:"tables"`
		}
		if err := json.Unmarshal([]byte(first), &f); err != nil {
			t.Fatal(err)
		}
		for name, rows := range f.Tables {
			if len(rows) == 0 && name != "round_rejections" && name != "round_unpaired" {
				t.Errorf("the sample has no %s", name)
			}
		}
	})

	t.Run("the sample practice is as promised", func(t *testing.T) {
		s := mustSample(t)
		r, err := s.Roster()
		if err != nil {
			t.Fatal(err)
		}
		companies, industries, orientations := map[string]bool{}, map[string]bool{}, map[string]bool{}
		accents := 0
		for _, e := range r.Entries {
			companies[e.Company], industries[e.Industry] = true, true
			orientations[e.Orientation] = true
			if e.Orientation == "" {
				t.Errorf("%s has no assessment", e.Name)
			}
			if data.Fold(e.Name) != strings.ToLower(e.Name) {
				accents++
			}
		}
		if len(r.Entries) < 24 || len(companies) < 10 || len(industries) < 6 || len(r.Cohorts) != 2 || accents < 3 {
			t.Errorf("sample has %d people, %d companies, %d industries, %d cohorts, %d accented names",
				len(r.Entries), len(companies), len(industries), len(r.Cohorts), accents)
		}
		if len(orientations) < 3 {
			t.Errorf("sample orientations = %v, want a mix", orientations)
		}
		all := snapshot(t, s)
		for _, vis := range []string{`"visibility": "private"`, `"visibility": "shared"`, `"visibility": "sponsor"`, `"status": "approved"`} {
			if !strings.Contains(all, vis) {
				t.Errorf("sample lacks %s", vis)
			}
		}
	})

	t.Run("dates move so the sample looks current", func(t *testing.T) {
		raw, _ := os.ReadFile("../assets/sample.json")
		s := mustOpen(t)
		if err := s.ImportAll(bytes.NewReader(raw), data.ImportOptions{MoveDatesTo: data.NewDate(2027, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		c, err := s.CohortByName("Spring 2026 executive circle")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.StartsOn.String(); got != "2026-04-25" { // 2026-03-16 plus the 40 days from 2026-11-22 to 2027-01-01
			t.Errorf("cohort starts %s, want 2026-04-25", got)
		}
	})

	t.Run("refuses a practice that is not empty", func(t *testing.T) {
		s := mustSample(t)
		before := snapshot(t, s)
		err := s.ImportAll(strings.NewReader(before), data.ImportOptions{})
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("err = %v, want not-empty conflict", err)
		}
	})
}

func TestImportAllRefusesBadFiles(t *testing.T) {
	raw, err := os.ReadFile("../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	sample := string(raw)
	for _, tc := range []struct {
		name, file, want string
	}{
		{"not JSON", "name,email\nAna,ana@x\n", "not valid JSON"},
		{"another format", `{"format": "something-else", "schema_version": 1}`, "not a Mutua export"},
		{"newer schema", `{"format": "mutua-practice", "schema_version": 99, "tables": {}}`, "newer version of Mutua"},
		{"unknown table", strings.Replace(sample, `"settings": [`, `"secrets": [], "settings": [`, 1), `table Mutua does not know: "secrets"`},
		{"unknown field", strings.Replace(sample, `"seniority": 6,`, `"seniority": 6, "shoe_size": 41,`, 1), `field Mutua does not know: "shoe_size"`},
		{"seniority out of range", strings.Replace(sample, `"seniority": 6,`, `"seniority": 9,`, 1), "participants, record 1: seniority must be a level from 1 to 6"},
		{"text for a number", strings.Replace(sample, `"seniority": 6,`, `"seniority": "six",`, 1), "wrong kind of value"},
		{"a bad email", strings.Replace(sample, `"zoe.odegard@fernhillbank.example"`, `"zoe@"`, 1), `"zoe@" is not a valid email`},
		{"a duplicate email", strings.Replace(sample, `"marcus.bell@orbital.example"`, `"zoe.odegard@fernhillbank.example"`, 1), "must be unique"},
		{"a dangling reference", strings.Replace(sample, `{"cohort_id": 1, "participant_id": 1}`, `{"cohort_id": 1, "participant_id": 999}`, 1), "refers to a record that is not in the file"},
		{"an impossible date", strings.Replace(sample, `"starts_on": "2026-03-16"`, `"starts_on": "2026-13-45"`, 1), "a cohort start must be a real date"},
		{"a semicolon in a cohort name", strings.Replace(sample, `"name": "Spring 2026 executive circle"`, `"name": "Spring; 2026"`, 1), "cannot contain a semicolon"},
		{"true for a number", strings.Replace(sample, `"capacity": 1,`, `"capacity": true,`, 1), "only text, numbers and null"},
		{"cut short", sample[:len(sample)/2], "not valid JSON"},
		{"no work orientation", strings.Replace(sample, `"key": "work-orientation"`, `"key": "work-orientation-old"`, 1), "lacks the built-in Work Orientation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.file == sample {
				t.Fatal("the test case did not change the sample")
			}
			s := mustOpen(t)
			fixedClock(s)
			before := snapshot(t, s)
			err := s.ImportAll(strings.NewReader(tc.file), data.ImportOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the practice changed although the import was refused")
			}
		})
	}
}

func TestImportOlderExport(t *testing.T) {
	// A full export written by the first schema, kept as it was.
	raw, err := os.ReadFile("../testdata/exports/schema-1.json")
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	if err := s.ImportAll(bytes.NewReader(raw), data.ImportOptions{}); err != nil {
		t.Fatalf("import schema 1: %v", err)
	}
	r, _ := s.Roster()
	if len(r.Entries) != 26 || len(r.Cohorts) != 2 {
		t.Errorf("imported %d participants and %d cohorts", len(r.Entries), len(r.Cohorts))
	}
	// Later schema steps ran on the imported records: the agenda library is there.
	if agendas, err := s.Agendas("calling"); err != nil || len(agendas) < 4 {
		t.Errorf("agendas after importing an older export: %v, %v", agendas, err)
	}
	if !strings.Contains(snapshot(t, s), fmt.Sprintf(`"schema_version": %d`, data.SchemaVersion())) {
		t.Error("the practice is not at the current schema")
	}
}
