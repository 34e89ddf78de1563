package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

func TestDateSettingChangesWhatScreensShow(t *testing.T) {
	s, h := newHomeTestScreen(t)
	jose := findPartnership(t, s, "José")
	page, err := s.store.Partnership(jose.ID)
	if err != nil {
		t.Fatal(err)
	}
	started := page.StartedOn
	overdue := itemsOf(h, data.Overdue)
	if len(overdue) == 0 {
		t.Fatal("the sample has no overdue action item")
	}
	due := overdue[0].Due
	for i, order := range data.DateOrders {
		s.settings.dates.SetSelectedIndex(i)
		if prefDateOrder.get(s.app) != string(order) {
			t.Fatalf("choosing %q saved %q", s.settings.dates.Selected, prefDateOrder.get(s.app))
		}
		if !strings.Contains(s.settings.datesHint.Text, order.Format(dateExample)) || !strings.Contains(s.settings.datesHint.Text, order.Pattern()) {
			t.Errorf("%s: the setting says %q", order, s.settings.datesHint.Text)
		}
		s.openPartnership(jose.ID)
		pg := s.partnerships.page
		if !shows(pg.content, "started "+order.Format(started)) {
			t.Errorf("%s: the partnership page does not say it started %q: %v", order, order.Format(started), texts(pg.content))
		}
		h.reload()
		if detail := itemsOf(h, data.Overdue)[0].Detail; !strings.Contains(detail, order.Format(due)) {
			t.Errorf("%s: the home screen says %q, not %q", order, detail, order.Format(due))
		}
		for _, other := range data.DateOrders {
			if other != order && shows(pg.content, other.Format(started)) {
				t.Errorf("%s: the partnership page still shows %q", order, other.Format(started))
			}
		}
	}
	// The next start shows dates in the order chosen last.
	again := openShell(t, s.app, filepath.Join(t.TempDir(), "again.mutua"))
	if again.cur.settings.dates.SelectedIndex() != len(data.DateOrders)-1 {
		t.Errorf("after a restart the setting shows %q", again.cur.settings.dates.Selected)
	}
}

func TestDateOrderDefaultsToTheLocale(t *testing.T) {
	for locale, want := range map[fyne.Locale]data.DateOrder{
		"en-US": data.MonthDayYear, "en-GB": data.DayMonthYear, "de-DE": data.DayMonthYear, "fr": data.DayMonthYear,
		"ja-JP": data.YearMonthDay, "sv-SE": data.YearMonthDay, "zh-CN-Hans": data.YearMonthDay, "pt-BR": data.DayMonthYear,
	} {
		if got := localeDateOrder(locale); got != want {
			t.Errorf("%s: %s, want %s", locale, got, want)
		}
	}
	a := test.NewTempApp(t)
	if got := prefDateOrder.get(a); got != string(localeDateOrder(lang.SystemLocale())) {
		t.Errorf("with nothing chosen the order is %q, the locale (%s) says %q", got, lang.SystemLocale(), localeDateOrder(lang.SystemLocale()))
	}
	a.Preferences().SetString(prefDateOrder.key, "dd.mm")
	if got := prefDateOrder.get(a); got != prefDateOrder.def {
		t.Errorf("an unknown saved order reads as %q", got)
	}
}

// typeDate types text into a new date entry shown in a window, in the given order.
func typeDate(t *testing.T, order data.DateOrder, text string) *dateEntry {
	t.Helper()
	fyne.CurrentApp().Preferences().SetString(prefDateOrder.key, string(order))
	e := newDateEntry()
	w := test.NewWindow(e)
	t.Cleanup(w.Close)
	test.Type(e.entry, text)
	return e
}

func TestDateEntryReadsTheChosenOrderAndISO(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		order       data.DateOrder
		typed       string
		want        data.Date
		words       string
		placeholder string
	}{
		{data.DayMonthYear, "11/02/2026", data.NewDate(2026, time.February, 11), "Wed 11 Feb 2026", "dd/mm/yyyy"},
		{data.MonthDayYear, "11/02/2026", data.NewDate(2026, time.November, 2), "Mon, Nov 2, 2026", "mm/dd/yyyy"},
		{data.YearMonthDay, "2026-11-02", data.NewDate(2026, time.November, 2), "Mon 2 Nov 2026", "yyyy-mm-dd"},
		{data.DayMonthYear, "2026-11-02", data.NewDate(2026, time.November, 2), "Mon 2 Nov 2026", "dd/mm/yyyy"},
		{data.MonthDayYear, "2026-11-02", data.NewDate(2026, time.November, 2), "Mon, Nov 2, 2026", "mm/dd/yyyy"},
	} {
		e := typeDate(t, c.order, c.typed)
		got, err := e.value()
		if err != nil || got != c.want {
			t.Errorf("%s: %q read as %v, %v", c.order, c.typed, got, err)
		}
		if e.words.Text != c.words || e.words.Importance == widget.DangerImportance {
			t.Errorf("%s: %q shows %q under it, want %q", c.order, c.typed, e.words.Text, c.words)
		}
		if e.entry.PlaceHolder != c.placeholder {
			t.Errorf("%s: placeholder %q", c.order, e.entry.PlaceHolder)
		}
		// A date given to the entry is written in the same order and reads back as itself.
		day := c.want.Time()
		e.SetDate(&day)
		if back, err := e.value(); err != nil || back != c.want || e.entry.Text != c.order.Typed(c.want) {
			t.Errorf("%s: SetDate wrote %q, read back as %v, %v", c.order, e.entry.Text, back, err)
		}
	}
}

