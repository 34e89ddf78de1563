package data

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
)

// DateOrder is the order the coach reads and types dates in. Storage and exchange files
// always use ISO (2026-11-02), whatever the order.
type DateOrder string

// Date orders a coach can choose.
const (
	DayMonthYear DateOrder = "dmy" // 2 Nov 2026, typed 02/11/2026
	MonthDayYear DateOrder = "mdy" // Nov 2, 2026, typed 11/02/2026
	YearMonthDay DateOrder = "iso" // 2026-11-02, typed 2026-11-02
)

// DateOrders lists the orders in the order a settings screen offers them.
var DateOrders = []DateOrder{DayMonthYear, MonthDayYear, YearMonthDay}

// Valid reports whether o is one of DateOrders.
func (o DateOrder) Valid() bool {
	return o == DayMonthYear || o == MonthDayYear || o == YearMonthDay
}

// Name says the order in words, for a settings screen.
func (o DateOrder) Name() string {
	switch o {
	case MonthDayYear:
		return "Month day year (Nov 2, 2026)"
	case YearMonthDay:
		return "Year-month-day, ISO (2026-11-02)"
	}
	return "Day month year (2 Nov 2026)"
}

// Format writes d for display in this order: "2 Nov 2026", "Nov 2, 2026" or "2026-11-02".
// The zero Date is "". An unknown order writes day month year.
func (o DateOrder) Format(d Date) string {
	if d.IsZero() {
		return ""
	}
	switch o {
	case MonthDayYear:
		return d.t.Format("Jan 2, 2006")
	case YearMonthDay:
		return d.t.Format(dateLayout)
	}
	return d.t.Format("2 Jan 2006")
}

// FormatTime writes a moment as its day in this order and its time on a 24-hour clock, in
// t's own location: "2 Nov 2026 14:05".
func (o DateOrder) FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return o.Format(DateOf(t)) + " " + t.Format("15:04")
}

// Month names a month on a chart: "Nov ’26", never "Nov 26", which reads as a day; "2026-11"
// in ISO order.
func (o DateOrder) Month(t time.Time) string {
	if o == YearMonthDay {
		return t.Format("2006-01")
	}
	return t.Format("Jan ’06")
}

// Words writes d with its weekday, so it cannot be misread: "Mon 2 Nov 2026", or
// "Mon, Nov 2, 2026" in month day year order.
func (o DateOrder) Words(d Date) string {
	if d.IsZero() {
		return ""
	}
	if o == MonthDayYear {
		return d.t.Format("Mon, Jan 2, 2006")
	}
	return d.t.Format("Mon 2 Jan 2006")
}

// Typed writes d as a coach types it in this order: "02/11/2026", "11/02/2026" or "2026-11-02".
func (o DateOrder) Typed(d Date) string {
	if d.IsZero() {
		return ""
	}
	switch o {
	case MonthDayYear:
		return d.t.Format("01/02/2006")
	case YearMonthDay:
		return d.t.Format(dateLayout)
	}
	return d.t.Format("02/01/2006")
}

// Pattern is what to type, for a placeholder: "dd/mm/yyyy", "mm/dd/yyyy" or "yyyy-mm-dd".
func (o DateOrder) Pattern() string {
	switch o {
	case MonthDayYear:
		return "mm/dd/yyyy"
	case YearMonthDay:
		return "yyyy-mm-dd"
	}
	return "dd/mm/yyyy"
}

// Parse reads a date typed in this order, or in ISO (year first) whatever the order. Parts
// may be separated by / . - or spaces; the month may be a name ("2 Nov 2026"); a two-digit
// year is in this century. Empty text is the zero Date. A date that does not exist, or that
// could be read two ways, is refused with a message in plain words.
func (o DateOrder) Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("/.-, ", r) })
	if len(parts) != 3 {
		return Date{}, o.notADate(s)
	}
	nums := make([]int, 3)
	month := -1 // index of a month written as a name
	for i, p := range parts {
		if m, ok := monthByName(p); ok {
			if month >= 0 {
				return Date{}, o.notADate(s)
			}
			month, nums[i] = i, m
			continue
		}
		if !allDigits(p) || len(p) > 4 {
			return Date{}, o.notADate(s)
		}
		nums[i], _ = strconv.Atoi(p)
	}
	var y, m, d int
	var yearText string
	switch {
	case month >= 0:
		// The month is a name: the year is the four-digit number, else the last one.
		rest := []int{}
		restText := []string{}
		for i := range parts {
			if i != month {
				rest, restText = append(rest, nums[i]), append(restText, parts[i])
			}
		}
		m = nums[month]
		if len(restText[0]) > 2 && len(restText[1]) <= 2 {
			y, d, yearText = rest[0], rest[1], restText[0]
		} else {
			d, y, yearText = rest[0], rest[1], restText[1]
		}
	case len(parts[0]) == 4:
		y, m, d, yearText = nums[0], nums[1], nums[2], parts[0]
	case len(parts[0]) > 2 || len(parts[1]) > 2:
		return Date{}, o.notADate(s)
	default:
		yearText = parts[2]
		y = nums[2]
		switch o {
		case MonthDayYear:
			m, d = nums[0], nums[1]
		case YearMonthDay:
			// The coach chose year first: day and month typed the other way are fine only
			// when they can be read one way.
			a, b := nums[0], nums[1]
			switch {
			case a > 12 && b <= 12:
				d, m = a, b
			case b > 12 && a <= 12:
				m, d = a, b
			case a == b:
				d, m = a, b
			case a <= 12 && b <= 12:
				return Date{}, Errorf(Invalid, "%q could be %s or %s: type it year first, as %s.", s,
					dayMonth(a, b), dayMonth(b, a), YearMonthDay.Pattern())
			default:
				return Date{}, o.notADate(s)
			}
		default:
			d, m = nums[0], nums[1]
		}
	}
	switch len(yearText) {
	case 2:
		y += 2000
	case 4:
	default:
		return Date{}, Errorf(Invalid, "%q: type the year in full, as in %s.", s, o.Pattern())
	}
	if y < 1900 || y > 2199 {
		return Date{}, Errorf(Invalid, "%d is not a year Mutua can keep: type one from 1900 to 2199.", y)
	}
	if m < 1 || m > 12 {
		return Date{}, Errorf(Invalid, "There is no month %d: dates are typed %s.", m, o.Pattern())
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return Date{}, Errorf(Invalid, "%s %d has %d days, so there is no day %d.", time.Month(m), y, last, d)
	}
	return NewDate(y, time.Month(m), d), nil
}

func (o DateOrder) notADate(s string) error {
	return Errorf(Invalid, "%q is not a date: type it as %s.", s, o.Pattern())
}

func dayMonth(d, m int) string { return fmt.Sprintf("%d %s", d, time.Month(m)) }

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// monthByName reads an English month name or its first three letters or more ("Nov", "Sept").
func monthByName(s string) (int, bool) {
	if len(s) < 3 || !unicode.IsLetter(rune(s[0])) {
		return 0, false
	}
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s) {
			return int(m), true
		}
	}
	return 0, false
}

// messageOrder is the order dates are written in the messages this package gives the coach.
var MessageOrder atomic.Value

// SetMessageDateOrder sets the order dates are written in the messages this package gives
// (a refused date, a reminder); the app sets it from the coach's setting.
func SetMessageDateOrder(o DateOrder) { MessageOrder.Store(o) }

// shown writes d as the coach reads it in a message.
func Shown(d Date) string {
	o, _ := MessageOrder.Load().(DateOrder)
	return o.Format(d)
}
