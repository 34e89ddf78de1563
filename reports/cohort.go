package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"mutua/data"
)

// Cohort writes a cohort's summary for the coach or the sponsor: the pairs and their scores,
// sessions and engagement, the orientation mix, sessions per month, outcomes, and the notes
// marked safe for the sponsor. Nothing else.
func Cohort(w io.Writer, c *data.CohortSummary, o Options) error {
	d, err := newDoc(o, c.Practice, "Cohort summary: "+c.Cohort.Name, "Mentoring programme summary", c.Today)
	if err != nil {
		return err
	}
	d.titleBlock("Cohort summary", c.Cohort.Name)
	period := ""
	if !c.Cohort.StartsOn.IsZero() {
		period = d.date(c.Cohort.StartsOn)
		if !c.Cohort.EndsOn.IsZero() {
			period += " to " + d.date(c.Cohort.EndsOn)
		}
	}
	d.note(joinNonEmpty(" · ", period, c.Cohort.Cadence, "as of "+d.date(c.Today)))

	sessions, active, inactive := 0, 0, 0
	for _, p := range c.Pairs {
		sessions += p.Sessions
		if !p.Ended() {
			active++
		}
		if p.Inactive {
			inactive++
		}
	}
	d.pdf.Ln(3)
	d.figures([][2]string{
		{fmt.Sprint(len(c.Pairs)), "partnerships"},
		{fmt.Sprint(sessions), "sessions held"},
		productiveFigure(c.Outcome),
		{fmt.Sprint(inactive), "need a nudge"},
	})

	d.section("Outcomes")
	meaning := "A partnership is productive when it lasted six months or more and every member rates its sessions 4 or more out of 5 on average; those running for less than six months are too early to tell."
	switch {
	case c.Outcome.Partnerships == 0:
		d.note("No partnerships yet.")
	case c.Outcome.Counted() == 0:
		d.para(tooEarly(d, c))
		d.note(meaning)
	default:
		d.para("Productive: " + c.Outcome.Describe() + ". " + meaning)
		y := d.pdf.GetY() + 1
		d.progressBar(d.left, y, 90, 4, c.Outcome.Share(), fmt.Sprintf("%.0f%% productive", 100*c.Outcome.Share()))
		d.pdf.SetY(y + 7)
	}

	d.section("Pulse and closing surveys")
	d.surveys(c.Pulse, c.Closing)

	d.section("Pairs and sessions")
	var rows [][]string
	for _, p := range c.Pairs {
		last := "none yet"
		if !p.LastSession.IsZero() {
			last = d.date(p.LastSession)
		}
		status := "active"
		switch {
		case p.Status == data.Completed:
			status = "completed"
		case p.Status == data.EndedEarly:
			status = "ended early"
		case p.Inactive:
			status = fmt.Sprintf("quiet %d+ days", c.InactiveDays)
		}
		productive := "no"
		switch {
		case p.Outcome.IsProductive:
			productive = "yes"
		case p.Outcome.TooEarly:
			productive = "too early"
		}
		rows = append(rows, []string{ltr(p.Names(" + ")), data.FormatNumber(p.Score), fmt.Sprint(p.Sessions), last, status, productive})
	}
	if len(rows) == 0 {
		d.note("No round has been approved for this cohort yet.")
	} else {
		d.table([]string{"Pair", "Score", "Sessions", "Last session", "Status", "Productive"}, []float64{0.36, 0.08, 0.1, 0.15, 0.19, 0.12}, rows)
		if active > 0 && inactive > 0 {
			d.pdf.Ln(1)
			d.note(fmt.Sprintf("%d active partnership%s had no session in the last %d days.", inactive, data.Plural(inactive), c.InactiveDays))
		}
	}

	d.section("Orientation mix")
	d.orientationMix(c.Orientations)

	d.section("Sessions per month")
	if len(c.Months) == 0 {
		d.note("No sessions yet.")
	} else {
		var labels []string
		counts := make([]float64, len(c.Months))
		top := 0.0
		for i, m := range c.Months {
			labels = append(labels, d.month(m.Month))
			counts[i] = float64(m.Count)
			top = max(top, counts[i])
		}
		top = niceTop(top)
		d.barChart(labels, []string{"Sessions"}, [][]float64{counts}, top, 40, func(v float64) string { return data.FormatNumber(v) })
	}

	d.section("Notes for the sponsor")
	if len(c.Notes) == 0 {
		d.note("No notes have been marked for the sponsor.")
	}
	var pairs []string
	byPair := map[string][]string{}
	for _, n := range c.Notes {
		if _, ok := byPair[n.Pair]; !ok {
			pairs = append(pairs, n.Pair)
		}
		byPair[n.Pair] = append(byPair[n.Pair], d.date(n.On)+": "+n.Note.Body)
	}
	sort.Strings(pairs)
	for _, pair := range pairs {
		d.subheading(pair)
		d.bullets(byPair[pair])
	}
	return d.finish(w)
}

