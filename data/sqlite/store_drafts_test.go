package sqlite_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestMessageSettings(t *testing.T) {
	s := mustOpen(t)
	t.Run("empty at first", func(t *testing.T) {
		m, err := s.MessageSettings()
		if err != nil || m != (data.MessageSettings{}) {
			t.Errorf("%+v, %v", m, err)
		}
		if m.Zone() == "" {
			t.Error("no zone, not even the computer's")
		}
	})
	t.Run("saved and read back", func(t *testing.T) {
		want := data.MessageSettings{CoachEmail: "zoe@example.org", TimeZone: "Europe/Lisbon", Signature: "Zoë\nSilva Coaching", CopyMe: true}
		if err := s.SaveMessageSettings(want); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.MessageSettings(); got != want || got.Zone() != "Europe/Lisbon" {
			t.Errorf("read back %+v", got)
		}
	})
	t.Run("bad values named, nothing saved", func(t *testing.T) {
		err := s.SaveMessageSettings(data.MessageSettings{CoachEmail: "zoe at example", TimeZone: "Atlantis/Capital", Signature: strings.Repeat("x", 2001)})
		problems := data.Problems(err)
		if len(problems) != 3 || problems[0].Field != "email" || problems[1].Field != "zone" || problems[2].Field != "signature" {
			t.Fatalf("problems %+v", problems)
		}
		if got, _ := s.MessageSettings(); got.CoachEmail != "zoe@example.org" {
			t.Errorf("a refused save changed the settings: %+v", got)
		}
	})
}

func TestMessageTemplatesTravelWithThePractice(t *testing.T) {
	s := mustOpen(t)
	if err := s.SaveMessageTemplate("nudge", data.MessageTemplate{Subject: "Hello {{.FirstNames}}", Body: "Dear {{.FirstNames}},\n"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMessageSettings(data.MessageSettings{CoachEmail: "zoe@example.org"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMessageTemplate("no_such%kind", data.MessageTemplate{Subject: "x", Body: "y"}); err == nil {
		t.Error("a kind with a wildcard in its name was saved")
	}
	got, err := s.MessageTemplates()
	if err != nil || len(got) != 1 || got["nudge"].Subject != "Hello {{.FirstNames}}" {
		t.Fatalf("templates %v, %v", got, err)
	}
	var export bytes.Buffer
	if err := s.ExportAll(&export); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "moved.mutua")
	if err := sqlite.CreateFromExport(path, &export, sqlite.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	moved, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	if got, _ := moved.MessageTemplates(); got["nudge"].Body != "Dear {{.FirstNames}},\n" {
		t.Errorf("the template did not travel: %v", got)
	}
	if m, _ := moved.MessageSettings(); m.CoachEmail != "zoe@example.org" {
		t.Errorf("the address did not travel: %+v", m)
	}
	// An empty template goes back to Mutua's own.
	if err := s.SaveMessageTemplate("nudge", data.MessageTemplate{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MessageTemplates(); len(got) != 0 {
		t.Errorf("after restoring: %v", got)
	}
}
