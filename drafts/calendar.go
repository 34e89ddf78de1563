package drafts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones on systems without a zone database (Windows)
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// Cadence is a rhythm a calendar can repeat: every Weeks weeks, or every Months months.
type Cadence struct {
	Weeks  int           // 1 weekly, 2 every two weeks...; 0 when counted in months
	Months int           // 1 monthly...; 0 when counted in weeks
	Length time.Duration // a session's length when the text gives one, else 0
}

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "other": 2, "two": 2, "three": 3, "four": 4,
	"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

const numberPattern = `(\d+|a|an|one|other|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`

var (
	irregular  = regexp.MustCompile(`\b(as needed|as required|when needed|if needed|ad hoc|adhoc|flexible|irregular(ly)?|whenever|tbd|tba|to be (agreed|decided|confirmed)|varies|variable|depends|on demand|open)\b`)
	ambiguous  = regexp.MustCompile(`\bbi ?(weekly|monthly)\b|\bsemi ?(weekly|monthly)\b`)
	severalPer = regexp.MustCompile(`\b(twice|two times|three times|\d+ times|[a-z]+ times) (a|per|each|every) (week|month)\b`)
	fortnight  = regexp.MustCompile(`\bfortnight(ly)?\b`)
	everyN     = regexp.MustCompile(`\bevery ` + numberPattern + `? ?(week|month)s?\b`)
	nWeekly    = regexp.MustCompile(`\b` + numberPattern + ` (weekly|monthly)\b`)
	onceA      = regexp.MustCompile(`\b(weekly|monthly|(once )?(a|per|each) (week|month))\b`)
	lengthRe   = regexp.MustCompile(`\b(\d+(?:[.,]\d+)?) ?(minutes|minute|mins|min|hours|hour|hrs|hr|h)\b`)
)

// ParseCadence reads an agreement's cadence as the coach wrote it ("weekly", "every two
// weeks, 60 minutes", "fortnightly", "every 4 weeks", "monthly") as a rhythm a calendar can
// repeat. A rhythm that is not regular ("as needed"), ambiguous ("biweekly") or more often
// than one session per period ("twice a week") is an error that says so, not a guess.
func ParseCadence(text string) (Cadence, error) {
	s := strings.ToLower(oneLine(strings.NewReplacer("-", " ", "_", " ").Replace(text)))
	if s == "" {
		return Cadence{}, errors.New("The agreement gives no cadence yet: write how often they meet (weekly, every two weeks, monthly...) before making the invitation.")
	}
	var c Cadence
	if m := lengthRe.FindStringSubmatch(s); m != nil {
		v, _ := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		unit := time.Minute
		if strings.HasPrefix(m[2], "h") {
			unit = time.Hour
		}
		c.Length = time.Duration(v * float64(unit))
		s = strings.Replace(s, m[0], " ", 1)
	} else if strings.Contains(s, "an hour and a half") || strings.Contains(s, "90 min") {
		c.Length = 90 * time.Minute
	} else if strings.Contains(s, "half an hour") {
		c.Length = 30 * time.Minute
	} else if strings.Contains(s, "an hour") {
		c.Length = time.Hour
	}
	if c.Length < 0 || c.Length > 8*time.Hour {
		c.Length = 0
	}
	quoted := strconv.Quote(oneLine(text))
	cannot := "Mutua cannot make a repeating invitation from the cadence " + quoted + ": "
	if m := irregular.FindString(s); m != "" {
		return Cadence{}, errors.New(cannot + "\"" + m + "\" is not a regular rhythm. Write weekly, every two, three or four weeks, or monthly; or send the sessions' dates one by one.")
	}
	if m := ambiguous.FindString(s); m != "" {
		return Cadence{}, errors.New(cannot + "\"" + m + "\" can mean twice or once every two periods. Write \"every two weeks\" or \"twice a week\" instead.")
	}
	if m := severalPer.FindString(s); m != "" {
		return Cadence{}, errors.New(cannot + "\"" + m + "\" means several sessions a period, on days the agreement does not say. Write \"every two weeks\" if that is what you mean; otherwise send the sessions' dates one by one.")
	}
	type found struct{ weeks, months int }
	var all []found
	add := func(n int, unit string) {
		if strings.HasPrefix(unit, "week") {
			all = append(all, found{weeks: n})
		} else {
			all = append(all, found{months: n})
		}
	}
	rest := s
	for _, m := range everyN.FindAllStringSubmatch(rest, -1) {
		n := 1
		if m[1] != "" {
			n = number(m[1])
		}
		add(n, m[2])
	}
	rest = everyN.ReplaceAllString(rest, " ")
	for _, m := range nWeekly.FindAllStringSubmatch(rest, -1) {
		add(number(m[1]), m[2])
	}
	rest = nWeekly.ReplaceAllString(rest, " ")
	for range fortnight.FindAllString(rest, -1) {
		add(2, "week")
	}
	rest = fortnight.ReplaceAllString(rest, " ")
	for _, m := range onceA.FindAllStringSubmatch(rest, -1) {
		unit := m[4]
		if unit == "" {
			unit = strings.TrimSuffix(m[1], "ly")
		}
		add(1, unit)
	}
	if len(all) == 0 {
		return Cadence{}, errors.New(cannot + "it says no rhythm Mutua knows. Write weekly, every two, three or four weeks, or monthly.")
	}
	for _, f := range all[1:] {
		if f != all[0] {
			return Cadence{}, errors.New(cannot + "it gives more than one rhythm. Keep one: weekly, every two, three or four weeks, or monthly.")
		}
	}
	c.Weeks, c.Months = all[0].weeks, all[0].months
	if c.Weeks < 0 || c.Weeks > 12 || c.Months < 0 || c.Months > 12 || c.Weeks+c.Months == 0 {
		return Cadence{}, errors.New(cannot + "Mutua repeats sessions every 1 to 12 weeks or every 1 to 12 months.")
	}
	return c, nil
}

