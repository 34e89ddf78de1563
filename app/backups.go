package app

import (
	"cmp"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// backupsSection is Settings → Backups: the verified backups of the open practice, a backup
// on demand, restoring one, and the folder they are kept in.
type backupsSection struct {
	shell *practice

	list     []sqlite.Backup
	content  fyne.CanvasObject
	summary  *widget.Label
	backups  *widget.List
	selected int
	backUp   *widget.Button
	restore  *widget.Button
	folder   *widget.Button
	every    *widget.Select
	where    *widget.Label
	choose   *widget.Button // another backup folder
	beside   *widget.Button // back to the folder beside the practice

	encryption *backupEncryption
}

// backupSchedules names the choices of prefBackupEvery.
var backupSchedules = map[string]string{
	(4 * time.Hour).String():           "Every 4 hours",
	sqlite.DefaultBackupEvery.String(): "Every day",
	(7 * 24 * time.Hour).String():      "Every week",
}

func newBackupsSection(shell *practice) *backupsSection {
	b := &backupsSection{shell: shell, selected: -1}
	b.summary = widget.NewLabel("")
	b.summary.Wrapping = fyne.TextWrapWord
	b.backups = widget.NewList(func() int { return len(b.list) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(b.list) {
				return
			}
			bk := b.list[id]
			text := fmt.Sprintf("%s · %s · %s", formatTime(bk.Time), bk.Reason, sizeText(bk.Size))
			if bk.Encrypted {
				text += " · encrypted"
			}
			o.(*widget.Label).SetText(text)
		})
	b.backups.OnSelected = func(id widget.ListItemID) {
		b.selected = id
		b.restore.Enable()
	}
	b.backUp = widget.NewButtonWithIcon("Back up now", theme.DocumentSaveIcon(), b.onBackUpTapped)
	b.restore = widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), b.onRestoreTapped)
	b.restore.Importance = widget.WarningImportance
	b.restore.Disable()
	b.folder = widget.NewButtonWithIcon("Open data folder", theme.FolderOpenIcon(), b.onFolderTapped)
	var schedules []string
	for _, key := range prefBackupEvery.choices {
		schedules = append(schedules, backupSchedules[key])
	}
	b.every = widget.NewSelect(schedules, nil)
	b.where = widget.NewLabel("")
	b.where.Wrapping = fyne.TextWrapBreak
	b.choose = widget.NewButtonWithIcon("Choose folder…", theme.FolderIcon(), b.onChooseTapped)
	b.beside = widget.NewButton("Keep beside the practice", func() { b.useFolder("") })
	b.encryption = newBackupEncryption(shell)
	b.content = container.NewVBox(b.summary,
		container.NewHBox(widget.NewLabel("Back up when a practice is opened"), b.every, widget.NewLabel("and on quitting")),
		container.NewBorder(nil, nil, nil, container.NewHBox(b.choose, b.beside), b.where),
		b.encryption.content,
		container.NewGridWrap(fyne.NewSize(560, 180), b.backups),
		container.NewHBox(b.backUp, b.restore, b.folder))
	return b
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// reload lists the open practice's backups.
func (b *backupsSection) reload() {
	b.selected = -1
	b.restore.Disable()
	store := b.shell.store
	b.every.OnChanged = nil
	b.every.SetSelected(backupSchedules[prefBackupEvery.get(b.shell.app)])
	b.every.OnChanged = b.onEveryChanged
	b.where.SetText("Backups of this practice are kept in " + store.BackupDir())
	b.encryption.reload()
	if prefBackupFolder.get(b.shell.app) == "" {
		b.beside.Hide()
	} else {
		b.beside.Show()
	}
	list, err := sqlite.Backups(store.BackupDir())
	if err != nil {
		b.summary.SetText(data.Message(err))
		return
	}
	b.list = list
	b.backups.UnselectAll()
	b.backups.Refresh()
	text := "Mutua backs up this practice when it is opened and the newest backup is older than you choose below, before an upgrade, an import, a restore or a deletion, and when you quit. " +
		"Each backup is checked before it is kept. It keeps the backups of the last two days (up to 30), then one a day for a week, one a week for a month and one a month for a year. " +
		"A folder on another drive keeps them safe if this disk fails."
	if len(list) == 0 {
		text += " There is no backup yet."
	}
	b.summary.SetText(text)
}

func (b *backupsSection) onBackUpTapped() {
	store := b.shell.store
	var made sqlite.Backup
	b.shell.busy("Back up", "Backing up and checking the copy…", func() error {
		var err error
		made, err = store.Backup("by hand")
		return err
	}, func(err error) {
		if err != nil {
			b.shell.showError("The backup failed", err)
			return
		}
		b.reload()
		b.shell.showInfo("Backed up", fmt.Sprintf("A verified backup (%s) is kept in %s.", sizeText(made.Size), filepath.Dir(made.Path)))
	})
}

// onEveryChanged saves how often opening a practice backs it up.
func (b *backupsSection) onEveryChanged(label string) {
	for key, name := range backupSchedules {
		if name == label {
			prefBackupEvery.set(b.shell.app, key)
		}
	}
}

