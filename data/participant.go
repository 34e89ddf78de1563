package data

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"mutua/data/fold"
)

// Status says whether a participant takes part in pairing now.
type Status string

// Participant statuses.
const (
	Active Status = "active" // takes part in pairing
	Paused Status = "paused" // on a break; not paired
	Alumni Status = "alumni" // finished the programme; kept for history
)

// Statuses lists every status in the order the coach sees them.
var Statuses = []Status{Active, Paused, Alumni}

// SeniorityLevels names the levels 1 to 6 (index 0 is "not given").
var SeniorityLevels = []string{
	"Not given",
	"Individual contributor",
	"Team lead",
	"Manager",
	"Director",
	"Vice president",
	"C-suite or owner",
}

// SeniorityName names a seniority level in the middle of a sentence ("team lead",
// "C-suite or owner"); "" when the level is not given.
func SeniorityName(level int) string {
	if level < 1 || level >= len(SeniorityLevels) {
		return ""
	}
	name := SeniorityLevels[level]
	if len(name) > 1 && unicode.IsLower(rune(name[1])) { // "C-suite" keeps its capital
		name = strings.ToLower(name[:1]) + name[1:]
	}
	return name
}

// Limits on what a participant record holds.
const (
	MaxTextLength  = 10000 // characters in any free-text field
	MaxShortLength = 200   // characters in a name, email, title and other one-line fields
	MaxTags        = 50    // strengths or development areas per participant
	MaxCapacity    = 10    // partnerships at once
	MaxYears       = 70    // years of experience
)

// Participant is one leader in the coach's roster.
type Participant struct {
	ID               int64
	Name             string
	Email            string
	Phone            string
	Title            string
	Company          string
	Industry         string
	Function         string
	Seniority        int // 1 individual contributor … 6 C-suite or owner; 0 when not given
	YearsExperience  int // 0 when not given
	BirthYear        int // 0 when not given
	Location         string
	TimeZone         string
	Strengths        []string // what they can teach
	DevelopmentAreas []string // what they want to learn
	Goals            string
	Capacity         int // partnerships at once
	Status           Status
	PrivateNotes     string // for the coach only; never leaves the app
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Normalize trims spaces, lower-cases the email, tidies the tags and fills defaults, so two
// spellings of the same input are stored the same way.
func (p *Participant) Normalize() {
	for _, s := range []*string{&p.Name, &p.Email, &p.Phone, &p.Title, &p.Company, &p.Industry,
		&p.Function, &p.Location, &p.TimeZone} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	p.Goals = strings.TrimSpace(p.Goals)
	p.PrivateNotes = strings.TrimSpace(p.PrivateNotes)
	p.Email = NormalizeEmail(p.Email)
	p.Strengths = CleanTags(p.Strengths)
	p.DevelopmentAreas = CleanTags(p.DevelopmentAreas)
	if p.Capacity == 0 {
		p.Capacity = 1
	}
	if p.Status == "" {
		p.Status = Active
	}
}

// Validate checks every field and returns an Invalid *Error naming each problem, or nil.
// Call Normalize first.
func (p *Participant) Validate() error {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if p.Name == "" {
		add("name", "A participant needs a name.")
	}
	short := map[string]string{"name": p.Name, "email": p.Email, "phone": p.Phone, "title": p.Title,
		"company": p.Company, "industry": p.Industry, "function": p.Function, "location": p.Location,
		"timezone": p.TimeZone}
	for _, field := range ParticipantFields {
		if v, ok := short[field]; ok {
			if msg := CheckText(FieldLabel(field), v, MaxShortLength); msg != "" {
				add(field, "%s", msg)
			}
		}
	}
	for field, v := range map[string]string{"goals": p.Goals, "private_notes": p.PrivateNotes} {
		if msg := CheckText(FieldLabel(field), v, MaxTextLength); msg != "" {
			add(field, "%s", msg)
		}
	}
	if msg := CheckEmail(p.Email); msg != "" {
		add("email", "%s", msg)
	}
	if p.Seniority < 0 || p.Seniority > 6 {
		add("seniority", "Seniority must be a level from 1 (individual contributor) to 6 (C-suite or owner), not %d.", p.Seniority)
	}
	if p.YearsExperience < 0 || p.YearsExperience > MaxYears {
		add("years_experience", "Years of experience must be from 0 to %d, not %d.", MaxYears, p.YearsExperience)
	}
	if p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > time.Now().Year()) {
		add("birth_year", "Birth year must be a year from 1900 to %d, not %d.", time.Now().Year(), p.BirthYear)
	}
	if p.Capacity < 1 || p.Capacity > MaxCapacity {
		add("capacity", "Capacity must be from 1 to %d partnerships at once, not %d.", MaxCapacity, p.Capacity)
	}
	if !p.Status.Valid() {
		add("status", "Status must be active, paused or alumni, not %q.", string(p.Status))
	}
	for field, tags := range map[string][]string{"strengths": p.Strengths, "development_areas": p.DevelopmentAreas} {
		if len(tags) > MaxTags {
			add(field, "%s can hold at most %d tags, not %d.", FieldLabel(field), MaxTags, len(tags))
		}
		for _, t := range tags {
			if msg := CheckText("A tag", t, MaxShortLength); msg != "" {
				add(field, "%s", msg)
				break
			}
		}
	}
	sortProblems(problems)
	return NewInvalid("", problems)
}

