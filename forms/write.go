package forms

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"mutua/assets"
	"mutua/reports"
)

// Colours, as the reports use them.
var (
	ink    = [3]int{33, 37, 41}
	muted  = [3]int{108, 117, 125}
	accent = [3]int{31, 58, 95}
	orange = [3]int{214, 120, 40}
	rule   = [3]int{150, 158, 166}
	paper  = [3]int{244, 246, 248}
)

const (
	margin  = 18.0
	font    = reports.CanvasFont
	lineH   = 4.6  // mm per line of 10 pt text
	boxH    = 8.0  // a one-line box
	longH   = 26.0 // a several-line box
	mark    = 4.2  // the side of a check box, the diameter of a radio button
	gap     = 5.0  // between questions
	smallLH = 3.8  // mm per line of 8.5 pt text
)

// widget is a field's place on a page, kept while laying out and added by pdfcpu afterwards.
type widget struct {
	page       int
	x, y, w, h float64 // mm from the top left
	field      *Field
	option     int // Choice and Tags: which option this box is
}

// layout is a form being laid out.
type layout struct {
	pdf     *reports.Canvas
	f       *Form
	blank   bool
	left    float64
	width   float64
	bottom  float64
	widgets []widget
}

// Write writes f as a fillable PDF form to w: the person's name and programme printed,
// every question a form field, and the sealed form id in a hidden field.
func Write(w io.Writer, f Form) error {
	if err := f.check(false); err != nil {
		return err
	}
	l, body, err := draw(&f, false)
	if err != nil {
		return err
	}
	return addFields(w, body, l)
}

// WriteBlank writes f as a blank form to print for paper: no name, no id, no fields, boxes to
// tick and lines to write on.
func WriteBlank(w io.Writer, f Form) error {
	if err := f.check(true); err != nil {
		return err
	}
	_, body, err := draw(&f, true)
	if err != nil {
		return err
	}
	_, err = w.Write(body)
	return err
}

// draw lays the form out with gofpdf and returns its bytes.
func draw(f *Form, blank bool) (*layout, []byte, error) {
	size := "A4"
	if f.PageSize == "Letter" {
		size = "Letter"
	}
	regular, bold := assets.ReportFont()
	g := gofpdf.New("P", "mm", size, "")
	pdf, err := reports.NewCanvas(g, reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts()})
	if err != nil {
		return nil, nil, err
	}
	created := f.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(pdf.Clean(f.Title), true)
	pdf.SetCreator("Mutua", true)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pw, ph := pdf.GetPageSize()
	l := &layout{pdf: pdf, f: f, blank: blank, left: margin, width: pw - 2*margin, bottom: ph - margin - 6}
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(l.footer)
	pdf.AddPage()
	l.heading()
	for i := range f.Sections {
		l.section(&f.Sections[i])
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("write the form: %w", err)
	}
	return l, buf.Bytes(), nil
}

func (l *layout) color(c [3]int) { l.pdf.SetTextColor(c[0], c[1], c[2]) }
func (l *layout) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	l.pdf.SetFont(font, style, size)
}

func (l *layout) footer() {
	_, ph := l.pdf.GetPageSize()
	l.font(false, 8)
	l.color(muted)
	l.pdf.SetXY(l.left, ph-margin+2)
	l.pdf.CellFormat(l.width*0.75, 4, l.pdf.Clean(l.f.Title), "", 0, "L", false, 0, "")
	l.pdf.CellFormat(l.width*0.25, 4, fmt.Sprintf("Page %d of {nb}", l.pdf.PageNo()), "", 0, "R", false, 0, "")
}

// wrap cuts text into lines that fit width in the current font.
func (l *layout) wrap(text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(l.pdf.Clean(text), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if l.pdf.GetStringWidth(try) <= width || line == "" && !l.tooWide(word, width) {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = word
			for l.tooWide(line, width) { // a word wider than a line (or Chinese text): cut it
				rs := []rune(line)
				n := len(rs) - 1
				for n > 1 && l.pdf.GetStringWidth(string(rs[:n])) > width {
					n--
				}
				lines = append(lines, string(rs[:n]))
				line = string(rs[n:])
			}
		}
		lines = append(lines, line)
	}
	return lines
}

func (l *layout) tooWide(s string, width float64) bool {
	return len([]rune(s)) > 1 && l.pdf.GetStringWidth(s) > width
}

// lines prints wrapped lines from the current y and moves below them.
func (l *layout) lines(x float64, lines []string, lh float64) {
	y := l.pdf.GetY()
	for _, s := range lines {
		l.pdf.Text(x, y+lh*0.75, s)
		y += lh
	}
	l.pdf.SetY(y)
}

