package app

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
	"mutua/reports"
)

// The reports a coach can print, as Shell.openReport names them.
const (
	reportParticipant   = "participant"
	reportPair          = "pair"
	reportCohort        = "cohort"
	reportCohortMembers = "cohort members" // one progress report for each member of a cohort
)

// subjectKind is what a report is about.
type subjectKind int

const (
	subjectParticipant subjectKind = iota
	subjectPartnership
	subjectCohort
)

// reportKind is one report the coach can print: what it is, whom it is about and who may read it.
type reportKind struct {
	key     string
	report  reports.Kind // what it prints
	label   string       // in the list of reports
	file    string       // what its file name starts with
	subject subjectKind
	about   string          // what it is for
	reader  string          // who may read it, and so which notes it holds
	notes   data.Visibility // the notes it holds, for the icon beside the reader
}

var reportKinds = []reportKind{
	{key: reportParticipant, report: reports.Progress, label: "Participant progress report", file: "Progress report", subject: subjectParticipant,
		about:  "For the client: profile, work orientation and how it changed, partners and why they were paired, agreements, sessions, goals and action items.",
		reader: "For the participant: only notes marked shared, from their own partnerships.", notes: data.Shared},
	{key: reportPair, report: reports.Brief, label: "Pair brief", file: "Pair brief", subject: subjectPartnership,
		about:  "For both members before their first session: who they are, why they were matched, what each can teach and wants to learn, a first agenda and the agreement to fill in.",
		reader: "For both members: it holds no notes at all.", notes: data.Private},
	{key: reportCohort, report: reports.Summary, label: "Cohort summary", file: "Cohort summary", subject: subjectCohort,
		about:  "For the coach or the sponsor: pairs and scores, sessions, engagement, the orientation mix and outcomes.",
		reader: "For the coach or the sponsor: only notes marked safe for the sponsor.", notes: data.Sponsor},
	{key: reportCohortMembers, report: reports.Progress, label: "Progress reports for a whole cohort", file: "Progress report", subject: subjectCohort,
		about:  "One participant progress report for each member of the cohort, saved together in a folder you choose.",
		reader: "Each for its participant: only notes marked shared, from their own partnerships.", notes: data.Shared},
}

func reportKindOf(key string) reportKind {
	for _, k := range reportKinds {
		if k.key == key || k.label == key {
			return k
		}
	}
	return reportKinds[0]
}

// briefAgendaTopics is how many suggested topics the pair brief prints.
const briefAgendaTopics = 5

// reportSubject is a participant, partnership or cohort a report can be about.
type reportSubject struct {
	id           int64
	name, detail string
	key          string // folded text the search looks in
}

// reportContents is what the chosen report will hold, read from the model it prints.
type reportContents struct {
	kind     reportKind
	subject  int64
	title    string
	sections [][2]string // each section and what it holds
	file     string      // the suggested file name
	members  []memberFile
	ready    bool   // there is something to print
	problem  string // why there is not
}

// memberFile is one member's progress report in a cohort's folder.
type memberFile struct {
	id   int64
	name string
	file string
}

// reportsScreen prints the reports: choose one and its subject, see what it will hold, save it.
type reportsScreen struct {
	shell *practice

	roster       *data.Roster
	partnerships []data.Partnership
	kind         reportKind
	chosen       map[subjectKind]int64 // the subject chosen for each kind of subject
	subjects     []reportSubject       // of the chosen report's kind
	shown        []int                 // positions in subjects that pass the search
	contents     *reportContents       // of the chosen report; nil while it is read

	content        *fyne.Container
	kinds          *widget.RadioGroup
	subjectHeading *widget.Label
	search         *widget.Entry
	count          *widget.Label
	list           *widget.List
	subjectArea    *fyne.Container // the list, or what to do when there is nothing to choose
	detail         *fyne.Container // what the report will hold, or a hint
	preview        fyne.CanvasObject
	title          *widget.Label
	about          *widget.Label
	readerIcon     *widget.Icon
	reader         *widget.Label
	sections       *fyne.Container
	printing       *widget.Label // page size and date
	save           *widget.Button
	main, empty    fyne.CanvasObject

	saved  *dialog.ConfirmDialog // the "saved; open it?" dialog shown last
	batch  *memberBatch          // the cohort's progress reports being written, or written last
	viewer func(*url.URL) error  // opens a file or folder in the system's viewer

	// onBatchProgress is told after each file of a cohort's progress reports.
	onBatchProgress func(done, total int)
}

