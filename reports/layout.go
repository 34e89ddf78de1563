package reports

import (
	"strings"
)

// Layout: tables whose cells wrap, and headings that stay with what follows them.

// keepLines is how many lines of content a heading keeps with it on its page.
const keepLines = 3

// heading is a heading waiting to be drawn: headings are drawn only once what follows them
// asks for room, so that a heading and the first lines under it share a page.
type heading struct {
	height float64
	draw   func()
}

// keep draws the headings waiting to be drawn, on a new page unless they and the next h
// millimetres of content fit on this one. Without a heading waiting it does nothing.
func (d *doc) keep(h float64) {
	if len(d.pending) == 0 {
		return
	}
	total := h
	for _, p := range d.pending {
		total += p.height
	}
	pending := d.pending
	d.pending = nil
	if d.needsPage(total) {
		d.pdf.AddPage()
	}
	for _, p := range pending {
		p.draw()
	}
}

// needsPage reports whether h millimetres from here would cross the foot of the page, when
// a new page would help: on a fresh page, content taller than a page starts there anyway.
func (d *doc) needsPage(h float64) bool {
	y := d.pdf.GetY()
	return y+h > d.bottom && y > d.top+0.5
}

// keepText keeps the headings waiting with the first lines of text, wrapped to width w in
// the regular font of the given size at lh millimetres a line. The font and colours are
// the headings' afterwards: set them after calling it.
func (d *doc) keepText(text string, w, lh, size float64) {
	if len(d.pending) == 0 {
		return
	}
	d.font(false, size)
	n := min(len(d.wrap(d.clean(text), w-2*d.pdf.GetCellMargin())), keepLines)
	d.keep(float64(max(n, 1)) * lh)
}

// later queues a heading of the given height, drawn by draw when content follows.
func (d *doc) later(height float64, draw func()) {
	d.pending = append(d.pending, heading{height: height, draw: draw})
}

// wrap breaks text into lines no wider than w in the current font: at spaces, after
// hyphens, at line breaks, and inside a word too long for a line. Nothing is cut.
func (d *doc) wrap(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for i, piece := range strings.SplitAfter(word, "-") {
				if piece == "" {
					continue
				}
				try := piece
				if line != "" {
					try = line + piece
					if i == 0 {
						try = line + " " + piece
					}
				}
				if d.pdf.GetStringWidth(try) <= w {
					line = try
					continue
				}
				if line != "" {
					out = append(out, line)
				}
				for d.pdf.GetStringWidth(piece) > w {
					n := d.fitting(piece, w)
					out = append(out, piece[:n])
					piece = piece[n:]
				}
				line = piece
			}
		}
		out = append(out, line)
	}
	return out
}

// fitting returns the length in bytes of the longest start of word that fits in w, at
// least one character.
func (d *doc) fitting(word string, w float64) int {
	runes := []rune(word)
	lo, hi := 1, len(runes) // the longest prefix that fits lies in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.pdf.GetStringWidth(string(runes[:mid])) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return len(string(runes[:lo]))
}

// Table metrics, in millimetres.
const (
	tableHeader = 6.5 // the header row
	tableLine   = 4.2 // a line of a cell
	tablePad    = 0.9 // above and below a row's lines
)

// table prints rows under a header; widths are shares of the text width. Cells wrap, so
// every word prints: a row is as tall as its tallest cell. A row that does not fit at the
// foot of a page starts the next, under the header again; a row taller than a page goes on
// over the page.
func (d *doc) table(header []string, widths []float64, rows [][]string) {
	cols := make([]float64, len(widths))
	for i, w := range widths {
		cols[i] = w * d.width
	}
	margin := d.pdf.GetCellMargin()
	printHeader := func() {
		d.font(true, 9)
		d.fill(paper)
		d.color(muted)
		d.pdf.SetX(d.left)
		for i, h := range header {
			d.pdf.CellFormat(cols[i], tableHeader, d.clean(h), "", 0, "L", true, 0, "")
		}
		d.pdf.Ln(-1)
		d.color(ink)
		d.font(false, 9)
	}
	d.font(false, 9)
	cells := make([][][]string, len(rows))
	for r, row := range rows {
		cells[r] = make([][]string, len(row))
		for i, cell := range row {
			cells[r][i] = d.wrap(d.clean(cell), cols[i]-2*margin)
		}
	}
	first := 1
	if len(cells) > 0 {
		first = min(tallest(cells[0]), keepLines)
	}
	d.room(tableHeader + float64(first)*tableLine + 2*tablePad)
	printHeader()
	for _, row := range cells {
		lines := tallest(row)
		if d.needsPage(float64(lines)*tableLine+2*tablePad) && float64(lines)*tableLine+2*tablePad <= d.bottom-d.top-tableHeader {
			d.pdf.AddPage()
			printHeader()
		}
		for from := 0; from < lines; {
			fit := int((d.bottom - d.pdf.GetY() - 2*tablePad) / tableLine)
			if fit < 1 {
				d.pdf.AddPage()
				printHeader()
				continue
			}
			to := min(lines, from+fit)
			y := d.pdf.GetY()
			x := d.left
			for i, cell := range row {
				for k := from; k < min(to, len(cell)); k++ {
					d.pdf.SetXY(x, y+tablePad+float64(k-from)*tableLine)
					d.pdf.CellFormat(cols[i], tableLine, cell[k], "", 0, "L", false, 0, "")
				}
				x += cols[i]
			}
			y += float64(to-from)*tableLine + 2*tablePad
			d.draw(rule)
			d.pdf.SetLineWidth(0.2)
			d.pdf.Line(d.left, y, d.left+d.width, y)
			d.pdf.SetXY(d.left, y)
			from = to
		}
	}
}

// tallest is the most lines any cell of a row has.
func tallest(row [][]string) int {
	n := 1
	for _, c := range row {
		n = max(n, len(c))
	}
	return n
}

// lines prints text wrapped to width w at x, lh millimetres a line, breaking long names
// after their hyphens rather than inside a word.
func (d *doc) lines(x, w, lh float64, text string) {
	for _, l := range d.wrap(d.clean(text), w-2*d.pdf.GetCellMargin()) {
		d.pdf.SetX(x)
		d.pdf.CellFormat(w, lh, l, "", 2, "L", false, 0, "")
	}
}
