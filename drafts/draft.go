// Package drafts writes the messages a coach sends from their own mail program: email drafts
// (.eml files marked unsent, so Outlook, Apple Mail and Thunderbird open them ready to send),
// the templates their subject and body come from, and calendar invitations (.ics) for a
// partnership's sessions. It is pure: no SQL, no Fyne. Callers fill its small input structs
// (Coach, Person, Partnership, ...), which hold only what may be shown to the recipients:
// nothing private to the coach can be handed to this package, so no template can print it.
//
// The formats are written by github.com/emersion/go-message (RFC 5322, MIME, RFC 2047) and
// github.com/emersion/go-ical (RFC 5545), not by hand.
package drafts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/mail"
	"golang.org/x/text/unicode/norm"
)

// Person is someone a draft is addressed to or comes from: a name and an email address.
type Person struct {
	Name  string
	Email string
}

// FirstName is the first word of the name, how a message greets someone.
func (p Person) FirstName() string {
	if f := strings.Fields(p.Name); len(f) > 0 {
		return f[0]
	}
	return ""
}

func (p Person) address() *mail.Address {
	return &mail.Address{Name: oneLine(p.Name), Address: strings.TrimSpace(p.Email)}
}

// Attachment is a file sent with a draft: the pair brief, a questionnaire form, a progress
// report, a calendar invitation.
type Attachment struct {
	Name        string // the file name the recipient sees, e.g. "Pair brief.pdf"
	ContentType string // e.g. "application/pdf"; empty: guessed from the name
	Data        []byte
}

// Draft is one email, ready to be written as an .eml file or copied as text.
type Draft struct {
	Kind        Kind
	From        Person
	To          []Person
	Cc          []Person
	Subject     string
	Body        string // plain text
	Attachments []Attachment
	Date        time.Time // when it was written; zero: now
}

