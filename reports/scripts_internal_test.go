package reports

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"mutua/assets"
	"mutua/data"
)

func fuzzOptions(t testing.TB) Options {
	regular, err := os.ReadFile("../assets/fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../assets/fonts/NotoSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts()}
}

func TestReorder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Meet שרה כהן today", "Meet ןהכ הרש today"},
		{"Meet שרה כהן 12 ok", "Meet 12 ןהכ הרש ok"},
		{"שרה כהן + Dev", "Dev + ןהכ הרש"},
		{"Dev + שרה כהן", "Dev + ןהכ הרש"},
		{"שרה (כהן).", ".(ןהכ) הרש"},
		{"room 12", "room 12"},
		{"שלום 2026", "2026 םולש"},
		{"שרה כהן + प्रिया शर्मा", "प्रिया शर्मा + ןהכ הרש"},
		// A line the report composes in English keeps its words in order.
		{ltr("שרה כהן + Dev"), ltr("ןהכ הרש + Dev")},
		{ltr("שרה כהן and Dev"), ltr("ןהכ הרש and Dev")},
	} {
		if got := reorder(c.in); got != c.want {
			t.Errorf("reorder(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJoinArabic(t *testing.T) {
	// محمد: meem initial, hah medial, meem medial, dal final.
	if got, want := joinArabic("محمد"), "\uFEE3\uFEA4\uFEE4\uFEAA"; got != want {
		t.Errorf("joinArabic(محمد) = %U, want %U", []rune(got), []rune(want))
	}
	// الأحمد: alef isolated, lam with alef-hamza as the ligature's isolated form, then حمد.
	if got, want := joinArabic("الأحمد"), "\uFE8D\uFEF7\uFEA3\uFEE4\uFEAA"; got != want {
		t.Errorf("joinArabic(الأحمد) = %U, want %U", []rune(got), []rune(want))
	}
}

// A long line without spaces (Chinese, say) wraps in good time.
func TestLongUnbrokenTextWraps(t *testing.T) {
	o := fuzzOptions(t)
	d, err := newDoc(o, data.PracticeIdentity{Name: "p"}, "t", "s", data.NewDate(2026, 11, 22))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	d.para(strings.Repeat("王芳田中太郎김민준ประเทศไทย", 400))
	if err := d.finish(&bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("wrapping took %v", took)
	}
}
