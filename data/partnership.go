package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PartnershipStatus says whether a partnership is running or how it ended.
type PartnershipStatus string

// Partnership statuses.
const (
	Running    PartnershipStatus = "active"
	Completed  PartnershipStatus = "completed"
	EndedEarly PartnershipStatus = "ended-early"
)

// EndReasons are the usual reasons a partnership ends early; the coach may write another.
var EndReasons = []string{"schedule", "fit", "left the programme", "changed role", "other"}

// Fit check answers, given by each member after the first session.
const (
	Keep    = "keep"
	Rematch = "rematch"
)

// Visibility says who may read a note.
type Visibility string

// Note visibilities. Nothing private ever leaves the app.
const (
	Private Visibility = "private" // the coach only
	Shared  Visibility = "shared"  // the coach and the partnership's members
	Sponsor Visibility = "sponsor" // safe for the sponsor's cohort report
)

// Visibilities lists every visibility, the default first.
var Visibilities = []Visibility{Private, Shared, Sponsor}

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool { return v == Private || v == Shared || v == Sponsor }

// Label names the visibility the way the coach sees it.
func (v Visibility) Label() string {
	switch v {
	case Shared:
		return "Shared with the participants"
	case Sponsor:
		return "Safe for the sponsor"
	}
	return "Private to you"
}

// Member is a participant in a partnership.
type Member struct {
	ParticipantID int64
	Name          string
	Email         string
	Orientation   string // primary orientation on their latest work-orientation result
	FitCheck      string // "", Keep or Rematch
	FitCheckedOn  Date
}

// FirstName is how the interface names a member briefly.
func (m Member) FirstName() string { return FirstName(m.Name) }

// Agreement is what a pair agrees at the start: one version of it (every edit is kept).
type Agreement struct {
	ID              int64
	Objective       string
	Cadence         string // how often they meet
	PlannedLength   string // for how long
	MeetingMode     string // in person, video call…
	SuccessMeasures string // how they will know it worked
	CheckIns        string // check-in dates
	CreatedAt       time.Time
}

// Partnership is an approved pair or triad and how it is going.
type Partnership struct {
	ID           int64
	CohortID     int64
	CohortName   string
	Members      []Member
	StartedOn    Date
	PlannedEndOn Date
	Status       PartnershipStatus
	EndedOn      Date
	EndReason    string
	Score        float64
	Reasons      []string // why the pair was suggested
	Agreement    Agreement
	Sessions     int  // how many sessions were held
	LastSession  Date // zero when none
}

// Names joins the members' names.
func (p *Partnership) Names(sep string) string {
	var names []string
	for _, m := range p.Members {
		names = append(names, m.Name)
	}
	return strings.Join(names, sep)
}

// Member returns the member with the given participant ID, or nil.
func (p *Partnership) Member(id int64) *Member {
	for i := range p.Members {
		if p.Members[i].ParticipantID == id {
			return &p.Members[i]
		}
	}
	return nil
}

// Ended reports whether the partnership is over.
func (p *Partnership) Ended() bool { return p.Status != Running }

// Attendance is one member's presence at a session and their 1–5 rating of how productive
// it was (0: not rated).
type Attendance struct {
	ParticipantID int64
	Attended      bool
	Rating        int
}

