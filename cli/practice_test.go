package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data/sqlite"
)

func TestPracticeCommand(t *testing.T) {
	db := samplePractice(t)
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.png")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 120, 40)))
	os.WriteFile(logo, buf.Bytes(), 0o600)

	out, err := mutua(t, "practice", "--db", db)
	if err != nil || !strings.Contains(out, "Practice: Sample practice: Mutua coaching") || !strings.Contains(out, "Coach:    (not set)") {
		t.Fatalf("show: %q, %v", out, err)
	}
	out, err = mutua(t, "practice", "--db", db, "--name", "Silva Coaching", "--coach", "Ana Silva", "--contact", "ana@silva.example", "--logo", logo)
	if err != nil || !strings.Contains(out, "Saved.") || !strings.Contains(out, "Logo:     PNG, 120 × 40 pixels") {
		t.Fatalf("set: %q, %v", out, err)
	}
	// Flags not given stay as they are; "" clears one.
	if out, err = mutua(t, "practice", "--db", db, "--contact", "", "--logo", ""); err != nil {
		t.Fatal(err)
	}
	withStore(t, db, func(s *sqlite.Store) {
		id, err := s.PracticeIdentity()
		if err != nil || id.Name != "Silva Coaching" || id.Coach != "Ana Silva" || id.Contact != "" || id.Logo != nil {
			t.Errorf("saved %+v, %v", id, err)
		}
	})
	// The export carries it.
	export := filepath.Join(dir, "all.json")
	if _, err := mutua(t, "export", "all", "--db", db, "--out", export); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(export); !bytes.Contains(raw, []byte(`"Ana Silva"`)) {
		t.Errorf("the export lacks the coach's name")
	}

	notImage := filepath.Join(dir, "notes.txt")
	os.WriteFile(notImage, []byte("hello"), 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--logo", notImage}, "--logo: The logo must be a PNG or JPEG image"},
		{[]string{"--logo", filepath.Join(dir, "missing.png")}, "could not read the logo file missing.png"},
		{[]string{"--coach", strings.Repeat("a", 201)}, "The coach's name is too long"},
		{[]string{"--name", "a\x01b"}, "control characters"},
	} {
		_, err := mutua(t, append([]string{"practice", "--db", db}, c.args...)...)
		if line := Error(err); !strings.Contains(line, c.want) || strings.Contains(line, "\n") {
			t.Errorf("%v: %q", c.args, line)
		}
	}
	withStore(t, db, func(s *sqlite.Store) {
		if id, _ := s.PracticeIdentity(); id.Name != "Silva Coaching" || id.Coach != "Ana Silva" {
			t.Errorf("a refused change was saved: %+v", id)
		}
	})
	if _, err := mutua(t, "practice"); err == nil || !strings.Contains(err.Error(), "needs --db") {
		t.Errorf("no --db: %v", err)
	}
}
