package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// ratingsChart shows each member's 1–5 rating of every session, oldest to newest: one line
// of dots per member, so the coach sees whether the partnership is getting more useful.
type ratingsChart struct {
	widget.BaseWidget

	members  []data.Member
	sessions []data.Session // oldest first
}

func newRatingsChart() *ratingsChart {
	c := &ratingsChart{}
	c.ExtendBaseWidget(c)
	return c
}

// setData draws the members' ratings of the sessions (given newest first, as the page lists them).
func (c *ratingsChart) setData(members []data.Member, newestFirst []data.Session) {
	c.members = members
	c.sessions = make([]data.Session, len(newestFirst))
	for i, se := range newestFirst {
		c.sessions[len(newestFirst)-1-i] = se
	}
	c.Refresh()
}

// CreateRenderer draws the chart with canvas primitives, rebuilt on every layout.
func (c *ratingsChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &ratingsRenderer{chart: c}
}

type ratingsRenderer struct {
	chart   *ratingsChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *ratingsRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 150) }

func (r *ratingsRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *ratingsRenderer) Refresh() { r.build(); canvas.Refresh(r.chart) }

func (r *ratingsRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *ratingsRenderer) Destroy() {}

func (r *ratingsRenderer) build() {
	c := r.chart
	r.objects = r.objects[:0]
	th := c.Theme()
	fg := currentColour(th, theme.ColorNameForeground)
	muted := currentColour(th, theme.ColorNamePlaceHolder)
	lines := currentColour(th, theme.ColorNameInputBorder)
	text := func(s string, col color.Color, size float32, pos fyne.Position) {
		t := canvas.NewText(s, col)
		t.TextSize = size
		t.Resize(t.MinSize())
		t.Move(pos)
		r.objects = append(r.objects, t)
	}
	small := theme.CaptionTextSize()
	// Legend across the top.
	x := float32(0)
	for i, m := range c.members {
		dot := canvas.NewCircle(seriesColour(th, i))
		dot.Resize(fyne.NewSize(8, 8))
		dot.Move(fyne.NewPos(x, 5))
		r.objects = append(r.objects, dot)
		text(m.FirstName(), fg, small, fyne.NewPos(x+12, 0))
		x += 12 + fyne.MeasureText(m.FirstName(), small, fyne.TextStyle{}).Width + 16
	}
	left, top := float32(22), float32(24)
	width, height := r.size.Width-left-8, r.size.Height-top-18
	if width <= 0 || height <= 0 {
		return
	}
	yOf := func(rating int) float32 { return top + height - float32(rating-1)/4*height }
	for rating := 1; rating <= 5; rating++ {
		line := canvas.NewLine(lines)
		line.StrokeWidth = 0.5
		line.Position1, line.Position2 = fyne.NewPos(left, yOf(rating)), fyne.NewPos(left+width, yOf(rating))
		r.objects = append(r.objects, line)
		text(fmt.Sprint(rating), fg, small, fyne.NewPos(4, yOf(rating)-small/2-2))
	}
	n := len(c.sessions)
	if n == 0 {
		text("No ratings yet: they appear once sessions are logged.", muted, theme.TextSize(), fyne.NewPos(left+8, top+height/2-10))
		return
	}
	xOf := func(i int) float32 {
		if n == 1 {
			return left + width/2
		}
		return left + 6 + float32(i)*(width-12)/float32(n-1)
	}
	for mi, m := range c.members {
		col := seriesColour(th, mi)
		var prev *fyne.Position
		for si := range c.sessions {
			rating := c.sessions[si].Rating(m.ParticipantID)
			if rating == 0 {
				prev = nil // not rated: the line breaks
				continue
			}
			pos := fyne.NewPos(xOf(si), yOf(rating))
			if prev != nil {
				line := canvas.NewLine(col)
				line.StrokeWidth = 2
				line.Position1, line.Position2 = *prev, pos
				r.objects = append(r.objects, line)
			}
			dot := canvas.NewCircle(col)
			dot.Resize(fyne.NewSize(7, 7))
			dot.Move(pos.Subtract(fyne.NewPos(3.5, 3.5)))
			r.objects = append(r.objects, dot)
			prev = &pos
		}
	}
	first, last := c.sessions[0].HeldOn, c.sessions[n-1].HeldOn
	text(formatDate(first), fg, small, fyne.NewPos(left, top+height+4))
	if n > 1 {
		label := formatDate(last)
		w := fyne.MeasureText(label, small, fyne.TextStyle{}).Width
		text(label, fg, small, fyne.NewPos(left+width-w, top+height+4))
	}
}
