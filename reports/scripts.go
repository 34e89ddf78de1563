package reports

// Every script a cohort may hold. gofpdf draws one font at a time, left to right, one glyph
// per character, so a line of mixed text goes through three steps before it reaches the page:
//
//   - Arabic letters take their joined forms (Arabic Presentation Forms, which the Arabic font
//     draws), and lam with alef becomes its ligature;
//   - the line is put in visual order by the Unicode bidirectional algorithm (the
//     part a line without embeddings needs): Hebrew and Arabic runs read right to left;
//   - the line is cut into runs by font: Noto Sans for Latin, Greek, Cyrillic and Vietnamese,
//     then the script fonts of Options.Scripts in order (Hebrew, Arabic, Devanagari, Thai, and
//     Droid Sans Fallback for Chinese, Japanese and Korean), each drawn where the last ended.
//
// page wraps gofpdf so that the report code keeps calling CellFormat, MultiCell, Text and
// GetStringWidth as before. Text only Noto Sans draws, left to right, goes straight through.
// Fonts are added to a report only when it uses them, so the file embeds (a subset of) only
// those. Devanagari prints letter by letter, without conjuncts: see README.

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// page is a gofpdf document that prints any script its fonts hold.
type page struct {
	*gofpdf.Fpdf
	glyphs  *glyphSet
	scripts [][2][]byte     // {regular, bold} of each script font, as glyphs numbers them from 1
	added   map[string]bool // script fonts already added, by family and style
	family  string          // the font set last, to come back to after a run in another
	style   string
	size    float64
}

func newPage(pdf *gofpdf.Fpdf, glyphs *glyphSet, scripts [][2][]byte) *page {
	return &page{Fpdf: pdf, glyphs: glyphs, scripts: scripts, added: map[string]bool{}}
}

// SetFont sets the font of the text that follows.
func (p *page) SetFont(family, style string, size float64) {
	p.family, p.style, p.size = family, style, size
	p.Fpdf.SetFont(family, style, size)
}

// scriptFont returns the bytes of script font i (from 1) in the current style.
func (p *page) scriptFont(i int) (ttf []byte, style string) {
	ttf = p.scripts[i-1][0]
	bold := p.scripts[i-1][1]
	if strings.Contains(p.style, "B") && len(bold) > 0 && &bold[0] != &ttf[0] {
		return bold, "B"
	}
	return ttf, "" // a font without a bold face is added once
}

// A new page runs the header, which sets its own font; gofpdf then puts back the font of
// the page before, and so must page.
func (p *page) AddPage() {
	family, style, size := p.family, p.style, p.size
	p.Fpdf.AddPage()
	p.family, p.style, p.size = family, style, size
}

// use makes the font of a run current: 0 is the report font, i > 0 the script font i-1,
// drawn by glyph when the run is shaped.
func (p *page) use(r run) {
	if r.font == 0 {
		p.Fpdf.SetFont(p.family, p.style, p.size)
		return
	}
	ttf, style := p.scriptFont(r.font)
	name := fmt.Sprintf("script%d", r.font)
	if r.shaped != nil {
		name += "glyphs"
		ttf = r.shaped.byGID
	} else if r.block != nil {
		name += fmt.Sprintf("block%x", r.number)
		ttf = r.block
	}
	if !p.added[name+style] {
		p.Fpdf.AddUTF8FontFromBytes(name, style, ttf)
		p.added[name+style] = true
	}
	p.Fpdf.SetFont(name, style, p.size)
}

// run is a piece of a line drawn in one font.
type run struct {
	font   int
	text   string
	shaped *shaper // the shaper that turned text into glyphs, if one did
	block  []byte  // the block of a big font the run's characters lie in, if cut
	number rune    // that block's number
}

// plain tells whether the report font alone draws s, left to right.
func (p *page) plain(s string) bool {
	for _, r := range s {
		if r >= 0x80 && (r == leftToRightMark || rightToLeft(r) || p.glyphs.which(r) != 0) {
			return false
		}
	}
	return true
}

func rightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// leftToRightMark (U+200E, as Unicode provides) makes a line read left to right whatever
// script its first letter is in; it is never drawn.
const leftToRightMark = '\u200e'

// ltr marks a line the report composes in English, such as "Laila and Ben" or "Laila can
// teach", as reading left to right: without the mark, a line whose first word is an Arabic
// or Hebrew name would be laid out right to left, as a sentence written in that script is.
func ltr(s string) string { return string(leftToRightMark) + s }

