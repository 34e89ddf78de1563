package reports

import (
	"fmt"
	"io"
	"strings"

	"mutua/data"
)

// Participant writes a participant's progress report: a cover, their work-orientation
// profile and how it changed, their partners and why they were paired, the agreements,
// sessions held, goals, action items, and the notes shared with them.
func Participant(w io.Writer, r *data.ParticipantReport, o Options) error {
	p := r.Participant
	d, err := newDoc(o, r.Practice, "Progress report: "+p.Name, "Mentoring programme progress", r.Today)
	if err != nil {
		return err
	}
	from, to := r.Period()
	d.cover("Progress report", p.Name, joinNonEmpty(" · ", p.Title, p.Company),
		[][2]string{
			{"Programme", strings.Join(r.Cohorts, ", ")},
			{"Period", d.date(from) + " to " + d.date(to)},
			{"Prepared by", r.Practice.Prepared()},
			{"Contact", r.Practice.Contact},
		})

	d.pdf.AddPage()
	d.section("Work orientation")
	d.orientation(r)

	d.section("Partners")
	if len(r.Partnerships) == 0 {
		d.note("Not in a partnership yet.")
	}
	for _, ps := range r.Partnerships {
		d.partner(p.ID, ps)
	}

	d.section("Sessions held")
	var rows [][]string
	for _, ps := range r.Partnerships {
		for _, se := range ps.Sessions {
			rows = append(rows, []string{d.date(se.HeldOn), ltr(otherNames(ps.Partnership, p.ID)), fmt.Sprintf("%d min", se.DurationMinutes),
				attendance(ps.Partnership, se), se.Topics})
		}
	}
	if len(rows) == 0 {
		d.note("No sessions yet.")
	} else {
		d.table([]string{"Date", "With", "Length", "Attendance", "Topics"}, []float64{0.14, 0.2, 0.1, 0.2, 0.36}, rows)
	}

	d.section("Goals")
	d.goals(r.Goals)

	d.section("Action items")
	d.actions(p.ID, r.Partnerships)

	d.section("Notes shared with you")
	shared := 0
	for _, ps := range r.Partnerships {
		var notes []string
		for _, se := range ps.Sessions {
			for _, n := range se.Notes {
				notes = append(notes, d.date(se.HeldOn)+": "+n.Body)
			}
		}
		for _, n := range ps.Notes {
			notes = append(notes, d.date(data.DateOf(n.CreatedAt))+": "+n.Body)
		}
		if len(notes) == 0 {
			continue
		}
		shared += len(notes)
		d.subheading("With " + otherNames(ps.Partnership, p.ID))
		d.bullets(notes)
	}
	if shared == 0 {
		d.note("No notes have been shared yet.")
	}
	return d.finish(w)
}

// cover prints the first page: what the report is, about whom, and its facts.
func (d *doc) cover(kind, name, subtitle string, facts [][2]string) {
	d.pdf.SetY(70)
	d.font(false, 12)
	d.color(accent2)
	d.pdf.SetX(d.left)
	d.pdf.CellFormat(d.width, 7, d.clean(strings.ToUpper(kind)), "", 1, "L", false, 0, "")
	d.font(true, 28)
	d.color(accent)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.width, 12, d.clean(name), "", "L", false)
	d.font(false, 13)
	d.color(muted)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.width, 7, d.clean(subtitle), "", "L", false)
	d.color(ink)
	d.draw(accent)
	d.pdf.SetLineWidth(0.8)
	y := d.pdf.GetY() + 6
	d.pdf.Line(d.left, y, d.left+40, y)
	d.pdf.SetY(y + 8)
	d.fields(facts, false)
	d.pdf.SetY(d.bottom - 20)
	d.note("This report is confidential. It holds only what " + d.id.Sharer() + " has agreed to share with you.")
}

// orientation prints the work-orientation chart: one group per scale, one bar per result.
func (d *doc) orientation(r *data.ParticipantReport) {
	if len(r.History) == 0 || r.Orientation == nil {
		d.note("No work-orientation result yet.")
		return
	}
	latest := r.History[len(r.History)-1]
	d.para(fmt.Sprintf("Latest result, %s: primarily %s.", d.date(latest.AssessedOn), orientationWord(latest.PrimaryOrientation)))
	if len(r.History) > 1 {
		first := r.History[0]
		d.para(fmt.Sprintf("Over %d results since %s: %s.", len(r.History), d.date(first.AssessedOn), change(r.Orientation, first, latest)))
	}
	var groups, series []string
	for _, sc := range r.Orientation.Scales {
		groups = append(groups, sc.Name)
	}
	values := make([][]float64, len(r.History))
	top := 0.0
	for i, a := range r.History {
		series = append(series, d.date(a.AssessedOn))
		values[i] = make([]float64, len(groups))
		for g, sc := range r.Orientation.Scales {
			top = max(top, sc.Max)
			for _, v := range a.Values {
				if v.ScaleID == sc.ID {
					values[i][g] = v.Number
				}
			}
		}
	}
	d.pdf.Ln(2)
	d.barChart(groups, series, values, top, 45, func(v float64) string { return data.FormatNumber(v) })
	d.note("Each scale from 0 (not at all) to 100 (entirely): work as a job, as a career, as a calling.")
}

