package app

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"mutua/assets"
	"mutua/data"
	"mutua/reports"
)

// openReports shows the Reports screen of a shell on the sample practice.
func openReports(t *testing.T) (*practice, *reportsScreen) {
	t.Helper()
	s := newSampleShell(t)
	s.selectTab("Reports")
	if s.reports.content.Objects[0] != s.reports.main {
		t.Fatal("the sample practice shows the empty state on Reports")
	}
	return s, s.reports
}

// section returns what the chosen report's section holds, checking that it is on screen.
func section(t *testing.T, r *reportsScreen, name string) string {
	t.Helper()
	if r.contents == nil {
		t.Fatal("no report contents shown")
	}
	for _, s := range r.contents.sections {
		if s[0] == name {
			if !shows(r.detail, s[1]) {
				t.Errorf("section %s (%q) is not on screen", name, s[1])
			}
			return s[1]
		}
	}
	t.Fatalf("no section %q in %v", name, r.contents.sections)
	return ""
}

// many writes a count the way the contents do: "none yet", "1 goal", "3 goals".
func many(n int, thing string) string {
	switch n {
	case 0:
		return "none yet"
	case 1:
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func participantByEmail(t *testing.T, s *practice, email string) data.Participant {
	t.Helper()
	p, err := s.store.ParticipantByEmail(email)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func cohortByName(t *testing.T, s *practice, name string) data.Cohort {
	t.Helper()
	c, err := s.store.CohortByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReportContentsMatchWhatIsPrinted(t *testing.T) {
	s, r := openReports(t)
	today := data.DateOf(time.Now())
	if r.kinds.Selected != "Participant progress report" || !shows(r.detail, "Choose a participant") {
		t.Fatalf("first view: %q, %v", r.kinds.Selected, texts(r.detail))
	}
	if !r.save.Disabled() {
		t.Error("Save is on before a subject is chosen")
	}

	// A participant, found with the search and chosen from the list.
	zoe := participantByEmail(t, s, "zoe.odegard@fernhillbank.example")
	test.Type(r.search, "odegard")
	if len(r.shown) != 1 || r.count.Text != "1 of 26 participants" {
		t.Fatalf("search shows %d (%q)", len(r.shown), r.count.Text)
	}
	r.list.Select(0)
	if r.contents == nil || r.contents.subject != zoe.ID || r.save.Disabled() {
		t.Fatalf("choosing Zoë: contents %+v, save off %v", r.contents, r.save.Disabled())
	}
	read, err := readReport(t, s, reports.Progress, zoe.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	m := read.Progress
	sessions, open, done, notes := 0, 0, 0, 0
	for _, ps := range m.Partnerships {
		sessions += len(ps.Sessions)
		notes += len(ps.Notes)
		for _, se := range ps.Sessions {
			notes += len(se.Notes)
		}
		for _, a := range ps.ActionItems {
			if a.Done() {
				done++
			} else {
				open++
			}
		}
	}
	if sessions == 0 || notes == 0 || open+done == 0 || len(m.History) == 0 {
		t.Fatalf("the sample gives Zoë too little to check: %d sessions, %d notes, %d actions", sessions, notes, open+done)
	}
	for name, want := range map[string]string{
		"Programme":              strings.Join(m.Cohorts, ", "),
		"Work orientation":       many(len(m.History), "result"),
		"Partners":               many(len(m.Partnerships), "partnership"),
		"Sessions held":          many(sessions, "session"),
		"Goals":                  many(len(m.Goals), "goal"),
		"Action items":           fmt.Sprintf("%d open, %d done", open, done),
		"Notes shared with them": many(notes, "note"),
	} {
		if got := section(t, r, name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	for _, want := range []string{"Progress report: Zoë Ødegård", "For the participant: only notes marked shared, from their own partnerships.",
		"Progress report - Zoë Ødegård.pdf", "A4 pages"} {
		if !shows(r.detail, want) {
			t.Errorf("the contents do not say %q: %v", want, texts(r.detail))
		}
	}

	// Her pair's brief.
	ps, err := reports.CurrentPartnership(s.store, zoe.ID)
	if err != nil {
		t.Fatal(err)
	}
	r.kinds.SetSelected("Pair brief")
	if r.subjectHeading.Text != "Partnership" || r.search.Text != "" || len(r.shown) != len(r.partnerships) {
		t.Errorf("pair brief lists %q, %d of %d, search %q", r.subjectHeading.Text, len(r.shown), len(r.partnerships), r.search.Text)
	}
	r.list.Select(r.subjectPosition(ps.ID))
	read, err = readReport(t, s, reports.Brief, ps.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	brief := read.Brief
	if got, want := section(t, r, "Why matched"), many(len(brief.Partnership.Reasons), "reason"); !strings.HasPrefix(got, want) {
		t.Errorf("why matched: %q, want %q…", got, want)
	}
	if got, want := section(t, r, "First agenda"), many(min(len(brief.Agenda), 5), "suggested topic"); got != want {
		t.Errorf("agenda: %q, want %q", got, want)
	}
	if got := section(t, r, "Who"); !strings.Contains(got, "Zoë Ødegård") || !strings.Contains(got, fmt.Sprintf("(%d members)", len(brief.Members))) {
		t.Errorf("who: %q", got)
	}
	if !shows(r.detail, "For both members: it holds no notes at all.") || r.contents.file != data.ReportFileName("Pair brief", ps.Names(" and ")) {
		t.Errorf("pair brief reader or file: %q, %v", r.contents.file, texts(r.detail))
	}

	// A cohort's summary.
	spring := cohortByName(t, s, "Spring 2026 executive circle")
	r.kinds.SetSelected("Cohort summary")
	r.list.Select(r.subjectPosition(spring.ID))
	read, err = readReport(t, s, reports.Summary, spring.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	sum := read.Summary
	held := 0
	for _, p := range sum.Pairs {
		held += p.Sessions
	}
	if len(sum.Pairs) == 0 || held == 0 || len(sum.Notes) == 0 {
		t.Fatalf("the sample cohort is too small to check: %d pairs, %d sessions, %d notes", len(sum.Pairs), held, len(sum.Notes))
	}
	if got := section(t, r, "Pairs and scores"); !strings.HasPrefix(got, many(len(sum.Pairs), "partnership")+":") {
		t.Errorf("pairs: %q, want %d", got, len(sum.Pairs))
	}
	if got := section(t, r, "Sessions"); !strings.HasPrefix(got, many(held, "session")) {
		t.Errorf("sessions: %q, want %d", got, held)
	}
	if got := section(t, r, "Outcomes"); got != "productive: "+sum.Outcome.Describe() {
		t.Errorf("outcomes: %q, want %q", got, sum.Outcome.Describe())
	}
	if got := section(t, r, "Notes for the sponsor"); got != many(len(sum.Notes), "note") {
		t.Errorf("sponsor notes: %q, want %d", got, len(sum.Notes))
	}
	if !shows(r.detail, "For the coach or the sponsor: only notes marked safe for the sponsor.") {
		t.Errorf("cohort reader line missing: %v", texts(r.detail))
	}

	// Every member's report: the cohort stays chosen.
	r.kinds.SetSelected("Progress reports for a whole cohort")
	if r.contents == nil || r.contents.subject != spring.ID || len(r.contents.members) != spring.Members || spring.Members != 16 {
		t.Fatalf("whole cohort: %+v, want the 16 members of spring", r.contents)
	}
	if got := section(t, r, "Files"); !strings.HasPrefix(got, "16 progress reports, one for each member") {
		t.Errorf("files: %q", got)
	}
	if r.save.Text != "Save all to a folder…" || r.save.Disabled() {
		t.Errorf("save button %q (off %v)", r.save.Text, r.save.Disabled())
	}

	// A participant deleted meanwhile is no longer offered.
	r.kinds.SetSelected("Participant progress report")
	if r.contents == nil || r.contents.subject != zoe.ID {
		t.Fatal("Zoë is no longer chosen after coming back to her report")
	}
	if err := s.store.DeleteParticipant(zoe.ID); err != nil {
		t.Fatal(err)
	}
	r.reload()
	if r.contents != nil || !r.save.Disabled() || len(r.subjects) != 25 || !shows(r.detail, "Choose a participant") {
		t.Errorf("after deleting Zoë: %d subjects, %v", len(r.subjects), texts(r.detail))
	}
}

func TestReportsEmptyStatesSayWhatToDo(t *testing.T) {
	s := newTestShell(t)
	r := s.reports
	s.selectTab("Reports")
	if r.content.Objects[0] != r.empty || !shows(r.content, "Nothing to report on yet") {
		t.Fatalf("an empty practice shows %v", texts(r.content))
	}
	findButton(t, r.content, "Add participant")
	findButton(t, r.content, "Open sample practice")

	if err := s.store.CreateParticipant(&data.Participant{Name: "Mei Lin"}); err != nil {
		t.Fatal(err)
	}
	s.selectTab("Home")
	s.selectTab("Reports")
	if r.content.Objects[0] != r.main || len(r.shown) != 1 {
		t.Fatalf("one participant: %v", texts(r.content))
	}
	r.kinds.SetSelected("Pair brief")
	if !shows(r.subjectArea, "No partnerships yet") {
		t.Errorf("pair brief with no partnerships: %v", texts(r.subjectArea))
	}
	test.Tap(findButton(t, r.subjectArea, "Pair a cohort"))
	if s.tabs.Selected().Text != "Pairing" {
		t.Errorf("Pair a cohort opened %q", s.tabs.Selected().Text)
	}
	s.selectTab("Reports")
	r.kinds.SetSelected("Cohort summary")
	if !shows(r.subjectArea, "No cohorts yet") {
		t.Errorf("cohort summary with no cohorts: %v", texts(r.subjectArea))
	}
	findButton(t, r.subjectArea, "New cohort")

	// A cohort without members has nothing to print.
	co := data.Cohort{Name: "Winter 2027"}
	if err := s.store.SaveCohort(&co); err != nil {
		t.Fatal(err)
	}
	s.selectTab("Cohorts")
	s.openReport(reportCohortMembers, co.ID)
	if r.contents == nil || r.contents.ready || !r.save.Disabled() || !shows(r.detail, "This cohort has no members yet") {
		t.Errorf("a cohort without members: %v", texts(r.detail))
	}
}

func TestSaveReportWritesPDF(t *testing.T) {
	s, r := openReports(t)
	var opened []string
	r.viewer = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	zoe := participantByEmail(t, s, "zoe.odegard@fernhillbank.example")
	dir := t.TempDir()
	path := filepath.Join(dir, "Progress report - Zoë Ødegård.pdf")
	r.saveReport(reportParticipant, zoe.ID, path)
	raw, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) || len(raw) < 5000 {
		t.Fatalf("report not written: %v (%d bytes)", err, len(raw))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", fi.Mode().Perm())
	}
	if r.saved == nil || !shows(topDialog(s), path) {
		t.Fatalf("no dialog says where the report went: %v", texts(topDialog(s)))
	}
	r.saved.Confirm()
	if len(opened) != 1 || !strings.HasPrefix(opened[0], "file://") || !strings.HasSuffix(opened[0], ".pdf") {
		t.Errorf("opened %v, want the report's file URL", opened)
	}

	// The GUI prints the same report as the command line does.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		m, err := readReport(t, s, reports.Progress, zoe.ID, data.DateOf(time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		regular, bold := assets.ReportFont()
		var direct bytes.Buffer
		if err := reports.Participant(&direct, m.Progress, reports.Options{Regular: regular, Bold: bold, PageSize: reports.A4}); err != nil {
			t.Fatal(err)
		}
		if got, want := pdfText(t, raw), pdfText(t, direct.Bytes()); got != want || !strings.Contains(got, "Zoë Ødegård") {
			t.Errorf("the saved report's text differs from the report printed directly")
		}
	}

	// An existing file is replaced only after the coach confirms.
	os.WriteFile(path, []byte("an older report"), 0o600)
	s.lastConfirm = nil
	r.saveReport(reportParticipant, zoe.ID, path)
	if b, _ := os.ReadFile(path); string(b) != "an older report" || s.lastConfirm == nil {
		t.Fatal("an existing file was replaced without asking")
	}
	s.lastConfirm.Dismiss()
	if b, _ := os.ReadFile(path); string(b) != "an older report" {
		t.Fatal("cancelling replaced the file")
	}
	r.saveReport(reportParticipant, zoe.ID, path)
	s.lastConfirm.Confirm()
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("confirmed replace did not write the report")
	}

	// A report that cannot be printed is an error message, and leaves no file behind.
	before, _ := os.ReadDir(dir)
	gone := filepath.Join(dir, "gone.pdf")
	r.saveReport(reportParticipant, 999999, gone)
	if _, err := os.Stat(gone); err == nil {
		t.Error("a failed report left a file")
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("a failed report left %d files behind", len(after)-len(before))
	}
	if !shows(topDialog(s), "could not save") {
		t.Errorf("no error shown: %v", texts(topDialog(s)))
	}

	// The pair brief and the cohort summary save too.
	ps, _ := reports.CurrentPartnership(s.store, zoe.ID)
	spring := cohortByName(t, s, "Spring 2026 executive circle")
	for kind, id := range map[string]int64{reportPair: ps.ID, reportCohort: spring.ID} {
		p := filepath.Join(dir, kind+".pdf")
		r.saveReport(kind, id, p)
		if b, err := os.ReadFile(p); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s not written: %v", kind, err)
		}
	}
}

// pdfText extracts a PDF's text with pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestCohortProgressReports(t *testing.T) {
	s, r := openReports(t)
	var opened []string
	r.viewer = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	spring := cohortByName(t, s, "Spring 2026 executive circle")
	s.openReport(reportCohortMembers, spring.ID)
	c := r.contents
	if c == nil || len(c.members) != 16 {
		t.Fatalf("contents %+v", c)
	}
	var progress []string
	r.onBatchProgress = func(done, total int) { progress = append(progress, r.batch.bar.text) }
	dir := t.TempDir()
	r.saveMemberReports(c, dir)
	files, _ := os.ReadDir(dir)
	if len(files) != 16 {
		t.Fatalf("%d files written, want 16", len(files))
	}
	for _, m := range c.members {
		raw, err := os.ReadFile(filepath.Join(dir, data.ReportFileName("Progress report", m.name)))
		if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
			t.Errorf("%s: %v", m.name, err)
		}
	}
	if len(progress) != 16 || progress[2] != "3 of 16" || progress[15] != "16 of 16" {
		t.Errorf("progress went %v", progress)
	}
	if !shows(topDialog(s), "Wrote 16 progress reports to "+dir) {
		t.Errorf("result says %v", texts(topDialog(s)))
	}
	r.batch.result.Confirm()
	if len(opened) != 1 || !strings.HasPrefix(opened[0], "file://") {
		t.Errorf("Open folder opened %v", opened)
	}

	// Cancel stops before the next file.
	stopped := t.TempDir()
	r.onBatchProgress = func(done, total int) {
		if done == 1 {
			test.Tap(r.batch.cancel)
		}
	}
	r.saveMemberReports(c, stopped)
	if files, _ := os.ReadDir(stopped); len(files) != 1 {
		t.Errorf("after Cancel: %d files, want 1", len(files))
	}
	if got := r.batch.bar.text; got != "1 of 16" || !shows(topDialog(s), "Stopped as you asked: 15 not written") {
		t.Errorf("after Cancel: %q, %v", got, texts(topDialog(s)))
	}
	r.onBatchProgress = nil

	// Existing files are replaced only after one confirmation for all of them.
	first := filepath.Join(dir, c.members[0].file)
	os.WriteFile(first, []byte("an older report"), 0o600)
	s.lastConfirm = nil
	r.saveMemberReports(c, dir)
	if s.lastConfirm == nil || !shows(topDialog(s), "16 files already exist in this folder; replace them?") {
		t.Fatalf("no single question before replacing: %v", texts(topDialog(s)))
	}
	s.lastConfirm.Dismiss()
	if b, _ := os.ReadFile(first); string(b) != "an older report" {
		t.Fatal("cancelling replaced a file")
	}
	r.saveMemberReports(c, dir)
	s.lastConfirm.Confirm()
	if b, _ := os.ReadFile(first); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("confirmed replace did not write the reports")
	}

	// A member who cannot be printed is named, with the reason; the others are written.
	gone := c.members[3]
	if err := s.store.DeleteParticipant(gone.id); err != nil {
		t.Fatal(err)
	}
	partial := t.TempDir()
	r.saveMemberReports(c, partial)
	if files, _ := os.ReadDir(partial); len(files) != 15 {
		t.Errorf("%d files written, want 15", len(files))
	}
	if len(r.batch.failed) != 1 || !strings.HasPrefix(r.batch.failed[0].Message, gone.name+": ") {
		t.Errorf("failures %v, want %s", r.batch.failed, gone.name)
	}
	if !shows(topDialog(s), "Wrote 15 progress reports") || !shows(topDialog(s), "1 could not be written") || !shows(topDialog(s), gone.name+": ") {
		t.Errorf("result says %v", texts(topDialog(s)))
	}
}

func TestReportButtonsOnPages(t *testing.T) {
	s := newSampleShell(t)
	r := s.reports
	zoe := participantByEmail(t, s, "zoe.odegard@fernhillbank.example")

	s.openParticipant(zoe.ID)
	test.Tap(findButton(t, s.roster.detail, "Progress report…"))
	if s.tabs.Selected().Text != "Reports" || r.kinds.Selected != "Participant progress report" || r.contents == nil || r.contents.subject != zoe.ID {
		t.Fatalf("Progress report… showed %q, %q, %+v", s.tabs.Selected().Text, r.kinds.Selected, r.contents)
	}
	if sel := r.list; len(r.shown) != 26 || !shows(r.detail, "Progress report: Zoë Ødegård") {
		t.Errorf("Zoë's report not in sight: %d shown, %v", len(r.shown), texts(sel))
	}

	ps, _ := reports.CurrentPartnership(s.store, zoe.ID)
	s.openPartnership(ps.ID)
	test.Tap(findButton(t, s.partnerships.detail, "Pair brief…"))
	if s.tabs.Selected().Text != "Reports" || r.kinds.Selected != "Pair brief" || r.contents == nil || r.contents.subject != ps.ID {
		t.Fatalf("Pair brief… showed %q, %q, %+v", s.tabs.Selected().Text, r.kinds.Selected, r.contents)
	}

	spring := cohortByName(t, s, "Spring 2026 executive circle")
	s.selectTab("Cohorts")
	for i, c := range s.cohorts.roster.Cohorts {
		if c.ID == spring.ID {
			s.cohorts.list.Select(i)
		}
	}
	test.Tap(findButton(t, s.cohorts.detail, "Cohort summary…"))
	if s.tabs.Selected().Text != "Reports" || r.kinds.Selected != "Cohort summary" || r.contents == nil || r.contents.subject != spring.ID {
		t.Fatalf("Cohort summary… showed %q, %q, %+v", s.tabs.Selected().Text, r.kinds.Selected, r.contents)
	}
	if !shows(r.detail, "Cohort summary: Spring 2026 executive circle") {
		t.Errorf("cohort summary contents: %v", texts(r.detail))
	}
}

func TestPageSizeSettingIsUsed(t *testing.T) {
	s, r := openReports(t)
	st := s.settings
	if s.pageSize() != reports.A4 || st.pageSize.Selected != reports.A4 {
		t.Fatalf("default page size %q, shown %q", s.pageSize(), st.pageSize.Selected)
	}
	spring := cohortByName(t, s, "Spring 2026 executive circle")
	dir := t.TempDir()
	a4 := filepath.Join(dir, "a4.pdf")
	r.saveReport(reportCohort, spring.ID, a4)
	if b, _ := os.ReadFile(a4); !bytes.Contains(b, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("the default report is not on A4 pages")
	}

	st.pageSize.SetSelected(reports.Letter)
	if s.app.Preferences().String(prefPageSize.key) != reports.Letter || s.pageSize() != reports.Letter || !strings.Contains(st.pageSizeHint.Text, "Saved") {
		t.Fatalf("Letter not saved: %q, hint %q", s.pageSize(), st.pageSizeHint.Text)
	}
	if again := newSettingsScreen(s); again.pageSize.Selected != reports.Letter {
		t.Errorf("a new settings screen shows %q", again.pageSize.Selected)
	}
	s.openReport(reportCohort, spring.ID)
	if !shows(r.detail, "Letter pages") {
		t.Errorf("the contents do not name the paper: %v", texts(r.detail))
	}
	letter := filepath.Join(dir, "letter.pdf")
	r.saveReport(reportCohort, spring.ID, letter)
	raw, _ := os.ReadFile(letter)
	if !bytes.Contains(raw, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("the report is not on Letter pages")
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		out, err := exec.Command("pdfinfo", letter).Output()
		if err != nil || !strings.Contains(string(out), "612 x 792 pts (letter)") {
			t.Errorf("pdfinfo: %v\n%s", err, out)
		}
	}

	// A value saved by something else falls back to A4.
	s.app.Preferences().SetString(prefPageSize.key, "A3")
	if s.pageSize() != reports.A4 {
		t.Errorf("unknown paper gives %q", s.pageSize())
	}
}

// readReport reads a report's model as the Reports screen prints it, with the coach's settings.
func readReport(t *testing.T, s *practice, kind reports.Kind, id int64, today data.Date) (*reports.Report, error) {
	t.Helper()
	return reports.Read(s.store, kind, id, today, s.reportOptions())
}