// room starts a new page when h more millimetres do not fit on this one.
func (l *layout) room(h float64) {
	if l.pdf.GetY()+h > l.bottom {
		l.pdf.AddPage()
		l.pdf.SetY(margin)
	}
}

func (l *layout) heading() {
	pdf := l.pdf
	pdf.SetFillColor(accent[0], accent[1], accent[2])
	pdf.Rect(0, 0, 210*4, 4, "F")
	pdf.SetY(margin)
	l.font(true, 17)
	l.color(accent)
	l.lines(l.left, l.wrap(l.f.Title, l.width), 7.5)
	pdf.SetY(pdf.GetY() + 2)
	// who the form is for: printed, never a field, so any script shows as written
	l.font(false, 10)
	l.color(ink)
	for _, row := range [][2]string{{"Name", l.f.Person}, {"Programme", l.f.Programme}} {
		y := pdf.GetY()
		l.color(muted)
		pdf.Text(l.left, y+4, row[0])
		l.color(ink)
		if l.blank {
			pdf.SetDrawColor(rule[0], rule[1], rule[2])
			pdf.SetLineWidth(0.25)
			pdf.Line(l.left+26, y+5, l.left+l.width, y+5)
		} else {
			l.font(true, 10)
			pdf.Text(l.left+26, y+4, pdf.Clean(row[1]))
			l.font(false, 10)
		}
		pdf.SetY(y + 6.5)
	}
	pdf.SetY(pdf.GetY() + 2)
	if l.f.Intro != "" {
		l.font(false, 10)
		l.color(ink)
		l.lines(l.left, l.wrap(l.f.Intro, l.width), lineH+0.4)
		pdf.SetY(pdf.GetY() + 1)
	}
	l.font(false, 8.5)
	l.color(muted)
	how := "Fill in this form in any PDF reader, save it, and send the saved file back. Questions marked * need an answer."
	if l.blank {
		how = "Write your answers on the lines and tick the boxes. Questions marked * need an answer."
	}
	l.lines(l.left, l.wrap(how, l.width), smallLH)
	pdf.SetY(pdf.GetY() + 3)
}

func (l *layout) section(s *Section) {
	pdf := l.pdf
	first := 0.0
	if len(s.Fields) > 0 {
		first = l.height(&s.Fields[0])
	}
	l.font(true, 12.5)
	title := l.wrap(s.Title, l.width)
	l.font(false, 9.5)
	intro := []string(nil)
	if s.Intro != "" {
		intro = l.wrap(s.Intro, l.width)
	}
	l.room(float64(len(title))*6 + float64(len(intro))*lineH + 6 + first) // a title never ends a page
	pdf.SetY(pdf.GetY() + 2)
	l.font(true, 12.5)
	l.color(accent)
	l.lines(l.left, title, 6)
	pdf.SetDrawColor(accent[0], accent[1], accent[2])
	pdf.SetLineWidth(0.4)
	pdf.Line(l.left, pdf.GetY()+0.8, l.left+l.width, pdf.GetY()+0.8)
	pdf.SetY(pdf.GetY() + 2.5)
	if len(intro) > 0 {
		l.font(false, 9.5)
		l.color(muted)
		l.lines(l.left, intro, lineH)
	}
	pdf.SetY(pdf.GetY() + 2)
	for i := range s.Fields {
		l.field(&s.Fields[i])
	}
}

// label prints a question's label (and hint), returning its lines for measuring when dry.
func (l *layout) labelLines(fd *Field) (label, hint []string) {
	l.font(true, 10)
	text := fd.Label
	if fd.Required {
		text += " *"
	}
	label = l.wrap(text, l.width)
	l.font(false, 8.5)
	h := fd.Hint
	if fd.Kind == Number && h == "" {
		h = fmt.Sprintf("A number from %s to %s.", num(fd.Min), num(fd.Max))
	}
	if fd.Kind == Pick && h == "" && !l.blank && len(fd.Options) > 0 {
		h = "Choose from the list or type your own."
	}
	if fd.Kind == Pick && h == "" && l.blank && len(fd.Options) > 0 {
		h = "Tick one, or write your own."
	}
	if fd.Kind == Tags && h == "" {
		h = "Tick all that apply."
	}
	if h != "" {
		hint = l.wrap(h, l.width)
	}
	return label, hint
}

func num(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%g", v)
}

