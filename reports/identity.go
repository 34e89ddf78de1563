package reports

import (
	"bytes"

	"github.com/jung-kurt/gofpdf"
)

// The letterhead box on the first page: the logo is scaled to fit it, keeping its shape.
const (
	logoBoxW = 45.0
	logoBoxH = 20.0
)

// letterhead prints who the report comes from at the top of the first page: the logo on the
// left, the practice, the coach and the contact line on the right. Nothing when none is set.
func (d *doc) letterhead() {
	if d.id.IsEmpty() {
		return
	}
	top := d.pdf.GetY()
	bottom := top
	if h := d.logo(d.left, top, logoBoxW, logoBoxH); h > 0 {
		bottom = top + h
	}
	textW := d.width - logoBoxW - 4
	x := d.left + d.width - textW
	d.pdf.SetXY(x, top)
	if d.id.Name != "" {
		d.font(true, 10)
		d.color(accent)
		d.pdf.SetX(x)
		d.pdf.MultiCell(textW, 5, d.clean(d.id.Name), "", "R", false)
	}
	d.font(false, 9)
	d.color(muted)
	for _, line := range []string{d.id.Coach, d.id.Contact} {
		if line != "" {
			d.pdf.SetX(x)
			d.pdf.MultiCell(textW, 4.6, d.clean(line), "", "R", false)
		}
	}
	d.color(ink)
	d.font(false, 10)
	d.pdf.SetY(max(bottom, d.pdf.GetY()) + 4)
}

// logo draws the practice's logo scaled to fit a w × h box at x, y and returns the height it
// took; 0 when there is no logo or the PDF library cannot draw this one, which leaves the
// report whole rather than failing it.
func (d *doc) logo(x, y, w, h float64) float64 {
	if len(d.id.Logo) == 0 {
		return 0
	}
	kind := "PNG"
	if d.id.LogoKind == "jpeg" {
		kind = "JPG"
	}
	opts := gofpdf.ImageOptions{ImageType: kind}
	info := d.pdf.RegisterImageOptionsReader("practice-logo", opts, bytes.NewReader(d.id.Logo))
	if d.pdf.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		d.pdf.ClearError()
		return 0
	}
	scale := min(w/info.Width(), h/info.Height())
	d.pdf.ImageOptions("practice-logo", x, y, info.Width()*scale, info.Height()*scale, false, opts, 0, "")
	return info.Height() * scale
}
