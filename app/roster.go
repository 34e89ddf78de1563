package app

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

const (
	allCohorts = "All cohorts"
	anyStatus  = "Any status"
)

// rosterScreen lists the participants with search and filters, beside the selected
// participant's page.
type rosterScreen struct {
	shell *practice

	roster   *data.Roster
	shown    []int // positions in roster.Entries that pass the search and filters
	selected int64 // ID of the participant whose page is open, 0 for none

	content             *fyne.Container
	search              *widget.Entry
	cohort              *widget.Select
	status              *widget.Select
	count               *widget.Label
	list                *widget.List
	add                 *widget.Button
	importer            *widget.Button
	questionnaires      *widget.Button
	questionnaireChoice *dialog.CustomDialog // shown last, for tests
	page                *participantPage
	detail              *fyne.Container // the participant page, or a hint when none is selected
	main                fyne.CanvasObject
	empty               fyne.CanvasObject
	form                *participantForm // the open add or edit form, if any
}

func newRosterScreen(shell *practice) *rosterScreen {
	r := &rosterScreen{shell: shell, roster: &data.Roster{}}
	r.buildUI()
	return r
}

func (r *rosterScreen) buildUI() {
	r.search = widget.NewEntry()
	r.search.SetPlaceHolder("Search name, company or tag (Ctrl+F)")
	r.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	r.cohort = widget.NewSelect([]string{allCohorts}, nil)
	r.cohort.SetSelected(allCohorts)
	r.status = widget.NewSelect(statusOptions(), nil)
	r.status.SetSelected(anyStatus)
	r.count = widget.NewLabel("")
	r.add = widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), r.onAddTapped)
	r.add.Importance = widget.HighImportance
	r.importer = widget.NewButtonWithIcon("Import CSV…", theme.UploadIcon(), r.onImportTapped)
	r.questionnaires = widget.NewButtonWithIcon("Questionnaires…", theme.DocumentIcon(), r.onQuestionnairesTapped)

	r.list = widget.NewList(func() int { return len(r.shown) }, newTwoLineRow, r.updateRow)
	r.list.OnSelected = r.onListSelected
	r.page = newParticipantPage(r)
	r.detail = container.NewStack(r.noSelection())

	filters := container.NewBorder(nil, nil, nil, container.NewHBox(r.cohort, r.status), r.search)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.questionnaires, r.importer, r.add), filters)
	left := container.NewBorder(r.count, nil, nil, nil, r.list)
	split := container.NewHSplit(left, r.detail)
	split.Offset = 0.38
	r.main = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	r.empty = emptyState("Your roster is empty",
		"Add the leaders of your programme one by one, import the spreadsheet you already keep, or explore a sample practice first.",
		widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), r.onAddTapped),
		widget.NewButtonWithIcon("Import roster (CSV)…", theme.UploadIcon(), r.onImportTapped),
		widget.NewButtonWithIcon("Open sample practice", theme.FolderOpenIcon(), r.shell.onOpenSample))
	r.content = container.NewStack(r.empty)

	// Handlers last, so setting the initial values above triggers nothing.
	r.search.OnChanged = func(string) { r.applyFilter() }
	r.cohort.OnChanged = func(string) { r.applyFilter() }
	r.status.OnChanged = func(string) { r.applyFilter() }
}

func statusOptions() []string {
	out := []string{anyStatus}
	for _, s := range data.Statuses {
		out = append(out, statusLabel(s))
	}
	return out
}

func statusLabel(s data.Status) string {
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

func (r *rosterScreen) noSelection() fyne.CanvasObject {
	return hint("Select a participant to see their page.")
}

func (r *rosterScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.shown) {
		return
	}
	e := &r.roster.Entries[r.shown[id]]
	setTwoLineRow(o, e.Name, joinNonEmpty(" · ", e.Title, e.Company), joinNonEmpty(" · ", data.OrientationLabel(e.Orientation), statusBadge(e.Status)))
}

