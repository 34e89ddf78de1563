// Package reports writes Mutua's PDF reports: a participant's progress report, the brief
// for a new pair, and a cohort's summary. Each is a pure function from a report model (made
// by the data package, which already holds only what the reader may see) to an io.Writer.
package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"

	"mutua/data"
)

// Options say how to print.
type Options struct {
	Regular, Bold []byte         // a Unicode TrueType font, so every name prints as written
	Scripts       [][2][]byte    // {regular, bold} TrueType fonts for the scripts Regular lacks, tried in order
	PageSize      string         // "A4" (the default) or "Letter"
	Created       time.Time      // the creation time written into the file; now when zero
	DateOrder     data.DateOrder // the order dates are written in; day month year when not set
	InactiveDays  int            // days without a session before the cohort summary calls a pair inactive; the default when 0
}

// Page sizes a coach can choose.
const (
	A4     = "A4"
	Letter = "Letter"
)

// Colours of the reports, as RGB.
var (
	ink     = [3]int{33, 37, 41}
	muted   = [3]int{108, 117, 125}
	accent  = [3]int{31, 58, 95}    // the Mutua navy
	accent2 = [3]int{242, 166, 90}  // orange
	rule    = [3]int{206, 212, 218} // lines and empty bars
	paper   = [3]int{244, 246, 248} // shaded panels
)

// doc is a report being written.
type doc struct {
	pdf      *page
	glyphs   *glyphSet
	practice string                // the name the header and footer carry; may be empty
	id       data.PracticeIdentity // who the report comes from, never the file's name
	title    string
	today    data.Date
	dates    data.DateOrder
	left     float64 // margins and the width between them
	width    float64
	bottom   float64   // the lowest y text may reach before a new page
	top      float64   // where text starts on a page, under the header
	pending  []heading // headings waiting for what follows them (layout.go)
}

const (
	margin   = 18.0
	family   = "Noto"
	lineText = 5.2 // mm per line of body text
)

// newDoc starts a report with its metadata, header and footer. Title and subject must hold
// only what every reader of this report may see: they go into the file's properties.
func newDoc(o Options, id data.PracticeIdentity, title, subject string, today data.Date) (*doc, error) {
	if len(o.Regular) == 0 || len(o.Bold) == 0 {
		return nil, errors.New("the report font is missing")
	}
	glyphs, err := fontGlyphs(o.Regular, o.Scripts...)
	if err != nil {
		return nil, err
	}
	size := A4
	if o.PageSize == Letter {
		size = Letter
	}
	pdf := newPage(gofpdf.New("P", "mm", size, ""), glyphs, o.Scripts)
	pdf.AddUTF8FontFromBytes(family, "", o.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", o.Bold)
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCatalogSort(true) // with fixed dates, the same report gives the same bytes
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	d := &doc{pdf: pdf, glyphs: glyphs, practice: id.Heading(), id: id, title: title, today: today, dates: o.DateOrder}
	pdf.SetTitle(d.clean(title), true)
	pdf.SetSubject(d.clean(subject), true)
	if author := joinNonEmpty(", ", id.Coach, id.Name); author != "" {
		pdf.SetAuthor(d.clean(author), true)
	}
	pdf.SetCreator("Mutua", true)
	pdf.SetKeywords("Confidential", true)
	pdf.SetMargins(margin, margin+8, margin)
	pdf.SetAutoPageBreak(true, margin+4)
	w, h := pdf.GetPageSize()
	d.left, d.width, d.bottom, d.top = margin, w-2*margin, h-margin-6, margin+8
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFuncMode(d.header, false)
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()
	d.letterhead()
	return d, nil
}

func (d *doc) color(c [3]int) { d.pdf.SetTextColor(c[0], c[1], c[2]) }
func (d *doc) fill(c [3]int)  { d.pdf.SetFillColor(c[0], c[1], c[2]) }
func (d *doc) draw(c [3]int)  { d.pdf.SetDrawColor(c[0], c[1], c[2]) }
func (d *doc) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	d.pdf.SetFont(family, style, size)
}

