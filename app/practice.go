package app

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
	"mutua/data/sqlite"
)

// Practice files: creating, opening, the sample, and moving records in and out.

func (s *Shell) onNewPractice() {
	s.chooseFile("Choose the folder for the new practice", "Create here", "New practice", "Practice", ".mutua",
		func(path string) {
			if _, err := os.Stat(path); err == nil {
				s.showError("Mutua did not create the practice", data.Errorf(data.Conflict, "A file called %s already exists in this folder. Choose another name.", filepath.Base(path)))
				return
			}
			s.OpenPractice(path)
		})
}

// chooseFile asks for a folder, then a file name in it (with ext added when missing), and
// hands the path to use. Nothing is created or emptied before use decides.
func (s *Shell) chooseFile(folderTitle, confirm, title, suggested, ext string, use func(path string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			s.showError("Mutua could not open that folder", err)
			return
		}
		if dir == nil {
			return // the coach cancelled
		}
		s.askFileName(title, dir.Path(), suggested, ext, use)
	}, s.win)
	d.SetConfirmText(confirm)
	d.SetTitleText(folderTitle)
	s.showFileDialog(d)
}

// chooseOutputFolder asks for the folder that what ("drafts", "questionnaires", "forms") go in,
// starting where such files went last time, then hands it to useOutputFolder.
func (p *practice) chooseOutputFolder(what string, use func(dir string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			p.showError("Mutua could not open that folder", err)
			return
		}
		if dir == nil {
			return // the coach cancelled
		}
		p.useOutputFolder(what, dir.Path(), use)
	}, p.win)
	if last := prefDraftsFolder.get(p.app); last != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(last)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetTitleText("Choose the folder for the " + what)
	d.SetConfirmText("Write here")
	p.showFileDialog(d)
}

// useOutputFolder refuses the practice's own and backup folder, remembers the folder for next
// time, and hands it on.
func (p *practice) useOutputFolder(what, dir string, use func(dir string)) {
	if err := sqlite.CheckOutputPath(p.store.Path(), dir, p.store.BackupDir()); err != nil {
		p.showError("Mutua did not write the "+what, err)
		return
	}
	prefDraftsFolder.set(p.app, dir)
	use(dir)
}

// askFileName asks for a file name in dir.
func (s *Shell) askFileName(title, dir, suggested, ext string, use func(path string)) {
	name := widget.NewEntry()
	name.SetText(suggested)
	name.Validator = func(v string) error {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			return errors.New("Give the file a name.")
		case strings.ContainsAny(v, `/\:*?"<>|`):
			return errors.New(`A name cannot contain / \ : * ? " < > |`)
		}
		return nil
	}
	form := dialog.NewForm(title, "Save", "Cancel",
		[]*widget.FormItem{{Text: "Name", Widget: name, HintText: "In " + dir}}, func(ok bool) {
			if !ok {
				return
			}
			file := strings.TrimSpace(name.Text)
			if !strings.HasSuffix(strings.ToLower(file), ext) {
				file += ext
			}
			use(filepath.Join(dir, file))
		}, s.win)
	s.sizeDialog(form, 520, 0)
	form.Show()
	s.win.Canvas().Focus(name)
	s.nameEntry, s.nameForm = name, form
}

func (s *Shell) onOpenPractice() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError("Mutua could not open that file", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.OpenPractice(path)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".mutua", ".db", ".sqlite"}))
	s.showFileDialog(d)
}

// onOpenSample opens the sample practice, creating it (with dates moved to today) the first time.
func (s *Shell) onOpenSample() {
	path, err := sqlite.SamplePath()
	if err != nil {
		s.showError("Mutua could not open the sample practice", err)
		return
	}
	if _, err := os.Stat(path); err == nil {
		s.OpenPractice(path)
		return
	}
	s.busy("Sample practice", "Creating the sample practice…", func() error {
		return sqlite.CreateFromExport(path, bytes.NewReader(s.opts.Sample), sqlite.ImportOptions{MoveDatesTo: data.DateOf(time.Now())})
	}, func(err error) {
		if err != nil {
			s.showError("Mutua could not create the sample practice", err)
			return
		}
		s.OpenPractice(path)
	})
}

func (s *practice) onExportRoster() {
	s.saveFile(s.exportName("roster", ".csv"), ".csv", "Exporting the roster…", s.store.ExportRoster, func(path string) string {
		return "The roster was saved to " + path + "."
	})
}

