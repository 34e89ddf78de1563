package fold

import "testing"

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Ødegård":         "zoe odegard",
		"Łódź Market Entry":   "lodz market entry",
		"ŁUKASZ WIŚNIEWSKI":   "lukasz wisniewski",
		"Ана Петрова":         "ана петрова",
		"Straße":              "strasse",
		"plain ASCII, 123":    "plain ascii, 123",
		"Émile\u0301 Laurent": "emile laurent", // a combining accent typed separately
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}
