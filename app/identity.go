package app

import (
	"bytes"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// identitySection is Settings → Practice: who the reports come from. The practice's name, the
// coach's name, a contact line and a logo, printed on every report instead of the file's name.
type identitySection struct {
	shell *practice

	saved    data.PracticeIdentity // as read from the practice
	logo     []byte                // the logo as chosen, saved or not
	logoKind string

	content        fyne.CanvasObject
	name           *widget.Entry
	coach          *widget.Entry
	contact        *widget.Entry
	nameProblem    *widget.Label
	coachProblem   *widget.Label
	contactProblem *widget.Label
	logoProblem    *widget.Label
	logoPreview    *canvas.Image
	logoInfo       *widget.Label
	chooseLogo     *widget.Button
	removeLogo     *widget.Button
	save           *widget.Button
	status         *widget.Label
	boxes          []*fyne.Container // inner first: laid out again when a problem line shows or hides
}

func newIdentitySection(shell *practice) *identitySection {
	is := &identitySection{shell: shell}
	is.buildUI()
	return is
}

func (is *identitySection) buildUI() {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		return e
	}
	is.name = entry("e.g. Silva Leadership Coaching")
	is.coach = entry("Your name, as reports sign it")
	is.contact = entry("An email, a phone number or a web address")
	is.nameProblem, is.coachProblem, is.contactProblem, is.logoProblem = problemLine(), problemLine(), problemLine(), problemLine()
	is.logoPreview = &canvas.Image{FillMode: canvas.ImageFillContain}
	is.logoInfo = widget.NewLabel("")
	is.chooseLogo = widget.NewButtonWithIcon("Choose logo…", theme.FileImageIcon(), is.onChooseLogoTapped)
	is.removeLogo = widget.NewButtonWithIcon("Remove logo", theme.DeleteIcon(), is.onRemoveLogoTapped)
	is.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), is.onSaveTapped)
	is.save.Importance = widget.HighImportance
	is.save.Disable()
	is.status = captionHint("")

	withProblem := func(o fyne.CanvasObject, problem *widget.Label) *fyne.Container {
		box := container.NewVBox(o, problem)
		is.boxes = append(is.boxes, box)
		return box
	}
	logo := container.NewVBox(
		container.NewHBox(container.NewGridWrap(fyne.NewSize(160, 64), is.logoPreview), container.NewCenter(is.logoInfo)),
		container.NewHBox(is.chooseLogo, is.removeLogo))
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Practice"), withProblem(is.name, is.nameProblem),
		widget.NewLabel("Coach"), withProblem(is.coach, is.coachProblem),
		widget.NewLabel("Contact"), withProblem(is.contact, is.contactProblem),
		widget.NewLabel("Logo"), withProblem(logo, is.logoProblem))
	box := container.NewVBox(
		wrapped("Every report shows these, on its first page, header and footer: never the practice file's name. "+
			"Left empty, reports say “your coach”."),
		form,
		container.NewHBox(is.save), is.status)
	is.boxes = append(is.boxes, form, box)
	is.content = box
	for _, e := range []*widget.Entry{is.name, is.coach, is.contact} {
		e.OnSubmitted = func(string) { is.onSaveTapped() }
	}
}

// reload reads the saved identity and shows it; unsaved changes are dropped.
func (is *identitySection) reload() {
	var id data.PracticeIdentity
	is.shell.load("Mutua could not read the practice's details", nil, func(s *sqlite.Store) (err error) {
		id, err = s.PracticeIdentity()
		return err
	}, func() { is.show(id) })
}

// show puts the saved identity in the fields; showing it is not a change.
func (is *identitySection) show(id data.PracticeIdentity) {
	is.saved = id
	for _, e := range []*widget.Entry{is.name, is.coach, is.contact} {
		e.OnChanged = nil
	}
	is.name.SetText(id.Name)
	is.coach.SetText(id.Coach)
	is.contact.SetText(id.Contact)
	for _, e := range []*widget.Entry{is.name, is.coach, is.contact} {
		e.OnChanged = func(string) { is.onFieldChanged() }
	}
	is.logo, is.logoKind = id.Logo, id.LogoKind
	is.logoProblem.Hide()
	is.showLogo()
	is.check()
}

