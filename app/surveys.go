package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/questionnaires"
)

// surveySender writes pulse surveys and closing evaluations as fillable PDF forms, one per
// member, into a folder the coach picks, with progress, then says what it wrote. The answers
// come back through Import answers…, which reads every kind of returned form.
type surveySender struct {
	shell *practice

	// chooseFolder asks for the folder the forms go in; tests answer it themselves.
	chooseFolder func(use func(dir string))

	// Shown last, kept for tests.
	cohortDialog *dialog.CustomDialog
	every        *widget.Entry // the cohort's pulse interval, in days
	everyProblem *widget.Label
	saveEvery    *widget.Button
	confirm      *dialog.ConfirmDialog
	result       *dialog.CustomDialog
	summary      *widget.Label
	last         questionnaires.SentSurveys
}

func newSurveySender(shell *practice) *surveySender {
	s := &surveySender{shell: shell}
	s.chooseFolder = func(use func(string)) { shell.chooseOutputFolder("forms", use) }
	return s
}

// sendPartnership writes the survey for each member of one partnership.
func (s *surveySender) sendPartnership(kind data.SurveyKind, p *data.Partnership) {
	ids, members := []int64{p.ID}, len(p.Members)
	s.chooseFolder(func(dir string) { s.run(kind, ids, members, dir) })
}

// sendCohort writes the survey for every member of the cohort's partnerships it is due for.
func (s *surveySender) sendCohort(kind data.SurveyKind, cohortID int64) {
	var due []data.Partnership
	s.shell.load("Mutua could not find the partnerships due a survey", nil, func(store *sqlite.Store) (err error) {
		due, err = store.SurveysDue(context.Background(), cohortID, kind, data.DateOf(time.Now()))
		return err
	}, func() {
		what := strings.ToLower(kind.Label())
		if len(due) == 0 {
			when := "30 days after a partnership starts and then at the cohort's interval"
			if kind == data.Closing {
				when = "from a partnership's planned end"
			}
			s.shell.showInfo("No "+what+" due", fmt.Sprintf("No partnership of this cohort is due a %s today: it falls due %s, and not again once a member has answered. To send one anyway, open the partnership.", what, when))
			return
		}
		var ids []int64
		var names []string
		members := 0
		for _, p := range due {
			ids = append(ids, p.ID)
			names = append(names, p.Names(" + "))
			members += len(p.Members)
		}
		msg := fmt.Sprintf("%d partnership%s %s due a %s: %s.\n\nMutua writes one form for each of their %d members into a folder you choose; you send each person theirs.",
			len(due), data.Plural(len(due)), map[bool]string{true: "is", false: "are"}[len(due) == 1], what, data.Clip(strings.Join(names, "; ")), members)
		s.confirm = dialog.NewConfirm(kind.Label()+"s", msg, func(ok bool) {
			if ok {
				s.chooseFolder(func(dir string) { s.run(kind, ids, members, dir) })
			}
		}, s.shell.win)
		s.confirm.SetConfirmText("Write the forms")
		s.shell.sizeDialog(s.confirm, 560, 0)
		s.confirm.Show()
	})
}

// run writes the forms off the UI goroutine with progress and a Cancel that stops before the
// next form, then shows what was written.
func (s *surveySender) run(kind data.SurveyKind, ids []int64, members int, dir string) {
	ctx, cancel := context.WithCancel(context.Background())
	var stopped atomic.Bool
	progress := newProgressDialog(s.shell.Shell, kind.Label()+"s", "Writing the forms…", max(members, 1), func() {
		stopped.Store(true)
		cancel()
	}).show()
	store := s.shell.store
	s.shell.background(func() {
		defer cancel()
		written, err := questionnaires.SendSurveys(ctx, store, kind, ids, dir, s.shell.reportOptions().PageSize, func(done, total int) {
			fyne.Do(func() { progress.setDone(min(done, progress.total)) })
		})
		fyne.Do(func() {
			progress.hide()
			if s.shell.left {
				return
			}
			if err != nil && !(stopped.Load() && len(written.Files) > 0) {
				if stopped.Load() {
					return
				}
				s.shell.showError("Mutua did not write the forms", err)
				return
			}
			s.showResult(kind, written, dir, stopped.Load())
		})
	})
}

// showResult says how many forms were written and where, with a way to open the folder.
func (s *surveySender) showResult(kind data.SurveyKind, w questionnaires.SentSurveys, dir string, stopped bool) {
	s.last = w
	text := fmt.Sprintf("%d form%s written into %s, one for each member of %d partnership%s. Send each person their own form; when they send it back, read the answers with Import answers….",
		len(w.Files), data.Plural(len(w.Files)), dir, w.Partnerships, data.Plural(w.Partnerships))
	if stopped {
		text = fmt.Sprintf("Stopped: %d form%s written into %s before you cancelled.", len(w.Files), data.Plural(len(w.Files)), dir)
	}
	s.summary = wrapped(text)
	var dlg *dialog.CustomDialog
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() { s.shell.openFolder(dir) })
	closeButton := widget.NewButton("Close", func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(kind.Label()+"s written", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), open, closeButton), nil, nil, s.summary), s.shell.win)
	s.shell.sizeDialog(dlg, 560, 0)
	dlg.Show()
	s.result = dlg
}