func newReportsScreen(shell *practice) *reportsScreen {
	r := &reportsScreen{shell: shell, roster: &data.Roster{}, kind: reportKinds[0], chosen: map[subjectKind]int64{},
		viewer: shell.app.OpenURL}
	r.buildUI()
	return r
}

func (r *reportsScreen) buildUI() {
	screenTitle := widget.NewLabelWithStyle("Reports", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	screenTitle.SizeName = theme.SizeNameHeadingText
	var labels []string
	for _, k := range reportKinds {
		labels = append(labels, k.label)
	}
	r.kinds = widget.NewRadioGroup(labels, nil)
	r.kinds.Required = true
	r.kinds.SetSelected(r.kind.label)
	r.subjectHeading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.search = widget.NewEntry()
	r.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	r.count = widget.NewLabel("")
	r.count.Importance = widget.LowImportance
	r.list = widget.NewList(func() int { return len(r.shown) }, newTwoLineRow, r.updateSubjectRow)
	r.list.OnSelected = r.onSubjectSelected
	r.subjectArea = container.NewStack(r.list)

	r.title = widget.NewLabel("")
	r.title.SizeName = theme.SizeNameSubHeadingText
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	r.about = wrapped("")
	r.readerIcon = widget.NewIcon(nil)
	r.reader = wrapped("")
	r.sections = container.New(layout.NewFormLayout())
	r.printing = wrapped("")
	r.printing.Importance = widget.LowImportance
	r.save = widget.NewButtonWithIcon("Save as…", theme.DocumentSaveIcon(), r.onSaveTapped)
	r.save.Importance = widget.HighImportance
	r.save.Disable()
	r.preview = container.NewVScroll(container.NewPadded(container.NewVBox(
		r.title, r.about, container.NewBorder(nil, nil, r.readerIcon, nil, r.reader), widget.NewSeparator(),
		heading("What it will contain"), r.sections, widget.NewSeparator(),
		r.printing, container.NewHBox(r.save))))
	r.detail = container.NewStack()

	top := container.NewVBox(screenTitle, widget.NewLabelWithStyle("Report", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), r.kinds,
		widget.NewSeparator(), r.subjectHeading, r.search, r.count)
	left := container.NewPadded(container.NewBorder(top, nil, nil, nil, r.subjectArea))
	split := container.NewHSplit(left, r.detail)
	split.Offset = 0.38
	r.main = split
	r.empty = emptyState("Nothing to report on yet",
		"Reports are printed from your roster, its assessments and partnerships. Add your participants first, or explore the sample practice.",
		widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), r.shell.onNewParticipant),
		widget.NewButtonWithIcon("Open sample practice", theme.FolderOpenIcon(), r.shell.onOpenSample))
	r.content = container.NewStack(r.empty)
	r.showKind()

	// Handlers last, so setting the initial values above triggers nothing.
	r.kinds.OnChanged = r.onKindChanged
	r.search.OnChanged = func(string) { r.applySearch() }
}

func (r *reportsScreen) updateSubjectRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.shown) {
		return
	}
	s := r.subjects[r.shown[id]]
	setTwoLineRow(o, s.name, s.detail, "")
}

