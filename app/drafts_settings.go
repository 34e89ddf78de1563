package app

import (
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
	"mutua/drafts"
	"mutua/messages"
)

// editableKinds are the kinds of email whose templates Settings shows: the ones Mutua writes.
var editableKinds = []drafts.Kind{drafts.Introduction, drafts.Questionnaire, drafts.Nudge, drafts.ThankYou}

// emailsSection is Settings → Emails: who the drafts come from and the templates they are
// written from, with a preview for a real pair of the practice before anything is written.
type emailsSection struct {
	shell *practice

	saved     data.MessageSettings
	templates map[drafts.Kind]drafts.Template // as used: the coach's own or Mutua's
	custom    map[drafts.Kind]bool            // the coach has their own template for the kind
	shownTpl  drafts.Template                 // the template as last put in the editor
	kind      drafts.Kind                     // the kind in the editor

	content       fyne.CanvasObject
	email         *widget.Entry
	zone          *widget.Entry
	signature     *widget.Entry
	copyMe        *widget.Check
	emailProblem  *widget.Label
	zoneProblem   *widget.Label
	signProblem   *widget.Label
	save          *widget.Button
	status        *widget.Label
	kinds         *widget.Select
	subject       *widget.Entry
	body          *widget.Entry
	fields        *widget.Label
	tplProblem    *widget.Label
	tplStatus     *widget.Label
	saveTemplate  *widget.Button
	restore       *widget.Button
	preview       *widget.Button
	previewDialog dialog.Dialog // the preview shown last
	restoreDialog *dialog.ConfirmDialog
	boxes         []*fyne.Container
}

func newEmailsSection(shell *practice) *emailsSection {
	es := &emailsSection{shell: shell, kind: drafts.Introduction}
	es.buildUI()
	return es
}

func (es *emailsSection) buildUI() {
	es.email = widget.NewEntry()
	es.email.SetPlaceHolder("you@example.com: the drafts come from this address")
	es.zone = widget.NewEntry()
	es.zone.SetPlaceHolder(data.SystemZone() + " (this computer's)")
	es.signature = widget.NewMultiLineEntry()
	es.signature.SetPlaceHolder("Empty: your name, practice and contact line, one a line")
	es.signature.SetMinRowsVisible(3)
	es.copyMe = widget.NewCheck("Copy me on every draft (Cc)", nil)
	es.emailProblem, es.zoneProblem, es.signProblem = problemLine(), problemLine(), problemLine()
	es.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), es.onSaveTapped)
	es.save.Importance = widget.HighImportance
	es.save.Disable()
	es.status = captionHint("")

	labels := make([]string, len(editableKinds))
	for i, k := range editableKinds {
		labels[i] = k.Label()
	}
	es.kinds = widget.NewSelect(labels, nil)
	es.subject = widget.NewEntry()
	es.body = widget.NewMultiLineEntry()
	es.body.SetMinRowsVisible(12)
	es.body.Wrapping = fyne.TextWrapWord
	es.fields = captionHint("")
	es.tplProblem = problemLine()
	es.tplStatus = captionHint("")
	es.saveTemplate = widget.NewButtonWithIcon("Save template", theme.DocumentSaveIcon(), es.onSaveTemplateTapped)
	es.saveTemplate.Importance = widget.HighImportance
	es.restore = widget.NewButtonWithIcon("Restore default…", theme.HistoryIcon(), es.onRestoreTapped)
	es.preview = widget.NewButtonWithIcon("Preview…", theme.VisibilityIcon(), es.onPreviewTapped)

	withProblem := func(o fyne.CanvasObject, problem *widget.Label) *fyne.Container {
		box := container.NewVBox(o, problem)
		es.boxes = append(es.boxes, box)
		return box
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Your email"), withProblem(es.email, es.emailProblem),
		widget.NewLabel("Time zone"), withProblem(es.zone, es.zoneProblem),
		widget.NewLabel("Signature"), withProblem(es.signature, es.signProblem),
		layout.NewSpacer(), es.copyMe)
	tplForm := container.New(layout.NewFormLayout(),
		widget.NewLabel("Email"), container.NewHBox(container.NewGridWrap(fyne.NewSize(240, es.kinds.MinSize().Height), es.kinds)),
		widget.NewLabel("Subject"), es.subject,
		widget.NewLabel("Message"), es.body)
	box := container.NewVBox(
		wrapped("Mutua writes introductions, check-in nudges and thank-yous as drafts you send from your own mail program. "+
			"They come from your address; session times and invitations are in your time zone."),
		form, container.NewHBox(es.save), es.status,
		widget.NewSeparator(),
		wrapped("Each kind of email is written from a template. Fields in double braces are filled in for each email; "+
			"{{if .Field}}…{{end}} writes its text only when the field has a value. No field can print a note or anything private to you."),
		tplForm, es.fields, es.tplProblem,
		container.NewHBox(es.saveTemplate, es.preview, es.restore), es.tplStatus)
	es.boxes = append(es.boxes, form, tplForm, box)
	es.content = box
}

