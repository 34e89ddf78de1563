package app

import (
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Contrast the colours must reach against every surface they are drawn on (WCAG 2.2): text
// 4.5:1 (1.4.3), the outlines and shapes a coach needs to see 3:1 (1.4.11).
const (
	textContrast  = 4.5
	shapeContrast = 3.0
	// disabledGap keeps the text of a button that cannot be pressed visibly paler than the
	// text of one that can, now that both must be readable.
	disabledGap = 2.0
)

// mutuaTheme is Fyne's theme with the colours that fall short of those contrasts made darker
// (light) or lighter (dark) until they reach them; everything else is Fyne's look as it is.
type mutuaTheme struct {
	fyne.Theme
	fixed   bool // light or dark whatever the system prefers
	variant fyne.ThemeVariant
	raised  sync.Map // colourKey → the colour as raised; Color is asked for on every refresh
}

// colourKey names a colour as Fyne gives it, so a change of Fyne's primary colour is seen.
type colourKey struct {
	name    fyne.ThemeColorName
	variant fyne.ThemeVariant
	base    color.NRGBA
}

// newMutuaTheme follows the system's light or dark setting.
func newMutuaTheme() fyne.Theme { return &mutuaTheme{Theme: theme.DefaultTheme()} }

// newFixedTheme is always light or always dark.
func newFixedTheme(v fyne.ThemeVariant) fyne.Theme {
	return &mutuaTheme{Theme: theme.DefaultTheme(), fixed: true, variant: v}
}

// textColourNames are drawn as text on the window's surfaces.
var textColourNames = map[fyne.ThemeColorName]bool{
	theme.ColorNameForeground: true, theme.ColorNamePrimary: true, theme.ColorNameHyperlink: true,
	theme.ColorNameError: true, theme.ColorNameWarning: true, theme.ColorNameSuccess: true,
	theme.ColorNamePlaceHolder: true, theme.ColorNameDisabled: true,
}

// onColourNames are the text on a filled shape of another colour (a button, a bar).
var onColourNames = map[fyne.ThemeColorName]fyne.ThemeColorName{
	theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
	theme.ColorNameForegroundOnError:   theme.ColorNameError,
	theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
	theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
}

// Color returns Fyne's colour, raised to the contrast its use needs.
func (t *mutuaTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	base := t.Theme.Color(name, v)
	key := colourKey{name, v, color.NRGBAModel.Convert(base).(color.NRGBA)}
	if c, ok := t.raised.Load(key); ok {
		return c.(color.Color)
	}
	c := t.raise(name, base, v)
	t.raised.Store(key, c)
	return c
}

func (t *mutuaTheme) raise(name fyne.ThemeColorName, base color.Color, v fyne.ThemeVariant) color.Color {
	switch {
	case name == theme.ColorNameForeground:
		c := reachContrast(base, t.surfaces(v), textContrast, t.isDark(v))
		return reachContrast(c, []color.Color{t.Color(theme.ColorNameDisabled, v)}, disabledGap, t.isDark(v))
	case textColourNames[name]:
		return reachContrast(base, t.surfaces(v), textContrast, t.isDark(v))
	case name == theme.ColorNameInputBorder:
		return reachContrast(base, t.surfaces(v), shapeContrast, t.isDark(v))
	}
	if fill, ok := onColourNames[name]; ok {
		under := t.Color(fill, v)
		if contrast(base, under) >= textContrast {
			return base
		}
		// The fill was changed for the background: take whichever of black or white reads on it.
		dark := t.Theme.Color(theme.ColorNameBackground, theme.VariantDark)
		if contrast(dark, under) > contrast(color.White, under) {
			return dark
		}
		return color.White
	}
	return base
}

// isDark reports whether the variant shows light text on a dark background.
func (t *mutuaTheme) isDark(v fyne.ThemeVariant) bool {
	return luminance(t.Theme.Color(theme.ColorNameBackground, v)) < 0.5
}

// surfaces are the backgrounds text is drawn on: the window, fields, buttons, menus, dialogs.
func (t *mutuaTheme) surfaces(v fyne.ThemeVariant) []color.Color {
	back := t.Theme.Color(theme.ColorNameBackground, v)
	var out []color.Color
	for _, n := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
		theme.ColorNameButton, theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground} {
		out = append(out, over(t.Theme.Color(n, v), back))
	}
	return out
}

// reachContrast returns c, or c mixed towards black (on light surfaces) or white (on dark)
// just enough to reach the contrast wanted against every surface.
func reachContrast(c color.Color, surfaces []color.Color, want float64, dark bool) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	if n.A == 0 {
		return c
	}
	target := color.NRGBA{A: 0xff}
	if dark {
		target = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	}
	for step := 0; step <= 40; step++ {
		m := mix(n, target, float64(step)/40)
		ok := true
		for _, s := range surfaces {
			if contrast(m, s) < want {
				ok = false
				break
			}
		}
		if ok {
			return m
		}
	}
	return target
}

// mix is a fraction f of the way from a to b, opaque.
func mix(a, b color.NRGBA, f float64) color.NRGBA {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*f)) }
	return color.NRGBA{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B), A: 0xff}
}

// over is c painted on an opaque background.
func over(c, back color.Color) color.Color {
	f := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(back).(color.NRGBA)
	return mix(b, color.NRGBA{R: f.R, G: f.G, B: f.B, A: 0xff}, float64(f.A)/255)
}

// luminance is the WCAG relative luminance of a colour, taken as opaque.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// currentColour is a colour of the theme shown now, for shapes drawn by hand.
func currentColour(th fyne.Theme, name fyne.ThemeColorName) color.Color {
	return th.Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

// seriesColour tells apart the lines or bars of one chart (a member, a result), each
// reaching the shape contrast on the background in light and dark.
func seriesColour(th fyne.Theme, i int) color.Color {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	back := th.Color(theme.ColorNameBackground, v)
	dark := luminance(back) < 0.5
	palette := []color.Color{th.Color(theme.ColorNamePrimary, v),
		color.NRGBA{R: 0xF2, G: 0xA6, B: 0x5A, A: 0xFF}, // amber
		color.NRGBA{R: 0x5F, G: 0xC2, B: 0xBA, A: 0xFF}} // teal
	return reachContrast(palette[i%len(palette)], []color.Color{back}, shapeContrast, dark)
}
