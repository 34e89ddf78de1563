package data

import (
	"fmt"
	"sort"
	"strings"
)

// AttentionKind says what needs the coach's attention.
type AttentionKind string

// Kinds of attention item, in the order the home screen lists them.
const (
	Overdue     AttentionKind = "overdue"       // an action item past its due date
	Inactive    AttentionKind = "inactive"      // a partnership with no recent session
	FitCheck    AttentionKind = "fit-check"     // a fit check not answered after the first session
	NoMeasures  AttentionKind = "no-measures"   // an agreement without success measures
	EndingSoon  AttentionKind = "ending"        // a partnership reaching its planned end
	NotAssessed AttentionKind = "no-assessment" // participants with no assessment
)

// DefaultInactiveDays is N in "no session in N days", unless the coach sets another.
const DefaultInactiveDays = 30

// AttentionItem is one thing on the home screen, with where to go to fix it.
type AttentionItem struct {
	Kind          AttentionKind
	Title         string // what it is, naming the people
	Detail        string // why it is here
	PartnershipID int64  // the partnership to open, if any
	ParticipantID int64  // the participant to open, if any
	CohortID      int64  // the cohort whose results to enter, if any
	Due           Date   // when it became (or becomes) due, for ordering
}

// Unassessed is an active participant with no assessment at all, in one of their cohorts
// (CohortID 0 when in none).
type Unassessed struct {
	ParticipantID int64
	Name          string
	CohortID      int64
	CohortName    string
}

// Attention lists what needs the coach's attention on the given day: overdue action items,
// partnerships with no session for inactiveDays, unanswered fit checks, agreements without
// success measures, partnerships ending within 14 days, and active participants with no
// assessment (grouped by cohort when there are several). It reads the practice's
// partnerships (list), the open action items of running partnerships past their due day
// (overdue), and the participants with no assessment, by cohort name and then name.
func Attention(today Date, inactiveDays int, list []Partnership, overdue []ActionItem, unassessed []Unassessed) []AttentionItem {
	if inactiveDays <= 0 {
		inactiveDays = DefaultInactiveDays
	}
	var out []AttentionItem
	for i := range list {
		p := &list[i]
		if p.Ended() {
			continue
		}
		names := p.Names(" + ")
		since := p.LastSession
		if since.IsZero() {
			since = p.StartedOn
		}
		if days := since.DaysUntil(today); days >= inactiveDays {
			detail := fmt.Sprintf("No session for %d days (last on %s).", days, Shown(p.LastSession))
			if p.LastSession.IsZero() {
				detail = fmt.Sprintf("No session yet, %d days after the start.", days)
			}
			out = append(out, AttentionItem{Kind: Inactive, Title: names, Detail: detail, PartnershipID: p.ID, Due: since.AddDays(inactiveDays)})
		}
		if p.Sessions > 0 {
			var waiting []string
			for _, m := range p.Members {
				if m.FitCheck == "" {
					waiting = append(waiting, m.FirstName())
				}
			}
			if len(waiting) > 0 {
				out = append(out, AttentionItem{Kind: FitCheck, Title: names,
					Detail: fmt.Sprintf("Fit check after the first session not answered by %s.", listNames(waiting)), PartnershipID: p.ID, Due: p.LastSession})
			}
		}
		if strings.TrimSpace(p.Agreement.SuccessMeasures) == "" {
			detail := "The agreement does not say how success will be measured."
			if p.Agreement.ID == 0 {
				detail = "No agreement written yet: objective, cadence, length and how success is measured."
			}
			out = append(out, AttentionItem{Kind: NoMeasures, Title: names, Detail: detail, PartnershipID: p.ID, Due: p.StartedOn})
		}
		switch {
		case p.PlannedEndOn.IsZero():
		case p.PlannedEndOn.Before(today):
			out = append(out, AttentionItem{Kind: EndingSoon, Title: names,
				Detail: fmt.Sprintf("Planned to end on %s and still running: end it, or agree a new end.", Shown(p.PlannedEndOn)), PartnershipID: p.ID, Due: p.PlannedEndOn})
		case p.PlannedEndOn.Before(today.AddDays(15)):
			out = append(out, AttentionItem{Kind: EndingSoon, Title: names,
				Detail: fmt.Sprintf("Planned to end on %s: plan the closing session and the final ratings.", Shown(p.PlannedEndOn)), PartnershipID: p.ID, Due: p.PlannedEndOn})
		}
	}
	byID := map[int64]*Partnership{}
	for i := range list {
		byID[list[i].ID] = &list[i]
	}
	for _, a := range overdue {
		owner := a.OwnerName
		if owner == "" {
			owner = "everyone in it"
		}
		title := a.Text
		if p := byID[a.PartnershipID]; p != nil {
			title = p.Names(" + ") + ": " + a.Text
		}
		out = append(out, AttentionItem{Kind: Overdue, Title: title,
			Detail: fmt.Sprintf("Due %s for %s, %d days ago.", Shown(a.DueOn), owner, a.DueOn.DaysUntil(today)), PartnershipID: a.PartnershipID, Due: a.DueOn})
	}
	out = append(out, notAssessed(today, unassessed)...)
	SortAttention(out)
	return out
}

// SortAttention orders attention items by kind, as the home screen lists them, then by the
// day they became due.
func SortAttention(out []AttentionItem) {
	rank := map[AttentionKind]int{Overdue: 0, Inactive: 1, LowPulseScore: 2, PulseMissing: 3, FitCheck: 4, NoMeasures: 5, EndingSoon: 6, NotAssessed: 7}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].Kind] != rank[out[j].Kind] {
			return rank[out[i].Kind] < rank[out[j].Kind]
		}
		return out[i].Due.Before(out[j].Due)
	})
}

// notAssessed lists active participants with no assessment: a cohort with three or more of
// them is one item (the fix is the cohort's results grid), others one item each.
func notAssessed(today Date, list []Unassessed) []AttentionItem {
	type person struct {
		id   int64
		name string
	}
	byCohort := map[int64][]person{}
	cohortNames := map[int64]string{}
	var order []int64
	for _, u := range list {
		if _, ok := byCohort[u.CohortID]; !ok {
			order = append(order, u.CohortID)
		}
		byCohort[u.CohortID] = append(byCohort[u.CohortID], person{u.ParticipantID, u.Name})
		cohortNames[u.CohortID] = u.CohortName
	}
	var out []AttentionItem
	listed := map[int64]bool{}
	// Cohorts with several first, so people in them are not listed again on their own.
	for _, cid := range order {
		people := byCohort[cid]
		if cid == 0 || len(people) < 3 {
			continue
		}
		var names []string
		for _, p := range people {
			names = append(names, p.name)
			listed[p.id] = true
		}
		out = append(out, AttentionItem{Kind: NotAssessed, Title: fmt.Sprintf("%s: %d participants not assessed", cohortNames[cid], len(people)),
			Detail: "No assessment yet for " + listNames(names) + ". Enter the cohort's results in one grid.", CohortID: cid, Due: today})
	}
	for _, cid := range order {
		people := byCohort[cid]
		if cid != 0 && len(people) >= 3 {
			continue
		}
		for _, p := range people {
			if listed[p.id] {
				continue // in several small cohorts: list once
			}
			listed[p.id] = true
			out = append(out, AttentionItem{Kind: NotAssessed, Title: p.name, Detail: "No assessment yet: pairing cannot use their work orientation.",
				ParticipantID: p.id, Due: today})
		}
	}
	return out
}

// listNames joins names as a sentence does: "Ana, Ben and Cara".
func listNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
