package drafts_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/drafts"
)

// Names with line breaks, quotes, invalid bytes, emoji or right-to-left script cannot add a
// header, break the file, or stop a draft or an invitation being written and read back.
func TestHostileNames(t *testing.T) {
	needPython(t, "email", "icalendar")
	names := []string{"Eve\r\nBcc: thief@example.net", `Ann "The Boss" O'Neil, CEO`, "Bad \xff\xfe bytes", "Sam 😀 Smile",
		"مُحَمَّد عبد الله", "\u202eTrick\u202c Name", strings.Repeat("Долгое Имя ", 12)}
	dir := t.TempDir()
	var emls, icss []string
	for i, name := range names {
		coach, p := sampleCoach(), samplePartnership()
		p.Members[0].Name = name
		p.Cohort = name
		coach.Name = name
		ics, err := drafts.InvitationAttachment(coach, p, now)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		d, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now, ics)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		path, err := drafts.Save(dir, d)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		emls = append(emls, path)
		icsPath := filepath.Join(dir, "inv"+string(rune('a'+i))+".ics")
		if err := os.WriteFile(icsPath, ics.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		icss = append(icss, icsPath)
		var buf bytes.Buffer
		d.WriteEML(&buf)
		head, _, _ := strings.Cut(buf.String(), "\r\n\r\n")
		if strings.Contains(head, "\r\nBcc:") || strings.Contains(head, "thief@example.net") && !strings.Contains(head, "=?utf-8?") {
			t.Errorf("%q added a header:\n%s", name, head)
		}
	}
	var got []parsedEML
	runJSON(t, &got, append([]string{"testdata/check_eml.py", t.TempDir()}, emls...)...)
	for i, g := range got {
		if len(g.Defects) > 0 || g.XUnsent != "1" || !g.HeaderASCII || len(g.ToRaw) != 2 || len(g.Attachments) != 1 {
			t.Errorf("%q: %+v", names[i], g)
		}
		if want := strings.Join(strings.Fields(strings.ToValidUTF8(names[i], "\uFFFD")), " "); g.ToRaw[0][0] != want {
			t.Errorf("name read back as %q, want %q", g.ToRaw[0][0], want)
		}
	}
	var cals []parsedICS
	runJSON(t, &cals, append([]string{"testdata/check_ics.py"}, icss...)...)
	for i, c := range cals {
		if len(c.Events) != 3 || len(c.Events[0].Attendees) != 2 || c.LongestLine > 75 {
			t.Errorf("%q: invitation %+v", names[i], c)
		}
	}
}
