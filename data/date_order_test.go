package data_test

import (
	"strings"
	"testing"
	"time"

	"mutua/data"
)

func TestDateOrderFormat(t *testing.T) {
	d := data.NewDate(2026, time.November, 2)
	for _, c := range []struct {
		order               data.DateOrder
		shown, words, typed string
	}{
		{data.DayMonthYear, "2 Nov 2026", "Mon 2 Nov 2026", "02/11/2026"},
		{data.MonthDayYear, "Nov 2, 2026", "Mon, Nov 2, 2026", "11/02/2026"},
		{data.YearMonthDay, "2026-11-02", "Mon 2 Nov 2026", "2026-11-02"},
	} {
		if got := c.order.Format(d); got != c.shown {
			t.Errorf("%s: shown %q, want %q", c.order, got, c.shown)
		}
		if got := c.order.Words(d); got != c.words {
			t.Errorf("%s: words %q, want %q", c.order, got, c.words)
		}
		if got := c.order.Typed(d); got != c.typed {
			t.Errorf("%s: typed %q, want %q", c.order, got, c.typed)
		}
		// What the entry is given back reads as the same day.
		if back, err := c.order.Parse(c.typed); err != nil || back != d {
			t.Errorf("%s: %q reads back as %v, %v", c.order, c.typed, back, err)
		}
		if back, err := c.order.Parse(c.shown); err != nil || back != d {
			t.Errorf("%s: %q reads back as %v, %v", c.order, c.shown, back, err)
		}
		if c.order.Format(data.Date{}) != "" || c.order.Words(data.Date{}) != "" {
			t.Errorf("%s: an unset date shows something", c.order)
		}
	}
	if got := data.DateOrder("").Format(d); got != "2 Nov 2026" {
		t.Errorf("no order chosen shows %q", got)
	}
	at := time.Date(2026, time.November, 2, 14, 5, 0, 0, time.UTC)
	if got := data.MonthDayYear.FormatTime(at); got != "Nov 2, 2026 14:05" {
		t.Errorf("a moment shows %q", got)
	}
}

func TestDateOrderParse(t *testing.T) {
	nov2 := data.NewDate(2026, time.November, 2)
	feb11 := data.NewDate(2026, time.February, 11)
	for _, c := range []struct {
		order data.DateOrder
		in    string
		want  data.Date
	}{
		// The same text is a different day in each order: the setting decides.
		{data.DayMonthYear, "11/02/2026", feb11},
		{data.MonthDayYear, "11/02/2026", nov2},
		// ISO is read in every order.
		{data.DayMonthYear, "2026-11-02", nov2},
		{data.MonthDayYear, "2026-11-02", nov2},
		{data.YearMonthDay, "2026-11-02", nov2},
		{data.DayMonthYear, "2026/11/2", nov2},
		// Other separators, short numbers, two-digit years, month names.
		{data.DayMonthYear, "2.11.2026", nov2},
		{data.DayMonthYear, " 2-11-26 ", nov2},
		{data.MonthDayYear, "11/2/26", nov2},
		{data.DayMonthYear, "2 November 2026", nov2},
		{data.MonthDayYear, "Nov 2, 2026", nov2},
		{data.DayMonthYear, "nov 2 2026", nov2},
		// Year first chosen: day and month the other way round, when only one reading exists.
		{data.YearMonthDay, "25/12/2026", data.NewDate(2026, time.December, 25)},
		{data.YearMonthDay, "12/25/2026", data.NewDate(2026, time.December, 25)},
		{data.YearMonthDay, "3/3/2026", data.NewDate(2026, time.March, 3)},
		{data.DayMonthYear, "29/02/2028", data.NewDate(2028, time.February, 29)},
		{data.DayMonthYear, "", data.Date{}},
	} {
		got, err := c.order.Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s: %q read as %v, %v; want %v", c.order, c.in, got, err, c.want)
		}
	}
}

func TestDateOrderRefuses(t *testing.T) {
	for _, c := range []struct {
		order data.DateOrder
		in    string
		says  string
	}{
		{data.DayMonthYear, "31/02/2026", "February 2026 has 28 days"},
		{data.MonthDayYear, "02/31/2026", "February 2026 has 28 days"},
		{data.DayMonthYear, "29/02/2026", "no day 29"},
		{data.DayMonthYear, "12/25/2026", "no month 25"},
		{data.DayMonthYear, "00/11/2026", "no day 0"},
		{data.YearMonthDay, "11/02/2026", "could be 11 February or 2 November"},
		{data.DayMonthYear, "2/11", "type it as dd/mm/yyyy"},
		{data.MonthDayYear, "tomorrow", "type it as mm/dd/yyyy"},
		{data.DayMonthYear, "2/11/226", "type the year in full"},
		{data.DayMonthYear, "2/11/0026", "not a year"},
		{data.DayMonthYear, "1/2/3/2026", "not a date"},
		{data.DayMonthYear, "2 Nov Dec", "not a date"},
	} {
		got, err := c.order.Parse(c.in)
		if err == nil {
			t.Errorf("%s: %q accepted as %v", c.order, c.in, got)
			continue
		}
		if data.ErrorCode(err) != data.Invalid || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %q refused with %q (%s), want it to say %q", c.order, c.in, err, data.ErrorCode(err), c.says)
		}
	}
}