// runs puts one line in visual order and cuts it by font.
func (p *page) runs(line string) []run {
	visual := reorder(joinArabic(line))
	var out []run
	var b strings.Builder
	cur := -1
	for _, r := range visual {
		if r == leftToRightMark {
			continue
		}
		f := p.glyphs.which(r)
		if f < 0 || (unicode.In(r, unicode.M) && cur > 0 && p.glyphs.fontHas(cur, r)) {
			f = cur // a mark stays with its letter
		}
		if (r == ' ' || f < 0) && cur >= 0 {
			f = cur // a space between two words of a script stays in their font
		}
		if f < 0 {
			f = 0
		}
		if f != cur && b.Len() > 0 {
			out = append(out, run{font: cur, text: b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, run{font: cur, text: b.String()})
	}
	out = p.cut(out)
	for k, r := range out {
		if r.font > 0 && strings.ContainsFunc(r.text, needsShaping) {
			ttf, _ := p.scriptFont(r.font)
			if s := shaperFor(ttf); s != nil {
				out[k].text, out[k].shaped = s.shape(r.text), s
			}
		}
	}
	return out
}

// cut splits runs of big fonts by block (see subset.go).
func (p *page) cut(runs []run) []run {
	var out []run
	for _, r := range runs {
		ttf := []byte(nil)
		if r.font > 0 {
			ttf, _ = p.scriptFont(r.font)
		}
		if ttf == nil || !isBig(ttf) {
			out = append(out, r)
			continue
		}
		start, cur := 0, rune(-1)
		flush := func(end int) {
			if end > start {
				out = append(out, run{font: r.font, text: r.text[start:end], block: block(ttf, max(cur, 0)), number: max(cur, 0)})
			}
			start = end
		}
		for i, c := range r.text {
			if c == ' ' || c>>8 == cur {
				continue
			}
			if cur >= 0 {
				flush(i)
			}
			cur = c >> 8
		}
		flush(len(r.text))
	}
	return out
}

// GetStringWidth measures text in the current font and size.
func (p *page) GetStringWidth(s string) float64 {
	if p.plain(s) {
		return p.Fpdf.GetStringWidth(s)
	}
	return p.width(p.runs(s))
}

func (p *page) width(runs []run) float64 {
	w := 0.0
	for _, r := range runs {
		p.use(r)
		w += p.Fpdf.GetStringWidth(r.text)
	}
	p.use(run{})
	return w
}

// Text prints text with its baseline at (x, y).
func (p *page) Text(x, y float64, s string) {
	if p.plain(s) {
		p.Fpdf.Text(x, y, s)
		return
	}
	for _, r := range p.runs(s) {
		p.use(r)
		p.Fpdf.Text(x, y, r.text)
		x += p.Fpdf.GetStringWidth(r.text)
	}
	p.use(run{})
}

// CellFormat prints a cell as gofpdf does, its text in as many fonts as it needs.
func (p *page) CellFormat(w, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	family, style, size := p.family, p.style, p.size
	defer func() { p.family, p.style, p.size = family, style, size }() // a new page may come between
	if p.plain(s) {
		p.Fpdf.CellFormat(w, h, s, border, ln, align, fill, link, linkStr)
		return
	}
	if w == 0 {
		pw, _ := p.GetPageSize()
		_, _, right, _ := p.GetMargins()
		w = pw - right - p.GetX()
	}
	// The empty cell draws the border and fill, and turns the page if it must.
	p.Fpdf.CellFormat(w, h, "", border, 0, "", fill, link, linkStr)
	p.family, p.style, p.size = family, style, size
	x, y := p.GetX()-w, p.GetY()
	runs := p.runs(s)
	tw := p.width(runs)
	dx := p.GetCellMargin()
	switch {
	case strings.Contains(strings.ToUpper(align), "R"):
		dx = w - p.GetCellMargin() - tw
	case strings.Contains(strings.ToUpper(align), "C"):
		dx = (w - tw) / 2
	}
	base := y + h/2 + 0.3*p.size/p.GetConversionRatio()
	tx := x + dx
	for _, r := range runs {
		p.use(r)
		p.Fpdf.Text(tx, base, r.text)
		tx += p.Fpdf.GetStringWidth(r.text)
	}
	p.use(run{})
	switch ln {
	case 1:
		left, _, _, _ := p.GetMargins()
		p.SetXY(left, y+h)
	case 2:
		p.SetXY(x, y+h)
	default:
		p.SetXY(x+w, y)
	}
}

// MultiCell prints text wrapped to a width, as gofpdf does, breaking lines at spaces (and
// inside words too long for a line, which is how Chinese and Japanese break anyway).
func (p *page) MultiCell(w, h float64, s, border, align string, fill bool) {
	if p.plain(s) {
		family, style, size := p.family, p.style, p.size
		p.Fpdf.MultiCell(w, h, s, border, align, fill)
		p.family, p.style, p.size = family, style, size
		return
	}
	if w == 0 {
		pw, _ := p.GetPageSize()
		_, _, right, _ := p.GetMargins()
		w = pw - right - p.GetX()
	}
	room := w - 2*p.GetCellMargin()
	fits := func(t string) bool { return p.GetStringWidth(t) <= room }
	var lines []string
	for _, para := range strings.Split(strings.TrimRight(strings.ReplaceAll(s, "\r", ""), "\n"), "\n") {
		first := len(lines)
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if fits(try) {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			for !fits(word) { // a word wider than a line: cut it where it must
				rs := []rune(word)
				n, hi := 1, len(rs)-1 // the longest prefix that fits, at least one character
				for n < hi {
					mid := (n + hi + 1) / 2
					if fits(string(rs[:mid])) {
						n = mid
					} else {
						hi = mid - 1
					}
				}
				lines = append(lines, string(rs[:n]))
				word = string(rs[n:])
			}
			line = word
		}
		lines = append(lines, line)
		if strings.HasPrefix(para, string(leftToRightMark)) {
			// Every line of a paragraph marked left to right keeps the mark.
			for i := first + 1; i < len(lines); i++ {
				lines[i] = ltr(lines[i])
			}
		}
	}
	if strings.EqualFold(align, "J") || align == "" {
		align = "L"
	}
	for _, l := range lines {
		p.CellFormat(w, h, l, border, 2, align, fill, 0, "")
	}
	left, _, _, _ := p.GetMargins()
	p.SetX(left)
}

// reorder puts a line in visual order, left to right, by the rules of the Unicode
// bidirectional algorithm for a line without embeddings: the line reads in the direction of
// its first letter (a left-to-right mark counts as one); right-to-left letters, and the numbers and spaces between them, turn
// around as a run; numbers inside such a run still read left to right.
func reorder(line string) string {
	if !strings.ContainsFunc(line, rightToLeft) {
		return line
	}
	rs := []rune(line)
	const (
		left = iota
		right
		number
		neutral
	)
	class := make([]int, len(rs))
	base := -1 // the paragraph's direction: that of its first letter
	last := neutral
	for i, r := range rs {
		switch {
		case unicode.In(r, unicode.M) && i > 0: // a vowel sign or mark goes with its letter
			class[i] = class[i-1]
		case r == leftToRightMark:
			class[i] = left
		case digit(r):
			class[i] = number
			if last == left || last == neutral && base != right {
				class[i] = left // a number after left-to-right text is part of it
			}
		case rightToLeft(r) && (unicode.IsLetter(r) || r >= 0xFB1D):
			class[i] = right
		case unicode.IsLetter(r):
			class[i] = left
		default:
			class[i] = neutral
		}
		if c := class[i]; c == left || c == right {
			last = c
			if base < 0 {
				base = c
			}
		}
	}
	if base < 0 {
		base = left
	}
	// Neutrals take the direction of the text on both sides when it agrees (numbers count as
	// right to left), else the paragraph's.
	strong := func(c int) int {
		if c == number {
			return right
		}
		return c
	}
	for i := 0; i < len(rs); {
		if class[i] != neutral {
			i++
			continue
		}
		j := i
		for j < len(rs) && class[j] == neutral {
			j++
		}
		before, after := base, base
		if i > 0 {
			before = strong(class[i-1])
		}
		if j < len(rs) {
			after = strong(class[j])
		}
		dir := base
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			class[k] = dir
		}
		i = j
	}
	// Runs: right-to-left ones turn around; in a right-to-left line, so does their order.
	var runs []string
	for i := 0; i < len(rs); {
		rtl := class[i] != left
		j := i + 1
		for j < len(rs) && (class[j] != left) == rtl {
			j++
		}
		if rtl {
			runs = append(runs, reverse(string(rs[i:j])))
		} else {
			runs = append(runs, string(rs[i:j]))
		}
		i = j
	}
	if base == right {
		for a, b := 0, len(runs)-1; a < b; a, b = a+1, b-1 {
			runs[a], runs[b] = runs[b], runs[a]
		}
	}
	return strings.Join(runs, "")
}

// reverse turns right-to-left text around, keeping each letter with its marks and numbers
// reading left to right.
func reverse(s string) string {
	var parts []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if digit(rs[i]) {
			for j < len(rs) && (digit(rs[j]) || strings.ContainsRune(".,:", rs[j]) && j+1 < len(rs) && digit(rs[j+1])) {
				j++
			}
		}
		for j < len(rs) && unicode.In(rs[j], unicode.M) {
			j++
		}
		parts = append(parts, string(rs[i:j]))
		i = j
	}
	var b strings.Builder
	for k := len(parts) - 1; k >= 0; k-- {
		b.WriteString(mirror(parts[k]))
	}
	return b.String()
}

