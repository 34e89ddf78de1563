package data_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
)

// fixedClock makes stored times, and so exports, repeatable.
func fixedClock(s *data.Store) {
	s.SetClock(func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) })
}

// snapshot returns everything in the practice, to show an import changed nothing.
func snapshot(t testing.TB, s *data.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportAll(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func mustImportCSV(t testing.TB, s *data.Store, file string) data.ImportResult {
	t.Helper()
	res, err := s.ImportRoster(strings.NewReader(file))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

func TestImportRoster(t *testing.T) {
	t.Run("a spreadsheet saved by Excel", func(t *testing.T) {
		s := mustOpen(t)
		file := "\xef\xbb\xbfName,Email,Company,Seniority,Strengths,Development Areas,Cohort,Job,Career,Calling,Assessed_On,Shoe size\r\n" +
			"Zoë Ødegård,zoe@fernhill.example,\"Fernhill Bank, Oslo\",5,negotiation; data literacy,coaching,Spring 2027,10,35,80,2026-03-02,41\r\n" +
			"\"Ben \"\"Benny\"\" Okafor\",ben@helix.example,Helix Biotech,Director,\"research strategy\",\"negotiation;\r\npublic speaking\",Spring 2027; Reverse 2027,,,,,\r\n" +
			",,,,,,,,,,,\r\n"
		res := mustImportCSV(t, s, file)
		if res.Added != 2 || res.Updated != 0 || res.Assessments != 1 || len(res.NewCohorts) != 2 {
			t.Errorf("result = %+v", res)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Shoe size") {
			t.Errorf("warnings = %v, want one naming the unknown column", res.Warnings)
		}
		zoe, err := s.ParticipantByEmail("zoe@fernhill.example")
		if err != nil {
			t.Fatal(err)
		}
		if zoe.Name != "Zoë Ødegård" || zoe.Company != "Fernhill Bank, Oslo" || zoe.Seniority != 5 ||
			data.JoinTags(zoe.Strengths) != "negotiation; data literacy" {
			t.Errorf("zoe = %+v", zoe)
		}
		ben, _ := s.ParticipantByEmail("ben@helix.example")
		if ben.Name != `Ben "Benny" Okafor` || ben.Seniority != 4 || data.JoinTags(ben.DevelopmentAreas) != "negotiation; public speaking" {
			t.Errorf("ben = %+v", ben)
		}
		r, _ := s.Roster()
		for _, e := range r.Entries {
			if e.Email == "zoe@fernhill.example" && e.Orientation != data.CallingOrientation {
				t.Errorf("zoe's orientation = %q, want calling", e.Orientation)
			}
			if e.Email == "ben@helix.example" && len(e.CohortIDs) != 2 {
				t.Errorf("ben is in %d cohorts, want 2", len(e.CohortIDs))
			}
		}
	})

	t.Run("semicolons and decimal commas from a European spreadsheet", func(t *testing.T) {
		s := mustOpen(t)
		res := mustImportCSV(t, s, "name;email;job;career;calling;assessed_on\nChloé Dubois;chloe@quill.example;62,5;40;20;2026-02-01\n")
		if res.Added != 1 || res.Assessments != 1 {
			t.Fatalf("result = %+v", res)
		}
		var buf bytes.Buffer
		s.ExportRoster(&buf)
		if !strings.Contains(buf.String(), "62.5,40,20,2026-02-01") {
			t.Errorf("export does not hold the scores: %s", buf.String())
		}
	})

	t.Run("Windows-1252 text is read with a warning", func(t *testing.T) {
		s := mustOpen(t)
		res := mustImportCSV(t, s, "name,company\nJos\xe9 \xc1lvarez,Marigold\n")
		r, _ := s.Roster()
		if r.Entries[0].Name != "José Álvarez" || len(res.Warnings) == 0 {
			t.Errorf("name = %q, warnings %v", r.Entries[0].Name, res.Warnings)
		}
	})

	t.Run("a matching email updates the participant and keeps other columns", func(t *testing.T) {
		s := mustOpen(t)
		mustImportCSV(t, s, "name,email,phone,title\nAna Pereira,ana@northwind.example,+44 20 7946 0000,COO\n")
		res := mustImportCSV(t, s, "email,title,name\nANA@northwind.example,Chief Operating Officer,Ana Pereira\nnew@helix.example,CEO,Noor Haddad\n")
		if res.Added != 1 || res.Updated != 1 {
			t.Errorf("result = %+v", res)
		}
		ana, _ := s.ParticipantByEmail("ana@northwind.example")
		if ana.Title != "Chief Operating Officer" || ana.Phone != "+44 20 7946 0000" {
			t.Errorf("ana = %+v", ana)
		}
	})

	t.Run("importing the same file twice changes nothing the second time", func(t *testing.T) {
		s := mustOpen(t)
		fixedClock(s)
		file := "name,email,cohort,job,career,calling,assessed_on\nAna,ana@x.example,Spring,20,30,90,2026-01-05\n"
		mustImportCSV(t, s, file)
		before := snapshot(t, s)
		mustImportCSV(t, s, file)
		if after := snapshot(t, s); after != before {
			t.Errorf("second import changed the practice")
		}
	})
}

func TestImportRosterRefusesBadFiles(t *testing.T) {
	huge := strings.Repeat("x", 5<<20)
	for _, tc := range []struct {
		name string
		file string
		want []string // every one must appear in the message
	}{
		{"no name column", "email,company\nana@x.example,Acme\n", []string{`no "name" column`}},
		{"bad email", "name,email\nAna,ana@x.example\nBen,ben@\n", []string{"line 3", `"ben@" is not a valid email`}},
		{"seniority 9", "name,seniority\nAna,9\n", []string{"line 2", "Seniority must be a level from 1", "not 9"}},
		{"seniority not a number", "name,seniority\nAna,senior\n", []string{"line 2", "whole number"}},
		{"impossible date", "name,job,career,calling,assessed_on\nAna,10,20,30,2026-13-45\n", []string{"line 2", "2026-13-45", "YYYY-MM-DD"}},
		{"score out of range", "name,job,career,calling,assessed_on\nAna,10,20,300,2026-01-13\n", []string{"line 2", "Calling must be from 0 to 100"}},
		{"half an assessment", "name,job,career\nAna,10,20\n", []string{"line 2", "needs all of job, career, calling and assessed_on"}},
		{"duplicate emails", "name,email\nAna,ana@x.example\nBen,ben@x.example\nAna again,ANA@x.example\n", []string{"line 4", "also on line 2"}},
		{"empty file", "", []string{"The file is empty"}},
		{"only a header", "name,email\r\n", []string{"no participants"}},
		{"binary garbage", "\x00\x01\x02PK\x03\x04\xff\xfe garbage", []string{"not a CSV spreadsheet"}},
		{"a 5 MB field", "name,goals\nAna," + huge + "\n", []string{"line 2", "Hopes for the programme is too long", "at most 10000"}},
		{"a stray quote", "name,email\nAna \"the\" Great,ana@x.example\n", []string{"line 2", "quotation mark"}},
		{"bad status", "name,status\nAna,retired\n", []string{"line 2", "active, paused or alumni"}},
		{"several problems", "name,email,capacity\n,a@\nBen,ben@x.example,0\n", []string{"3 problems", "line 2", "needs a name", "line 3", "Capacity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			fixedClock(s)
			mustImportCSV(t, s, "name,email\nExisting Person,existing@x.example\n")
			before := snapshot(t, s)
			_, err := s.ImportRoster(strings.NewReader(tc.file))
			if data.ErrorCode(err) != data.Invalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err.Error(), w)
				}
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the practice changed although the import was refused")
			}
		})
	}
}

