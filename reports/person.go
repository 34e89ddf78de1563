package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"mutua/data"
)

// Person writes everything a practice holds about one person, the readable form of the JSON
// export that answers a subject access request: their profile with the coach's private notes,
// cohorts, results, goals, partnerships with agreements, sessions, notes and action items,
// the pairing exclusions that name them and the rounds that left them out.
func Person(w io.Writer, r *data.PersonRecord, practice data.PracticeIdentity, o Options) error {
	p := r.Participant
	d, err := newDoc(o, practice, "Everything held about "+p.Name, "Subject access request", data.DateOf(r.ExportedAt))
	if err != nil {
		return err
	}
	d.cover("Everything held about", p.Name, joinNonEmpty(" · ", p.Title, p.Company),
		[][2]string{
			{"Held by", practice.Prepared()},
			{"As of", d.date(data.DateOf(r.ExportedAt))},
		})

	d.pdf.AddPage()
	d.section("Profile")
	d.fields([][2]string{
		{"Name", p.Name}, {"Email", p.Email}, {"Phone", p.Phone}, {"Title", p.Title}, {"Company", p.Company},
		{"Industry", p.Industry}, {"Function", p.Function}, {"Seniority", p.Seniority},
		{"Years of experience", nonZero(p.YearsExperience)}, {"Birth year", nonZero(p.BirthYear)},
		{"Location", p.Location}, {"Time zone", p.TimeZone},
		{"Strengths", strings.Join(p.Strengths, ", ")}, {"Development areas", strings.Join(p.DevelopmentAreas, ", ")},
		{"Goals", p.Goals}, {"Partnerships at once", nonZero(p.Capacity)}, {"Status", string(p.Status)},
		{"Coach's private notes", p.PrivateNotes}, {"Recorded", p.CreatedAt}, {"Last changed", p.UpdatedAt},
	}, false)

	d.section("Cohorts")
	var cohorts []string
	for _, c := range r.Cohorts {
		cohorts = append(cohorts, joinNonEmpty(", ", c.Name, span(c.StartsOn, c.EndsOn)))
	}
	d.listOr(cohorts, "In no cohort.")

	d.section("Assessments")
	if len(r.Assessments) == 0 {
		d.note("No assessments.")
	}
	for _, a := range r.Assessments {
		d.subheading(a.Instrument + ", " + a.AssessedOn)
		var keys []string
		for k := range a.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		rows := [][2]string{{"Primary orientation", a.PrimaryOrientation}}
		for _, k := range keys {
			rows = append(rows, [2]string{k, fmt.Sprint(a.Values[k])})
		}
		rows = append(rows, [2]string{"Note", a.Note})
		d.fields(rows, false)
	}

	d.section("Goals")
	if len(r.Goals) == 0 {
		d.note("No goals.")
	}
	for _, g := range r.Goals {
		d.subheading(g.Text)
		d.fields([][2]string{{"Set on", g.SetOn}, {"Target", g.TargetOn}, {"Status", string(g.Status)}, {"Progress", fmt.Sprintf("%d%%", g.Progress)}}, false)
		var checkIns []string
		for _, c := range g.CheckIns {
			checkIns = append(checkIns, joinNonEmpty(": ", fmt.Sprintf("%s, %d%%", c.On, c.Progress), c.Note))
		}
		d.bullets(checkIns)
	}

	d.section("Partnerships")
	if len(r.Partnerships) == 0 {
		d.note("No partnerships.")
	}
	for _, ps := range r.Partnerships {
		d.subheading("With " + strings.Join(ps.Partners, ", ") + ", from " + ps.StartedOn)
		d.fields([][2]string{{"Cohort", ps.Cohort}, {"Status", ps.Status}, {"Planned end", ps.PlannedEndOn}, {"Ended", ps.EndedOn},
			{"Why it ended", ps.EndReason}, {"Fit check", ps.FitCheck}}, false)
		for _, a := range ps.Agreements {
			d.fields([][2]string{{"Agreement of", a.AgreedOn}, {"Objective", a.Objective}, {"Cadence", a.Cadence}, {"Length", a.PlannedLength},
				{"Meeting", a.MeetingMode}, {"Success measures", a.SuccessMeasures}, {"Check-ins", a.CheckIns}}, false)
		}
		var sessions []string
		for _, se := range ps.Sessions {
			line := fmt.Sprintf("%s, %d min, %s", se.HeldOn, se.DurationMinutes, map[bool]string{true: "attended", false: "absent"}[se.Attended])
			if se.Rating > 0 {
				line += fmt.Sprintf(", rated %d of 5", se.Rating)
			}
			sessions = append(sessions, joinNonEmpty(": ", line, se.Topics))
			for _, n := range se.Notes {
				sessions = append(sessions, "Note ("+string(n.Visibility)+"): "+n.Body)
			}
		}
		if len(sessions) > 0 {
			d.note("Sessions")
			d.bullets(sessions)
		}
		if notes := noteLines(ps.Notes); len(notes) > 0 {
			d.note("Notes")
			d.bullets(notes)
		}
		var actions []string
		for _, a := range ps.ActionItems {
			actions = append(actions, joinNonEmpty(", ", a.Text+" ("+a.Owner+")", prefixed("due ", a.DueOn), prefixed("done ", a.DoneOn)))
		}
		if len(actions) > 0 {
			d.note("Action items")
			d.bullets(actions)
		}
	}

	d.section("Pairing exclusions")
	d.listOr(r.Exclusions, "None.")
	d.section("Pairing rounds that left them out")
	var left []string
	for _, l := range r.LeftOut {
		left = append(left, l.Cohort+", "+l.Round+": "+l.Why)
	}
	d.listOr(left, "None.")
	d.section("Other notes about them")
	d.listOr(noteLines(r.Notes), "None.")
	d.section("Pulse surveys and closing evaluations")
	var surveys []string
	for _, sv := range r.Surveys {
		line := fmt.Sprintf("%s, %s: productive %d of 5", sv.Kind, sv.AnsweredOn, sv.Productive)
		surveys = append(surveys, joinNonEmpty("; ", line, prefixed("learned: ", sv.Learned), prefixed("would change: ", sv.Change),
			prefixed("would recommend: ", sv.Recommend), prefixed("continues: ", sv.Continues), prefixed("comment ("+sv.Visibility+"): ", sv.FreeText)))
	}
	d.listOr(surveys, "None.")
	d.section("Questionnaires sent")
	var sent []string
	for _, f := range r.Forms {
		sent = append(sent, joinNonEmpty(", ", f.Kind+" questionnaire sent "+f.SentAt, prefixed("answers imported ", f.ReturnedAt)))
	}
	d.listOr(sent, "None.")
	return d.finish(w)
}

func (d *doc) listOr(items []string, none string) {
	if len(items) == 0 {
		d.note(none)
		return
	}
	d.bullets(items)
}

func noteLines(notes []data.PersonNote) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.CreatedAt+" ("+string(n.Visibility)+"): "+n.Body)
	}
	return out
}

func nonZero(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func span(from, to string) string {
	if from == "" && to == "" {
		return ""
	}
	return strings.TrimSpace(from + " to " + to)
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}
