package sqlite_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

// mustSample opens a new practice holding the sample, with its dates as written.
func mustSample(t testing.TB) *sqlite.Store {
	t.Helper()
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	fixedClock(s)
	if err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
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
		if err := copy.ImportAll(strings.NewReader(first), sqlite.ImportOptions{}); err != nil {
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
			// the sample sends no questionnaire: a request's id is random, the sample fixed
			if len(rows) == 0 && name != "round_rejections" && name != "round_unpaired" && name != "form_requests" {
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
		raw, _ := os.ReadFile("../../assets/sample.json")
		s := mustOpen(t)
		if err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{MoveDatesTo: data.NewDate(2027, 1, 1)}); err != nil {
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
		err := s.ImportAll(strings.NewReader(before), sqlite.ImportOptions{})
		if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("err = %v, want not-empty conflict", err)
		}
	})
}

func TestImportAllRefusesBadFiles(t *testing.T) {
	raw, err := os.ReadFile("../../assets/sample.json")
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
			err := s.ImportAll(strings.NewReader(tc.file), sqlite.ImportOptions{})
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
	raw, err := os.ReadFile("../../testdata/exports/schema-1.json")
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	if err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
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
	if !strings.Contains(snapshot(t, s), fmt.Sprintf(`"schema_version": %d`, sqlite.SchemaVersion())) {
		t.Error("the practice is not at the current schema")
	}
}

// sampleTables returns the sample export's tables, to change one value in a test.
func sampleTables(t testing.TB) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	return f
}

// rowOf returns the record of table whose column holds value (the first one).
func rowOf(t testing.TB, f map[string]any, table, column string, value any) map[string]any {
	t.Helper()
	for _, r := range f["tables"].(map[string]any)[table].([]any) {
		row := r.(map[string]any)
		if fmt.Sprint(row[column]) == fmt.Sprint(value) {
			return row
		}
	}
	t.Fatalf("the sample has no %s with %s = %v", table, column, value)
	return nil
}

func dropRows(f map[string]any, table string, keep func(map[string]any) bool) {
	tables := f["tables"].(map[string]any)
	var kept []any
	for _, r := range tables[table].([]any) {
		if keep(r.(map[string]any)) {
			kept = append(kept, r)
		}
	}
	tables[table] = kept
}

func addRow(f map[string]any, table string, row map[string]any) {
	tables := f["tables"].(map[string]any)
	tables[table] = append(tables[table].([]any), row)
}

