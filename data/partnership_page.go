package data

import (
	"strings"
)

// agreeOnLength makes an agreement state the length the planned end gives, so the two never
// disagree (agreements written before the length followed the end said it in free words).
func (p *Partnership) AgreeOnLength(a *Agreement) {
	if length := PlannedLength(p.StartedOn, p.PlannedEndOn); length != "" {
		a.PlannedLength = length
	}
}

// PartnershipPage is everything the partnership page shows.
type PartnershipPage struct {
	Partnership
	SessionLog  []Session // newest first, with attendance, notes and action items
	Notes       []Note    // notes on the partnership as a whole
	OpenActions []ActionItem
	DoneActions []ActionItem   // kept in sight, so a tick made by mistake can be undone
	Agreements  []Agreement    // every version, newest first
	Surveys     []SurveyAnswer // pulse and closing survey answers, newest first
}

// tidy trims what the coach typed; notes without a visibility are private.
func (se *Session) Tidy() {
	for i := range se.Notes {
		if se.Notes[i].Visibility == "" {
			se.Notes[i].Visibility = Private
		}
		se.Notes[i].Body = strings.TrimSpace(se.Notes[i].Body)
	}
	se.Topics = strings.TrimSpace(se.Topics)
}

// AgendaOrientations are the groups of the agenda library, in the order the coach sees them.
var AgendaOrientations = []string{"calling", "career", "job", "mixed", "any"}

// Outcome says whether one partnership is productive.
func (p *PartnershipPage) Outcome(today Date) Productive {
	sums, counts := map[int64]int{}, map[int64]int{}
	for _, se := range p.SessionLog {
		for _, a := range se.Attendance {
			if a.Rating > 0 {
				sums[a.ParticipantID] += a.Rating
				counts[a.ParticipantID]++
			}
		}
	}
	return OutcomeOf(&p.Partnership, sums, counts, today)
}

// outcome applies the productive rule to a partnership and its members' rating totals.
func OutcomeOf(p *Partnership, sums, counts map[int64]int, today Date) Productive {
	end := today
	if !p.EndedOn.IsZero() {
		end = p.EndedOn
	}
	o := Productive{Ratings: map[int64]float64{}}
	o.Lasted = !end.Before(DateOf(p.StartedOn.Time().AddDate(0, 6, 0)))
	o.TooEarly = !o.Lasted && !p.Ended()
	o.IsProductive = o.Lasted && len(p.Members) > 0
	for _, m := range p.Members {
		if counts[m.ParticipantID] == 0 {
			o.IsProductive = false
			continue
		}
		avg := float64(sums[m.ParticipantID]) / float64(counts[m.ParticipantID])
		o.Ratings[m.ParticipantID] = avg
		o.IsProductive = o.IsProductive && avg >= 4
	}
	return o
}
