package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/messages"
	"mutua/questionnaires"
)

// formsLoop sends questionnaires as fillable PDF forms and imports the returned ones: Send
// questionnaires… (a cohort's members, or the participants the roster shows) and Import
// answers…, which shows what the answers change before anything is stored.
type formsLoop struct {
	shell *practice

	// chooseFolder asks for the folder the forms go in; choosePaths for the returned files.
	// Tests answer them themselves.
	chooseFolder func(use func(dir string))
	choosePaths  func(use func(paths []string))
	openURL      func(*url.URL) error

	// Shown last, kept for tests.
	ask        *dialog.CustomDialog
	instrument *widget.Select
	withDrafts *widget.Check
	lastDrafts messages.Result
	sent       *dialog.CustomDialog
	lastSent   questionnaires.Sent
	preview    *dialog.CustomDialog
	confirm    *widget.Button
	lastRead   *questionnaires.Preview
}

const noInstrument = "None: the profile questions only"

func newFormsLoop(shell *practice) *formsLoop {
	f := &formsLoop{shell: shell, openURL: shell.app.OpenURL}
	f.chooseFolder = func(use func(string)) { shell.chooseOutputFolder("questionnaires", use) }
	f.choosePaths = f.askPaths
	return f
}

// send asks which instrument's questions follow the profile questions, then the folder, and
// writes one form per person with progress. cohortID 0 sends to people, the roster's choice.
func (f *formsLoop) send(cohortID int64, people []int64, count int, who string) {
	var list []data.Instrument
	f.shell.load("Mutua could not read the instruments", nil, func(s *sqlite.Store) (err error) {
		list, err = s.Instruments()
		return err
	}, func() {
		options := []string{noInstrument}
		ids := map[string]int64{}
		chosen := noInstrument
		for _, in := range list {
			if in.HasItems() && !in.Retired {
				options = append(options, in.Name)
				ids[in.Name] = in.ID
				if in.Key == data.WorkOrientationKey {
					chosen = in.Name
				}
			}
		}
		f.instrument = widget.NewSelect(options, nil)
		f.instrument.SetSelected(chosen)
		f.withDrafts = widget.NewCheck("Also write the emails: a draft to each person with their form attached", nil)
		var d *dialog.CustomDialog
		cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
		next := widget.NewButtonWithIcon("Choose the folder…", theme.FolderOpenIcon(), func() {
			d.Hide()
			s := questionnaires.Sending{Kind: data.IntakeForm, CohortID: cohortID, People: people,
				Instrument: ids[f.instrument.Selected], PageSize: f.shell.reportOptions().PageSize}
			withDrafts := f.withDrafts.Checked
			f.chooseFolder(func(dir string) {
				s.Dir = dir
				f.write(s, count, withDrafts)
			})
		})
		next.Importance = widget.HighImportance
		body := container.NewVBox(
			wrapped(fmt.Sprintf("Mutua writes an intake questionnaire for %s as a fillable PDF, one file each, with their name and programme filled in, "+
				"and a blank one for paper. Each asks about their work, what they can teach and want to learn, their hopes and availability, "+
				"then the questions of the instrument you choose. Send each person their own file; they fill it in any PDF reader and send it back. "+
				"Import answers… reads the returned files.", who)),
			widget.NewForm(widget.NewFormItem("Then the questions of", f.instrument)), f.withDrafts)
		d = dialog.NewCustomWithoutButtons("Send questionnaires", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, next), nil, nil, body), f.shell.win)
		f.shell.sizeDialog(d, 560, 0)
		d.Show()
		f.ask = d
	})
}

