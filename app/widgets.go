package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Small pieces several screens share.

// newTwoLineRow is a list row: a bold title, a line under it, and a badge at the right.
func newTwoLineRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	badge := widget.NewLabel("")
	return container.NewBorder(nil, nil, nil, badge, container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, sub))
}

// setTwoLineRow fills a row made by newTwoLineRow.
func setTwoLineRow(o fyne.CanvasObject, title, sub, badge string) {
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(title)
	texts[1].(*widget.Label).SetText(sub)
	row.Objects[1].(*widget.Label).SetText(badge)
	row.Refresh() // a longer badge needs the row laid out again, or it is cut off
}

// hint is a centred line in italics telling the coach what to do to see something here.
func hint(text string) fyne.CanvasObject {
	return container.NewCenter(widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
}

// problemLine is a hidden line in the danger colour where a form says what is wrong.
func problemLine() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// captionHint is a line of smaller text that explains the control above it.
func captionHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// wheelCatcher lies over a scroll area (stacked on it) and hands it the mouse wheel wherever
// the pointer is, even over a multi-line entry, which would otherwise take the wheel for its
// own small scroll. It takes nothing else (taps, hovering, dragging go to what is under it),
// as it answers no other kind of event.
type wheelCatcher struct {
	widget.BaseWidget
	scroll *container.Scroll
}

func newWheelCatcher(scroll *container.Scroll) *wheelCatcher {
	w := &wheelCatcher{scroll: scroll}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// Scrolled passes the wheel to the scroll area.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.scroll.Scrolled(ev) }

// scrollIntoView scrolls the least needed to show o, found inside the containers that make
// up scroll's content.
func scrollIntoView(scroll *container.Scroll, o fyne.CanvasObject) {
	content := scroll.Content
	content.Resize(fyne.NewSize(max(scroll.Size().Width, content.MinSize().Width), content.MinSize().Height))
	pos, ok := positionIn(content, o)
	if !ok {
		return
	}
	view := scroll.Size().Height
	offset := scroll.Offset
	switch {
	case pos.Y < offset.Y:
		offset.Y = pos.Y
	case pos.Y+o.Size().Height > offset.Y+view:
		offset.Y = min(pos.Y, pos.Y+o.Size().Height-view)
	default:
		return
	}
	scroll.ScrollToOffset(offset)
}

// positionIn returns where o lies inside parent, looking through containers.
func positionIn(parent, o fyne.CanvasObject) (fyne.Position, bool) {
	if parent == o {
		return fyne.Position{}, true
	}
	c, ok := parent.(*fyne.Container)
	if !ok {
		return fyne.Position{}, false
	}
	for _, child := range c.Objects {
		if pos, found := positionIn(child, o); found {
			return child.Position().Add(pos), true
		}
	}
	return fyne.Position{}, false
}

// growWithText lets a multi-line entry grow with its text, from minRows, so that the form
// around it is the only thing that scrolls.
func growWithText(e *widget.Entry, minRows int) {
	rows := minRows
	e.SetMinRowsVisible(rows)
	fit := func() {
		if n := max(minRows, wrappedRows(e)); n != rows {
			rows = n
			e.SetMinRowsVisible(n)
		}
	}
	typed := e.OnChanged
	e.OnChanged = func(s string) {
		if typed != nil {
			typed(s)
		}
		fit()
	}
	fit()
}

// wrappedRows estimates how many rows e's text takes once wrapped at word boundaries.
func wrappedRows(e *widget.Entry) int {
	width := e.Size().Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
	if width < 40 {
		width = 480 // not laid out yet: about the width of a form's field
	}
	size := theme.TextSize()
	space := fyne.MeasureText(" ", size, e.TextStyle).Width
	rows := 0
	for _, line := range strings.Split(e.Text, "\n") {
		rows++
		used := float32(0)
		for i, word := range strings.Fields(line) {
			w := fyne.MeasureText(word, size, e.TextStyle).Width
			if i > 0 && used+space+w > width {
				rows++
				used = 0
			} else if i > 0 {
				used += space
			}
			for w > width { // a word longer than the row breaks across rows
				rows++
				w -= width
			}
			used += w
		}
	}
	return rows
}
