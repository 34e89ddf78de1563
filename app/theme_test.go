package app

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/assets"
	"mutua/data/sqlite"
)

// withPrimary is Fyne's theme with another primary colour, as a coach may choose in Fyne's settings.
type withPrimary struct {
	fyne.Theme
	primary string
}

func (t withPrimary) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch name {
	case theme.ColorNamePrimary:
		return theme.PrimaryColorNamed(t.primary)
	case theme.ColorNameForegroundOnPrimary:
		if t.primary == theme.ColorOrange || t.primary == theme.ColorYellow || t.primary == theme.ColorGreen || t.primary == theme.ColorGray {
			return color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff} // as Fyne has it
		}
		return color.White
	}
	return t.Theme.Color(name, v)
}

func TestThemeColoursReachTheirContrast(t *testing.T) {
	test.NewTempApp(t)
	for _, primary := range []string{theme.ColorBlue, theme.ColorOrange, theme.ColorYellow, theme.ColorGreen, theme.ColorGray, theme.ColorRed} {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			th := &mutuaTheme{Theme: withPrimary{theme.DefaultTheme(), primary}, fixed: true, variant: v}
			where := fmt.Sprintf("%s primary, variant %d", primary, v)
			for name := range textColourNames {
				for _, s := range th.surfaces(v) {
					if got := contrast(th.Color(name, v), s); got < textContrast {
						t.Errorf("%s: %s text on %v has contrast %.2f", where, name, s, got)
					}
				}
			}
			for on, fill := range onColourNames {
				if got := contrast(th.Color(on, v), th.Color(fill, v)); got < textContrast {
					t.Errorf("%s: %s on %s has contrast %.2f", where, on, fill, got)
				}
			}
			back := th.Color(theme.ColorNameBackground, v)
			if got := contrast(th.Color(theme.ColorNameInputBorder, v), back); got < shapeContrast {
				t.Errorf("%s: unchecked boxes and field outlines have contrast %.2f", where, got)
			}
			// Raising the disabled colour must not make a button that cannot be pressed look like one that can.
			if got := contrast(th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameDisabled, v)); got < disabledGap {
				t.Errorf("%s: normal and disabled text differ by only %.2f", where, got)
			}
		}
	}
	// Colours that already read are left as Fyne has them.
	th := newFixedTheme(theme.VariantDark)
	if th.Color(theme.ColorNameForeground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark) {
		t.Error("the dark theme changed a foreground that already read, or followed the system's light")
	}
}

// placed is an object with where it is in the window and the part of the window it can show in.
type placed struct {
	o    fyne.CanvasObject
	rect image.Rectangle
	clip image.Rectangle
	// scrolled is set under a scroll container, whose content may be out of view on purpose.
	scrolled bool
}

// visibleObjects lists every visible object in the window, with its place: those of the
// topmost dialog when one is open, else those of the window's content.
func visibleObjects(w fyne.Window) []placed {
	var out []placed
	size := w.Canvas().Size()
	var walk func(o fyne.CanvasObject, at fyne.Position, clip image.Rectangle, scrolled bool)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip image.Rectangle, scrolled bool) {
		if o == nil || !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		size := o.Size()
		if _, ok := o.(*canvas.Text); ok {
			size = size.Max(o.MinSize()) // text is drawn whole even in a smaller box
		}
		r := image.Rect(int(pos.X), int(pos.Y), int(pos.X+size.Width), int(pos.Y+size.Height))
		out = append(out, placed{o: o, rect: r, clip: clip, scrolled: scrolled})
		if clips(o) {
			clip, scrolled = clip.Intersect(r), true
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, pos, clip, scrolled)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, pos, clip, scrolled)
			}
		}
	}
	root := w.Content()
	if top := w.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	walk(root, fyne.NewPos(0, 0), image.Rect(0, 0, int(size.Width), int(size.Height)), false)
	return out
}