// surveys prints the aggregates of the survey answers: figures only from three answers,
// never an individual answer or its text (SummarizeSurveys keeps neither).
func (d *doc) surveys(summaries ...data.SurveySummary) {
	if summaries[0].Answers+summaries[1].Answers == 0 {
		d.note("No pulse surveys or closing evaluations have been returned yet.")
		return
	}
	for _, s := range summaries {
		name := map[data.SurveyKind]string{data.Pulse: "Pulse surveys", data.Closing: "Closing evaluations"}[s.Kind]
		if !s.Shown {
			if s.Answers > 0 {
				d.note(fmt.Sprintf("%s: fewer than %d answers so far, so no figures are shown and no one's answer can be told.", name, data.MinSurveyAggregate))
			}
			continue
		}
		line := fmt.Sprintf("%s: %d answers; how productive the partnership is, on average %s of 5.", name, s.Answers, data.FormatNumber(float64(int(s.Mean*10+0.5))/10))
		if s.Kind == data.Closing {
			line += fmt.Sprintf(" Would recommend the programme: %d yes, %d no, %d not sure.", s.Recommend[data.RecommendYes], s.Recommend[data.RecommendNo], s.Recommend[data.RecommendMaybe])
		}
		d.para(line)
		row := []string{"Answers"}
		for _, n := range s.Counts {
			row = append(row, fmt.Sprint(n))
		}
		d.table([]string{"Productive", "1", "2", "3", "4", "5"}, []float64{0.3, 0.14, 0.14, 0.14, 0.14, 0.14}, [][]string{row})
		d.pdf.Ln(2)
	}
}

// productiveFigure is the headline figure of productive partnerships: never "0 of 0" when
// none can be judged yet.
func productiveFigure(o data.CohortOutcome) [2]string {
	switch {
	case o.Partnerships == 0:
		return [2]string{"None yet", "productive partnerships"}
	case o.Counted() == 0:
		return [2]string{"Too early", "to tell who is productive"}
	}
	return [2]string{fmt.Sprintf("%d of %d", o.Productive, o.Counted()), "productive"}
}

// tooEarly says when a cohort whose partnerships are all under six months can first be
// judged: "Too early to tell: the first partnerships reach six months in 4 months, on …".
func tooEarly(d *doc, c *data.CohortSummary) string {
	on := c.FirstJudged()
	who := "the first partnerships reach"
	if c.Outcome.TooEarly == 1 {
		who = "the partnership reaches"
	}
	n := monthsUntil(c.Today, on)
	when := fmt.Sprintf("in %d month%s", n, data.Plural(n))
	if n == 1 {
		when = "within a month"
	}
	return fmt.Sprintf("Too early to tell: %s six months %s, on %s.", who, when, d.date(on))
}

// monthsUntil counts the months from one day to a later one, a part month as a whole one.
func monthsUntil(from, to data.Date) int {
	n := 0
	for n < 1200 && data.DateOf(from.Time().AddDate(0, n, 0)).Before(to) {
		n++
	}
	return n
}

// titleBlock opens a report's first page: what it is, in small capitals, and about whom.
func (d *doc) titleBlock(kind, title string) {
	d.font(false, 11)
	d.color(accent2)
	d.pdf.SetX(d.left)
	d.pdf.CellFormat(d.width, 6, d.clean(strings.ToUpper(kind)), "", 1, "L", false, 0, "")
	d.font(true, 20)
	d.color(accent)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.width, 9, d.clean(title), "", "L", false)
	d.color(ink)
}

// figures prints a row of large numbers with what they count.
func (d *doc) figures(items [][2]string) {
	d.room(22)
	w := d.width / float64(len(items))
	y := d.pdf.GetY()
	for i, it := range items {
		x := d.left + w*float64(i)
		d.fill(paper)
		d.pdf.Rect(x, y, w-3, 18, "F")
		d.pdf.SetXY(x+3, y+2)
		d.font(true, 15)
		d.color(accent)
		d.pdf.CellFormat(w-9, 8, d.clean(it[0]), "", 2, "L", false, 0, "")
		d.pdf.SetX(x + 3)
		d.font(false, 8.5)
		d.color(muted)
		d.pdf.CellFormat(w-9, 5, d.clean(it[1]), "", 0, "L", false, 0, "")
	}
	d.color(ink)
	d.pdf.SetY(y + 21)
}

// orientationMix charts how many members lead with each orientation.
func (d *doc) orientationMix(mix map[string]int) {
	order := []string{"calling", "career", "job", data.MixedOrientation, ""}
	var labels []string
	var counts []float64
	top, total := 0.0, 0
	for _, o := range order {
		n := mix[o]
		if n == 0 && (o == data.MixedOrientation || o == "") {
			continue
		}
		label := data.OrientationLabel(o)
		if o == "" {
			label = "Not assessed"
		}
		labels = append(labels, label)
		counts = append(counts, float64(n))
		top = max(top, float64(n))
		total += n
	}
	if total == 0 {
		d.note("No members yet.")
		return
	}
	d.barChart(labels, []string{"Members"}, [][]float64{counts}, niceTop(top), 35, func(v float64) string { return data.FormatNumber(v) })
	d.note(fmt.Sprintf("%d member%s by the orientation their latest work-orientation result leads with.", total, data.Plural(total)))
}

// niceTop rounds a chart's top up to a number that divides into quarters.
func niceTop(v float64) float64 {
	if v <= 4 {
		return 4
	}
	step := 4.0
	for v > step*10 {
		step *= 10
	}
	top := step
	for top < v {
		top += step
	}
	return top
}
