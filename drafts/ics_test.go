package drafts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/drafts"
)

type parsedICS struct {
	Method      string `json:"method"`
	Version     string `json:"version"`
	LongestLine int    `json:"longest_line"`
	Timezones   []struct {
		TZID        string `json:"tzid"`
		Observances []struct {
			Kind        string  `json:"kind"`
			Start       string  `json:"start"`
			From        float64 `json:"from"`
			To          float64 `json:"to"`
			Name        string  `json:"name"`
			RRule       string  `json:"rrule"`
			PythonAfter float64 `json:"python_offset_after"`
			PythonDST   bool    `json:"python_dst_after"`
		} `json:"observances"`
	} `json:"timezones"`
	Events []struct {
		UID         string              `json:"uid"`
		Summary     string              `json:"summary"`
		DTStamp     string              `json:"dtstamp"`
		Sequence    int                 `json:"sequence"`
		DTStart     string              `json:"dtstart"`
		TZID        string              `json:"dtstart_tzid"`
		DTEnd       string              `json:"dtend"`
		AllDay      bool                `json:"all_day"`
		Organizer   []string            `json:"organizer"`
		Attendees   [][]string          `json:"attendees"`
		RRule       map[string][]string `json:"rrule"`
		Occurrences []string            `json:"occurrences"`
	} `json:"events"`
}

func readICS(t *testing.T, data []byte) parsedICS {
	t.Helper()
	return readAllICS(t, data)[0]
}