func TestDateEntryCalendarFillsTheDate(t *testing.T) {
	test.NewTempApp(t)
	e := typeDate(t, data.DayMonthYear, "25/12/2026")
	test.Tap(e.entry.ActionItem.(*widget.Button))
	if e.popUp == nil || !e.popUp.Visible() {
		t.Fatal("the calendar button shows no calendar")
	}
	// The calendar opens on the month typed; picking a day there fills the entry.
	if !shows(e.calendar, "December 2026") {
		t.Errorf("the calendar shows %v", texts(e.calendar))
	}
	e.onCalendarPicked(time.Date(2026, time.December, 3, 0, 0, 0, 0, time.Local))
	if e.popUp.Visible() || e.entry.Text != "03/12/2026" || e.words.Text != "Thu 3 Dec 2026" {
		t.Errorf("after picking 3 December: calendar shown %v, entry %q, words %q", e.popUp.Visible(), e.entry.Text, e.words.Text)
	}
}

func TestDateEntryShowsARefusalAtTheField(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		order data.DateOrder
		typed string
		says  string
	}{
		{data.DayMonthYear, "31/02/2026", "February 2026 has 28 days"},
		{data.MonthDayYear, "31/02/2026", "no month 31"},
		{data.YearMonthDay, "11/02/2026", "could be 11 February or 2 November"},
		{data.DayMonthYear, "next week", "type it as dd/mm/yyyy"},
	} {
		e := typeDate(t, c.order, c.typed)
		if _, err := e.value(); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %q gives %v", c.order, c.typed, err)
		}
		if !strings.Contains(e.words.Text, c.says) || e.words.Importance != widget.DangerImportance {
			t.Errorf("%s: %q shows %q (%v) under it", c.order, c.typed, e.words.Text, e.words.Importance)
		}
		if e.entry.Validate() == nil {
			t.Errorf("%s: %q is marked as good", c.order, c.typed)
		}
	}
}

func TestSessionDatedInTheFutureIsMarkedAtTheField(t *testing.T) {
	s := newSampleShell(t)
	zoe := findPartnership(t, s, "Zoë")
	s.openPartnership(zoe.ID)
	pg := s.partnerships.page
	before := len(pg.page.SessionLog)
	test.Tap(pg.logSession)
	f := pg.sessionForm
	if f == nil {
		t.Fatal("no session form")
	}
	if f.date.words.Text != dateOrder().Words(data.DateOf(time.Now())) {
		t.Errorf("the session date says %q under it, not today in words", f.date.words.Text)
	}
	tomorrow := time.Now().AddDate(0, 0, 1)
	f.date.SetDate(&tomorrow)
	if !strings.Contains(f.date.words.Text, "is in the future") || f.date.words.Importance != widget.DangerImportance || f.date.entry.Validate() == nil {
		t.Errorf("a session dated tomorrow shows %q (%v) at the field", f.date.words.Text, f.date.words.Importance)
	}
	for _, m := range pg.page.Members {
		f.rating[m.ParticipantID].SetSelectedIndex(4)
	}
	test.Tap(f.save)
	if page, _ := s.store.Partnership(zoe.ID); len(page.SessionLog) != before {
		t.Errorf("a session dated tomorrow was saved")
	}
	// A rule only the practice knows (not before the partnership started) shows at the field too.
	early := pg.page.StartedOn.AddDays(-10).Time()
	f.date.SetDate(&early)
	if f.date.words.Importance == widget.DangerImportance {
		t.Fatalf("a past date is refused at once: %q", f.date.words.Text)
	}
	test.Tap(f.save)
	if !strings.Contains(f.date.words.Text, "before the partnership started") || f.date.words.Importance != widget.DangerImportance {
		t.Errorf("a session dated before the start shows %q (%v) at the field", f.date.words.Text, f.date.words.Importance)
	}
	if page, _ := s.store.Partnership(zoe.ID); len(page.SessionLog) != before {
		t.Errorf("a session dated before the start was saved")
	}
}

func TestCohortDatesTypedInTheChosenOrder(t *testing.T) {
	s := newTestShell(t)
	s.app.Preferences().SetString(prefDateOrder.key, string(data.MonthDayYear))
	s.selectTab("Cohorts")
	s.cohorts.onNewTapped()
	f := s.cohorts.form
	test.Type(f.name, "Spring 2027 executive circle")
	test.Type(f.starts.entry, "03/01/2027")
	test.Type(f.ends.entry, "2027-01-31")
	if f.starts.words.Text != "Mon, Mar 1, 2027" || f.ends.words.Text != "Sun, Jan 31, 2027" {
		t.Errorf("the dates read %q and %q", f.starts.words.Text, f.ends.words.Text)
	}
	test.Tap(f.save)
	// It would end before it starts: the form stays open and the end date says why.
	if !f.problem.Visible() || !strings.Contains(f.ends.words.Text, "cannot end before it starts") || f.ends.words.Importance != widget.DangerImportance {
		t.Fatalf("problem %q; the end date says %q", f.problem.Text, f.ends.words.Text)
	}
	f.ends.entry.SetText("")
	test.Type(f.ends.entry, "12/31/2027")
	test.Tap(f.save)
	list, err := s.store.Cohorts()
	if err != nil || len(list) != 1 || list[0].StartsOn != data.NewDate(2027, time.March, 1) || list[0].EndsOn != data.NewDate(2027, time.December, 31) {
		t.Fatalf("saved %+v, %v", list, err)
	}
	if !shows(s.cohorts.content, "Mar 1, 2027 to Dec 31, 2027") {
		t.Errorf("the cohort's dates show as %v", texts(s.cohorts.content))
	}
}
