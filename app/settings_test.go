package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// typeDays replaces the number of days as the coach does: clear the field, type the new one.
func typeDays(st *settingsScreen, text string) {
	st.inactive.SetText("")
	test.Type(st.inactive, text)
}

// saveDays types the number of days and taps Save.
func saveDays(t *testing.T, st *settingsScreen, text string) {
	t.Helper()
	typeDays(st, text)
	if st.saveInactive.Disabled() {
		t.Fatalf("Save is off after typing %q: %q", text, st.inactiveHint.Text)
	}
	test.Tap(st.saveInactive)
}

func TestSettingsSavesInactiveDays(t *testing.T) {
	s := newTestShell(t)
	st := newSettingsScreen(s)
	s.win.SetContent(st.content)
	if s.inactiveDays() != data.DefaultInactiveDays || st.inactive.Text != "30" {
		t.Fatalf("default: %d days, field %q", s.inactiveDays(), st.inactive.Text)
	}
	if !shows(st.content, "Flag a partnership with no session in") || !shows(st.content, "days") {
		t.Errorf("the setting is not explained: %v", texts(st.content))
	}
	if !st.saveInactive.Disabled() {
		t.Error("Save is on before anything changed")
	}
	typeDays(st, "45")
	if s.inactiveDays() != data.DefaultInactiveDays {
		t.Error("saved before Save was tapped")
	}
	test.Tap(st.saveInactive)
	if got := s.app.Preferences().Int(prefInactiveDays); got != 45 || s.inactiveDays() != 45 {
		t.Fatalf("saved %d, inactiveDays %d, want 45", got, s.inactiveDays())
	}
	if st.inactiveHint.Importance == widget.DangerImportance || st.inactive.Validate() != nil {
		t.Errorf("a valid value is marked as a problem: %q", st.inactiveHint.Text)
	}
	if !st.saveInactive.Disabled() || !strings.Contains(st.inactiveHint.Text, "Saved") {
		t.Errorf("after saving: Save on %v, hint %q", !st.saveInactive.Disabled(), st.inactiveHint.Text)
	}

	// Enter saves too.
	typeDays(st, "60")
	st.inactive.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.inactiveDays() != 60 {
		t.Errorf("Enter saved %d days, want 60", s.inactiveDays())
	}

	// Shown again as saved, in a new screen.
	if again := newSettingsScreen(s); again.inactive.Text != "60" {
		t.Errorf("the saved value shows as %q", again.inactive.Text)
	}
}

func TestSettingsRefusesInvalidDays(t *testing.T) {
	s := newTestShell(t)
	st := newSettingsScreen(s)
	s.win.SetContent(st.content)
	saveDays(t, st, "45")
	for _, bad := range []string{"3", "abc", "366", "12.5", ""} {
		typeDays(st, bad)
		if st.inactiveHint.Importance != widget.DangerImportance || !strings.Contains(st.inactiveHint.Text, "whole number of days from 7 to 365") {
			t.Errorf("%q: hint %q", bad, st.inactiveHint.Text)
		}
		if st.inactive.Validate() == nil {
			t.Errorf("%q: the field is not marked", bad)
		}
		if !st.saveInactive.Disabled() {
			t.Errorf("%q: Save is on", bad)
		}
		st.onSaveInactiveTapped() // Enter in the field
		if got := s.app.Preferences().Int(prefInactiveDays); got != 45 || s.inactiveDays() != 45 {
			t.Errorf("%q: saved %d, inactiveDays %d, want 45 kept", bad, got, s.inactiveDays())
		}
	}
	saveDays(t, st, "14")
	if st.inactiveHint.Importance == widget.DangerImportance || s.inactiveDays() != 14 {
		t.Errorf("after a valid value: hint %q, %d days", st.inactiveHint.Text, s.inactiveDays())
	}

	// A value saved out of range (by an older version, say) falls back to the default.
	s.app.Preferences().SetInt(prefInactiveDays, 2)
	if s.inactiveDays() != data.DefaultInactiveDays {
		t.Errorf("out-of-range preference gives %d days", s.inactiveDays())
	}
}

func TestSettingsShowsPracticeFile(t *testing.T) {
	s := newTestShell(t)
	st := newSettingsScreen(s)
	if !strings.Contains(st.practiceFile.Text, s.store.Path()) {
		t.Errorf("practice file line %q does not name %q", st.practiceFile.Text, s.store.Path())
	}
	store := s.store
	s.store = nil
	st.reload()
	s.store = store
	if st.practiceFile.Text != "No practice is open." {
		t.Errorf("without a practice: %q", st.practiceFile.Text)
	}
}