func number(s string) int {
	if n, ok := numberWords[s]; ok {
		return n
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

var spelled = []string{"", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// Words says the rhythm in plain English: "weekly", "every two weeks", "monthly".
func (c Cadence) Words() string {
	switch {
	case c.Weeks == 1:
		return "weekly"
	case c.Weeks > 1:
		return "every " + spelled[c.Weeks] + " weeks"
	case c.Months == 1:
		return "monthly"
	case c.Months > 1:
		return "every " + spelled[c.Months] + " months"
	}
	return ""
}

// rule is the RRULE for sessions from start until the end of the day until (in start's zone).
// Monthly sessions keep their weekday ("the second Tuesday"), since that is how people meet
// monthly, and a 31st would skip the shorter months; the fifth weekday becomes the last one.
func (c Cadence) rule(start time.Time, until time.Time) *rrule.ROption {
	y, m, d := until.Date()
	end := time.Date(y, m, d, 23, 59, 59, 0, start.Location()).UTC()
	o := &rrule.ROption{Freq: rrule.WEEKLY, Interval: c.Weeks, Until: end}
	if c.Months > 0 {
		o.Freq, o.Interval = rrule.MONTHLY, c.Months
		nth := (start.Day()-1)/7 + 1
		if nth == 5 {
			nth = -1
		}
		wd := weekdays[start.Weekday()]
		o.Byweekday = []rrule.Weekday{wd.Nth(nth)}
	}
	return o
}

var weekdays = map[time.Weekday]rrule.Weekday{time.Monday: rrule.MO, time.Tuesday: rrule.TU,
	time.Wednesday: rrule.WE, time.Thursday: rrule.TH, time.Friday: rrule.FR, time.Saturday: rrule.SA, time.Sunday: rrule.SU}

// coachZone loads the coach's time zone; the names of UTC all mean time.UTC, which needs no
// VTIMEZONE.
func coachZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	switch name {
	case "":
		return nil, errors.New("Your time zone is not set: choose it in Settings, so session times are right for everyone.")
	case "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Etc/Universal", "Universal":
		return time.UTC, nil
	case "Local":
		return nil, errors.New("Choose your time zone by its name (for example Europe/Lisbon) in Settings.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("Mutua does not know the time zone %q: choose one from the list in Settings.", name)
	}
	return loc, nil
}

func zoneName(loc *time.Location) string {
	if loc == time.UTC {
		return "UTC"
	}
	return loc.String()
}

// wallClock reads t's date and clock time as the same date and time in loc.
func wallClock(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, loc)
}

// Invitation writes a partnership's sessions as an iCalendar file (RFC 5545) with METHOD
// REQUEST: the first session repeating at the agreed cadence until the planned end, and each
// check-in as an all-day event; the members as attendees, the coach as organiser; times in the
// coach's time zone with its VTIMEZONE. now is the DTSTAMP.
func Invitation(c Coach, p Partnership, now time.Time) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	loc, err := coachZone(c.TimeZone)
	if err != nil {
		return nil, err
	}
	if p.FirstSession.IsZero() {
		return nil, errors.New("Choose the date and time of the first session before making the invitation.")
	}
	if p.PlannedEnd.IsZero() {
		return nil, errors.New("The partnership has no planned end, so its sessions would repeat for ever: set the planned end first.")
	}
	start := wallClock(p.FirstSession, loc)
	if dateOnly(p.PlannedEnd).Before(dateOnly(start)) {
		return nil, fmt.Errorf("The planned end (%s) is before the first session (%s): correct one of them.", c.date(p.PlannedEnd), c.date(start))
	}
	cad, err := ParseCadence(p.Cadence)
	if err != nil {
		return nil, err
	}
	length := p.SessionLength
	if length <= 0 {
		length = cad.Length
	}
	if length <= 0 {
		length = time.Hour
	}
	organizer := c.person()
	if err := checkEmail(organizer); err != nil {
		return nil, errors.New("Your email address is missing or wrong in Settings: invitations need it as their organiser.")
	}
	for _, m := range p.Members {
		if err := checkEmail(m); err != nil {
			return nil, err
		}
	}

	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//Mutua//Mutua peer mentoring//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "REQUEST")

	from, to := start, p.PlannedEnd
	for _, d := range p.CheckIns {
		if d.Before(from) {
			from = d
		}
		if d.After(to) {
			to = d
		}
	}
	if loc != time.UTC {
		cal.Children = append(cal.Children, vtimezone(loc, from.Year(), to.Year()))
	}

	names := firstNames(p.Members)
	stamp := now.UTC()
	key := uidKey(c, p)

	ev := event(fmt.Sprintf("mutua-partnership-%d-sessions-%s@mutua", p.ID, key), stamp, p.Sequence, organizer, p.Members)
	ev.Props.SetText(ical.PropSummary, "Peer mentoring: "+names)
	desc := "Mentoring sessions of " + names + ", " + cad.Words() + " until " + c.date(p.PlannedEnd) + "."
	if p.Cohort != "" {
		desc = oneLine(p.Cohort) + ". " + desc
	}
	ev.Props.SetText(ical.PropDescription, desc)
	setTime(ev, ical.PropDateTimeStart, start)
	setTime(ev, ical.PropDateTimeEnd, start.Add(length))
	ev.Props.SetRecurrenceRule(cad.rule(start, p.PlannedEnd))
	cal.Children = append(cal.Children, ev.Component)

	for _, d := range p.CheckIns {
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		ci := event(fmt.Sprintf("mutua-partnership-%d-check-in-%s-%s@mutua", p.ID, day.Format("20060102"), key), stamp, p.Sequence, organizer, p.Members)
		ci.Props.SetText(ical.PropSummary, "Check-in: "+names)
		ci.Props.SetText(ical.PropDescription, "A check-in on how the mentoring partnership of "+names+" is going.")
		ci.Props.SetDate(ical.PropDateTimeStart, day)
		ci.Props.SetDate(ical.PropDateTimeEnd, day.AddDate(0, 0, 1))
		ci.Props.SetText(ical.PropTransparency, "TRANSPARENT")
		cal.Children = append(cal.Children, ci.Component)
	}

	var buf bytes.Buffer
	if err := ical.NewEncoder(&folding{w: &buf}).Encode(cal); err != nil {
		return nil, fmt.Errorf("write the invitation: %w", err)
	}
	return buf.Bytes(), nil
}

// InvitationAttachment is the invitation as a file to attach to the introduction, named
// after the members: "Sessions - Ana & Ben.ics".
func InvitationAttachment(c Coach, p Partnership, now time.Time) (Attachment, error) {
	data, err := Invitation(c, p, now)
	if err != nil {
		return Attachment{}, err
	}
	return Attachment{Name: InvitationFileName(p), ContentType: "text/calendar; method=REQUEST; charset=utf-8", Data: data}, nil
}

// InvitationFileName is the readable file name of a partnership's invitation.
func InvitationFileName(p Partnership) string {
	var n []string
	for _, m := range p.Members {
		n = append(n, m.Name)
	}
	return SafeFileName("Sessions - "+strings.Join(n, " & "), ".ics")
}

func uidKey(c Coach, p Partnership) string {
	k := c.PracticeKey
	if k == "" {
		k = strings.ToLower(strings.TrimSpace(c.Email))
	}
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:6])
}

