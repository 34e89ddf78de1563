package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"filippo.io/age"

	"mutua/data"
)

// Encrypted backups. Scheduled backups are made without the coach at the keyboard, so the
// passphrase cannot be asked for then. Instead the practice keeps an age X25519 key whose
// private half is itself encrypted with the passphrase (age's scrypt recipient), and backups
// are encrypted to its public half. Each encrypted backup also carries that
// passphrase-encrypted private key in a stanza of its own, so it can be restored with the
// passphrase alone, even on a new computer after the practice file is lost. The passphrase
// itself is never stored.

// Codes of the errors about encrypted backups.
const (
	NeedsPassphrase data.Code = "needs_passphrase" // the backup is encrypted: a passphrase is needed
	WrongPassphrase data.Code = "wrong_passphrase" // the passphrase given does not open it
)

// MinPassphraseLength is the fewest characters a backup passphrase may have.
const MinPassphraseLength = 10

// encryptedExt ends the name of an encrypted backup.
const encryptedExt = ".mutua.age"

// Settings that hold the backup key; neither is the passphrase.
const (
	settingBackupRecipient = "backup_recipient" // the public key backups are encrypted to
	settingBackupKey       = "backup_key"       // the private key, encrypted with the passphrase (base64 age file)
)

// keyStanzaType names the stanza in which a backup carries its passphrase-encrypted key.
// age and other readers ignore stanzas they do not know.
const keyStanzaType = "mutua-key"

var ageHeader = []byte("age-encryption.org/v1\n")

// scryptWorkFactor is age's default: about a second to try one passphrase.
var scryptWorkFactor = 18

var wrongPassphrase = data.Errorf(WrongPassphrase, "That passphrase does not open this backup. Nothing was changed.")

// backupKey is what encrypting a backup needs: the public key and the wrapped private key.
type backupKey struct {
	recipient *age.X25519Recipient
	wrapped   []byte
}

// keyStanza is an age "recipient" that adds the wrapped key to a backup's header.
type keyStanza struct{ wrapped []byte }

func (k keyStanza) Wrap([]byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: keyStanzaType, Body: k.wrapped}}, nil
}

// BackupsEncrypted says whether this practice's backups are encrypted with a passphrase.
func (s *Store) BackupsEncrypted() (bool, error) {
	key, err := s.backupKey()
	return key != nil, err
}

func (s *Store) backupKey() (*backupKey, error) {
	var recipient, wrapped string
	err := s.db.QueryRow(`SELECT (SELECT value FROM settings WHERE key = ?), (SELECT value FROM settings WHERE key = ?)`,
		settingBackupRecipient, settingBackupKey).Scan(nullable(&recipient), nullable(&wrapped))
	if err != nil {
		return nil, fmt.Errorf("read backup key: %w", err)
	}
	if recipient == "" {
		return nil, nil
	}
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		return nil, data.Errorf(data.Damaged, "The key that encrypts this practice's backups is damaged: turn encryption off and on again in Settings, under Backups.")
	}
	w, err := base64.StdEncoding.DecodeString(wrapped)
	if err != nil || len(w) == 0 {
		return nil, data.Errorf(data.Damaged, "The key that encrypts this practice's backups is damaged: turn encryption off and on again in Settings, under Backups.")
	}
	return &backupKey{recipient: r, wrapped: w}, nil
}

// nullable scans a NULL as "".
func nullable(s *string) any { return &nullString{s} }

type nullString struct{ s *string }

func (n *nullString) Scan(v any) error {
	var ns sql.NullString
	if err := ns.Scan(v); err != nil {
		return err
	}
	*n.s = ns.String
	return nil
}

