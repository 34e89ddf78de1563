package sqlite_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"mutua/data"
	"mutua/data/sqlite"
)

// fixedClock makes stored times, and so exports, repeatable.
func fixedClock(s *sqlite.Store) {
	s.SetClock(func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) })
}

// snapshot returns everything in the practice, to show an import changed nothing.
func snapshot(t testing.TB, s *sqlite.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportAll(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func mustImportCSV(t testing.TB, s *sqlite.Store, file string) sqlite.ImportResult {
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
func scores(t *testing.T, s *sqlite.Store, email, instrumentKey string) []string {
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

	pv, err := s.PreviewRoster(strings.NewReader(file), sqlite.RosterOptions{})
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
	_, err = s.PreviewRoster(strings.NewReader("name,email\nBen,ben@\n"), sqlite.RosterOptions{})
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
		pv, err := s.PreviewRoster(strings.NewReader(file), sqlite.RosterOptions{})
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
		res, err := s.ImportRosterWith(strings.NewReader(file), sqlite.RosterOptions{Scores: sqlite.ScoresIntoFiveOrientations})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 5 || res.Assessments != 5 || !strings.Contains(res.Summary(), "5 results on the Five Work Orientations questionnaire") {
			t.Errorf("result %+v: %s", res, res.Summary())
		}
		if got := scores(t, s, ana, sqlite.FiveOrientationsKey); len(got) != 1 || got[0] != "2027-02-10 3.2 2.4 4.6" {
			t.Errorf("Ana's questionnaire results = %v", got)
		}
		if got := scores(t, s, ana, data.WorkOrientationKey); len(got) != 0 {
			t.Errorf("Ana has Work Orientation results %v, want none", got)
		}
	})

	t.Run("rescaled onto 0 to 100", func(t *testing.T) {
		s := mustOpen(t)
		res, err := s.ImportRosterWith(strings.NewReader(file), sqlite.RosterOptions{Scores: sqlite.ScoresRescaled})
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
		for _, choice := range []sqlite.RosterScores{sqlite.ScoresRescaled, sqlite.ScoresIntoFiveOrientations} {
			_, err := s.ImportRosterWith(strings.NewReader(spring), sqlite.RosterOptions{Scores: choice})
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "line 2") {
				t.Errorf("%s: err = %v, want each score out of range named", choice, err)
			}
		}
		if snapshot(t, s) != before {
			t.Error("a refused import changed the practice")
		}
	})
}

