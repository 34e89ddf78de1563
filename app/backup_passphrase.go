package app

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// backupEncryption is the part of Settings → Backups that encrypts backups with a passphrase,
// changes it or turns it off.
type backupEncryption struct {
	shell *practice

	on      bool
	content fyne.CanvasObject
	state   *widget.Label
	set     *widget.Button // encrypt, or change the passphrase
	off     *widget.Button
	form    *passphraseForm // the dialog shown last
}

func newBackupEncryption(shell *practice) *backupEncryption {
	e := &backupEncryption{shell: shell}
	e.state = widget.NewLabel("")
	e.state.Wrapping = fyne.TextWrapWord
	e.set = widget.NewButtonWithIcon("Encrypt backups with a passphrase…", theme.AccountIcon(), e.onSetTapped)
	e.off = widget.NewButton("Turn encryption off…", e.onOffTapped)
	e.content = container.NewBorder(nil, nil, nil, container.NewHBox(e.set, e.off), e.state)
	return e
}

// reload shows whether this practice's backups are encrypted.
func (e *backupEncryption) reload() {
	var on bool
	e.shell.load("Mutua could not read the backup settings", nil, func(s *sqlite.Store) error {
		var err error
		on, err = s.BackupsEncrypted()
		return err
	}, func() { e.show(on) })
}

func (e *backupEncryption) show(on bool) {
	e.on = on
	if on {
		e.state.SetText("Backups are encrypted with your passphrase: restoring one asks for it. The practice file itself is not encrypted.")
		e.set.SetText("Change passphrase…")
		e.off.Show()
	} else {
		e.state.SetText("Backups are not encrypted: anyone who can open the backup folder can read them.")
		e.set.SetText("Encrypt backups with a passphrase…")
		e.off.Hide()
	}
}

func (e *backupEncryption) onSetTapped() { e.form = newPassphraseForm(e, false) }
func (e *backupEncryption) onOffTapped() { e.form = newPassphraseForm(e, true) }

// passphraseForm sets, changes or turns off the backup passphrase.
type passphraseForm struct {
	enc     *backupEncryption
	turnOff bool

	*formDialog
	current *widget.Entry // when backups are encrypted already
	first   *widget.Entry
	second  *widget.Entry
	written *widget.Check
}

func newPassphraseForm(enc *backupEncryption, turnOff bool) *passphraseForm {
	f := &passphraseForm{enc: enc, turnOff: turnOff}
	f.buildUI()
	return f
}