func statusBadge(s data.Status) string {
	if s == data.Active {
		return ""
	}
	return statusLabel(s)
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

// reload reads the roster off the UI goroutine and shows it.
func (r *rosterScreen) reload() { r.reloadAndSelect(0) }

// show puts a freshly read roster on screen, keeping the search, filters and selection.
func (r *rosterScreen) show(roster *data.Roster) {
	r.roster = roster
	offerCohorts(r.cohort, roster.Cohorts, r.applyFilter)
	content := r.main
	if len(roster.Entries) == 0 {
		content = r.empty
	}
	swapIn(r.content, content)
	r.applyFilter()
}

// offerCohorts fills a cohort filter with "All cohorts" and the cohorts, keeping the choice
// while it is still there; onChanged runs when the coach changes it.
func offerCohorts(filter *widget.Select, cohorts []data.Cohort, onChanged func()) {
	options := []string{allCohorts}
	for _, c := range cohorts {
		options = append(options, c.Name)
	}
	current := filter.Selected
	filter.OnChanged = nil
	filter.SetOptions(options)
	if !slices.Contains(options, current) {
		current = allCohorts
	}
	filter.SetSelected(current)
	filter.OnChanged = func(string) { onChanged() }
}

// swapIn shows content in holder, unless it is there already.
func swapIn(holder *fyne.Container, content fyne.CanvasObject) {
	if len(holder.Objects) == 1 && holder.Objects[0] == content {
		return
	}
	holder.Objects = []fyne.CanvasObject{content}
	holder.Refresh()
}

// applyFilter shows the entries matching the search and filters, keeping the selection.
func (r *rosterScreen) applyFilter() {
	var cohortID int64
	for _, c := range r.roster.Cohorts {
		if c.Name == r.cohort.Selected {
			cohortID = c.ID
		}
	}
	var status data.Status
	for _, st := range data.Statuses {
		if statusLabel(st) == r.status.Selected {
			status = st
		}
	}
	r.shown = r.roster.Filter(r.search.Text, cohortID, status)
	total := len(r.roster.Entries)
	if len(r.shown) == total {
		r.count.SetText(fmt.Sprintf("%d participant%s", total, data.Plural(total)))
	} else {
		r.count.SetText(fmt.Sprintf("%d of %d participants", len(r.shown), total))
	}
	r.list.UnselectAll()
	r.list.Refresh()
	if pos := r.position(r.selected); pos >= 0 {
		r.list.OnSelected = nil
		r.list.Select(pos)
		r.list.OnSelected = r.onListSelected
		r.showPage(r.selected)
	} else if r.selected != 0 && r.roster.Entry(r.selected) == nil {
		r.selected = 0 // deleted
		r.setDetail(r.noSelection())
	}
}

// position returns the list row showing the participant, or -1.
func (r *rosterScreen) position(id int64) int {
	for i, pos := range r.shown {
		if r.roster.Entries[pos].ID == id {
			return i
		}
	}
	return -1
}

func (r *rosterScreen) onListSelected(id widget.ListItemID) {
	if id >= len(r.shown) {
		return
	}
	r.selected = r.roster.Entries[r.shown[id]].ID
	r.showPage(r.selected)
}

// showPage reads the participant's profile off the UI goroutine and opens their page.
func (r *rosterScreen) showPage(id int64) {
	cohorts := r.roster.Cohorts
	var prof data.Profile
	r.shell.load("Mutua could not open this participant",
		func() bool { return r.selected == id },
		func(store *sqlite.Store) (err error) {
			prof, err = store.Profile(id)
			return err
		},
		func() {
			r.page.show(prof, cohorts)
			r.setDetail(r.page.content)
		})
}

func (r *rosterScreen) setDetail(o fyne.CanvasObject) {
	r.detail.Objects = []fyne.CanvasObject{o}
	r.detail.Refresh()
}

// selectParticipant shows the participant, clearing a search or filter that hides them.
func (r *rosterScreen) selectParticipant(id int64) {
	r.selected = id
	if r.position(id) < 0 {
		r.search.SetText("")
		r.cohort.SetSelected(allCohorts)
		r.status.SetSelected(anyStatus)
	}
	r.applyFilter()
	if pos := r.position(id); pos >= 0 {
		r.list.ScrollTo(pos)
	}
}

func (r *rosterScreen) onAddTapped() {
	r.form = newParticipantForm(r.shell, data.Participant{}, r.takenEmails(0), func(p data.Participant) {
		r.selected = p.ID
		r.reloadAndSelect(p.ID)
	})
	r.form.show("Add participant")
}

func (r *rosterScreen) onEdit(p data.Participant) {
	r.form = newParticipantForm(r.shell, p, r.takenEmails(p.ID), func(p data.Participant) { r.reloadAndSelect(p.ID) })
	r.form.show("Edit " + p.Name)
}

// takenEmails returns the emails on the roster, in lower case, with their owners' names,
// leaving out participant id's own.
func (r *rosterScreen) takenEmails(id int64) map[string]string {
	taken := map[string]string{}
	for _, e := range r.roster.Entries {
		if e.Email != "" && e.ID != id {
			taken[strings.ToLower(e.Email)] = e.Name
		}
	}
	return taken
}

// reloadAndSelect reads the roster again and opens the page of participant id (0: none).
func (r *rosterScreen) reloadAndSelect(id int64) {
	var roster *data.Roster
	r.shell.load("Mutua could not read the roster", nil,
		func(store *sqlite.Store) (err error) {
			roster, err = store.Roster()
			return err
		},
		func() {
			r.show(roster)
			if id != 0 {
				r.selectParticipant(id)
			}
		})
}

// onQuestionnairesTapped offers to send the intake questionnaire to the participants the
// roster shows (narrowed by the search and filters), or to import returned ones.
func (r *rosterScreen) onQuestionnairesTapped() {
	var ids []int64
	for _, pos := range r.shown {
		ids = append(ids, r.roster.Entries[pos].ID)
	}
	var d *dialog.CustomDialog
	send := widget.NewButtonWithIcon(fmt.Sprintf("Send to the %d shown…", len(ids)), theme.DocumentIcon(), func() {
		d.Hide()
		who := fmt.Sprintf("each of the %d participants the roster shows", len(ids))
		if len(ids) == 1 {
			who = "the one participant the roster shows"
		}
		r.shell.forms.send(0, ids, len(ids), who)
	})
	if len(ids) == 0 {
		send.Disable()
	}
	answers := widget.NewButtonWithIcon("Import answers…", theme.UploadIcon(), func() {
		d.Hide()
		r.shell.forms.importAnswers()
	})
	answers.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Questionnaires", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, send, answers), nil, nil,
		wrapped("Send the intake questionnaire, as fillable PDF forms, to the participants the roster shows now: narrow them with the search and filters first "+
			"(a cohort's members are sent from the Cohorts screen). Or import the questionnaires participants sent back.")), r.shell.win)
	r.shell.sizeDialog(d, 620, 0)
	d.Show()
	r.questionnaireChoice = d
}