// exportRoster returns the practice's roster CSV.
func exportRoster(t *testing.T, s *sqlite.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportRoster(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// people lists the practice's participants as "name <email>", in name order.
func people(t *testing.T, s *sqlite.Store) string {
	t.Helper()
	r, err := s.Roster()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range r.Entries {
		out = append(out, e.Name+" <"+e.Email+">")
	}
	return strings.Join(out, "\n")
}

func TestReimportingAnExportedRosterChangesNothing(t *testing.T) {
	s, _ := openSample(t)
	fixedClock(s)
	// A note on a latest work-orientation result, which the CSV does not carry.
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Roster()
	var noted data.Assessment
	for _, e := range r.Entries {
		list, _ := s.Assessments(e.ID, wo.ID)
		if len(list) > 0 {
			noted = list[len(list)-1]
			break
		}
	}
	if noted.ID == 0 {
		t.Fatal("the sample has no work-orientation result")
	}
	noted.Note = "Took it after the offsite; calling felt high to her."
	if err := s.CorrectAssessment(&noted); err != nil {
		t.Fatal(err)
	}
	file := exportRoster(t, s)
	before := snapshot(t, s)

	pv, err := s.PreviewRoster(strings.NewReader(file), sqlite.RosterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Added != 0 || pv.Updated != 0 || pv.Unchanged != len(r.Entries) {
		t.Errorf("preview = %+v, want all %d unchanged", pv, len(r.Entries))
	}
	res, err := s.ImportRoster(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("re-importing the export changed the practice:\n%s", firstDifference(before, after))
	}
	if res.Added != 0 || res.Updated != 0 || res.Assessments != 0 || res.Unchanged != len(r.Entries) {
		t.Errorf("result = %+v", res)
	}
	if got := res.Summary(); strings.Contains(got, "result") || !strings.Contains(got, "none changed") {
		t.Errorf("summary = %q, want it to say nothing changed", got)
	}
	if again, _ := s.Assessments(noted.ParticipantID, wo.ID); again[len(again)-1].Note != noted.Note {
		t.Errorf("the note is now %q", again[len(again)-1].Note)
	}
}

// A roster saved by a spreadsheet as plain "CSV" (Windows-1252) comes back with "?" for
// the letters that encoding lacks: "Łukasz Wiśniewski" reads "?ukasz Wi?niewski". Those
// names are the saved ones, not changes, and stay as they were.
func TestReimportingARosterThatLostLettersKeepsThem(t *testing.T) {
	s, _ := openSample(t)
	fixedClock(s)
	var lossy []byte
	for _, r := range strings.TrimPrefix(exportRoster(t, s), "\ufeff") {
		b, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			b = '?'
		}
		lossy = append(lossy, b)
	}
	if !bytes.Contains(lossy, []byte("?ukasz Wi?niewski")) {
		t.Fatal("the sample has no name Windows-1252 cannot hold")
	}
	before := snapshot(t, s)
	res, err := s.ImportRoster(bytes.NewReader(lossy))
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a roster that lost letters changed the practice:\n%s", firstDifference(before, after))
	}
	if res.Updated != 0 || len(res.Warnings) == 0 {
		t.Errorf("result = %+v", res)
	}
}

// firstDifference shows where two texts first differ.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return "before: …" + a[lo:min(len(a), i+120)] + "\nafter:  …" + b[lo:min(len(b), i+120)]
}

func TestImportRosterLeavesAbsentColumnsAlone(t *testing.T) {
	s := mustOpen(t)
	mustImportCSV(t, s, "name,email,phone,goals,job,career,calling,assessed_on\nAna,ana@x.example,+44 20 7946 0000,Delegate more,20,30,90,2026-01-05\n")
	res := mustImportCSV(t, s, "name,email,company\nAna,ana@x.example,Northwind\n")
	ana, _ := s.ParticipantByEmail("ana@x.example")
	if ana.Phone != "+44 20 7946 0000" || ana.Goals != "Delegate more" || ana.Company != "Northwind" || res.Updated != 1 {
		t.Errorf("ana = %+v, result %+v", ana, res)
	}
	if got := scores(t, s, "ana@x.example", data.WorkOrientationKey); len(got) != 1 {
		t.Errorf("results = %v", got)
	}
}

func TestImportRosterReadsEveryLineEnding(t *testing.T) {
	const want = "Ana <ana@x.example>\nBen <ben@x.example>\nChloé <chloe@x.example>"
	for name, file := range map[string]string{
		"LF":      "name,email,goals\nAna,ana@x.example,\"two\nlines\"\nBen,ben@x.example,\nChloé,chloe@x.example,\n",
		"CRLF":    "name,email,goals\r\nAna,ana@x.example,\"two\r\nlines\"\r\nBen,ben@x.example,\r\nChloé,chloe@x.example,\r\n",
		"CR only": "name,email,goals\rAna,ana@x.example,\"two\rlines\"\rBen,ben@x.example,\rChloé,chloe@x.example,\r",
		"mixed":   "name,email,goals\r\nAna,ana@x.example,\"two\nlines\"\rBen,ben@x.example,\nChloé,chloe@x.example,\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			s := mustOpen(t)
			res := mustImportCSV(t, s, file)
			if got := people(t, s); got != want || res.Added != 3 {
				t.Errorf("people:\n%s\nwant:\n%s", got, want)
			}
			ana, _ := s.ParticipantByEmail("ana@x.example")
			if ana.Goals != "two\nlines" {
				t.Errorf("goals = %q", ana.Goals)
			}
		})
	}
	t.Run("a line break later names the right line", func(t *testing.T) {
		s := mustOpen(t)
		_, err := s.ImportRoster(strings.NewReader("name,email\rAna,ana@x.example\rBen,ben@\r"))
		if err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("err = %v, want line 3 named", err)
		}
	})
}

