package app

import (
	"errors"
	"fmt"
	"net/url"
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

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/drafts"
	"mutua/messages"
)

// mailer writes the practice's emails from the window: introductions (a cohort's or one
// pair's), nudges and thank-yous. It asks what the records do not hold (the first session's
// date and time, the folder), writes off the UI goroutine with progress, and then says what
// it wrote, with a way to open a draft in the mail program or copy its text.
type mailer struct {
	shell *practice

	// chooseFolder asks for the folder the drafts go in; tests answer it themselves.
	chooseFolder func(use func(dir string))
	// openURL opens a draft in the mail program, or a folder, as a double-click would.
	openURL func(*url.URL) error
	// onProgress, when set, hears of each draft of a batch (for tests).
	onProgress func(done, total int)

	// Shown last, kept for tests.
	choices       *dialog.CustomDialog  // the emails of a partnership
	noAddress     *dialog.ConfirmDialog // the coach has no address in Settings
	firstForm     *dialog.FormDialog
	firstDate     *dateEntry
	firstTime     *widget.Entry
	batch         *draftBatch
	result        *dialog.CustomDialog
	resultStatus  *widget.Label
	last          messages.Result
	lastMessages  []*messages.Message
	lastDraftPath map[*drafts.Draft]string
	copied        map[*drafts.Draft][]string // the attachments saved for a copied draft
}

func newMailer(shell *practice) *mailer {
	m := &mailer{shell: shell, openURL: shell.app.OpenURL}
	m.chooseFolder = func(use func(string)) { shell.chooseOutputFolder("drafts", use) }
	return m
}

// writer reads the practice's settings and templates, off the UI goroutine.
func (m *mailer) writer(s *sqlite.Store) (*messages.Writer, error) {
	return messages.NewWriter(s, m.shell.reportOptions(), time.Now())
}

// introduceCohort introduces every active partnership of a cohort: it asks for the first
// session and the folder, then writes one draft per partnership with progress.
func (m *mailer) introduceCohort(cohortID int64) {
	var list []data.Partnership
	m.withAddress(func(s *sqlite.Store) (err error) {
		list, err = messages.ActivePartnerships(s, cohortID)
		return err
	}, func(zone string) {
		if len(list) == 0 {
			m.shell.showInfo("No partnership to introduce", "This cohort has no active partnership yet. Approve a round of pairs on the Pairing screen first.")
			return
		}
		m.askFirstSession(zone, len(list), func(first time.Time) {
			m.chooseFolder(func(dir string) { m.runIntroductions(list, dir, first) })
		})
	})
}

// introducePartnership writes one partnership's introduction, with the same questions.
func (m *mailer) introducePartnership(id int64) {
	m.withAddress(nil, func(zone string) {
		m.askFirstSession(zone, 1, func(first time.Time) {
			m.chooseFolder(func(dir string) {
				m.writeMessages("Introduction", dir, func(w *messages.Writer) ([]*messages.Message, error) {
					msg, err := w.Introduction(id, first)
					if err != nil {
						return nil, err
					}
					return []*messages.Message{msg}, nil
				})
			})
		})
	})
}

// nudge writes a note to a partnership that has gone quiet or has overdue actions.
func (m *mailer) nudge(id int64) {
	m.withAddress(nil, func(string) {
		m.chooseFolder(func(dir string) {
			m.writeMessages("Checking in", dir, func(w *messages.Writer) ([]*messages.Message, error) {
				msg, err := w.Nudge(id)
				if err != nil {
					return nil, err
				}
				return []*messages.Message{msg}, nil
			})
		})
	})
}

// thankYous writes the end-of-programme thank-you to each member of a partnership, with
// their progress report.
func (m *mailer) thankYous(id int64) {
	m.withAddress(nil, func(string) {
		m.chooseFolder(func(dir string) {
			m.writeMessages("Thank you", dir, func(w *messages.Writer) ([]*messages.Message, error) { return w.ThankYous(id) })
		})
	})
}