// reload reads the roster and the partnerships off the UI goroutine.
func (r *reportsScreen) reload() {
	var roster *data.Roster
	var partnerships []data.Partnership
	r.shell.load("Mutua could not read what reports are made from", nil,
		func(store *sqlite.Store) (err error) {
			if roster, err = store.Roster(); err != nil {
				return err
			}
			partnerships, err = store.Partnerships()
			return err
		},
		func() { r.show(roster, partnerships) })
}

func (r *reportsScreen) show(roster *data.Roster, partnerships []data.Partnership) {
	r.roster, r.partnerships = roster, partnerships
	content := r.main
	if len(roster.Entries) == 0 {
		content = r.empty
	}
	swapIn(r.content, content)
	r.fillSubjects()
	r.loadContents()
}

// choose shows a report about a subject, as the participant, partnership and cohort pages ask.
func (r *reportsScreen) choose(key string, subjectID int64) {
	k := reportKindOf(key)
	r.chosen[k.subject] = subjectID
	r.search.OnChanged = nil // the subject must be in sight
	r.search.SetText("")
	r.search.OnChanged = func(string) { r.applySearch() }
	if r.kind.key != k.key {
		r.kinds.SetSelected(k.label) // onKindChanged shows it
		return
	}
	r.fillSubjects()
	r.loadContents()
}

func (r *reportsScreen) onKindChanged(label string) {
	k := reportKindOf(label)
	sameSubjects := k.subject == r.kind.subject
	r.kind = k
	r.showKind()
	if !sameSubjects {
		r.search.OnChanged = nil
		r.search.SetText("")
		r.search.OnChanged = func(string) { r.applySearch() }
	}
	r.fillSubjects()
	r.loadContents()
}

// showKind names the subject the chosen report needs and offers the right save button.
func (r *reportsScreen) showKind() {
	switch r.kind.subject {
	case subjectParticipant:
		r.subjectHeading.SetText("Participant")
		r.search.SetPlaceHolder("Search name, company or email")
	case subjectPartnership:
		r.subjectHeading.SetText("Partnership")
		r.search.SetPlaceHolder("Search by member or cohort")
	default:
		r.subjectHeading.SetText("Cohort")
		r.search.SetPlaceHolder("Search cohorts")
	}
	if r.kind.key == reportCohortMembers {
		r.save.SetText("Save all to a folder…")
		r.save.SetIcon(theme.FolderOpenIcon())
	} else {
		r.save.SetText("Save as…")
		r.save.SetIcon(theme.DocumentSaveIcon())
	}
}

// fillSubjects lists what the chosen report can be about.
func (r *reportsScreen) fillSubjects() {
	r.subjects, r.shown = r.subjects[:0], r.shown[:0]
	add := func(id int64, name, detail string, search ...string) {
		r.subjects = append(r.subjects, reportSubject{id: id, name: name, detail: detail,
			key: data.Fold(strings.Join(append(search, name, detail), " "))})
	}
	switch r.kind.subject {
	case subjectParticipant:
		for _, e := range r.roster.Entries {
			add(e.ID, e.Name, joinNonEmpty(" · ", e.Title, e.Company, statusBadge(e.Status)), e.Email)
		}
	case subjectPartnership:
		for i := range r.partnerships {
			ps := &r.partnerships[i]
			state := "started " + formatDate(ps.StartedOn)
			if ps.Ended() {
				state = partnershipStatusLabel(ps)
			}
			add(ps.ID, ps.Names(" + "), joinNonEmpty(" · ", ps.CohortName, state))
		}
	case subjectCohort:
		for _, c := range r.roster.Cohorts {
			add(c.ID, c.Name, joinNonEmpty(" · ", fmt.Sprintf("%d member%s", c.Members, data.Plural(c.Members)), period(c)))
		}
	}
	r.showSubjectArea()
	r.applySearch()
}

func (r *reportsScreen) subjectPosition(id int64) int {
	for i, s := range r.subjects {
		if s.id == id {
			return i
		}
	}
	return -1
}

