package drafts_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"mutua/drafts"
)

// python is Debian's interpreter, which sees python3-icalendar (another python3 on PATH may not).
const python = "/usr/bin/python3"

func needPython(t *testing.T, modules ...string) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skip("skipped: /usr/bin/python3 is missing, so the drafts cannot be read by an independent parser (apt-get install python3 python3-icalendar)")
	}
	for _, m := range modules {
		if err := exec.Command(python, "-c", "import "+m).Run(); err != nil {
			t.Skipf("skipped: Python module %s is missing (apt-get install python3-icalendar)", m)
		}
	}
}

// runJSON runs a checker script and decodes what it prints.
func runJSON(t *testing.T, into any, args ...string) {
	t.Helper()
	cmd := exec.Command(python, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	if err := json.Unmarshal(out, into); err != nil {
		t.Fatalf("%v printed %s: %v", args, out, err)
	}
}

var lisbon = mustZone("Europe/Lisbon")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var now = time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)

func sampleCoach() drafts.Coach {
	return drafts.Coach{Name: "Zoë Martín-Ribeiro", Email: "zoe@silva-coaching.example", Practice: "Silva Coaching",
		Contact: "+351 21 000 0000", TimeZone: "Europe/Lisbon", CopyMe: true, PracticeKey: "practice-1"}
}

func samplePartnership() drafts.Partnership {
	return drafts.Partnership{
		ID:      42,
		Cohort:  "Spring 2027 executive circle",
		Members: []drafts.Person{{Name: "Ana Silva", Email: "ana@example.com"}, {Name: "Дмитрий Иванов", Email: "dmitry@example.ru"}},
		Reasons: []string{"Both are calling-oriented", "Ana can teach Дмитрий negotiation; Дмитрий can teach Ana data literacy"},
		Agenda:  []string{"Share what brought you to the programme", "Agree how you will meet"},
		Cadence: "every two weeks, 60 minutes",
		// Tuesday 9 March 2027, 10:00 in Lisbon; summer time starts on 28 March.
		FirstSession: time.Date(2027, 3, 9, 10, 0, 0, 0, time.UTC),
		PlannedEnd:   day(2027, 5, 4),
		CheckIns:     []time.Time{day(2027, 4, 6), day(2027, 5, 4)},
	}
}

// pdfBrief makes a small real PDF with gofpdf, standing in for the pair brief.
func pdfBrief(t *testing.T, text string) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 14)
	pdf.Cell(40, 10, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