func (r *rosterScreen) onImportTapped() {
	r.shell.openNamedFile(".csv", r.previewImport)
}

// previewImport works out, off the UI goroutine and without saving, what importing the file
// would do, and shows it for the coach to confirm: choosing a file (even by a double-click)
// never imports it.
func (r *rosterScreen) previewImport(name string, raw []byte) {
	var pv sqlite.RosterPreview
	r.shell.load("Import roster", nil,
		func(store *sqlite.Store) (err error) {
			pv, err = store.PreviewRoster(bytes.NewReader(raw), sqlite.RosterOptions{})
			return err
		},
		func() { r.showImportPreview(name, raw, pv) })
}

// showImportPreview says what the import will do and asks the coach to go ahead; scores that
// look like 1–5 questionnaire means offer the two ways to record them instead.
func (r *rosterScreen) showImportPreview(name string, raw []byte, pv sqlite.RosterPreview) {
	lines := []string{fmt.Sprintf("File: %s", name), importPreviewText(pv)}
	lines = append(lines, pv.Warnings...)
	var d *dialog.CustomDialog
	choose := func(scores sqlite.RosterScores) func() {
		return func() {
			d.Hide()
			r.importCSV(raw, sqlite.RosterOptions{Scores: scores})
		}
	}
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	buttons := []fyne.CanvasObject{layout.NewSpacer(), cancel}
	title := "Import roster"
	if pv.OneToFive {
		title = "Scores on another scale"
		lines = append(lines, "Every job, career and calling score in the file is 5 or less: these look like 1–5 questionnaire means. "+
			"Work Orientation is scored from 0 to 100, where a 3 would read as 3%. How should Mutua record them?",
			"On the Five Work Orientations questionnaire: kept as written, from 1 to 5. Pairing does not use this questionnaire.",
			"Rescaled to Work Orientation's 0–100: 1 becomes 0, 3 becomes 50, 5 becomes 100. Pairing uses these.")
		five := widget.NewButton("Record on the 1–5 questionnaire", choose(sqlite.ScoresIntoFiveOrientations))
		rescale := widget.NewButton("Rescale to 0–100", choose(sqlite.ScoresRescaled))
		buttons = append(buttons, five, rescale)
	} else {
		confirm := widget.NewButtonWithIcon(fmt.Sprintf("Import %d participant%s", pv.Rows, data.Plural(pv.Rows)), theme.UploadIcon(), choose(sqlite.ScoresAsWritten))
		confirm.Importance = widget.HighImportance
		buttons = append(buttons, confirm)
	}
	body := container.NewVBox()
	for _, l := range lines {
		body.Add(wrapped(l))
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(buttons...), nil, nil, body), r.shell.win)
	rows := 0 // wrapped labels measure one line high: leave room for about 80 characters a line
	for _, l := range lines {
		rows += 1 + utf8.RuneCountInString(l)/80
	}
	r.shell.sizeDialog(d, 600, float32(rows)*(theme.TextSize()+2*theme.InnerPadding())+cancel.MinSize().Height+120)
	d.Show()
}

