package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// cohortsScreen lists the cohorts beside the selected cohort's details and members.
type cohortsScreen struct {
	shell *practice

	roster   *data.Roster
	selected int64
	members  []*data.RosterEntry // of the selected cohort, in name order

	content     *fyne.Container
	list        *widget.List
	add         *widget.Button
	detail      *fyne.Container
	page        fyne.CanvasObject
	title       *widget.Label
	info        *widget.Label
	edit        *widget.Button
	remove      *widget.Button
	addMembers  *widget.Button
	memberCount *widget.Label
	memberList  *widget.List
	main, empty fyne.CanvasObject

	form    *cohortForm           // the open cohort form, if any
	picker  *memberPicker         // the open add-members dialog, if any
	confirm *dialog.ConfirmDialog // the open delete confirmation, if any
}

func newCohortsScreen(shell *practice) *cohortsScreen {
	c := &cohortsScreen{shell: shell, roster: &data.Roster{}}
	c.buildUI()
	return c
}

func (c *cohortsScreen) buildUI() {
	c.add = widget.NewButtonWithIcon("New cohort", theme.ContentAddIcon(), c.onNewTapped)
	c.add.Importance = widget.HighImportance
	c.list = widget.NewList(func() int { return len(c.roster.Cohorts) },
		newTwoLineRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(c.roster.Cohorts) {
				return
			}
			co := c.roster.Cohorts[id]
			setTwoLineRow(o, co.Name, joinNonEmpty(" · ", fmt.Sprintf("%d member%s", co.Members, data.Plural(co.Members)), period(co)), "")
		})
	c.list.OnSelected = c.onListSelected

	c.title = widget.NewLabel("")
	c.title.SizeName = theme.SizeNameHeadingText
	c.title.TextStyle.Bold = true
	c.info = widget.NewLabel("")
	c.info.Wrapping = fyne.TextWrapWord
	c.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), c.onEditTapped)
	c.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), c.onDeleteTapped)
	c.remove.Importance = widget.DangerImportance
	c.addMembers = widget.NewButtonWithIcon("Add members…", theme.ContentAddIcon(), c.onAddMembersTapped)
	c.memberCount = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.memberList = widget.NewList(func() int { return len(c.members) },
		newActionRow("Remove", theme.ContentRemoveIcon()),
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(c.members) {
				return
			}
			m := c.members[id]
			setActionRow(o, joinNonEmpty(" · ", m.Name, m.Title, m.Company), func() { c.onRemoveMember(m.ID) })
		})
	summary := widget.NewButtonWithIcon("Cohort summary…", theme.DocumentPrintIcon(), func() { c.shell.openReport(reportCohort, c.selected) })
	introduce := widget.NewButtonWithIcon("Introduce pairs…", theme.MailComposeIcon(), func() { c.shell.mail.introduceCohort(c.selected) })
	surveys := widget.NewButtonWithIcon("Surveys…", theme.MailSendIcon(), func() { c.shell.surveys.cohortSurveys(c.selected) })
	send := widget.NewButtonWithIcon("Send questionnaires…", theme.DocumentIcon(), c.onSendQuestionnairesTapped)
	answers := widget.NewButtonWithIcon("Import answers…", theme.UploadIcon(), func() { c.shell.forms.importAnswers() })
	header := container.NewVBox(c.title, c.info, container.NewHBox(c.edit, c.remove, summary, introduce), container.NewHBox(send, surveys, answers), widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, c.addMembers, c.memberCount))
	c.page = container.NewPadded(container.NewBorder(header, nil, nil, nil, c.memberList))
	c.detail = container.NewStack(hint("Select a cohort to see its members."))

	left := container.NewBorder(container.NewPadded(c.add), nil, nil, nil, c.list)
	split := container.NewHSplit(left, c.detail)
	split.Offset = 0.32
	c.main = split
	c.empty = emptyState("No cohorts yet",
		"A cohort is one round of your programme, such as \"Spring 2027 executive circle\". Create one, then add its members.",
		widget.NewButtonWithIcon("New cohort", theme.ContentAddIcon(), c.onNewTapped))
	c.content = container.NewStack(c.empty)
}

// period writes a cohort's dates, as far as they are known.
func period(co data.Cohort) string {
	switch {
	case !co.StartsOn.IsZero() && !co.EndsOn.IsZero():
		return formatDate(co.StartsOn) + " to " + formatDate(co.EndsOn)
	case !co.StartsOn.IsZero():
		return "from " + formatDate(co.StartsOn)
	case !co.EndsOn.IsZero():
		return "until " + formatDate(co.EndsOn)
	}
	return ""
}

// reload reads cohorts and members off the UI goroutine.
func (c *cohortsScreen) reload() {
	var roster *data.Roster
	c.shell.load("Mutua could not read the cohorts", nil,
		func(store *sqlite.Store) (err error) {
			roster, err = store.Roster()
			return err
		},
		func() { c.show(roster) })
}