func TestExportRosterNeutralisesFormulas(t *testing.T) {
	s := mustOpen(t)
	mustImportCSV(t, s, "name,email\nSeed,seed@x.example\n")
	typed := []data.Participant{
		{Name: "=HYPERLINK(\"http://evil.example\",\"Click\")", Email: "a@x.example", Company: "+1 Partners", Title: "@SUM(A1)"},
		{Name: "-Ana", Email: "b@x.example", Goals: "\tindented", Phone: "+47 22 00 00 00", Strengths: []string{"=1+1", "listening"}},
		{Name: "'=already quoted", Email: "c@x.example", Company: "'plain apostrophe"},
	}
	for i := range typed {
		if err := s.CreateParticipant(&typed[i]); err != nil {
			t.Fatal(err)
		}
	}
	file := exportRoster(t, s)
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example"",""Click"")"`, ",'+1 Partners,", ",'@SUM(A1),", "'-Ana,", "'+47 22 00 00 00", "'=1+1; listening", "''=already quoted", ",'plain apostrophe,"} {
		if !strings.Contains(file, want) {
			t.Errorf("export does not hold %s:\n%s", want, file)
		}
	}
	for _, line := range strings.Split(file, "\n") {
		for _, cell := range strings.Split(line, ",") {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(strings.TrimPrefix(cell, `"`)[0])) {
				t.Errorf("a cell starts a formula: %q", cell)
			}
		}
	}
	empty := mustOpen(t)
	mustImportCSV(t, empty, file)
	if got, want := exportRoster(t, empty), file; got != want {
		t.Errorf("round trip differs:\n%s\n---\n%s", want, got)
	}
	for _, p := range typed {
		got, err := empty.ParticipantByEmail(p.Email)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != p.Name || got.Company != p.Company || got.Title != p.Title || got.Phone != p.Phone ||
			data.JoinTags(got.Strengths) != data.JoinTags(p.Strengths) {
			t.Errorf("after the round trip %+v, want %+v", got, p)
		}
	}
	// A coach's own file keeps a leading minus or an apostrophe that guards nothing.
	mustImportCSV(t, empty, "name,email,company\n-Ben,ben@x.example,'t Hooft\n")
	ben, _ := empty.ParticipantByEmail("ben@x.example")
	if ben.Name != "-Ben" || ben.Company != "'t Hooft" {
		t.Errorf("ben = %+v", ben)
	}
}

