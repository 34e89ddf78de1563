// Package fold turns text into a key for matching: lower case, without accents, so "Zoë
// Ødegård" matches "zoe odegard". Search, sorting and pairing all use it, so they agree.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String lower-cases s and strips accents.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		props := norm.NFD.PropertiesString(s[i:])
		r, _ := utf8.DecodeRuneInString(s[i:])
		if d := props.Decomposition(); len(d) > 0 {
			r, _ = utf8.DecodeRune(d) // the base letter; the accents follow it
		}
		r = unicode.ToLower(r)
		if u, ok := unaccented[r]; ok {
			b.WriteString(u)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
		i += max(props.Size(), 1)
	}
	return b.String()
}

// unaccented spells letters that do not decompose into a base letter and an accent.
var unaccented = map[rune]string{'ø': "o", 'ł': "l", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ı': "i"}
