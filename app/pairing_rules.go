package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/pairing"
)

// rulesForm edits a cohort's pairing rules: a preset, the weights, the hard rules, what
// happens to an odd person, and the exclusions that hold across the practice.
type rulesForm struct {
	screen *pairingScreen
	cohort data.Cohort

	*formDialog
	preset      *widget.Select
	presetHint  *widget.Label
	weights     [5]*widget.Slider
	weightText  [5]*widget.Label
	mode        *widget.RadioGroup
	sameCompany *widget.Check
	window      *widget.Entry
	fade        *widget.Entry
	odd         *widget.RadioGroup

	exclusions []data.Exclusion
	exclList   *widget.List
	exclEdited bool // exclusions are saved at once; the round is suggested again on closing

	// The add-exclusion dialog's fields, once shown.
	exclA, exclB *widget.SelectEntry
	exclReason   *widget.Entry
	exclKind     *widget.RadioGroup
	exclAdd      *widget.Button
}

var weightNames = [5]string{"Work orientation", "Mutual learning", "Seniority", "Crossing boundaries", "Repeat penalty"}

var weightHints = [5]string{
	"How much similar work-orientation profiles count.",
	"How much it counts that each can teach what the other wants to learn.",
	"How much the seniority fit counts: peers, or a deliberate gap.",
	"How much different companies, industries and functions count.",
	"Points taken off for having been paired before; fades over the months below.",
}

const (
	peerLabel    = "Peers: similar seniority"
	reverseLabel = "Reverse: a deliberate gap in level or generation"
	triadLabel   = "Joins the pair they add most to (a triad)"
	sitOutLabel  = "Sits out this round"
)

func (p *pairingScreen) onRulesTapped() {
	c, ok := p.selectedCohort()
	if !ok {
		return
	}
	exclusions, err := p.shell.store.Exclusions()
	if err != nil {
		p.shell.showError("Mutua could not read the exclusions", err)
		return
	}
	p.rulesForm = newRulesForm(p, c, exclusions)
	p.rulesForm.show()
}

func newRulesForm(screen *pairingScreen, c data.Cohort, exclusions []data.Exclusion) *rulesForm {
	f := &rulesForm{screen: screen, cohort: c, exclusions: exclusions}
	f.preset = widget.NewSelect(presetNames(), nil)
	f.presetHint = widget.NewLabel("")
	f.presetHint.Wrapping = fyne.TextWrapWord
	for i := range f.weights {
		f.weights[i] = widget.NewSlider(0, 100)
		f.weights[i].Step = 5
		f.weightText[i] = widget.NewLabel("")
	}
	f.mode = widget.NewRadioGroup([]string{peerLabel, reverseLabel}, nil)
	f.sameCompany = widget.NewCheck("Allow two people from the same company", nil)
	f.window = widget.NewEntry()
	f.window.Validator = numberValidator("The repeat window", 0, 120, false)
	f.fade = widget.NewEntry()
	f.fade.Validator = numberValidator("The fade", 0, 240, false)
	f.odd = widget.NewRadioGroup([]string{triadLabel, sitOutLabel}, nil)

	// Initial values before the handlers, so loading the form changes nothing.
	f.preset.SetSelectedIndex(presetIndex(c.PairingPreset))
	f.presetHint.SetText(pairing.Presets[presetIndex(c.PairingPreset)].Description)
	f.setRules(pairing.CohortRules(c))
	if c.OddPerson == data.SitOut {
		f.odd.SetSelected(sitOutLabel)
	} else {
		f.odd.SetSelected(triadLabel)
	}
	f.preset.OnChanged = func(string) { f.onPresetChanged() }
	for i := range f.weights {
		i := i
		f.weights[i].OnChanged = func(v float64) { f.weightText[i].SetText(strconv.Itoa(int(v))) }
	}

	f.exclList = widget.NewList(func() int { return len(f.exclusions) },
		newActionRow("", theme.DeleteIcon()),
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(f.exclusions) {
				return
			}
			e := f.exclusions[id]
			setActionRow(o, joinNonEmpty(": ", e.Describe(), e.Reason), func() { f.onRemoveExclusion(e.ID) })
		})
	return f
}

func presetIndex(key string) int {
	for i, pr := range pairing.Presets {
		if pr.Key == key {
			return i
		}
	}
	return 0
}

