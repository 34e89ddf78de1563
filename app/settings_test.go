package app

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
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
	if got := s.app.Preferences().Int(prefInactiveDays.key); got != 45 || s.inactiveDays() != 45 {
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
		if got := s.app.Preferences().Int(prefInactiveDays.key); got != 45 || s.inactiveDays() != 45 {
			t.Errorf("%q: saved %d, inactiveDays %d, want 45 kept", bad, got, s.inactiveDays())
		}
	}
	saveDays(t, st, "14")
	if st.inactiveHint.Importance == widget.DangerImportance || s.inactiveDays() != 14 {
		t.Errorf("after a valid value: hint %q, %d days", st.inactiveHint.Text, s.inactiveDays())
	}

	// A value saved out of range (by an older version, say) falls back to the default.
	s.app.Preferences().SetInt(prefInactiveDays.key, 2)
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
}

func TestSettingsAppearance(t *testing.T) {
	s := newTestShell(t)
	st := s.settings
	if st.appearance.Selected != appearanceSystem {
		t.Fatalf("default appearance %q", st.appearance.Selected)
	}
	background := func() color.Color {
		return s.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	}
	st.appearance.SetSelected(appearanceDark)
	if prefAppearance.get(s.app) != appearanceDark || background() != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("Dark: saved %q, background %v", prefAppearance.get(s.app), background())
	}
	st.appearance.SetSelected(appearanceLight)
	if background() != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Errorf("Light: background %v", background())
	}
	// The next start shows the colours chosen.
	again := openShell(t, s.app, filepath.Join(t.TempDir(), "again.mutua"))
	if again.cur.settings.appearance.Selected != appearanceLight {
		t.Errorf("after a restart: %q", again.cur.settings.appearance.Selected)
	}
}

func TestNewCohortsStartWithTheChosenRules(t *testing.T) {
	s := newTestShell(t)
	st := s.settings
	if st.preset.Selected != pairing.Presets[0].Name || st.odd.Selected != triadLabel || st.sameCompany.Checked {
		t.Fatalf("defaults: %q, %q, same company %v", st.preset.Selected, st.odd.Selected, st.sameCompany.Checked)
	}
	st.preset.SetSelected("Reverse mentoring")
	st.odd.SetSelected(sitOutLabel)
	st.sameCompany.SetChecked(true)
	if !strings.Contains(st.presetHint.Text, "senior leader") {
		t.Errorf("the preset is not explained: %q", st.presetHint.Text)
	}

	s.onNewCohort()
	form := s.cohorts.form
	test.Type(form.name, "Reverse circle 2027")
	test.Tap(form.save)
	cohorts, err := s.store.Cohorts()
	if err != nil || len(cohorts) != 1 {
		t.Fatalf("cohorts: %v, %v", cohorts, err)
	}
	c := cohorts[0]
	if c.PairingPreset != "reverse-mentoring" || c.OddPerson != data.SitOut || !pairing.CohortRules(c).SameCompany ||
		pairing.CohortRules(c).Mode != pairing.Reverse {
		t.Errorf("new cohort: preset %q, odd %q, rules %+v", c.PairingPreset, c.OddPerson, pairing.CohortRules(c))
	}
}

func TestSettingsBackupFolderAndSchedule(t *testing.T) {
	s := newTestShell(t)
	b := s.settings.backups
	b.reload()
	if b.every.Selected != "Every day" || b.beside.Visible() {
		t.Fatalf("defaults: %q, beside shown %v", b.every.Selected, b.beside.Visible())
	}
	b.every.SetSelected("Every week")
	if s.backupEvery() != 7*24*time.Hour {
		t.Errorf("schedule saved as %v", s.backupEvery())
	}

	drive := filepath.Join(t.TempDir(), "Backup drive")
	os.Mkdir(drive, 0o700)
	b.useFolder(drive)
	if prefBackupFolder.get(s.app) != drive || !shows(topDialog(s), "From now on backups are kept in") {
		t.Fatalf("folder not taken: %q, %v", prefBackupFolder.get(s.app), texts(topDialog(s)))
	}
	list, _ := sqlite.Backups(filepath.Join(drive, "practice.mutua"))
	if len(list) != 1 || !strings.Contains(b.where.Text, drive) || !b.beside.Visible() {
		t.Errorf("in the new folder: %d backups, shown %q", len(list), b.where.Text)
	}
	// A folder that cannot hold backups changes nothing, and says so.
	blocked := filepath.Join(t.TempDir(), "a file")
	os.WriteFile(blocked, nil, 0o600)
	b.useFolder(blocked)
	if prefBackupFolder.get(s.app) != drive || !strings.HasPrefix(s.store.BackupDir(), drive) || !shows(topDialog(s), "could not create the backup folder") {
		t.Errorf("after a folder that fails: %q, %s, %v", prefBackupFolder.get(s.app), s.store.BackupDir(), texts(topDialog(s)))
	}
	// Reopening uses the chosen folder.
	path := s.store.Path()
	s.leavePractice()
	if err := s.OpenPractice(path); err != nil || !strings.HasPrefix(s.Shell.cur.store.BackupDir(), drive) {
		t.Errorf("reopened: %v, backups in %s", err, s.Shell.cur.store.BackupDir())
	}
}