func TestExportRosterRoundTrip(t *testing.T) {
	s := mustOpen(t)
	file := "name,email,phone,title,company,industry,function,seniority,years_experience,birth_year,location,timezone,strengths,development_areas,goals,capacity,status,cohort,job,career,calling,assessed_on\n" +
		"Zoë Ødegård,zoe@fernhill.example,+47 22 00 00 00,CFO,Fernhill Bank,Financial services,Finance,6,22,1975,Oslo,Europe/Oslo,negotiation; data literacy,coaching,\"Lead with less control,\nmore trust\",2,active,Autumn; Spring,10,35,80,2026-03-02\n" +
		"Ана Петрова,ana@orbital.example,,Head of Data,Orbital Software,Technology,Data,4,12,1990,Sofia,Europe/Sofia,machine learning,storytelling,,1,paused,Spring,55.5,60,20,2026-04-10\n" +
		"Ben Okafor,,,,Helix Biotech,,,,,,,,,,,1,alumni,,,,,\n"
	mustImportCSV(t, s, file)
	var first bytes.Buffer
	if err := s.ExportRoster(&first); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first.Bytes(), []byte("\xef\xbb\xbfname,email,")) {
		t.Errorf("export should start with a byte-order mark and the header: %q", first.String()[:20])
	}
	empty := mustOpen(t)
	mustImportCSV(t, empty, first.String())
	var second bytes.Buffer
	if err := empty.ExportRoster(&second); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first.String(), second.String())
	}
	if strings.Count(first.String(), "\n") != 5 { // header, three participants, one newline inside goals
		t.Errorf("export has the wrong number of lines:\n%s", first.String())
	}
}