// setRules puts rules into the form.
func (f *rulesForm) setRules(r pairing.Rules) {
	w := r.Weights
	for i, v := range []float64{w.Orientation, w.Learning, w.Seniority, w.Boundary, w.Repeat} {
		f.weights[i].SetValue(v)
		f.weightText[i].SetText(strconv.Itoa(int(v)))
	}
	if r.Mode == pairing.Reverse {
		f.mode.SetSelected(reverseLabel)
	} else {
		f.mode.SetSelected(peerLabel)
	}
	f.sameCompany.SetChecked(r.SameCompany)
	f.window.SetText(strconv.Itoa(r.RepeatWindowMonths))
	f.fade.SetText(strconv.Itoa(r.RepeatFadeMonths))
}

// rules reads the rules from the form.
func (f *rulesForm) rules() pairing.Rules {
	var r pairing.Rules
	r.Weights = pairing.Weights{Orientation: f.weights[0].Value, Learning: f.weights[1].Value,
		Seniority: f.weights[2].Value, Boundary: f.weights[3].Value, Repeat: f.weights[4].Value}
	r.Mode = pairing.Peer
	if f.mode.Selected == reverseLabel {
		r.Mode = pairing.Reverse
	}
	r.SameCompany = f.sameCompany.Checked
	r.RepeatWindowMonths, _ = strconv.Atoi(strings.TrimSpace(f.window.Text))
	r.RepeatFadeMonths, _ = strconv.Atoi(strings.TrimSpace(f.fade.Text))
	return r
}

func (f *rulesForm) onPresetChanged() {
	pr := pairing.Presets[max(f.preset.SelectedIndex(), 0)]
	f.presetHint.SetText(pr.Description)
	f.setRules(pr.Rules)
}

func (f *rulesForm) show() {
	weights := container.New(layout.NewFormLayout())
	for i := range f.weights {
		label := widget.NewLabelWithStyle(weightNames[i], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		hint := widget.NewLabel(weightHints[i])
		hint.Wrapping = fyne.TextWrapWord
		hint.SizeName = theme.SizeNameCaptionText
		weights.Add(label)
		weights.Add(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(36, 30), f.weightText[i]), f.weights[i]), hint))
	}
	hard := widget.NewForm(
		widget.NewFormItem("Seniority", f.mode),
		widget.NewFormItem("Companies", f.sameCompany),
		&widget.FormItem{Text: "Never re-pair within", Widget: container.NewBorder(nil, nil, nil, widget.NewLabel("months"), f.window), HintText: "People paired more recently than this are never suggested again."},
		&widget.FormItem{Text: "Repeat penalty fades over", Widget: container.NewBorder(nil, nil, nil, widget.NewLabel("months"), f.fade)},
		widget.NewFormItem("An odd person", f.odd),
	)
	addExclusion := widget.NewButtonWithIcon("Add exclusion…", theme.ContentAddIcon(), f.onAddExclusion)
	exclusions := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, addExclusion, widget.NewLabelWithStyle("Never pair (all cohorts)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
			wrapped("Exclusions hold in every cohort and are saved as soon as you add or remove one.")),
		nil, nil, nil, container.NewGridWrap(fyne.NewSize(600, 150), f.exclList))
	body := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Preset", f.preset)), f.presetHint, widget.NewSeparator(),
		weights, widget.NewSeparator(), hard, widget.NewSeparator(), exclusions)
	f.formDialog = newFormDialog(f.screen.shell, "Pairing rules for "+f.cohort.Name, "Save and suggest again", body, 720, 760, f.onSaveTapped)
	f.then = f.screen.reloadCohortsThenSuggest
	f.cancel.OnTapped = func() {
		f.dialog.Hide()
		if f.exclEdited {
			f.screen.rulesChanged() // the exclusions changed even if the rules did not
		}
	}
}

func (f *rulesForm) onSaveTapped() error {
	for _, e := range []*widget.Entry{f.window, f.fade} {
		if err := e.Validate(); err != nil {
			return data.Errorf(data.Invalid, "%s", err)
		}
	}
	odd := data.Triad
	if f.odd.Selected == sitOutLabel {
		odd = data.SitOut
	}
	preset := pairing.Presets[max(f.preset.SelectedIndex(), 0)].Key
	cohort, rules := f.cohort.ID, f.rules()
	return f.write(func() error { return f.screen.shell.store.SetCohortRules(cohort, preset, rules, odd) }, nil)
}

