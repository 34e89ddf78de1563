package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// scrollableAt returns what takes the mouse wheel at pos in root, as the window decides: the
// last scrollable object drawn there.
func scrollableAt(root fyne.CanvasObject, pos fyne.Position) fyne.Scrollable {
	var found fyne.Scrollable
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		size := o.Size()
		if pos.X < at.X || pos.Y < at.Y || pos.X >= at.X+size.Width || pos.Y >= at.Y+size.Height {
			return
		}
		if s, ok := o.(fyne.Scrollable); ok {
			found = s
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, at)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, at)
			}
		}
	}
	walk(root, fyne.Position{})
	return found
}

// absolutePosition returns where o is drawn inside root, or false when it is not there.
func absolutePosition(root, o fyne.CanvasObject) (fyne.Position, bool) {
	if root == o {
		return root.Position(), true
	}
	var children []fyne.CanvasObject
	switch c := root.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, child := range children {
		if pos, ok := absolutePosition(child, o); ok {
			return root.Position().Add(pos), true
		}
	}
	return fyne.Position{}, false
}

func TestSessionFormScrollsAsOne(t *testing.T) {
	s := newSampleShell(t)
	s.openPartnership(findPartnership(t, s, "Zoë").ID)
	pg := s.partnerships.page
	test.Tap(pg.logSession)
	f := pg.sessionForm
	root := topDialog(s)
	for range 3 {
		test.Tap(findButton(t, root, "Add another note"))
	}
	// The note just added is in sight, with the keyboard in it.
	visible := func(o fyne.CanvasObject) bool {
		pos, ok := absolutePosition(root, o)
		top, _ := absolutePosition(root, f.scroll)
		return ok && pos.Y >= top.Y && pos.Y+o.Size().Height <= top.Y+f.scroll.Size().Height+1
	}
	last := f.notes[len(f.notes)-1].body
	if f.scroll.Offset.Y == 0 || !visible(last) || s.win.Canvas().Focused() != last {
		t.Errorf("the added note is out of sight (offset %v) or without the keyboard", f.scroll.Offset.Y)
	}
	test.Tap(findButton(t, root, "Add action item"))
	if text := f.actions[0].text; !visible(text) || s.win.Canvas().Focused() != text {
		t.Error("the added action item is out of sight or without the keyboard")
	}

	// A long note grows instead of scrolling inside the form.
	before := last.MinSize().Height
	last.SetText(strings.Repeat("A long thought about the board vote and what comes next. ", 30))
	if last.MinSize().Height <= before {
		t.Errorf("a long note stayed %v high", before)
	}

	// The wheel over a note scrolls the form.
	f.scroll.ScrollToTop()
	first := f.notes[0].body
	pos, _ := absolutePosition(root, first)
	over := pos.Add(fyne.NewPos(20, 10))
	wheel := scrollableAt(root, over)
	if wheel == nil {
		t.Fatal("nothing takes the wheel over the first note")
	}
	wheel.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -120)})
	if f.scroll.Offset.Y == 0 {
		t.Error("the wheel over a note did not scroll the form")
	}
}

func TestWrappedRows(t *testing.T) {
	test.NewTempApp(t)
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText("one line")
	if n := wrappedRows(e); n != 1 {
		t.Errorf("a short line takes %d rows", n)
	}
	e.SetText("a\nb\nc")
	if n := wrappedRows(e); n != 3 {
		t.Errorf("three lines take %d rows", n)
	}
	e.SetText(strings.Repeat("word ", 200) + strings.Repeat("x", 400))
	e.Resize(fyne.NewSize(300, 100))
	narrow := wrappedRows(e)
	e.Resize(fyne.NewSize(600, 100))
	wide := wrappedRows(e)
	if narrow <= wide || wide < 4 {
		t.Errorf("long text takes %d rows at 300 wide and %d at 600", narrow, wide)
	}
	e.Resize(fyne.NewSize(5, 100)) // squeezed: an estimate, not a hang
	if n := wrappedRows(e); n < 1 {
		t.Errorf("squeezed: %d rows", n)
	}
}
