package sqlite

import (
	"context"
	"fmt"
	"mutua/data"
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

// Settings keys of the messages. Templates are "message_template_<kind>_subject" and "_body".
const (
	settingCoachEmail = "message_coach_email"
	settingTimeZone   = "message_time_zone"
	settingSignature  = "message_signature"
	settingCopyMe     = "message_copy_me"
	settingTemplate   = "message_template_"
)

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
	var problems []data.Problem
	if msg := data.CheckText("Your email address", m.CoachEmail, data.MaxShortLength); msg != "" {
		problems = append(problems, data.Problem{Field: "email", Message: msg})
	} else if m.CoachEmail != "" {
		if a, err := mail.ParseAddress(m.CoachEmail); err != nil || a.Address != m.CoachEmail {
			problems = append(problems, data.Problem{Field: "email", Message: fmt.Sprintf("%q does not look like an email address (name@example.com).", m.CoachEmail)})
		}
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil || strings.EqualFold(m.TimeZone, "Local") {
			problems = append(problems, data.Problem{Field: "zone", Message: fmt.Sprintf("Mutua does not know the time zone %q: write it as a region and city, e.g. Europe/Lisbon or America/New_York.", m.TimeZone)})
		}
	}
	if msg := data.CheckText("The signature", m.Signature, 2000); msg != "" {
		problems = append(problems, data.Problem{Field: "signature", Message: msg})
	}
	return data.NewInvalid("", problems)
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

// MessageSettings reads the coach's address, time zone, signature and copy choice.
func (s *Store) MessageSettings() (MessageSettings, error) {
	values, err := s.settingsLike("message_%")
	if err != nil {
		return MessageSettings{}, err
	}
	m := MessageSettings{CoachEmail: values[settingCoachEmail], TimeZone: values[settingTimeZone],
		Signature: values[settingSignature], CopyMe: values[settingCopyMe] == "1"}
	m.Normalize()
	return m, nil
}

// SaveMessageSettings checks and saves them; nothing is saved when anything is wrong.
func (s *Store) SaveMessageSettings(m MessageSettings) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	copyMe := ""
	if m.CopyMe {
		copyMe = "1"
	}
	return s.saveSettings("save the email settings", map[string]string{
		settingCoachEmail: m.CoachEmail, settingTimeZone: m.TimeZone, settingSignature: m.Signature, settingCopyMe: copyMe})
}

// MessageTemplates reads the coach's own templates by kind ("introduction", "nudge"...); a
// kind the coach has not changed is absent.
func (s *Store) MessageTemplates() (map[string]MessageTemplate, error) {
	values, err := s.settingsLike(settingTemplate + "%")
	if err != nil {
		return nil, err
	}
	out := map[string]MessageTemplate{}
	for k, v := range values {
		rest := strings.TrimPrefix(k, settingTemplate)
		switch {
		case strings.HasSuffix(rest, "_subject"):
			kind := strings.TrimSuffix(rest, "_subject")
			t := out[kind]
			t.Subject = v
			out[kind] = t
		case strings.HasSuffix(rest, "_body"):
			kind := strings.TrimSuffix(rest, "_body")
			t := out[kind]
			t.Body = v
			out[kind] = t
		}
	}
	for k, t := range out {
		if t.Subject == "" || t.Body == "" {
			delete(out, k) // half a template (from an edited export) is no template
		}
	}
	return out, nil
}

// SaveMessageTemplate saves the coach's template for a kind; an empty template goes back to
// Mutua's own. The caller checks the template's fields (package drafts knows them).
func (s *Store) SaveMessageTemplate(kind string, t MessageTemplate) error {
	if kind == "" || strings.ContainsAny(kind, "_% ") {
		return data.Errorf(data.Invalid, "There is no kind of email called %q.", kind)
	}
	var problems []data.Problem
	if msg := data.CheckText("The subject", t.Subject, data.MaxShortLength); msg != "" {
		problems = append(problems, data.Problem{Field: "subject", Message: msg})
	}
	if msg := data.CheckText("The message", t.Body, MaxTemplateLength); msg != "" {
		problems = append(problems, data.Problem{Field: "body", Message: msg})
	}
	if err := data.NewInvalid("", problems); err != nil {
		return err
	}
	if strings.TrimSpace(t.Subject) == "" || strings.TrimSpace(t.Body) == "" {
		t = MessageTemplate{}
	}
	return s.saveSettings("save the template", map[string]string{
		settingTemplate + kind + "_subject": t.Subject, settingTemplate + kind + "_body": t.Body})
}

// settingsLike reads the settings whose key matches a LIKE pattern.
func (s *Store) settingsLike(pattern string) (map[string]string, error) {
	rows, err := s.db.Query(`SELECT key, value FROM settings WHERE key LIKE ?`, pattern)
	if err != nil {
		return nil, storageError(fmt.Errorf("read the settings: %w", err))
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, storageError(err)
		}
		out[k] = v
	}
	return out, storageError(rows.Err())
}

// saveSettings writes the values in one transaction; an empty value removes its key.
func (s *Store) saveSettings(what string, values map[string]string) error {
	return s.tx(context.Background(), func(tx *txn) error {
		for k, v := range values {
			var err error
			if v == "" {
				_, err = tx.tx.Exec(`DELETE FROM settings WHERE key = ?`, k)
			} else {
				_, err = tx.tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
		}
		return nil
	})
}