// withAddress reads the email settings (and what read, if not nil, needs) off the UI
// goroutine, then goes on with the coach's time zone; without the coach's address it says
// so first, with the way to Settings, and writes nothing.
func (m *mailer) withAddress(read func(*sqlite.Store) error, then func(zone string)) {
	var settings data.MessageSettings
	m.shell.load("Mutua could not read the email settings", nil, func(s *sqlite.Store) (err error) {
		if settings, err = s.MessageSettings(); err != nil || read == nil {
			return err
		}
		return read(s)
	}, func() {
		if settings.CoachEmail != "" {
			then(settings.Zone())
			return
		}
		d := dialog.NewCustomConfirm("Your email address is missing", "Open Settings", "Close",
			wrapped("The drafts come from you: add your email address in Settings, under Emails, first."), func(open bool) {
				if open {
					m.shell.selectTab("Settings")
					m.shell.win.Canvas().Focus(m.shell.settings.emails.email)
				}
			}, m.shell.win)
		m.shell.sizeDialog(d, 460, 0)
		d.Show()
		m.noAddress = d
	})
}

// writeMessages makes a few drafts and saves them into dir, then says what was written.
func (m *mailer) writeMessages(title, dir string, compose func(*messages.Writer) ([]*messages.Message, error)) {
	var list []*messages.Message
	var r messages.Result
	store := m.shell.store
	m.shell.busy(title, "Writing the draft…", func() error {
		w, err := m.writer(store)
		if err != nil {
			return err
		}
		if list, err = compose(w); err != nil {
			return err
		}
		r = messages.SaveAll(dir, list)
		for _, msg := range list {
			if msg.Note != "" {
				r.Notes = append(r.Notes, data.Problem{Message: msg.Names + ": " + msg.Note})
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			m.shell.showError("Mutua did not write the draft", err)
			return
		}
		m.showResult(title, r, list)
	})
}

// askFirstSession asks for the date and time of the first session, on the coach's clock,
// proposing the next Tuesday at 09:00.
func (m *mailer) askFirstSession(zone string, pairs int, use func(time.Time)) {
	proposed := messages.DefaultFirstSession(time.Now(), zone)
	day := time.Date(proposed.Year(), proposed.Month(), proposed.Day(), 0, 0, 0, 0, time.Local)
	m.firstDate = newDateEntry()
	m.firstDate.SetDate(&day)
	m.firstTime = widget.NewEntry()
	m.firstTime.SetText(proposed.Format("15:04"))
	m.firstTime.Validator = func(text string) error {
		_, err := readClock(text)
		return err
	}
	who := "the pair"
	if pairs > 1 {
		who = fmt.Sprintf("each of the %d pairs", pairs)
	}
	items := []*widget.FormItem{
		{Text: "Date", Widget: m.firstDate, HintText: "Proposed to " + who + ", with an invitation repeating at their agreed cadence until the planned end"},
		{Text: "Time", Widget: m.firstTime, HintText: "On your clock (" + zone + "), e.g. 09:30 or 14:00"},
	}
	form := dialog.NewForm("First session", "Next", "Cancel", items, func(ok bool) {
		if ok {
			m.onFirstSessionChosen(use)
		}
	}, m.shell.win)
	m.shell.sizeDialog(form, 520, 0)
	form.Show()
	m.firstForm = form
}

// onFirstSessionChosen reads the date and time chosen, or says what is wrong with them.
func (m *mailer) onFirstSessionChosen(use func(time.Time)) {
	d, err := m.firstDate.value()
	if err == nil && d.IsZero() {
		err = errors.New("Choose the date of the first session.")
	}
	if err != nil {
		m.shell.showError("Choose the first session", err)
		return
	}
	clock, err := readClock(m.firstTime.Text)
	if err != nil {
		m.shell.showError("Choose the first session", err)
		return
	}
	t := d.Time()
	use(time.Date(t.Year(), t.Month(), t.Day(), clock.Hour(), clock.Minute(), 0, 0, time.UTC))
}

// readClock reads a time of day: 09:30, 9:30 or 14.00.
func readClock(text string) (time.Time, error) {
	s := strings.ReplaceAll(strings.TrimSpace(text), ".", ":")
	for _, layout := range []string{"15:04", "3:04pm", "3:04 pm", "3pm"} {
		if t, err := time.Parse(layout, strings.ToLower(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time of day: write it as 09:30 or 14:00.", strings.TrimSpace(text))
}

// draftBatch is a cohort's introductions being written, one partnership at a time.
type draftBatch struct {
	stop   atomic.Bool
	dialog *dialog.CustomDialog
	label  *widget.Label
	bar    *meterBar
	cancel *widget.Button
}

// runIntroductions writes the introductions off the UI goroutine, with progress and a Cancel
// that stops before the next pair.
func (m *mailer) runIntroductions(list []data.Partnership, dir string, first time.Time) {
	b := &draftBatch{}
	m.batch = b
	total := len(list)
	b.label = widget.NewLabel("Writing…")
	b.label.Truncation = fyne.TextTruncateEllipsis
	b.bar = newMeterBar(float64(total), fmt.Sprintf("%d of %d", total, total))
	b.bar.set(0, fmt.Sprintf("0 of %d", total))
	b.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		b.stop.Store(true)
		b.cancel.Disable()
		b.label.SetText("Stopping after this draft…")
	})
	b.dialog = dialog.NewCustomWithoutButtons("Introducing pairs", container.NewVBox(b.label, b.bar, container.NewHBox(layout.NewSpacer(), b.cancel)), m.shell.win)
	m.shell.sizeDialog(b.dialog, 480, 0)
	b.dialog.Show()
	store := m.shell.store
	m.shell.background(func() {
		w, err := m.writer(store)
		var r messages.Result
		if err == nil {
			r = w.Introduce(list, dir, first, messages.Progress{
				Stop: b.stop.Load,
				Step: func(done, total int, names string) {
					fyne.Do(func() {
						if names != "" {
							b.label.SetText("Writing the introduction of " + names + "…")
						}
						b.bar.set(float64(done), fmt.Sprintf("%d of %d", done, total))
						if m.onProgress != nil {
							m.onProgress(done, total)
						}
					})
				},
			})
		}
		fyne.Do(func() {
			b.dialog.Hide()
			if m.shell.left {
				return
			}
			if err != nil {
				m.shell.showError("Mutua did not write the introductions", err)
				return
			}
			m.showResult("Introductions", r, nil)
		})
	})
}

// showResult says how many drafts were written and where, which were not and why, and which
// went without an invitation; for a few drafts, a way to open each in the mail program or
// copy its text.
func (m *mailer) showResult(title string, r messages.Result, list []*messages.Message) {
	m.last, m.lastMessages = r, list
	m.lastDraftPath = map[*drafts.Draft]string{}
	m.copied = map[*drafts.Draft][]string{}
	content := container.NewVBox(wrapped(r.Summary()))
	if len(r.Failed) > 0 {
		content.Add(wrapped(fmt.Sprintf("%d could not be written:", len(r.Failed))))
		content.Add(problemList(r.Failed))
	}
	if len(r.Notes) > 0 {
		content.Add(wrapped("Written, but without what is said here (correct the agreement, then write them again):"))
		content.Add(problemList(r.Notes))
	}
	m.resultStatus = captionHint("")
	if len(list) > 0 && len(list) <= 4 && len(r.Failed) == 0 {
		paths := r.Paths
		for _, msg := range list {
			d := msg.Draft
			if len(paths) > 0 {
				m.lastDraftPath[d] = paths[0]
			}
			skip := 1
			if msg.Invitation != nil {
				skip = 2
			}
			paths = paths[min(skip, len(paths)):]
			open := widget.NewButtonWithIcon("Open in mail program", theme.MailComposeIcon(), func() { m.onOpenDraftTapped(d) })
			copyText := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() { m.onCopyDraftTapped(d, r.Dir) })
			name := widget.NewLabel(d.FileName())
			name.Truncation = fyne.TextTruncateEllipsis
			content.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, copyText), name))
		}
		content.Add(m.resultStatus)
	}
	heading := title + ": drafts written"
	if len(r.Failed) > 0 || r.Stopped || r.Drafts == 0 {
		heading = title + ": not all written"
	}
	dir := r.Dir
	var dlg *dialog.CustomDialog
	openFolder := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() { m.open(dir) })
	closeButton := widget.NewButton("Close", func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(heading, container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), openFolder, closeButton), nil, nil, content), m.shell.win)
	m.shell.sizeDialog(dlg, 620, 0)
	dlg.Show()
	m.result = dlg
}

