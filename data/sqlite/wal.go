package sqlite

import (
	"encoding/binary"
	"os"
)

// walLosesCommits reports whether the practice's journal (path-wal) holds committed changes
// SQLite would drop when it opens the practice: a flipped byte in one frame makes SQLite stop
// reading the journal there, and the commits after it would be lost without a word. Mutua
// reads the journal as SQLite does (checksums and salts) and looks for a commit beyond the
// point where SQLite stops.
func walLosesCommits(path string) bool {
	raw, err := os.ReadFile(path + "-wal")
	if err != nil || len(raw) < 32 {
		return false
	}
	magic := binary.BigEndian.Uint32(raw[0:4])
	if magic&^1 != 0x377f0682 {
		return len(raw) > 32 // a journal with frames but no readable header
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	pageSize := int(binary.BigEndian.Uint32(raw[8:12]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return len(raw) > 32
	}
	salt := raw[16:24]
	s1, s2 := walChecksum(order, 0, 0, raw[0:24])
	valid := s1 == binary.BigEndian.Uint32(raw[24:28]) && s2 == binary.BigEndian.Uint32(raw[28:32])
	frameSize := 24 + pageSize
	for off := 32; off+frameSize <= len(raw); off += frameSize {
		frame := raw[off : off+frameSize]
		if string(frame[8:16]) != string(salt) {
			if valid {
				valid = false // the end of this journal's frames; older ones may follow
			}
			continue
		}
		commit := binary.BigEndian.Uint32(frame[4:8]) != 0
		if valid {
			s1, s2 = walChecksum(order, s1, s2, frame[0:8])
			s1, s2 = walChecksum(order, s1, s2, frame[24:])
			if s1 == binary.BigEndian.Uint32(frame[16:20]) && s2 == binary.BigEndian.Uint32(frame[20:24]) {
				continue
			}
			valid = false // SQLite stops reading here
		}
		if commit {
			return true // a commit of this journal that SQLite would not read
		}
	}
	return false
}

// walChecksum is SQLite's journal checksum over b, continuing from s1 and s2.
func walChecksum(order binary.ByteOrder, s1, s2 uint32, b []byte) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s1 += order.Uint32(b[i:]) + s2
		s2 += order.Uint32(b[i+4:]) + s1
	}
	return s1, s2
}
