package reports

import "testing"

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
