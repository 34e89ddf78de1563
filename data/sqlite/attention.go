package sqlite

import (
	"fmt"
	"sort"
	"strings"

	"mutua/data"
)

// Attention lists what needs the coach's attention on the given day: overdue action items,
// partnerships with no session for inactiveDays, unanswered fit checks, agreements without
// success measures, partnerships ending within 14 days, and active participants with no
// assessment (grouped by cohort when there are several).
func (s *Store) Attention(today data.Date, inactiveDays int) ([]data.AttentionItem, error) {
	if inactiveDays <= 0 {
		inactiveDays = data.DefaultInactiveDays
	}
	list, err := s.Partnerships()
	if err != nil {
		return nil, err
	}
	var out []data.AttentionItem
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
			detail := fmt.Sprintf("No session for %d days (last on %s).", days, data.Shown(p.LastSession))
			if p.LastSession.IsZero() {
				detail = fmt.Sprintf("No session yet, %d days after the start.", days)
			}
			out = append(out, data.AttentionItem{Kind: data.Inactive, Title: names, Detail: detail, PartnershipID: p.ID, Due: since.AddDays(inactiveDays)})
		}
		if p.Sessions > 0 {
			var waiting []string
			for _, m := range p.Members {
				if m.FitCheck == "" {
					waiting = append(waiting, m.FirstName())
				}
			}
			if len(waiting) > 0 {
				out = append(out, data.AttentionItem{Kind: data.FitCheck, Title: names,
					Detail: fmt.Sprintf("Fit check after the first session not answered by %s.", listNames(waiting)), PartnershipID: p.ID, Due: p.LastSession})
			}
		}
		if strings.TrimSpace(p.Agreement.SuccessMeasures) == "" {
			detail := "The agreement does not say how success will be measured."
			if p.Agreement.ID == 0 {
				detail = "No agreement written yet: objective, cadence, length and how success is measured."
			}
			out = append(out, data.AttentionItem{Kind: data.NoMeasures, Title: names, Detail: detail, PartnershipID: p.ID, Due: p.StartedOn})
		}
		switch {
		case p.PlannedEndOn.IsZero():
		case p.PlannedEndOn.Before(today):
			out = append(out, data.AttentionItem{Kind: data.EndingSoon, Title: names,
				Detail: fmt.Sprintf("Planned to end on %s and still running: end it, or agree a new end.", data.Shown(p.PlannedEndOn)), PartnershipID: p.ID, Due: p.PlannedEndOn})
		case p.PlannedEndOn.Before(today.AddDays(15)):
			out = append(out, data.AttentionItem{Kind: data.EndingSoon, Title: names,
				Detail: fmt.Sprintf("Planned to end on %s: plan the closing session and the final ratings.", data.Shown(p.PlannedEndOn)), PartnershipID: p.ID, Due: p.PlannedEndOn})
		}
	}
	overdue, err := loadActionItems(s.db, `JOIN partnerships ps ON ps.id = a.partnership_id AND ps.status = 'active'
		WHERE a.done_on = '' AND a.due_on <> '' AND a.due_on < ?`, today.String())
	if err != nil {
		return nil, err
	}
	byID := map[int64]*data.Partnership{}
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
		out = append(out, data.AttentionItem{Kind: data.Overdue, Title: title,
			Detail: fmt.Sprintf("Due %s for %s, %d days ago.", data.Shown(a.DueOn), owner, a.DueOn.DaysUntil(today)), PartnershipID: a.PartnershipID, Due: a.DueOn})
	}
	unassessed, err := s.unassessed(today)
	if err != nil {
		return nil, err
	}
	out = append(out, unassessed...)
	rank := map[data.AttentionKind]int{data.Overdue: 0, data.Inactive: 1, data.FitCheck: 2, data.NoMeasures: 3, data.EndingSoon: 4, data.NotAssessed: 5}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].Kind] != rank[out[j].Kind] {
			return rank[out[i].Kind] < rank[out[j].Kind]
		}
		return out[i].Due.Before(out[j].Due)
	})
	return out, nil
}

// unassessed lists active participants with no assessment at all: a cohort with three or
// more of them is one item (the fix is the cohort's results grid), others one item each.
func (s *Store) unassessed(today data.Date) ([]data.AttentionItem, error) {
	rows, err := s.db.Query(`SELECT p.id, p.name, coalesce(c.id, 0), coalesce(c.name, '') FROM participants p
		LEFT JOIN cohort_members m ON m.participant_id = p.id LEFT JOIN cohorts c ON c.id = m.cohort_id
		WHERE p.status = 'active' AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.participant_id = p.id)
		ORDER BY c.name, p.name`)
	if err != nil {
		return nil, fmt.Errorf("read participants without assessment: %w", err)
	}
	defer rows.Close()
	type person struct {
		id   int64
		name string
	}
	byCohort := map[int64][]person{}
	cohortNames := map[int64]string{}
	var order []int64
	for rows.Next() {
		var p person
		var cid int64
		var cname string
		if err := rows.Scan(&p.id, &p.name, &cid, &cname); err != nil {
			return nil, err
		}
		if _, ok := byCohort[cid]; !ok {
			order = append(order, cid)
		}
		byCohort[cid] = append(byCohort[cid], p)
		cohortNames[cid] = cname
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []data.AttentionItem
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
		out = append(out, data.AttentionItem{Kind: data.NotAssessed, Title: fmt.Sprintf("%s: %d participants not assessed", cohortNames[cid], len(people)),
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
			out = append(out, data.AttentionItem{Kind: data.NotAssessed, Title: p.name, Detail: "No assessment yet: pairing cannot use their work orientation.",
				ParticipantID: p.id, Due: today})
		}
	}
	return out, nil
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