// SetBackupPassphrase encrypts every backup made from now on with passphrase, or turns
// encryption off when passphrase is "". When backups are already encrypted, current must be
// the passphrase in use. A new key is made each time: backups made before keep opening with
// the passphrase they were made with.
func (s *Store) SetBackupPassphrase(current, passphrase string) error {
	key, err := s.backupKey()
	if err != nil && data.ErrorCode(err) != data.Damaged {
		return err
	}
	if key != nil {
		if _, err := unwrapKey(key.wrapped, current); err != nil {
			return data.Errorf(WrongPassphrase, "That is not the passphrase that encrypts this practice's backups. Nothing was changed.")
		}
	}
	if passphrase == "" {
		return s.tx(context.Background(), func(t *txn) error {
			_, err := t.tx.Exec(`DELETE FROM settings WHERE key IN (?, ?)`, settingBackupRecipient, settingBackupKey)
			return err
		})
	}
	if utf8.RuneCountInString(passphrase) < MinPassphraseLength {
		return data.Errorf(data.Invalid, "A backup passphrase needs at least %d characters. Nothing was changed.", MinPassphraseLength)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return fmt.Errorf("make a backup key: %w", err)
	}
	sealer, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	sealer.SetWorkFactor(scryptWorkFactor)
	var wrapped bytes.Buffer
	w, err := age.Encrypt(&wrapped, sealer)
	if err != nil {
		return err
	}
	io.WriteString(w, id.String())
	if err := w.Close(); err != nil {
		return err
	}
	return s.tx(context.Background(), func(t *txn) error {
		for k, v := range map[string]string{
			settingBackupRecipient: id.Recipient().String(),
			settingBackupKey:       base64.StdEncoding.EncodeToString(wrapped.Bytes()),
		} {
			if _, err := t.tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// unwrapKey opens a passphrase-encrypted private key.
func unwrapKey(wrapped []byte, passphrase string) (*age.X25519Identity, error) {
	if passphrase == "" {
		return nil, wrongPassphrase
	}
	opener, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(bytes.NewReader(wrapped), opener)
	if err != nil {
		return nil, wrongPassphrase
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, wrongPassphrase
	}
	return age.ParseX25519Identity(strings.TrimSpace(string(text)))
}

// IsEncryptedBackup says whether the file at path is an encrypted backup (an age file).
func IsEncryptedBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(ageHeader))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, ageHeader)
}

// CheckBackupPassphrase says whether passphrase opens the encrypted backup at path: nil when
// it does (or the backup is not encrypted), otherwise an error that says why not.
func CheckBackupPassphrase(path, passphrase string) error {
	if !IsEncryptedBackup(path) {
		return nil
	}
	_, err := backupIdentity(path, passphrase)
	return err
}

// CheckBackupsPassphrase checks passphrase on one of the practice's encrypted backups (nil
// when it has none), so a wrong one stops work on them before anything changes.
func (s *Store) CheckBackupsPassphrase(passphrase string) error {
	list, err := Backups(s.BackupDir())
	if err != nil {
		return err
	}
	for _, b := range list {
		if b.Encrypted {
			return CheckBackupPassphrase(b.Path, passphrase)
		}
	}
	return nil
}

// backupIdentity opens the key an encrypted backup carries with the passphrase.
func backupIdentity(path, passphrase string) (*age.X25519Identity, error) {
	id, _, err := openBackupKey(path, passphrase)
	return id, err
}

// openBackupKey opens the key an encrypted backup carries with the passphrase, and returns
// it with the key as the backup carries it (encrypted with the passphrase).
func openBackupKey(path, passphrase string) (*age.X25519Identity, []byte, error) {
	name := filepath.Base(path)
	if passphrase == "" {
		return nil, nil, data.Errorf(NeedsPassphrase, "The backup %s is encrypted: its passphrase is needed to open it.", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	header, err := age.ExtractHeader(bufio.NewReader(f))
	if err != nil {
		return nil, nil, &data.Error{Code: data.Damaged, Message: fmt.Sprintf("The backup %s could not be read: it is damaged.", name), Err: err}
	}
	wrapped, ok := stanzaBody(header, keyStanzaType)
	if !ok {
		return nil, nil, data.Errorf(data.NotPractice, "%s is encrypted, but not by Mutua: it carries no backup key.", name)
	}
	id, err := unwrapKey(wrapped, passphrase)
	return id, wrapped, err
}

// stanzaBody finds a stanza of type kind in an age header and decodes its body (base64
// without padding, in lines of 64 columns; the last line is shorter, possibly empty).
func stanzaBody(header []byte, kind string) ([]byte, bool) {
	lines := strings.Split(string(header), "\n")
	for i, line := range lines {
		if f := strings.Fields(line); len(f) < 2 || f[0] != "->" || f[1] != kind {
			continue
		}
		var body strings.Builder
		for _, l := range lines[i+1:] {
			body.WriteString(l)
			if len(l) < 64 {
				break
			}
		}
		b, err := base64.RawStdEncoding.DecodeString(body.String())
		return b, err == nil
	}
	return nil, false
}

// seal encrypts the verified plain backup at plain into a new file out (readable by the coach
// only), then checks it: it is decrypted into a temporary file beside plain, readable by the
// coach only and removed afterwards, and checked as a plain backup is. The check uses a
// throwaway key added for it alone, since the backup key's private half needs the passphrase.
func (k *backupKey) seal(plain, out string) error {
	check, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	err = encryptFile(plain, out, k.recipient, check.Recipient(), keyStanza{k.wrapped})
	if err == nil {
		err = syncFile(out)
	}
	if err == nil {
		err = verifyEncrypted(out, filepath.Dir(plain), check)
	}
	if err != nil {
		os.Remove(out)
	}
	return err
}

func encryptFile(from, to string, recipients ...age.Recipient) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return storageError(fmt.Errorf("write the backup %s: %w", filepath.Base(to), err))
	}
	defer f.Close()
	buf := bufio.NewWriter(f)
	w, err := age.Encrypt(buf, recipients...)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		return storageError(fmt.Errorf("encrypt the backup: %w", err))
	}
	if err := w.Close(); err != nil {
		return storageError(err)
	}
	if err := buf.Flush(); err != nil {
		return storageError(fmt.Errorf("encrypt the backup: %w", err))
	}
	return f.Close()
}

