package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// surveysTab is the index of the page's Surveys tab (after Overview and Sessions).
const surveysTab = 2

// partnershipPage shows one partnership: why they were paired, the fit check, the agreement,
// open action items, ratings over time, notes, and the sessions newest first.
type partnershipPage struct {
	screen *partnershipsScreen
	page   *data.PartnershipPage

	content           fyne.CanvasObject
	title             *widget.Label
	subtitle          *widget.Label
	logSession        *widget.Button
	editAgreement     *widget.Button
	end               *widget.Button
	addNote           *widget.Button
	emails            *widget.Button // introduction, nudge and thank-you drafts
	tabs              *container.AppTabs
	overview          *fyne.Container
	chart             *ratingsChart
	sessions          *widget.List
	sessionDetail     *fyne.Container
	selectedSession   int   // position in the session list, -1 for none
	selectedSessionID int64 // the session to select once the page shows, after logging one

	// Controls kept to be reachable by tests and by later changes to the page.
	fitButtons    map[int64][2]*widget.Button // keep, re-match per member
	fitChange     map[int64]*widget.Button    // change an answer, per member who answered
	changePlan    *widget.Button              // move the planned end
	editSession   *widget.Button              // correct the session shown
	deleteSession *widget.Button              // delete the session shown
	fitForm       *fitCheckForm
	planForm      *planForm
	visibility    map[int64]*widget.Select // per note on screen
	actionDone    map[int64]*widget.Check  // per action item on screen
	sessionForm   *sessionForm
	endForm       *endForm
	noteForm      *noteForm
	agreement     *agreementForm
	surveys       *fyne.Container // the Surveys tab: the answers, and sending the next survey
	sendPulse     *widget.Button
	sendClosing   *widget.Button
}

func newPartnershipPage(screen *partnershipsScreen) *partnershipPage {
	pg := &partnershipPage{screen: screen, selectedSession: -1}
	pg.buildUI()
	return pg
}

func (pg *partnershipPage) buildUI() {
	pg.title = widget.NewLabel("")
	pg.title.SizeName = theme.SizeNameSubHeadingText
	pg.title.TextStyle.Bold = true
	pg.title.Wrapping = fyne.TextWrapWord
	pg.subtitle = widget.NewLabel("")
	pg.subtitle.Wrapping = fyne.TextWrapWord
	pg.logSession = widget.NewButtonWithIcon("Log session…", theme.ContentAddIcon(), pg.onLogSessionTapped)
	pg.logSession.Importance = widget.HighImportance
	pg.editAgreement = widget.NewButtonWithIcon("Agreement…", theme.DocumentCreateIcon(), pg.onAgreementTapped)
	pg.end = widget.NewButtonWithIcon("End partnership…", theme.CancelIcon(), pg.onEndTapped)
	pg.addNote = widget.NewButtonWithIcon("Add note…", theme.ContentAddIcon(), pg.onAddNoteTapped)
	pg.overview = container.NewVBox()
	pg.surveys = container.NewVBox()
	pg.chart = newRatingsChart()
	pg.sessions = widget.NewList(func() int { return pg.sessionCount() },
		newTwoLineRow, pg.updateSessionRow)
	pg.sessions.OnSelected = pg.onSessionSelected
	pg.sessionDetail = container.NewStack(hint("Select a session to see its notes and action items."))
	sessionSplit := container.NewHSplit(pg.sessions, pg.sessionDetail)
	sessionSplit.Offset = 0.4
	pg.tabs = container.NewAppTabs(
		container.NewTabItem("Overview", container.NewVScroll(container.NewPadded(pg.overview))),
		container.NewTabItem("Sessions", sessionSplit),
		container.NewTabItem("Surveys", container.NewVScroll(container.NewPadded(pg.surveys))),
	)
	brief := widget.NewButtonWithIcon("Pair brief…", theme.DocumentPrintIcon(), func() {
		if pg.page != nil {
			pg.screen.shell.openReport(reportPair, pg.page.ID)
		}
	})
	// The brief and the ending sit beside the names, so the actions fit a 1024-wide window.
	title := container.NewBorder(nil, nil, nil, container.NewHBox(brief, pg.end), pg.title)
	pg.emails = widget.NewButtonWithIcon("Emails…", theme.MailComposeIcon(), pg.onEmailsTapped)
	header := container.NewVBox(title, pg.subtitle, container.NewHBox(pg.logSession, pg.editAgreement, pg.addNote, pg.emails))
	pg.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, pg.tabs)
}

