package sqlite_test

import (
	"bytes"
	"image"
	"image/gif"
	"image/png"
	"os"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPracticeIdentity(t *testing.T) {
	t.Run("a new practice has none", func(t *testing.T) {
		s := mustOpen(t)
		id, err := s.PracticeIdentity()
		if err != nil || !id.IsEmpty() {
			t.Fatalf("got %+v, %v", id, err)
		}
		if id.Prepared() != "your coach" || id.Sharer() != "your coach" || id.Heading() != "" {
			t.Errorf("neutral words: %q %q %q", id.Prepared(), id.Sharer(), id.Heading())
		}
	})
	t.Run("saved and read back, trimmed", func(t *testing.T) {
		s := mustOpen(t)
		logo := pngOf(t, 120, 40)
		if err := s.SavePracticeIdentity(data.PracticeIdentity{Name: "  Silva   Coaching ", Coach: "Ana Silva", Contact: "ana@silva.example", Logo: logo}); err != nil {
			t.Fatal(err)
		}
		id, err := s.PracticeIdentity()
		if err != nil {
			t.Fatal(err)
		}
		if id.Name != "Silva Coaching" || id.Coach != "Ana Silva" || id.Contact != "ana@silva.example" || !bytes.Equal(id.Logo, logo) || id.LogoKind != "png" {
			t.Errorf("read back %+v", id)
		}
		if id.Prepared() != "Ana Silva, Silva Coaching" || id.Sharer() != "Ana Silva" {
			t.Errorf("words: %q %q", id.Prepared(), id.Sharer())
		}
		// Clearing a field and the logo.
		id.Contact, id.Logo = "", nil
		if err := s.SavePracticeIdentity(id); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.PracticeIdentity(); got.Contact != "" || got.Logo != nil || got.Name != "Silva Coaching" {
			t.Errorf("after clearing: %+v", got)
		}
	})
	t.Run("bad input is refused in plain words and changes nothing", func(t *testing.T) {
		s := mustOpen(t)
		if err := s.SavePracticeIdentity(data.PracticeIdentity{Coach: "Ana Silva"}); err != nil {
			t.Fatal(err)
		}
		var gifBuf bytes.Buffer
		gif.Encode(&gifBuf, image.NewGray(image.Rect(0, 0, 4, 4)), nil)
		for _, c := range []struct {
			name  string
			id    data.PracticeIdentity
			field string
			words string
		}{
			{"long name", data.PracticeIdentity{Name: strings.Repeat("x", 201)}, "name", "too long"},
			{"control character", data.PracticeIdentity{Coach: "Ana\x07"}, "coach", "control characters"},
			{"not an image", data.PracticeIdentity{Logo: []byte("%PDF-1.4 not a picture")}, "logo", "PNG or JPEG"},
			{"a GIF", data.PracticeIdentity{Logo: gifBuf.Bytes()}, "logo", "PNG or JPEG"},
			{"too large a file", data.PracticeIdentity{Logo: append(pngOf(t, 10, 10), make([]byte, data.MaxLogoBytes)...)}, "logo", "at most 1 MB"},
			{"too many pixels", data.PracticeIdentity{Logo: pngOf(t, data.MaxLogoDimension+1, 2)}, "logo", "pixels"},
			{"cut short", data.PracticeIdentity{Logo: pngOf(t, 50, 50)[:60]}, "logo", "damaged"},
		} {
			err := s.SavePracticeIdentity(c.id)
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), c.words) {
				t.Errorf("%s: got %v", c.name, err)
				continue
			}
			if p := data.Problems(err); len(p) != 1 || p[0].Field != c.field {
				t.Errorf("%s: problems %+v", c.name, p)
			}
		}
		if id, _ := s.PracticeIdentity(); id.Coach != "Ana Silva" {
			t.Errorf("a refused save changed the identity: %+v", id)
		}
	})
	t.Run("the export carries it and import restores it", func(t *testing.T) {
		s := mustOpen(t)
		want := data.PracticeIdentity{Name: "Silva Coaching", Coach: "Ana Silva", Contact: "+44 20 7946 0000", Logo: pngOf(t, 30, 30)}
		if err := s.SavePracticeIdentity(want); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.ExportAll(&buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), `"coach_name"`) {
			t.Errorf("the export lacks the coach's name")
		}
		copy := mustOpen(t)
		if err := copy.ImportAll(&buf, sqlite.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		got, err := copy.PracticeIdentity()
		if err != nil || got.Name != want.Name || got.Coach != want.Coach || got.Contact != want.Contact || !bytes.Equal(got.Logo, want.Logo) {
			t.Errorf("imported %+v, %v", got, err)
		}
	})
	t.Run("an export with a broken logo or a bad name is refused", func(t *testing.T) {
		s := mustOpen(t)
		if err := s.SavePracticeIdentity(data.PracticeIdentity{Coach: "Ana Silva"}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.ExportAll(&buf); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ from, to, want string }{
			{`"key": "coach_name", "value": "Ana Silva"}`, `"key": "coach_name", "value": "Ana\u0007"}`, "control characters"},
			{`"key": "coach_name", "value": "Ana Silva"}`, `"key": "coach_name", "value": "Ana Silva"}, {"key": "practice_logo", "value": "bm90IGFuIGltYWdl"}`, "PNG or JPEG"},
		} {
			edited := strings.Replace(buf.String(), c.from, c.to, 1)
			if edited == buf.String() {
				t.Fatalf("the export does not hold %s", c.from)
			}
			err := mustOpen(t).ImportAll(strings.NewReader(edited), sqlite.ImportOptions{})
			if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), c.want) {
				t.Errorf("imported with %s: %v", c.to, err)
			}
		}
	})
	t.Run("an older export without it still imports", func(t *testing.T) {
		raw, err := os.ReadFile("../../assets/sample.json")
		if err != nil {
			t.Fatal(err)
		}
		s := mustOpen(t)
		if err := s.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		id, err := s.PracticeIdentity()
		if err != nil || id.Coach != "" || id.Name == "" {
			t.Errorf("sample identity %+v, %v", id, err)
		}
	})
}
