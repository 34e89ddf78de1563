package app

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"mutua/data"
	"mutua/data/pairing"
	"mutua/data/sqlite"
	"mutua/reports"
)

// The coach's settings, kept with Fyne's preferences rather than in a practice file, so they
// follow the coach from one practice to the next. Every key, its default and the values it
// may take are here; a saved value outside them reads as the default.
var (
	// prefLastPractice is the practice file the coach used last.
	prefLastPractice = textPref{key: "lastPractice"}
	// prefWelcomed is set once the coach has seen the welcome.
	prefWelcomed = boolPref{key: "welcomed"}
	// prefAppearance is the colour scheme: the system's, or always light or dark.
	prefAppearance = textPref{key: "appearance", def: appearanceSystem,
		choices: []string{appearanceSystem, appearanceLight, appearanceDark}}
	// prefDateOrder is the order dates are shown and typed in; by default the one usual where
	// the computer is set up (its locale).
	prefDateOrder = textPref{key: "dateOrder", def: string(localeDateOrder(lang.SystemLocale())), choices: dateOrderKeys()}
	// prefInactiveDays is N in "no session in N days" on the home screen.
	prefInactiveDays = intPref{key: "inactiveDays", def: data.DefaultInactiveDays, min: 7, max: 365}
	// prefPageSize is the paper reports are printed on.
	prefPageSize = textPref{key: "pageSize", def: reports.A4, choices: []string{reports.A4, reports.Letter}}
	// The pairing rules a new cohort starts with: a preset, what happens to an odd person,
	// and whether two people from one company may be paired.
	prefCohortPreset      = textPref{key: "newCohortPreset", def: pairing.Presets[0].Key, choices: presetKeys()}
	prefCohortOdd         = textPref{key: "newCohortOddPerson", def: string(data.Triad), choices: []string{string(data.Triad), string(data.SitOut)}}
	prefCohortSameCompany = boolPref{key: "newCohortSameCompany"}
	// prefDraftsFolder is the folder the coach wrote email drafts into last.
	prefDraftsFolder = textPref{key: "draftsFolder"}
	// prefBackupFolder holds the backups; "" keeps them beside the practice.
	prefBackupFolder = textPref{key: "backupFolder"}
	// prefBackupEvery is how old the newest backup may be before opening makes another.
	prefBackupEvery = textPref{key: "backupEvery", def: sqlite.DefaultBackupEvery.String(),
		choices: []string{(4 * time.Hour).String(), sqlite.DefaultBackupEvery.String(), (7 * 24 * time.Hour).String()}}
)

// Appearances.
const (
	appearanceSystem = "System"
	appearanceLight  = "Light"
	appearanceDark   = "Dark"
)

func dateOrderKeys() []string {
	keys := make([]string, len(data.DateOrders))
	for i, o := range data.DateOrders {
		keys[i] = string(o)
	}
	return keys
}

// localeDateOrder is the order dates are usually written in where the locale points: month
// first in the United States and a few places that follow it, year first in East Asia and a
// few countries that write ISO, day first elsewhere.
func localeDateOrder(l fyne.Locale) data.DateOrder {
	parts := strings.Split(l.String(), "-")
	region := ""
	if len(parts) > 1 {
		region = strings.ToUpper(parts[1])
	}
	switch region {
	case "US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM":
		return data.MonthDayYear
	case "CN", "JP", "KR", "KP", "TW", "MN", "HU", "LT", "SE", "CA":
		return data.YearMonthDay
	}
	return data.DayMonthYear
}

// dateExample is the date settings show to explain an order: the day can't pass for a month.
var dateExample = data.NewDate(2026, time.November, 25)

// dateOrder is the order the coach chose for dates. It is read from the running app, so
// helpers that only write a date need no screen to reach the setting.
func dateOrder() data.DateOrder {
	if a := fyne.CurrentApp(); a != nil {
		return data.DateOrder(prefDateOrder.get(a))
	}
	return localeDateOrder(lang.SystemLocale())
}

func presetNames() []string {
	names := make([]string, len(pairing.Presets))
	for i, p := range pairing.Presets {
		names[i] = p.Name
	}
	return names
}

func presetKeys() []string {
	keys := make([]string, len(pairing.Presets))
	for i, p := range pairing.Presets {
		keys[i] = p.Key
	}
	return keys
}

// textPref is a text setting, free or one of a few choices.
type textPref struct {
	key     string
	def     string
	choices []string // nil: any text
}

func (p textPref) get(a fyne.App) string {
	v := a.Preferences().StringWithFallback(p.key, p.def)
	if p.choices != nil && !slices.Contains(p.choices, v) {
		return p.def
	}
	return v
}

func (p textPref) set(a fyne.App, v string) { a.Preferences().SetString(p.key, v) }

// intPref is a whole number within a range.
type intPref struct {
	key           string
	def, min, max int
}

func (p intPref) get(a fyne.App) int {
	n := a.Preferences().IntWithFallback(p.key, p.def)
	if n < p.min || n > p.max {
		return p.def
	}
	return n
}

func (p intPref) set(a fyne.App, n int) { a.Preferences().SetInt(p.key, n) }

// boolPref is a yes or no, false unless set.
type boolPref struct{ key string }

func (p boolPref) get(a fyne.App) bool { return a.Preferences().Bool(p.key) }

func (p boolPref) set(a fyne.App, v bool) { a.Preferences().SetBool(p.key, v) }

// backupEvery is how often opening a practice backs it up.
func (s *Shell) backupEvery() time.Duration {
	d, err := time.ParseDuration(prefBackupEvery.get(s.app))
	if err != nil {
		return sqlite.DefaultBackupEvery
	}
	return d
}

// storeOptions are the settings a practice is opened with.
func (s *Shell) storeOptions() sqlite.Options {
	return sqlite.Options{BackupFolder: prefBackupFolder.get(s.app)}
}

// newCohort is a cohort with the pairing rules the coach set for new cohorts.
func (s *Shell) newCohort() data.Cohort {
	c := data.Cohort{PairingPreset: prefCohortPreset.get(s.app), OddPerson: data.OddPerson(prefCohortOdd.get(s.app))}
	if prefCohortSameCompany.get(s.app) {
		c.PairingRules = `{"same_company":true}`
	}
	return c
}
