package reports

// Fonts with tens of thousands of glyphs (Chinese, Japanese, Korean) cost gofpdf over 100 ms
// to read for every report. They are cut instead into small fonts of 256 characters each
// (U+4E00–U+4EFF, U+4F00–U+4FFF, ...), made once and kept, and a report adds only those it
// uses.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"
)

const bigFont = 4000 // glyphs from which a font is cut into blocks

type blockKey struct {
	font  *byte
	block rune
}

var (
	blocksMu sync.Mutex
	blocks   = map[blockKey][]byte{}
	bigMu    sync.Mutex
	big      = map[*byte]bool{}
)

// isBig tells whether a font has so many glyphs that it is cut into blocks.
func isBig(ttf []byte) bool {
	bigMu.Lock()
	defer bigMu.Unlock()
	if b, ok := big[&ttf[0]]; ok {
		return b
	}
	f, err := sfnt.Parse(ttf)
	b := err == nil && f.NumGlyphs() > bigFont
	big[&ttf[0]] = b
	return b
}

// block returns the font cut to the characters of one block (r >> 8), or nil.
func block(ttf []byte, b rune) []byte {
	blocksMu.Lock()
	defer blocksMu.Unlock()
	k := blockKey{&ttf[0], b}
	if out, ok := blocks[k]; ok {
		return out
	}
	out, err := cutBlock(ttf, b)
	if err != nil {
		out = nil
	}
	blocks[k] = out
	return out
}

func cutBlock(ttf []byte, b rune) ([]byte, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	var chars []rune
	var gids []uint16
	for r := b << 8; r < (b+1)<<8; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			chars = append(chars, r)
			gids = append(gids, uint16(g))
		}
	}
	if b != 0 { // every block holds the space, which runs of its script keep
		if g, err := f.GlyphIndex(&buf, ' '); err == nil && g != 0 {
			chars = append([]rune{' '}, chars...)
			gids = append([]uint16{uint16(g)}, gids...)
		}
	}
	return subset(ttf, chars, gids)
}