// onOpenDraftTapped opens a written draft with the system's mail program.
func (m *mailer) onOpenDraftTapped(d *drafts.Draft) {
	if path := m.lastDraftPath[d]; path != "" {
		m.open(path)
	}
}

// onCopyDraftTapped puts the draft's text on the clipboard, for a mail program that cannot
// open .eml files (Gmail in a browser), and saves its PDFs beside it to attach by hand.
func (m *mailer) onCopyDraftTapped(d *drafts.Draft, dir string) {
	m.shell.app.Clipboard().SetContent(d.Text())
	saved, done := m.copied[d]
	if !done {
		for _, a := range d.Attachments {
			if strings.HasSuffix(strings.ToLower(a.Name), ".ics") {
				continue // already saved on its own
			}
			path, err := drafts.WriteNew(dir, a.Name, a.Data)
			if err != nil {
				m.shell.showError("Mutua could not save the attachment", err)
				return
			}
			saved = append(saved, filepath.Base(path))
		}
		m.copied[d] = saved
	}
	text := "Copied: start a new email, paste, and send."
	if len(saved) > 0 {
		text = "Copied. Start a new email, paste, and attach " + strings.Join(saved, ", ") + " from the folder"
		if len(d.Attachments) > len(saved) {
			text += ", and the invitation (.ics) beside it"
		}
		text += "."
	}
	m.resultStatus.SetText(text)
}

