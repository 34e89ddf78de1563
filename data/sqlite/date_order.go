package sqlite

import (
	"time"

	"mutua/data"
)

// shownTime writes a moment, in local time, as the coach reads it in a message.
func shownTime(t time.Time) string {
	o, _ := data.MessageOrder.Load().(data.DateOrder)
	return o.FormatTime(t.Local())
}