// clips reports whether o shows only what lies inside it: a scroll container, or a part of a
// table, which is one inside.
func clips(o fyne.CanvasObject) bool {
	if _, ok := o.(*container.Scroll); ok {
		return true
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("Scroll")
	return f.IsValid() && f.Type() == reflect.TypeOf(container.Scroll{})
}

// measuredContrast reads the contrast of text from a screenshot: the commonest colour in its
// box is what it is drawn on, the pixel that differs from it most is the text at full strength.
func measuredContrast(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	count := map[color.NRGBA]int{}
	var back color.NRGBA
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			count[c]++
			if count[c] > count[back] {
				back = c
			}
		}
	}
	best := 1.0
	for c := range count {
		best = max(best, contrast(c, back))
	}
	return best
}

// lowContrastTexts lists the texts on screen, measured from a screenshot, under the contrast wanted.
func lowContrastTexts(w fyne.Window) []string {
	img := w.Canvas().Capture()
	var out []string
	for _, p := range visibleObjects(w) {
		text, ok := p.o.(*canvas.Text)
		if !ok || strings.TrimSpace(text.Text) == "" {
			continue
		}
		if !p.rect.In(p.clip) {
			continue // scrolled out of view, wholly or in part: another screenful shows it
		}
		if got := measuredContrast(img, p.rect); got < textContrast {
			out = append(out, fmt.Sprintf("%q %.2f:1", text.Text, got))
		}
	}
	return out
}

// cutObjects lists the buttons and texts outside any scroll container that run off the
// window, and the buttons and one-line labels anywhere given less room than they need.
func cutObjects(w fyne.Window) []string {
	var out []string
	for _, p := range visibleObjects(w) {
		width := p.o.Size().Width
		squeezed := width > 0 && width < p.o.MinSize().Width-1 // 0: not laid out by Fyne itself (a dialog's title)
		switch o := p.o.(type) {
		case *widget.Button:
			if squeezed || !p.scrolled && !p.rect.In(p.clip) {
				out = append(out, fmt.Sprintf("button %q at %v", o.Text, p.rect))
			}
		case *widget.Label:
			if squeezed && o.Truncation == fyne.TextTruncateOff && o.Wrapping == fyne.TextWrapOff {
				out = append(out, fmt.Sprintf("label %q squeezed to %v", o.Text, p.rect))
			}
		case *canvas.Text:
			if strings.TrimSpace(o.Text) != "" && !p.scrolled && !p.rect.In(p.clip) {
				out = append(out, fmt.Sprintf("text %q at %v", o.Text, p.rect))
			}
		}
	}
	return out
}

// everyScreen shows each screen of the sample practice in turn, with a pair and a
// participant and a partnership open, and calls check on each.
func everyScreen(t *testing.T, s *practice, check func(screen string)) {
	t.Helper()
	for _, tab := range []string{"Home", "Roster", "Cohorts", "Assessments", "Partnerships", "Reports", "Settings"} {
		s.selectTab(tab)
		check(tab)
	}
	for tab, list := range map[string]*widget.List{"Cohorts": s.cohorts.list, "Assessments": s.assess.list, "Reports": s.reports.list} {
		s.selectTab(tab)
		list.Select(0)
		check(tab + " with the first item open")
	}
	p := openPairing(t, s, "Autumn 2026 reverse mentoring")
	p.pairs.Select(0)
	check("Pairing")
	s.openParticipant(1)
	scrollThrough(s.roster.page.content.(*container.Scroll), "Participant page", check)
	s.openPartnership(findPartnership(t, s, "Zoë").ID)
	pg := s.partnerships.page
	scrollThrough(pg.tabs.Items[0].Content.(*container.Scroll), "Partnership page", check)
	pg.tabs.SelectIndex(1)
	pg.sessions.Select(0)
	check("Partnership page, a session")
	pg.tabs.SelectIndex(0)
}

// scrollThrough checks a scrolling page a screenful at a time, from top to bottom.
func scrollThrough(scroll *container.Scroll, screen string, check func(screen string)) {
	for y, part := float32(0), 1; ; y, part = y+scroll.Size().Height*0.8, part+1 {
		scroll.ScrollToOffset(fyne.NewPos(0, y))
		check(fmt.Sprintf("%s (part %d)", screen, part))
		if y+scroll.Size().Height >= scroll.Content.Size().Height {
			scroll.ScrollToTop()
			return
		}
	}
}

