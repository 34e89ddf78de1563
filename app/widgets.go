package app

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// Small pieces several screens share.

// twoLineRow is the one list row: a bold title, a line under it, and a badge at the right.
type twoLineRow struct {
	widget.BaseWidget
	title, sub, badge *widget.Label
	box               *fyne.Container
}

// newTwoLineRow makes a row for a widget.List; fill it with setTwoLineRow.
func newTwoLineRow() fyne.CanvasObject {
	r := &twoLineRow{title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		sub: widget.NewLabel(""), badge: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.sub.Truncation = fyne.TextTruncateEllipsis
	r.box = container.NewBorder(nil, nil, nil, r.badge, container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.title, r.sub))
	r.ExtendBaseWidget(r)
	return r
}

func (r *twoLineRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows a title, the line under it and a badge ("" for none).
func (r *twoLineRow) set(title, sub, badge string) {
	r.title.SetText(title)
	r.sub.SetText(sub)
	r.badge.SetText(badge)
	r.badge.Hidden = badge == ""
	r.box.Layout.Layout(r.box.Objects, r.box.Size()) // the badge's width changes with its text
}

// actionRow is a list row of one line with a button at the right that acts on it (Remove).
type actionRow struct {
	widget.BaseWidget
	text   *widget.Label
	button *widget.Button
}

// newActionRow makes rows for a widget.List whose button has this text (or none) and icon.
func newActionRow(buttonText string, icon fyne.Resource) func() fyne.CanvasObject {
	return func() fyne.CanvasObject {
		r := &actionRow{text: widget.NewLabel(""), button: widget.NewButtonWithIcon(buttonText, icon, nil)}
		r.text.Truncation = fyne.TextTruncateEllipsis
		r.ExtendBaseWidget(r)
		return r
	}
}

func (r *actionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.button, r.text))
}

// setActionRow fills a row made by newActionRow: its text, and what its button does.
func setActionRow(o fyne.CanvasObject, text string, action func()) {
	r := o.(*actionRow)
	r.text.SetText(text)
	r.button.OnTapped = action
	r.button.Refresh() // a row made before a change of appearance takes the new colours
}

// setTwoLineRow fills a row made by newTwoLineRow.
func setTwoLineRow(o fyne.CanvasObject, title, sub, badge string) {
	o.(*twoLineRow).set(title, sub, badge)
}

// formDialog is a dialog with a problem line at the top and Cancel / Save at the bottom,
// which stays open (keeping what was typed) until saving works.
type formDialog struct {
	shell   screenServices
	dialog  *dialog.CustomDialog
	problem *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	scroll  *container.Scroll // the body
	area    *fyne.Container   // holds scroll, and what takes the wheel for it (see scrollsAsOne)
	buttons *fyne.Container   // Cancel and Save, after what addLeading puts before them
	width   float32
	fits    bool        // the dialog is as high as its body: it grows with the problem line
	then    func()      // runs after a successful save, once the dialog is gone
	typed   func() bool // reports whether Cancel would lose what the coach typed
}

// newFormDialog shows body with the problem line above it, where it is always in sight,
// and Cancel / Save below. A height of 0 fits the body, within the window.
func newFormDialog(shell screenServices, title, saveText string, body fyne.CanvasObject, width, height float32, save func() error) *formDialog {
	f := buildFormDialog(shell, title, saveText, body, width, height, save)
	f.dialog.Show()
	return f
}

// buildFormDialog is newFormDialog for a form shown later (f.dialog.Show()).
func buildFormDialog(shell screenServices, title, saveText string, body fyne.CanvasObject, width, height float32, save func() error) *formDialog {
	f := &formDialog{shell: shell, problem: problemLine(), width: width, fits: height == 0}
	f.save = widget.NewButtonWithIcon(saveText, theme.ConfirmIcon(), func() {
		err := save()
		if errors.Is(err, errAsked) || errors.Is(err, errSaving) {
			return // a confirmation is open, or the write is under way (see write)
		}
		f.finish(err)
	})
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.onCancel)
	f.scroll = container.NewVScroll(body)
	f.area = container.NewStack(f.scroll)
	f.buttons = container.NewHBox(layout.NewSpacer(), f.cancel, f.save)
	content := container.NewBorder(f.problem, f.buttons, nil, nil, f.area)
	f.dialog = dialog.NewCustomWithoutButtons(title, content, shell.Window())
	if height == 0 {
		// Wrapped text measures one line high, so leave room for it to wrap.
		height = body.MinSize().Height + f.save.MinSize().Height + 150
	}
	shell.sizeDialog(f.dialog, width, height)
	return f
}

// fill lays the body over the whole dialog instead of in a scroll area: for a body with a
// list of its own, which scrolls itself.
func (f *formDialog) fill() {
	f.area.Objects = []fyne.CanvasObject{f.scroll.Content}
	f.area.Refresh()
}