// columns says how many columns the options of a Choice or Tags field take, and how many
// lines the tallest option needs; one column when they do not fit side by side.
func (l *layout) columns(fd *Field) (cols int, tallest int) {
	l.font(false, 9)
	n := len(fd.Options)
	if fd.Kind == Choice && n >= 2 && n <= 7 {
		cw := l.scaleWidth(n)
		ok, t := true, 1
		for _, o := range fd.Options {
			ls := l.wrap(o, cw-2)
			if len(ls) > 2 || l.longestWord(o) > cw-2 {
				ok = false
			}
			t = max(t, len(ls))
		}
		if ok {
			return n, t
		}
	}
	if fd.Kind == Tags || fd.Kind == Pick && l.blank {
		for _, c := range []int{3, 2} {
			cw := l.width/float64(c) - mark - 3
			fits := true
			for _, o := range fd.Options {
				if l.pdf.GetStringWidth(l.pdf.Clean(o)) > cw {
					fits = false
				}
			}
			if fits {
				return c, 1
			}
		}
	}
	return 1, 1
}

// scaleWidth is the width of each option of a scale laid out side by side.
func (l *layout) scaleWidth(n int) float64 { return min(l.width/float64(n), 36) }

func (l *layout) longestWord(s string) float64 {
	w := 0.0
	for _, word := range strings.Fields(l.pdf.Clean(s)) {
		w = max(w, l.pdf.GetStringWidth(word))
	}
	return w
}

// optionLines are the wrapped lines of each option in a single column.
func (l *layout) optionLines(fd *Field) [][]string {
	l.font(false, 9.5)
	out := make([][]string, len(fd.Options))
	for i, o := range fd.Options {
		out[i] = l.wrap(o, l.width-mark-4)
	}
	return out
}

// height is the room a question takes, so that no page break cuts one.
func (l *layout) height(fd *Field) float64 {
	label, hint := l.labelLines(fd)
	h := float64(len(label))*lineH + float64(len(hint))*smallLH + 1.5
	switch fd.Kind {
	case Text, Number:
		h += boxH
	case LongText:
		h += longH
	case Pick:
		if l.blank && len(fd.Options) > 0 {
			cols, _ := l.columns(fd)
			h += float64((len(fd.Options)+cols-1)/cols)*(mark+2) + boxH + 1
		} else {
			h += boxH
		}
	case Choice, Tags:
		cols, tallest := l.columns(fd)
		switch {
		case fd.Kind == Choice && cols > 1:
			h += mark + 2 + float64(tallest)*smallLH
		case cols > 1:
			h += float64((len(fd.Options)+cols-1)/cols) * (mark + 2)
		default:
			for _, ls := range l.optionLines(fd) {
				h += max(mark, float64(len(ls))*lineH) + 1.6
			}
		}
	}
	return h + gap
}

func (l *layout) field(fd *Field) {
	pdf := l.pdf
	l.room(l.height(fd))
	label, hint := l.labelLines(fd)
	l.font(true, 10)
	l.color(ink)
	y := pdf.GetY()
	for i, s := range label {
		if fd.Required && i == len(label)-1 && strings.HasSuffix(s, "*") {
			pdf.Text(l.left, y+lineH*0.75, strings.TrimSuffix(s, "*"))
			l.color(orange)
			pdf.Text(l.left+pdf.GetStringWidth(strings.TrimSuffix(s, "*")), y+lineH*0.75, "*")
			l.color(ink)
		} else {
			pdf.Text(l.left, y+lineH*0.75, s)
		}
		y += lineH
	}
	pdf.SetY(y)
	if len(hint) > 0 {
		l.font(false, 8.5)
		l.color(muted)
		l.lines(l.left, hint, smallLH)
	}
	pdf.SetY(pdf.GetY() + 1.5)
	switch fd.Kind {
	case Text:
		l.box(fd, l.left, l.width, boxH)
	case Number:
		l.box(fd, l.left, 40, boxH)
	case LongText:
		l.box(fd, l.left, l.width, longH)
	case Pick:
		if l.blank && len(fd.Options) > 0 {
			l.ticks(fd)
			l.font(false, 9.5)
			l.color(ink)
			y := pdf.GetY()
			pdf.Text(l.left, y+5, "Other:")
			l.writeLine(l.left+14, y+6, l.width-14)
			pdf.SetY(y + boxH + 1)
		} else {
			l.box(fd, l.left, l.width*0.6, boxH)
			if !l.blank { // the list's arrow
				x, y := l.left+l.width*0.6-5, pdf.GetY()-boxH/2-0.6
				pdf.SetFillColor(muted[0], muted[1], muted[2])
				pdf.Polygon([]gofpdf.PointType{{X: x, Y: y}, {X: x + 2.6, Y: y}, {X: x + 1.3, Y: y + 1.5}}, "F")
			}
		}
	case Choice:
		if cols, tallest := l.columns(fd); cols > 1 {
			l.scale(fd, tallest)
		} else {
			l.list(fd)
		}
	case Tags:
		l.ticks(fd)
	}
	pdf.SetY(pdf.GetY() + gap)
}

