package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
	"mutua/reports"
)

// Long names, a triad and a long session topic, in a cohort whose partnerships started on
// 1 September 2026: on 22 November 2026 they are all too early to tell, and reach six
// months on 1 March 2027.
var (
	longNames = []string{
		"Maximiliane Theodora von Hohenzollern-Sigmaringen",
		"Bartholomew Alexander Fitzwilliam-Montgomery",
		"Guðrún Sigurðardóttir Þorvaldsdóttir-Magnússon",
		"Dev Patel",
		"Anastasia Konstantinovna Rimskaya-Korsakova",
	}
	longTopic = "How to bring a reluctant board along on a three-year transformation programme without losing the confidence of the operating teams who carry it day to day, and what to say at the next quarterly review"
)

type youngPractice struct {
	s      *sqlite.Store
	cohort data.Cohort
	people []data.Participant
	triad  data.Partnership
}

func newYoungPractice(t *testing.T) *youngPractice {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "young.mutua"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetClock(func() time.Time { return fixed })
	y := &youngPractice{s: s, cohort: data.Cohort{Name: "Autumn 2026 leadership circle", StartsOn: data.NewDate(2026, 9, 1)}}
	if err := s.SaveCohort(&y.cohort); err != nil {
		t.Fatal(err)
	}
	for i, name := range longNames {
		p := data.Participant{Name: name, Email: fmt.Sprintf("p%d@x.example", i), Company: "Company " + fmt.Sprint(i), Seniority: 3 + i%3}
		if err := s.CreateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		s.AddToCohort(y.cohort.ID, p.ID)
		y.people = append(y.people, p)
	}
	plan, err := pairing.PlanRound(s, y.cohort.ID, fixed)
	if err != nil {
		t.Fatal(err)
	}
	id := func(i int) int64 { return y.people[i].ID }
	plan.Fixed = []pairing.Group{{Members: []int64{id(0), id(1), id(2)}}, {Members: []int64{id(3), id(4)}}}
	plan.Resuggest()
	if err := s.ApproveRound(plan, data.NewDate(2026, 9, 1)); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Partnerships()
	for _, p := range list {
		var attendance []data.Attendance
		for _, m := range p.Members {
			attendance = append(attendance, data.Attendance{ParticipantID: m.ParticipantID, Attended: true, Rating: 4})
		}
		if len(p.Members) == 3 {
			y.triad = p
		}
		for k, on := range []data.Date{data.NewDate(2026, 9, 15), data.NewDate(2026, 10, 13)} {
			se := data.Session{PartnershipID: p.ID, HeldOn: on, DurationMinutes: 60, Topics: longTopic, Attendance: attendance,
				ActionItems: []data.ActionItem{{Text: fmt.Sprintf("Action %d: %s", k, longTopic), OwnerID: p.Members[0].ParticipantID}}}
			se.Notes = []data.Note{{Visibility: data.Shared, Body: fmt.Sprintf("Shared note %d.", k)}, {Visibility: data.Sponsor, Body: fmt.Sprintf("Sponsor note %d.", k)}}
			if err := s.LogSession(&se); err != nil {
				t.Fatal(err)
			}
		}
	}
	if y.triad.ID == 0 {
		t.Fatal("no triad")
	}
	return y
}

// rawText extracts a PDF's text in the order it was written, each page ending in a form feed.
func rawText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// squeeze drops all white space, so text wrapped over lines compares whole.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// saveForLooking writes a report into MUTUA_REPORTS_DIR when set, to look at.
func saveForLooking(name string, pdf []byte) {
	if dir := os.Getenv("MUTUA_REPORTS_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, name), pdf, 0o600)
	}
}

