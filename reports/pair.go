package reports

import (
	"fmt"
	"io"
	"strings"

	"mutua/data"
	"mutua/data/fold"
)

// Pair writes the brief both members read before their first session: who they are, why
// they were matched, what each can teach and wants to learn, a first agenda, and the
// agreement to fill in together.
func Pair(w io.Writer, b *data.PairBrief, o Options) error {
	names := ltr(b.Partnership.Names(" and "))
	d, err := newDoc(o, b.Practice, "Pair brief: "+b.Partnership.Names(" + "), "Mentoring programme pair brief", b.Today)
	if err != nil {
		return err
	}
	d.titleBlock("Pair brief", names)
	d.note(joinNonEmpty(" · ", b.Partnership.CohortName, "starting "+d.date(b.Partnership.StartedOn)))

	d.section("Who you are")
	d.people(b.Members, b.Partnership.Members)

	d.section("Why you were matched")
	if len(b.Partnership.Reasons) == 0 {
		d.note("Paired by the coach.")
	} else {
		d.para(fmt.Sprintf("Mutua scored this pair %s out of 100:", data.FormatNumber(b.Partnership.Score)))
		d.bullets(b.Partnership.Reasons)
	}

	d.section("What each of you can teach and wants to learn")
	d.exchange(b.Members)

	d.section("A first-session agenda")
	if len(b.Agenda) == 0 {
		d.note("Agree between you what to talk about first.")
	}
	for i, item := range b.Agenda {
		if i == 5 {
			break
		}
		d.room(lineText)
		d.pdf.SetX(d.left + 2)
		d.font(true, 10)
		d.pdf.CellFormat(6, lineText, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		d.font(false, 10)
		d.pdf.MultiCell(d.width-8, lineText, d.clean(item), "", "L", false)
	}

	d.section("Your agreement")
	d.note("Write it together at the first session: what you want to achieve, how you will run it, how you will know it worked, and when you check in.")
	a := b.Partnership.Agreement
	d.fields([][2]string{{"Objective", a.Objective}, {"Cadence", a.Cadence}, {"Planned length", a.PlannedLength},
		{"Meeting mode", a.MeetingMode}, {"Success measured by", a.SuccessMeasures}, {"Check-ins", a.CheckIns}}, true)
	return d.finish(w)
}

// people prints the members side by side.
func (d *doc) people(people []data.Participant, members []data.Member) {
	d.room(48)
	colW := d.width / float64(max(len(people), 1))
	y := d.pdf.GetY()
	bottom := y
	for i, p := range people {
		x := d.left + colW*float64(i)
		d.pdf.SetXY(x, y)
		d.font(true, 11)
		d.lines(x, colW-4, 6, p.Name)
		orientation := ""
		for _, m := range members {
			if m.ParticipantID == p.ID {
				orientation = m.Orientation
			}
		}
		lines := []string{joinNonEmpty(", ", p.Title, p.Company), joinNonEmpty(" · ", p.Industry, p.Function)}
		if s := data.SeniorityLabel(p.Seniority); s != "" {
			lines = append(lines, s)
		}
		lines = append(lines, joinNonEmpty(" · ", p.Location, p.TimeZone), "Work orientation: "+orientationWord(orientation), p.Email)
		d.font(false, 9.5)
		for _, l := range lines {
			if l == "" {
				continue
			}
			d.lines(x, colW-4, 4.8, l)
		}
		bottom = max(bottom, d.pdf.GetY())
	}
	d.pdf.SetY(bottom + 2)
}

// exchange prints each member's strengths and development areas, marking where they meet.
func (d *doc) exchange(people []data.Participant) {
	colW := d.width / float64(max(len(people), 1))
	d.room(40)
	y := d.pdf.GetY()
	bottom := y
	for i, p := range people {
		x := d.left + colW*float64(i)
		others := map[string]bool{}
		for j, q := range people {
			if j != i {
				for _, t := range q.DevelopmentAreas {
					others[fold.String(t)] = true
				}
			}
		}
		d.pdf.SetXY(x, y)
		d.font(true, 10)
		d.pdf.CellFormat(colW-4, 6, ltr(d.clean(strings.Fields(p.Name + " ?")[0]+" can teach")), "", 2, "L", false, 0, "")
		d.font(false, 9.5)
		for _, t := range orNone(p.Strengths) {
			mark := "·"
			if others[fold.String(t)] {
				mark = "»"
			}
			d.pdf.SetX(x)
			d.pdf.MultiCell(colW-4, 4.8, d.clean(mark+" "+t), "", "L", false)
		}
		d.pdf.Ln(1)
		d.pdf.SetX(x)
		d.font(true, 10)
		d.pdf.CellFormat(colW-4, 6, "and wants to learn", "", 2, "L", false, 0, "")
		d.font(false, 9.5)
		for _, t := range orNone(p.DevelopmentAreas) {
			d.pdf.SetX(x)
			d.pdf.MultiCell(colW-4, 4.8, d.clean("· "+t), "", "L", false)
		}
		bottom = max(bottom, d.pdf.GetY())
	}
	d.pdf.SetY(bottom + 2)
	d.note("» marks what one of you can teach that the other wants to learn.")
}

func orNone(tags []string) []string {
	if len(tags) == 0 {
		return []string{"(none given)"}
	}
	return tags
}