func TestEmailsThatLookTheSameAreOnePerson(t *testing.T) {
	s := mustOpen(t)
	zoe := data.Participant{Name: "Zoë", Email: "Zoe\u0308@Fernhill.example"} // decomposed ë
	if err := s.CreateParticipant(&zoe); err != nil {
		t.Fatal(err)
	}
	if zoe.Email != "zo\u00eb@fernhill.example" {
		t.Errorf("stored email = %q, want it composed and in lower case", zoe.Email)
	}
	for _, email := range []string{"zo\u00eb@fernhill.example", "ＺＯË@ｆｅｒｎｈｉｌｌ.example", "zo\u200bë@fernhill.example\ufeff", "ZOË@FERNHILL.EXAMPLE"} {
		got, err := s.ParticipantByEmail(email)
		if err != nil || got.ID != zoe.ID {
			t.Errorf("ParticipantByEmail(%q) = %v, %v", email, got.ID, err)
		}
		other := data.Participant{Name: "Someone else", Email: email}
		if err := s.CreateParticipant(&other); data.ErrorCode(err) != data.Conflict {
			t.Errorf("a second participant with %q: err = %v, want a conflict", email, err)
		}
	}
	ana := data.Participant{Name: "Ana", Email: "ana@x.example"}
	s.CreateParticipant(&ana)
	ana.Email = "ＺＯË@fernhill.example"
	if err := s.UpdateParticipant(&ana); data.ErrorCode(err) != data.Conflict {
		t.Errorf("update to a look-alike email: err = %v, want a conflict", err)
	}

	// An import matches the look-alike to the stored participant and names duplicate lines.
	res := mustImportCSV(t, s, "name,email,title\nZoë Ødegård,ZO\u200bË@fernhill.example,CFO\n")
	if res.Added != 0 || res.Updated != 1 {
		t.Errorf("result = %+v, want Zoë updated", res)
	}
	_, err := s.ImportRoster(strings.NewReader("name,email\nBen,ben@x.example\nBen again,ＢＥＮ@x.example\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "also on line 2") {
		t.Errorf("err = %v, want line 3 named as a duplicate of line 2", err)
	}
}

func TestImportRosterRefusesUnclearRows(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		want []string
	}{
		{"extra fields", "name,email\nAna,ana@x.example\nBen,ben@x.example,Helix,CEO\n", []string{"line 3", "more values than the first line has columns"}},
		{"one bad byte in a UTF-8 file", "name,company\nZoë,Fernhill\nJos\xe9,Marigold\n", []string{"line 3", "UTF-8"}},
		{"terminal escape codes", "name,\x1b]0;pwned\x07,status\nAna,,\x1b[2Jretired\n", []string{"line 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			res, err := s.ImportRoster(strings.NewReader(tc.file))
			if data.ErrorCode(err) != data.Invalid {
				t.Fatalf("err = %v (result %+v), want the file refused", err, res)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err.Error(), w)
				}
			}
			for _, text := range append(res.Warnings, err.Error()) {
				if strings.ContainsAny(text, "\x1b\x07") {
					t.Errorf("a message holds a control character: %q", text)
				}
			}
		})
	}
	t.Run("trailing empty fields are fine", func(t *testing.T) {
		s := mustOpen(t)
		mustImportCSV(t, s, "name,email\nAna,ana@x.example,,\n")
	})
	t.Run("many problems are summed up", func(t *testing.T) {
		s := mustOpen(t)
		file := "name,email\n"
		for i := range 25 {
			file += fmt.Sprintf("Ana,ana%d@\n", i)
		}
		_, err := s.ImportRoster(strings.NewReader(file))
		if err == nil || strings.Count(err.Error(), "not a valid email") != 20 || !strings.Contains(err.Error(), "and 5 more") ||
			!strings.Contains(err.Error(), "25 problems") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestImportAllNormalisesEmails(t *testing.T) {
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	sample := string(raw)
	lookalike := strings.Replace(sample, `"zoe.odegard@fernhillbank.example"`, `"ＺＯＥ.odegard@FernhillBank.example\u200b"`, 1)
	s := mustOpen(t)
	if err := s.ImportAll(strings.NewReader(lookalike), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	zoe, err := s.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	if err != nil || zoe.Email != "zoe.odegard@fernhillbank.example" {
		t.Errorf("zoe = %q, %v; want the email stored the one way", zoe.Email, err)
	}

	twice := strings.Replace(sample, `"marcus.bell@orbital.example"`, `"Zoe.Odegard@fernhillbank.example\ufeff"`, 1)
	empty := mustOpen(t)
	if err := empty.ImportAll(strings.NewReader(twice), sqlite.ImportOptions{}); data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "same email") {
		t.Errorf("err = %v, want the look-alike emails refused", err)
	}
}

// endless is a file that never ends, counting what was read of it.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.read += len(p)
	return len(p), nil
}

func TestImportRosterStopsReadingAHugeFile(t *testing.T) {
	s := mustOpen(t)
	huge := &endless{}
	_, err := s.ImportRoster(huge)
	if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), "larger than 64 MB") {
		t.Errorf("err = %v, want the file refused for its size", err)
	}
	if huge.read > sqlite.MaxImportBytes+64<<10 {
		t.Errorf("read %d bytes of the file, want it stopped just past %d", huge.read, sqlite.MaxImportBytes)
	}
}

