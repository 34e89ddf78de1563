package data

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"os"
	"path/filepath"
	"strings"
)

// PracticeIdentity is who the reports come from: the practice, its coach and how to reach
// them, and an optional logo. Reports print these, never the practice file's name.
type PracticeIdentity struct {
	Name     string // the practice's name, e.g. "Silva Coaching"
	Coach    string // the coach's own name
	Contact  string // one line: an email, a phone number or a web address
	Logo     []byte // a PNG or JPEG image, nil when there is none
	LogoKind string // "png" or "jpeg", set with Logo
}

// Limits of a practice's identity.
const (
	MaxLogoBytes     = 1 << 20 // a logo file of at most 1 MB
	MaxLogoDimension = 4000    // pixels on either side
	// NoCoachName is what a report says when the coach has not given a name.
	NoCoachName = "your coach"
)

// Normalize trims the text fields and collapses runs of spaces inside them.
func (p *PracticeIdentity) Normalize() {
	for _, s := range []*string{&p.Name, &p.Coach, &p.Contact} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	if len(p.Logo) == 0 {
		p.Logo, p.LogoKind = nil, ""
	}
}

// Validate checks each field and the logo, naming every problem by field.
func (p *PracticeIdentity) Validate() error {
	var problems []Problem
	for _, f := range []struct{ field, label, value string }{
		{"name", "The practice's name", p.Name},
		{"coach", "The coach's name", p.Coach},
		{"contact", "The contact line", p.Contact},
	} {
		msg := CheckText(f.label, f.value, MaxShortLength)
		if msg == "" && strings.ContainsAny(f.value, "\n\r\t") {
			msg = f.label + " must fit on one line."
		}
		if msg != "" {
			problems = append(problems, Problem{Field: f.field, Message: msg})
		}
	}
	if len(p.Logo) > 0 {
		kind, err := CheckLogo(p.Logo)
		if err != nil {
			problems = append(problems, Problem{Field: "logo", Message: err.Error()})
		} else if p.LogoKind != kind {
			p.LogoKind = kind
		}
	}
	return NewInvalid("", problems)
}

// CheckLogo reads an image's header and says its kind ("png" or "jpeg"), or why it cannot
// be a logo, in plain words.
func CheckLogo(b []byte) (string, error) {
	if len(b) > MaxLogoBytes {
		return "", Errorf(Invalid, "The logo is too large (%s); choose an image of at most 1 MB.", byteSize(len(b)))
	}
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (kind != "png" && kind != "jpeg") {
		return "", Errorf(Invalid, "The logo must be a PNG or JPEG image; this file is not one.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoDimension || cfg.Height > MaxLogoDimension {
		return "", Errorf(Invalid, "The logo is %d × %d pixels; choose an image of at most %d pixels on each side.", cfg.Width, cfg.Height, MaxLogoDimension)
	}
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		return "", Errorf(Invalid, "The logo image is damaged or incomplete; choose another file.")
	}
	return kind, nil
}

func byteSize(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// Prepared says who prepared a report: the coach and the practice, or "your coach".
func (p PracticeIdentity) Prepared() string {
	switch {
	case p.Coach != "" && p.Name != "":
		return p.Coach + ", " + p.Name
	case p.Coach != "":
		return p.Coach
	case p.Name != "":
		return p.Name
	}
	return NoCoachName
}

// Sharer names who shares a report with its reader: the coach, else the practice, else
// "your coach".
func (p PracticeIdentity) Sharer() string {
	switch {
	case p.Coach != "":
		return p.Coach
	case p.Name != "":
		return p.Name
	}
	return NoCoachName
}

// Heading is the name a report's header and footer carry: the practice's, else the coach's,
// else nothing.
func (p PracticeIdentity) Heading() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Coach
}

// IsEmpty says whether nothing at all has been set.
func (p PracticeIdentity) IsEmpty() bool {
	return p.Name == "" && p.Coach == "" && p.Contact == "" && len(p.Logo) == 0
}

// LogoDescription says what the logo is in a few words ("PNG, 120 × 40 pixels, 3 KB"), or
// "" when there is none.
func (p PracticeIdentity) LogoDescription() string {
	if len(p.Logo) == 0 {
		return ""
	}
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(p.Logo))
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s, %d × %d pixels, %s", strings.ToUpper(kind), cfg.Width, cfg.Height, byteSize(len(p.Logo)))
}

// ReadLogo reads a logo file, refusing in plain words one too large or not a PNG or JPEG
// image; it reads no more than the largest logo allowed, whatever the file's size.
func ReadLogo(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Errorf(NotFound, "Mutua could not read the logo file %s.", filepath.Base(path))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return nil, Errorf(NotFound, "Mutua could not read the logo file %s.", filepath.Base(path))
	}
	if len(b) > MaxLogoBytes {
		return nil, Errorf(Invalid, "The logo is too large (over 1 MB); choose an image of at most 1 MB.")
	}
	if _, err := CheckLogo(b); err != nil {
		return nil, err
	}
	return b, nil
}