// addLeading puts a button (Delete…) at the start of the row of Cancel and Save.
func (f *formDialog) addLeading(b *widget.Button) {
	f.buttons.Objects = append([]fyne.CanvasObject{b}, f.buttons.Objects...)
	f.buttons.Refresh()
}

// showProblem says in the problem line what is wrong, keeping the dialog open.
func (f *formDialog) showProblem(msg string) {
	f.problem.SetText(msg)
	f.problem.Show()
	if f.fits {
		f.shell.sizeDialog(f.dialog, f.width, 0)
	}
}

// finish says what failed in the problem line, keeping the dialog open, or closes it.
func (f *formDialog) finish(err error) {
	if err != nil {
		f.showProblem(errorLines(err))
		return
	}
	// Hiding a dialog also closes any shown above it, so what follows comes after.
	f.dialog.Hide()
	if f.then != nil {
		f.then()
	}
}

// write is how a form's save writes, once it has checked what was typed: w runs through
// practice.saveOr, with Save disabled meanwhile; then (if not nil) gets w's error on the UI
// goroutine and returns what the dialog should show (nil closes it). A form's save returns
// what write returns.
func (f *formDialog) write(w func() error, then func(error) error) error {
	f.save.Disable()
	f.shell.saveOr(w, func(err error) {
		f.save.Enable()
		if then != nil {
			err = then(err)
		}
		f.finish(err)
	})
	return errSaving
}

// saved is a then for write that runs after a successful write.
func saved(after func()) func(error) error {
	return func(err error) error {
		if err == nil {
			after()
		}
		return err
	}
}

// invalidLines is the error of a form whose fields are wrong: each problem on its line; nil
// when nothing is wrong.
func invalidLines(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return data.Errorf(data.Invalid, "%s", strings.Join(problems, "\n"))
}

// errAsked is what a form's save returns while it waits for the coach to confirm.
var errAsked = errors.New("waiting for a confirmation")

// errSaving is what a form's save returns while its write runs (see formDialog.write).
var errSaving = errors.New("saving")

// confirmDeletion asks before deleting, saying what goes; ok runs once the coach agrees.
func (s *Shell) confirmDeletion(title, message, confirmText string, ok func()) *dialog.ConfirmDialog {
	confirm := dialog.NewCustomConfirm(title, confirmText, "Cancel", wrapped(message), func(yes bool) {
		if yes {
			ok()
		}
	}, s.win)
	confirm.SetConfirmImportance(widget.WarningImportance)
	s.sizeDialog(confirm, 480, 0)
	confirm.Show()
	s.lastConfirm = confirm
	return confirm
}

// scrollsAsOne makes the body the dialog's one scroll area: the wheel scrolls it wherever
// the pointer is. For bodies whose multi-line entries grow with their text (growWithText),
// so no entry needs the wheel for itself.
func (f *formDialog) scrollsAsOne() {
	f.area.Add(newWheelCatcher(f.scroll))
}

// onCancel closes the dialog, asking first when it would throw away what was typed.
func (f *formDialog) onCancel() {
	if f.typed == nil || !f.typed() {
		f.dialog.Hide()
		return
	}
	confirm := dialog.NewConfirm("Discard?", "Close without saving what you typed?", func(ok bool) {
		if ok {
			f.dialog.Hide()
		}
	}, f.shell.Window())
	confirm.SetConfirmText("Discard")
	confirm.SetConfirmImportance(widget.WarningImportance)
	f.shell.sizeDialog(confirm, 420, 0)
	confirm.Show()
	f.shell.confirmShown(confirm)
}

// progressDialog is the one way to show work under way: a line saying what is being done, a
// bar (endless, or counting up to a total), and Cancel when the work can stop.
type progressDialog struct {
	dialog  *dialog.CustomDialog
	label   *widget.Label
	endless *widget.ProgressBarInfinite // when there is no total
	bar     *meterBar                   // when there is one
	cancel  *widget.Button              // nil when the work cannot stop
	total   int
}

// newProgressDialog builds the dialog; total 0 shows an endless bar; onCancel (if not nil)
// adds Cancel, which calls it.
func newProgressDialog(s *Shell, title, message string, total int, onCancel func()) *progressDialog {
	d := &progressDialog{label: widget.NewLabel(message), total: total}
	d.label.Truncation = fyne.TextTruncateEllipsis
	content := container.NewVBox(d.label)
	if total > 0 {
		d.bar = newMeterBar(float64(total), fmt.Sprintf("%d of %d", total, total))
		d.bar.set(0, fmt.Sprintf("0 of %d", total))
		content.Add(d.bar)
	} else {
		d.endless = widget.NewProgressBarInfinite()
		content.Add(d.endless)
	}
	if onCancel != nil {
		d.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), onCancel)
		content.Add(container.NewHBox(layout.NewSpacer(), d.cancel))
	}
	d.dialog = dialog.NewCustomWithoutButtons(title, content, s.win)
	width := float32(420)
	if total > 0 {
		width = 480
	}
	s.sizeDialog(d.dialog, width, 0)
	return d
}