// Note is something the coach wrote, with who may read it.
type Note struct {
	ID            int64
	PartnershipID int64
	SessionID     int64 // 0 for a note on the partnership as a whole
	ParticipantID int64 // 0 unless the note is about one participant
	Visibility    Visibility
	Body          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// ActionItem is something a member (or the pair) agreed to do.
type ActionItem struct {
	ID            int64
	PartnershipID int64
	SessionID     int64
	OwnerID       int64 // 0: the pair
	OwnerName     string
	Text          string
	DueOn         Date
	DoneOn        Date // zero while open
	CreatedAt     time.Time
}

// Done reports whether the item is done.
func (a ActionItem) Done() bool { return !a.DoneOn.IsZero() }

// Session is one meeting of a partnership.
type Session struct {
	ID              int64
	PartnershipID   int64
	HeldOn          Date
	DurationMinutes int
	Topics          string
	Attendance      []Attendance
	Notes           []Note
	ActionItems     []ActionItem
	CreatedAt       time.Time
}

// Rating returns the member's rating of the session, 0 when not rated.
func (s *Session) Rating(participantID int64) int {
	for _, a := range s.Attendance {
		if a.ParticipantID == participantID {
			return a.Rating
		}
	}
	return 0
}

// validate checks a session against its partnership, with today for "not in the future".
func (s *Session) Validate(p *Partnership, today Date) error {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case s.HeldOn.IsZero():
		add("held_on", "A session needs the date it was held.")
	case s.HeldOn.Before(p.StartedOn):
		add("held_on", "A session cannot be dated before the partnership started (%s).", Shown(p.StartedOn))
	case today.Before(s.HeldOn):
		add("held_on", "A session cannot be dated in the future (%s); log it once it has taken place.", Shown(s.HeldOn))
	case !p.EndedOn.IsZero() && p.EndedOn.Before(s.HeldOn):
		add("held_on", "This partnership ended on %s; a session cannot be dated after that.", Shown(p.EndedOn))
	}
	if s.DurationMinutes < 1 || s.DurationMinutes > 1440 {
		add("duration", "A session lasts from 1 to 1440 minutes, not %d.", s.DurationMinutes)
	}
	if msg := CheckText("The topics", s.Topics, MaxTextLength); msg != "" {
		add("topics", "%s", msg)
	}
	present := 0
	seen := map[int64]bool{}
	for _, a := range s.Attendance {
		m := p.Member(a.ParticipantID)
		switch {
		case m == nil:
			add("attendance", "Only the partnership's members can attend its sessions.")
			continue
		case seen[a.ParticipantID]:
			add("attendance", "%s is listed twice.", m.Name)
		case a.Rating < 0 || a.Rating > 5:
			add("rating", "A rating is from 1 to 5, not %d.", a.Rating)
		case a.Rating > 0 && !a.Attended:
			add("rating", "%s did not attend, so cannot rate the session.", m.FirstName())
		}
		seen[a.ParticipantID] = true
		if a.Attended {
			present++
		}
	}
	if present == 0 {
		add("attendance", "Tick who attended: a session needs at least one member present.")
	}
	for _, n := range s.Notes {
		if msg := n.Check(); msg != "" {
			add("notes", "%s", msg)
		}
	}
	for _, a := range s.ActionItems {
		if msg := a.Check(p); msg != "" {
			add("action_items", "%s", msg)
		}
	}
	return NewInvalid("", problems)
}

func (n *Note) Check() string {
	if strings.TrimSpace(n.Body) == "" {
		return "A note cannot be empty."
	}
	if !n.Visibility.Valid() {
		return fmt.Sprintf("A note is private, shared or for the sponsor, not %q.", string(n.Visibility))
	}
	return CheckText("A note", n.Body, MaxTextLength)
}

func (a *ActionItem) Check(p *Partnership) string {
	switch {
	case strings.TrimSpace(a.Text) == "":
		return "An action item needs a text."
	case a.OwnerID != 0 && p.Member(a.OwnerID) == nil:
		return "An action item belongs to a member of the partnership."
	}
	return CheckText("An action item", a.Text, MaxShortLength*2)
}

// Productive is the outcome the best peer-mentoring programmes report: a partnership that
// lasted six months or more and that every member rates 4 or more on average.
type Productive struct {
	Lasted       bool              // six months or more, to its end or to today
	TooEarly     bool              // still running and not yet six months old
	Ratings      map[int64]float64 // each member's average rating; missing when they never rated
	IsProductive bool
}

// CohortOutcome counts a cohort's partnerships and how many are productive. Partnerships
// still running and younger than six months are too early to tell, and the share leaves
// them out.
type CohortOutcome struct {
	CohortID     int64
	Partnerships int
	Productive   int
	TooEarly     int
}

func (o *CohortOutcome) Add(p Productive) {
	o.Partnerships++
	switch {
	case p.IsProductive:
		o.Productive++
	case p.TooEarly:
		o.TooEarly++
	}
}

// Counted is how many partnerships the share is out of.
func (o CohortOutcome) Counted() int { return o.Partnerships - o.TooEarly }

// Share returns the productive share of the partnerships that can be counted, 0 to 1.
func (o CohortOutcome) Share() float64 {
	if o.Counted() == 0 {
		return 0
	}
	return float64(o.Productive) / float64(o.Counted())
}