func (pg *partnershipPage) sessionCount() int {
	if pg.page == nil {
		return 0
	}
	return len(pg.page.SessionLog)
}

// load reads the partnership off the UI goroutine and shows it.
func (pg *partnershipPage) load(id int64) {
	var page *data.PartnershipPage
	pg.screen.shell.load("Mutua could not open this partnership",
		func() bool { return pg.screen.selected == id },
		func(store *sqlite.Store) (err error) {
			page, err = store.Partnership(id)
			return err
		},
		func() { pg.show(page) })
}

// show fills the page with a partnership.
func (pg *partnershipPage) show(page *data.PartnershipPage) {
	sameOne := pg.page != nil && pg.page.ID == page.ID
	pg.page = page
	pg.title.SetText(page.Names(" + "))
	period := "started " + formatDate(page.StartedOn)
	if !page.PlannedEndOn.IsZero() {
		period += ", planned to end " + formatDate(page.PlannedEndOn)
	}
	status := ""
	switch page.Status {
	case data.Completed:
		status = "Completed on " + formatDate(page.EndedOn)
	case data.EndedEarly:
		status = fmt.Sprintf("Ended early on %s (%s)", formatDate(page.EndedOn), page.EndReason)
	}
	pg.subtitle.SetText(joinNonEmpty(" · ", page.CohortName, period, status))
	for _, b := range []*widget.Button{pg.logSession, pg.end} {
		if page.Ended() {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	pg.fitButtons = map[int64][2]*widget.Button{}
	pg.fitChange = map[int64]*widget.Button{}
	pg.visibility = map[int64]*widget.Select{}
	pg.actionDone = map[int64]*widget.Check{}
	pg.buildOverview()
	pg.surveys.Objects = []fyne.CanvasObject{pg.surveysView()}
	pg.surveys.Refresh()
	if !sameOne {
		pg.selectedSession = -1
	}
	if pg.selectedSessionID != 0 {
		for i, se := range page.SessionLog {
			if se.ID == pg.selectedSessionID {
				pg.selectedSession = i
				pg.tabs.SelectIndex(1)
			}
		}
		pg.selectedSessionID = 0
	}
	pg.sessions.UnselectAll()
	pg.sessions.Refresh()
	if pg.selectedSession >= 0 && pg.selectedSession < len(page.SessionLog) {
		pg.sessions.Select(pg.selectedSession)
	} else {
		pg.selectedSession = -1
		pg.sessionDetail.Objects = []fyne.CanvasObject{hint("Select a session to see its notes and action items.")}
		pg.sessionDetail.Refresh()
	}
	pg.screen.setDetail(pg.content)
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// buildOverview lays out everything but the session log.
func (pg *partnershipPage) buildOverview() {
	page := pg.page
	var parts []fyne.CanvasObject
	if len(page.Reasons) > 0 {
		parts = append(parts, heading(fmt.Sprintf("Why they were paired (score %s)", data.FormatNumber(page.Score))),
			wrapped("• "+strings.Join(page.Reasons, "\n• ")))
	}
	parts = append(parts, widget.NewSeparator(), heading("Fit check"), pg.fitCheck())
	parts = append(parts, widget.NewSeparator(), heading("Agreement"), pg.planView(), pg.agreementView())
	parts = append(parts, widget.NewSeparator(), heading(fmt.Sprintf("Open action items (%d)", len(page.OpenActions))))
	if len(page.OpenActions) == 0 {
		parts = append(parts, wrapped("None open."))
	}
	for _, a := range page.OpenActions {
		parts = append(parts, pg.actionRow(a))
	}
	if len(page.DoneActions) > 0 {
		parts = append(parts, heading(fmt.Sprintf("Done action items (%d)", len(page.DoneActions))),
			captionHint("Untick one to open it again."))
		for _, a := range page.DoneActions {
			parts = append(parts, pg.actionRow(a))
		}
	}
	pg.chart.setData(page.Members, page.SessionLog)
	parts = append(parts, widget.NewSeparator(), heading("How productive the sessions were (1–5)"),
		container.NewGridWrap(fyne.NewSize(520, 170), pg.chart), wrapped(pg.outcomeText()))
	parts = append(parts, widget.NewSeparator(), heading(fmt.Sprintf("Notes on the partnership (%d)", len(page.Notes))))
	if len(page.Notes) == 0 {
		parts = append(parts, wrapped("Notes on single sessions are under Sessions. Add a note here for the partnership as a whole."))
	}
	for _, n := range page.Notes {
		parts = append(parts, pg.noteRow(n))
	}
	pg.overview.Objects = parts
	pg.overview.Refresh()
}

func (pg *partnershipPage) outcomeText() string {
	o := pg.page.Outcome(data.DateOf(time.Now()))
	var ratings []string
	for _, m := range pg.page.Members {
		if avg, ok := o.Ratings[m.ParticipantID]; ok {
			ratings = append(ratings, fmt.Sprintf("%s %.1f", m.FirstName(), avg))
		}
	}
	text := "Average ratings: " + joinNonEmpty(", ", ratings...)
	if len(ratings) == 0 {
		text = "No ratings yet"
	}
	switch {
	case o.IsProductive:
		return text + ". Productive: it lasted six months and every member rates it 4 or more."
	case !o.Lasted:
		return text + ". Not yet six months: too early to call it productive."
	}
	return text + ". Not counted as productive: every member's average must be 4 or more."
}

// fitCheck shows each member's answer, or the buttons to record it after the first session.
func (pg *partnershipPage) fitCheck() fyne.CanvasObject {
	page := pg.page
	if page.Sessions == 0 {
		return wrapped("After the first session, ask each member: keep this partnership, or re-match?")
	}
	rows := container.NewVBox()
	for _, m := range page.Members {
		m := m
		switch {
		case m.FitCheck != "":
			text := wrapped(fmt.Sprintf("%s: %s (%s)", m.Name, fitAnswerLabel(m.FitCheck), formatDate(m.FitCheckedOn)))
			if page.Ended() && !(page.Status == data.EndedEarly && page.EndReason == "fit") {
				rows.Add(text)
				continue
			}
			change := widget.NewButtonWithIcon("Change…", theme.DocumentCreateIcon(), func() { pg.onChangeFitCheck(m) })
			pg.fitChange[m.ParticipantID] = change
			rows.Add(container.NewBorder(nil, nil, nil, change, text))
		case page.Ended():
			rows.Add(wrapped(m.Name + ": not answered"))
		default:
			keep := widget.NewButtonWithIcon("Keep", theme.ConfirmIcon(), func() { pg.onFitCheck(m, data.Keep) })
			rematch := widget.NewButtonWithIcon("Re-match", theme.ViewRefreshIcon(), func() { pg.onFitCheck(m, data.Rematch) })
			pg.fitButtons[m.ParticipantID] = [2]*widget.Button{keep, rematch}
			rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(keep, rematch), wrapped(m.Name+": not answered yet")))
		}
	}
	return rows
}

func (pg *partnershipPage) onFitCheck(m data.Member, answer string) {
	record := func() {
		id := pg.page.ID
		pg.screen.shell.save("The fit check was not recorded", func() error { return pg.screen.shell.store.RecordFitCheck(id, m.ParticipantID, answer) },
			func() { pg.screen.changed(id) })
	}
	if answer == data.Keep {
		record()
		return
	}
	msg := wrapped(fmt.Sprintf("%s asks to be re-matched. This ends the partnership early with the reason \"fit\", and both members return to the pool for the next round.", m.Name))
	confirm := dialog.NewCustomConfirm("Re-match", "End and re-match", "Cancel", msg, func(ok bool) {
		if ok {
			record()
		}
	}, pg.screen.shell.win)
	confirm.SetConfirmImportance(widget.DangerImportance)
	pg.screen.shell.sizeDialog(confirm, 480, 0)
	confirm.Show()
	pg.screen.shell.lastConfirm = confirm
}

func (pg *partnershipPage) agreementView() fyne.CanvasObject {
	a := pg.page.Agreement
	if a.ID == 0 {
		return wrapped("Not written yet. Agree together on the objective, how you will run it (cadence, length, meeting mode), how success is measured, and when to check in.")
	}
	form := container.New(layout.NewFormLayout())
	for _, row := range [][2]string{{"Objective", a.Objective}, {"Cadence", a.Cadence}, {"Planned length", a.PlannedLength},
		{"Meeting mode", a.MeetingMode}, {"Success measured by", a.SuccessMeasures}, {"Check-ins", a.CheckIns}} {
		value := row[1]
		if value == "" {
			value = "—"
		}
		form.Add(widget.NewLabelWithStyle(row[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(wrapped(value))
	}
	box := container.NewVBox(form)
	if n := len(pg.page.Agreements) - 1; n > 0 {
		box.Add(widget.NewButtonWithIcon(fmt.Sprintf("%d earlier version%s…", n, data.Plural(n)), theme.HistoryIcon(), pg.onAgreementHistory))
	}
	return box
}

// planView says how long the partnership is planned for, with a button to move its end.
func (pg *partnershipPage) planView() fyne.CanvasObject {
	text := "Planned length: " + pg.plannedText()
	pg.changePlan = widget.NewButtonWithIcon("Change…", theme.DocumentCreateIcon(), pg.onChangePlanTapped)
	if pg.page.Ended() {
		return wrapped(text)
	}
	return container.NewBorder(nil, nil, nil, pg.changePlan, wrapped(text))
}

// actionRow shows an action item with a tick to mark it done.
func (pg *partnershipPage) actionRow(a data.ActionItem) fyne.CanvasObject {
	done := widget.NewCheck("", nil)
	done.SetChecked(a.Done())
	done.OnChanged = func(on bool) {
		day := data.Date{}
		if on {
			day = data.DateOf(time.Now())
		}
		id := pg.page.ID
		pg.screen.shell.save("The action item was not changed", func() error { return pg.screen.shell.store.SetActionItemDone(a.ID, day) },
			func() { pg.screen.changed(id) })
	}
	pg.actionDone[a.ID] = done
	owner := a.OwnerName
	if owner == "" {
		owner = strings.ToLower(everyone(len(pg.page.Members)))
	}
	detail := "for " + owner
	if !a.DueOn.IsZero() {
		detail += ", due " + formatDate(a.DueOn)
	}
	if a.Done() {
		detail += ", done " + formatDate(a.DoneOn)
	}
	text := wrapped(a.Text + " (" + detail + ")")
	if !a.Done() && !a.DueOn.IsZero() && a.DueOn.Before(data.DateOf(time.Now())) {
		text.Importance = widget.WarningImportance
		text.SetText(a.Text + " (" + detail + ", overdue)")
	}
	return container.NewBorder(nil, nil, done, nil, text)
}

// visibilityIcon shows at a glance who may read a note.
func visibilityIcon(v data.Visibility) fyne.Resource {
	switch v {
	case data.Shared:
		return theme.VisibilityIcon()
	case data.Sponsor:
		return theme.MailSendIcon()
	}
	return theme.VisibilityOffIcon()
}

// visibilityHint says who will read a note of each visibility.
func visibilityHint(v data.Visibility) string {
	switch v {
	case data.Shared:
		return "The partnership's members may read it: it goes into their progress reports."
	case data.Sponsor:
		return "Written for the sponsor: it may go into the cohort summary."
	}
	return "Only you read it: no report ever shows it."
}

func visibilityLabels() []string {
	var out []string
	for _, v := range data.Visibilities {
		out = append(out, v.Label())
	}
	return out
}

func visibilityOf(label string) data.Visibility {
	for _, v := range data.Visibilities {
		if v.Label() == label {
			return v
		}
	}
	return data.Private
}

// noteRow shows a note with its visibility (icon and label) and lets the coach change it.
func (pg *partnershipPage) noteRow(n data.Note) fyne.CanvasObject {
	icon := widget.NewIcon(visibilityIcon(n.Visibility))
	vis := widget.NewSelect(visibilityLabels(), nil)
	vis.SetSelected(n.Visibility.Label())
	vis.OnChanged = func(label string) {
		id, visibility := pg.page.ID, visibilityOf(label)
		pg.screen.shell.save("The note's visibility was not changed", func() error { return pg.screen.shell.store.SetNoteVisibility(n.ID, visibility) },
			func() { pg.screen.changed(id) })
	}
	pg.visibility[n.ID] = vis
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { pg.onEditNote(n) })
	top := container.NewBorder(nil, nil, icon, edit, vis)
	return widget.NewCard("", "", container.NewVBox(withHint(top, captionHint(visibilityHint(n.Visibility))), wrapped(n.Body)))
}

func (pg *partnershipPage) updateSessionRow(id widget.ListItemID, o fyne.CanvasObject) {
	if pg.page == nil || id >= len(pg.page.SessionLog) {
		return
	}
	se := &pg.page.SessionLog[id]
	setTwoLineRow(o, fmt.Sprintf("%s · %d min", formatDate(se.HeldOn), se.DurationMinutes), joinNonEmpty(" · ", pg.attendanceText(se), se.Topics), "")
}

// attendanceText names who attended and their ratings: "Ana 5 · Ben absent".
func (pg *partnershipPage) attendanceText(se *data.Session) string {
	var parts []string
	for _, m := range pg.page.Members {
		state := "absent"
		for _, a := range se.Attendance {
			if a.ParticipantID == m.ParticipantID && a.Attended {
				state = "present"
				if a.Rating > 0 {
					state = fmt.Sprintf("rated %d", a.Rating)
				}
			}
		}
		parts = append(parts, m.FirstName()+" "+state)
	}
	return strings.Join(parts, ", ")
}

func (pg *partnershipPage) onSessionSelected(id widget.ListItemID) {
	if pg.page == nil || id >= len(pg.page.SessionLog) {
		return
	}
	pg.selectedSession = id
	se := &pg.page.SessionLog[id]
	pg.editSession = widget.NewButtonWithIcon("Edit session…", theme.DocumentCreateIcon(), pg.onEditSessionTapped)
	pg.deleteSession = widget.NewButtonWithIcon("Delete session…", theme.DeleteIcon(), pg.onDeleteSessionTapped)
	parts := []fyne.CanvasObject{container.NewHBox(pg.editSession, pg.deleteSession),
		heading(fmt.Sprintf("Session of %s (%d minutes)", formatDate(se.HeldOn), se.DurationMinutes)),
		wrapped(pg.attendanceText(se))}
	if se.Topics != "" {
		parts = append(parts, heading("Topics"), wrapped(se.Topics))
	}
	parts = append(parts, heading(fmt.Sprintf("Notes (%d)", len(se.Notes))))
	for _, n := range se.Notes {
		parts = append(parts, pg.noteRow(n))
	}
	parts = append(parts, heading(fmt.Sprintf("Action items (%d)", len(se.ActionItems))))
	for _, a := range se.ActionItems {
		parts = append(parts, pg.actionRow(a))
	}
	pg.sessionDetail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(container.NewVBox(parts...)))}
	pg.sessionDetail.Refresh()
}

// onDeleteSessionTapped deletes the session shown, after a confirmation that says what goes.
func (pg *partnershipPage) onDeleteSessionTapped() {
	if pg.page == nil || pg.selectedSession < 0 || pg.selectedSession >= len(pg.page.SessionLog) {
		return
	}
	se := pg.page.SessionLog[pg.selectedSession]
	var goes []string
	if n := len(se.Notes); n > 0 {
		goes = append(goes, fmt.Sprintf("%d note%s", n, data.Plural(n)))
	}
	if n := len(se.ActionItems); n > 0 {
		goes = append(goes, fmt.Sprintf("%d action item%s", n, data.Plural(n)))
	}
	var raters []string
	for _, m := range pg.page.Members {
		if se.Rating(m.ParticipantID) > 0 {
			raters = append(raters, m.FirstName())
		}
	}
	if len(raters) > 0 {
		goes = append(goes, "the ratings of "+strings.Join(raters, " and "))
	}
	msg := fmt.Sprintf("Delete the session of %s", formatDate(se.HeldOn))
	if se.Topics != "" {
		msg += fmt.Sprintf(" (%s)", clip(se.Topics))
	}
	msg += "?"
	switch len(goes) {
	case 0:
	case 1:
		msg += " Deleted with it: " + goes[0] + "."
	default:
		msg += " Deleted with it: " + strings.Join(goes[:len(goes)-1], ", ") + " and " + goes[len(goes)-1] + "."
	}
	pg.confirmDelete("Delete session", msg+" This cannot be undone.", "Delete session", func() {
		id := pg.page.ID
		pg.screen.shell.save("The session was not deleted", func() error { return pg.screen.shell.store.DeleteSession(se.ID) }, func() {
			pg.selectedSession = -1
			pg.screen.changed(id)
		})
	})
}

func fitAnswerLabel(answer string) string {
	switch answer {
	case data.Keep:
		return "Keep"
	case data.Rematch:
		return "Re-match"
	}
	return "Not answered yet"
}