// readTestdata returns a file of testdata/.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// scores returns a participant's results on an instrument as "job career calling" per date.
func scores(t *testing.T, s *data.Store, email, instrumentKey string) []string {
	t.Helper()
	p, err := s.ParticipantByEmail(email)
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.InstrumentByKey(instrumentKey)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Assessments(p.ID, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range list {
		var parts []string
		for _, name := range []string{"job", "career", "calling"} {
			sc, _ := in.Scale(name)
			for _, v := range a.Values {
				if v.ScaleID == sc.ID {
					parts = append(parts, data.FormatNumber(v.Number))
				}
			}
		}
		out = append(out, a.AssessedOn.String()+" "+strings.Join(parts, " "))
	}
	return out
}

func TestPreviewRoster(t *testing.T) {
	s := mustOpen(t)
	fixedClock(s)
	mustImportCSV(t, s, "name,email,cohort\nAna Pereira,ana.pereira@northwind.example,Spring 2027 circle\n")
	before := snapshot(t, s)
	file := readTestdata(t, "roster_spring.csv")

	pv, err := s.PreviewRoster(strings.NewReader(file), data.RosterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Rows != 4 || pv.Added != 3 || pv.Updated != 1 || pv.Results != 3 || pv.OneToFive {
		t.Errorf("preview = %+v, want 4 rows: 3 new, 1 updated (Ana), 3 results", pv)
	}
	if strings.Join(pv.New, ", ") != "Ben Okafor, Chloé Dubois, Dev Patel" || strings.Join(pv.Matched, ", ") != "Ana Pereira" {
		t.Errorf("new %v, updated %v", pv.New, pv.Matched)
	}
	if len(pv.NewCohorts) != 1 || pv.NewCohorts[0] != "Autumn 2027 circle" {
		t.Errorf("new cohorts = %v, want only Autumn 2027 circle", pv.NewCohorts)
	}
	if after := snapshot(t, s); after != before {
		t.Error("the preview changed the practice")
	}

	res := mustImportCSV(t, s, file)
	if res.Added != pv.Added || res.Updated != pv.Updated || res.Assessments != pv.Results {
		t.Errorf("import did %+v, the preview said %+v", res, pv)
	}

	// A file the import would refuse is refused by the preview with the same words.
	_, err = s.PreviewRoster(strings.NewReader("name,email\nBen,ben@\n"), data.RosterOptions{})
	if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("preview of a bad file: %v", err)
	}
}

func TestImportRosterOfOneToFiveMeans(t *testing.T) {
	file := readTestdata(t, "roster_questionnaire_means.csv")
	const ana = "ana.pereira@northwind.example"
	const mei = "mei.lin@fernhill.example"

	t.Run("is stopped, with the choices named", func(t *testing.T) {
		s := mustOpen(t)
		fixedClock(s)
		before := snapshot(t, s)
		pv, err := s.PreviewRoster(strings.NewReader(file), data.RosterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !pv.OneToFive || pv.Rows != 5 || pv.Results != 5 || pv.Added != 5 {
			t.Errorf("preview = %+v, want 5 new people with 1–5 means", pv)
		}
		_, err = s.ImportRoster(strings.NewReader(file))
		if data.ErrorCode(err) != data.Invalid {
			t.Fatalf("err = %v, want the import stopped", err)
		}
		for _, want := range []string{"Nothing was imported", "5 or less", "0 to 100", "Five Work Orientations questionnaire", "rescale"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err.Error(), want)
			}
		}
		if snapshot(t, s) != before {
			t.Error("the stopped import changed the practice")
		}
	})

	t.Run("into the five-orientation questionnaire", func(t *testing.T) {
		s := mustOpen(t)
		res, err := s.ImportRosterWith(strings.NewReader(file), data.RosterOptions{Scores: data.ScoresIntoFiveOrientations})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 5 || res.Assessments != 5 || !strings.Contains(res.Summary(), "5 results on the Five Work Orientations questionnaire") {
			t.Errorf("result %+v: %s", res, res.Summary())
		}
		if got := scores(t, s, ana, data.FiveOrientationsKey); len(got) != 1 || got[0] != "2027-02-10 3.2 2.4 4.6" {
			t.Errorf("Ana's questionnaire results = %v", got)
		}
		if got := scores(t, s, ana, data.WorkOrientationKey); len(got) != 0 {
			t.Errorf("Ana has Work Orientation results %v, want none", got)
		}
	})

	t.Run("rescaled onto 0 to 100", func(t *testing.T) {
		s := mustOpen(t)
		res, err := s.ImportRosterWith(strings.NewReader(file), data.RosterOptions{Scores: data.ScoresRescaled})
		if err != nil {
			t.Fatal(err)
		}
		if res.Assessments != 5 || !strings.Contains(res.Summary(), "rescaled from 1–5 to 0–100") {
			t.Errorf("result %+v: %s", res, res.Summary())
		}
		if got := scores(t, s, ana, data.WorkOrientationKey); len(got) != 1 || got[0] != "2027-02-10 55 35 90" {
			t.Errorf("Ana's rescaled results = %v, want 55 35 90", got)
		}
		if got := scores(t, s, mei, data.WorkOrientationKey); len(got) != 1 || got[0] != "2027-02-12 0 50 93.75" {
			t.Errorf("Mei's rescaled results = %v, want 0 50 93.75", got)
		}
		r, _ := s.Roster()
		for _, e := range r.Entries {
			if e.Email == ana && e.Orientation != data.CallingOrientation {
				t.Errorf("Ana's orientation = %q, want calling", e.Orientation)
			}
		}
	})

	t.Run("a choice that does not fit the file changes nothing", func(t *testing.T) {
		s := mustOpen(t)
		fixedClock(s)
		before := snapshot(t, s)
		spring := readTestdata(t, "roster_spring.csv")
		for _, choice := range []data.RosterScores{data.ScoresRescaled, data.ScoresIntoFiveOrientations} {
			_, err := s.ImportRosterWith(strings.NewReader(spring), data.RosterOptions{Scores: choice})
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "line 2") {
				t.Errorf("%s: err = %v, want each score out of range named", choice, err)
			}
		}
		if snapshot(t, s) != before {
			t.Error("a refused import changed the practice")
		}
	})
}