// verifyEncrypted decrypts an encrypted backup into a temporary file in dir and checks it.
func verifyEncrypted(path, dir string, id age.Identity) error {
	tmp, err := os.CreateTemp(dir, ".mutua-verify-*") // 0600
	if err != nil {
		return storageError(err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := decryptFile(path, tmp.Name(), id); err != nil {
		return err
	}
	if err := VerifyBackup(tmp.Name()); err != nil {
		var e *data.Error
		if errors.As(err, &e) {
			e.Message = strings.ReplaceAll(e.Message, filepath.Base(tmp.Name()), filepath.Base(path))
		}
		return err
	}
	return nil
}

// decryptFile writes what the encrypted file from holds to the file to (readable by the coach only).
func decryptFile(from, to string, id age.Identity) error {
	name := filepath.Base(from)
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer in.Close()
	r, err := age.Decrypt(bufio.NewReader(in), id)
	if err != nil {
		return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("The backup %s could not be decrypted: it is damaged.", name), Err: err}
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return storageError(err)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		if se := storageError(err); se != err {
			return se
		}
		return &data.Error{Code: data.Damaged, Message: fmt.Sprintf("The backup %s could not be decrypted: it is damaged.", name), Err: err}
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return storageError(err)
	}
	return out.Close()
}

// restoreCopy puts a verified copy of the backup at to (readable by the coach only),
// decrypting it with passphrase when it is encrypted. Nothing else is touched.
func restoreCopy(backupPath, to, passphrase string) error {
	if !IsEncryptedBackup(backupPath) {
		if err := VerifyBackup(backupPath); err != nil {
			return err
		}
		return copyBackup(backupPath, to) // with the changes in its journal, if it has one
	}
	id, err := backupIdentity(backupPath, passphrase)
	if err != nil {
		return err
	}
	if err := decryptFile(backupPath, to, id); err != nil {
		return err
	}
	if err := VerifyBackup(to); err != nil {
		var e *data.Error
		if errors.As(err, &e) {
			e.Message = strings.ReplaceAll(e.Message, filepath.Base(to), filepath.Base(backupPath))
		}
		return err
	}
	return nil
}