// write writes the forms off the UI goroutine, with progress, then says where they are.
func (f *formsLoop) write(s questionnaires.Sending, count int, withDrafts bool) {
	ctx, stop := context.WithCancel(context.Background())
	progress := newProgressDialog(f.shell.Shell, "Send questionnaires", "Writing the questionnaires…", count, stop).show()
	store := f.shell.store
	f.shell.background(func() {
		sent, err := questionnaires.Send(ctx, store, s, func(done, total int) {
			fyne.Do(func() {
				if progress.bar != nil && total == progress.total {
					progress.setDone(done)
				}
			})
		})
		stop()
		var r messages.Result
		var draftsErr error
		if err == nil && withDrafts {
			var w *messages.Writer
			if w, draftsErr = messages.NewWriter(store, f.shell.reportOptions(), time.Now()); draftsErr == nil {
				if w.Coach().Email == "" {
					draftsErr = data.Errorf(data.Invalid, "No emails were written: the drafts come from you, so add your email address in Settings, under Emails, first.")
				} else {
					r = questionnaires.Drafts(w, sent)
				}
			}
		}
		fyne.Do(func() {
			progress.hide()
			if f.shell.left {
				return
			}
			if errors.Is(err, context.Canceled) {
				f.shell.showInfo("Questionnaires stopped", "Stopped as you asked: the forms written so far are in the folder. Send the questionnaires again to write them all.")
				return
			}
			if err != nil {
				f.shell.showError("Mutua did not write all the questionnaires", err)
				return
			}
			f.showSent(sent, withDrafts, r, draftsErr)
		})
	})
}

// showSent says what was written, with a way to open the folder.
func (f *formsLoop) showSent(sent questionnaires.Sent, withDrafts bool, r messages.Result, draftsErr error) {
	f.lastSent, f.lastDrafts = sent, r
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() { f.open(sent.Dir) })
	closeButton := widget.NewButton("Close", func() { d.Hide() })
	body := container.NewVBox(wrapped(sent.Summary()),
		wrapped("Send each person the file with their name. When they send it back, put the returned files in a folder and use Import answers…: "+
			"each file is matched to its person by a hidden id, whatever its name."))
	switch {
	case draftsErr != nil:
		l := wrapped(data.Message(draftsErr))
		l.Importance = widget.DangerImportance
		body.Add(l)
	case withDrafts:
		body.Add(wrapped(r.Summary() + " Open each in your mail program and send it."))
		if len(r.Failed) > 0 {
			body.Add(wrapped(fmt.Sprintf("%d could not be written:", len(r.Failed))))
			body.Add(problemList(r.Failed))
		}
	}
	d = dialog.NewCustomWithoutButtons("Questionnaires written", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), open, closeButton), nil, nil, body), f.shell.win)
	f.shell.sizeDialog(d, 560, 0)
	d.Show()
	f.sent = d
}

// askPaths asks for the returned forms: a folder of them, or one file.
func (f *formsLoop) askPaths(use func(paths []string)) {
	var d *dialog.CustomDialog
	folder := widget.NewButtonWithIcon("A folder of returned files…", theme.FolderOpenIcon(), func() {
		d.Hide()
		fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				f.shell.showError("Mutua could not open that folder", err)
			} else if dir != nil {
				use([]string{dir.Path()})
			}
		}, f.shell.win)
		fd.SetTitleText("Choose the folder of returned questionnaires")
		fd.SetConfirmText("Import from here")
		f.shell.showFileDialog(fd)
	})
	folder.Importance = widget.HighImportance
	file := widget.NewButtonWithIcon("One file…", theme.FileIcon(), func() {
		d.Hide()
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				f.shell.showError("Mutua could not open that file", err)
			} else if r != nil {
				r.Close()
				use([]string{r.URI().Path()})
			}
		}, f.shell.win)
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".PDF"}))
		f.shell.showFileDialog(fd)
	})
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Import answers", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, file, folder), nil, nil,
		wrapped("Choose the questionnaires your participants sent back: a folder holding them (every PDF in it is read), or a single file. "+
			"You see what they change before anything is stored.")), f.shell.win)
	f.shell.sizeDialog(d, 560, 0)
	d.Show()
}

// importAnswers asks for the returned forms, reads them with progress, and shows the preview.
func (f *formsLoop) importAnswers() {
	f.choosePaths(func(paths []string) {
		files, err := questionnaires.Files(paths)
		if err != nil {
			f.shell.showError("Import answers", err)
			return
		}
		ctx, stop := context.WithCancel(context.Background())
		progress := newProgressDialog(f.shell.Shell, "Import answers", "Reading the returned questionnaires…", len(files), stop).show()
		store := f.shell.store
		f.shell.background(func() {
			pv, err := questionnaires.Read(ctx, store, files, data.DateOf(time.Now()), func(done, total int) {
				fyne.Do(func() { progress.setDone(done) })
			})
			stop()
			fyne.Do(func() {
				progress.hide()
				if f.shell.left || errors.Is(err, context.Canceled) {
					return
				}
				if err != nil {
					f.shell.showError("Import answers", err)
					return
				}
				f.showPreview(pv)
			})
		})
	})
}

