package app

import (
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
