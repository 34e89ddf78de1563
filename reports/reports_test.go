package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutua/assets"
	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
	"mutua/reports"
)

var today = data.NewDate(2026, 11, 22)

// fixed is when test reports say they were made, so output is the same every run.
var fixed = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func options(t testing.TB) reports.Options {
	t.Helper()
	regular, err := os.ReadFile("../assets/fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../assets/fonts/NotoSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts(), Created: fixed}
}

// needTools skips when poppler's tools are not installed (make test installs them).
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
}

// text extracts a PDF's text with pdftotext.
func text(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// info reads a PDF's properties with pdfinfo.
func info(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

// practice builds a practice of two cohorts' worth of partnerships in which every note of
// every visibility, for every participant, carries its own marker word.
type practice struct {
	s      *sqlite.Store
	people map[string]data.Participant
	ps     map[string]data.Partnership // "AB", "CD"
	cohort data.Cohort
}

func newPractice(t *testing.T) *practice {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "p1.mutua")) // a name no report may print
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetClock(func() time.Time { return fixed })
	pr := &practice{s: s, people: map[string]data.Participant{}, ps: map[string]data.Partnership{}}
	pr.cohort = data.Cohort{Name: "Spring 2026 executive circle", StartsOn: data.NewDate(2026, 3, 1)}
	if err := s.SaveCohort(&pr.cohort); err != nil {
		t.Fatal(err)
	}
	for _, p := range []data.Participant{
		{Name: "Zoë Ødegård-Łukasiewicz", Email: "a@x.example", Company: "Fernhill", Seniority: 5, Strengths: []string{"negotiation"}, DevelopmentAreas: []string{"storytelling"}, PrivateNotes: "MARKERPRIVATEPROFILEA"},
		{Name: "Ана Петрова", Email: "b@x.example", Company: "Helix", Seniority: 5, Strengths: []string{"storytelling"}, DevelopmentAreas: []string{"negotiation"}},
		{Name: "Cara Lind", Email: "c@x.example", Company: "Orbital", Seniority: 4},
		{Name: "Dev Patel", Email: "d@x.example", Company: "Northwind", Seniority: 4},
	} {
		p := p
		if err := s.CreateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		pr.people[string(p.Email[0]-32)] = p
		s.AddToCohort(pr.cohort.ID, p.ID)
		wo, _ := s.InstrumentByKey(data.WorkOrientationKey)
		a := data.Assessment{ParticipantID: p.ID, InstrumentID: wo.ID, AssessedOn: data.NewDate(2026, 2, 1)}
		for k, sc := range wo.Scales {
			a.Values = append(a.Values, data.ScaleValue{ScaleID: sc.ID, Number: float64(20 + 30*k)})
		}
		if err := s.SaveAssessment(&a); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := pairing.PlanRound(s, pr.cohort.ID, fixed)
	if err != nil {
		t.Fatal(err)
	}
	plan.Fixed = []pairing.Group{{Members: []int64{pr.people["A"].ID, pr.people["B"].ID}}, {Members: []int64{pr.people["C"].ID, pr.people["D"].ID}}}
	plan.Resuggest()
	if err := s.ApproveRound(plan, data.NewDate(2026, 3, 16)); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Partnerships()
	for _, p := range list {
		key := ""
		for _, m := range p.Members {
			for k, person := range pr.people {
				if person.ID == m.ParticipantID {
					key += k
				}
			}
		}
		if key == "BA" || key == "DC" {
			key = string(key[1]) + string(key[0])
		}
		pr.ps[key] = p
	}
	for key, p := range pr.ps {
		a, b := p.Members[0].ParticipantID, p.Members[1].ParticipantID
		se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, 4, 2), DurationMinutes: 60, Topics: "Topic" + key,
			Attendance:  []data.Attendance{{ParticipantID: a, Attended: true, Rating: 5}, {ParticipantID: b, Attended: true, Rating: 4}},
			ActionItems: []data.ActionItem{{Text: "Action" + key, OwnerID: a}}}
		for _, v := range data.Visibilities {
			se.Notes = append(se.Notes, data.Note{Visibility: v, Body: fmt.Sprintf("MARKER%sSESSION%s", strings.ToUpper(string(v)), key)})
		}
		if err := s.LogSession(&se); err != nil {
			t.Fatal(err)
		}
		for _, v := range data.Visibilities {
			n := data.Note{PartnershipID: p.ID, Visibility: v, Body: fmt.Sprintf("MARKER%sPARTNERSHIP%s", strings.ToUpper(string(v)), key)}
			if err := s.AddNote(&n); err != nil {
				t.Fatal(err)
			}
		}
		s.SaveAgreement(p.ID, &data.Agreement{Objective: "Objective" + key, SuccessMeasures: "Measures" + key})
	}
	s.SetClock(func() time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) })
	g := data.Goal{ParticipantID: pr.people["A"].ID, Text: "Chair the board's digital committee"}
	if err := s.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixed })
	if err := s.AddCheckIn(&data.CheckIn{GoalID: g.ID, On: data.NewDate(2026, 6, 1), Progress: 40, Note: "Halfway through the plan"}); err != nil {
		t.Fatal(err)
	}
	return pr
}