// WriteEML writes the draft as an RFC 5322 / MIME message marked unsent (X-Unsent: 1), so a
// mail program opens it as a draft to send: UTF-8 names and subject encoded per RFC 2047,
// the text quoted-printable, attachments base64.
func (d *Draft) WriteEML(w io.Writer) error {
	if err := d.check(); err != nil {
		return err
	}
	var h mail.Header
	date := d.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetDate(date)
	h.Set("From", addressList([]Person{d.From}))
	h.Set("To", addressList(d.To))
	if len(d.Cc) > 0 {
		h.Set("Cc", addressList(d.Cc))
	}
	h.SetSubject(oneLine(d.Subject))
	h.Set("X-Unsent", "1")
	h.Set("MIME-Version", "1.0")

	var buf bytes.Buffer
	mw, err := mail.CreateWriter(&buf, h)
	if err != nil {
		return fmt.Errorf("write the draft: %w", err)
	}
	var th mail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return fmt.Errorf("write the draft: %w", err)
	}
	body := strings.ReplaceAll(strings.ToValidUTF8(d.Body, "\uFFFD"), "\r\n", "\n")
	if _, err := io.WriteString(tw, body); err != nil {
		return fmt.Errorf("write the draft: %w", err)
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("write the draft: %w", err)
	}
	for _, a := range d.Attachments {
		var ah mail.AttachmentHeader
		ctype, params := a.contentType()
		params["name"] = a.Name
		ah.SetContentType(ctype, params)
		// RFC 2231 for the file name (filename*=utf-8''...), as Thunderbird writes it; the
		// Content-Type's name= above is RFC 2047, for older readers.
		ah.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": oneLine(a.Name)}))
		aw, err := mw.CreateAttachment(ah)
		if err != nil {
			return fmt.Errorf("attach %s: %w", a.Name, err)
		}
		if _, err := aw.Write(a.Data); err != nil {
			return fmt.Errorf("attach %s: %w", a.Name, err)
		}
		if err := aw.Close(); err != nil {
			return fmt.Errorf("attach %s: %w", a.Name, err)
		}
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("write the draft: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Text is the draft as the coach copies it to paste into a mail program that cannot open
// .eml files (Gmail in a browser): who it is to, the subject, the body, and the files to attach.
func (d *Draft) Text() string {
	var b strings.Builder
	b.WriteString("To: " + people(d.To) + "\n")
	if len(d.Cc) > 0 {
		b.WriteString("Cc: " + people(d.Cc) + "\n")
	}
	b.WriteString("Subject: " + oneLine(d.Subject) + "\n\n")
	b.WriteString(strings.TrimRight(d.Body, "\n") + "\n")
	if len(d.Attachments) > 0 {
		b.WriteString("\nAttach:\n")
		for _, a := range d.Attachments {
			b.WriteString("- " + a.Name + "\n")
		}
	}
	return b.String()
}

// people writes addresses as a person types them, names in their own script: a mail program's
// To field reads "Дмитрий Иванов <dmitry@example.ru>" as it is.
func people(ps []Person) string {
	var s []string
	for _, p := range ps {
		if name := strings.NewReplacer(",", " ", "<", " ", ">", " ", `"`, " ").Replace(oneLine(p.Name)); strings.TrimSpace(name) != "" {
			s = append(s, oneLine(name)+" <"+strings.TrimSpace(p.Email)+">")
		} else {
			s = append(s, strings.TrimSpace(p.Email))
		}
	}
	return strings.Join(s, ", ")
}

func (d *Draft) check() error {
	if strings.TrimSpace(d.From.Email) == "" {
		return errors.New("Your email address is missing: add it in Settings, so the drafts come from you.")
	}
	if len(d.To) == 0 {
		return errors.New("This draft has no one to send it to.")
	}
	for _, p := range append(append([]Person{d.From}, d.To...), d.Cc...) {
		if err := checkEmail(p); err != nil {
			return err
		}
	}
	for _, a := range d.Attachments {
		if strings.TrimSpace(a.Name) == "" {
			return errors.New("An attachment has no file name.")
		}
	}
	return nil
}

func checkEmail(p Person) error {
	who := oneLine(p.Name)
	if who == "" {
		who = "Someone"
	}
	e := strings.TrimSpace(p.Email)
	if e == "" {
		return fmt.Errorf("%s has no email address: add one on the roster first.", who)
	}
	if _, err := mail.ParseAddress(e); err != nil || strings.ContainsAny(e, " <>\r\n") {
		return fmt.Errorf("%s's email address %q does not look like an email address.", who, e)
	}
	return nil
}

// addressList writes addresses for a header. A name that is not plain ASCII is one RFC 2047
// base64 encoded-word while it fits (about 23 Cyrillic or 15 Chinese characters), since some
// readers (Python's email package among them) put a space where a name is split across words.
func addressList(ps []Person) string {
	var l []string
	for _, p := range ps {
		a := p.address()
		name := a.Name
		if name != "" && !isASCII(name) {
			l = append(l, mime.BEncoding.Encode("utf-8", name)+" <"+a.Address+">")
		} else {
			l = append(l, a.String())
		}
	}
	return strings.Join(l, ", ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (a Attachment) contentType() (string, map[string]string) {
	t := a.ContentType
	if t == "" {
		switch strings.ToLower(filepath.Ext(a.Name)) {
		case ".pdf":
			t = "application/pdf"
		case ".ics":
			t = "text/calendar; method=REQUEST; charset=utf-8"
		default:
			t = "application/octet-stream"
		}
	}
	kind, rest, _ := strings.Cut(t, ";")
	params := map[string]string{}
	for _, p := range strings.Split(rest, ";") {
		if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok {
			params[strings.ToLower(k)] = v
		}
	}
	return strings.TrimSpace(kind), params
}

// oneLine collapses every run of spaces, tabs and line breaks into one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// FileName is a readable file name for the draft, e.g. "Introduction - Ana Silva & Ben Okafor.eml".
func (d *Draft) FileName() string {
	var names []string
	for _, p := range d.To {
		names = append(names, p.Name)
	}
	return SafeFileName(d.Kind.Label()+" - "+strings.Join(names, " & "), ".eml")
}

// maxNameBytes keeps file names well under the 255-byte limit of common file systems,
// leaving room for " (99)" and the extension.
const maxNameBytes = 120

// SafeFileName turns text into a file name that every system accepts, keeping letters of any
// script (names in Greek, Chinese or Arabic stay readable): it drops characters Windows and
// macOS refuse (/ \ : * ? " < > |) and control characters, trims dots and spaces at the ends,
// avoids Windows' reserved names (CON, NUL...), and shortens long names on a character boundary.
func SafeFileName(text, ext string) string {
	text = norm.NFC.String(strings.ToValidUTF8(text, ""))
	var b strings.Builder
	for _, r := range text {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune(' ')
		case unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar:
			b.WriteRune(' ')
		case unicode.Is(unicode.Cf, r): // invisible format characters, e.g. bidi overrides
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	for len(name) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	name = strings.Trim(name, ". ")
	if name == "" {
		name = "Draft"
	}
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		name = "_" + name
	}
	return name + ext
}

// Save writes the draft into the folder dir under its readable file name and returns the
// file's path. A file already there is never overwritten: the new one is named
// "... (2).eml", "... (3).eml" and so on.
func Save(dir string, d *Draft) (string, error) {
	var buf bytes.Buffer
	if err := d.WriteEML(&buf); err != nil {
		return "", err
	}
	return WriteNew(dir, d.FileName(), buf.Bytes())
}

// SaveAttachments writes each of the draft's attachments into the folder dir as a file of its
// own (never over an existing file), for a mail program that cannot open .eml files: the coach
// pastes the copied text and attaches these. It returns the paths written.
func SaveAttachments(dir string, d *Draft) ([]string, error) {
	var paths []string
	for _, a := range d.Attachments {
		path, err := WriteNew(dir, a.Name, a.Data)
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// WriteNew writes data into the folder dir as a new file named name (made safe with
// SafeFileName's rules), adding " (2)", " (3)"... before the extension while a file of that
// name exists, and returns the path written. The file is readable by the coach's account only.
func WriteNew(dir, name string, data []byte) (string, error) {
	ext := filepath.Ext(name)
	if len(ext) > 10 || strings.ContainsAny(ext, " ") {
		ext = ""
	}
	base := SafeFileName(strings.TrimSuffix(name, ext), "")
	ext = strings.Map(func(r rune) rune {
		if r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, ext)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("The folder %s does not exist or is not a folder: choose another one.", dir)
	}
	for n := 1; n < 1000; n++ {
		candidate := base + ext
		if n > 1 {
			candidate = fmt.Sprintf("%s (%d)%s", base, n, ext)
		}
		path := filepath.Join(dir, candidate)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("Mutua cannot write %s in %s: %w", candidate, dir, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", fmt.Errorf("Mutua could not finish writing %s (is the disk full?): %w", candidate, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("The folder %s already holds too many files named %s: choose another folder.", dir, base+ext)
}