func (d *doc) header() {
	d.font(false, 8)
	d.color(muted)
	d.pdf.SetXY(d.left, 10)
	// The practice's name takes what it needs (at most half); the title the rest, shortened
	// when it is longer (a triad's pair brief), so the two never overlap.
	practice := d.fit(d.clean(d.practice), d.width/2)
	used := d.pdf.GetStringWidth(practice) + 6
	d.pdf.CellFormat(used, 5, practice, "", 0, "L", false, 0, "")
	d.pdf.CellFormat(d.width-used, 5, d.fit(d.clean(d.title), d.width-used), "", 0, "R", false, 0, "")
	d.draw(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left, 16, d.left+d.width, 16)
	d.pdf.SetXY(d.left, margin+8)
	d.color(ink)
}

func (d *doc) footer() {
	_, h := d.pdf.GetPageSize()
	d.font(false, 8)
	d.color(muted)
	d.draw(rule)
	d.pdf.Line(d.left, h-14, d.left+d.width, h-14)
	d.pdf.SetXY(d.left, h-13)
	d.pdf.CellFormat(d.width*0.7, 5, d.clean(joinNonEmpty(" · ", "Confidential", d.practice, "printed "+d.date(d.today))), "", 0, "L", false, 0, "")
	d.pdf.CellFormat(d.width*0.3, 5, fmt.Sprintf("Page %d of {nb}", d.pdf.PageNo()), "", 0, "R", false, 0, "")
	d.color(ink)
}

// finish writes the report; a failed report is an error, never a broken file.
func (d *doc) finish(w io.Writer) error {
	d.keep(0)
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// room starts a new page unless h millimetres are left on this one, for the headings
// waiting to be drawn and the h millimetres under them.
func (d *doc) room(h float64) {
	if len(d.pending) > 0 {
		d.keep(h)
		return
	}
	if d.pdf.GetY()+h > d.bottom {
		d.pdf.AddPage()
	}
}

// section prints a section heading, once what follows asks for room: the heading stays
// with at least the first lines under it (keep, in layout.go).
func (d *doc) section(title string) {
	d.later(4+8+2.5, func() {
		d.pdf.Ln(4)
		d.font(true, 13)
		d.color(accent)
		d.pdf.SetX(d.left)
		d.pdf.CellFormat(d.width, 8, d.clean(title), "", 1, "L", false, 0, "")
		d.draw(accent)
		d.pdf.SetLineWidth(0.4)
		y := d.pdf.GetY()
		d.pdf.Line(d.left, y, d.left+24, y)
		d.pdf.Ln(2.5)
		d.color(ink)
	})
}

// subheading prints a smaller heading inside a section, kept with what follows it.
func (d *doc) subheading(title string) {
	d.font(true, 10.5)
	lines := len(d.wrap(d.clean(title), d.width-2*d.pdf.GetCellMargin()))
	d.font(false, 10)
	d.later(1.5+5.5*float64(lines), func() {
		d.pdf.Ln(1.5)
		d.font(true, 10.5)
		d.pdf.SetX(d.left)
		d.pdf.MultiCell(d.width, 5.5, d.clean(title), "", "L", false)
		d.font(false, 10)
	})
}

// para prints wrapped body text.
func (d *doc) para(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.keepText(text, d.width, lineText, 10)
	d.font(false, 10)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.width, lineText, d.clean(text), "", "L", false)
}

// note prints text in the muted colour, for explanations and empty sections.
func (d *doc) note(text string) {
	d.keepText(text, d.width, 4.6, 9)
	d.color(muted)
	d.font(false, 9)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.width, 4.6, d.clean(text), "", "L", false)
	d.color(ink)
	d.font(false, 10)
}

// bullets prints a list.
func (d *doc) bullets(items []string) {
	d.keepText(strings.Join(items, "\n"), d.width-6, lineText, 10)
	d.font(false, 10)
	for _, it := range items {
		d.room(lineText)
		d.pdf.SetX(d.left + 2)
		d.pdf.CellFormat(4, lineText, "•", "", 0, "L", false, 0, "")
		d.pdf.MultiCell(d.width-6, lineText, d.clean(it), "", "L", false)
	}
}

