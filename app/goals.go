package app

import (
	"fmt"
	"math"
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

// goalDialogWidth is the width of the goal and check-in dialogs.
const goalDialogWidth = 560

// checkInsShown is how many of a goal's check-ins its card lists before "and N earlier".
const checkInsShown = 3

// goalsPanel shows one participant's goals on their page: each goal's target, progress,
// status and latest check-ins, with buttons to add a goal, edit one and check in on it.
type goalsPanel struct {
	shell *practice

	participantID int64
	name          string
	goals         []data.Goal // open first, then achieved, then dropped

	content fyne.CanvasObject
	addGoal *widget.Button
	summary *widget.Label   // how many goals are open, achieved and dropped
	none    *widget.Label   // the empty state
	list    *fyne.Container // a card per goal: a participant has a handful, not hundreds
	cards   []*goalCard
	form    *goalForm    // the open goal dialog, if any
	checkIn *checkInForm // the open check-in dialog, if any
}

// goalCard is one goal on the panel.
type goalCard struct {
	goal data.Goal

	content  fyne.CanvasObject
	text     *widget.Label
	status   *widget.Label
	target   *widget.Label
	progress *meterBar
	checkIns []*widget.Label // the newest few
	earlier  *widget.Label   // "and N earlier", hidden when all are shown
	checkIn  *widget.Button
	edit     *widget.Button
}

func newGoalsPanel(shell *practice) *goalsPanel {
	g := &goalsPanel{shell: shell}
	g.buildUI()
	return g
}

func (g *goalsPanel) buildUI() {
	// "Tracked goals", so they are not confused with the profile's "Hopes for the programme".
	heading := widget.NewLabelWithStyle("Tracked goals", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	g.addGoal = widget.NewButtonWithIcon("Add goal…", theme.ContentAddIcon(), g.onAddGoalTapped)
	g.summary = widget.NewLabel("")
	g.summary.Hide()
	g.none = widget.NewLabel("No tracked goals yet: a goal has a target date and progress you check in on. Add the first one with the participant.")
	g.none.TextStyle.Italic = true
	g.none.Wrapping = fyne.TextWrapWord
	g.list = container.NewVBox()
	g.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, g.addGoal, heading),
		g.summary,
		g.none,
		g.list,
	)
}

// show reads the participant's goals off the UI goroutine and shows them.
func (g *goalsPanel) show(participantID int64, participantName string) {
	g.participantID, g.name = participantID, participantName
	var goals []data.Goal
	g.shell.load("Mutua could not read the goals",
		func() bool { return g.participantID == participantID },
		func(store *sqlite.Store) (err error) {
			goals, err = store.Goals(participantID)
			return err
		},
		func() { g.setGoals(goals) })
}

// refresh reads the goals of the participant shown again, after a change.
func (g *goalsPanel) refresh() { g.show(g.participantID, g.name) }

