package drafts_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mutua/drafts"
)

type parsedEML struct {
	File              string      `json:"file"`
	CRLF              bool        `json:"crlf"`
	HeaderASCII       bool        `json:"header_ascii"`
	LongestHeaderLine int         `json:"longest_header_line"`
	Subject           string      `json:"subject"`
	XUnsent           string      `json:"x_unsent"`
	Date              bool        `json:"date"`
	From, To, Cc      [][2]string `json:"-"`
	FromRaw           [][]string  `json:"from"`
	ToRaw             [][]string  `json:"to"`
	CcRaw             [][]string  `json:"cc"`
	Addresses         []string    `json:"addresses"` // as the newer email API reads them
	ContentType       string      `json:"content_type"`
	Defects           []string    `json:"defects"`
	Body              string      `json:"body"`
	Attachments       []struct {
		Name     string `json:"name"`
		Type     string `json:"type"`
		Method   string `json:"method"`
		Encoding string `json:"encoding"`
		SHA256   string `json:"sha256"`
		Saved    string `json:"saved"`
	} `json:"attachments"`
}

func pairs(l [][]string) [][2]string {
	var out [][2]string
	for _, p := range l {
		out = append(out, [2]string{p[0], p[1]})
	}
	return out
}

// Every kind of draft, written to a folder, is read back by Python's email package (strict:
// any defect fails): names and subject decode to the right UTF-8, X-Unsent is there, the PDF
// decodes to the very bytes attached and pdftotext reads it, the invitation is attached.
func TestDraftsReadByPythonEmail(t *testing.T) {
	needPython(t, "email")
	dir := t.TempDir()
	coach, p := sampleCoach(), samplePartnership()
	brief := pdfBrief(t, "Pair brief for Ana and Dmitry")
	ics, err := drafts.InvitationAttachment(coach, p, now)
	if err != nil {
		t.Fatal(err)
	}
	intro, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now,
		drafts.Attachment{Name: "Pair brief - Ana Silva & Дмитрий Иванов.pdf", Data: brief}, ics)
	if err != nil {
		t.Fatal(err)
	}
	form := pdfBrief(t, "Intake questionnaire")
	quest, err := drafts.QuestionnaireDraft(coach, drafts.QuestionnaireSending{To: p.Members[1], Title: "Intake questionnaire",
		ReturnBy: day(2027, 3, 15), Form: drafts.Attachment{Name: "Intake questionnaire - Дмитрий Иванов.pdf", Data: form}},
		drafts.DefaultTemplate(drafts.Questionnaire), now)
	if err != nil {
		t.Fatal(err)
	}
	nudge, err := drafts.NudgeDraft(coach, p, drafts.Quiet{LastSession: day(2027, 1, 12), Today: day(2027, 3, 1),
		Overdue: []drafts.ActionItem{{Text: "Send the article on pricing", Owner: "Ana Silva", Due: day(2027, 2, 1)}}},
		drafts.DefaultTemplate(drafts.Nudge), now)
	if err != nil {
		t.Fatal(err)
	}
	report := pdfBrief(t, "Progress report")
	thanks, err := drafts.ThankYouDraft(coach, p, p.Members[0], drafts.Attachment{Name: "Progress report - Ana Silva.pdf", Data: report},
		drafts.DefaultTemplate(drafts.ThankYou), now)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range []*drafts.Draft{intro, quest, nudge, thanks} {
		path, err := drafts.Save(dir, d)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	out := t.TempDir()
	var got []parsedEML
	runJSON(t, &got, append([]string{"testdata/check_eml.py", out}, paths...)...)
	if len(got) != 4 {
		t.Fatalf("python read %d drafts, want 4", len(got))
	}
	wantFiles := []string{"Introduction - Ana Silva & Дмитрий Иванов.eml", "Questionnaire - Дмитрий Иванов.eml",
		"Checking in - Ana Silva & Дмитрий Иванов.eml", "Thank you - Ana Silva.eml"}
	zoe := [2]string{"Zoë Martín-Ribeiro", "zoe@silva-coaching.example"}
	ana := [2]string{"Ana Silva", "ana@example.com"}
	dmitry := [2]string{"Дмитрий Иванов", "dmitry@example.ru"}
	for i, g := range got {
		g.From, g.To, g.Cc = pairs(g.FromRaw), pairs(g.ToRaw), pairs(g.CcRaw)
		if g.File != wantFiles[i] {
			t.Errorf("draft %d is named %q, want %q", i, g.File, wantFiles[i])
		}
		if !g.CRLF || !g.HeaderASCII || g.LongestHeaderLine > 998 {
			t.Errorf("%s: CRLF %v, ASCII header %v (RFC 2047), longest header line %d", g.File, g.CRLF, g.HeaderASCII, g.LongestHeaderLine)
		}
		if g.XUnsent != "1" || !g.Date || len(g.Defects) > 0 {
			t.Errorf("%s: X-Unsent %q, date %v, defects %v", g.File, g.XUnsent, g.Date, g.Defects)
		}
		var addrs []string
		for _, a := range append(append(g.From, g.To...), g.Cc...) {
			addrs = append(addrs, a[1])
		}
		if !slices.Equal(addrs, g.Addresses) {
			t.Errorf("%s: the two email APIs read %q and %q", g.File, addrs, g.Addresses)
		}
		if !slices.Equal(g.From, [][2]string{zoe}) || !slices.Equal(g.Cc, [][2]string{zoe}) {
			t.Errorf("%s: from %v cc %v, want the coach", g.File, g.From, g.Cc)
		}
		if !strings.Contains(g.Body, "Zoë Martín-Ribeiro\nSilva Coaching\n+351 21 000 0000") {
			t.Errorf("%s: no signature in the body:\n%s", g.File, g.Body)
		}
	}

	in := got[0]
	if in.Subject != "Introducing Ana and Дмитрий: your peer-mentoring partnership" {
		t.Errorf("introduction subject %q", in.Subject)
	}
	if !slices.Equal(pairs(in.ToRaw), [][2]string{ana, dmitry}) {
		t.Errorf("introduction to %v", in.ToRaw)
	}
	for _, want := range []string{"Dear Ana and Дмитрий,", "- Both are calling-oriented", "1. Share what brought you",
		"meet every two weeks until Tue 4 May 2027", "Tue 9 Mar 2027 at 10:00 (Europe/Lisbon time)", "in Spring 2027 executive circle"} {
		if !strings.Contains(in.Body, want) {
			t.Errorf("introduction body lacks %q:\n%s", want, in.Body)
		}
	}
	if len(in.Attachments) != 2 {
		t.Fatalf("introduction has %d attachments, want the brief and the invitation", len(in.Attachments))
	}
	pdf, inv := in.Attachments[0], in.Attachments[1]
	if pdf.Name != "Pair brief - Ana Silva & Дмитрий Иванов.pdf" || pdf.Type != "application/pdf" || pdf.Encoding != "base64" || pdf.SHA256 != sha(brief) {
		t.Errorf("brief attachment %+v", pdf)
	}
	if inv.Name != "Sessions - Ana Silva & Дмитрий Иванов.ics" || inv.Type != "text/calendar" || inv.Method != "REQUEST" || inv.SHA256 != sha(ics.Data) {
		t.Errorf("invitation attachment %+v", inv)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is missing (apt-get install poppler-utils): the brief's text is not read back")
	} else if text, err := exec.Command("pdftotext", pdf.Saved, "-").Output(); err != nil || !strings.Contains(string(text), "Pair brief for Ana and Dmitry") {
		t.Errorf("pdftotext on the attached brief: %q, %v", text, err)
	}

	q := got[1]
	if q.Subject != "Intake questionnaire for Дмитрий" || !slices.Equal(pairs(q.ToRaw), [][2]string{dmitry}) ||
		!strings.Contains(q.Body, "Dear Дмитрий,") || !strings.Contains(q.Body, "by Mon 15 Mar 2027") ||
		len(q.Attachments) != 1 || q.Attachments[0].SHA256 != sha(form) {
		t.Errorf("questionnaire: %+v", q)
	}
	n := got[2]
	if n.Subject != "Checking in: Ana and Дмитрий" || !strings.Contains(n.Body, "Your last session was on Tue 12 Jan 2027") ||
		!strings.Contains(n.Body, "- Ana: Send the article on pricing (due Mon 1 Feb 2027)") || len(n.Attachments) != 0 {
		t.Errorf("nudge: %+v", n)
	}
	ty := got[3]
	if ty.Subject != "Thank you, Ana" || !slices.Equal(pairs(ty.ToRaw), [][2]string{ana}) ||
		!strings.Contains(ty.Body, "your partnership with Дмитрий.") || len(ty.Attachments) != 1 || ty.Attachments[0].SHA256 != sha(report) {
		t.Errorf("thank-you: %+v", ty)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// A draft saved twice under the same name keeps both files; names in any script stay readable
// and characters that systems refuse are dropped.
func TestSaveNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	coach := sampleCoach()
	coach.CopyMe = false
	p := drafts.Partnership{Members: []drafts.Person{{Name: "王芳", Email: "wang@example.cn"}, {Name: `Ben "B/J" O'Neil: CEO?`, Email: "ben@example.com"}}}
	d, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now)
	if err != nil {
		t.Fatal(err)
	}
	first, err := drafts.Save(dir, d)
	if err != nil {
		t.Fatal(err)
	}
	mark := []byte("the coach's edited draft")
	if err := os.WriteFile(first, mark, 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := drafts.Save(dir, d)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(first) != "Introduction - 王芳 & Ben B J O'Neil CEO.eml" || filepath.Base(second) != "Introduction - 王芳 & Ben B J O'Neil CEO (2).eml" {
		t.Errorf("files %q and %q", filepath.Base(first), filepath.Base(second))
	}
	if b, _ := os.ReadFile(first); string(b) != string(mark) {
		t.Error("saving again overwrote the first draft")
	}
	if fi, err := os.Stat(second); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("second draft: %v, %v (want readable by the coach only)", fi, err)
	}
	if _, err := drafts.Save(filepath.Join(dir, "missing"), d); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("saving into a missing folder: %v", err)
	}
	for in, want := range map[string]string{
		"CON":                     "_CON.eml",
		"  ..hidden.  ":           "hidden.eml",
		"a\u202ebidi\x00\nname":   "abidi name.eml",
		strings.Repeat("Ж", 200):  strings.Repeat("Ж", 60) + ".eml",
		"":                        "Draft.eml",
		"Pair brief – Zoë & محمد": "Pair brief – Zoë & محمد.eml",
	} {
		if got := drafts.SafeFileName(in, ".eml"); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A draft missing an address says whose, in plain words, and writes nothing.
func TestDraftNeedsAddresses(t *testing.T) {
	coach, p := sampleCoach(), samplePartnership()
	p.Members[1].Email = ""
	_, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now)
	if err == nil || err.Error() != "Дмитрий Иванов has no email address: add one on the roster first." {
		t.Errorf("member without email: %v", err)
	}
	p = samplePartnership()
	coach.Email = ""
	if _, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now); err == nil || !strings.Contains(err.Error(), "Settings") {
		t.Errorf("coach without email: %v", err)
	}
}

