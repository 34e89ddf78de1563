package data

import (
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// MessageSettings are what the emails and invitations Mutua writes need beyond the practice's
// identity: the coach's own address (the drafts come from it), the time zone session times
// are in, an optional signature, and whether the coach is copied on every draft. They are
// kept in the practice, so they travel with it.
type MessageSettings struct {
	CoachEmail string
	TimeZone   string // an IANA name such as "Europe/Lisbon"; "" for the computer's own
	Signature  string // several lines; "" signs with the coach's name, practice and contact line
	CopyMe     bool
}

// MessageTemplate is the coach's own subject and body for one kind of email.
type MessageTemplate struct {
	Subject string
	Body    string
}

// MaxTemplateLength is the most characters a template's body may hold.
const MaxTemplateLength = 20000

// Normalize trims the one-line fields and the signature's ends.
func (m *MessageSettings) Normalize() {
	m.CoachEmail = strings.TrimSpace(m.CoachEmail)
	m.TimeZone = strings.TrimSpace(m.TimeZone)
	m.Signature = strings.Trim(strings.ReplaceAll(m.Signature, "\r\n", "\n"), " \t\n")
}

// Validate checks the address, the time zone and the signature, naming each problem by field.
func (m *MessageSettings) Validate() error {
	var problems []Problem
	if msg := CheckText("Your email address", m.CoachEmail, MaxShortLength); msg != "" {
		problems = append(problems, Problem{Field: "email", Message: msg})
	} else if m.CoachEmail != "" {
		if a, err := mail.ParseAddress(m.CoachEmail); err != nil || a.Address != m.CoachEmail {
			problems = append(problems, Problem{Field: "email", Message: fmt.Sprintf("%q does not look like an email address (name@example.com).", m.CoachEmail)})
		}
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil || strings.EqualFold(m.TimeZone, "Local") {
			problems = append(problems, Problem{Field: "zone", Message: fmt.Sprintf("Mutua does not know the time zone %q: write it as a region and city, e.g. Europe/Lisbon or America/New_York.", m.TimeZone)})
		}
	}
	if msg := CheckText("The signature", m.Signature, 2000); msg != "" {
		problems = append(problems, Problem{Field: "signature", Message: msg})
	}
	return NewInvalid("", problems)
}

// Zone is the time zone sessions are proposed in: the one chosen, else the computer's.
func (m MessageSettings) Zone() string {
	if m.TimeZone != "" {
		return m.TimeZone
	}
	return SystemZone()
}

// SystemZone is the computer's time zone as an IANA name, or "UTC" when it cannot be told.
func SystemZone() string {
	switch name := systemZone(); name {
	case "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu", "Etc/GMT", "GMT":
		return "UTC"
	default:
		return name
	}
}

func systemZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil && tz != "Local" {
			return tz
		}
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			name := target[i+len("zoneinfo/"):]
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	if name := time.Local.String(); name != "Local" && name != "" {
		if _, err := time.LoadLocation(name); err == nil {
			return name
		}
	}
	return "UTC"
}

// Validate checks the lengths of the subject and the body, naming each problem by field.
// The fields a template may use are package drafts' to check.
func (t MessageTemplate) Validate() error {
	var problems []Problem
	if msg := CheckText("The subject", t.Subject, MaxShortLength); msg != "" {
		problems = append(problems, Problem{Field: "subject", Message: msg})
	}
	if msg := CheckText("The message", t.Body, MaxTemplateLength); msg != "" {
		problems = append(problems, Problem{Field: "body", Message: msg})
	}
	return NewInvalid("", problems)
}

// Empty reports whether the template lacks a subject or a body: saving it goes back to
// Mutua's own.
func (t MessageTemplate) Empty() bool {
	return strings.TrimSpace(t.Subject) == "" || strings.TrimSpace(t.Body) == ""
}
