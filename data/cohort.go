package data

import (
	"strings"
	"time"
)

// OddPerson says what happens to the one person left over when a cohort has an odd count.
type OddPerson string

// Ways to place an odd person.
const (
	Triad  OddPerson = "triad"   // joins the pair where they add the most
	SitOut OddPerson = "sit-out" // waits for the next round
)

// Cohort is one programme round, such as "Spring 2027 executive circle".
type Cohort struct {
	ID            int64
	Name          string
	StartsOn      Date
	EndsOn        Date
	Cadence       string // how often pairs meet, in the coach's words ("every two weeks")
	PairingPreset string
	PairingRules  string // the weights as JSON; "{}" means the preset as it is
	OddPerson     OddPerson
	CreatedAt     time.Time
	Members       int // how many participants belong to it (read only)
}

// Normalize trims the text fields and fills defaults.
func (c *Cohort) Normalize() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.Cadence = strings.TrimSpace(c.Cadence)
	if c.PairingPreset == "" {
		c.PairingPreset = "executive-peer"
	}
	if c.PairingRules == "" {
		c.PairingRules = "{}"
	}
	if c.OddPerson == "" {
		c.OddPerson = Triad
	}
}

// Validate returns an Invalid *Error naming each problem, or nil. Call Normalize first.
func (c *Cohort) Validate() error {
	var problems []Problem
	if c.Name == "" {
		problems = append(problems, Problem{Field: "name", Message: "A cohort needs a name."})
	} else if strings.Contains(c.Name, ";") {
		problems = append(problems, Problem{Field: "name", Message: "A cohort name cannot contain a semicolon (;): files use it to list several cohorts."})
	} else if msg := CheckText("A cohort name", c.Name, MaxShortLength); msg != "" {
		problems = append(problems, Problem{Field: "name", Message: msg})
	}
	if msg := CheckText("The cadence", c.Cadence, MaxShortLength); msg != "" {
		problems = append(problems, Problem{Field: "cadence", Message: msg})
	}
	if !c.StartsOn.IsZero() && !c.EndsOn.IsZero() && c.EndsOn.Before(c.StartsOn) {
		problems = append(problems, Problem{Field: "ends_on", Message: "A cohort cannot end before it starts."})
	}
	if c.OddPerson != Triad && c.OddPerson != SitOut {
		problems = append(problems, Problem{Field: "odd_person", Message: "An odd person either joins a triad or sits out."})
	}
	return NewInvalid("", problems)
}