// change says in words how the scores moved between two results.
func change(in *data.Instrument, first, latest data.Assessment) string {
	var parts []string
	for _, sc := range in.Scales {
		var a, b float64
		for _, v := range first.Values {
			if v.ScaleID == sc.ID {
				a = v.Number
			}
		}
		for _, v := range latest.Values {
			if v.ScaleID == sc.ID {
				b = v.Number
			}
		}
		switch {
		case b > a:
			parts = append(parts, fmt.Sprintf("%s up %s", strings.ToLower(sc.Name), data.FormatNumber(b-a)))
		case b < a:
			parts = append(parts, fmt.Sprintf("%s down %s", strings.ToLower(sc.Name), data.FormatNumber(a-b)))
		}
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}

func orientationWord(o string) string {
	switch o {
	case "":
		return "not assessed"
	case data.MixedOrientation:
		return "mixed (no single orientation leads)"
	}
	return o + "-oriented"
}

// partner prints one partnership: who, when, why they were paired, and the agreement.
func (d *doc) partner(self int64, ps data.ReportPartnership) {
	d.subheading("With " + otherNames(ps.Partnership, self))
	status := "running"
	switch ps.Status {
	case data.Completed:
		status = "completed on " + d.date(ps.EndedOn)
	case data.EndedEarly:
		status = "ended early on " + d.date(ps.EndedOn)
	}
	d.note(fmt.Sprintf("Started %s · %s · %d session%s", d.date(ps.StartedOn), status, len(ps.Sessions), data.Plural(len(ps.Sessions))))
	if len(ps.Reasons) > 0 {
		d.para("Why you were paired:")
		d.bullets(ps.Reasons)
	}
	a := ps.Agreement
	if a.ID != 0 {
		d.pdf.Ln(1)
		d.fields([][2]string{{"Objective", a.Objective}, {"Cadence", a.Cadence}, {"Planned length", a.PlannedLength},
			{"Meeting mode", a.MeetingMode}, {"Success measured by", a.SuccessMeasures}, {"Check-ins", a.CheckIns}}, false)
	}
}

// goals prints each goal with its progress and check-ins.
func (d *doc) goals(goals []data.Goal) {
	if len(goals) == 0 {
		d.note("No goals recorded yet.")
		return
	}
	for _, g := range goals {
		d.room(22)
		d.font(true, 10)
		d.pdf.SetX(d.left)
		d.pdf.MultiCell(d.width, lineText, d.clean(g.Text), "", "L", false)
		facts := []string{string(g.Status)}
		if !g.TargetOn.IsZero() {
			facts = append(facts, "target "+d.date(g.TargetOn))
		}
		y := d.pdf.GetY() + 1
		d.progressBar(d.left, y, 70, 3.2, float64(g.Progress)/100, fmt.Sprintf("%d%% · %s", g.Progress, strings.Join(facts, " · ")))
		d.pdf.SetY(y + 5.5)
		var checks []string
		for _, c := range g.CheckIns {
			checks = append(checks, joinNonEmpty(": ", fmt.Sprintf("%s, %d%%", d.date(c.On), c.Progress), c.Note))
		}
		d.bullets(checks)
		d.pdf.Ln(1.5)
	}
}

// actions prints the action items of the participant's partnerships, open ones first.
func (d *doc) actions(self int64, list []data.ReportPartnership) {
	var open, done [][]string
	for _, ps := range list {
		for _, a := range ps.ActionItems {
			owner := a.OwnerName
			switch {
			case a.OwnerID == self:
				owner = "You"
			case owner == "":
				owner = "Both"
			}
			row := []string{a.Text, owner, d.date(a.DueOn)}
			if a.Done() {
				done = append(done, append(row, d.date(a.DoneOn)))
			} else {
				open = append(open, append(row, "open"))
			}
		}
	}
	if len(open)+len(done) == 0 {
		d.note("No action items yet.")
		return
	}
	d.table([]string{"Action", "Who", "Due", "Done"}, []float64{0.55, 0.17, 0.14, 0.14}, append(open, done...))
}

// otherNames names the partnership's members other than self.
func otherNames(p data.Partnership, self int64) string {
	var names []string
	for _, m := range p.Members {
		if m.ParticipantID != self {
			names = append(names, m.Name)
		}
	}
	return strings.Join(names, " and ")
}

// attendance says who came: "both", or names.
func attendance(p data.Partnership, se data.Session) string {
	var present []string
	for _, m := range p.Members {
		for _, a := range se.Attendance {
			if a.ParticipantID == m.ParticipantID && a.Attended {
				present = append(present, m.FirstName())
			}
		}
	}
	if len(present) == len(p.Members) {
		return "all present"
	}
	return strings.Join(present, ", ") + " only"
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