// fields prints label–value rows, skipping empty values unless blank is set, when it
// prints a line to write on instead.
func (d *doc) fields(rows [][2]string, blank bool) {
	labelW := 42.0
	for _, r := range rows {
		if r[1] == "" && !blank {
			continue
		}
		d.room(lineText * 2)
		y := d.pdf.GetY()
		d.font(true, 9.5)
		d.color(muted)
		d.pdf.SetXY(d.left, y)
		d.pdf.MultiCell(labelW, lineText, d.clean(r[0]), "", "L", false)
		yLabel := d.pdf.GetY()
		d.color(ink)
		d.font(false, 10)
		d.pdf.SetXY(d.left+labelW, y)
		if r[1] == "" {
			d.draw(rule)
			d.pdf.Line(d.left+labelW, y+lineText*2, d.left+d.width, y+lineText*2)
			d.pdf.SetY(y + lineText*2 + 2)
			continue
		}
		d.pdf.MultiCell(d.width-labelW, lineText, d.clean(r[1]), "", "L", false)
		if yLabel > d.pdf.GetY() {
			d.pdf.SetY(yLabel)
		}
		d.pdf.Ln(0.8)
	}
}

// fit cuts text to a width with an ellipsis.
func (d *doc) fit(text string, width float64) string {
	if d.pdf.GetStringWidth(text) <= width {
		return text
	}
	runes := []rune(text)
	lo, hi := 0, len(runes) // the longest prefix that fits lies in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.pdf.GetStringWidth(string(runes[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// progressBar draws a horizontal bar filled to share (0 to 1) with a label after it.
func (d *doc) progressBar(x, y, w, h, share float64, label string) {
	d.fill(rule)
	d.pdf.Rect(x, y, w, h, "F")
	d.fill(accent)
	d.pdf.Rect(x, y, w*max(0, min(1, share)), h, "F")
	d.font(false, 8.5)
	d.pdf.Text(x+w+2, y+h-0.6, d.clean(label))
	d.font(false, 10)
}

// barChart draws vertical bars in groups: one group per label, one bar per series, values
// from 0 to top, with the series named in a legend.
func (d *doc) barChart(groups []string, series []string, values [][]float64, top float64, height float64, valueText func(float64) string) {
	d.room(height + 18)
	// The newest series in the strongest colour, earlier ones paler, as on screen.
	shade := func(s int) [3]int {
		pale := float64(len(series)-1-s) / float64(len(series)) * 0.75
		var c [3]int
		for k := range c {
			c[k] = accent[k] + int(pale*float64(255-accent[k]))
		}
		return c
	}
	y0 := d.pdf.GetY() + 2
	// Legend.
	x := d.left
	d.font(false, 8)
	for i, s := range series {
		d.fill(shade(i))
		d.pdf.Rect(x, y0, 3, 3, "F")
		d.color(muted)
		d.pdf.Text(x+4, y0+2.7, d.clean(s))
		x += 6 + d.pdf.GetStringWidth(d.clean(s)) + 4
	}
	d.color(ink)
	top0 := y0 + 7
	base := top0 + height
	axis := 10.0
	// Grid lines at quarters.
	d.draw(rule)
	d.pdf.SetLineWidth(0.15)
	for k := 0; k <= 4; k++ {
		gy := base - height*float64(k)/4
		d.pdf.Line(d.left+axis, gy, d.left+d.width, gy)
		d.color(muted)
		d.pdf.Text(d.left, gy+1, valueText(top*float64(k)/4))
	}
	groupW := (d.width - axis) / float64(max(len(groups), 1))
	barW := min(14, (groupW-8)/float64(max(len(series), 1)))
	for g, label := range groups {
		gx := d.left + axis + groupW*float64(g) + (groupW-barW*float64(len(series)))/2
		for s := range series {
			v := values[s][g]
			h := 0.0
			if top > 0 {
				h = height * min(v, top) / top
			}
			d.fill(shade(s))
			if h > 0 {
				d.pdf.Rect(gx+barW*float64(s), base-h, barW-1, h, "F")
			}
			d.color(ink)
			d.font(false, 7)
			txt := valueText(v)
			d.pdf.Text(gx+barW*float64(s)+(barW-1-d.pdf.GetStringWidth(txt))/2, base-h-1, txt)
		}
		d.font(true, 8.5)
		d.color(ink)
		lbl := d.fit(d.clean(label), groupW-2)
		d.pdf.Text(d.left+axis+groupW*float64(g)+(groupW-d.pdf.GetStringWidth(lbl))/2, base+4.5, lbl)
	}
	d.font(false, 10)
	d.pdf.SetY(base + 8)
}

// Text cleaning: gofpdf stops with a panic on invalid UTF-8 and on a character its font
// lacks (an emoji, say), so every string is cleaned before it reaches the page.

// glyphSet knows which characters the report font and the script fonts can draw.
type glyphSet struct {
	fonts []*sfnt.Font // the report font, then the script fonts
	mu    sync.Mutex
	has   map[rune]int // the first font that has a character, or -1
	fill  string       // what replaces an invalid byte
}

var (
	glyphsMu    sync.Mutex
	glyphsCache = map[string]*glyphSet{}
)

// fontGlyphs reads the fonts once per set of fonts.
func fontGlyphs(ttf []byte, scripts ...[2][]byte) (*glyphSet, error) {
	glyphsMu.Lock()
	defer glyphsMu.Unlock()
	key := fmt.Sprintf("%p", ttf)
	for _, s := range scripts {
		key += fmt.Sprintf(" %p", s[0])
	}
	if g, ok := glyphsCache[key]; ok {
		return g, nil
	}
	g := &glyphSet{has: map[rune]int{}, fill: "?"}
	for k, b := range append([][]byte{ttf}, scriptRegulars(scripts)...) {
		f, err := sfnt.Parse(b)
		if err != nil {
			if k > 0 {
				return nil, fmt.Errorf("read script font %d: %w", k, err)
			}
			return nil, fmt.Errorf("read the report font: %w", err)
		}
		g.fonts = append(g.fonts, f)
	}
	if g.drawable(utf8.RuneError) {
		g.fill = string(utf8.RuneError)
	}
	glyphsCache[key] = g
	return g, nil
}

func (g *glyphSet) drawable(r rune) bool { return g.which(r) >= 0 }

// which gives the first font that draws r: 0 the report font, k the script font k-1; -1 none.
func (g *glyphSet) which(r rune) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if k, ok := g.has[r]; ok {
		return k
	}
	var buf sfnt.Buffer
	which := -1
	for k, f := range g.fonts {
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 && g.suits(f, r) {
			which = k
			break
		}
	}
	g.has[r] = which
	return which
}

// clean makes text safe to print: invalid bytes and characters the font lacks become a
// replacement mark, control characters become spaces, and line breaks stay.
func (d *doc) clean(s string) string { return cleanText(d.glyphs, s) }

func cleanText(g *glyphSet, s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\r':
		case r == '\t' || unicode.IsControl(r):
			b.WriteByte(' ')
		case r < 128:
			b.WriteRune(r)
		case r == leftToRightMark:
			b.WriteRune(r)
		case unicode.Is(unicode.Variation_Selector, r) || r == '\u200d':
			// parts of emoji sequences: dropped with the emoji
		case r == utf8.RuneError:
			b.WriteString(g.fill)
		case g.drawable(r):
			b.WriteRune(r)
		default:
			b.WriteString(g.substitute(r))
		}
	}
	return b.String()
}

// date writes a date in the order the coach chose: 8 Nov 2026, Nov 8, 2026 or 2026-11-08.
func (d *doc) date(day data.Date) string { return d.dates.Format(day) }

// month names a month on a chart: Nov ’26, never Nov 26, which reads as a day; 2026-11 in ISO.
func (d *doc) month(t time.Time) string {
	return d.dates.Month(t)
}