// ParticipantFields lists the participant fields in form and file order.
var ParticipantFields = []string{"name", "email", "phone", "title", "company", "industry", "function",
	"seniority", "years_experience", "birth_year", "location", "timezone", "strengths",
	"development_areas", "goals", "capacity", "status", "private_notes"}

var fieldLabels = map[string]string{
	"name": "Name", "email": "Email", "phone": "Phone", "title": "Title", "company": "Company",
	"industry": "Industry", "function": "Function", "seniority": "Seniority",
	"years_experience": "Years of experience", "birth_year": "Birth year", "location": "Location",
	"timezone": "Time zone", "strengths": "Can teach", "development_areas": "Wants to learn",
	"goals": "Hopes for the programme", "capacity": "Capacity", "status": "Status", "private_notes": "Private notes",
}

// FieldLabel returns the label the coach sees for a participant field.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// sortProblems puts problems in form order, so messages read top to bottom.
func sortProblems(problems []Problem) {
	rank := func(field string) int {
		for i, f := range ParticipantFields {
			if f == field {
				return i
			}
		}
		return len(ParticipantFields)
	}
	for i := 1; i < len(problems); i++ {
		for j := i; j > 0 && rank(problems[j].Field) < rank(problems[j-1].Field); j-- {
			problems[j], problems[j-1] = problems[j-1], problems[j]
		}
	}
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// ParseStatus reads a status in any letter case; "" means active.
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if st == "" {
		return Active, nil
	}
	if !st.Valid() {
		return "", fmt.Errorf("status must be active, paused or alumni, not %q", s)
	}
	return st, nil
}

// NormalizeEmail writes an email address the one way Mutua stores it, so addresses that look
// the same are the same: invisible characters (zero-width spaces, byte-order marks, direction
// marks) removed, full-width letters made ordinary, accents composed (NFC) and letters in
// lower case, without spaces around.
func NormalizeEmail(email string) string {
	email = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, email)
	email = width.Fold.String(email)
	email = norm.NFC.String(strings.ToLower(norm.NFC.String(email)))
	return strings.TrimSpace(email)
}

// CheckEmail returns what is wrong with an email address, or "" when it is fine or empty.
func CheckEmail(email string) string {
	if email == "" {
		return ""
	}
	at := strings.LastIndexByte(email, '@')
	local, domain := "", ""
	if at >= 0 {
		local, domain = email[:at], email[at+1:]
	}
	if at <= 0 || strings.ContainsAny(email, " ,;<>()[]\\\"") || strings.Contains(local, "@") ||
		!strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") {
		return fmt.Sprintf("%q is not a valid email address (it should look like name@company.com).", email)
	}
	return ""
}

// checkText returns what is wrong with a text field, or "" when it is fine.
func CheckText(label, s string, max int) string {
	if !utf8.ValidString(s) {
		return label + " contains characters that are not valid text."
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%s is too long (%d characters; at most %d).", label, n, max)
	}
	for _, r := range s {
		if r == 0 || (unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r') {
			return label + " contains control characters that are not text."
		}
	}
	return ""
}

// CleanTags trims each tag, drops empty ones and repeats (ignoring letter case), and keeps the order.
func CleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// SplitTags splits a semicolon-separated list of tags.
func SplitTags(s string) []string { return CleanTags(strings.Split(s, ";")) }

// JoinTags writes tags as a semicolon-separated list.
func JoinTags(tags []string) string { return strings.Join(tags, "; ") }

// Fold lower-cases s and strips accents, so "Zoë" matches a search for "zoe".
func Fold(s string) string { return fold.String(s) }