func (f *passphraseForm) buildUI() {
	f.current = widget.NewPasswordEntry()
	f.first = widget.NewPasswordEntry()
	f.second = widget.NewPasswordEntry()
	var items []*widget.FormItem
	if f.enc.on {
		items = append(items, widget.NewFormItem("Current passphrase", f.current))
	}
	title, action, intro := "Encrypt backups", "Encrypt backups", ""
	switch {
	case f.turnOff:
		title, action = "Turn encryption off", "Turn off"
		intro = "Backups made from now on will not be encrypted. Backups made before stay encrypted and still need their passphrase to be restored."
	case f.enc.on:
		title, action = "Change the backup passphrase", "Change passphrase"
		intro = "Backups made from now on are encrypted with the new passphrase. Backups made before keep the passphrase they were made with."
	default:
		intro = "Every backup will be encrypted with this passphrase, so a copy in a synced folder (Dropbox, OneDrive) cannot be read without it. The practice file itself is not encrypted."
	}
	content := container.NewVBox(wrapped(intro))
	if !f.turnOff {
		items = append(items,
			widget.NewFormItem("New passphrase", f.first),
			widget.NewFormItem("Type it again", f.second))
		warning := widget.NewLabelWithStyle(fmt.Sprintf("If you lose this passphrase, nobody can restore the encrypted backups: not you, not Mutua's makers, not anyone. Mutua does not keep it and cannot recover it. Use at least %d characters and write it down somewhere safe.", sqlite.MinPassphraseLength),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		warning.Wrapping = fyne.TextWrapWord
		f.written = widget.NewCheck("I have written it down", func(bool) { f.refreshSave() })
		content.Add(warning)
	}
	content.Add(widget.NewForm(items...))
	if f.written != nil {
		content.Add(f.written)
	}
	f.formDialog = buildFormDialog(f.enc.shell, title, action, content, 560, 0, f.onSaveTapped)
	if f.turnOff {
		f.save.Importance = widget.WarningImportance
	}
	f.refreshSave()
	f.dialog.Show()
	if f.enc.on {
		f.enc.shell.win.Canvas().Focus(f.current)
	} else {
		f.enc.shell.win.Canvas().Focus(f.first)
	}
}

// refreshSave lets the passphrase be saved only once the coach says it is written down.
func (f *passphraseForm) refreshSave() {
	if f.written != nil && !f.written.Checked {
		f.save.Disable()
	} else {
		f.save.Enable()
	}
}

func (f *passphraseForm) onSaveTapped() error {
	next := ""
	if !f.turnOff {
		next = f.first.Text
		switch {
		case utf8.RuneCountInString(next) < sqlite.MinPassphraseLength:
			return data.Errorf(data.Invalid, "Use at least %d characters.", sqlite.MinPassphraseLength)
		case next != f.second.Text:
			return data.Errorf(data.Invalid, "The two passphrases differ: type the same one twice.")
		}
	}
	current := f.current.Text
	p := f.enc.shell
	p.busy("Backups", "Setting up the backup key…", func() error {
		return p.store.SetBackupPassphrase(current, next)
	}, func(err error) {
		f.then = func() {
			f.enc.reload()
			switch {
			case f.turnOff:
				p.showInfo("Encryption turned off", "Backups made from now on are not encrypted. Those made before still need their passphrase.")
			default:
				p.showInfo("Backups are encrypted", "The next backup and every one after it are encrypted with your passphrase. Restoring one asks for it.")
			}
		}
		f.finish(err)
	})
	return errSaving // the key takes a while: busy shows its own progress
}

// restoreBackup restores the backup at backupPath over the open practice, first asking for
// its passphrase when it is encrypted; a passphrase that does not open it changes nothing.
func (s *Shell) restoreBackup(backupPath string) {
	if !sqlite.IsEncryptedBackup(backupPath) {
		s.restoreWith(backupPath, "")
		return
	}
	s.passphrasePrompt = newPassphrasePrompt(s, backupPath)
}

// passphrasePrompt asks for the passphrase of an encrypted backup before restoring it.
type passphrasePrompt struct {
	shell   *Shell
	path    string
	dlg     dialog.Dialog
	entry   *widget.Entry
	problem *widget.Label
	restore *widget.Button
}

func newPassphrasePrompt(s *Shell, path string) *passphrasePrompt {
	p := &passphrasePrompt{shell: s, path: path}
	p.entry = widget.NewPasswordEntry()
	p.entry.OnSubmitted = func(string) { p.onRestoreTapped() }
	p.problem = problemLine()
	p.restore = widget.NewButton("Restore", p.onRestoreTapped)
	p.restore.Importance = widget.WarningImportance
	cancel := widget.NewButton("Cancel", func() { p.dlg.Hide() })
	content := container.NewVBox(
		wrapped("This backup is encrypted. Type the passphrase it was made with."),
		widget.NewForm(widget.NewFormItem("Passphrase", p.entry)),
		p.problem,
		container.NewHBox(layout.NewSpacer(), cancel, p.restore))
	p.dlg = dialog.NewCustomWithoutButtons("Passphrase of the backup", content, s.win)
	s.sizeDialog(p.dlg, 480, 0)
	p.dlg.Show()
	s.win.Canvas().Focus(p.entry)
	return p
}

// onRestoreTapped tries the passphrase (about a second, off the UI goroutine) before the
// practice is closed for the restore.
func (p *passphrasePrompt) onRestoreTapped() {
	pass := p.entry.Text
	p.shell.busy("Restore", "Checking the passphrase…", func() error {
		return sqlite.CheckBackupPassphrase(p.path, pass)
	}, func(err error) {
		if err != nil {
			p.problem.SetText(data.Message(err))
			p.problem.Show()
			return
		}
		p.dlg.Hide()
		p.shell.restoreWith(p.path, pass)
	})
}