func digit(r rune) bool {
	return r >= '0' && r <= '9' || r >= 0x0660 && r <= 0x0669 || r >= 0x06F0 && r <= 0x06F9
}

// mirror turns brackets around, as right-to-left text shows them.
func mirror(s string) string {
	switch s {
	case "(":
		return ")"
	case ")":
		return "("
	case "[":
		return "]"
	case "]":
		return "["
	case "«":
		return "»"
	case "»":
		return "«"
	}
	return s
}

// Arabic joining. Each letter has up to four forms: alone, joined to the letter before
// (final), to the letter after (initial), or to both (medial). Letters with two forms join
// only to the letter before them.
var arabicForms = map[rune][4]rune{}

func init() {
	add := func(letter, first rune, n int) {
		var f [4]rune
		for k := 0; k < n; k++ {
			f[k] = first + rune(k)
		}
		arabicForms[letter] = f
	}
	next := rune(0xFE80)
	counts := []int{1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4} // U+0621–U+063A
	for k, n := range counts {
		add(0x0621+rune(k), next, n)
		next += rune(n)
	}
	for k, n := range []int{4, 4, 4, 4, 4, 4, 4, 2, 2, 4} { // U+0641–U+064A
		add(0x0641+rune(k), next, n)
		next += rune(n)
	}
	// Persian and Urdu letters, from Arabic Presentation Forms-A.
	add(0x067E, 0xFB56, 4) // peh
	add(0x0686, 0xFB7A, 4) // tcheh
	add(0x0698, 0xFB8A, 2) // jeh
	add(0x06A9, 0xFB8E, 4) // keheh
	add(0x06AF, 0xFB92, 4) // gaf
	add(0x06CC, 0xFBFC, 4) // farsi yeh
}