// The copied text holds the addresses, the subject, the body and the files to attach.
func TestDraftText(t *testing.T) {
	d, err := drafts.ThankYouDraft(sampleCoach(), samplePartnership(), samplePartnership().Members[0],
		drafts.Attachment{Name: "Progress report - Ana Silva.pdf", Data: []byte("%PDF")}, drafts.DefaultTemplate(drafts.ThankYou), now)
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	dir := t.TempDir()
	paths, err := drafts.SaveAttachments(dir, d)
	if err != nil || len(paths) != 1 || filepath.Base(paths[0]) != "Progress report - Ana Silva.pdf" {
		t.Errorf("attachments saved as %q: %v", paths, err)
	}
	if b, _ := os.ReadFile(paths[0]); string(b) != "%PDF" {
		t.Errorf("saved attachment holds %q", b)
	}
	if again, _ := drafts.SaveAttachments(dir, d); len(again) != 1 || filepath.Base(again[0]) != "Progress report - Ana Silva (2).pdf" {
		t.Errorf("saved again as %q", again)
	}
	for _, want := range []string{"To: Ana Silva <ana@example.com>\n", "Cc: Zoë Martín-Ribeiro <zoe@silva-coaching.example>\n", "Subject: Thank you, Ana\n\nDear Ana,", "Attach:\n- Progress report - Ana Silva.pdf\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