func (g *goalsPanel) setGoals(goals []data.Goal) {
	g.goals = goals
	g.cards = nil
	var objects []fyne.CanvasObject
	today := data.DateOf(time.Now())
	for _, goal := range goals {
		card := g.newGoalCard(goal, today)
		g.cards = append(g.cards, card)
		objects = append(objects, card.content)
	}
	g.list.Objects = objects
	g.list.Refresh()
	g.none.Hidden = len(goals) > 0
	g.summary.SetText(goalsSummary(goals))
	g.summary.Hidden = len(goals) == 0
	if c, ok := g.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// goalsSummary counts the goals by status: "2 open · 1 achieved".
func goalsSummary(goals []data.Goal) string {
	count := map[data.GoalStatus]int{}
	for _, goal := range goals {
		count[goal.Status]++
	}
	var parts []string
	for _, st := range data.GoalStatuses {
		if n := count[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	return strings.Join(parts, " · ")
}

func (g *goalsPanel) newGoalCard(goal data.Goal, today data.Date) *goalCard {
	c := &goalCard{goal: goal}
	c.text = widget.NewLabelWithStyle(goal.Text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.text.Wrapping = fyne.TextWrapWord
	c.status = widget.NewLabelWithStyle(goalStatusText(goal.Status), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	if goal.Status == data.GoalAchieved {
		c.status.Importance = widget.SuccessImportance
	}
	c.target = widget.NewLabel(goalDates(goal, today))
	c.target.Wrapping = fyne.TextWrapWord
	if goal.Status == data.GoalOpen && !goal.TargetOn.IsZero() && goal.TargetOn.Before(today) {
		c.target.Importance = widget.WarningImportance
	}
	c.progress = newMeterBar(100, percent(100))
	c.progress.set(float64(goal.Progress), percent(goal.Progress))

	lines := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, c.status, c.text), c.target, c.progress}
	if len(goal.CheckIns) == 0 {
		lines = append(lines, widget.NewLabelWithStyle("No check-ins yet.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	} else {
		heading := widget.NewLabelWithStyle("Latest check-ins", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		heading.SizeName = theme.SizeNameCaptionText
		lines = append(lines, heading)
	}
	// The check-ins sit close together, one short line each.
	history := container.New(layout.NewCustomPaddedVBoxLayout(-2 * theme.Padding()))
	for _, ci := range goal.CheckIns[:min(len(goal.CheckIns), checkInsShown)] {
		l := widget.NewLabel(checkInText(ci))
		l.Wrapping = fyne.TextWrapWord
		c.checkIns = append(c.checkIns, l)
		history.Add(l)
	}
	c.earlier = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	if n := len(goal.CheckIns) - checkInsShown; n > 0 {
		c.earlier.SetText(fmt.Sprintf("and %d earlier", n))
		history.Add(c.earlier)
	} else {
		c.earlier.Hide()
	}
	if len(history.Objects) > 0 {
		lines = append(lines, history)
	}

	c.checkIn = widget.NewButtonWithIcon("Check in…", theme.ConfirmIcon(), func() { g.onCheckInTapped(goal) })
	c.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { g.onEditTapped(goal) })
	lines = append(lines, container.NewHBox(layout.NewSpacer(), c.checkIn, c.edit))

	background := newThemedRectangle(theme.ColorNameInputBackground, theme.SizeNameInputRadius)
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
	c.content = container.NewPadded(container.NewStack(background, container.NewPadded(body)))
	return c
}

// goalDates says when the goal is due and when it was set: "Target 1 Mar 2027 · set 20 Nov 2026".
func goalDates(goal data.Goal, today data.Date) string {
	target := "No target date"
	if !goal.TargetOn.IsZero() {
		target = "Target " + formatDate(goal.TargetOn)
		if goal.Status == data.GoalOpen && goal.TargetOn.Before(today) {
			target += " (passed)"
		}
	}
	set := ""
	if !goal.CreatedAt.IsZero() {
		set = "set " + formatDate(goal.SetOn())
	}
	return joinNonEmpty(" · ", target, set)
}

// checkInText writes one check-in: "20 Nov 2026 · 60% · Ran half the review unaided."
func checkInText(c data.CheckIn) string {
	return joinNonEmpty(" · ", formatDate(c.On), percent(c.Progress), c.Note)
}

// goalHeadline shortens a long goal to its first words, so a dialog about it stays on screen.
func goalHeadline(text string) string {
	const most = 160 // characters: about three lines in a dialog
	runes := []rune(strings.Join(strings.Fields(text), " "))
	if len(runes) <= most {
		return string(runes)
	}
	return strings.TrimSpace(string(runes[:most])) + "…"
}

func percent(n int) string { return fmt.Sprintf("%d%%", n) }

func goalStatusText(s data.GoalStatus) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

func (g *goalsPanel) onAddGoalTapped() {
	if g.participantID == 0 {
		return
	}
	g.form = newGoalForm(g.shell, data.Goal{ParticipantID: g.participantID}, g.name, g.refresh)
	g.form.show()
}

func (g *goalsPanel) onEditTapped(goal data.Goal) {
	g.form = newGoalForm(g.shell, goal, g.name, g.refresh)
	g.form.show()
}

func (g *goalsPanel) onCheckInTapped(goal data.Goal) {
	g.checkIn = newCheckInForm(g.shell, goal, g.refresh)
	g.checkIn.show()
}

// goalForm adds a goal for a participant or edits one: its text, target date and, when
// editing, its status; an edited goal can also be deleted from here.
type goalForm struct {
	shell   *practice
	goal    data.Goal
	name    string // the participant's
	onSaved func()

	*formDialog
	text    *widget.Entry
	target  *dateEntry
	status  *widget.Select // nil for a new goal
	remove  *widget.Button // nil for a new goal
	confirm *dialog.ConfirmDialog
}

func newGoalForm(shell *practice, goal data.Goal, participantName string, onSaved func()) *goalForm {
	f := &goalForm{shell: shell, goal: goal, name: participantName, onSaved: onSaved}
	f.buildUI()
	return f
}

func (f *goalForm) buildUI() {
	f.text = widget.NewMultiLineEntry()
	f.text.SetText(f.goal.Text)
	f.text.SetPlaceHolder("What the participant wants to achieve, in their words")
	f.text.Wrapping = fyne.TextWrapWord
	f.text.SetMinRowsVisible(3)
	f.target = newDateEntry()
	if !f.goal.TargetOn.IsZero() {
		t := f.goal.TargetOn.Time()
		f.target.SetDate(&t)
	}
	items := []*widget.FormItem{
		{Text: "Goal", Widget: f.text},
		{Text: "Target date", Widget: f.target, HintText: "Optional: when the participant means to get there"},
	}
	if f.goal.ID != 0 {
		var options []string
		for _, st := range data.GoalStatuses {
			options = append(options, goalStatusText(st))
		}
		f.status = widget.NewSelect(options, nil)
		f.status.SetSelected(goalStatusText(f.goal.Status))
		items = append(items, &widget.FormItem{Text: "Status", Widget: f.status})
	}
	title := "New goal for " + f.name
	if f.goal.ID != 0 {
		title = "Edit goal for " + f.name
	}
	f.formDialog = buildFormDialog(f.shell, title, "Save", widget.NewForm(items...), goalDialogWidth, 0, f.onSave)
	if f.goal.ID != 0 {
		f.remove = widget.NewButtonWithIcon("Delete goal", theme.DeleteIcon(), f.onDeleteTapped)
		f.remove.Importance = widget.DangerImportance
		f.addLeading(f.remove)
	}
}

func (f *goalForm) show() {
	f.dialog.Show()
	f.shell.win.Canvas().Focus(f.text)
}

func (f *goalForm) onSave() error {
	target, err := f.target.value()
	if err != nil {
		return data.Errorf(data.Invalid, "%s", err)
	}
	goal := f.goal
	goal.Text, goal.TargetOn = f.text.Text, target
	if f.status != nil {
		for _, st := range data.GoalStatuses {
			if goalStatusText(st) == f.status.Selected {
				goal.Status = st
			}
		}
	}
	return f.write(func() error { return f.shell.store.SaveGoal(&goal) }, saved(f.onSaved))
}

func (f *goalForm) onDeleteTapped() {
	n := len(f.goal.CheckIns)
	what := "Delete this goal?"
	if n > 0 {
		what = fmt.Sprintf("Delete this goal and its %d check-in%s?", n, data.Plural(n))
	}
	msg := widget.NewLabel(what + " This cannot be undone.")
	msg.Wrapping = fyne.TextWrapWord
	f.confirm = dialog.NewCustomConfirm("Delete goal", "Delete", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		id := f.goal.ID
		f.shell.saveOr(func() error { return f.shell.store.DeleteGoal(id) }, func(err error) {
			if err != nil {
				f.showProblem(errorLines(err))
				return
			}
			f.dialog.Hide()
			f.onSaved()
		})
	}, f.shell.win)
	f.confirm.SetConfirmImportance(widget.DangerImportance)
	f.shell.sizeDialog(f.confirm, 440, 0)
	f.confirm.Show()
}

// checkInForm records a dated check-in on a goal: the progress that day and a short note.
type checkInForm struct {
	shell   *practice
	goal    data.Goal
	onSaved func()

	*formDialog
	date     *dateEntry
	progress *widget.Slider
	percent  *widget.Label // the slider's value
	note     *widget.Entry
}

func newCheckInForm(shell *practice, goal data.Goal, onSaved func()) *checkInForm {
	f := &checkInForm{shell: shell, goal: goal, onSaved: onSaved}
	f.buildUI()
	return f
}

func (f *checkInForm) buildUI() {
	goalText := widget.NewLabelWithStyle(goalHeadline(f.goal.Text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	goalText.Wrapping = fyne.TextWrapWord
	f.date = newDateEntry()
	f.date.rule = notInFuture
	today := time.Now()
	f.date.SetDate(&today)
	f.progress = widget.NewSlider(0, 100)
	f.progress.Step = 1
	f.progress.SetValue(float64(f.goal.Progress))
	f.percent = widget.NewLabelWithStyle(percent(f.goal.Progress), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.note = widget.NewMultiLineEntry()
	f.note.SetPlaceHolder("Optional: what moved, what is in the way")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(3)

	// The percentage label is as wide as "100%", so the slider does not jump as it moves.
	width := widget.NewLabelWithStyle("100%", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}).MinSize().Width
	percentBox := container.NewGridWrap(fyne.NewSize(width, f.percent.MinSize().Height), f.percent)
	form := widget.NewForm(
		&widget.FormItem{Text: "Goal", Widget: goalText},
		&widget.FormItem{Text: "Date", Widget: f.date},
		&widget.FormItem{Text: "Progress", Widget: container.NewBorder(nil, nil, nil, percentBox, f.progress),
			HintText: "The goal's progress becomes this; 100% marks it achieved."},
		&widget.FormItem{Text: "Note", Widget: f.note},
	)
	f.formDialog = buildFormDialog(f.shell, "Check in on goal", "Save check-in", form, goalDialogWidth, 0, f.onSave)

	// Handlers last, so the initial values above trigger nothing.
	f.progress.OnChanged = func(v float64) { f.percent.SetText(percent(int(math.Round(v)))) }
}

func (f *checkInForm) show() {
	f.dialog.Show()
	f.shell.win.Canvas().Focus(f.note)
}

func (f *checkInForm) onSave() error {
	on, err := f.date.value()
	switch {
	case err != nil:
		return data.Errorf(data.Invalid, "%s", err)
	case on.IsZero():
		return data.Errorf(data.Invalid, "Enter the date of the check-in.")
	}
	c := data.CheckIn{GoalID: f.goal.ID, On: on, Progress: int(math.Round(f.progress.Value)), Note: f.note.Text}
	return f.write(func() error { return f.shell.store.AddCheckIn(&c) }, func(err error) error {
		if err != nil {
			f.date.showRefusal(err, "checked_on")
			return err
		}
		f.onSaved()
		return nil
	})
}