func event(uid string, stamp time.Time, seq int, organizer Person, members []Person) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, uid)
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
	setRaw(ev.Props, ical.PropSequence, strconv.Itoa(seq))
	ev.Props.SetText(ical.PropStatus, "CONFIRMED")
	org := ical.NewProp(ical.PropOrganizer)
	org.Params.Set(ical.ParamCommonName, paramText(organizer.Name))
	org.Value = "mailto:" + strings.TrimSpace(organizer.Email)
	ev.Props.Set(org)
	for _, m := range members {
		a := ical.NewProp(ical.PropAttendee)
		a.Params.Set(ical.ParamCommonName, paramText(m.Name))
		a.Params.Set(ical.ParamRole, "REQ-PARTICIPANT")
		a.Params.Set(ical.ParamParticipationStatus, "NEEDS-ACTION")
		a.Params.Set(ical.ParamRSVP, "TRUE")
		a.Params.Set("CUTYPE", "INDIVIDUAL")
		a.Value = "mailto:" + strings.TrimSpace(m.Email)
		ev.Props.Add(a)
	}
	return ev
}

// paramText makes a name fit in a parameter value, which cannot hold a double quote.
func paramText(s string) string {
	s = strings.ReplaceAll(oneLine(s), `"`, "'")
	if s == "" {
		return "-"
	}
	return s
}