func TestPreviewRosterCountsIdenticalRowsAsUnchanged(t *testing.T) {
	s := mustOpen(t)
	mustImportCSV(t, s, "name,email,cohort,job,career,calling,assessed_on\nAna,ana@x.example,Spring,20,30,90,2026-01-05\nBen,ben@x.example,,,,,\nChloé,chloe@x.example,,,,,\n")
	file := "name,email,cohort,job,career,calling,assessed_on\n" +
		"Ana,ana@x.example,Spring,20,30,90,2026-01-05\n" + // as stored
		"Ben,ben@x.example,Autumn,,,,\n" + // joins a cohort
		"Chloé,chloe@x.example,,40,40,40,2026-02-01\n" + // a new result
		"Dev,dev@x.example,,,,,\n"
	pv, err := s.PreviewRoster(strings.NewReader(file), sqlite.RosterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Added != 1 || pv.Updated != 2 || pv.Unchanged != 1 || pv.Results != 1 || strings.Join(pv.Matched, ", ") != "Ben, Chloé" {
		t.Errorf("preview = %+v", pv)
	}
	res := mustImportCSV(t, s, file)
	if res.Added != pv.Added || res.Updated != pv.Updated || res.Unchanged != pv.Unchanged || res.Assessments != pv.Results {
		t.Errorf("import did %+v, the preview said %+v", res, pv)
	}
	if got := res.Summary(); got != "Added 1 participant, updated 2 and 1 unchanged, with 1 work-orientation result; new cohort: Autumn." {
		t.Errorf("summary = %q", got)
	}
}

func TestReimportingSmallScoresChangesNothing(t *testing.T) {
	// Work Orientation scores that are all 5 or less, entered on the form: the export of them
	// re-imports as it is, without the question about 1–5 means.
	s := mustOpen(t)
	fixedClock(s)
	mustImportCSV(t, s, "name,email\nAna,ana@x.example\n")
	ana, _ := s.ParticipantByEmail("ana@x.example")
	wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
	a := data.Assessment{ParticipantID: ana.ID, InstrumentID: wo.ID, AssessedOn: data.NewDate(2026, 3, 2), Note: "Low on all three."}
	for i, name := range []string{"job", "career", "calling"} {
		sc, _ := wo.Scale(name)
		a.Values = append(a.Values, data.ScaleValue{ScaleID: sc.ID, Number: float64(3 + i)})
	}
	if err := s.SaveAssessment(&a); err != nil {
		t.Fatal(err)
	}
	file := exportRoster(t, s)
	before := snapshot(t, s)
	pv, err := s.PreviewRoster(strings.NewReader(file), sqlite.RosterOptions{})
	if err != nil || pv.OneToFive || pv.Unchanged != 1 {
		t.Errorf("preview = %+v, %v; want one unchanged participant and no question", pv, err)
	}
	res, err := s.ImportRoster(strings.NewReader(file))
	if err != nil || res.Unchanged != 1 {
		t.Errorf("import = %+v, %v", res, err)
	}
	if snapshot(t, s) != before {
		t.Error("the import changed the practice")
	}
}

func TestImportRosterNamesAFewUnknownColumns(t *testing.T) {
	s := mustOpen(t)
	header := "name"
	for i := range 30 {
		header += fmt.Sprintf(",extra %d", i)
	}
	res := mustImportCSV(t, s, header+"\nAna\n")
	if len(res.Warnings) != 1 || strings.Count(res.Warnings[0], "extra ") != 20 || !strings.Contains(res.Warnings[0], "and 10 more") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}
