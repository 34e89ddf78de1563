package reports_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"mutua/data"
	"mutua/reports"
)

// allReports writes the three reports of newPractice's practice and returns each PDF by name.
func allReports(t *testing.T, pr *practice) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	r, err := progressOf(pr.s, pr.people["A"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Participant(&buf, r, options(t)); err != nil {
		t.Fatal(err)
	}
	out["progress report"] = bytes.Clone(buf.Bytes())
	b, err := briefOf(pr.s, pr.ps["AB"].ID, today)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := reports.Pair(&buf, b, options(t)); err != nil {
		t.Fatal(err)
	}
	out["pair brief"] = bytes.Clone(buf.Bytes())
	c, err := summaryOf(pr.s, pr.cohort.ID, today, 30)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := reports.Cohort(&buf, c, options(t)); err != nil {
		t.Fatal(err)
	}
	out["cohort summary"] = bytes.Clone(buf.Bytes())
	return out
}

func testLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for x := 0; x < 300; x++ {
		for y := 0; y < 100; y++ {
			img.Set(x, y, color.RGBA{31, 58, 95, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReportsCarryThePracticeIdentityNotTheFileName(t *testing.T) {
	needTools(t)
	pr := newPractice(t) // its file is p1.mutua
	id := data.PracticeIdentity{Name: "Silva Coaching", Coach: "Ana Silva", Contact: "ana@silva.example", Logo: testLogo(t)}
	if err := pr.s.SavePracticeIdentity(id); err != nil {
		t.Fatal(err)
	}
	for name, pdf := range allReports(t, pr) {
		got := text(t, pdf)
		for _, want := range []string{"Silva Coaching", "Ana Silva", "ana@silva.example"} {
			if !strings.Contains(got, want) {
				t.Errorf("the %s lacks %q", name, want)
			}
		}
		if strings.Contains(got, "p1") {
			t.Errorf("the %s prints the file's name:\n%s", name, got)
		}
		props := info(t, pdf)
		if strings.Contains(props, "p1") || !strings.Contains(props, "Ana Silva, Silva Coaching") {
			t.Errorf("the %s's properties: %s", name, props)
		}
		if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Errorf("the %s has no logo", name)
		}
	}
	got := text(t, allReports(t, pr)["progress report"])
	for _, want := range []string{"Ana Silva, Silva Coaching", "It holds only what Ana Silva has agreed to share with you."} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Errorf("the progress report lacks %q", want)
		}
	}
}

func TestReportsWithoutIdentitySayYourCoach(t *testing.T) {
	needTools(t)
	pr := newPractice(t) // its file is p1.mutua, and nothing is set
	for name, pdf := range allReports(t, pr) {
		got := text(t, pdf)
		if strings.Contains(got, "p1") {
			t.Errorf("the %s prints the file's name:\n%s", name, got)
		}
		for _, line := range strings.Split(info(t, pdf), "\n") {
			if (strings.HasPrefix(line, "Author:") || strings.HasPrefix(line, "Creator:") || strings.HasPrefix(line, "Title:")) && strings.Contains(line, "p1") {
				t.Errorf("the %s's properties name the file: %s", name, line)
			}
		}
		if bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Errorf("the %s has a logo though none was chosen", name)
		}
	}
	got := strings.Join(strings.Fields(text(t, allReports(t, pr)["progress report"])), " ")
	for _, want := range []string{"Prepared by your coach", "It holds only what your coach has agreed to share with you."} {
		if !strings.Contains(got, want) {
			t.Errorf("the progress report lacks %q:\n%s", want, got)
		}
	}
}

func TestJPEGLogoPrints(t *testing.T) {
	pr := newPractice(t)
	img := image.NewRGBA(image.Rect(0, 0, 40, 120))
	var buf bytes.Buffer
	if err := jpegEncode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := pr.s.SavePracticeIdentity(data.PracticeIdentity{Logo: buf.Bytes()}); err != nil {
		t.Fatal(err)
	}
	for name, pdf := range allReports(t, pr) {
		if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Errorf("the %s has no logo", name)
		}
	}
}

func jpegEncode(buf *bytes.Buffer, img image.Image) error { return jpeg.Encode(buf, img, nil) }