// setTime writes a local date-time with its TZID, or in UTC with a Z.
func setTime(ev *ical.Event, name string, t time.Time) {
	p := ical.NewProp(name)
	if t.Location() == time.UTC {
		p.SetDateTime(t)
	} else {
		p.SetValueType(ical.ValueDateTime)
		p.Params.Set(ical.PropTimezoneID, t.Location().String())
		p.Value = t.Format("20060102T150405")
	}
	ev.Props.Set(p)
}

// vtimezone describes loc for events from year first to year last, from Go's time zone
// database. Where the zone changes twice a year by a fixed rule (the last Sunday of March at
// 01:00...), it writes one STANDARD and one DAYLIGHT observance with a yearly RRULE, the form
// Outlook and most calendars expect; otherwise (a zone whose rules change in those years, or
// that changed only once) the observance in force on 1 January of the year before, then one
// observance for every change of offset. A zone with no changes gets one STANDARD.
func vtimezone(loc *time.Location, first, last int) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, loc.String())
	begin := time.Date(first-1, 1, 1, 0, 0, 0, 0, loc)
	changes := transitions(loc, begin, time.Date(last+1, 1, 1, 0, 0, 0, 0, loc))
	if yearly := yearlyRules(changes, first-1, last); yearly != nil {
		tz.Children = yearly
		return tz
	}
	name, offset := begin.Zone()
	tz.Children = append(tz.Children, observance(begin, begin.IsDST(), name, offset, offset))
	for _, c := range changes {
		tz.Children = append(tz.Children, observance(c.local, c.dst, c.name, c.from, c.to))
	}
	return tz
}

// change is one change of a zone's offset.
type change struct {
	local    time.Time // the wall-clock time just before the change, in the old offset
	dst      bool      // daylight saving time after the change
	name     string    // the zone's abbreviation after the change
	from, to int       // offsets before and after, in seconds east of UTC
}

// transitions finds every change of offset (or of daylight saving) in [begin, stop), to the
// second: Go does not list a zone's transitions, so it looks day by day, then halves the day.
func transitions(loc *time.Location, begin, stop time.Time) []change {
	var out []change
	for t := begin; t.Before(stop); {
		next := t.Add(24 * time.Hour)
		_, o1 := t.Zone()
		if _, o2 := next.Zone(); o2 != o1 || t.IsDST() != next.IsDST() {
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, om := mid.Zone(); om == o1 && mid.IsDST() == t.IsDST() {
					lo = mid
				} else {
					hi = mid
				}
			}
			hi = hi.Truncate(time.Second)
			n, o := hi.Zone()
			out = append(out, change{local: hi.In(time.FixedZone("", o1)), dst: hi.IsDST(), name: n, from: o1, to: o})
		}
		t = next
	}
	return out
}

