package reports

// Devanagari conjuncts and vowel signs have no characters of their own: a shaper
// (github.com/go-text/typesetting, a port of HarfBuzz) turns the letters into the font's
// glyphs. gofpdf draws characters, not glyphs, so the report uses a copy of the Devanagari
// font whose character map sends private-use characters to glyphs (U+E000 + n to glyph n),
// and draws those. The page looks right; text copied from it is not Devanagari.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sort"
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

const glyphBase = 0xE000 // glyph n of a shaped font is drawn as U+E000 + n

// shaper shapes one script font.
type shaper struct {
	face  *font.Face
	byGID []byte // the font with its glyphs reachable as private-use characters
	mu    sync.Mutex
	hb    shaping.HarfbuzzShaper
}

var (
	shapersMu sync.Mutex
	shapers   = map[*byte]*shaper{}
)

// shaperFor returns the shaper of a font, or nil when it cannot be shaped.
func shaperFor(ttf []byte) *shaper {
	shapersMu.Lock()
	defer shapersMu.Unlock()
	if s, ok := shapers[&ttf[0]]; ok {
		return s
	}
	var s *shaper
	face, err := font.ParseTTF(bytes.NewReader(ttf))
	if err == nil {
		if b, err := glyphCmap(ttf); err == nil {
			s = &shaper{face: face, byGID: b}
		}
	}
	shapers[&ttf[0]] = s
	return s
}

// needsShaping tells whether text of this script must be shaped to be read.
func needsShaping(r rune) bool { return r >= 0x0900 && r <= 0x097F || r >= 0xA8E0 && r <= 0xA8FF }

// shape turns Devanagari text into the private-use characters of its glyphs, in order.
func (s *shaper) shape(text string) string {
	rs := []rune(text)
	s.mu.Lock()
	out := s.hb.Shape(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR, Face: s.face,
		Size: fixed.I(1000), Script: language.Devanagari, Language: language.NewLanguage("hi")})
	s.mu.Unlock()
	glyphs := make([]rune, 0, len(out.Glyphs))
	for _, g := range out.Glyphs {
		if int(g.GlyphID) < 0x1900 { // the private-use area holds 6,400 characters
			glyphs = append(glyphs, glyphBase+rune(g.GlyphID))
		}
	}
	return string(glyphs)
}

// glyphCmap returns a copy of a TrueType font whose only character map sends U+E000 + n to
// glyph n.
func glyphCmap(ttf []byte) ([]byte, error) {
	return withCmap(ttf, nil)
}

// withCmap returns a copy of a TrueType font whose only character map is the one given, or
// when it is nil one that sends U+E000 + n to glyph n.
func withCmap(ttf []byte, cmap []byte) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not a font")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errors.New("not a font")
	}
	type table struct {
		tag  string
		data []byte
	}
	var tables []table
	glyphs := 0
	for i := 0; i < n; i++ {
		e := ttf[12+16*i:]
		tag := string(e[:4])
		off, length := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if uint64(off)+uint64(length) > uint64(len(ttf)) {
			return nil, errors.New("a table lies outside the font")
		}
		data := ttf[off : off+length]
		if tag == "maxp" && len(data) >= 6 {
			glyphs = int(binary.BigEndian.Uint16(data[4:]))
		}
		tables = append(tables, table{tag, data})
	}
	glyphs = min(glyphs, 0x1900)
	if glyphs < 2 {
		return nil, errors.New("the font has no glyphs")
	}
	// cmap: version 0, one map (Windows, Unicode BMP) in format 4 with two segments: the
	// glyphs, and the closing U+FFFF.
	var c bytes.Buffer
	w := func(v ...uint16) {
		for _, x := range v {
			binary.Write(&c, binary.BigEndian, x)
		}
	}
	w(0, 1, 3, 1)
	binary.Write(&c, binary.BigEndian, uint32(12))
	w(4, 16+2*4*2, 0, 2*2, 4, 1, 0)       // format, length, language, segCountX2, searchRange, entrySelector, rangeShift
	w(glyphBase+uint16(glyphs)-1, 0xFFFF) // endCode
	w(0)                                  // reservedPad
	w(glyphBase+1, 0xFFFF)                // startCode
	w(0x10000-glyphBase, 1)               // idDelta: U+E001 → glyph 1
	w(0, 0)                               // idRangeOffset
	if cmap == nil {
		cmap = c.Bytes()
	}
	for i := range tables {
		if tables[i].tag == "cmap" {
			tables[i].data = cmap
		}
	}
	sort.Slice(tables, func(a, b int) bool { return tables[a].tag < tables[b].tag })
	var out bytes.Buffer
	out.Write(ttf[:12])
	offset := 12 + 16*len(tables)
	for _, t := range tables {
		out.WriteString(t.tag)
		binary.Write(&out, binary.BigEndian, checksum(t.data))
		binary.Write(&out, binary.BigEndian, uint32(offset))
		binary.Write(&out, binary.BigEndian, uint32(len(t.data)))
		offset += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out.Write(t.data)
		out.Write(make([]byte, (4-len(t.data)%4)%4))
	}
	return out.Bytes(), nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var word [4]byte
		copy(word[:], b[i:])
		sum += binary.BigEndian.Uint32(word[:])
	}
	return sum
}

// format4 builds a character map (Windows, Unicode BMP, format 4) from characters to glyphs,
// one segment per run of consecutive characters and glyphs.
func format4(chars []rune, gids []uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for i, r := range chars {
		if r > 0xFFFE {
			continue
		}
		d := gids[i] - uint16(r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == uint16(r) && segs[n-1].delta == d {
			segs[n-1].end++
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	var c bytes.Buffer
	w := func(v ...uint16) {
		for _, x := range v {
			binary.Write(&c, binary.BigEndian, x)
		}
	}
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	sel := 0
	for 1<<sel < pow {
		sel++
	}
	w(0, 1, 3, 1)
	binary.Write(&c, binary.BigEndian, uint32(12))
	w(4, uint16(16+8*n), 0, uint16(2*n), uint16(2*pow), uint16(sel), uint16(2*n-2*pow))
	for _, s := range segs {
		w(s.end)
	}
	w(0)
	for _, s := range segs {
		w(s.start)
	}
	for _, s := range segs {
		w(s.delta)
	}
	for range segs {
		w(0)
	}
	return c.Bytes()
}