// showPreview shows what the batch would change, file by file, and imports it on the coach's
// word; a batch with a file that cannot be imported imports nothing.
func (f *formsLoop) showPreview(pv *questionnaires.Preview) {
	f.lastRead = pv
	body := container.NewVBox(wrapped(pv.Summary()))
	var problems []data.Problem
	for _, file := range pv.Files {
		switch {
		case file.Problem != "":
			problems = append(problems, data.Problem{Message: filepath.Base(file.Path) + ": " + file.Problem})
		case strings.HasPrefix(file.Note, "Left out"):
			body.Add(captionHint(filepath.Base(file.Path) + ": " + file.Note))
		}
	}
	if len(problems) > 0 {
		l := wrapped(fmt.Sprintf("Nothing can be imported while %d file%s cannot be. Set %s aside (or ask for a new copy) and import again:",
			len(problems), data.Plural(len(problems)), map[bool]string{true: "it", false: "them"}[len(problems) == 1]))
		l.Importance = widget.DangerImportance
		body.Add(l)
		for _, p := range problems {
			pl := wrapped(p.Message)
			pl.Importance = widget.DangerImportance
			body.Add(pl)
		}
	}
	for _, c := range pv.Changes {
		head := widget.NewLabelWithStyle(c.Person+"  ("+filepath.Base(c.File)+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		body.Add(head)
		if c.Survey != "" {
			body.Add(wrapped(c.Survey))
		}
		if len(c.Scores) > 0 {
			body.Add(wrapped("New result: " + strings.Join(c.Scores, ", ")))
		}
		for _, fc := range c.Profile {
			// in words, not with an arrow: the interface font has no arrow glyph
			body.Add(wrapped(fc.Field + ": " + shortValue(fc.New) + " (was " + shortValue(fc.Old) + ")"))
		}
		if len(c.Scores) == 0 && len(c.Profile) == 0 && c.Survey == "" {
			body.Add(captionHint("No answers given: it is recorded as returned."))
		}
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	f.confirm = widget.NewButtonWithIcon(fmt.Sprintf("Import %d questionnaire%s", len(pv.Changes), data.Plural(len(pv.Changes))), theme.UploadIcon(), func() {
		d.Hide()
		f.apply(pv)
	})
	f.confirm.Importance = widget.HighImportance
	if !pv.Ready() {
		f.confirm.Disable()
	}
	d = dialog.NewCustomWithoutButtons("Import answers", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, f.confirm), nil, nil,
		container.NewVScroll(body)), f.shell.win)
	f.shell.sizeDialog(d, 680, min(560, body.MinSize().Height+cancel.MinSize().Height+4*theme.Padding()+40))
	d.Show()
	f.preview = d
}

func shortValue(s string) string {
	if s == "" {
		return "(none)"
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}

// apply stores the batch, all of it or nothing.
func (f *formsLoop) apply(pv *questionnaires.Preview) {
	store := f.shell.store
	var out string
	f.shell.save("The answers were not imported", func() error {
		if err := questionnaires.Apply(context.Background(), store, pv); err != nil {
			return err
		}
		out, _ = questionnaires.StillOut(context.Background(), store, pv) // a line of news: its failure is no failure of the import
		return nil
	}, func() {
		msg := fmt.Sprintf("Imported %d questionnaire%s. The new results are in each person's history and are used by pairing.",
			len(pv.Changes), data.Plural(len(pv.Changes)))
		if out != "" {
			msg += "\n\n" + out
		}
		f.shell.showInfo("Answers imported", msg)
	})
}

func (f *formsLoop) open(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = f.openURL(u)
	}
	if err != nil {
		f.shell.showError("Mutua could not open "+filepath.Base(path), err)
	}
}