func (s *practice) onExportAll() {
	s.saveFile(s.exportName("everything", ".json"), ".json", "Exporting everything…", s.store.ExportAll, func(path string) string {
		return "Everything in this practice was saved to " + path + ". It holds private notes: keep it somewhere safe."
	})
}

// exportName suggests a file name: the practice, what it holds and today's date.
func (s *practice) exportName(what, ext string) string {
	practice := strings.TrimSuffix(filepath.Base(s.store.Path()), filepath.Ext(s.store.Path()))
	return practice + " " + what + " " + time.Now().Format("2006-01-02") + ext
}

// saveFile asks where to save, then writes the file completely or not at all; an existing
// file is replaced only after the coach confirms.
func (s *practice) saveFile(name, ext, progress string, write func(io.Writer) error, done func(path string) string) {
	s.chooseFile("Choose the folder to save in", "Save here", "Save as", strings.TrimSuffix(name, ext), ext, func(path string) {
		s.saveTo(path, progress, write, done)
	})
}

// saveTo writes a file at path, asking before it replaces one.
func (s *practice) saveTo(path, progress string, write func(io.Writer) error, done func(path string) string) {
	s.writeFile(path, progress, write, func(path string) { s.showInfo("Saved", done(path)) })
}

// writeFile writes a file at path completely or not at all, asking before it replaces one,
// then hands the path to saved.
func (s *practice) writeFile(path, progress string, write func(io.Writer) error, saved func(path string)) {
	if strings.HasSuffix(strings.ToLower(path), ".mutua") {
		s.showError("Mutua did not save the file", data.Errorf(data.Conflict, "That name is for practice files. Choose another name."))
		return
	}
	if err := sqlite.CheckOutputPath(s.store.Path(), path, s.store.BackupDir()); err != nil {
		s.showError("Mutua did not save the file", err)
		return
	}
	save := func() {
		s.busy("Saving", progress, func() error {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				return err
			}
			return sqlite.WriteFileAtomic(path, buf.Bytes())
		}, func(err error) {
			if err != nil {
				s.showError("Mutua could not save the file", err)
				return
			}
			saved(path)
		})
	}
	if _, err := os.Stat(path); err != nil {
		save()
		return
	}
	confirm := dialog.NewConfirm("Replace file?", filepath.Base(path)+" already exists in this folder. Replace it?", func(ok bool) {
		if ok {
			save()
		}
	}, s.win)
	confirm.SetConfirmText("Replace")
	confirm.SetConfirmImportance(widget.WarningImportance)
	s.sizeDialog(confirm, 460, 0)
	confirm.Show()
	s.lastConfirm = confirm
}

func (s *practice) onImportAll() {
	s.openFile(".json", func(raw []byte) {
		s.busy("Import everything", "Importing…", func() error {
			return s.store.ImportAll(bytes.NewReader(raw), sqlite.ImportOptions{})
		}, func(err error) {
			if err != nil {
				s.showError("Nothing was imported", err)
				return
			}
			s.showInfo("Imported", "Every record in the file is now in this practice.")
		})
	})
}

// openFile asks for a file and hands its contents to use.
func (s *Shell) openFile(ext string, use func([]byte)) {
	s.openNamedFile(ext, func(_ string, raw []byte) { use(raw) })
}

// openNamedFile asks for a file and hands its name and contents to use.
func (s *Shell) openNamedFile(ext string, use func(name string, raw []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError("Mutua could not open that file", err)
			return
		}
		if r == nil {
			return
		}
		raw, err := io.ReadAll(io.LimitReader(r, sqlite.MaxImportBytes+1))
		r.Close()
		if err != nil {
			s.showError("Mutua could not read that file", err)
			return
		}
		use(r.URI().Name(), raw)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext, strings.ToUpper(ext), ".txt"}))
	s.showFileDialog(d)
}

// showFileDialog shows a file dialog sized to the window (they do not size themselves; a file
// dialog can only be resized once shown).
func (s *Shell) showFileDialog(d *dialog.FileDialog) {
	d.Show()
	size := s.win.Canvas().Size()
	d.Resize(fyne.NewSize(max(size.Width-80, 600), max(size.Height-80, 420)))
	s.fileDialog = d
}
