package sqlite

// The sample practice in assets/sample.json is written by this generator, so it always
// matches the schema. After changing the schema or the sample, run:
//
//	go test ./data/sqlite -run TestSampleIsCurrent -update-sample

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/pairing"
)

var updateSample = flag.Bool("update-sample", false, "rewrite assets/sample.json from the generator")

const samplePath = "../../assets/sample.json"

// sampleToday is the day the sample is written as of; opening it moves every date so this
// day becomes the real today.
var sampleToday = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

type samplePerson struct {
	name, email, title, company, industry, function string
	seniority, years, born                          int
	location, tz                                    string
	strengths, development                          string
	goals                                           string
	job, career, calling                            float64
	cohort                                          int // 1 spring circle, 2 autumn reverse
}

var samplePeople = []samplePerson{
	{"Zoë Ødegård", "zoe.odegard@fernhillbank.example", "Chief Financial Officer", "Fernhill Bank", "Financial services", "Finance", 6, 24, 1974, "Oslo", "Europe/Oslo", "capital allocation; negotiation; board relations", "digital product thinking; coaching style", "Lead the bank's shift to digital services without losing the trust of the old guard.", 15, 40, 85, 1},
	{"Marcus Bell", "marcus.bell@orbital.example", "VP Engineering", "Orbital Software", "Technology", "Engineering", 5, 16, 1984, "Manchester", "Europe/London", "digital product thinking; data literacy; agile delivery", "board relations; leading through change", "Step up from running engineering to sitting on the executive team.", 20, 70, 45, 1},
	{"Ana Pereira", "ana.pereira@northwind.example", "Chief Operating Officer", "Northwind Logistics", "Logistics", "Operations", 6, 21, 1978, "Lisbon", "Europe/Lisbon", "operations at scale; crisis management; negotiation", "storytelling; data literacy", "Prepare to become chief executive within three years.", 10, 75, 40, 1},
	{"José Álvarez", "jose.alvarez@marigold.example", "General Manager", "Marigold Hotels", "Hospitality", "Operations", 4, 18, 1981, "Madrid", "Europe/Madrid", "customer experience; team morale; storytelling", "operations at scale; pricing strategy", "Turn around two struggling hotels and keep the team together.", 30, 35, 70, 1},
	{"Priya Raman", "priya.raman@helixbio.example", "Head of Research Operations", "Helix Biotech", "Life sciences", "Research", 4, 14, 1986, "Cambridge", "Europe/London", "data literacy; process design; regulatory affairs", "executive presence; negotiation", "Be heard at the leadership table when budgets are set.", 15, 45, 80, 1},
	{"Hiroshi Tanaka", "hiroshi.tanaka@cobaltworks.example", "Plant Director", "Cobalt Works", "Manufacturing", "Operations", 5, 27, 1971, "Birmingham", "Europe/London", "lean manufacturing; safety culture; crisis management", "digital product thinking; mentoring younger leaders", "Bring the plant's data into the decisions without losing the craft.", 45, 40, 35, 1},
	{"Chloé Dubois", "chloe.dubois@quillledger.example", "Partner", "Quill & Ledger", "Professional services", "Audit", 5, 19, 1980, "Paris", "Europe/Paris", "finance for non-financial leaders; risk management; negotiation", "customer experience; team morale", "Grow the advisory practice while keeping the audit side steady.", 20, 85, 30, 1},
	{"Ngozi Okafor", "ngozi.okafor@saltmarsh.example", "Director of Nursing", "Saltmarsh Health", "Healthcare", "Clinical services", 4, 22, 1977, "Leeds", "Europe/London", "team morale; safety culture; coaching style", "finance for non-financial leaders; board relations", "Make the case to the board for a new community care service.", 10, 30, 90, 1},
	{"Łukasz Wiśniewski", "lukasz.wisniewski@tidewater.example", "Head of E-commerce", "Tidewater Retail", "Retail", "Digital", 4, 11, 1989, "Warsaw", "Europe/Warsaw", "digital product thinking; customer experience; data literacy", "leading through change; negotiation", "Take the online business from a side channel to half of sales.", 25, 80, 35, 1},
	{"Fatima Haddad", "fatima.haddad@brightwave.example", "Chief People Officer", "Brightwave Energy", "Energy", "People", 6, 23, 1976, "Aberdeen", "Europe/London", "coaching style; leading through change; hiring engineers", "data literacy; capital allocation", "Keep the best engineers through the move to renewables.", 15, 35, 75, 1},
	{"Émile Laurent", "emile.laurent@lumenmedia.example", "Editorial Director", "Lumen Media", "Media", "Editorial", 5, 20, 1979, "Brussels", "Europe/Brussels", "storytelling; executive presence; crisis management", "data literacy; pricing strategy", "Find a paying audience for independent journalism.", 10, 30, 90, 1},
	{"Sarah Whitfield", "sarah.whitfield@atlascity.example", "Director of Housing", "Atlas City Council", "Public sector", "Housing", 4, 25, 1973, "Bristol", "Europe/London", "stakeholder management; storytelling; process design", "operations at scale; digital product thinking", "Deliver 2,000 affordable homes with a smaller team.", 35, 25, 70, 1},
	{"Tomás Ríos", "tomas.rios@fernhillbank.example", "Head of Risk", "Fernhill Bank", "Financial services", "Risk", 4, 15, 1985, "Dublin", "Europe/Dublin", "risk management; regulatory affairs; data literacy", "storytelling; executive presence", "Be seen as a partner to the business, not a brake on it.", 40, 60, 30, 1},
	{"Mei Lin", "mei.lin@orbital.example", "Head of Customer Success", "Orbital Software", "Technology", "Customer", 3, 9, 1991, "Singapore", "Asia/Singapore", "customer experience; digital product thinking; coaching style", "crisis management; capital allocation", "Build a customer team that the board sees as a growth engine.", 20, 55, 60, 1},
	{"Dev Patel", "dev.patel@northwind.example", "Finance Director", "Northwind Logistics", "Logistics", "Finance", 5, 17, 1982, "London", "Europe/London", "capital allocation; finance for non-financial leaders; pricing strategy", "coaching style; team morale", "Move from reporting the numbers to shaping the strategy.", 50, 45, 25, 1},
	{"Ingrid Sørensen", "ingrid.sorensen@helixbio.example", "Chief Medical Officer", "Helix Biotech", "Life sciences", "Medical", 6, 26, 1972, "Copenhagen", "Europe/Copenhagen", "regulatory affairs; executive presence; stakeholder management", "agile delivery; data literacy", "Shorten the path from trial results to patients.", 10, 35, 85, 1},

	{"Grace Mensah", "grace.mensah@brightwave.example", "Graduate Engineer", "Brightwave Energy", "Energy", "Engineering", 1, 2, 2001, "Aberdeen", "Europe/London", "social media; data literacy; sustainability reporting", "executive presence; stakeholder management", "Understand how decisions are made at the top.", 30, 55, 65, 2},
	{"Robert Hale", "robert.hale@cobaltworks.example", "Chief Executive", "Cobalt Works", "Manufacturing", "Executive", 6, 33, 1966, "Birmingham", "Europe/London", "stakeholder management; capital allocation; board relations", "social media; generative AI tools", "Understand what younger customers and staff expect of the firm.", 40, 50, 40, 2},
	{"Aisha Khan", "aisha.khan@tidewater.example", "Marketing Analyst", "Tidewater Retail", "Retail", "Marketing", 1, 3, 2000, "Manchester", "Europe/London", "generative AI tools; social media; data literacy", "negotiation; leading through change", "Lead a campaign end to end within a year.", 35, 60, 40, 2},
	{"Henrik Dahl", "henrik.dahl@quillledger.example", "Managing Partner", "Quill & Ledger", "Professional services", "Executive", 6, 30, 1968, "Stockholm", "Europe/Stockholm", "negotiation; risk management; board relations", "generative AI tools; sustainability reporting", "Keep the firm attractive to graduates who could work anywhere.", 30, 65, 35, 2},
	{"Lucía Moreno", "lucia.moreno@marigold.example", "Guest Experience Coordinator", "Marigold Hotels", "Hospitality", "Operations", 1, 4, 1999, "Seville", "Europe/Madrid", "customer experience; social media; languages", "finance for non-financial leaders; operations at scale", "Move into hotel management.", 25, 45, 75, 2},
	{"Olusegun Adeyemi", "olusegun.adeyemi@saltmarsh.example", "Chief Executive", "Saltmarsh Health", "Healthcare", "Executive", 6, 31, 1967, "Leeds", "Europe/London", "leading through change; stakeholder management; crisis management", "generative AI tools; social media", "Hear from the people who will run the service in 2040.", 15, 30, 85, 2},
	{"Nina Kowalczyk", "nina.kowalczyk@orbital.example", "Junior Developer", "Orbital Software", "Technology", "Engineering", 1, 2, 2002, "Kraków", "Europe/Warsaw", "generative AI tools; agile delivery; open source", "executive presence; storytelling", "Know what it takes to lead a product team.", 20, 70, 45, 2},
	{"Charles Whitmore", "charles.whitmore@atlascity.example", "Chief Executive", "Atlas City Council", "Public sector", "Executive", 6, 34, 1965, "Bristol", "Europe/London", "stakeholder management; regulatory affairs; crisis management", "digital product thinking; social media", "Understand how residents under 30 want to deal with the council.", 35, 30, 60, 2},
	{"Yara Nasser", "yara.nasser@lumenmedia.example", "Audience Producer", "Lumen Media", "Media", "Audience", 2, 5, 1997, "Beirut", "Asia/Beirut", "social media; generative AI tools; storytelling", "pricing strategy; negotiation", "Build the newsroom's first membership product.", 20, 40, 80, 2},
	{"Peter Lindqvist", "peter.lindqvist@fernhillbank.example", "Chief Executive", "Fernhill Bank", "Financial services", "Executive", 6, 32, 1967, "Oslo", "Europe/Oslo", "capital allocation; board relations; risk management", "social media; generative AI tools", "Understand what a bank means to people who have never visited a branch.", 30, 55, 45, 2},
}

