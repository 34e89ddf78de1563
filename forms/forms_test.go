package forms

import (
	"bytes"
	"errors"
	"fmt"
	"mutua/forms/formstest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

const practice = "practice-7f3a"

// write writes the sample form for person into dir and returns its path.
func write(t testing.TB, dir, person string, id int64) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, sampleForm(person, id)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("form-%d.pdf", id))
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// keep copies files into $MUTUA_FORMS_DIR, when set, to look at (pdftoppm -png).
func keep(t testing.TB, paths ...string) {
	dir := os.Getenv("MUTUA_FORMS_DIR")
	if dir == "" {
		return
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func read(t testing.TB, path string) (Returned, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Read(b, practice, testKey)
}

func TestAnEmptyFormReadsBackItsIDAndNoAnswers(t *testing.T) {
	path := write(t, t.TempDir(), "Ana Silva", 7)
	got, err := read(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ID{Practice: practice, Person: 7, Request: "req-12"}); got.ID != want {
		t.Errorf("id %+v, want %+v", got.ID, want)
	}
	if len(got.Values) != 0 {
		t.Errorf("an empty form has values %v", got.Values)
	}
}

// The fields pdftk sees are the questions' keys, the id is hidden, and nothing else is there.
func TestPdftkSeesEveryQuestionAndTheHiddenID(t *testing.T) {
	formstest.NeedPdftk(t)
	path := write(t, t.TempDir(), "Ana Silva", 7)
	out, err := exec.Command("pdftk", path, "dump_data_fields_utf8").Output()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		if n, ok := strings.CutPrefix(line, "FieldName: "); ok {
			names = append(names, n)
		}
	}
	want := []string{"title", "company", "industry", "years", "mentor"}
	for i := range 8 {
		want = append(want, fmt.Sprintf("teach.%d", i))
	}
	for i := range 8 {
		want = append(want, fmt.Sprintf("learn.%d", i))
	}
	want = append(want, "learn_other", "goals")
	for i := 1; i <= 15; i++ {
		want = append(want, fmt.Sprintf("item%d", i))
	}
	want = append(want, "describe", idField)
	if !reflect.DeepEqual(names, want) {
		t.Errorf("pdftk sees fields\n%v\nwant\n%v", names, want)
	}
	if !strings.Contains(string(out), "FieldStateOption: Neither agree nor disagree") {
		t.Error("pdftk does not see the options of a scale by their text")
	}
}

var answers = map[string]string{
	"title":       "Директор по развитию",                  // Cyrillic
	"company":     "北京华通科技有限公司",                            // Chinese
	"industry":    "Énergie renouvelable — Ἑλληνική αγορά", // typed, not from the list: accented Latin and Greek
	"years":       "12",
	"mentor":      "No",
	"teach.1":     "Finance",
	"teach.4":     "Strategy",
	"learn_other": "Negotiation",
	"goals":       "أريد أن أتعلم التفاوض مع المجالس\nDeuxième ligne : « négocier » ✓", // Arabic, two lines
	"item1":       "Agree",
	"item2":       "Strongly disagree",
	"item15":      "7 Completely",
	"describe":    "Chloé's work is part of who she is; she would do it even without pay and it makes the world better.",
}

func wantValues() map[string][]string {
	want := map[string][]string{"teach": {"Finance", "Strategy"}}
	for k, v := range answers {
		if !strings.HasPrefix(k, "teach.") {
			want[k] = []string{v}
		}
	}
	return want
}

func TestAFormFilledByPdftkReadsBackEveryAnswerInEveryScript(t *testing.T) {
	formstest.NeedPdftk(t)
	dir := t.TempDir()
	path := write(t, dir, "王秀英", 42)
	filled := filepath.Join(dir, "filled.pdf")
	formstest.Fill(t, path, filled, answers)
	keep(t, path, filled)
	got, err := read(t, filled)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID.Person != 42 || got.ID.Request != "req-12" {
		t.Errorf("id %+v", got.ID)
	}
	if want := wantValues(); !reflect.DeepEqual(got.Values, want) {
		t.Errorf("values\n%q\nwant\n%q", got.Values, want)
	}
	if got.Value("years") != "12" || got.Value("company") != "北京华通科技有限公司" || got.Value("learn") != "" {
		t.Errorf("Value gives %q %q %q", got.Value("years"), got.Value("company"), got.Value("learn"))
	}
}

// A participant who saves, opens the form again and changes answers sends the last ones.
func TestAFormFilledTwiceGivesTheLastAnswers(t *testing.T) {
	formstest.NeedPdftk(t)
	dir := t.TempDir()
	path := write(t, dir, "Ana Silva", 7)
	once, twice := filepath.Join(dir, "once.pdf"), filepath.Join(dir, "twice.pdf")
	formstest.Fill(t, path, once, answers)
	formstest.Fill(t, once, twice, map[string]string{"years": " about 15 ", "mentor": "Yes", "teach.1": "Off", "teach.7": "Managing up", "company": ""})
	got, err := read(t, twice)
	if err != nil {
		t.Fatal(err)
	}
	want := wantValues()
	want["years"] = []string{" about 15 "} // as typed: checking is the caller's
	want["mentor"] = []string{"Yes"}
	want["teach"] = []string{"Strategy", "Managing up"}
	delete(want, "company")
	if !reflect.DeepEqual(got.Values, want) {
		t.Errorf("values\n%q\nwant\n%q", got.Values, want)
	}
}

func TestAnEditedFormIDIsDetected(t *testing.T) {
	formstest.NeedPdftk(t)
	dir := t.TempDir()
	path := write(t, dir, "Ana Silva", 7)
	b, _ := os.ReadFile(path)
	r, err := Read(b, practice, testKey)
	if err != nil {
		t.Fatal(err)
	}
	sealed := sampleForm("", 7).ID.seal(testKey)
	if r.ID.Person != 7 {
		t.Fatal(r.ID)
	}
	for name, edited := range map[string]string{
		"another person":  strings.Replace(sealed, ".7.", ".8.", 1),
		"a changed check": sealed[:len(sealed)-1] + "0",
		"cut short":       sealed[:30],
		"emptied":         "",
	} {
		t.Run(name, func(t *testing.T) {
			if edited == sealed {
				t.Fatal("the test did not change the id")
			}
			out := filepath.Join(t.TempDir(), "edited.pdf")
			formstest.Fill(t, path, out, map[string]string{idField: edited, "years": "3"})
			_, err := read(t, out)
			if name == "emptied" {
				if !errors.Is(err, ErrNotMutua) {
					t.Errorf("an emptied id gives %v, want ErrNotMutua", err)
				}
				return
			}
			if !errors.Is(err, ErrEdited) {
				t.Errorf("got %v, want ErrEdited", err)
			}
		})
	}
	t.Run("the wrong key", func(t *testing.T) {
		if _, err := Read(b, practice, []byte("another key, 16 bytes or more")); !errors.Is(err, ErrEdited) {
			t.Errorf("got %v, want ErrEdited", err)
		}
	})
	t.Run("another practice", func(t *testing.T) {
		r, err := Read(b, "practice-other", testKey)
		if !errors.Is(err, ErrOtherPractice) || r.ID.Practice != practice {
			t.Errorf("got %v and %+v, want ErrOtherPractice with the id read", err, r.ID)
		}
	})
}

func TestFilesThatAreNotReturnedForms(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "Ana Silva", 7)
	form, _ := os.ReadFile(path)
	var blank, report bytes.Buffer
	if err := WriteBlank(&blank, sampleForm("", 0)); err != nil {
		t.Fatal(err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Text(20, 20, "A report, not a form")
	if err := pdf.Output(&report); err != nil {
		t.Fatal(err)
	}
	broken := bytes.Clone(form)
	copy(broken[20:], bytes.Repeat([]byte{'x'}, len(broken)-40)) // only the header and the end are left
	for _, c := range []struct {
		name string
		file []byte
		want *Error
	}{
		{"an empty file", nil, ErrNotPDF},
		{"a text file", []byte("name,email\nAna,ana@example.com\n"), ErrNotPDF},
		{"a form cut short", form[:len(form)/2], ErrDamaged},
		{"a form cut just before its end", form[:len(form)-40], ErrDamaged},
		{"a form overwritten but for its first and last line", broken, ErrDamaged},
		{"a header and an end and nothing between", []byte("%PDF-1.7\n%%EOF\n"), ErrDamaged},
		{"a report made by gofpdf", report.Bytes(), ErrNotMutua},
		{"the blank form for paper", blank.Bytes(), ErrNotMutua},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.file, practice, testKey)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if err.Error() != c.want.Msg {
				t.Errorf("message %q", err.Error())
			}
		})
	}
}