// importPreviewText says in words what an import will do.
func importPreviewText(pv sqlite.RosterPreview) string {
	var parts []string
	if pv.Added > 0 {
		parts = append(parts, fmt.Sprintf("%d new (%s)", pv.Added, someNames(pv.New)))
	}
	if pv.Updated > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the practice, matched by email, whose details will be updated (%s)", pv.Updated, someNames(pv.Matched)))
	}
	if pv.Unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the practice exactly as the file has them, left unchanged", pv.Unchanged))
	}
	s := fmt.Sprintf("%d participant%s: %s.", pv.Rows, data.Plural(pv.Rows), strings.Join(parts, "; "))
	if pv.Results > 0 {
		s += fmt.Sprintf(" %d with job, career and calling scores.", pv.Results)
	}
	if len(pv.NewCohorts) > 0 {
		s += fmt.Sprintf(" New cohort%s: %s.", data.Plural(len(pv.NewCohorts)), strings.Join(pv.NewCohorts, ", "))
	}
	return s
}

// someNames lists the first few names, and says how many more there are.
func someNames(names []string) string {
	const shown = 5
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}

// importCSV imports a roster file off the UI goroutine and reports what happened.
func (r *rosterScreen) importCSV(raw []byte, opts sqlite.RosterOptions) {
	store := r.shell.store
	var res sqlite.ImportResult
	r.shell.busy("Import roster", "Importing the roster…", func() error {
		var err error
		res, err = store.ImportRosterWith(bytes.NewReader(raw), opts)
		return err
	}, func(err error) {
		if err != nil {
			r.shell.showError("Import roster", err)
			return
		}
		msg := res.Summary()
		for _, w := range res.Warnings {
			msg += "\n\n" + w
		}
		r.shell.showInfo("Roster imported", msg)
	})
}