// samplePairs are the Spring circle's approved pairs (indexes into samplePeople).
var samplePairs = []struct {
	a, b  int
	quiet bool   // no session since the summer
	ended string // reason, when the partnership ended early
}{
	{0, 7, false, ""},
	{1, 9, false, ""},
	{2, 11, false, ""},
	{3, 14, true, ""},
	{4, 10, false, ""},
	{5, 13, false, ""},
	{6, 8, false, ""},
	{12, 15, false, "schedule"},
}

var sampleTopics = map[string][]string{
	"calling": {"What makes the work matter to you", "Purpose in hard decisions", "Stories that carry a mission", "Keeping meaning under pressure"},
	"career":  {"The next role and how to earn it", "Visibility with the board", "Building a track record", "Sponsors and advocates"},
	"job":     {"Boundaries and energy", "Doing the work well and going home", "Making the routine efficient"},
	"mixed":   {"Each other's week in review", "A decision you are facing", "Feedback on a presentation", "Managing up"},
}

func TestSampleIsCurrent(t *testing.T) {
	built := buildSample(t)
	if *updateSample {
		if err := os.WriteFile(samplePath, built, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	current, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatalf("read the sample: %v (run go test ./data/sqlite -run TestSampleIsCurrent -update-sample)", err)
	}
	if !bytes.Equal(current, built) {
		t.Fatalf("assets/sample.json is out of date: run go test ./data/sqlite -run TestSampleIsCurrent -update-sample")
	}
}

// buildSample writes the sample practice into a new store and returns its full export.
func buildSample(t *testing.T) []byte {
	s, err := Open(filepath.Join(t.TempDir(), "sample.mutua"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC) }) // when the coach enrolled them
	rng := rand.New(rand.NewPCG(2026, 11))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	day := func(d time.Time) data.Date { return data.DateOf(d) }
	ts := func(d time.Time) string { return d.UTC().Format(time.RFC3339) }
	exec := func(query string, args ...any) int64 {
		t.Helper()
		res, err := s.db.Exec(query, args...)
		must(err)
		id, _ := res.LastInsertId()
		return id
	}

	spring := data.Cohort{Name: "Spring 2026 executive circle", StartsOn: data.NewDate(2026, 3, 16), EndsOn: data.NewDate(2027, 3, 15), Cadence: "Every four weeks"}
	autumn := data.Cohort{Name: "Autumn 2026 reverse mentoring", StartsOn: data.NewDate(2026, 12, 1), EndsOn: data.NewDate(2027, 6, 30), Cadence: "Every two weeks", PairingPreset: "reverse-mentoring", OddPerson: data.SitOut}
	must(s.SaveCohort(&spring))
	must(s.SaveCohort(&autumn))
	wo, err := s.InstrumentByKey(data.WorkOrientationKey)
	must(err)

	ids := make([]int64, len(samplePeople))
	for i, sp := range samplePeople {
		p := data.Participant{Name: sp.name, Email: sp.email, Phone: fmt.Sprintf("+44 20 7946 %04d", 100+i*37), Title: sp.title,
			Company: sp.company, Industry: sp.industry, Function: sp.function, Seniority: sp.seniority,
			YearsExperience: sp.years, BirthYear: sp.born, Location: sp.location, TimeZone: sp.tz,
			Strengths: data.SplitTags(sp.strengths), DevelopmentAreas: data.SplitTags(sp.development), Goals: sp.goals}
		if i == 3 {
			p.PrivateNotes = "Mentioned a possible move to a competitor; keep an eye on commitment."
		}
		must(s.CreateParticipant(&p))
		ids[i] = p.ID
		cohort := spring.ID
		first := data.NewDate(2026, 2, 9+i%10)
		if sp.cohort == 2 {
			cohort = autumn.ID
			first = data.NewDate(2026, 10, 12+i%10)
		}
		must(s.AddToCohort(cohort, p.ID))
		scores := []float64{sp.job, sp.career, sp.calling}
		record := func(on data.Date, shift float64) {
			a := data.Assessment{ParticipantID: p.ID, InstrumentID: wo.ID, AssessedOn: on}
			for k, sc := range wo.Scales {
				v := min(100, max(0, scores[k]+shift*float64(k-1)))
				a.Values = append(a.Values, data.ScaleValue{ScaleID: sc.ID, Number: v})
			}
			if on.Time().Month() == time.September { // re-assessed with the questionnaire: answers that give these scores
				a.Answers = sampleAnswers(wo, a.Values)
			}
			must(s.SaveAssessment(&a))
		}
		record(first, 0)
		if sp.cohort == 1 && i%3 == 0 {
			record(data.NewDate(2026, 9, 21+i%7), 5) // re-assessed after six months: a little more calling, less job
		}
	}

	// The coach's approved round for the Spring circle: the pairs below, locked, scored by
	// Mutua's own rules as of the day before approval.
	start := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return start.AddDate(0, 0, -3) })
	plan, err := pairing.PlanRound(s, spring.ID, start.AddDate(0, 0, -3))
	must(err)
	for _, pair := range samplePairs {
		plan.Fixed = append(plan.Fixed, pairing.Group{Members: []int64{ids[pair.a], ids[pair.b]}})
	}
	plan.Resuggest()
	must(s.ApproveRound(plan, day(start)))
	partnershipOf := map[[2]int64]int64{}
	rows, err := s.db.Query(`SELECT a.partnership_id, a.participant_id, b.participant_id FROM partnership_members a
		JOIN partnership_members b ON b.partnership_id = a.partnership_id AND b.participant_id > a.participant_id`)
	must(err)
	for rows.Next() {
		var ps, x, y int64
		must(rows.Scan(&ps, &x, &y))
		partnershipOf[[2]int64{x, y}] = ps
	}
	rows.Close()
	for pi, pair := range samplePairs {
		a, b := ids[pair.a], ids[pair.b]
		ps := partnershipOf[[2]int64{min(a, b), max(a, b)}]
		if ps == 0 {
			t.Fatalf("no partnership for pair %d", pi)
		}
		last := sampleToday.AddDate(0, 0, -4-pi)
		if pair.quiet {
			last = time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)
		}
		if pair.ended != "" {
			last = time.Date(2026, 7, 6, 0, 0, 0, 0, time.UTC)
			exec(`UPDATE partnerships SET status = 'ended-early', ended_on = '2026-07-20', end_reason = ? WHERE id = ?`, pair.ended, ps)
		}
		exec(`DELETE FROM partnership_members WHERE partnership_id = ?`, ps)
		fit := "keep"
		exec(`INSERT INTO partnership_members (partnership_id, participant_id, fit_check, fit_checked_on) VALUES (?,?,?,?), (?,?,?,?)`,
			ps, a, fit, "2026-04-20", ps, b, fit, "2026-04-21")
		measures := "Both rate at least four of five sessions as productive; each reaches the first milestone of their goal by the half-way check-in."
		if pi == 5 {
			measures = "" // an agreement still missing its success measures
		}
		exec(`INSERT INTO agreements (partnership_id, objective, cadence, planned_length, meeting_mode, success_measures, check_ins, created_at) VALUES (?,?,?,?,?,?,?,?)`,
			ps, fmt.Sprintf("Help each other with: %s, and %s.", samplePeople[pair.a].development, samplePeople[pair.b].development),
			"Every four weeks, 60 minutes", "12 months", []string{"Video call", "In person, alternating offices", "Video call, in person each quarter"}[pi%3],
			measures, "2026-06-15; 2026-09-15; 2026-12-15", ts(start.AddDate(0, 0, 1)))

		orientation := data.MixedOrientation
		if pi == 0 || pi == 4 {
			orientation = data.CallingOrientation
		} else if pi == 6 {
			orientation = data.CareerOrientation
		}
		n := 0
		// Sessions every four weeks or so, counted back from the last one.
		var dates []time.Time
		for d := last; !d.Before(start.AddDate(0, 0, 7)); d = d.AddDate(0, 0, -(26 + rng.IntN(6))) {
			dates = append([]time.Time{d}, dates...)
		}
		for _, d := range dates {
			n++
			topics := sampleTopics[orientation][n%len(sampleTopics[orientation])]
			sess := exec(`INSERT INTO sessions (partnership_id, held_on, duration_minutes, topics, created_at) VALUES (?,?,?,?,?)`,
				ps, day(d).String(), []int{45, 60, 60, 75, 90}[rng.IntN(5)], topics, ts(d.Add(18*time.Hour)))
			for k, who := range []int64{a, b} {
				rating := 3 + rng.IntN(3)
				if pair.ended != "" {
					rating = 2 + rng.IntN(2)
				}
				attended := 1
				if n == 3 && k == 1 && pi%2 == 1 {
					attended, rating = 0, 0
				}
				exec(`INSERT INTO session_attendance (session_id, participant_id, attended, rating) VALUES (?,?,?,?)`, sess, who, attended, rating)
			}
			nameA, nameB := firstName(samplePeople[pair.a].name), firstName(samplePeople[pair.b].name)
			notes := []struct{ vis, body string }{
				{"private", fmt.Sprintf("%s seemed tired and deflected questions about the team; ask how things are going at home next time.", nameA)},
				{"shared", fmt.Sprintf("We worked on %q. %s will try the approach from %s's last board paper; %s will share the template.", strings.ToLower(topics), nameB, nameA, nameA)},
				{"sponsor", fmt.Sprintf("Session %d held; both engaged; the pair is working on %s.", n, strings.ToLower(topics))},
			}
			for k, note := range notes {
				if (n+k)%4 == 3 {
					continue // not every session has every kind of note
				}
				exec(`INSERT INTO notes (partnership_id, session_id, visibility, body, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
					ps, sess, note.vis, note.body, ts(d.Add(19*time.Hour)), ts(d.Add(19*time.Hour)))
			}
			due := d.AddDate(0, 0, 21)
			done := ""
			if due.Before(sampleToday.AddDate(0, 0, -20)) || (pi+n)%5 == 0 {
				done = day(due.AddDate(0, 0, -2)).String()
			}
			if due.After(sampleToday) || done != "" || pi%2 == 0 || pair.quiet {
				exec(`INSERT INTO action_items (partnership_id, session_id, owner_id, text, due_on, done_on, created_at) VALUES (?,?,?,?,?,?,?)`,
					ps, sess, []int64{a, b}[n%2], fmt.Sprintf("Send %s the notes on %s", []string{nameB, nameA}[n%2], strings.ToLower(topics)),
					day(due).String(), done, ts(d.Add(19*time.Hour)))
			}
		}
		if pair.ended != "" {
			exec(`INSERT INTO notes (partnership_id, visibility, body, created_at, updated_at) VALUES (?, 'sponsor', ?, ?, ?)`,
				ps, "Ended early by agreement: both members' schedules changed after a reorganisation.", ts(last.AddDate(0, 0, 14)), ts(last.AddDate(0, 0, 14)))
		}
	}

	// Goals with check-ins for the Spring circle.
	for i, sp := range samplePeople {
		if sp.cohort != 1 {
			continue
		}
		target := data.NewDate(2027, 3, 1)
		progress := 20 + (i*13)%70
		status := "open"
		if i == 2 {
			status, progress = "achieved", 100
		}
		g := exec(`INSERT INTO goals (participant_id, text, target_on, progress, status, created_at) VALUES (?,?,?,?,?,?)`,
			ids[i], sp.goals, target.String(), progress, status, ts(start.AddDate(0, 0, 10)))
		for k, when := range []time.Time{start.AddDate(0, 2, 0), start.AddDate(0, 5, 0), start.AddDate(0, 7, 20)} {
			if k > i%3 {
				break
			}
			exec(`INSERT INTO goal_checkins (goal_id, checked_on, progress, note, created_at) VALUES (?,?,?,?,?)`,
				g, day(when).String(), progress*(k+1)/3, []string{"Clear first step agreed.", "Half-way; the hard part is next.", "Nearly there."}[k], ts(when))
		}
	}
	exec(`INSERT INTO exclusions (participant_a, participant_b, reason, created_at) VALUES (?,?,?,?)`,
		ids[18], ids[24], "Aisha reports to a board member of Lumen Media's parent company.", ts(sampleToday.AddDate(0, -1, 0)))
	exec(`INSERT INTO exclusions (company_a, company_b, reason, created_at) VALUES (?,?,?,?)`,
		"Tidewater Retail", "Marigold Hotels", "Client and supplier: Tidewater supplies Marigold's shops.", ts(sampleToday.AddDate(0, -1, 0)))
	exec(`INSERT INTO settings (key, value) VALUES ('practice_name', 'Sample practice: Mutua coaching')`)

	// Pulse surveys for the Spring circle, every 60 days: each member's latest answers; one pair
	// rates it low, so the home screen asks the coach to talk with them.
	exec(`INSERT INTO cohort_survey_settings (cohort_id, pulse_every_days) VALUES (?, 60)`, spring.ID)
	for pi, pair := range samplePairs {
		if pair.ended != "" {
			continue
		}
		a, b := ids[pair.a], ids[pair.b]
		ps := partnershipOf[[2]int64{min(a, b), max(a, b)}]
		due := start.AddDate(0, 0, 30+60*3) // the pulse of 12 October
		for k, who := range []int64{a, b} {
			req := fmt.Sprintf("%016x%016x", ps, who)
			exec(`INSERT INTO survey_requests (id, kind, partnership_id, participant_id, due_on, created_at) VALUES (?,?,?,?,?,?)`,
				req, "pulse", ps, who, day(due).String(), ts(due.AddDate(0, 0, -2)))
			if pair.quiet && k == 1 {
				continue // not returned
			}
			productive := 3 + (pi+k)%3
			if pi == 2 {
				productive = 2
			}
			other := firstName(samplePeople[[]int{pair.b, pair.a}[k]].name)
			vis := []string{"private", "shared", "sponsor"}[(pi+k)%3]
			exec(`INSERT INTO survey_answers (request_id, participant_id, partnership_id, kind, answered_on, productive, learned, change, free_text, visibility, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
				req, who, ps, "pulse", day(due.AddDate(0, 0, 3+k)).String(), productive,
				fmt.Sprintf("How %s prepares a board paper.", other), []string{"Meet a little more often.", "Keep a shared list of actions.", "Nothing yet."}[(pi+k)%3],
				fmt.Sprintf("Working with %s has been useful; the last session ran short.", other), vis, ts(due.AddDate(0, 0, 3+k)))
		}
	}

	s.SetClock(func() time.Time { return sampleToday })
	var buf bytes.Buffer
	must(s.ExportAll(&buf))
	return buf.Bytes()
}

func firstName(name string) string { return strings.Fields(name)[0] }

// sampleAnswers returns answers to the built-in questionnaire that give the scale scores of
// values (each a multiple of 5 from 0 to 100, as five 1–5 statements scored as percent give).
func sampleAnswers(wo data.Instrument, values []data.ScaleValue) data.ItemAnswers {
	left := map[string]int{}
	for _, v := range values {
		for _, sc := range wo.Scales {
			if sc.ID == v.ScaleID {
				left[sc.Name] = int(v.Number) / 5 // steps above the lowest answer, over five statements
			}
		}
	}
	out := data.ItemAnswers{}
	for _, it := range wo.Items {
		keyed := 1 + min(4, left[it.Scale])
		left[it.Scale] -= keyed - 1
		out[it.Key] = it.Keyed(float64(keyed))
	}
	return out
}
