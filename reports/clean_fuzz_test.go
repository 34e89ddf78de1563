package reports

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"mutua/assets"
	"mutua/data"
)

// FuzzCleanText feeds any bytes to the text cleaning and then to a page: the result is valid
// text the font can draw, and printing it never fails.
func FuzzCleanText(f *testing.F) {
	regular, err := os.ReadFile("../assets/fonts/NotoSans-Regular.ttf")
	if err != nil {
		f.Fatal(err)
	}
	bold, err := os.ReadFile("../assets/fonts/NotoSans-Bold.ttf")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"Zoë Ødegård", "Ана Петрова", "🎉👍🏽❤️", "王芳 田中 太郎 김민준", "محمد الأحمد (لا)", "प्रिया शर्मा", "สมชาย ใจดี", "Nguyễn ✓ ✗", "\xff\xfe\x00", "a\tb\r\nc", "שלום", "\u200d\ufe0f", "", "…•·»", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"} {
		f.Add(seed)
	}
	scripts := assets.ScriptFonts()
	glyphs, err := fontGlyphs(regular, scripts...)
	if err != nil {
		f.Fatal(err)
	}
	o := Options{Regular: regular, Bold: bold, Scripts: scripts}
	f.Fuzz(func(t *testing.T, s string) {
		clean := cleanText(glyphs, s)
		if !utf8.ValidString(clean) {
			t.Fatalf("cleaned text is not valid UTF-8: %q", clean)
		}
		for _, r := range clean {
			if r != '\n' && r != ' ' && r >= 128 && !glyphs.drawable(r) {
				t.Fatalf("cleaned text keeps %U, which the font cannot draw", r)
			}
		}
		d, err := newDoc(o, data.PracticeIdentity{Name: s, Coach: s, Contact: s}, s, s, data.NewDate(2026, 11, 22))
		if err != nil {
			t.Fatal(err)
		}
		d.section(s)
		d.para(s)
		d.table([]string{s}, []float64{1}, [][]string{{s}})
		if err := d.finish(&bytes.Buffer{}); err != nil {
			t.Fatalf("printing %q: %v", s, err)
		}
	})
}