var marker = regexp.MustCompile(`MARKER[A-Z]+`)

// markers lists the marker words in text.
func markers(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range marker.FindAllString(text, -1) {
		out[m] = true
	}
	return out
}

func TestParticipantReportShowsOnlyTheirSharedNotes(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	r, err := progressOf(pr.s, pr.people["A"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Participant(&buf, r, options(t)); err != nil {
		t.Fatal(err)
	}
	got := text(t, buf.Bytes())
	found := markers(got)
	for _, want := range []string{"MARKERSHAREDSESSIONAB", "MARKERSHAREDPARTNERSHIPAB"} {
		if !found[want] {
			t.Errorf("missing %s", want)
		}
	}
	for m := range found {
		if m != "MARKERSHAREDSESSIONAB" && m != "MARKERSHAREDPARTNERSHIPAB" {
			t.Errorf("forbidden marker %s in the participant's report", m)
		}
	}
	for _, want := range []string{"Zoë Ødegård-Łukasiewicz", "Ана Петрова", "Progress report", "Confidential", "Page 1 of ", "ObjectiveAB", "TopicAB",
		"Chair the board's digital committee", "Halfway through the plan", "ActionAB", "Work orientation"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, forbidden := range []string{"Cara Lind", "TopicCD", "ObjectiveCD", "ActionCD"} {
		if strings.Contains(got, forbidden) {
			t.Errorf("report shows another pair's %q", forbidden)
		}
	}
	props := info(t, buf.Bytes())
	if !strings.Contains(props, "Progress report: Zoë Ødegård-Łukasiewicz") || marker.MatchString(props) {
		t.Errorf("properties: %s", props)
	}
	if name := data.ReportFileName("Progress report", r.Participant.Name); marker.MatchString(name) || name != "Progress report - Zoë Ødegård-Łukasiewicz.pdf" {
		t.Errorf("file name %q", name)
	}
}

func TestPairBriefHoldsNoNotes(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	b, err := briefOf(pr.s, pr.ps["AB"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Pair(&buf, b, options(t)); err != nil {
		t.Fatal(err)
	}
	got := text(t, buf.Bytes())
	if m := markers(got); len(m) != 0 {
		t.Errorf("the pair brief holds notes: %v", m)
	}
	for _, want := range []string{"Pair brief", "Zoë Ødegård-Łukasiewicz", "Ана Петрова", "Why you were matched", "can teach", "negotiation", "storytelling",
		"A first-session agenda", "Your agreement", "ObjectiveAB"} {
		if !strings.Contains(got, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
}

func TestCohortSummaryShowsOnlySponsorNotes(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	got := text(t, buf.Bytes())
	found := markers(got)
	want := []string{"MARKERSPONSORSESSIONAB", "MARKERSPONSORPARTNERSHIPAB", "MARKERSPONSORSESSIONCD", "MARKERSPONSORPARTNERSHIPCD"}
	for _, w := range want {
		if !found[w] {
			t.Errorf("missing %s", w)
		}
		delete(found, w)
	}
	for m := range found {
		t.Errorf("forbidden marker %s in the cohort summary", m)
	}
	for _, w := range []string{"Cohort summary", "Spring 2026 executive circle", "Outcomes", "Pairs and sessions", "Orientation mix", "Sessions per month"} {
		if !strings.Contains(got, w) {
			t.Errorf("summary lacks %q", w)
		}
	}
}

func TestReportsAreReproducible(t *testing.T) {
	pr := newPractice(t)
	r, _ := progressOf(pr.s, pr.people["A"].ID, today)
	var a, b bytes.Buffer
	reports.Participant(&a, r, options(t))
	reports.Participant(&b, r, options(t))
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same report came out different")
	}
}

// TestWriteSampleReports writes the three reports of the sample practice into the folder
// named by MUTUA_REPORTS_DIR, to look at: MUTUA_REPORTS_DIR=/tmp/r go test ./reports -run Sample
func TestWriteSampleReports(t *testing.T) {
	dir := os.Getenv("MUTUA_REPORTS_DIR")
	if dir == "" {
		t.Skip("set MUTUA_REPORTS_DIR to write the sample reports")
	}
	s := openSample(t)
	zoe, _ := s.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	r, err := progressOf(s, zoe.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, render func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o600)
	}
	write("participant.pdf", func(b *bytes.Buffer) error { return reports.Participant(b, r, options(t)) })
	ps, _ := reports.CurrentPartnership(s, zoe.ID)
	brief, err := briefOf(s, ps.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	write("pair.pdf", func(b *bytes.Buffer) error { return reports.Pair(b, brief, options(t)) })
	spring, _ := s.CohortByName("Spring 2026 executive circle")
	c, err := summaryOf(s, spring.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	write("cohort.pdf", func(b *bytes.Buffer) error { return reports.Cohort(b, c, options(t)) })
}

// openSample opens a new practice holding the sample, its dates as written.
func openSample(t testing.TB) *sqlite.Store {
	t.Helper()
	raw, err := os.ReadFile("../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "sample.mutua"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetClock(func() time.Time { return fixed })
	if err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAnyTextPrints(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	r, err := progressOf(pr.s, pr.people["A"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	// Text that reaches a report unchecked: emoji, invalid bytes, control characters, a
	// right-to-left name and a very long word.
	odd := "Great session 🎉👍🏽 with ❤️ \xff\xfe broken \x00\x07 bytes, שלום, " + strings.Repeat("Donaudampfschiff", 40)
	r.Participant.Title = odd
	r.Partnerships[0].Reasons = append(r.Partnerships[0].Reasons, odd)
	r.Partnerships[0].Sessions[0].Topics = odd
	r.Partnerships[0].Sessions[0].Notes = append(r.Partnerships[0].Sessions[0].Notes, data.Note{Body: odd, Visibility: data.Shared})
	r.Goals = append(r.Goals, data.Goal{Text: odd, Progress: 250})
	var buf bytes.Buffer
	if err := reports.Participant(&buf, r, options(t)); err != nil {
		t.Fatalf("a report with odd text failed: %v", err)
	}
	got := text(t, buf.Bytes())
	for _, want := range []string{"Great session", "broken", "bytes", "Zoë Ødegård-Łukasiewicz", "Ана Петрова"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

func TestPageSizes(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	c, _ := summaryOf(pr.s, pr.cohort.ID, today, 30)
	for size, want := range map[string]string{reports.A4: "(A4)", reports.Letter: "(letter)"} {
		o := options(t)
		o.PageSize = size
		var buf bytes.Buffer
		if err := reports.Cohort(&buf, c, o); err != nil {
			t.Fatal(err)
		}
		if props := info(t, buf.Bytes()); !strings.Contains(props, want) {
			t.Errorf("%s: %s", size, props)
		}
	}
}

func TestMissingFontIsAnError(t *testing.T) {
	pr := newPractice(t)
	c, _ := summaryOf(pr.s, pr.cohort.ID, today, 30)
	var buf bytes.Buffer
	if err := reports.Cohort(&buf, c, reports.Options{}); err == nil || buf.Len() != 0 {
		t.Errorf("no font: err %v, %d bytes written", err, buf.Len())
	}
}

// Target: a participant report in under 50 ms, and under 300 KB.
func BenchmarkParticipantReport(b *testing.B) {
	s := openSample(b)
	zoe, _ := s.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	o := options(b)
	var size int
	for b.Loop() {
		r, err := progressOf(s, zoe.ID, today)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := reports.Participant(&buf, r, o); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB")
	if size > 300<<10 {
		b.Errorf("report is %d KB, over 300 KB", size>>10)
	}
}

// Target: the summary of a 300-participant cohort in under 2 s.
func BenchmarkCohortSummary300(b *testing.B) {
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "big.mutua"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return fixed })
	c := data.Cohort{Name: "Big circle"}
	s.SaveCohort(&c)
	var ids []int64
	for i := 0; i < 300; i++ {
		p := data.Participant{Name: fmt.Sprintf("Participant %d", i), Company: fmt.Sprintf("Company %d", i)}
		if err := s.CreateParticipant(&p); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	s.AddToCohort(c.ID, ids...)
	plan, _ := pairing.PlanRound(s, c.ID, fixed)
	if err := s.ApproveRound(plan, data.NewDate(2026, 1, 5)); err != nil {
		b.Fatal(err)
	}
	list, _ := s.Partnerships()
	for _, p := range list {
		for m := 0; m < 8; m++ {
			se := data.Session{PartnershipID: p.ID, HeldOn: data.NewDate(2026, time.Month(2+m), 10), DurationMinutes: 60,
				Attendance: []data.Attendance{{ParticipantID: p.Members[0].ParticipantID, Attended: true, Rating: 4}, {ParticipantID: p.Members[1].ParticipantID, Attended: true, Rating: 5}},
				Notes:      []data.Note{{Body: "Private thoughts."}, {Body: "Both engaged; good progress.", Visibility: data.Sponsor}}}
			if err := s.LogSession(&se); err != nil {
				b.Fatal(err)
			}
		}
	}
	o := options(b)
	for b.Loop() {
		sum, err := summaryOf(s, c.ID, today, 30)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := reports.Cohort(&buf, sum, o); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFontIsEmbeddedAndPagesRender(t *testing.T) {
	needTools(t)
	for _, tool := range []string{"pdffonts", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	pr := newPractice(t)
	r, _ := progressOf(pr.s, pr.people["A"].ID, today)
	var buf bytes.Buffer
	if err := reports.Participant(&buf, r, options(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "r.pdf")
	os.WriteFile(path, buf.Bytes(), 0o600)
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// Every font is embedded, with Unicode mapping: the report looks the same on any machine
	// and its text can be searched and copied. (gofpdf subsets the font, keeping the file
	// small, without marking the subset's name, so pdffonts shows "sub no".)
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
	if len(lines) != 2 {
		t.Fatalf("pdffonts: %s", fonts)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 7 || !strings.HasPrefix(f[0], "utf8noto") || f[4] != "yes" || f[6] != "yes" {
			t.Errorf("font not embedded with Unicode: %s", l)
		}
	}
	if buf.Len() > 300<<10 {
		t.Errorf("report is %d KB", buf.Len()>>10)
	}
	if err := exec.Command("pdftoppm", "-png", "-r", "40", path, filepath.Join(dir, "page")).Run(); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) < 2 {
		t.Errorf("%d pages rendered", len(pages))
	}
}

func TestReportsWriteDatesInTheChosenOrder(t *testing.T) {
	needTools(t)
	pr := newPractice(t)
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	// The cohort started on 1 March 2026; the report is printed on 22 November 2026; the
	// chart of sessions per month starts in April 2026.
	forms := map[data.DateOrder][]string{
		data.DayMonthYear: {"1 Mar 2026", "22 Nov 2026", "Apr ’26"},
		data.MonthDayYear: {"Mar 1, 2026", "Nov 22, 2026", "Apr ’26"},
		data.YearMonthDay: {"2026-03-01", "2026-11-22", "2026-04"},
	}
	for order, want := range forms {
		o := options(t)
		o.DateOrder = order
		var buf bytes.Buffer
		if err := reports.Cohort(&buf, c, o); err != nil {
			t.Fatal(err)
		}
		got := text(t, buf.Bytes())
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the report lacks %q", order, w)
			}
		}
		for other, not := range forms {
			if other != order && strings.Contains(got, not[1]) {
				t.Errorf("%s: the report writes %q", order, not[1])
			}
		}
	}
}