// showSubjectArea shows the list, or says what to do first when there is nothing to choose.
func (r *reportsScreen) showSubjectArea() {
	var area fyne.CanvasObject = r.list
	if len(r.subjects) == 0 {
		switch r.kind.subject {
		case subjectParticipant:
			area = nothingToChoose("No participants yet. Add them on the Roster first.",
				widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), r.shell.onNewParticipant))
		case subjectPartnership:
			area = nothingToChoose("No partnerships yet. A pair brief is for a pair you approved: pair a cohort first.",
				widget.NewButtonWithIcon("Pair a cohort", theme.ViewRestoreIcon(), func() { r.shell.selectTab("Pairing") }))
		default:
			area = nothingToChoose("No cohorts yet. Create a cohort and add its members first.",
				widget.NewButtonWithIcon("New cohort", theme.ContentAddIcon(), r.shell.onNewCohort))
		}
	}
	r.subjectArea.Objects = []fyne.CanvasObject{area}
	r.subjectArea.Refresh()
}

// nothingToChoose says why the list is empty and offers the way forward.
func nothingToChoose(text string, action *widget.Button) fyne.CanvasObject {
	return container.NewVBox(wrapped(text), container.NewHBox(action))
}

// applySearch shows the subjects matching the search, keeping the chosen one selected.
func (r *reportsScreen) applySearch() {
	words := strings.Fields(data.Fold(r.search.Text))
	r.shown = r.shown[:0]
next:
	for i, s := range r.subjects {
		for _, w := range words {
			if !strings.Contains(s.key, w) {
				continue next
			}
		}
		r.shown = append(r.shown, i)
	}
	noun := map[subjectKind]string{subjectParticipant: "participant", subjectPartnership: "partnership", subjectCohort: "cohort"}[r.kind.subject]
	if len(r.shown) == len(r.subjects) {
		r.count.SetText(fmt.Sprintf("%d %s%s", len(r.subjects), noun, data.Plural(len(r.subjects))))
	} else {
		r.count.SetText(fmt.Sprintf("%d of %d %ss", len(r.shown), len(r.subjects), noun))
	}
	r.list.OnSelected = nil
	r.list.UnselectAll()
	r.list.Refresh()
	for row, i := range r.shown {
		if r.subjects[i].id == r.chosen[r.kind.subject] {
			r.list.Select(row)
			r.list.ScrollTo(row)
		}
	}
	r.list.OnSelected = r.onSubjectSelected
}

func (r *reportsScreen) onSubjectSelected(row widget.ListItemID) {
	if row >= len(r.shown) {
		return
	}
	r.chosen[r.kind.subject] = r.subjects[r.shown[row]].id
	r.loadContents()
}