func (b *backupsSection) onChooseTapped() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			b.shell.showError("Mutua could not open that folder", err)
			return
		}
		if dir != nil {
			b.useFolder(dir.Path())
		}
	}, b.shell.win)
	d.SetTitleText("Choose where backups are kept")
	d.SetConfirmText("Keep backups here")
	b.shell.showFileDialog(d)
}

// useFolder keeps backups in root from now on ("" for beside the practice), once a first
// verified backup there shows that it works; otherwise nothing changes.
func (b *backupsSection) useFolder(root string) {
	store := b.shell.store
	old := prefBackupFolder.get(b.shell.app)
	store.SetBackupFolder(root)
	var made sqlite.Backup
	b.shell.busy("Backups", "Making a first backup in the new folder…", func() error {
		var err error
		made, err = store.Backup("by hand")
		return err
	}, func(err error) {
		if err != nil {
			store.SetBackupFolder(old)
			b.shell.showError("Backups stay where they were", err)
			return
		}
		prefBackupFolder.set(b.shell.app, root)
		b.reload()
		b.shell.showInfo("Backups moved", fmt.Sprintf("From now on backups are kept in %s; the first is made and checked. Earlier backups stay where they were.", filepath.Dir(made.Path)))
	})
}

func (b *backupsSection) onRestoreTapped() {
	if b.selected < 0 || b.selected >= len(b.list) {
		return
	}
	bk := b.list[b.selected]
	msg := wrapped(fmt.Sprintf("Restore the backup of %s?\n\nThe practice goes back to that moment. What it holds now is first kept in a safety backup, so nothing is lost.",
		formatTime(bk.Time)))
	confirm := dialog.NewCustomConfirm("Restore backup", "Restore", "Cancel", msg, func(ok bool) {
		if ok {
			b.shell.restoreBackup(bk.Path)
		}
	}, b.shell.win)
	confirm.SetConfirmImportance(widget.WarningImportance)
	b.shell.sizeDialog(confirm, 480, 0)
	confirm.Show()
	b.shell.lastConfirm = confirm
}

func (b *backupsSection) onFolderTapped() {
	b.shell.openFolder(filepath.Dir(b.shell.store.Path()))
}

// restoreWith leaves the practice, restores the backup over it (opening it with passphrase
// when it is encrypted) and opens it again.
func (s *Shell) restoreWith(backupPath, passphrase string) {
	path := s.practicePath
	if p := s.cur; p != nil {
		path = p.store.Path()
		s.discard(p)
		p.close(false) // no backup on leaving: Restore makes the safety backup
	}
	opts := s.storeOptions()
	opts.Passphrase = passphrase
	safety, err := sqlite.Restore(path, backupPath, opts)
	if err != nil {
		s.showError("The backup was not restored", err)
		s.OpenPractice(path)
		return
	}
	if err := s.OpenPractice(path); err != nil {
		return
	}
	msg := "The practice is back as it was at the backup."
	if safety.Path != "" {
		msg += " What it held before is kept in the backup of " + formatTime(safety.Time) + "."
	}
	s.showInfo("Restored", msg)
}

// offerRestore asks, after a damaged practice was set aside, whether to restore its newest backup.
func (s *Shell) offerRestore(path string, err error) {
	list, _ := sqlite.Backups(sqlite.BackupDir(path, s.storeOptions().BackupFolder))
	newest := sqlite.NewestBackup(list)
	if newest == nil {
		s.showError("Mutua could not open this practice", err)
		return
	}
	msg := wrapped(data.Message(err) + "\n\nRestore the backup of " + formatTime(newest.Time) + " now?")
	confirm := dialog.NewCustomConfirm("This practice is damaged", "Restore the backup", "Not now", msg, func(ok bool) {
		if ok {
			s.practicePath = path
			s.restoreBackup(newest.Path)
		}
	}, s.win)
	s.sizeDialog(confirm, 560, 0)
	confirm.Show()
	s.lastConfirm = confirm
}

// backUpSoon checks the practice just opened, off the UI goroutine, then makes the scheduled
// backup when one is due. A damaged practice is closed and set aside, and the coach is
// offered its newest backup.
func (p *practice) backUpSoon() {
	every := p.backupEvery()
	p.background(func() {
		checkErr := p.store.Checked()
		var err error
		if checkErr == nil {
			_, err = p.store.BackupIfDue(every)
		}
		if checkErr == nil && err == nil {
			return
		}
		fyne.Do(func() {
			switch {
			case p.left:
				// The coach has moved on to another practice; closing this one stopped its work.
			case data.ErrorCode(checkErr) == data.Damaged:
				p.damaged(checkErr)
			default:
				p.showError("The scheduled backup failed", cmp.Or(checkErr, err))
			}
		})
	})
}

// damaged leaves a practice found damaged after it was opened (already closed and set aside
// by the store) and offers to restore its newest backup.
func (p *practice) damaged(err error) {
	p.discard(p)
	p.offerRestore(p.store.Path(), err)
}

// backUpOnClosing makes a last backup when the coach quits or opens another practice, so
// today's work is kept twice.
func (p *practice) backUpOnClosing() {
	if _, err := p.store.Backup("on closing"); err != nil {
		fyne.LogError("backup on closing", err)
	}
}