// subset returns a TrueType font holding only the given characters' glyphs (and the
// glyphs they are built from), renumbered, with a character map for those characters.
func subset(ttf []byte, chars []rune, gids []uint16) ([]byte, error) {
	tables := map[string][]byte{}
	if len(ttf) < 12 {
		return nil, errors.New("not a font")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errors.New("not a font")
	}
	for i := 0; i < n; i++ {
		e := ttf[12+16*i:]
		off, length := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if uint64(off)+uint64(length) > uint64(len(ttf)) {
			return nil, errors.New("a table lies outside the font")
		}
		tables[string(e[:4])] = ttf[off : off+length]
	}
	head, hhea, maxp, loca, glyf, hmtx := tables["head"], tables["hhea"], tables["maxp"], tables["loca"], tables["glyf"], tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || glyf == nil || loca == nil || hmtx == nil {
		return nil, errors.New("not a TrueType font")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	glyph := func(g int) []byte {
		if g >= numGlyphs {
			return nil
		}
		var a, z int
		if longLoca {
			if 4*g+8 > len(loca) {
				return nil
			}
			a, z = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		} else {
			if 2*g+4 > len(loca) {
				return nil
			}
			a, z = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
		}
		if a > z || z > len(glyf) {
			return nil
		}
		return glyf[a:z]
	}
	// components lists a composite glyph's parts: their offsets in the glyph and glyph ids.
	components := func(g []byte) (offsets []int) {
		if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
			return nil
		}
		for p := 10; p+4 <= len(g); {
			flags := binary.BigEndian.Uint16(g[p:])
			offsets = append(offsets, p+2)
			p += 4
			if flags&1 != 0 {
				p += 4
			} else {
				p += 2
			}
			switch {
			case flags&8 != 0:
				p += 2
			case flags&0x40 != 0:
				p += 4
			case flags&0x80 != 0:
				p += 8
			}
			if flags&0x20 == 0 {
				break
			}
		}
		return offsets
	}
	keep := map[int]bool{0: true}
	var add func(g int)
	add = func(g int) {
		if keep[g] || g >= numGlyphs {
			return
		}
		keep[g] = true
		gl := glyph(g)
		for _, o := range components(gl) {
			add(int(binary.BigEndian.Uint16(gl[o:])))
		}
	}
	for _, g := range gids {
		add(int(g))
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	renumber := map[int]uint16{}
	for i, g := range old {
		renumber[g] = uint16(i)
	}
	hMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	metric := func(g int) (adv, lsb uint16) {
		if hMetrics == 0 {
			return 0, 0
		}
		if g < hMetrics {
			if 4*g+4 <= len(hmtx) {
				return binary.BigEndian.Uint16(hmtx[4*g:]), binary.BigEndian.Uint16(hmtx[4*g+2:])
			}
			return 0, 0
		}
		if 4*hMetrics <= len(hmtx) {
			adv = binary.BigEndian.Uint16(hmtx[4*hMetrics-4:])
		}
		if p := 4*hMetrics + 2*(g-hMetrics); p+2 <= len(hmtx) {
			lsb = binary.BigEndian.Uint16(hmtx[p:])
		}
		return adv, lsb
	}
	var newGlyf, newLoca, newHmtx bytes.Buffer
	for _, g := range old {
		binary.Write(&newLoca, binary.BigEndian, uint32(newGlyf.Len()))
		gl := append([]byte(nil), glyph(g)...)
		for _, o := range components(gl) {
			binary.BigEndian.PutUint16(gl[o:], renumber[int(binary.BigEndian.Uint16(gl[o:]))])
		}
		newGlyf.Write(gl)
		newGlyf.Write(make([]byte, (4-len(gl)%4)%4))
		adv, lsb := metric(g)
		binary.Write(&newHmtx, binary.BigEndian, [2]uint16{adv, lsb})
	}
	binary.Write(&newLoca, binary.BigEndian, uint32(newGlyf.Len()))
	newGids := make([]uint16, len(gids))
	for i, g := range gids {
		newGids[i] = renumber[int(g)]
	}
	order := make([]int, len(chars))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return chars[order[a]] < chars[order[b]] })
	sortedChars, sortedGids := make([]rune, len(chars)), make([]uint16, len(chars))
	for i, k := range order {
		sortedChars[i], sortedGids[i] = chars[k], newGids[k]
	}
	setU16 := func(t []byte, at int, v uint16) []byte {
		t = append([]byte(nil), t...)
		binary.BigEndian.PutUint16(t[at:], v)
		return t
	}
	out := map[string][]byte{
		"head": setU16(head, 50, 1),
		"hhea": setU16(hhea, 34, uint16(len(old))),
		"maxp": setU16(maxp, 4, uint16(len(old))),
		"glyf": newGlyf.Bytes(),
		"loca": newLoca.Bytes(),
		"hmtx": newHmtx.Bytes(),
		"cmap": format4(sortedChars, sortedGids),
	}
	for _, t := range []string{"OS/2", "name", "cvt ", "fpgm", "prep"} {
		if tables[t] != nil {
			out[t] = tables[t]
		}
	}
	if post := tables["post"]; len(post) >= 32 {
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000) // no glyph names
		out["post"] = p
	}
	return writeFont(ttf[:4], out), nil
}

// writeFont writes a TrueType font from its tables.
func writeFont(version []byte, tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	var out bytes.Buffer
	out.Write(version)
	n := len(tags)
	pow, sel := 1, 0
	for pow*2 <= n {
		pow, sel = pow*2, sel+1
	}
	binary.Write(&out, binary.BigEndian, [4]uint16{uint16(n), uint16(16 * pow), uint16(sel), uint16(16*n - 16*pow)})
	offset := 12 + 16*n
	for _, t := range tags {
		out.WriteString(t)
		binary.Write(&out, binary.BigEndian, checksum(tables[t]))
		binary.Write(&out, binary.BigEndian, uint32(offset))
		binary.Write(&out, binary.BigEndian, uint32(len(tables[t])))
		offset += (len(tables[t]) + 3) &^ 3
	}
	for _, t := range tags {
		out.Write(tables[t])
		out.Write(make([]byte, (4-len(tables[t])%4)%4))
	}
	return out.Bytes()
}
