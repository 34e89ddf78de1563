package reports

import (
	"errors"

	"github.com/jung-kurt/gofpdf"
)

// Canvas is a gofpdf document that prints any script Mutua's fonts hold, for packages that
// lay out their own pages (the questionnaire forms). Its font family "Noto" (styles "" and
// "B") is added; SetFont, Text, CellFormat, MultiCell and GetStringWidth handle every script
// of the Options' fonts; any other gofpdf call goes straight through.
type Canvas struct {
	*page
}

// CanvasFont is the family name of the report font on a Canvas.
const CanvasFont = family

// NewCanvas wraps pdf, adding the report font and the script fonts of o.
func NewCanvas(pdf *gofpdf.Fpdf, o Options) (*Canvas, error) {
	if len(o.Regular) == 0 || len(o.Bold) == 0 {
		return nil, errors.New("the report font is missing")
	}
	glyphs, err := fontGlyphs(o.Regular, o.Scripts...)
	if err != nil {
		return nil, err
	}
	p := newPage(pdf, glyphs, o.Scripts)
	p.AddUTF8FontFromBytes(family, "", o.Regular)
	p.AddUTF8FontFromBytes(family, "B", o.Bold)
	return &Canvas{page: p}, nil
}

// Clean makes text safe to print: invalid bytes and characters no font holds become a
// replacement mark, control characters become spaces, and line breaks stay.
func (c *Canvas) Clean(s string) string { return cleanText(c.glyphs, s) }