// open opens a file or folder the way the system opens it when double-clicked.
func (m *mailer) open(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = m.openURL(u)
	}
	if err != nil {
		m.shell.showError("Mutua could not open "+filepath.Base(path), err)
	}
}

// nudgeable says whether a home screen item is a partnership to nudge: one with no recent
// session, or with an overdue action item.
func nudgeable(item data.AttentionItem) bool {
	return item.PartnershipID != 0 && (item.Kind == data.Inactive || item.Kind == data.Overdue)
}

// offerIntroductions says a round was approved and offers to introduce its pairs at once.
func (m *mailer) offerIntroductions(cohortID int64, approved string) {
	d := dialog.NewCustomConfirm("Round approved", "Introduce pairs…", "Later",
		wrapped(approved+" Mutua can write the email introducing each pair now, with their pair brief and a calendar invitation attached; "+
			"or later, from the cohort on the Cohorts screen."), func(now bool) {
			if now {
				m.introduceCohort(cohortID)
			}
		}, m.shell.win)
	m.shell.sizeDialog(d, 520, 0)
	d.Show()
}

// onEmailsTapped offers the drafts Mutua writes for one partnership.
func (pg *partnershipPage) onEmailsTapped() {
	if pg.page == nil {
		return
	}
	id := pg.page.ID
	mail := pg.screen.shell.mail
	var d *dialog.CustomDialog
	choice := func(label, detail string, icon fyne.Resource, do func(int64)) fyne.CanvasObject {
		b := widget.NewButtonWithIcon(label, icon, func() {
			d.Hide()
			do(id)
		})
		b.Alignment = widget.ButtonAlignLeading
		return container.NewVBox(b, captionHint(detail))
	}
	content := container.NewVBox(
		choice("Introduction…", "To both members, with their pair brief and a calendar invitation for their sessions.", theme.MailComposeIcon(), mail.introducePartnership),
		choice("Checking in…", "A nudge to meet again, naming any action past its due date.", theme.HistoryIcon(), mail.nudge),
		choice("Thank you…", "At the end of the programme, one to each member with their progress report.", theme.ConfirmIcon(), mail.thankYous),
		captionHint("Each is a draft (.eml) written into a folder you choose, to read and send from your own mail program."))
	d = dialog.NewCustom("Emails for "+pg.page.Names(" + "), "Cancel", content, pg.screen.shell.win)
	pg.screen.shell.sizeDialog(d, 520, 0)
	d.Show()
	mail.choices = d
}
