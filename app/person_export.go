package app

import (
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/reports"
)

// Everything about one person, for a subject access request: as a readable PDF for the person,
// or as JSON for another system. Both hold the coach's private notes about them.

const (
	personAsPDF  = "A readable PDF, for the person"
	personAsJSON = "JSON, for another system"
)

// onExportPersonTapped asks in which form, then where to save.
func (pg *participantPage) onExportPersonTapped() {
	form := widget.NewRadioGroup([]string{personAsPDF, personAsJSON}, nil)
	form.SetSelected(personAsPDF)
	form.Required = true
	intro := widget.NewLabel("Everything this practice holds about " + pg.p.Name + ", including your private notes about them: the answer to a request to see their data.")
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Export everything about this person", "Save as…", "Cancel", widget.NewForm(
		widget.NewFormItem("", intro), widget.NewFormItem("Form", form)), func(ok bool) {
		if ok {
			pg.exportPerson(form.Selected == personAsPDF, "")
		}
	}, pg.roster.shell.win)
	pg.roster.shell.sizeDialog(d, 480, 0)
	d.Show()
	pg.exportForm = form
}

// exportPerson saves the person's record to path, or asks where when path is "".
func (pg *participantPage) exportPerson(pdf bool, path string) {
	shell := pg.roster.shell
	id, name := pg.p.ID, pg.p.Name
	ext, write := ".json", func(w io.Writer) error { return shell.store.ExportPerson(id, w) }
	if pdf {
		opts := shell.reportOptions()
		ext, write = ".pdf", func(w io.Writer) error {
			return reports.Print(w, shell.store, reports.Record, id, data.DateOf(time.Now()), opts)
		}
	}
	done := func(path string) string {
		return "Everything held about " + name + " was saved to " + path + ". It holds your private notes about them: send it to them only, and keep no copy you do not need."
	}
	if path != "" {
		shell.saveTo(path, "Exporting…", write, done)
		return
	}
	shell.saveFile(shell.exportName(strings.ReplaceAll(name, "/", "-"), ext), ext, "Exporting…", write, done)
}
