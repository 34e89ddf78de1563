package sqlite

import (
	"context"
	"encoding/base64"
	"fmt"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG

	"mutua/data"
)

// Settings keys of the identity; the JSON export carries the settings table as it is.
const (
	settingPracticeName = "practice_name"
	settingCoachName    = "coach_name"
	settingContact      = "practice_contact"
	settingLogo         = "practice_logo" // base64, since settings hold text
	settingLogoKind     = "practice_logo_kind"
)

// PracticeIdentity reads who the practice's reports come from.
func (s *Store) PracticeIdentity() (data.PracticeIdentity, error) {
	return readIdentity(s.db)
}

func readIdentity(q querier) (data.PracticeIdentity, error) {
	var p data.PracticeIdentity
	rows, err := q.Query(`SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?, ?)`,
		settingPracticeName, settingCoachName, settingContact, settingLogo, settingLogoKind)
	if err != nil {
		return p, storageError(fmt.Errorf("read the practice's identity: %w", err))
	}
	defer rows.Close()
	var logo string
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return p, storageError(err)
		}
		switch k {
		case settingPracticeName:
			p.Name = v
		case settingCoachName:
			p.Coach = v
		case settingContact:
			p.Contact = v
		case settingLogo:
			logo = v
		case settingLogoKind:
			p.LogoKind = v
		}
	}
	if err := rows.Err(); err != nil {
		return p, storageError(err)
	}
	if logo != "" {
		if b, err := base64.StdEncoding.DecodeString(logo); err == nil {
			p.Logo = b
		}
	}
	p.Normalize()
	// A logo that no longer reads (from an edited export, say) is left out, not printed.
	if len(p.Logo) > 0 {
		if kind, err := data.CheckLogo(p.Logo); err != nil {
			p.Logo, p.LogoKind = nil, ""
		} else {
			p.LogoKind = kind
		}
	}
	return p, nil
}

// SavePracticeIdentity checks and saves who the practice's reports come from; an empty
// field clears it. Nothing is saved when anything is wrong.
func (s *Store) SavePracticeIdentity(p data.PracticeIdentity) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	values := map[string]string{
		settingPracticeName: p.Name,
		settingCoachName:    p.Coach,
		settingContact:      p.Contact,
		settingLogo:         "",
		settingLogoKind:     "",
	}
	if len(p.Logo) > 0 {
		values[settingLogo] = base64.StdEncoding.EncodeToString(p.Logo)
		values[settingLogoKind] = p.LogoKind
	}
	return s.tx(context.Background(), func(tx *txn) error {
		for _, k := range []string{settingPracticeName, settingCoachName, settingContact, settingLogo, settingLogoKind} {
			var err error
			if values[k] == "" {
				_, err = tx.tx.Exec(`DELETE FROM settings WHERE key = ?`, k)
			} else {
				_, err = tx.tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, values[k])
			}
			if err != nil {
				return fmt.Errorf("save the practice's identity: %w", err)
			}
		}
		return nil
	})
}

// checkImportedIdentity applies the identity's rules to an imported file's settings; a file
// from before there was one has none, which is fine.
func checkImportedIdentity(q querier) error {
	id, err := readIdentity(q)
	if err != nil {
		return err
	}
	var logo string
	if err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, settingLogo).Scan(&logo); err == nil && logo != "" {
		raw, err := base64.StdEncoding.DecodeString(logo)
		if err != nil {
			return data.Errorf(data.Invalid, "The file could not be imported: the practice's logo is not a readable image.")
		}
		id.Logo = raw
	}
	if err := id.Validate(); err != nil {
		return data.Errorf(data.Invalid, "The file could not be imported: the practice's details: %s", data.Problems(err)[0].Message)
	}
	return nil
}