// TestImportAllAppliesTheAppsRules: a full export is held to the rules the app applies when
// the coach types each record, so a file cannot bring in what the app could never show.
func TestImportAllAppliesTheAppsRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(f map[string]any)
		want   string
	}{
		{"a session in the future", func(f map[string]any) {
			rowOf(t, f, "sessions", "id", 1)["held_on"] = "2026-12-24"
		}, "partnership 2 (Zoë Ødegård and Ngozi Okafor), session 1: A session cannot be dated in the future"},
		{"a session before the partnership began", func(f map[string]any) {
			rowOf(t, f, "sessions", "id", 1)["held_on"] = "2025-01-01"
		}, "cannot be dated before the partnership started"},
		{"a rating by an absent member", func(f map[string]any) {
			a := rowOf(t, f, "session_attendance", "session_id", 1)
			a["attended"] = json.Number("0")
		}, "did not attend, so cannot rate the session"},
		{"attendance by a non-member", func(f map[string]any) {
			rowOf(t, f, "session_attendance", "session_id", 1)["participant_id"] = json.Number("26")
		}, "Only the partnership's members can attend"},
		{"a partnership of one member", func(f map[string]any) {
			dropRows(f, "partnership_members", func(r map[string]any) bool {
				return fmt.Sprint(r["partnership_id"])+" "+fmt.Sprint(r["participant_id"]) != "1 9"
			})
		}, "partnership 1 (Chloé Dubois): a partnership has two or three members, not 1"},
		{"a partnership of no members", func(f map[string]any) {
			dropRows(f, "partnership_members", func(r map[string]any) bool { return fmt.Sprint(r["partnership_id"]) != "1" })
		}, "partnership 1 (no members): a partnership has two or three members, not 0"},
		{"capacity exceeded", func(f map[string]any) {
			addRow(f, "partnership_members", map[string]any{"partnership_id": json.Number("2"), "participant_id": json.Number("7"),
				"fit_check": "", "fit_checked_on": ""})
		}, "is in 2 running partnerships but has room for 1"},
		{"a note longer than the app allows", func(f map[string]any) {
			rowOf(t, f, "notes", "id", 1)["body"] = strings.Repeat("a", data.MaxTextLength+1)
		}, "A note is too long (10001 characters; at most 10000)"},
		{"a control character in a note", func(f map[string]any) {
			rowOf(t, f, "notes", "id", 1)["body"] = "Ring\x07 the bell"
		}, "control characters"},
		{"a control character where nothing else checks", func(f map[string]any) {
			rowOf(t, f, "agreements", "id", 1)["objective"] = "Help\x1b[2J each other"
		}, "agreements, record 1, field objective"},
		{"a score of 1e308", func(f map[string]any) {
			rowOf(t, f, "assessment_values", "assessment_id", 1)["number"] = json.Number("1e308")
		}, "Job must be from 0 to 100"},
		{"a pair score of 1e308", func(f map[string]any) {
			rowOf(t, f, "round_pairs", "id", 1)["score"] = json.Number("1e308")
		}, "round_pairs, record 1, field score"},
		{"an orientation its scores do not give", func(f map[string]any) {
			a := rowOf(t, f, "assessments", "id", 1)
			if a["primary_orientation"] == "job" {
				a["primary_orientation"] = "career"
			} else {
				a["primary_orientation"] = "job"
			}
		}, "but its scores make it"},
		{"a scale whose lowest value is above its highest", func(f map[string]any) {
			rowOf(t, f, "scales", "id", 1)["min_value"] = json.Number("200")
		}, "needs a lowest value below its highest"},
		{"emails that are the same once tidied", func(f map[string]any) {
			rowOf(t, f, "participants", "id", 2)["email"] = " ZOE.ODEGARD@fernhillbank.example"
		}, "have the same email, zoe.odegard@fernhillbank.example"},
		{"a line break in a name", func(f map[string]any) {
			rowOf(t, f, "participants", "id", 2)["name"] = "Marcus\nBell"
		}, `Name "Marcus�Bell" is not written the way Mutua keeps it`},
		{"a reason for a pair never to match longer than the app allows", func(f map[string]any) {
			rowOf(t, f, "exclusions", "id", 1)["reason"] = strings.Repeat("b", data.MaxShortLength+1)
		}, "): The reason is too long (201 characters; at most 200)"},
		{"an agenda item longer than the app allows", func(f map[string]any) {
			rowOf(t, f, "agendas", "id", 1)["text"] = strings.Repeat("c", 2*data.MaxShortLength+1)
		}, "agenda for calling orientation: An agenda item is too long (401 characters; at most 400)"},
		{"a date no screen can read", func(f map[string]any) {
			rowOf(t, f, "partnership_members", "participant_id", 7)["fit_checked_on"] = "yesterday"
		}, `partnership_members, record 1, field fit_checked_on: "yesterday" is not a date`},
		{"an end before the start", func(f map[string]any) {
			p := rowOf(t, f, "partnerships", "status", "ended-early")
			p["ended_on"] = "2020-01-01"
		}, "cannot end before it started"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := sampleTables(t)
			tc.change(f)
			file, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			s := mustOpen(t)
			fixedClock(s)
			before := snapshot(t, s)
			err = s.ImportAll(bytes.NewReader(file), sqlite.ImportOptions{})
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the practice changed although the import was refused")
			}
		})
	}
}

// TestImportAllNamesEveryProblem: a file with several bad records names each of them, so the
// coach can mend them all before trying again.
func TestImportAllNamesEveryProblem(t *testing.T) {
	f := sampleTables(t)
	rowOf(t, f, "sessions", "id", 1)["held_on"] = "2026-12-24"
	rowOf(t, f, "exclusions", "id", 2)["reason"] = strings.Repeat("b", data.MaxShortLength+1)
	rowOf(t, f, "participants", "id", 2)["name"] = "Marcus  Bell"
	file, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	fixedClock(s)
	err = s.ImportAll(bytes.NewReader(file), sqlite.ImportOptions{})
	if got := data.Message(err); got != "The file could not be imported: 3 of its records break rules Mutua keeps when you enter them" {
		t.Errorf("message = %q", got)
	}
	problems := data.Problems(err)
	if len(problems) != 3 {
		t.Fatalf("problems = %v, want 3", problems)
	}
	for i, want := range []string{"participant 2 (Marcus Bell): Name", "partnership 2 (Zoë Ødegård and Ngozi Okafor), session 1", "pair never to match 2 (Tidewater Retail and Marigold Hotels): The reason is too long"} {
		if !strings.Contains(problems[i].Message, want) {
			t.Errorf("problem %d = %q, want %q", i+1, problems[i].Message, want)
		}
	}
}

// TestImportAllNeedsAnEmptyPractice: anything the coach has made counts, not only people.
func TestImportAllNeedsAnEmptyPractice(t *testing.T) {
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fill func(s *sqlite.Store) error
	}{
		{"only an agenda", func(s *sqlite.Store) error {
			lib, err := s.AgendaLibrary()
			if err != nil {
				return err
			}
			lib["any"] = append(lib["any"], "How the quarter went")
			return s.SaveAgendaLibrary(lib)
		}},
		{"only an exclusion", func(s *sqlite.Store) error {
			return s.AddExclusion(&data.Exclusion{CompanyA: "Tidewater Retail", CompanyB: "Marigold Hotels"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			fixedClock(s)
			if err := tc.fill(s); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, s)
			err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{})
			if data.ErrorCode(err) != data.Conflict || !strings.Contains(err.Error(), "not empty") {
				t.Fatalf("err = %v, want not-empty conflict", err)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the practice changed although the import was refused")
			}
		})
	}
}