// chooseAppearance picks the colours on the Settings screen, as the coach does.
func chooseAppearance(s *practice, choice string) {
	s.selectTab("Settings")
	s.settings.appearance.SetSelected(choice)
}

func TestAllTextReadsInBothThemes(t *testing.T) {
	for _, choice := range []string{appearanceLight, appearanceDark} {
		t.Run(choice, func(t *testing.T) {
			s := newSampleShell(t)
			chooseAppearance(s, choice)
			s.win.Resize(fyne.NewSize(1024, 640))
			everyScreen(t, s, func(screen string) {
				if low := lowContrastTexts(s.win); len(low) > 0 {
					t.Errorf("%s: text under %.1f:1: %s", screen, textContrast, strings.Join(low, ", "))
				}
			})
		})
	}
}

func TestNothingCutInASmallWindow(t *testing.T) {
	s := newSampleShell(t)
	s.win.Resize(fyne.NewSize(1024, 640))
	everyScreen(t, s, func(screen string) {
		if cut := cutObjects(s.win); len(cut) > 0 {
			t.Errorf("%s at 1024×640 cuts off: %s", screen, strings.Join(cut, "; "))
		}
	})
}

func TestSwitchingThemeRecoloursGoalCards(t *testing.T) {
	s := newSampleShell(t)
	chooseAppearance(s, appearanceDark)
	g := newGoalsPanel(s)
	s.win.SetContent(container.NewVScroll(g.content))
	g.show(1, "Zoë Ødegård")
	if len(g.cards) == 0 {
		t.Fatal("the sample's goal is not shown")
	}
	cardColour := func() color.Color {
		for _, p := range visibleObjects(s.win) {
			if b, ok := p.o.(*widget.Button); ok && b.Text == "Check in…" {
				// Just left of the button: the card, clear of text.
				return s.win.Canvas().Capture().At(p.rect.Min.X-6, p.rect.Min.Y+p.rect.Dy()/2)
			}
		}
		t.Fatal("no goal card")
		return nil
	}
	for _, choice := range []string{appearanceLight, appearanceDark, appearanceLight} {
		chooseAppearance(s, choice)
		v := theme.VariantLight
		if choice == appearanceDark {
			v = theme.VariantDark
		}
		want := s.app.Settings().Theme().Color(theme.ColorNameInputBackground, v)
		if got := cardColour(); contrast(got, want) > 1.01 {
			t.Errorf("after choosing %s the goal card is %v, want %v", choice, got, want)
		}
		if low := lowContrastTexts(s.win); len(low) > 0 {
			t.Errorf("after choosing %s the goal card has text under %.1f:1: %s", choice, textContrast, strings.Join(low, ", "))
		}
	}
}

// everyDialog opens the larger dialogs in turn, calls check on each and closes it.
func everyDialog(t *testing.T, s *practice, check func(dialog string)) {
	t.Helper()
	zoe := findPartnership(t, s, "Zoë").ID
	for _, d := range []struct {
		button string
		open   func()
	}{
		{"Edit", func() { s.openParticipant(1) }},
		{"Add goal…", func() { s.openParticipant(1) }},
		{"Check in…", func() { s.openParticipant(1) }},
		{"Add result…", func() { s.openParticipant(1) }},
		{"New cohort", func() { s.selectTab("Cohorts") }},
		{"Questionnaires…", func() { s.selectTab("Roster") }},
		{"Enter results for a cohort…", func() { s.selectTab("Assessments") }},
		{"Rules…", func() { openPairing(t, s, "Autumn 2026 reverse mentoring") }},
		{"History…", func() { openPairing(t, s, "Autumn 2026 reverse mentoring") }},
		{"Log session…", func() { s.openPartnership(zoe) }},
		{"Agreement…", func() { s.openPartnership(zoe) }},
		{"Add note…", func() { s.openPartnership(zoe) }},
		{"End partnership…", func() { s.openPartnership(zoe) }},
	} {
		d.open()
		test.Tap(findButton(t, s.win.Content(), d.button))
		top := topDialog(s)
		if top == nil {
			t.Errorf("%s opens no dialog", d.button)
			continue
		}
		check(d.button)
		s.win.Canvas().Overlays().Remove(top)
	}
}