func (f *rulesForm) onRemoveExclusion(id int64) {
	var e data.Exclusion
	for _, x := range f.exclusions {
		if x.ID == id {
			e = x
		}
	}
	confirm := dialog.NewConfirm("Remove exclusion", fmt.Sprintf("Allow %s to be paired again?", e.Describe()), func(ok bool) {
		if !ok {
			return
		}
		f.screen.shell.saveOr(func() error { return f.screen.shell.store.DeleteExclusion(id) }, func(err error) {
			if err != nil {
				f.showProblem(data.Message(err))
				return
			}
			f.exclEdited = true
			f.reloadExclusions()
		})
	}, f.screen.shell.win)
	confirm.SetConfirmText("Remove")
	f.screen.shell.sizeDialog(confirm, 440, 0)
	confirm.Show()
	f.screen.shell.lastConfirm = confirm
}

func (f *rulesForm) reloadExclusions() {
	list, err := f.screen.shell.store.Exclusions()
	if err != nil {
		f.showProblem(data.Message(err))
		return
	}
	f.exclusions = list
	f.exclList.Refresh()
}

// onAddExclusion asks for two people (from the roster) or two companies, and a reason.
func (f *rulesForm) onAddExclusion() {
	roster, err := f.screen.shell.store.Roster()
	if err != nil {
		f.showProblem(data.Message(err))
		return
	}
	var names []string
	ids := map[string]int64{}
	companies := map[string]bool{}
	var companyNames []string
	for _, e := range roster.Entries {
		label := joinNonEmpty(" · ", e.Name, e.Company, e.Email)
		for n := 2; ids[label] != 0; n++ { // two people the list cannot tell apart
			label = fmt.Sprintf("%s (%d)", joinNonEmpty(" · ", e.Name, e.Company, e.Email), n)
		}
		names = append(names, label)
		ids[label] = e.ID
		if e.Company != "" && !companies[e.Company] {
			companies[e.Company] = true
			companyNames = append(companyNames, e.Company)
		}
	}
	a, b := widget.NewSelectEntry(names), widget.NewSelectEntry(names)
	kind := widget.NewRadioGroup([]string{"Two people", "Two companies"}, nil)
	kind.Horizontal = true
	kind.SetSelected("Two people")
	kind.OnChanged = func(k string) {
		if k == "Two companies" {
			a.SetOptions(companyNames)
			b.SetOptions(companyNames)
		} else {
			a.SetOptions(names)
			b.SetOptions(names)
		}
		a.SetText("")
		b.SetText("")
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder("for example: client and supplier")
	f.exclA, f.exclB, f.exclReason, f.exclKind = a, b, reason, kind
	body := container.NewVBox(kind, widget.NewForm(widget.NewFormItem("Never pair", a), widget.NewFormItem("with", b),
		widget.NewFormItem("Reason", reason)))
	var d *formDialog
	d = newFormDialog(f.screen.shell, "Add exclusion", "Add", body, 560, 0, func() error {
		e := data.Exclusion{Reason: reason.Text}
		if kind.Selected == "Two companies" {
			e.CompanyA, e.CompanyB = a.Text, b.Text
		} else {
			e.ParticipantA, e.ParticipantB = ids[a.Text], ids[b.Text]
			if e.ParticipantA == 0 || e.ParticipantB == 0 {
				return data.Errorf(data.Invalid, "Choose both people from the list.")
			}
		}
		return d.write(func() error { return f.screen.shell.store.AddExclusion(&e) }, saved(func() {
			f.exclEdited = true
			f.reloadExclusions()
		}))
	})
	d.save.SetIcon(theme.ContentAddIcon())
	f.exclAdd = d.save
}

// reloadCohortsThenSuggest reads the cohorts again (their rules changed) and shows the round
// under the new rules.
func (p *pairingScreen) reloadCohortsThenSuggest() {
	cohorts, err := p.shell.store.Cohorts()
	if err != nil {
		p.shell.showError("Mutua could not read the cohorts", err)
		return
	}
	p.cohorts = cohorts
	p.rulesChanged()
}