func (c *cohortsScreen) show(roster *data.Roster) {
	c.roster = roster
	content := c.main
	if len(roster.Cohorts) == 0 {
		content = c.empty
	}
	swapIn(c.content, content)
	c.list.UnselectAll()
	c.list.Refresh()
	if _, ok := roster.Cohort(c.selected); !ok {
		c.selected = 0
		c.setDetail(hint("Select a cohort to see its members."))
		return
	}
	for i, co := range roster.Cohorts {
		if co.ID == c.selected {
			c.list.OnSelected = nil
			c.list.Select(i)
			c.list.OnSelected = c.onListSelected
		}
	}
	c.showCohort()
}

func (c *cohortsScreen) setDetail(o fyne.CanvasObject) {
	c.detail.Objects = []fyne.CanvasObject{o}
	c.detail.Refresh()
}

func (c *cohortsScreen) onListSelected(id widget.ListItemID) {
	if id >= len(c.roster.Cohorts) {
		return
	}
	c.selected = c.roster.Cohorts[id].ID
	c.showCohort()
}

// showCohort fills the right side with the selected cohort.
func (c *cohortsScreen) showCohort() {
	co, ok := c.roster.Cohort(c.selected)
	if !ok {
		return
	}
	c.title.SetText(co.Name)
	c.info.SetText(joinNonEmpty(" · ", period(co), co.Cadence))
	if c.info.Text == "" {
		c.info.SetText("No dates or cadence yet. Edit the cohort to add them.")
	}
	c.members = c.members[:0]
	for i := range c.roster.Entries {
		for _, id := range c.roster.Entries[i].CohortIDs {
			if id == co.ID {
				c.members = append(c.members, &c.roster.Entries[i])
			}
		}
	}
	c.memberCount.SetText(fmt.Sprintf("%d member%s", len(c.members), data.Plural(len(c.members))))
	c.memberList.Refresh()
	c.setDetail(c.page)
}

func (c *cohortsScreen) onNewTapped() {
	c.form = newCohortForm(c, c.shell.newCohort())
	c.form.show("New cohort")
}

func (c *cohortsScreen) onEditTapped() {
	co, ok := c.roster.Cohort(c.selected)
	if !ok {
		return
	}
	c.form = newCohortForm(c, co)
	c.form.show("Edit cohort")
}

func (c *cohortsScreen) onDeleteTapped() {
	co, ok := c.roster.Cohort(c.selected)
	if !ok {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("Delete the cohort %q?\n\nIts %d member%s stay in your roster; only the cohort and its membership list go. "+
		"This cannot be undone.", co.Name, co.Members, data.Plural(co.Members)))
	msg.Wrapping = fyne.TextWrapWord
	c.confirm = dialog.NewCustomConfirm("Delete cohort", "Delete", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		c.shell.save("The cohort was not deleted", func() error { return c.shell.store.DeleteCohort(co.ID) }, nil)
	}, c.shell.win)
	c.confirm.SetConfirmImportance(widget.DangerImportance)
	c.shell.sizeDialog(c.confirm, 480, 0)
	c.confirm.Show()
}

func (c *cohortsScreen) onRemoveMember(id int64) {
	cohort := c.selected
	c.shell.save("The member was not removed", func() error { return c.shell.store.RemoveFromCohort(cohort, id) }, nil)
}

// onSendQuestionnairesTapped writes the intake questionnaire of every member of the cohort.
func (c *cohortsScreen) onSendQuestionnairesTapped() {
	cohort, ok := c.roster.Cohort(c.selected)
	if !ok {
		return
	}
	if cohort.Members == 0 {
		c.shell.showInfo("Nobody to send to", "This cohort has no members yet: add members first.")
		return
	}
	c.shell.forms.send(c.selected, nil, cohort.Members, fmt.Sprintf("each of the %d members of %s", cohort.Members, cohort.Name))
}

func (c *cohortsScreen) onAddMembersTapped() {
	co, ok := c.roster.Cohort(c.selected)
	if !ok {
		return
	}
	c.picker = newMemberPicker(c, co)
	c.picker.show()
}

// cohortForm creates or edits a cohort.
type cohortForm struct {
	*formDialog
	screen  *cohortsScreen
	cohort  data.Cohort
	name    *widget.Entry
	starts  *dateEntry
	ends    *dateEntry
	cadence *widget.Entry
}

func newCohortForm(screen *cohortsScreen, co data.Cohort) *cohortForm {
	f := &cohortForm{screen: screen, cohort: co}
	f.name = widget.NewEntry()
	f.name.SetText(co.Name)
	f.name.SetPlaceHolder("for example: Spring 2027 executive circle")
	f.starts, f.ends = newDateEntry(), newDateEntry()
	for _, pair := range []struct {
		e *dateEntry
		d data.Date
	}{{f.starts, co.StartsOn}, {f.ends, co.EndsOn}} {
		if !pair.d.IsZero() {
			t := pair.d.Time()
			pair.e.SetDate(&t)
		}
	}
	f.cadence = widget.NewEntry()
	f.cadence.SetText(co.Cadence)
	f.cadence.SetPlaceHolder("for example: every four weeks")
	return f
}