// The name and programme print as written, in any script, and the blank form shows neither.
func TestTheNamePrintsInEveryScript(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	for i, name := range []string{"王秀英", "Дмитрий Волков", "Νίκος Παπαδόπουλος", "Zoë Ångström-Øyen", "Nguyễn Thị Minh"} {
		path := write(t, dir, name, int64(i+1))
		out, err := exec.Command("pdftotext", "-l", "1", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), name) || !strings.Contains(string(out), "Leaders 2027 — Spring cohort") {
			t.Errorf("the form for %s does not show the name and programme:\n%s", name, out[:min(len(out), 300)])
		}
	}
	var blank bytes.Buffer
	f := sampleForm("Дмитрий Волков", 1)
	if err := WriteBlank(&blank, f); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "blank.pdf")
	if err := os.WriteFile(path, blank.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(t, path)
	out, _ := exec.Command("pdftotext", path, "-").Output()
	if strings.Contains(string(out), "Дмитрий") || strings.Contains(string(out), "Spring cohort") || !strings.Contains(string(out), "Tick all that apply") {
		t.Errorf("the blank form shows a name or misses its hints:\n%s", out[:min(len(out), 300)])
	}
}

// No question is cut by a page break: all of a question's boxes lie on one page, above the
// bottom margin, and no two fields overlap.
func TestNoPageBreakCutsAQuestion(t *testing.T) {
	f := sampleForm("Ana Silva", 7)
	for i := range 3 { // more of every kind, so breaks fall in many places
		f.Sections = append(f.Sections, f.Sections[0], f.Sections[1])
		for j := range f.Sections[len(f.Sections)-2:] {
			s := &f.Sections[len(f.Sections)-2+j]
			fields := append([]Field(nil), s.Fields...)
			for k := range fields {
				fields[k].Key = fmt.Sprintf("%s_%d", fields[k].Key, i)
			}
			s.Fields = fields
		}
	}
	l, _, err := draw(&f, false)
	if err != nil {
		t.Fatal(err)
	}
	page := map[*Field]int{}
	for _, w := range l.widgets {
		if p, ok := page[w.field]; ok && p != w.page {
			t.Errorf("question %q runs over pages %d and %d", w.field.Key, p, w.page)
		}
		page[w.field] = w.page
		if w.y+w.h > l.bottom {
			t.Errorf("a box of %q reaches below the margin (%.1f mm)", w.field.Key, w.y+w.h)
		}
	}
	if l.pdf.PageNo() < 8 {
		t.Errorf("only %d pages: the test does not reach many page breaks", l.pdf.PageNo())
	}
}