// yearlyRules writes the changes as two yearly observances when they are exactly one change
// into and one out of daylight saving time in every year from first to last, each on the same
// weekday of the same month (the nth, or the last) at the same time with the same offsets;
// otherwise nil.
func yearlyRules(changes []change, first, last int) []*ical.Component {
	years := last - first + 1
	if len(changes) != 2*years {
		return nil
	}
	var out []*ical.Component
	for _, dst := range []bool{true, false} {
		var group []change
		for _, c := range changes {
			if c.dst == dst {
				group = append(group, c)
			}
		}
		if len(group) != years {
			return nil
		}
		g0 := group[0]
		byday := ""
		for i, c := range group {
			d := c.local
			nth := (d.Day()-1)/7 + 1
			lastOne := d.AddDate(0, 0, 7).Month() != d.Month()
			same := d.Year() == first+i && d.Month() == g0.local.Month() && d.Weekday() == g0.local.Weekday() &&
				d.Hour() == g0.local.Hour() && d.Minute() == g0.local.Minute() && d.Second() == g0.local.Second() &&
				c.from == g0.from && c.to == g0.to && c.name == g0.name
			if !same {
				return nil
			}
			day := weekdays[d.Weekday()].String()
			switch {
			case i == 0 && nth <= 4 && !lastOne:
				byday = strconv.Itoa(nth) + day
			case i == 0:
				byday = "-1" + day
			case byday == "-1"+day && !lastOne, byday != "-1"+day && byday != strconv.Itoa(nth)+day:
				return nil
			}
		}
		o := observance(g0.local, dst, g0.name, g0.from, g0.to)
		rule := ical.NewProp(ical.PropRecurrenceRule)
		rule.SetValueType(ical.ValueRecurrence)
		rule.Value = fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", int(g0.local.Month()), byday)
		o.Props.Set(rule)
		out = append(out, o)
	}
	return out
}

func observance(at time.Time, dst bool, name string, from, to int) *ical.Component {
	kind := ical.CompTimezoneStandard
	if dst {
		kind = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(kind)
	p := ical.NewProp(ical.PropDateTimeStart)
	p.Value = at.Format("20060102T150405")
	c.Props.Set(p)
	setRaw(c.Props, ical.PropTimezoneOffsetFrom, utcOffset(from))
	setRaw(c.Props, ical.PropTimezoneOffsetTo, utcOffset(to))
	if name != "" {
		c.Props.SetText(ical.PropTimezoneName, name)
	}
	return c
}

// setRaw sets a property written in its default value type (an integer, a UTC offset), which
// go-ical's SetText would mark VALUE=TEXT.
func setRaw(props ical.Props, name, value string) {
	p := ical.NewProp(name)
	p.Value = value
	props.Set(p)
}

func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	s := fmt.Sprintf("%s%02d%02d", sign, seconds/3600, seconds%3600/60)
	if seconds%60 != 0 {
		s += fmt.Sprintf("%02d", seconds%60)
	}
	return s
}

// folding folds content lines longer than 75 octets (RFC 5545 section 3.1), never inside a
// UTF-8 character. go-ical writes each line whole.
type folding struct {
	w       io.Writer
	pending []byte
}

func (f *folding) Write(b []byte) (int, error) {
	f.pending = append(f.pending, b...)
	for {
		i := bytes.Index(f.pending, []byte("\r\n"))
		if i < 0 {
			return len(b), nil
		}
		line := f.pending[:i]
		var out bytes.Buffer
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the leading space counts
		}
		out.Write(line)
		out.WriteString("\r\n")
		if _, err := f.w.Write(out.Bytes()); err != nil {
			return 0, err
		}
		f.pending = f.pending[i+2:]
	}
}

// ParseCheckIns reads an agreement's check-in dates as the coach wrote them, separated by
// semicolons or line breaks ("2026-06-15; 2026-09-15"), each read by parse (the practice's
// date setting; nil reads 2026-06-15). A piece that is not a date is named in the error.
func ParseCheckIns(text string, parse func(string) (time.Time, error)) ([]time.Time, error) {
	if parse == nil {
		parse = func(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
	}
	var dates []time.Time
	for _, piece := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		piece = oneLine(piece)
		if piece == "" {
			continue
		}
		d, err := parse(piece)
		if err != nil {
			return nil, fmt.Errorf("The check-in %q is not a date Mutua can read: write the check-in dates separated by semicolons.", piece)
		}
		dates = append(dates, d)
	}
	return dates, nil
}