func (r *reportsScreen) hint() fyne.CanvasObject {
	text := map[subjectKind]string{subjectParticipant: "Choose a participant to see what the report will contain.",
		subjectPartnership: "Choose a partnership to see what the brief will contain.",
		subjectCohort:      "Choose a cohort to see what will be printed."}[r.kind.subject]
	return container.NewCenter(widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
}

func (r *reportsScreen) setDetail(o fyne.CanvasObject) {
	r.detail.Objects = []fyne.CanvasObject{o}
	r.detail.Refresh()
}

// loadContents reads what the chosen report will hold off the UI goroutine. What is on screen
// stays until it arrives, with Save off.
func (r *reportsScreen) loadContents() {
	kind, id := r.kind, r.chosen[r.kind.subject]
	r.contents = nil
	r.save.Disable()
	store := r.shell.store
	if id == 0 {
		r.setDetail(r.hint())
		return
	}
	if len(r.detail.Objects) == 0 || r.detail.Objects[0] != r.preview {
		r.setDetail(r.hint())
	}
	p := r.printer()
	r.shell.background(func() {
		c, err := readContents(store, p, kind, id)
		fyne.Do(func() {
			if r.kind.key != kind.key || r.chosen[kind.subject] != id {
				return // the coach has moved on
			}
			if data.ErrorCode(err) == data.NotFound {
				r.chosen[kind.subject] = 0 // deleted
				r.setDetail(r.hint())
				return
			}
			if err != nil {
				c = &reportContents{kind: kind, subject: id, title: kind.label, problem: data.Message(err)}
			}
			r.showContents(c)
		})
	})
}

// showContents shows what the report will hold, who may read it, and how it is printed.
func (r *reportsScreen) showContents(c *reportContents) {
	r.contents = c
	r.title.SetText(c.title)
	r.about.SetText(c.kind.about)
	r.readerIcon.SetResource(visibilityIcon(c.kind.notes))
	r.reader.SetText(c.kind.reader)
	var rows []fyne.CanvasObject
	for _, s := range c.sections {
		rows = append(rows, widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), wrapped(s[1]))
	}
	if c.problem != "" {
		problem := wrapped(c.problem)
		problem.Importance = widget.WarningImportance
		rows = append(rows, widget.NewLabel(""), problem)
	}
	r.sections.Objects = rows
	r.sections.Refresh()
	if c.kind.key == reportCohortMembers {
		r.printing.SetText(fmt.Sprintf("Printed on %s pages and dated today, %s. The page size is in Settings.", r.shell.pageSize(), formatDate(data.DateOf(time.Now()))))
	} else {
		r.printing.SetText(fmt.Sprintf("Printed on %s pages and dated today, %s; suggested file name “%s”. The page size is in Settings.",
			r.shell.pageSize(), formatDate(data.DateOf(time.Now())), c.file))
	}
	if c.ready {
		r.save.Enable()
	} else {
		r.save.Disable()
	}
	r.setDetail(r.preview)
}

// readContents reads the model the report prints, as p prints it, and says what each of its
// sections holds.
func readContents(store *sqlite.Store, p printer, kind reportKind, id int64) (*reportContents, error) {
	c := &reportContents{kind: kind, subject: id, ready: true}
	var m *reports.Report
	if kind.key != reportCohortMembers {
		var err error
		if m, err = reports.Read(p.store, kind.report, id, p.today, p.options); err != nil {
			return nil, err
		}
	}
	switch kind.key {
	case reportParticipant:
		c.title = "Progress report: " + m.Progress.Participant.Name
		c.file = data.ReportFileName(kind.file, m.Progress.Participant.Name)
		c.sections = participantSections(m.Progress)
	case reportPair:
		c.title = "Pair brief: " + m.Brief.Partnership.Names(" + ")
		c.file = data.ReportFileName(kind.file, m.Brief.Partnership.Names(" and "))
		c.sections = pairSections(m.Brief)
	case reportCohort:
		c.title = "Cohort summary: " + m.Summary.Cohort.Name
		c.file = data.ReportFileName(kind.file, m.Summary.Cohort.Name)
		c.sections = cohortSections(m.Summary)
	case reportCohortMembers:
		co, err := store.Cohort(id)
		if err != nil {
			return nil, err
		}
		roster, err := store.Roster()
		if err != nil {
			return nil, err
		}
		c.title = "Progress reports: " + co.Name
		c.members = memberFiles(roster, id)
		var names []string
		for i, m := range c.members {
			if i == 6 {
				names = append(names, fmt.Sprintf("and %d more", len(c.members)-i))
				break
			}
			names = append(names, m.name)
		}
		c.sections = [][2]string{
			{"Files", fmt.Sprintf("%s, one for each member, each named like “%s”", count(len(c.members), "progress report"),
				data.ReportFileName(kind.file, "Name"))},
			{"Members", joinNonEmpty(", ", names...)},
			{"Each holds", "cohorts, work orientation, partners, sessions, goals, action items and the notes shared with that participant"},
		}
		if len(c.members) == 0 {
			c.ready, c.problem = false, "This cohort has no members yet. Add them on the Cohorts screen."
		}
	}
	return c, nil
}