func TestDialogsReadAndFitInBothThemes(t *testing.T) {
	for _, choice := range []string{appearanceLight, appearanceDark} {
		t.Run(choice, func(t *testing.T) {
			s := newSampleShell(t)
			chooseAppearance(s, choice)
			s.win.Resize(fyne.NewSize(1024, 640))
			everyDialog(t, s, func(dialog string) {
				if low := lowContrastTexts(s.win); len(low) > 0 {
					t.Errorf("%s: text under %.1f:1: %s", dialog, textContrast, strings.Join(low, ", "))
				}
				if cut := cutObjects(s.win); len(cut) > 0 {
					t.Errorf("%s at 1024×640 cuts off: %s", dialog, strings.Join(cut, "; "))
				}
			})
		})
	}
}

// paintedColours lists the colours of everything drawn in the window, in drawing order: the
// text, shapes and lines (icons are left out: the test painter keeps them by name).
func paintedColours(w fyne.Window) []string {
	var out []string
	for _, p := range visibleObjects(w) {
		if !p.rect.Overlaps(p.clip) {
			continue
		}
		switch o := p.o.(type) {
		case *canvas.Text:
			out = append(out, fmt.Sprintf("text %q %v", o.Text, colourOf(o.Color)))
		case *canvas.Rectangle:
			out = append(out, fmt.Sprintf("rectangle at %v %v/%v", p.rect.Min, colourOf(o.FillColor), colourOf(o.StrokeColor)))
		case *canvas.Line:
			out = append(out, fmt.Sprintf("line at %v %v", p.rect.Min, colourOf(o.StrokeColor)))
		case *canvas.Circle:
			out = append(out, fmt.Sprintf("circle at %v %v/%v", p.rect.Min, colourOf(o.FillColor), colourOf(o.StrokeColor)))
		}
	}
	return out
}

func colourOf(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// screensAfterSwitch opens the sample in one appearance, looks at every screen, chooses
// another and lists what every screen then draws, in which colours.
func screensAfterSwitch(t *testing.T, first, then string) map[string][]string {
	t.Helper()
	a := test.NewTempApp(t)
	prefAppearance.set(a, first)
	shell := NewShell(a, Options{Sample: assets.Sample()})
	shell.background = func(f func()) { f() }
	if err := shell.OpenPractice(filepath.Join(t.TempDir(), "practice.mutua")); err != nil {
		t.Fatal(err)
	}
	defer shell.leavePractice()
	s := shell.cur
	if err := s.store.ImportAll(bytes.NewReader(assets.Sample()), sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s.reload()
	s.win.Resize(fyne.NewSize(1024, 640))
	everyScreen(t, s, func(string) {})
	chooseAppearance(s, then)
	shots := map[string][]string{}
	everyScreen(t, s, func(screen string) { shots[screen] = paintedColours(s.win) })
	return shots
}

func TestEveryScreenFollowsAChangeOfAppearance(t *testing.T) {
	for _, to := range []string{appearanceLight, appearanceDark} {
		from := appearanceDark
		if to == appearanceDark {
			from = appearanceLight
		}
		switched := screensAfterSwitch(t, from, to)
		fresh := screensAfterSwitch(t, to, to)
		for screen, want := range fresh {
			got := switched[screen]
			if len(got) != len(want) {
				t.Errorf("%s after switching from %s to %s draws %d things, %d in a window opened in %s", screen, from, to, len(got), len(want), to)
				continue
			}
			var differ []string
			for i := range want {
				if got[i] != want[i] {
					differ = append(differ, got[i]+" instead of "+want[i])
				}
			}
			if len(differ) > 0 {
				t.Errorf("%s after switching from %s to %s, unlike a window opened in %s: %s", screen, from, to, to, strings.Join(differ[:min(len(differ), 3)], "; "))
			}
		}
	}
}