// Describe says the share in words: "3 of 5 (60%), 2 too early to tell".
func (o CohortOutcome) Describe() string {
	if o.Counted() == 0 {
		if o.TooEarly > 0 {
			return fmt.Sprintf("all %d too early to tell (under six months)", o.TooEarly)
		}
		return "no partnerships yet"
	}
	s := fmt.Sprintf("%d of %d (%.0f%%)", o.Productive, o.Counted(), 100*o.Share())
	if o.TooEarly > 0 {
		s += fmt.Sprintf(", %d too early to tell", o.TooEarly)
	}
	return s
}

// MaxPlannedYears is the longest a partnership can be planned for.
const MaxPlannedYears = 10

// PlannedLength says how long a partnership runs from start to its planned end, in whole
// months and the days left over: "12 months", "6 months and 10 days", "20 days". An end on
// the last day before a whole month (16 March to 15 March) is that whole month, as a coach
// counts it; an end a few days shorter reads "12 months less 2 days".
func PlannedLength(start, end Date) string {
	if start.IsZero() || end.IsZero() || !start.Before(end) {
		return ""
	}
	months := 0
	for !end.Before(DateOf(start.Time().AddDate(0, months+1, 0))) {
		months++
	}
	days := DateOf(start.Time().AddDate(0, months, 0)).DaysUntil(end)
	short := end.DaysUntil(DateOf(start.Time().AddDate(0, months+1, 0)))
	count := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case days > 0 && short == 1:
		return count(months+1, "month")
	case days > 0 && short <= 3:
		return count(months+1, "month") + " less " + count(short, "day")
	case days == 0:
		return count(months, "month")
	case months == 0:
		return count(days, "day")
	}
	return count(months, "month") + " and " + count(days, "day")
}

// PlannedEndAfter reads a planned length ("12", "12 months", "1 year and 2 months", "6 weeks",
// "12 months and 10 days", "12 months less 1 day"; a bare number counts months) and returns
// the day it ends, counted from start.
func PlannedEndAfter(start Date, length string) (Date, error) {
	words := strings.Fields(strings.NewReplacer(",", " ", " and ", " ").Replace(strings.ToLower(length)))
	bad := Errorf(Invalid, "Write the planned length as months, weeks or days (for example: 12 months, or 6 months and 10 days), or pick the end date.")
	if len(words) == 0 || words[len(words)-1] == "less" || words[len(words)-1] == "minus" {
		return Date{}, bad
	}
	var years, months, days int
	sign := 1
	for i := 0; i < len(words); i++ {
		if (words[i] == "less" || words[i] == "minus") && i > 0 && sign == 1 {
			sign = -1
			continue
		}
		n, err := strconv.Atoi(words[i])
		if err != nil || n < 0 || n > 1000*MaxPlannedYears {
			return Date{}, bad
		}
		unit := "month"
		if i+1 < len(words) {
			if _, err := strconv.Atoi(words[i+1]); err != nil {
				unit = strings.TrimSuffix(words[i+1], "s")
				i++
			}
		}
		n *= sign
		switch unit {
		case "year", "yr", "y":
			years += n
		case "month", "mo", "m":
			months += n
		case "week", "wk", "w":
			days += 7 * n
		case "day", "d":
			days += n
		default:
			return Date{}, bad
		}
	}
	return DateOf(start.Time().AddDate(years, months, days)), nil
}

// checkPlannedEnd says what is wrong with a planned end for a partnership, or "" when it fits.
func (p *Partnership) CheckPlannedEnd(end Date) string {
	switch {
	case end.IsZero():
		return "Choose the day the partnership is planned to end."
	case !p.StartedOn.Before(end):
		return fmt.Sprintf("The planned end must come after the start (%s).", Shown(p.StartedOn))
	case DateOf(p.StartedOn.Time().AddDate(MaxPlannedYears, 0, 0)).Before(end):
		return fmt.Sprintf("A partnership is planned for at most %d years.", MaxPlannedYears)
	case !p.LastSession.IsZero() && end.Before(p.LastSession):
		return fmt.Sprintf("The planned end cannot come before the last session (%s).", Shown(p.LastSession))
	}
	return ""
}