func TestLongNamesTriadsAndTopicsPrintWhole(t *testing.T) {
	needTools(t)
	y := newYoungPractice(t)
	var cohort, progress, brief bytes.Buffer
	c, err := summaryOf(y.s, y.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.Cohort(&cohort, c, options(t)); err != nil {
		t.Fatal(err)
	}
	r, err := progressOf(y.s, y.people[0].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.Participant(&progress, r, options(t)); err != nil {
		t.Fatal(err)
	}
	b, err := briefOf(y.s, y.triad.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.Pair(&brief, b, options(t)); err != nil {
		t.Fatal(err)
	}
	saveForLooking("young-cohort.pdf", cohort.Bytes())
	saveForLooking("young-progress.pdf", progress.Bytes())
	saveForLooking("young-pair.pdf", brief.Bytes())

	// The cohort summary's table names the triad in full, and every long name.
	got := rawText(t, cohort.Bytes(), "-raw")
	if strings.Contains(got, "…") {
		t.Errorf("the cohort summary cuts text:\n%s", got)
	}
	if want := squeeze(strings.Join(longNames[:3], " + ")); !strings.Contains(squeeze(got), want) {
		t.Errorf("the cohort summary lacks the triad %q", want)
	}
	// The progress report's sessions table: both partners' names and the whole topic.
	got = rawText(t, progress.Bytes(), "-raw")
	if strings.Contains(got, "…") {
		t.Errorf("the progress report cuts text:\n%s", got)
	}
	for _, want := range []string{longNames[1] + " and " + longNames[2], longTopic, "Action 1: " + longTopic} {
		if !strings.Contains(squeeze(got), squeeze(want)) {
			t.Errorf("the progress report lacks %q", want)
		}
	}
	if !strings.Contains(squeeze(got), squeeze("15 Sep 2026"+longNames[1]+" and "+longNames[2]+"60 min")) {
		t.Errorf("the sessions table does not keep a row's cells together:\n%s", got)
	}
}

func TestCohortTooYoungToJudgeSaysWhen(t *testing.T) {
	needTools(t)
	y := newYoungPractice(t)
	c, err := summaryOf(y.s, y.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(text(t, buf.Bytes())), " ")
	for _, want := range []string{"Too early to tell: the first partnerships reach six months in 4 months, on 1 Mar 2027.", "Too early", "too early"} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	for _, wrong := range []string{"0 of 0", "0%", "not yet"} {
		if strings.Contains(got, wrong) {
			t.Errorf("the summary says %q:\n%s", wrong, got)
		}
	}

	// One partnership judged, one still too early: the share counts the judged one only.
	c.Pairs[1].Outcome = data.Productive{Lasted: true, IsProductive: true}
	c.Outcome = data.CohortOutcome{Partnerships: 2, Productive: 1, TooEarly: 1}
	buf.Reset()
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	got = strings.Join(strings.Fields(text(t, buf.Bytes())), " ")
	if !strings.Contains(got, "1 of 1 (100%), 1 too early to tell") || !strings.Contains(got, "100% productive") || strings.Contains(got, "Too early to tell:") {
		t.Errorf("a partly judged cohort: %s", got)
	}
}

func TestNotesAreDatedByTheirSession(t *testing.T) {
	needTools(t)
	pr := newPractice(t) // sessions held on 2 April 2026, every note written on 22 November 2026
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	summary := text(t, buf.Bytes())
	r, err := progressOf(pr.s, pr.people["A"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := reports.Participant(&buf, r, options(t)); err != nil {
		t.Fatal(err)
	}
	progress := text(t, buf.Bytes())
	for report, want := range map[string][]string{
		summary:  {"2 Apr 2026: MARKERSPONSORSESSIONAB", "22 Nov 2026: MARKERSPONSORPARTNERSHIPAB"},
		progress: {"2 Apr 2026: MARKERSHAREDSESSIONAB", "22 Nov 2026: MARKERSHAREDPARTNERSHIPAB"},
	} {
		for _, w := range want {
			if !strings.Contains(report, w) {
				t.Errorf("lacks %q:\n%s", w, report)
			}
		}
	}
}

// headings are the section titles of the three reports.
var headings = []string{"Work orientation", "Partners", "Sessions held", "Goals", "Action items", "Notes shared with you",
	"Outcomes", "Pairs and sessions", "Orientation mix", "Sessions per month", "Notes for the sponsor",
	"Who you are", "Why you were matched", "What each of you can teach and wants to learn", "A first-session agenda", "Your agreement"}

// lastLines returns the last line of text above the footer of each page, laid out.
func lastLines(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, page := range strings.Split(rawText(t, pdf, "-layout"), "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Confidential ·") {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, lines[len(lines)-1])
		}
	}
	return out
}

func TestNoPageEndsWithAHeading(t *testing.T) {
	needTools(t)
	// A cohort summary with more and more pairs, so that each heading after the table of
	// pairs falls at every height on a page, and sponsor notes under pair subheadings.
	pr := newPractice(t)
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	pairs := c.Pairs
	for k := 0; k < 12; k++ {
		c.Notes = append(c.Notes, data.SponsorNote{Pair: fmt.Sprintf("Pair %02d", k/3), On: today, Note: data.Note{Body: "A sponsor note long enough to wrap over two lines of the page, as notes often do when the coach writes in full sentences."}})
	}
	for extra := 0; extra < 44; extra++ {
		c.Pairs = append([]data.CohortReportPair(nil), pairs...)
		for k := 0; k < extra; k++ {
			p := pairs[0]
			p.Members = []data.Member{{Name: fmt.Sprintf("Member %d", k)}, {Name: "Partner"}}
			c.Pairs = append(c.Pairs, p)
		}
		var buf bytes.Buffer
		if err := reports.Cohort(&buf, c, options(t)); err != nil {
			t.Fatal(err)
		}
		for page, last := range lastLines(t, buf.Bytes()) {
			if slices.Contains(headings, last) || strings.HasPrefix(last, "Pair ") && !strings.Contains(last, ":") {
				t.Errorf("%d more pairs: page %d ends with the heading %q", extra, page+1, last)
			}
		}
	}
}