// readAllICS reads several invitations in one run of Python.
func readAllICS(t *testing.T, files ...[]byte) []parsedICS {
	t.Helper()
	dir := t.TempDir()
	args := []string{"testdata/check_ics.py"}
	for i, data := range files {
		path := filepath.Join(dir, fmt.Sprintf("invitation-%d.ics", i))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	var got []parsedICS
	runJSON(t, &got, args...)
	if len(got) != len(files) {
		t.Fatalf("python read %d invitations of %d", len(got), len(files))
	}
	return got
}

// python-icalendar reads the invitation: METHOD:REQUEST, the recurring sessions in the coach's
// zone with a VTIMEZONE that agrees with Python's own zone database, UNTIL the planned end,
// the members as attendees and the coach as organiser, each check-in an all-day event; and
// dateutil expands the sessions across the change to summer time at 10:00 local every time.
func TestInvitationReadByPythonICalendar(t *testing.T) {
	needPython(t, "icalendar", "dateutil")
	coach, p := sampleCoach(), samplePartnership()
	data, err := drafts.Invitation(coach, p, now)
	if err != nil {
		t.Fatal(err)
	}
	got := readICS(t, data)
	if got.Method != "REQUEST" || got.Version != "2.0" || got.LongestLine > 75 {
		t.Errorf("method %q version %q longest line %d", got.Method, got.Version, got.LongestLine)
	}
	if len(got.Timezones) != 1 || got.Timezones[0].TZID != "Europe/Lisbon" {
		t.Fatalf("time zones %+v", got.Timezones)
	}
	obs := got.Timezones[0].Observances
	var kinds []string
	for _, o := range obs {
		kinds = append(kinds, o.Kind+" "+o.Start+" "+o.Name+" "+o.RRule)
		if o.To != o.PythonAfter || (o.Kind == "DAYLIGHT") != o.PythonDST {
			t.Errorf("observance %+v disagrees with Python's zone database", o)
		}
	}
	// One yearly rule each way, starting the year before, as Outlook expects.
	want := []string{"DAYLIGHT 2026-03-29T01:00:00 WEST FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "DAYLIGHT 2027-03-28T01:00:00 WEST FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
		"STANDARD 2026-10-25T02:00:00 WET FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "STANDARD 2027-10-31T02:00:00 WET FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"}
	if !slices.Equal(kinds, want) {
		t.Errorf("observances %q, want %q", kinds, want)
	}
	if len(got.Events) != 3 {
		t.Fatalf("%d events, want the sessions and two check-ins", len(got.Events))
	}
	s := got.Events[0]
	if s.TZID != "Europe/Lisbon" || s.DTStart != "2027-03-09T10:00:00+00:00" || s.DTEnd != "2027-03-09T11:00:00+00:00" {
		t.Errorf("sessions start %s (%s), end %s", s.DTStart, s.TZID, s.DTEnd)
	}
	if !slices.Equal(s.RRule["FREQ"], []string{"WEEKLY"}) || !slices.Equal(s.RRule["INTERVAL"], []string{"2"}) ||
		!slices.Equal(s.RRule["UNTIL"], []string{"2027-05-04T22:59:59+00:00"}) {
		t.Errorf("RRULE %v", s.RRule)
	}
	wantDates := []string{"2027-03-09T10:00:00+00:00", "2027-03-23T10:00:00+00:00", "2027-04-06T10:00:00+01:00",
		"2027-04-20T10:00:00+01:00", "2027-05-04T10:00:00+01:00"}
	if !slices.Equal(s.Occurrences, wantDates) {
		t.Errorf("sessions %q, want %q", s.Occurrences, wantDates)
	}
	if s.Organizer[0] != "mailto:zoe@silva-coaching.example" || s.Organizer[1] != "Zoë Martín-Ribeiro" {
		t.Errorf("organiser %q", s.Organizer)
	}
	wantAtt := [][]string{{"mailto:ana@example.com", "Ana Silva", "NEEDS-ACTION", "TRUE"}, {"mailto:dmitry@example.ru", "Дмитрий Иванов", "NEEDS-ACTION", "TRUE"}}
	if !slices.EqualFunc(s.Attendees, wantAtt, slices.Equal) {
		t.Errorf("attendees %q", s.Attendees)
	}
	if s.DTStamp != "2027-03-01T09:30:00+00:00" || s.Summary != "Peer mentoring: Ana and Дмитрий" {
		t.Errorf("stamp %s summary %q", s.DTStamp, s.Summary)
	}
	for i, d := range []string{"2027-04-06", "2027-05-04"} {
		c := got.Events[i+1]
		if !c.AllDay || c.DTStart != d || c.RRule != nil || len(c.Attendees) != 2 || !strings.HasPrefix(c.Summary, "Check-in: ") {
			t.Errorf("check-in %d: %+v", i, c)
		}
	}

	// Written again a day later, the invitation keeps its UIDs, so calendars update it.
	again, err := drafts.Invitation(coach, p, now.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	got2 := readICS(t, again)
	for i := range got.Events {
		if got2.Events[i].UID != got.Events[i].UID {
			t.Errorf("UID changed: %s then %s", got.Events[i].UID, got2.Events[i].UID)
		}
	}
	p.ID = 43
	if other, _ := drafts.Invitation(coach, p, now); readICS(t, other).Events[0].UID == got.Events[0].UID {
		t.Error("two partnerships share a UID")
	}
}

// Monthly sessions keep their weekday in the month; New York's zone is described from its own
// transitions; a coach in UTC gets times in UTC and no VTIMEZONE.
func TestInvitationMonthlyAndZones(t *testing.T) {
	needPython(t, "icalendar", "dateutil")
	coach, p := sampleCoach(), samplePartnership()
	coach.TimeZone = "America/New_York"
	p.Cadence = "Monthly (90 min)"
	p.FirstSession = time.Date(2027, 1, 12, 17, 30, 0, 0, time.UTC) // second Tuesday of January
	p.PlannedEnd = day(2027, 6, 30)
	p.CheckIns = nil
	data, err := drafts.Invitation(coach, p, now)
	if err != nil {
		t.Fatal(err)
	}
	got := readICS(t, data)
	for _, o := range got.Timezones[0].Observances {
		if o.To != o.PythonAfter {
			t.Errorf("observance %+v disagrees with Python's zone database", o)
		}
	}
	s := got.Events[0]
	if !slices.Equal(s.RRule["FREQ"], []string{"MONTHLY"}) || strings.TrimPrefix(strings.Join(s.RRule["BYDAY"], ","), "+") != "2TU" || s.DTEnd != "2027-01-12T19:00:00-05:00" {
		t.Errorf("RRULE %v, end %s", s.RRule, s.DTEnd)
	}
	want := []string{"2027-01-12T17:30:00-05:00", "2027-02-09T17:30:00-05:00", "2027-03-09T17:30:00-05:00",
		"2027-04-13T17:30:00-04:00", "2027-05-11T17:30:00-04:00", "2027-06-08T17:30:00-04:00"}
	if !slices.Equal(s.Occurrences, want) {
		t.Errorf("sessions %q, want %q", s.Occurrences, want)
	}

	coach.TimeZone = "UTC"
	p.Cadence = "every 3 weeks"
	p.PlannedEnd = day(2027, 2, 23)
	data, err = drafts.Invitation(coach, p, now)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "VTIMEZONE") || strings.Contains(string(data), "TZID") {
		t.Errorf("a UTC invitation has a time zone:\n%s", data)
	}
	got = readICS(t, data)
	want = []string{"2027-01-12T17:30:00+00:00", "2027-02-02T17:30:00+00:00", "2027-02-23T17:30:00+00:00"}
	if len(got.Timezones) != 0 || !slices.Equal(got.Events[0].Occurrences, want) {
		t.Errorf("UTC sessions %q, want %q", got.Events[0].Occurrences, want)
	}
}

// Cadences a calendar can repeat are read; the others are refused in plain words.
func TestParseCadence(t *testing.T) {
	for text, want := range map[string]string{
		"weekly":                      "weekly",
		"Once a week":                 "weekly",
		"every week, 45 minutes":      "weekly 45m0s",
		"every two weeks, 60 minutes": "every two weeks 1h0m0s",
		"Fortnightly":                 "every two weeks",
		"every other week":            "every two weeks",
		"every 3 weeks":               "every three weeks",
		"three-weekly, 1.5 hours":     "every three weeks 1h30m0s",
		"every four weeks":            "every four weeks",
		"4-weekly":                    "every four weeks",
		"Monthly":                     "monthly",
		"once a month, an hour":       "monthly 1h0m0s",
		"every month":                 "monthly",
		"every 2 months":              "every two months",
	} {
		c, err := drafts.ParseCadence(text)
		got := c.Words()
		if c.Length > 0 {
			got += " " + c.Length.String()
		}
		if err != nil || got != want {
			t.Errorf("ParseCadence(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
	for text, says := range map[string]string{
		"as needed":            `"as needed" is not a regular rhythm`,
		"Ad hoc":               `"ad hoc" is not a regular rhythm`,
		"irregular":            "not a regular rhythm",
		"biweekly":             "can mean twice or once every two periods",
		"twice a week":         "several sessions a period",
		"weekly, then monthly": "more than one rhythm",
		"when we can":          "says no rhythm Mutua knows",
		"every 20 weeks":       "every 1 to 12 weeks",
		"":                     "gives no cadence yet",
	} {
		_, err := drafts.ParseCadence(text)
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseCadence(%q): %v; want it to say %q", text, err, says)
		}
	}
}

// An invitation that cannot be made says why, and what to do.
func TestInvitationRefusals(t *testing.T) {
	for name, c := range map[string]struct {
		change func(*drafts.Coach, *drafts.Partnership)
		says   string
	}{
		"as needed":   {func(_ *drafts.Coach, p *drafts.Partnership) { p.Cadence = "as needed" }, "is not a regular rhythm"},
		"no end":      {func(_ *drafts.Coach, p *drafts.Partnership) { p.PlannedEnd = time.Time{} }, "no planned end"},
		"end first":   {func(_ *drafts.Coach, p *drafts.Partnership) { p.PlannedEnd = day(2027, 1, 1) }, "is before the first session"},
		"no start":    {func(_ *drafts.Coach, p *drafts.Partnership) { p.FirstSession = time.Time{} }, "first session"},
		"no zone":     {func(c *drafts.Coach, _ *drafts.Partnership) { c.TimeZone = "" }, "time zone is not set"},
		"bad zone":    {func(c *drafts.Coach, _ *drafts.Partnership) { c.TimeZone = "Mars/Olympus" }, `does not know the time zone "Mars/Olympus"`},
		"no email":    {func(c *drafts.Coach, _ *drafts.Partnership) { c.Email = "" }, "organiser"},
		"member mail": {func(_ *drafts.Coach, p *drafts.Partnership) { p.Members[0].Email = "ana at home" }, "does not look like an email address"},
	} {
		coach, p := sampleCoach(), samplePartnership()
		c.change(&coach, &p)
		if _, err := drafts.Invitation(coach, p, now); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v; want it to say %q", name, err, c.says)
		}
	}
}

// Zones from both hemispheres, with half-hour changes or none, are described as Python's own
// zone database sees them, and every session falls at the same local time.
func TestInvitationZonesAgreeWithPython(t *testing.T) {
	needPython(t, "icalendar", "dateutil")
	// In 2022–23 Mexico City gave up summer time and Santiago's changes fell on the first or
	// second Sunday: no yearly rule fits, so each change is written out.
	zones := []string{"Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
		"Europe/London", "Pacific/Chatham", "America/Santiago", "Europe/Moscow", "America/Mexico_City", "America/Santiago"}
	var files [][]byte
	for i, zone := range zones {
		coach, p := sampleCoach(), samplePartnership()
		coach.TimeZone = zone
		p.Cadence = "every four weeks"
		year := 2027
		if i >= 8 {
			year = 2022
		}
		p.FirstSession = time.Date(year, 2, 15, 8, 15, 0, 0, time.UTC)
		p.PlannedEnd = day(year+1, 2, 14)
		data, err := drafts.Invitation(coach, p, now)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	for i, got := range readAllICS(t, files...) {
		zone := zones[i]
		if len(got.Timezones) != 1 || got.Timezones[0].TZID != zone {
			t.Fatalf("%s: time zones %+v", zone, got.Timezones)
		}
		for _, o := range got.Timezones[0].Observances {
			if o.To != o.PythonAfter || (o.Kind == "DAYLIGHT") != o.PythonDST {
				t.Errorf("%s: observance %+v disagrees with Python's zone database", zone, o)
			}
		}
		occ := got.Events[0].Occurrences
		want := 14 // 15 February to 14 February a year later (364 days), both ends included
		if len(occ) != want {
			t.Errorf("%s: %d sessions in a year every four weeks, want %d", zone, len(occ), want)
		}
		for _, o := range occ {
			if !strings.Contains(o, "T08:15:00") {
				t.Errorf("%s: a session at %s, not 08:15 local", zone, o)
			}
		}
	}
}

// Check-in dates are read as the agreement writes them; a piece that is not a date is named.
func TestParseCheckIns(t *testing.T) {
	got, err := drafts.ParseCheckIns("2026-06-15; 2026-09-15;\n2026-12-15", nil)
	if err != nil || len(got) != 3 || !got[2].Equal(day(2026, 12, 15)) {
		t.Errorf("check-ins %v, %v", got, err)
	}
	if got, err := drafts.ParseCheckIns("  ", nil); err != nil || len(got) != 0 {
		t.Errorf("no check-ins: %v, %v", got, err)
	}
	if _, err := drafts.ParseCheckIns("2026-06-15; mid-September", nil); err == nil || !strings.Contains(err.Error(), `"mid-September" is not a date`) {
		t.Errorf("a check-in that is not a date: %v", err)
	}
	us := func(s string) (time.Time, error) { return time.Parse("Jan 2, 2006", s) }
	if got, err := drafts.ParseCheckIns("Jun 15, 2026; Sep 15, 2026", us); err != nil || len(got) != 2 {
		t.Errorf("dates with commas: %v, %v", got, err)
	}
}