// reload reads the saved settings and templates and shows them; a template being edited and
// not saved is kept.
func (es *emailsSection) reload() {
	var settings data.MessageSettings
	var saved map[string]data.MessageTemplate
	es.shell.load("Mutua could not read the email settings", nil, func(s *sqlite.Store) (err error) {
		if settings, err = s.MessageSettings(); err != nil {
			return err
		}
		saved, err = s.MessageTemplates()
		return err
	}, func() { es.show(settings, saved) })
}

func (es *emailsSection) show(settings data.MessageSettings, saved map[string]data.MessageTemplate) {
	es.saved = settings
	for _, e := range []*widget.Entry{es.email, es.zone, es.signature} {
		e.OnChanged = nil
	}
	es.copyMe.OnChanged = nil
	es.email.SetText(settings.CoachEmail)
	es.zone.SetText(settings.TimeZone)
	es.signature.SetText(settings.Signature)
	es.copyMe.SetChecked(settings.CopyMe)
	for _, e := range []*widget.Entry{es.email, es.zone, es.signature} {
		e.OnChanged = func(string) { es.onSettingChanged() }
	}
	es.copyMe.OnChanged = func(bool) { es.onSettingChanged() }
	es.checkSettings()

	editing := es.templates != nil && es.editorChanged()
	es.templates = messages.Templates(saved)
	es.custom = map[drafts.Kind]bool{}
	for _, k := range editableKinds {
		_, es.custom[k] = saved[messages.KindKey(k)]
	}
	es.kinds.OnChanged = nil
	es.kinds.SetSelected(es.kind.Label())
	es.kinds.OnChanged = func(string) { es.onKindChanged() }
	switch {
	case editing:
	case es.templates[es.kind] == es.shownTpl:
		es.updateTemplateButtons() // as shown; its status (e.g. "Saved.") stays
	default:
		es.showTemplate(es.templates[es.kind])
	}
}

// current is the settings as the fields show them.
func (es *emailsSection) current() data.MessageSettings {
	m := data.MessageSettings{CoachEmail: es.email.Text, TimeZone: es.zone.Text, Signature: es.signature.Text, CopyMe: es.copyMe.Checked}
	m.Normalize()
	return m
}

func (es *emailsSection) onSettingChanged() {
	es.status.SetText("")
	es.checkSettings()
}

// checkSettings says what is wrong under each field; Save is on while they hold a valid change.
func (es *emailsSection) checkSettings() {
	m := es.current()
	problems := data.Problems(m.Validate())
	lines := map[string]*widget.Label{"email": es.emailProblem, "zone": es.zoneProblem, "signature": es.signProblem}
	for field, l := range lines {
		l.Hide()
		for _, p := range problems {
			if p.Field == field {
				l.SetText(p.Message)
				l.Show()
			}
		}
	}
	es.relayout()
	if len(problems) == 0 && m != es.saved {
		es.save.Enable()
	} else {
		es.save.Disable()
	}
}

func (es *emailsSection) relayout() {
	for _, b := range es.boxes {
		b.Refresh()
	}
	if st := es.shell.settings; st != nil && st.content != nil {
		st.content.Refresh()
	}
}

func (es *emailsSection) onSaveTapped() {
	if es.save.Disabled() {
		return
	}
	m := es.current()
	store := es.shell.store
	es.shell.busy("Emails", "Saving…", func() error { return store.SaveMessageSettings(m) }, func(err error) {
		if err != nil {
			es.shell.showError("The email settings were not saved", err)
			return
		}
		es.saved = m
		es.checkSettings()
		es.status.SetText("Saved. Drafts now come from " + m.CoachEmail + ", with times in " + m.Zone() + ".")
	})
}

// showTemplate puts a template in the editor, with the fields its kind offers.
func (es *emailsSection) showTemplate(t drafts.Template) {
	es.shownTpl = t
	es.subject.OnChanged, es.body.OnChanged = nil, nil
	es.subject.SetText(t.Subject)
	es.body.SetText(t.Body)
	es.subject.OnChanged = func(string) { es.onTemplateChanged() }
	es.body.OnChanged = func(string) { es.onTemplateChanged() }
	var lines []string
	for _, f := range drafts.FieldsOf(es.kind) {
		lines = append(lines, "{{."+f.Name+"}}: "+f.Meaning)
	}
	es.fields.SetText("Fields you can use in this email:\n" + strings.Join(lines, "\n"))
	es.tplProblem.Hide()
	es.tplStatus.SetText(es.templateState())
	es.updateTemplateButtons()
	es.relayout()
}

// templateState says whose template the editor shows.
func (es *emailsSection) templateState() string {
	if es.custom[es.kind] {
		return "Your own template. Restore default puts Mutua's back."
	}
	return "Mutua's template: change it and save to make it yours."
}

func (es *emailsSection) editor() drafts.Template {
	return drafts.Template{Subject: es.subject.Text, Body: es.body.Text}
}

func (es *emailsSection) editorChanged() bool { return es.editor() != es.shownTpl }

