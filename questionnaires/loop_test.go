package questionnaires_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/forms/formstest"
	"mutua/questionnaires"
)

var ctx = context.Background()

// openSample opens a new practice file holding the sample data.
func openSample(t testing.TB) *sqlite.Store {
	t.Helper()
	raw, err := os.ReadFile("../assets/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample.mutua")
	if err := sqlite.CreateFromExport(path, bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// workOrientation is the built-in instrument with its questions.
func workOrientation(t testing.TB, s *sqlite.Store) data.Instrument {
	t.Helper()
	in, err := s.InstrumentByKey(data.WorkOrientationKey)
	if err != nil || !in.HasItems() {
		t.Fatalf("work orientation: %v (%d items)", err, len(in.Items))
	}
	return in
}

// itemAnswers answers every item: "Agree" on the first half, "Disagree" on the rest.
func itemAnswers(in data.Instrument) map[string]string {
	out := map[string]string{}
	for i, it := range in.Items {
		out["i-"+it.Key] = map[bool]string{true: "Agree", false: "Disagree"}[i < len(in.Items)/2]
	}
	return out
}

func with(a map[string]string, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func firstCohort(t testing.TB, s *sqlite.Store) data.Cohort {
	t.Helper()
	cs, err := s.Cohorts()
	if err != nil || len(cs) == 0 {
		t.Fatalf("cohorts: %v", err)
	}
	return cs[0]
}

func fileOf(pv *questionnaires.Preview, name string) questionnaires.File {
	for _, f := range pv.Files {
		if filepath.Base(f.Path) == name {
			return f
		}
	}
	return questionnaires.File{}
}

// The whole loop as a coach and participants go through it: a cohort's forms written, filled
// with pdftk (a second, independent form implementation) in several scripts, some badly,
// read back, refused as a batch while one file is wrong, then imported.
func TestTheIntakeLoop(t *testing.T) {
	formstest.NeedPdftk(t)
	s := openSample(t)
	in := workOrientation(t, s)
	c := firstCohort(t, s)
	dir := t.TempDir()
	sent, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, CohortID: c.ID, Instrument: in.ID, Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sent.Files) != c.Members || len(sent.Files) < 4 {
		t.Fatalf("%d forms for %d members", len(sent.Files), c.Members)
	}
	dump, err := exec.Command("pdftk", sent.Files[0], "dump_data_fields_utf8").CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FieldName: p-title", "FieldName: p-seniority", "FieldName: i-" + in.Items[0].Key, "FieldName: MutuaFormID", "FieldStateOption: Strongly agree"} {
		if !strings.Contains(string(dump), want) {
			t.Errorf("pdftk does not see %q in the form", want)
		}
	}
	if _, err := os.Stat(sent.Blank); err != nil {
		t.Error("no blank form:", err)
	}

	p0, _ := s.Participant(sent.People[0].ID)
	p1, _ := s.Participant(sent.People[1].ID)
	returned := t.TempDir()
	at := func(name string) string { return filepath.Join(returned, name) }
	good0 := with(itemAnswers(in), map[string]string{
		"p-title": "Директор по развитию", "p-company": "北京华通科技有限公司", "p-seniority": "Director",
		"p-years": "12", "p-strengths-own": "Négociation; board work", "p-goals": "أريد أن أتعلم التفاوض",
		"p-availability": "Tuesday mornings", "p-strengths.0": "0",
	})
	formstest.Fill(t, sent.Files[0], at("first-try.pdf"), with(good0, map[string]string{"p-title": "Old title"}))
	formstest.Fill(t, sent.Files[0], at("zz-again.pdf"), good0) // the same form, saved again later
	old := time.Now().Add(-time.Hour)
	os.Chtimes(at("first-try.pdf"), old, old)
	formstest.Fill(t, sent.Files[1], at("second.pdf"), itemAnswers(in))
	formstest.Fill(t, sent.Files[2], at("out-of-range.pdf"), with(itemAnswers(in), map[string]string{"i-" + in.Items[1].Key: "Maybe", "p-years": "99"}))
	formstest.Fill(t, sent.Files[3], at("missing.pdf"), map[string]string{"p-title": "CFO", "i-" + in.Items[0].Key: "Agree"})
	// a form id edited by hand: another person's number
	dumpID := string(dump[strings.Index(string(dump), "FieldName: MutuaFormID"):])
	idLine := dumpID[strings.Index(dumpID, "FieldValue: ")+len("FieldValue: "):]
	id := strings.TrimSpace(idLine[:strings.Index(idLine, "\n")])
	parts := strings.Split(id, ".")
	parts[2] = fmt.Sprint(sent.People[3].ID)
	formstest.Fill(t, sent.Files[0], at("edited.pdf"), with(itemAnswers(in), map[string]string{"MutuaFormID": strings.Join(parts, ".")}))
	// a form from another practice
	other := openSample(t)
	otherDir := t.TempDir()
	os2, err := questionnaires.Send(ctx, other, questionnaires.Sending{Kind: data.IntakeForm, CohortID: c.ID, Dir: otherDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	formstest.Fill(t, os2.Files[0], at("other-practice.pdf"), map[string]string{"p-title": "CEO"})
	copyFile(t, sent.Blank, at("blank.pdf"))
	b, _ := os.ReadFile(sent.Files[4%len(sent.Files)])
	os.WriteFile(at("damaged.pdf"), b[:len(b)/2], 0o644)
	os.WriteFile(at("notes.pdf"), []byte("hello"), 0o644)

	files, err := questionnaires.Files([]string{returned})
	if err != nil {
		t.Fatal(err)
	}
	today := data.NewDate(2026, 12, 5)
	pv, err := questionnaires.Read(ctx, s, files, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"out-of-range.pdf":   "not one of the answers offered",
		"missing.pdf":        "need an answer",
		"edited.pdf":         "hidden form id has been changed",
		"other-practice.pdf": "another practice",
		"blank.pdf":          "not a questionnaire sent by Mutua",
		"damaged.pdf":        "damaged",
		"notes.pdf":          "not a PDF",
	} {
		if got := fileOf(pv, name).Problem; !strings.Contains(got, want) {
			t.Errorf("%s: problem %q, want %q", name, got, want)
		}
	}
	if got := fileOf(pv, "out-of-range.pdf").Problem; !strings.Contains(got, "Years of experience") {
		t.Errorf("years out of range not told: %q", got)
	}
	if got := fileOf(pv, "first-try.pdf"); !strings.Contains(got.Note, "zz-again.pdf") || got.Problem != "" {
		t.Errorf("the earlier copy: %+v", got)
	}
	if got := fileOf(pv, "zz-again.pdf"); !strings.Contains(got.Note, "Kept") {
		t.Errorf("the later copy: %+v", got)
	}
	if pv.Ready() {
		t.Fatal("a batch with bad files is ready")
	}
	if err := questionnaires.Apply(ctx, s, pv); err == nil || !strings.Contains(data.Message(err), "nothing was imported") {
		t.Fatalf("apply of a bad batch: %v", err)
	}
	if h, _ := s.History(p0.ID); countFromForms(h) != 0 {
		t.Fatal("a refused batch stored a result")
	}

	// the coach sets the bad files aside and imports the rest
	pv, err = questionnaires.Read(ctx, s, []string{at("first-try.pdf"), at("zz-again.pdf"), at("second.pdf")}, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !pv.Ready() || len(pv.Changes) != 2 {
		t.Fatalf("ready %v, %d changes:\n%s", pv.Ready(), len(pv.Changes), pv.Text())
	}
	text := pv.Text()
	for _, want := range []string{p0.Name, "Title: " + orNone(p0.Title) + " → Директор по развитию", "Seniority", "→ Director", "Can teach", "board work", "new result: ", "Availability"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if err := questionnaires.Apply(ctx, s, pv); err != nil {
		t.Fatal(err)
	}
	out, err := questionnaires.StillOut(ctx, s, pv)
	if err != nil || !strings.Contains(out, fmt.Sprintf("Still to come back from the same sending: %d (", len(sent.Files)-2)) ||
		strings.Contains(out, p0.Name) || !strings.Contains(out, sent.People[2].Name) {
		t.Errorf("still out: %q, %v", out, err)
	}
	got, _ := s.Participant(p0.ID)
	if got.Title != "Директор по развитию" || got.Company != "北京华通科技有限公司" || got.Seniority != 4 || got.YearsExperience != 12 ||
		!strings.Contains(data.JoinTags(got.Strengths), "board work") || !strings.Contains(got.PrivateNotes, "Tuesday mornings") {
		t.Errorf("profile after import: %+v", got)
	}
	for _, tag := range append(p0.Strengths, "Négociation") {
		if !strings.Contains(data.JoinTags(got.Strengths), tag) {
			t.Errorf("can teach %q lacks %q", got.Strengths, tag)
		}
	}
	if len(got.Strengths) < len(p0.Strengths)+2 {
		t.Errorf("can teach %q: the ticked and typed tags are not all added to %q", got.Strengths, p0.Strengths)
	}
	for _, p := range []data.Participant{p0, p1} {
		h, _ := s.History(p.ID)
		if countFromForms(h) != 1 {
			t.Errorf("%s: %d results from the form", p.Name, countFromForms(h))
		}
		for _, a := range h {
			if a.Answers != nil && (len(a.Answers) != len(in.Items) || len(a.Values) == 0 || a.PrimaryOrientation == "") {
				t.Errorf("%s's result: %+v", p.Name, a)
			}
		}
	}
	// the same form once more: refused, the result stays as it is
	pv, err = questionnaires.Read(ctx, s, []string{at("second.pdf")}, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := fileOf(pv, "second.pdf").Problem; !strings.Contains(got, "already imported") {
		t.Errorf("a second return: %q", got)
	}

	// a person deleted after the forms went out
	if err := s.DeleteParticipant(sent.People[3].ID); err != nil {
		t.Fatal(err)
	}
	pv, _ = questionnaires.Read(ctx, s, []string{at("missing.pdf")}, today, nil)
	if got := fileOf(pv, "missing.pdf").Problem; !strings.Contains(got, "since been deleted") {
		t.Errorf("a deleted person's form: %q", got)
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func countFromForms(h []data.Assessment) int {
	n := 0
	for _, a := range h {
		if a.Answers != nil && a.Note == "From the intake questionnaire." {
			n++
		}
	}
	return n
}

func copyFile(t testing.TB, from, to string) {
	b, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Sending again into the same folder never writes over a file there (a returned form, say).
func TestSendingAgainKeepsTheFilesInTheFolder(t *testing.T) {
	s := openSample(t)
	dir := t.TempDir()
	first, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, People: []int64{1}, Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(first.Files[0])
	again, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, People: []int64{1}, Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Participant(1); len(first.Programmes) != 1 || (first.Programmes[0] == "") {
		t.Errorf("%s's form names no programme: %q", p.Name, first.Programmes)
	}
	if again.Files[0] == first.Files[0] || !strings.HasSuffix(again.Files[0], " (2).pdf") {
		t.Errorf("the second form is %s, the first %s", again.Files[0], first.Files[0])
	}
	if after, _ := os.ReadFile(first.Files[0]); !bytes.Equal(after, before) {
		t.Error("the first form was written over")
	}
	if _, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: "pulse", People: []int64{1}, Dir: dir}, nil); err == nil {
		t.Error("a kind Mutua cannot write was written")
	}
}

// Two questionnaires from one person in one batch would both be read against the same profile,
// and the second would undo what the first changed: the second is set aside, with the first named.
func TestTwoQuestionnairesFromOnePersonAreNotImportedTogether(t *testing.T) {
	formstest.NeedPdftk(t)
	s := openSample(t)
	first, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, People: []int64{1}, Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := questionnaires.Send(ctx, s, questionnaires.Sending{Kind: data.IntakeForm, People: []int64{1}, Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	back := t.TempDir()
	a, b := filepath.Join(back, "a.pdf"), filepath.Join(back, "b.pdf")
	formstest.Fill(t, first.Files[0], a, map[string]string{"p-title": "Chief financial officer"})
	formstest.Fill(t, second.Files[0], b, map[string]string{"p-company": "Acme"})
	pv, err := questionnaires.Read(ctx, s, []string{a, b}, data.NewDate(2026, 12, 5), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Changes) != 1 || pv.Problems() != 1 || !strings.Contains(fileOf(pv, "b.pdf").Problem, "a.pdf") {
		t.Errorf("changes %d, problems %d: %+v", len(pv.Changes), pv.Problems(), pv.Files)
	}
}