// count writes a number of things: "none yet", "1 session", "3 sessions".
func count(n int, thing string) string {
	if n == 0 {
		return "none yet"
	}
	return data.Count(n, thing)
}

// participantSections says what each section of a progress report holds.
func participantSections(m *data.ParticipantReport) [][2]string {
	sessions, open, done, notes := 0, 0, 0, 0
	for _, ps := range m.Partnerships {
		sessions += len(ps.Sessions)
		for _, a := range ps.ActionItems {
			if a.Done() {
				done++
			} else {
				open++
			}
		}
		for _, se := range ps.Sessions {
			notes += len(se.Notes)
		}
		notes += len(ps.Notes)
	}
	programme := strings.Join(m.Cohorts, ", ")
	if programme == "" {
		programme = "not in a cohort"
	}
	from, to := m.Period()
	actions := "none yet"
	if open+done > 0 {
		actions = fmt.Sprintf("%d open, %d done", open, done)
	}
	return [][2]string{
		{"Programme", programme},
		{"Period", formatDate(from) + " to " + formatDate(to)},
		{"Work orientation", count(len(m.History), "result")},
		{"Partners", count(len(m.Partnerships), "partnership")},
		{"Sessions held", count(sessions, "session")},
		{"Goals", count(len(m.Goals), "goal")},
		{"Action items", actions},
		{"Notes shared with them", count(notes, "note")},
	}
}

// pairSections says what each section of a pair brief holds.
func pairSections(m *data.PairBrief) [][2]string {
	ps := m.Partnership
	why := "paired by the coach"
	if len(ps.Reasons) > 0 {
		why = fmt.Sprintf("%s, score %s", count(len(ps.Reasons), "reason"), data.FormatNumber(ps.Score))
	}
	var exchange []string
	for _, p := range m.Members {
		exchange = append(exchange, fmt.Sprintf("%s can teach %d, wants to learn %d", data.FirstName(p.Name), len(p.Strengths), len(p.DevelopmentAreas)))
	}
	agreement := "blank, to fill in together"
	if ps.Agreement.ID != 0 {
		agreement = "as written on " + formatDate(data.DateOf(ps.Agreement.CreatedAt.Local())) + ", with room to add to it"
	}
	return [][2]string{
		{"Who", fmt.Sprintf("%s (%d members)", ps.Names(", "), len(m.Members))},
		{"Why matched", why},
		{"Teach and learn", strings.Join(exchange, "; ")},
		{"First agenda", count(min(len(m.Agenda), briefAgendaTopics), "suggested topic")},
		{"Agreement", agreement},
		{"Notes", "none: the brief holds no notes"},
	}
}

// cohortSections says what each section of a cohort summary holds.
func cohortSections(m *data.CohortSummary) [][2]string {
	sessions, active, inactive := 0, 0, 0
	for _, p := range m.Pairs {
		sessions += p.Sessions
		if !p.Ended() {
			active++
		}
		if p.Inactive {
			inactive++
		}
	}
	pairs := count(len(m.Pairs), "partnership")
	if len(m.Pairs) > 0 {
		pairs += fmt.Sprintf(": %d active, %d with no session in %d days", active, inactive, m.InactiveDays)
	}
	held := count(sessions, "session")
	if len(m.Months) > 0 {
		held += fmt.Sprintf(" over %d month%s", len(m.Months), data.Plural(len(m.Months)))
	}
	members, unassessed := 0, m.Orientations[""]
	for _, n := range m.Orientations {
		members += n
	}
	mix := count(members, "member")
	if unassessed > 0 {
		mix += fmt.Sprintf(", %d not assessed", unassessed)
	}
	return [][2]string{
		{"Pairs and scores", pairs},
		{"Sessions", held},
		{"Outcomes", "productive: " + m.Outcome.Describe()},
		{"Orientation mix", mix},
		{"Notes for the sponsor", count(len(m.Notes), "note")},
	}
}

