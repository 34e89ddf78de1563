package app

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mutua/data"
	"mutua/drafts"
)

const springCohort = "Spring 2026 executive circle"

// draftsTo makes the shell write drafts into dir without the folder dialog, and records what
// it opens in the mail program or the file manager.
func draftsTo(s *practice, dir string) *[]string {
	var opened []string
	s.mail.chooseFolder = func(use func(string)) { s.useOutputFolder("drafts", dir, use) }
	s.mail.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	return &opened
}

func withCoachAddress(t *testing.T, s *practice) {
	t.Helper()
	if err := s.store.SaveMessageSettings(data.MessageSettings{CoachEmail: "coach@example.org", TimeZone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
}

func TestEmailSettings(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Settings")
	es := s.settings.emails
	if !es.save.Disabled() || es.copyMe.Checked {
		t.Fatal("a fresh practice shows a change to save, or copies the coach")
	}
	test.Type(es.email, "not an address")
	if !es.emailProblem.Visible() || !strings.Contains(es.emailProblem.Text, "does not look like an email address") || !es.save.Disabled() {
		t.Errorf("a bad address: problem %q shown %v, save disabled %v", es.emailProblem.Text, es.emailProblem.Visible(), es.save.Disabled())
	}
	es.email.SetText("coach@example.org")
	es.zone.SetText("Mars/Olympus")
	if !strings.Contains(es.zoneProblem.Text, "does not know the time zone") || !es.save.Disabled() {
		t.Errorf("a bad zone: %q", es.zoneProblem.Text)
	}
	es.zone.SetText("Europe/Lisbon")
	test.Tap(es.copyMe)
	test.Tap(es.save)
	got, err := s.store.MessageSettings()
	if err != nil || got != (data.MessageSettings{CoachEmail: "coach@example.org", TimeZone: "Europe/Lisbon", CopyMe: true}) {
		t.Errorf("saved %+v, %v", got, err)
	}
	if !strings.Contains(es.status.Text, "Saved. Drafts now come from coach@example.org") {
		t.Errorf("status %q", es.status.Text)
	}
}

func TestEmailTemplateEditor(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Settings")
	es := s.settings.emails
	es.kinds.SetSelected(drafts.Nudge.Label())
	if es.subject.Text != drafts.DefaultTemplate(drafts.Nudge).Subject || !strings.Contains(es.fields.Text, "{{.OverdueActions}}") {
		t.Fatalf("the nudge editor shows %q, fields %q", es.subject.Text, es.fields.Text)
	}
	if !es.saveTemplate.Disabled() || !es.restore.Disabled() {
		t.Error("Mutua's own template, unchanged, can be saved or restored")
	}

	// A mistake is said in plain words, and nothing is saved.
	es.body.SetText("Dear {{.FirstNames}},\n\nYour notes: {{.Notes}}\n")
	test.Tap(es.saveTemplate)
	if !es.tplProblem.Visible() || es.tplProblem.Text != `Line 3 of the body: Mutua has no field called "Notes". Fields you can use: `+fieldNames(drafts.Nudge)+"." {
		t.Errorf("problem %q (shown %v)", es.tplProblem.Text, es.tplProblem.Visible())
	}
	es.body.SetText("Dear {{.FirstNames}},\n{{if .LastSession}}Since {{.LastSession}}")
	test.Tap(es.saveTemplate)
	if !strings.Contains(es.tplProblem.Text, "an {{if}} has no {{end}}") {
		t.Errorf("problem %q", es.tplProblem.Text)
	}
	if saved, _ := s.store.MessageTemplates(); len(saved) != 0 {
		t.Fatalf("a template with a mistake was saved: %v", saved)
	}

	// A good one is saved in the practice, and used.
	es.subject.SetText("Time to meet, {{.FirstNames}}?")
	es.body.SetText("Dear {{.FirstNames}},\n\nShall we find a date?\n\n{{.Signature}}\n")
	test.Tap(es.saveTemplate)
	saved, _ := s.store.MessageTemplates()
	if saved["nudge"].Subject != "Time to meet, {{.FirstNames}}?" || es.tplProblem.Visible() {
		t.Fatalf("saved %v; problem %q", saved, es.tplProblem.Text)
	}
	if !strings.Contains(es.tplStatus.Text, "Saved.") || es.restore.Disabled() {
		t.Errorf("status %q, restore disabled %v", es.tplStatus.Text, es.restore.Disabled())
	}

	// Restore default, after a warning.
	test.Tap(es.restore)
	if es.restoreDialog == nil {
		t.Fatal("Restore default asked nothing")
	}
	es.restoreDialog.Confirm()
	if saved, _ := s.store.MessageTemplates(); len(saved) != 0 {
		t.Errorf("restored, yet the practice holds %v", saved)
	}
	if es.subject.Text != drafts.DefaultTemplate(drafts.Nudge).Subject || !strings.Contains(es.tplStatus.Text, "Restored") {
		t.Errorf("after restoring: %q, %q", es.subject.Text, es.tplStatus.Text)
	}
}

func fieldNames(k drafts.Kind) string {
	var n []string
	for _, f := range drafts.FieldsOf(k) {
		n = append(n, "{{."+f.Name+"}}")
	}
	return strings.Join(n, ", ")
}

func TestEmailPreview(t *testing.T) {
	s := newSampleShell(t)
	s.selectTab("Settings")
	es := s.settings.emails
	es.subject.SetText("Meet {{.FirstNames}}")
	test.Tap(es.preview)
	if es.previewDialog == nil {
		t.Fatal("no preview shown")
	}
	shown := strings.Join(texts(topDialog(s)), "\n")
	list, _ := s.store.Partnerships()
	first := list[previewIndex(list)]
	want := "Subject: Meet " + first.Members[0].FirstName() + " and " + first.Members[1].FirstName()
	if !strings.Contains(shown, want) || !strings.Contains(shown, "Why I paired you:") || !strings.Contains(shown, "For "+first.Names(" + ")) {
		t.Errorf("the preview shows:\n%s\nwant %q", shown, want)
	}
	if saved, _ := s.store.MessageTemplates(); len(saved) != 0 {
		t.Error("a preview saved the template")
	}
	// A template with a mistake has no preview: the mistake is said.
	es.previewDialog.Hide()
	es.previewDialog = nil
	es.body.SetText("{{.Goals}}")
	test.Tap(es.preview)
	if es.previewDialog != nil || !strings.Contains(es.tplProblem.Text, `no field called "Goals"`) {
		t.Errorf("a bad template previewed; problem %q", es.tplProblem.Text)
	}
}

func previewIndex(list []data.Partnership) int {
	id := previewPartnership(list)
	for i, p := range list {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func TestIntroduceCohortFromWindow(t *testing.T) {
	s := newSampleShell(t)
	withCoachAddress(t, s)
	dir := t.TempDir()
	opened := draftsTo(s, dir)
	var steps []int
	s.mail.onProgress = func(done, _ int) { steps = append(steps, done) }

	s.selectTab("Cohorts")
	c := s.cohorts
	for i, co := range c.roster.Cohorts {
		if co.Name == springCohort {
			c.list.Select(i)
		}
	}
	test.Tap(findButton(t, c.content, "Introduce pairs…"))
	if s.mail.firstForm == nil {
		t.Fatal("no question about the first session")
	}
	s.mail.firstDate.entry.SetText("2026-12-08")
	s.mail.firstTime.SetText("10:30")
	s.mail.firstForm.Submit()

	if got := s.mail.last; got.Drafts != 7 || len(got.Failed) != 0 {
		t.Fatalf("result %+v", got)
	}
	if len(steps) != 8 || steps[7] != 7 {
		t.Errorf("progress %v", steps)
	}
	shown := strings.Join(texts(topDialog(s)), "\n")
	if !strings.Contains(shown, "7 drafts written to "+dir+". 7 calendar invitations saved beside them.") {
		t.Errorf("the summary shows:\n%s", shown)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	ics, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(emls) != 7 || len(ics) != 7 {
		t.Fatalf("%d drafts, %d invitations written", len(emls), len(ics))
	}
	test.Tap(findButton(t, topDialog(s), "Open folder"))
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], "file://") {
		t.Errorf("opened %v", *opened)
	}
	for _, m := range readDrafts(t, emls) {
		if !strings.Contains(m.Body, "8 Dec 2026 at 10:30 (Europe/Lisbon time)") || len(m.Attachments) != 2 {
			t.Errorf("%s: %d attachments, body\n%s", m.File, len(m.Attachments), m.Body)
		}
	}
	if prefDraftsFolder.get(s.app) != dir {
		t.Error("the folder is not remembered for next time")
	}
}

func TestIntroduceWithoutAnAddress(t *testing.T) {
	s := newSampleShell(t)
	dir := t.TempDir()
	draftsTo(s, dir)
	s.mail.introduceCohort(findPartnership(t, s, "Zoë").CohortID)
	if s.mail.firstForm != nil || s.mail.noAddress == nil || !shows(topDialog(s), "add your email address in Settings") {
		t.Fatalf("without an address: %q", texts(topDialog(s)))
	}
	s.mail.noAddress.Confirm()
	if s.tabs.Selected().Text != "Settings" {
		t.Errorf("Open Settings showed %s", s.tabs.Selected().Text)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("%d files written", len(files))
	}
}

func TestNudgeFromHome(t *testing.T) {
	s := newSampleShell(t)
	withCoachAddress(t, s)
	dir := t.TempDir()
	opened := draftsTo(s, dir)
	s.selectTab("Home")
	h := s.home
	at := -1
	for i, it := range h.shown {
		if nudgeable(it) {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("the sample's home screen lists no partnership to nudge")
	}
	row := newAttentionRow().(*attentionRow)
	h.updateRow(at, row)
	if !row.nudge.Visible() {
		t.Fatal("no Draft a nudge… on a quiet partnership")
	}
	test.Tap(row.nudge)
	if s.mail.last.Drafts != 1 {
		t.Fatalf("result %+v", s.mail.last)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "Checking in - *.eml"))
	if len(emls) != 1 {
		t.Fatalf("drafts %v", emls)
	}
	test.Tap(findButton(t, topDialog(s), "Open in mail program"))
	if len(*opened) != 1 || !strings.HasSuffix((*opened)[0], ".eml") || !strings.HasPrefix((*opened)[0], "file://") {
		t.Errorf("opened %v", *opened)
	}
	test.Tap(findButton(t, topDialog(s), "Copy"))
	copied := s.app.Clipboard().Content()
	if !strings.Contains(copied, "Subject: Checking in: ") || !strings.Contains(copied, "To: ") {
		t.Errorf("copied %q", copied)
	}
	// Items that are not about a quiet partnership offer no nudge.
	for i, it := range h.shown {
		if !nudgeable(it) {
			h.updateRow(i, row)
			if row.nudge.Visible() {
				t.Errorf("%s item offers a nudge", it.Kind)
			}
			break
		}
	}
}

func TestPartnershipEmails(t *testing.T) {
	s := newSampleShell(t)
	withCoachAddress(t, s)
	dir := t.TempDir()
	draftsTo(s, dir)
	ps := findPartnership(t, s, "Zoë")
	s.openPartnership(ps.ID)
	pg := s.partnerships.page

	test.Tap(pg.emails)
	test.Tap(findButton(t, topDialog(s), "Thank you…"))
	thanks, _ := filepath.Glob(filepath.Join(dir, "Thank you - *.eml"))
	if len(thanks) != 2 || s.mail.last.Drafts != 2 {
		t.Fatalf("thank-yous %v, result %+v", thanks, s.mail.last)
	}
	for _, m := range readDrafts(t, thanks) {
		if len(m.Attachments) != 1 || m.Attachments[0].Type != "application/pdf" || !strings.HasPrefix(m.Attachments[0].Name, "Progress report - ") {
			t.Errorf("%s: attachments %+v", m.File, m.Attachments)
		}
	}

	test.Tap(pg.emails)
	test.Tap(findButton(t, topDialog(s), "Introduction…"))
	s.mail.firstForm.Submit()
	intro, _ := filepath.Glob(filepath.Join(dir, "Introduction - *.eml"))
	ics, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(intro) != 1 || len(ics) != 1 {
		t.Fatalf("introduction %v, invitation %v", intro, ics)
	}
	test.Tap(findButton(t, topDialog(s), "Copy"))
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "Pair brief - *.pdf")); len(pdfs) != 1 {
		t.Errorf("copying saved %v beside the draft, want the pair brief to attach by hand", pdfs)
	}
	if !strings.Contains(s.mail.resultStatus.Text, "attach Pair brief - ") {
		t.Errorf("status %q", s.mail.resultStatus.Text)
	}
}

// parsedDraft is what drafts/testdata/check_eml.py, Python's email package, reads in a draft.
type parsedDraft struct {
	File        string `json:"file"`
	Body        string `json:"body"`
	XUnsent     string `json:"x_unsent"`
	Defects     []string
	Attachments []struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"attachments"`
}

// readDrafts reads drafts with Python's email package, as an independent reader would.
func readDrafts(t *testing.T, files []string) []parsedDraft {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("skipped the independent parse: /usr/bin/python3 is missing")
	}
	cmd := exec.Command("/usr/bin/python3", append([]string{"../drafts/testdata/check_eml.py", t.TempDir()}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("check_eml.py: %v\n%s", err, stderr.String())
	}
	var out []parsedDraft
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	for _, m := range out {
		if m.XUnsent != "1" || len(m.Defects) > 0 {
			t.Errorf("%s: X-Unsent %q, defects %v", m.File, m.XUnsent, m.Defects)
		}
	}
	return out
}

func TestIntroductionWithoutInvitationSaysWhy(t *testing.T) {
	s := newSampleShell(t)
	withCoachAddress(t, s)
	dir := t.TempDir()
	draftsTo(s, dir)
	ps := findPartnership(t, s, "Zoë")
	a := ps.Agreement
	a.Cadence = "as needed"
	if err := s.store.SaveAgreement(ps.ID, &a); err != nil {
		t.Fatal(err)
	}
	s.mail.introducePartnership(ps.ID)
	s.mail.firstForm.Submit()
	shown := strings.Join(texts(topDialog(s)), "\n")
	if s.mail.last.Drafts != 1 || !strings.Contains(shown, "1 draft written to") || strings.Contains(shown, "invitation saved") ||
		!strings.Contains(shown, `Zoë Ødegård + Ngozi Okafor: No invitation: Mutua cannot make a repeating invitation from the cadence "as needed"`) {
		t.Errorf("the summary shows:\n%s", shown)
	}
	if ics, _ := filepath.Glob(filepath.Join(dir, "*.ics")); len(ics) != 0 {
		t.Errorf("an invitation was written: %v", ics)
	}
}