func (f *cohortForm) show(title string) {
	form := widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: f.name, Required: true},
		widget.NewFormItem("Starts", f.starts),
		widget.NewFormItem("Ends", f.ends),
		widget.NewFormItem("Cadence", f.cadence),
	)
	f.formDialog = newFormDialog(f.screen.shell, title, "Save", form, 520, 0, f.onSave)
	f.screen.shell.win.Canvas().Focus(f.name)
}

func (f *cohortForm) onSave() error {
	co := f.cohort
	co.Name, co.Cadence = f.name.Text, f.cadence.Text
	var err error
	for _, field := range []struct {
		e  *dateEntry
		on *data.Date
	}{{f.starts, &co.StartsOn}, {f.ends, &co.EndsOn}} {
		if *field.on, err = field.e.value(); err != nil {
			return data.Errorf(data.Invalid, "%s", err)
		}
	}
	return f.write(func() error { return f.screen.shell.store.SaveCohort(&co) }, func(err error) error {
		if err != nil {
			f.ends.showRefusal(err, "ends_on")
			return err
		}
		f.screen.selected = co.ID
		f.screen.reload() // to show it selected: the change signal may have come before
		return nil
	})
}

// memberPicker adds roster participants to a cohort: search, tick, add.
type memberPicker struct {
	screen     *cohortsScreen
	cohort     data.Cohort
	candidates []*data.RosterEntry // not yet members
	shown      []*data.RosterEntry
	ticked     map[int64]bool
	dialog     *dialog.CustomDialog
	search     *widget.Entry
	list       *widget.List
	add        *widget.Button
}

func newMemberPicker(screen *cohortsScreen, co data.Cohort) *memberPicker {
	m := &memberPicker{screen: screen, cohort: co, ticked: map[int64]bool{}}
	for i := range screen.roster.Entries {
		e := &screen.roster.Entries[i]
		in := false
		for _, id := range e.CohortIDs {
			in = in || id == co.ID
		}
		if !in {
			m.candidates = append(m.candidates, e)
		}
	}
	m.search = widget.NewEntry()
	m.search.SetPlaceHolder("Search name, company or tag")
	m.list = widget.NewList(func() int { return len(m.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(m.shown) {
				return
			}
			e := m.shown[id]
			check := o.(*widget.Check)
			check.OnChanged = nil
			check.SetText(joinNonEmpty(" · ", e.Name, e.Company))
			check.SetChecked(m.ticked[e.ID])
			check.OnChanged = func(on bool) { m.onTicked(e.ID, on) }
		})
	m.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), m.onAddTapped)
	m.add.Importance = widget.HighImportance
	m.filter()
	m.updateAdd()
	m.search.OnChanged = func(string) { m.filter() }
	return m
}

func (m *memberPicker) filter() {
	words := strings.Fields(data.Fold(m.search.Text))
	m.shown = m.shown[:0]
next:
	for _, e := range m.candidates {
		key := data.Fold(strings.Join([]string{e.Name, e.Company, e.Title, data.JoinTags(e.Strengths), data.JoinTags(e.DevelopmentAreas)}, " "))
		for _, w := range words {
			if !strings.Contains(key, w) {
				continue next
			}
		}
		m.shown = append(m.shown, e)
	}
	m.list.Refresh()
}

func (m *memberPicker) onTicked(id int64, on bool) {
	if on {
		m.ticked[id] = true
	} else {
		delete(m.ticked, id)
	}
	m.updateAdd()
}

func (m *memberPicker) updateAdd() {
	if len(m.ticked) == 0 {
		m.add.SetText("Add")
		m.add.Disable()
		return
	}
	m.add.SetText(fmt.Sprintf("Add %d", len(m.ticked)))
	m.add.Enable()
}

func (m *memberPicker) show() {
	var body fyne.CanvasObject
	if len(m.candidates) == 0 {
		body = widget.NewLabel("Everyone in the roster is already in this cohort.")
	} else {
		cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { m.dialog.Hide() })
		body = container.NewBorder(m.search, container.NewHBox(layout.NewSpacer(), cancel, m.add), nil, nil, m.list)
	}
	m.dialog = dialog.NewCustom("Add members to "+m.cohort.Name, "Close", body, m.screen.shell.win)
	if len(m.candidates) > 0 {
		m.dialog.SetButtons(nil)
	}
	m.screen.shell.sizeDialog(m.dialog, 560, 560)
	m.dialog.Show()
}

func (m *memberPicker) onAddTapped() {
	var ids []int64
	for _, e := range m.candidates {
		if m.ticked[e.ID] {
			ids = append(ids, e.ID)
		}
	}
	cohort := m.cohort.ID
	m.screen.shell.save("No members were added", func() error { return m.screen.shell.store.AddToCohort(cohort, ids...) }, m.dialog.Hide)
}