func (es *emailsSection) updateTemplateButtons() {
	if es.editorChanged() {
		es.saveTemplate.Enable()
	} else {
		es.saveTemplate.Disable()
	}
	if es.custom[es.kind] || es.editorChanged() {
		es.restore.Enable()
	} else {
		es.restore.Disable()
	}
}

func (es *emailsSection) onTemplateChanged() {
	es.tplProblem.Hide()
	es.tplStatus.SetText("Not saved yet.")
	es.updateTemplateButtons()
	es.relayout()
}

// onKindChanged shows the template of the kind chosen; unsaved changes to the other one go.
func (es *emailsSection) onKindChanged() {
	i := max(es.kinds.SelectedIndex(), 0)
	es.kind = editableKinds[i]
	es.showTemplate(es.templates[es.kind])
}

// checkTemplate says in plain words what is wrong with the template in the editor.
func (es *emailsSection) checkTemplate() (drafts.Template, bool) {
	t := es.editor()
	if err := t.Check(es.kind); err != nil {
		es.tplProblem.SetText(err.Error())
		es.tplProblem.Show()
		es.tplStatus.SetText("Not saved: correct the template first.")
		es.relayout()
		return t, false
	}
	es.tplProblem.Hide()
	return t, true
}

// onSaveTemplateTapped saves the template in the practice; a template with a mistake is
// not saved and the mistake is said.
func (es *emailsSection) onSaveTemplateTapped() {
	t, ok := es.checkTemplate()
	if !ok {
		return
	}
	kind := es.kind
	store := es.shell.store
	es.shell.busy("Emails", "Saving the template…", func() error {
		return store.SaveMessageTemplate(messages.KindKey(kind), data.MessageTemplate{Subject: t.Subject, Body: t.Body})
	}, func(err error) {
		if err != nil {
			es.shell.showError("The template was not saved", err)
			return
		}
		es.templates[kind], es.custom[kind] = t, true
		if kind == es.kind {
			es.showTemplate(t)
			es.tplStatus.SetText("Saved. New " + strings.ToLower(kind.Label()) + " emails use this template.")
		}
	})
}

// onRestoreTapped puts Mutua's own template back, after asking.
func (es *emailsSection) onRestoreTapped() {
	kind := es.kind
	d := dialog.NewConfirm("Restore Mutua's template?",
		"Your "+strings.ToLower(kind.Label())+" template is replaced by Mutua's own. This cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			store := es.shell.store
			es.shell.busy("Emails", "Restoring…", func() error {
				return store.SaveMessageTemplate(messages.KindKey(kind), data.MessageTemplate{})
			}, func(err error) {
				if err != nil {
					es.shell.showError("The template was not restored", err)
					return
				}
				es.templates[kind], es.custom[kind] = drafts.DefaultTemplate(kind), false
				if kind == es.kind {
					es.showTemplate(drafts.DefaultTemplate(kind))
					es.tplStatus.SetText("Restored: Mutua's template is back.")
				}
			})
		}, es.shell.win)
	d.SetConfirmText("Restore")
	d.SetConfirmImportance(widget.WarningImportance)
	es.shell.sizeDialog(d, 460, 0)
	d.Show()
	es.restoreDialog = d
}

// onPreviewTapped shows the template in the editor, saved or not, filled in for a real pair
// of the practice (and its first member, for a thank-you).
func (es *emailsSection) onPreviewTapped() {
	t, ok := es.checkTemplate()
	if !ok {
		return
	}
	kind := es.kind
	var d *drafts.Draft
	var names string
	options := es.shell.reportOptions()
	es.shell.load("Mutua could not write the preview", nil, func(s *sqlite.Store) error {
		list, err := s.Partnerships()
		if err != nil {
			return err
		}
		id := previewPartnership(list)
		if id == 0 {
			return data.Errorf(data.NotFound, "There is no partnership yet to show a preview for: approve a round of pairs first.")
		}
		w, err := messages.NewWriter(s, options, time.Now())
		if err != nil {
			return err
		}
		d, err = w.Preview(kind, t, id, messages.DefaultFirstSession(time.Now(), w.Coach().TimeZone))
		for _, p := range list {
			if p.ID == id {
				names = p.Names(" + ")
			}
		}
		return err
	}, func() { es.showPreview(d, names) })
}

// previewPartnership is the partnership a preview is written for: the first active one, else
// the first at all, leaving out any with no members left; 0 when there is none.
func previewPartnership(list []data.Partnership) int64 {
	var first int64
	for _, p := range list {
		if len(p.Members) == 0 { // everyone in it has been erased
			continue
		}
		if !p.Ended() {
			return p.ID
		}
		if first == 0 {
			first = p.ID
		}
	}
	return first
}

func (es *emailsSection) showPreview(d *drafts.Draft, names string) {
	text := widget.NewLabel(d.Text())
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	content := container.NewBorder(captionHint("For "+names+", as it would be written today. Nothing is saved or written."), nil, nil, nil,
		container.NewVScroll(text))
	dlg := dialog.NewCustom("Preview: "+d.Kind.Label(), "Close", content, es.shell.win)
	es.shell.sizeDialog(dlg, 640, 560)
	dlg.Show()
	es.previewDialog = dlg
}