// memberFiles names each member's progress report, telling apart members with the same name.
func memberFiles(roster *data.Roster, cohortID int64) []memberFile {
	var out []memberFile
	seen := map[string]int{}
	for _, e := range roster.Entries {
		in := false
		for _, id := range e.CohortIDs {
			in = in || id == cohortID
		}
		if !in {
			continue
		}
		subject := e.Name
		key := strings.ToLower(data.ReportFileName("Progress report", e.Name))
		if seen[key]++; seen[key] > 1 {
			subject = fmt.Sprintf("%s (%d)", e.Name, seen[key])
		}
		out = append(out, memberFile{id: e.ID, name: e.Name, file: data.ReportFileName("Progress report", subject)})
	}
	return out
}

// printer prints reports as of one day with the coach's settings, read on the UI goroutine
// so the printing itself can run off it.
type printer struct {
	store   reports.Source
	today   data.Date
	options reports.Options
}

func (r *reportsScreen) printer() printer {
	return printer{store: r.shell.store, today: data.DateOf(time.Now()), options: r.shell.reportOptions()}
}

// reportOptions are what every PDF is printed with: the fonts, the page size, the date
// order and the inactivity threshold chosen in Settings.
func (s *Shell) reportOptions() reports.Options {
	regular, bold := assets.ReportFont()
	return reports.Options{Regular: regular, Bold: bold, Scripts: assets.ScriptFonts(), PageSize: s.pageSize(), DateOrder: dateOrder(),
		InactiveDays: s.inactiveDays()}
}

// print reads the report's model afresh and prints it into w.
func (p printer) print(w io.Writer, kind string, id int64) error {
	return reports.Print(w, p.store, reportKindOf(kind).report, id, p.today, p.options)
}

func (r *reportsScreen) onSaveTapped() {
	c := r.contents
	if c == nil || !c.ready {
		return
	}
	if c.kind.key == reportCohortMembers {
		r.onSaveAllTapped(c)
		return
	}
	r.shell.chooseFile("Choose the folder to save the report in", "Save here", "Save report as", strings.TrimSuffix(c.file, ".pdf"), ".pdf",
		func(path string) { r.saveReport(c.kind.key, c.subject, path) })
}

// saveReport prints a report and saves it at path, asking before it replaces a file, then
// offers to open it. A report that fails to print leaves no file.
func (r *reportsScreen) saveReport(kind string, id int64, path string) {
	p := r.printer()
	r.shell.writeFile(path, "Printing the report…", func(w io.Writer) error { return p.print(w, kind, id) }, r.offerToOpen)
}

// offerToOpen says where the report was saved and offers to open it.
func (r *reportsScreen) offerToOpen(path string) {
	msg := wrapped("The report was saved to " + path + ".")
	d := dialog.NewCustomConfirm("Report saved", "Open it", "Close", msg, func(open bool) {
		if open {
			r.openInViewer(path)
		}
	}, r.shell.win)
	r.shell.sizeDialog(d, 480, 0)
	d.Show()
	r.saved = d
}

// openInViewer opens a file or folder the way the system opens it when double-clicked.
func (r *reportsScreen) openInViewer(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = r.viewer(u)
	}
	if err != nil {
		r.shell.showError("Mutua could not open "+filepath.Base(path), err)
	}
}

// onSaveAllTapped asks for the folder that takes a cohort's progress reports.
func (r *reportsScreen) onSaveAllTapped(c *reportContents) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			r.shell.showError("Mutua could not open that folder", err)
			return
		}
		if dir == nil {
			return // the coach cancelled
		}
		r.saveMemberReports(c, dir.Path())
	}, r.shell.win)
	d.SetTitleText("Choose the folder for the progress reports")
	d.SetConfirmText("Save here")
	r.shell.showFileDialog(d)
}