// current is the identity as the fields show it.
func (is *identitySection) current() data.PracticeIdentity {
	id := data.PracticeIdentity{Name: is.name.Text, Coach: is.coach.Text, Contact: is.contact.Text, Logo: is.logo, LogoKind: is.logoKind}
	id.Normalize()
	return id
}

func (is *identitySection) onFieldChanged() {
	is.status.SetText("")
	is.check()
}

// check says what is wrong with each field as it is typed; Save is on while the fields hold
// a valid change.
func (is *identitySection) check() {
	id := is.current()
	text := id
	text.Logo = nil // the logo was checked when chosen
	problems := data.Problems(text.Validate())
	lines := map[string]*widget.Label{"name": is.nameProblem, "coach": is.coachProblem, "contact": is.contactProblem}
	is.showProblems(problems, lines)
	same := id.Name == is.saved.Name && id.Coach == is.saved.Coach && id.Contact == is.saved.Contact && bytes.Equal(id.Logo, is.saved.Logo)
	if len(problems) == 0 && !same {
		is.save.Enable()
	} else {
		is.save.Disable()
	}
}

// showProblems puts each problem under its field and hides the lines of fields without one.
func (is *identitySection) showProblems(problems []data.Problem, lines map[string]*widget.Label) {
	for field, l := range lines {
		l.Hide()
		for _, p := range problems {
			if p.Field == field {
				l.SetText(p.Message)
				l.Show()
			}
		}
	}
	is.relayout()
}

// relayout places the fields again once a problem line has shown or hidden.
func (is *identitySection) relayout() {
	for _, b := range is.boxes {
		b.Refresh()
	}
	if st := is.shell.settings; st != nil && st.content != nil {
		st.content.Refresh()
	}
}

// showLogo shows the chosen logo, or says there is none.
func (is *identitySection) showLogo() {
	if len(is.logo) == 0 {
		is.logoPreview.Resource = nil
		is.logoInfo.SetText("No logo")
		is.removeLogo.Disable()
	} else {
		is.logoPreview.Resource = fyne.NewStaticResource("logo."+is.logoKind, is.logo)
		is.logoInfo.SetText(data.PracticeIdentity{Logo: is.logo}.LogoDescription())
		is.removeLogo.Enable()
	}
	is.logoPreview.Refresh()
}

// onChooseLogoTapped asks for a PNG or JPEG file.
func (is *identitySection) onChooseLogoTapped() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			is.shell.showError("Mutua could not open that file", err)
			return
		}
		if r == nil {
			return // the coach cancelled
		}
		raw, err := io.ReadAll(io.LimitReader(r, data.MaxLogoBytes+1))
		r.Close()
		if err != nil {
			is.shell.showError("Mutua could not read that file", err)
			return
		}
		is.onLogoChosen(raw)
	}, is.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	is.shell.showFileDialog(d)
}

// onLogoChosen shows a chosen logo, to be saved with Save, or says why it cannot be one.
func (is *identitySection) onLogoChosen(raw []byte) {
	kind, err := data.CheckLogo(raw)
	if err != nil {
		is.logoProblem.SetText(data.Message(err))
		is.logoProblem.Show()
		is.relayout()
		return
	}
	is.logoProblem.Hide()
	is.logo, is.logoKind = raw, kind
	is.status.SetText("")
	is.showLogo()
	is.check()
}

func (is *identitySection) onRemoveLogoTapped() {
	is.logo, is.logoKind = nil, ""
	is.logoProblem.Hide()
	is.status.SetText("")
	is.showLogo()
	is.check()
}

// onSaveTapped saves the fields; what is wrong shows under its field and nothing is saved.
func (is *identitySection) onSaveTapped() {
	if is.save.Disabled() {
		return
	}
	id := is.current()
	store := is.shell.store
	is.shell.busy("Practice", "Saving…", func() error { return store.SavePracticeIdentity(id) }, func(err error) {
		if err != nil {
			if problems := data.Problems(err); len(problems) > 0 {
				is.showProblems(problems, map[string]*widget.Label{"name": is.nameProblem, "coach": is.coachProblem,
					"contact": is.contactProblem, "logo": is.logoProblem})
				return
			}
			is.shell.showError("The practice's details were not saved", err)
			return
		}
		is.saved = id
		is.check()
		is.status.SetText("Saved. Reports now come from " + strings.TrimSuffix(id.Prepared(), ".") + ".")
	})
}
