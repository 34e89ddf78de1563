package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// The practice's form identity, written the same way (same settings keys, same sizes) as the
// intake questionnaires' store_forms.go, which is being written beside this file: when both
// are in one build, keep that one and delete this file.

// Settings keys of the practice's form seal: the id forms carry, and the key that seals it.
const (
	settingFormsPractice = "forms_practice_id"
	settingFormsKey      = "forms_key"
)

// FormIdentity returns the practice's form id and the secret key that seals the forms it sends,
// making them the first time they are asked for. Forms written with them read back only here.
func (s *Store) FormIdentity(ctx context.Context) (practice string, key []byte, err error) {
	read := func(q querier) (string, string, error) {
		var p, k string
		err := q.QueryRow(`SELECT coalesce((SELECT value FROM settings WHERE key = ?), ''), coalesce((SELECT value FROM settings WHERE key = ?), '')`,
			settingFormsPractice, settingFormsKey).Scan(&p, &k)
		return p, k, err
	}
	p, k, err := read(s.db)
	if err != nil {
		return "", nil, fmt.Errorf("read the form key: %w", err)
	}
	if p == "" || k == "" {
		err = s.tx(ctx, func(tx *txn) error {
			if p, k, err = read(tx); err != nil || p != "" && k != "" {
				return err
			}
			p, k = randomHex(12), randomHex(32)
			for key, v := range map[string]string{settingFormsPractice: p, settingFormsKey: k} {
				if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", nil, err
		}
	}
	key, err = hex.DecodeString(k)
	if err != nil {
		return "", nil, fmt.Errorf("the practice's form key is not readable: %w", err)
	}
	return p, key, nil
}

// randomHex is n random bytes written in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on the systems Mutua runs on
	}
	return hex.EncodeToString(b)
}