// saveMemberReports writes each member's progress report into dir, asking once before it
// replaces files that are already there.
func (r *reportsScreen) saveMemberReports(c *reportContents, dir string) {
	var existing []string
	for _, m := range c.members {
		if _, err := os.Stat(filepath.Join(dir, m.file)); err == nil {
			existing = append(existing, m.file)
		}
	}
	if len(existing) == 0 {
		r.runBatch(c, dir)
		return
	}
	msg := fmt.Sprintf("%d files already exist in this folder; replace them?", len(existing))
	if len(existing) == 1 {
		msg = existing[0] + " already exists in this folder; replace it?"
	}
	confirm := dialog.NewConfirm("Replace files?", msg, func(ok bool) {
		if ok {
			r.runBatch(c, dir)
		}
	}, r.shell.win)
	confirm.SetConfirmText("Replace")
	confirm.SetConfirmImportance(widget.WarningImportance)
	r.shell.sizeDialog(confirm, 460, 0)
	confirm.Show()
	r.shell.lastConfirm = confirm
}

// memberBatch is a cohort's progress reports being written, one file at a time.
type memberBatch struct {
	total   int
	written int
	failed  []data.Problem // which member, and why
	stop    atomic.Bool    // the coach asked to stop before the next file
	stopped bool           // the batch stopped early

	*progressDialog
	result *dialog.ConfirmDialog
}

// runBatch writes the files off the UI goroutine, with progress and a Cancel that stops
// before the next file.
func (r *reportsScreen) runBatch(c *reportContents, dir string) {
	b := &memberBatch{total: len(c.members)}
	r.batch = b
	b.progressDialog = newProgressDialog(r.shell.Shell, c.title, "Printing…", b.total, func() {
		b.stop.Store(true)
		b.cancel.Disable()
		b.label.SetText("Stopping after this report…")
	}).show()
	p := r.printer()
	members := c.members
	r.shell.background(func() {
		for i, m := range members {
			if b.stop.Load() {
				fyne.Do(func() { b.stopped = true })
				break
			}
			fyne.Do(func() { b.label.SetText("Printing the report for " + m.name + "…") })
			var buf bytes.Buffer
			err := p.print(&buf, reportCohortMembers, m.id)
			if err == nil {
				err = sqlite.WriteFileAtomic(filepath.Join(dir, m.file), buf.Bytes())
			}
			fyne.Do(func() {
				if err != nil {
					b.failed = append(b.failed, data.Problem{Message: m.name + ": " + data.Message(err)})
				} else {
					b.written++
				}
				b.setDone(i + 1)
				if r.onBatchProgress != nil {
					r.onBatchProgress(i+1, b.total)
				}
			})
		}
		fyne.Do(func() {
			b.hide()
			r.showBatchResult(b, dir)
		})
	})
}

// showBatchResult says how many reports were written, and which were not and why.
func (r *reportsScreen) showBatchResult(b *memberBatch, dir string) {
	text := fmt.Sprintf("Wrote %s to %s.", count(b.written, "progress report"), dir)
	if b.written == 0 {
		text = "No progress reports were written."
	}
	if b.stopped {
		left := b.total - b.written - len(b.failed)
		text += fmt.Sprintf(" Stopped as you asked: %d not written.", left)
	}
	content := container.NewVBox(wrapped(text))
	if len(b.failed) > 0 {
		content.Add(wrapped(fmt.Sprintf("%d could not be written:", len(b.failed))))
		content.Add(problemList(b.failed))
	}
	title := "Progress reports saved"
	if b.stopped || len(b.failed) > 0 {
		title = "Progress reports: not all written"
	}
	b.result = dialog.NewCustomConfirm(title, "Open folder", "Close", content, func(open bool) {
		if open {
			r.openInViewer(dir)
		}
	}, r.shell.win)
	r.shell.sizeDialog(b.result, 560, 0)
	b.result.Show()
}
