package data

import (
	"slices"
	"strings"
	"sync"
)

// RosterEntry is a participant as the roster lists them: enough to show, search and filter.
type RosterEntry struct {
	ID               int64
	Name             string
	Email            string
	Title            string
	Company          string
	Industry         string
	Function         string
	Status           Status
	Strengths        []string
	DevelopmentAreas []string
	CohortIDs        []int64
	Orientation      string // primary orientation on the latest Work Orientation result, "" when not assessed
}

// Roster is every participant, in name order, with the cohorts.
type Roster struct {
	Entries []RosterEntry
	Cohorts []Cohort

	keysOnce sync.Once
	keys     []string // folded search text, one per entry, made on the first search
}

// Filter returns the positions of the entries that match every word of query (in name,
// email, title, company, industry, function or tags; ignoring case and accents), belong to
// the cohort (0: any) and have the status ("": any).
func (r *Roster) Filter(query string, cohortID int64, status Status) []int {
	words := strings.Fields(Fold(query))
	if len(words) > 0 {
		r.keysOnce.Do(func() {
			r.keys = make([]string, len(r.Entries))
			for i, e := range r.Entries {
				r.keys[i] = Fold(strings.Join([]string{e.Name, e.Email, e.Title, e.Company, e.Industry, e.Function,
					JoinTags(e.Strengths), JoinTags(e.DevelopmentAreas)}, "\x00"))
			}
		})
	}
	out := make([]int, 0, len(r.Entries))
next:
	for i := range r.Entries {
		e := &r.Entries[i]
		if status != "" && e.Status != status {
			continue
		}
		if cohortID != 0 && !slices.Contains(e.CohortIDs, cohortID) {
			continue
		}
		for _, w := range words {
			if !strings.Contains(r.keys[i], w) {
				continue next
			}
		}
		out = append(out, i)
	}
	return out
}

// Cohort returns the cohort with the given ID.
func (r *Roster) Cohort(id int64) (Cohort, bool) {
	for _, c := range r.Cohorts {
		if c.ID == id {
			return c, true
		}
	}
	return Cohort{}, false
}

// Entry returns the entry of the participant with the given ID, or nil.
func (r *Roster) Entry(id int64) *RosterEntry {
	for i := range r.Entries {
		if r.Entries[i].ID == id {
			return &r.Entries[i]
		}
	}
	return nil
}

// Profile is everything the participant page shows about one participant.
type Profile struct {
	Participant
	CohortIDs       []int64
	WorkOrientation Assessment    // the latest Work Orientation result; ID 0 when not assessed
	Partnerships    []Partnership // every partnership they are or were in, running ones first
}