var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

func transparent(r rune) bool {
	return r >= 0x0610 && r <= 0x061A || r >= 0x064B && r <= 0x065F || r == 0x0670 || r >= 0x06D6 && r <= 0x06ED
}

// joinsAfter tells whether r joins to a letter after it; joinsBefore, to one before it.
func joinsAfter(r rune) bool  { return r == tatweel || arabicForms[r][2] != 0 }
func joinsBefore(r rune) bool { return r == tatweel || arabicForms[r][1] != 0 }

// joinArabic gives each Arabic letter of a line, in logical order, its joined form.
func joinArabic(line string) string {
	if !strings.ContainsFunc(line, func(r rune) bool { return r >= 0x0621 && r <= 0x06FF }) {
		return line
	}
	rs := []rune(line)
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		forms, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		before := joinsAfter(neighbour(i, -1)) && joinsBefore(r)
		if r == 0x0644 { // lam, then alef: one ligature
			j := i + 1
			for j < len(rs) && transparent(rs[j]) {
				j++
			}
			if j < len(rs) {
				if lig, ok := lamAlef[rs[j]]; ok {
					if before {
						lig++
					}
					out = append(out, lig)
					out = append(out, rs[i+1:j]...)
					i = j
					continue
				}
			}
		}
		after := joinsAfter(r) && joinsBefore(neighbour(i, 1))
		switch {
		case before && after:
			out = append(out, forms[3])
		case after:
			out = append(out, forms[2])
		case before:
			out = append(out, forms[1])
		default:
			out = append(out, forms[0])
		}
	}
	return string(out)
}

func scriptRegulars(scripts [][2][]byte) [][]byte {
	var out [][]byte
	for _, s := range scripts {
		out = append(out, s[0])
	}
	return out
}

// fontHas tells whether font k of the set draws r.
func (g *glyphSet) fontHas(k int, r rune) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	var buf sfnt.Buffer
	i, err := g.fonts[k].GlyphIndex(&buf, r)
	return err == nil && i != 0
}

// substitute is what prints for a character no font has (an emoji, a rare symbol): a tick
// or a cross in words, anything else a middle dot, never an empty box.
func (g *glyphSet) substitute(r rune) string {
	switch r {
	case '✓', '✔', '☑', '✅', '🗸':
		return "OK"
	case '✗', '✘', '❌', '☒':
		return "X"
	}
	if r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F {
		return "" // skin tones and tags: parts of an emoji, gone with it
	}
	if g.drawable('·') {
		return "·"
	}
	return "?"
}

// suits tells whether a font that has r should draw it: Hangul comes from a font with every
// Hangul syllable (the last is U+D7A3), not one with a few, so a Korean name keeps one style.
func (g *glyphSet) suits(f *sfnt.Font, r rune) bool {
	if !unicode.Is(unicode.Hangul, r) {
		return true
	}
	var buf sfnt.Buffer
	i, err := f.GlyphIndex(&buf, 0xD7A3)
	return err == nil && i != 0 || f == g.fonts[len(g.fonts)-1]
}