// box draws a box to write in, and makes it a text field.
func (l *layout) box(fd *Field, x, w, h float64) {
	pdf := l.pdf
	y := pdf.GetY()
	if l.blank && h == boxH {
		l.writeLine(x, y+h-1, w)
	} else {
		pdf.SetDrawColor(rule[0], rule[1], rule[2])
		pdf.SetLineWidth(0.3)
		if l.blank {
			pdf.Rect(x, y, w, h, "D")
		} else {
			pdf.SetFillColor(paper[0], paper[1], paper[2])
			pdf.Rect(x, y, w, h, "FD")
		}
	}
	l.widget(fd, -1, x, y, w, h)
	pdf.SetY(y + h)
}

func (l *layout) writeLine(x, y, w float64) {
	l.pdf.SetDrawColor(rule[0], rule[1], rule[2])
	l.pdf.SetLineWidth(0.3)
	l.pdf.Line(x, y, x+w, y)
}

func (l *layout) widget(fd *Field, option int, x, y, w, h float64) {
	if !l.blank {
		l.widgets = append(l.widgets, widget{page: l.pdf.PageNo(), x: x, y: y, w: w, h: h, field: fd, option: option})
	}
}

// circle and square draw the empty radio button and check box.
func (l *layout) circle(fd *Field, option int, x, y float64) {
	l.pdf.SetDrawColor(accent[0], accent[1], accent[2])
	l.pdf.SetLineWidth(0.3)
	l.pdf.SetFillColor(255, 255, 255)
	l.pdf.Circle(x+mark/2, y+mark/2, mark/2, "FD")
	l.widget(fd, option, x, y, mark, mark)
}

func (l *layout) square(fd *Field, option int, x, y float64) {
	l.pdf.SetDrawColor(accent[0], accent[1], accent[2])
	l.pdf.SetLineWidth(0.3)
	l.pdf.SetFillColor(255, 255, 255)
	l.pdf.Rect(x, y, mark, mark, "FD")
	l.widget(fd, option, x, y, mark, mark)
}

// scale lays a Choice out side by side: agreement scales, yes/no.
func (l *layout) scale(fd *Field, tallest int) {
	pdf := l.pdf
	y := pdf.GetY()
	cw := l.scaleWidth(len(fd.Options))
	l.font(false, 9)
	l.color(ink)
	for i, o := range fd.Options {
		cx := l.left + cw*float64(i) + cw/2
		l.circle(fd, i, cx-mark/2, y)
		ly := y + mark + 1.2
		for _, s := range l.wrap(o, cw-2) {
			pdf.Text(cx-pdf.GetStringWidth(s)/2, ly+smallLH*0.8, s)
			ly += smallLH
		}
	}
	pdf.SetY(y + mark + 2 + float64(tallest)*smallLH)
}

// list lays a Choice out one option a line: descriptions to choose from.
func (l *layout) list(fd *Field) {
	pdf := l.pdf
	y := pdf.GetY()
	l.color(ink)
	for i, ls := range l.optionLines(fd) {
		l.font(false, 9.5)
		l.circle(fd, i, l.left, y)
		ty := y
		for _, s := range ls {
			pdf.Text(l.left+mark+3, ty+lineH*0.72, s)
			ty += lineH
		}
		y += max(mark, float64(len(ls))*lineH) + 1.6
	}
	pdf.SetY(y)
}

// ticks lays out check boxes in columns.
func (l *layout) ticks(fd *Field) {
	pdf := l.pdf
	cols, _ := l.columns(fd)
	cw := l.width / float64(cols)
	y := pdf.GetY()
	l.font(false, 9.5)
	l.color(ink)
	rows := (len(fd.Options) + cols - 1) / cols
	for i, o := range fd.Options {
		col, row := i/rows, i%rows // down the columns, as a list reads
		x, ry := l.left+cw*float64(col), y+float64(row)*(mark+2)
		if fd.Kind == Pick { // one answer: a round button, as a Choice has
			l.circle(fd, i, x, ry)
		} else {
			l.square(fd, i, x, ry)
		}
		s := pdf.Clean(o)
		for pdf.GetStringWidth(s) > cw-mark-4 && len([]rune(s)) > 2 {
			rs := []rune(s)
			s = string(rs[:len(rs)-2]) + "…"
		}
		pdf.Text(x+mark+2.5, ry+mark*0.8, s)
	}
	pdf.SetY(y + float64(rows)*(mark+2))
}