// show shows the dialog, and returns it.
func (d *progressDialog) show() *progressDialog {
	d.dialog.Show()
	return d
}

// hide closes the dialog, and stops its endless bar.
func (d *progressDialog) hide() {
	d.dialog.Hide()
	if d.endless != nil {
		d.endless.Stop()
	}
}

// setDone moves the bar to n of the total.
func (d *progressDialog) setDone(n int) {
	d.bar.set(float64(n), fmt.Sprintf("%d of %d", n, d.total))
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

// themedRectangle is a filled shape in a colour of the theme, repainted when the coach
// switches between light and dark (a plain canvas.Rectangle keeps the colour it was made with).
type themedRectangle struct {
	widget.BaseWidget
	fill   fyne.ThemeColorName
	radius fyne.ThemeSizeName
}

func newThemedRectangle(fill fyne.ThemeColorName, radius fyne.ThemeSizeName) *themedRectangle {
	r := &themedRectangle{fill: fill, radius: radius}
	r.ExtendBaseWidget(r)
	return r
}

func (r *themedRectangle) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(color.Transparent)
	rr := &themedRectangleRenderer{owner: r, rect: rect}
	rr.Refresh()
	return rr
}

type themedRectangleRenderer struct {
	owner *themedRectangle
	rect  *canvas.Rectangle
}

func (r *themedRectangleRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *themedRectangleRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *themedRectangleRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *themedRectangleRenderer) Destroy()                     {}
func (r *themedRectangleRenderer) Refresh() {
	th := r.owner.Theme()
	r.rect.FillColor = currentColour(th, r.owner.fill)
	if r.owner.radius != "" {
		r.rect.CornerRadius = th.Size(r.owner.radius)
	}
	r.rect.Refresh()
}

// meterBar shows a number with a bar of how full it is: the number stands beside the bar,
// in the text colour, so it reads whatever part of the bar it would have covered.
type meterBar struct {
	widget.BaseWidget
	value, max float64
	text       string
	widest     string // the longest text it will show, so bars in a column line up
}

func newMeterBar(max float64, widest string) *meterBar {
	b := &meterBar{max: max, widest: widest}
	b.ExtendBaseWidget(b)
	return b
}

// set shows a value and the text that says it.
func (b *meterBar) set(value float64, text string) {
	b.value, b.text = value, text
	b.Refresh()
}

func (b *meterBar) CreateRenderer() fyne.WidgetRenderer {
	r := &meterBarRenderer{bar: b, label: canvas.NewText("", color.Black),
		track: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(color.Transparent)}
	r.label.Alignment = fyne.TextAlignTrailing
	r.Refresh()
	return r
}

type meterBarRenderer struct {
	bar         *meterBar
	label       *canvas.Text
	track, fill *canvas.Rectangle
}

func (r *meterBarRenderer) Destroy() {}

func (r *meterBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.label}
}

func (r *meterBarRenderer) labelWidth() float32 {
	return fyne.MeasureText(r.bar.widest, r.label.TextSize, r.label.TextStyle).Width
}

func (r *meterBarRenderer) MinSize() fyne.Size {
	pad := r.bar.Theme().Size(theme.SizeNameInnerPadding)
	h := fyne.MeasureText("0", r.label.TextSize, r.label.TextStyle).Height
	return fyne.NewSize(r.labelWidth()+pad+40, h+pad)
}

func (r *meterBarRenderer) Layout(size fyne.Size) {
	pad := r.bar.Theme().Size(theme.SizeNameInnerPadding)
	lw := r.labelWidth()
	lh := r.label.MinSize().Height
	r.label.Resize(fyne.NewSize(lw, lh))
	r.label.Move(fyne.NewPos(0, (size.Height-lh)/2))
	barH := min(size.Height*0.6, 18)
	x, y, w := lw+pad, (size.Height-barH)/2, max(size.Width-lw-pad, 0)
	r.track.Resize(fyne.NewSize(w, barH))
	r.track.Move(fyne.NewPos(x, y))
	f := float32(0)
	if r.bar.max > 0 {
		f = float32(min(max(r.bar.value/r.bar.max, 0), 1))
	}
	r.fill.Resize(fyne.NewSize(w*f, barH))
	r.fill.Move(fyne.NewPos(x, y))
	r.fill.Hidden = f == 0
}

func (r *meterBarRenderer) Refresh() {
	th := r.bar.Theme()
	r.label.Text = r.bar.text
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Color = currentColour(th, theme.ColorNameForeground)
	r.track.FillColor = currentColour(th, theme.ColorNameInputBackground)
	r.track.StrokeColor = currentColour(th, theme.ColorNameInputBorder)
	r.track.StrokeWidth = 1
	r.fill.FillColor = currentColour(th, theme.ColorNamePrimary)
	radius := th.Size(theme.SizeNameInputRadius)
	r.track.CornerRadius, r.fill.CornerRadius = radius, radius
	r.Layout(r.bar.Size())
	canvas.Refresh(r.bar)
}
