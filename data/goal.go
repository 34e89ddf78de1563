package data

import (
	"fmt"
	"strings"
	"time"
)

// GoalStatus says where a participant's goal stands.
type GoalStatus string

// Goal statuses.
const (
	GoalOpen     GoalStatus = "open"     // still being worked on
	GoalAchieved GoalStatus = "achieved" // reached
	GoalDropped  GoalStatus = "dropped"  // given up or no longer relevant; kept for the record
)

// GoalStatuses lists every goal status in the order the coach sees them.
var GoalStatuses = []GoalStatus{GoalOpen, GoalAchieved, GoalDropped}

// Valid reports whether s is one of the known goal statuses.
func (s GoalStatus) Valid() bool {
	for _, v := range GoalStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Goal is something a participant wants to achieve in the programme, with its progress and
// the dated check-ins that tracked it.
type Goal struct {
	ID            int64
	ParticipantID int64
	Text          string
	TargetOn      Date // zero when there is no target date
	Progress      int  // percent, 0 to 100
	Status        GoalStatus
	CreatedAt     time.Time
	CheckIns      []CheckIn // newest first (read only: AddCheckIn adds one)
}

// SetOn returns the day the goal was set, in the coach's time zone.
func (g *Goal) SetOn() Date { return DateOf(g.CreatedAt.Local()) }

// CheckIn is one dated look at how a goal is going: its progress that day and a short note.
type CheckIn struct {
	ID        int64
	GoalID    int64
	On        Date
	Progress  int // percent, 0 to 100
	Note      string
	CreatedAt time.Time
}

// Normalize trims the text and fills the default status.
func (g *Goal) Normalize() {
	g.Text = strings.TrimSpace(g.Text)
	if g.Status == "" {
		g.Status = GoalOpen
	}
}

// Validate returns an Invalid *Error naming each problem with the goal, or nil. Call
// Normalize first.
func (g *Goal) Validate() error {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if g.Text == "" {
		add("text", "A goal needs a text: what does the participant want to achieve?")
	} else if msg := CheckText("The goal", g.Text, MaxTextLength); msg != "" {
		add("text", "%s", msg)
	}
	if g.Progress < 0 || g.Progress > 100 {
		add("progress", "Progress must be from 0 to 100%%, not %d.", g.Progress)
	}
	if !g.Status.Valid() {
		add("status", "A goal is open, achieved or dropped, not %q.", string(g.Status))
	}
	return NewInvalid("", problems)
}

// Normalize trims the note.
func (c *CheckIn) Normalize() { c.Note = strings.TrimSpace(c.Note) }

// validate checks a check-in against its goal, with today for "not in the future".
func (c *CheckIn) Validate(g *Goal, today Date) error {
	var problems []Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch setOn := g.SetOn(); {
	case c.On.IsZero():
		add("checked_on", "A check-in needs the date it took place.")
	case today.Before(c.On):
		add("checked_on", "A check-in cannot be dated in the future (%s); today is %s.", Shown(c.On), Shown(today))
	case !g.CreatedAt.IsZero() && c.On.Before(setOn):
		add("checked_on", "A check-in cannot be dated before the goal was set (%s).", Shown(setOn))
	}
	if c.Progress < 0 || c.Progress > 100 {
		add("progress", "Progress must be from 0 to 100%%, not %d.", c.Progress)
	}
	if msg := CheckText("The note", c.Note, MaxTextLength); msg != "" {
		add("note", "%s", msg)
	}
	return NewInvalid("", problems)
}