// surveysView lists a partnership's survey answers, newest first: the score, the day, and
// what each wrote, the free text marked with who may read it.
func (pg *partnershipPage) surveysView() fyne.CanvasObject {
	page := pg.page
	pulse := widget.NewButtonWithIcon("Send pulse survey…", theme.MailSendIcon(), func() {
		pg.screen.shell.surveys.sendPartnership(data.Pulse, &pg.page.Partnership)
	})
	closing := widget.NewButtonWithIcon("Send closing evaluation…", theme.MailSendIcon(), func() {
		pg.screen.shell.surveys.sendPartnership(data.Closing, &pg.page.Partnership)
	})
	pg.sendPulse, pg.sendClosing = pulse, closing
	if page.Ended() && page.Status != data.Completed {
		pulse.Disable()
		closing.Disable()
	}
	parts := []fyne.CanvasObject{container.NewHBox(pulse, closing)}
	if len(page.Surveys) == 0 {
		parts = append(parts, wrapped("No survey answers yet. A pulse survey falls due 30 days after the start and then at the cohort's interval; the closing evaluation at the planned end. Read returned forms with Import answers…."))
	}
	for _, a := range page.Surveys {
		title := fmt.Sprintf("%s, %s: productive %d of 5 — %s", a.ParticipantName, formatDate(a.AnsweredOn), a.Productive, strings.ToLower(a.Kind.Label()))
		label := heading(title)
		if a.Low() {
			label.Importance = widget.WarningImportance
		}
		parts = append(parts, label)
		var lines []string
		for _, l := range []struct{ what, text string }{{"Learned", a.Learned}, {"Would change", a.Change}, {"Continues", a.Continues}} {
			if l.text != "" {
				lines = append(lines, l.what+": "+l.text)
			}
		}
		if a.Recommend != "" {
			lines = append(lines, "Would recommend the programme: "+a.Recommend)
		}
		if len(lines) > 0 {
			parts = append(parts, wrapped(strings.Join(lines, "\n")))
		}
		if a.FreeText != "" {
			mark := map[data.Visibility]string{data.Private: "Private to you", data.Shared: "Shared with the partner", data.Sponsor: "Safe for the sponsor"}[a.Visibility]
			parts = append(parts, container.NewBorder(nil, nil, widget.NewIcon(visibilityIcon(a.Visibility)), nil, wrapped(mark+": "+a.FreeText)))
		}
	}
	return container.NewVBox(parts...)
}

// cohortSurveys offers a cohort's surveys: the pulse interval, and writing the pulse surveys
// or closing evaluations that are due.
func (s *surveySender) cohortSurveys(cohortID int64) {
	var every int
	s.shell.load("Mutua could not read the cohort's survey settings", nil, func(store *sqlite.Store) (err error) {
		every, err = store.PulseEvery(context.Background(), cohortID)
		return err
	}, func() {
		s.every = widget.NewEntry()
		s.every.SetText(fmt.Sprint(every))
		s.everyProblem = problemLine()
		s.saveEvery = widget.NewButton("Save", func() { s.onSaveEveryTapped(cohortID) })
		var dlg *dialog.CustomDialog
		pulse := widget.NewButtonWithIcon("Send pulse surveys due…", theme.MailSendIcon(), func() {
			dlg.Hide()
			s.sendCohort(data.Pulse, cohortID)
		})
		closing := widget.NewButtonWithIcon("Send closing evaluations due…", theme.MailSendIcon(), func() {
			dlg.Hide()
			s.sendCohort(data.Closing, cohortID)
		})
		content := container.NewVBox(
			wrapped(fmt.Sprintf("Each member of a partnership gets a short pulse survey %d days after it starts, then at the interval below, and a closing evaluation at its planned end. Mutua writes the forms; you send them; Import answers… reads them back.", data.FirstPulseAfterDays)),
			container.NewBorder(nil, nil, widget.NewLabel("Pulse survey every"), container.NewHBox(widget.NewLabel("days"), s.saveEvery), s.every),
			s.everyProblem,
			container.NewHBox(pulse, closing))
		closeButton := widget.NewButton("Close", func() { dlg.Hide() })
		dlg = dialog.NewCustomWithoutButtons("Surveys", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeButton), nil, nil, content), s.shell.win)
		s.shell.sizeDialog(dlg, 620, 0)
		dlg.Show()
		s.cohortDialog = dlg
	})
}

// onSaveEveryTapped saves the cohort's pulse interval, or says why not.
func (s *surveySender) onSaveEveryTapped(cohortID int64) {
	days, err := strconv.Atoi(strings.TrimSpace(s.every.Text))
	if err != nil {
		s.everyProblem.SetText(fmt.Sprintf("Write the number of days, from 1 to %d.", data.MaxPulseEveryDays))
		s.everyProblem.Show()
		return
	}
	s.shell.saveOr(func() error { return s.shell.store.SetPulseEvery(context.Background(), cohortID, days) }, func(err error) {
		if err != nil {
			s.everyProblem.SetText(data.Message(err))
			s.everyProblem.Show()
			return
		}
		s.everyProblem.Hide()
		s.saveEvery.SetText("Saved")
	})
}
