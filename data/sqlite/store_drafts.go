package sqlite

import (
	"context"
	"fmt"
	"mutua/data"
	"strings"
)

// Settings keys of the messages. Templates are "message_template_<kind>_subject" and "_body".
const (
	settingCoachEmail = "message_coach_email"
	settingTimeZone   = "message_time_zone"
	settingSignature  = "message_signature"
	settingCopyMe     = "message_copy_me"
	settingTemplate   = "message_template_"
)

// MessageSettings reads the coach's address, time zone, signature and copy choice.
func (s *Store) MessageSettings() (data.MessageSettings, error) {
	values, err := s.settingsLike("message_%")
	if err != nil {
		return data.MessageSettings{}, err
	}
	m := data.MessageSettings{CoachEmail: values[settingCoachEmail], TimeZone: values[settingTimeZone],
		Signature: values[settingSignature], CopyMe: values[settingCopyMe] == "1"}
	m.Normalize()
	return m, nil
}

// SaveMessageSettings checks and saves them; nothing is saved when anything is wrong.
func (s *Store) SaveMessageSettings(m data.MessageSettings) error {
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
func (s *Store) MessageTemplates() (map[string]data.MessageTemplate, error) {
	values, err := s.settingsLike(settingTemplate + "%")
	if err != nil {
		return nil, err
	}
	out := map[string]data.MessageTemplate{}
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
func (s *Store) SaveMessageTemplate(kind string, t data.MessageTemplate) error {
	if kind == "" || strings.ContainsAny(kind, "_% ") {
		return data.Errorf(data.Invalid, "There is no kind of email called %q.", kind)
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if t.Empty() {
		t = data.MessageTemplate{}
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