func TestWriteRefusesAFormItCannotMake(t *testing.T) {
	for name, change := range map[string]func(*Form){
		"no key":           func(f *Form) { f.Key = nil },
		"a key twice":      func(f *Form) { f.Sections[0].Fields[1].Key = "title" },
		"a key with a dot": func(f *Form) { f.Sections[0].Fields[1].Key = "a.b" },
		"an option twice":  func(f *Form) { f.Sections[0].Fields[4].Options = []string{"Yes", "Yes"} },
		"a choice of none": func(f *Form) { f.Sections[0].Fields[4].Options = nil },
		"a range upside down": func(f *Form) {
			f.Sections[0].Fields[3].Min, f.Sections[0].Fields[3].Max = 10, 1
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := sampleForm("Ana", 1)
			change(&f)
			if err := Write(&bytes.Buffer{}, f); err == nil {
				t.Error("Write made the form")
			}
		})
	}
}

// Adobe Reader saves a filled form by appending the changed objects to the file (an
// incremental update); the answer read is the one appended last.
func TestAnIncrementallySavedFormGivesTheLatestAnswer(t *testing.T) {
	var form bytes.Buffer
	if err := Write(&form, sampleForm("Ana Silva", 7)); err != nil {
		t.Fatal(err)
	}
	b := form.Bytes()
	ctx, err := api.ReadContext(bytes.NewReader(b), config())
	if err != nil {
		t.Fatal(err)
	}
	nr, field := 0, types.Dict(nil)
	for n, e := range ctx.XRefTable.Table {
		if d, ok := e.Object.(types.Dict); ok && d["T"] != nil {
			if s, _ := str(ctx, d["T"]); s == "years" {
				nr, field = n, d.Clone().(types.Dict)
			}
		}
	}
	if field == nil {
		t.Fatal("no field years")
	}
	prev := bytes.LastIndex(b, []byte("startxref"))
	prevOffset, err := strconv.Atoi(strings.Fields(string(b[prev+len("startxref"):]))[0])
	if err != nil {
		t.Fatal(err)
	}
	update := bytes.NewBuffer(bytes.Clone(b))
	for i, v := range []string{"9", "11"} { // saved twice
		field["V"] = text(v)
		obj := update.Len()
		fmt.Fprintf(update, "\n%d 0 obj\n%s\nendobj\n", nr, field.PDFString())
		xref := update.Len()
		fmt.Fprintf(update, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
			nr, obj+1, *ctx.XRefTable.Size, ctx.XRefTable.Root.PDFString(), prevOffset, xref)
		prevOffset = xref
		got, err := Read(update.Bytes(), practice, testKey)
		if err != nil {
			t.Fatal(err)
		}
		if got.Value("years") != v {
			t.Errorf("save %d: years reads %q, want %q", i+1, got.Value("years"), v)
		}
	}
}
