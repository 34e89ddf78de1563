// Package questionnaires is the loop of the questionnaires Mutua sends as fillable PDF forms:
// Send writes one form per person (and a blank one for paper), recording a request for each;
// Read reads returned forms into a Preview the coach looks at; Apply stores it, all or nothing.
// The app's Send questionnaires… and Import answers… and the commands mutua forms and
// mutua import forms all go through here.
//
// Each kind of questionnaire (data.FormRequest.Kind) has a reader in the readers table below:
// it turns one returned form into a Change. A partnership's pulse or closing survey has its
// request among the survey requests instead, and is read by readSurvey; either way the change
// goes into a data.FormReturn, and the store applies the whole batch in one transaction.
package questionnaires

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/forms"
)

// Change is what one returned form would change, as the preview shows it.
type Change struct {
	Return  data.FormReturn
	Person  string
	File    string        // the file it came from
	Scores  []string      // the new result's scores, "Job 62" …; none when no result
	Profile []FieldChange // the profile's fields that change
	Survey  string        // a pulse or closing survey's answers in a line; "" for a questionnaire
}

// reader turns one returned form into a change; problems are in plain words, without the
// person's name (the preview adds it).
type reader func(ctx context.Context, store *sqlite.Store, req data.FormRequest, p data.Participant, ret forms.Returned, on data.Date) (Change, []string, error)

// readers holds the reader of each kind of form.
var readers = map[string]reader{
	data.IntakeForm: func(ctx context.Context, store *sqlite.Store, req data.FormRequest, p data.Participant, ret forms.Returned, on data.Date) (Change, []string, error) {
		var in *data.Instrument
		if req.InstrumentID != 0 {
			list, err := store.Instruments()
			if err != nil {
				return Change{}, nil, err
			}
			for i := range list {
				if list[i].ID == req.InstrumentID {
					in = &list[i]
				}
			}
			if in == nil {
				return Change{}, []string{"The instrument this questionnaire asked has since been deleted."}, nil
			}
		}
		c, problems := readIntake(ret, p, in, on)
		return c, problems, nil
	},
}

// File is one file of a batch and what became of it.
type File struct {
	Path    string
	Person  string // "" when the file could not be matched to anyone
	Problem string // why it cannot be imported; "" when it can
	Note    string // e.g. why it was left out in favour of another file
}

// Preview is a batch of returned forms, read and checked, nothing stored yet.
type Preview struct {
	Files   []File
	Changes []Change // one per form to import, in file order
}

// Problems counts the files that stop the batch.
func (p *Preview) Problems() int {
	n := 0
	for _, f := range p.Files {
		if f.Problem != "" {
			n++
		}
	}
	return n
}

// Ready reports whether the batch can be imported: something to import and no problem.
func (p *Preview) Ready() bool { return len(p.Changes) > 0 && p.Problems() == 0 }

// Files lists the PDF files among paths: a folder gives the .pdf files directly inside it.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, path := range paths {
		fi, err := os.Stat(path)
		if err != nil {
			return nil, data.Errorf(data.NotFound, "%s cannot be read: %v", path, errors.Unwrap(err))
		}
		if !fi.IsDir() {
			out = append(out, path)
			continue
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("read the folder %s: %w", path, err)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
				out = append(out, filepath.Join(path, e.Name()))
			}
		}
	}
	if len(out) == 0 {
		return nil, data.Errorf(data.Invalid, "There are no PDF files to import.")
	}
	// a file named twice (on its own and in its folder) is read once
	seen := map[string]bool{}
	kept := out[:0]
	for _, path := range out {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		if !seen[abs] {
			seen[abs] = true
			kept = append(kept, path)
		}
	}
	return kept, nil
}

// MaxFormBytes is the largest returned form read.
const MaxFormBytes = 20 << 20

// Read reads returned forms (files; see Files for folders) and checks them against the
// practice, storing nothing. The same questionnaire returned in two files keeps the file saved
// last (its modification time; the later in the list on a tie), and says so. progress, when
// not nil, is called after each file.
func Read(ctx context.Context, store *sqlite.Store, paths []string, today data.Date, progress func(done, total int)) (*Preview, error) {
	practice, key, err := store.FormIdentity(ctx)
	if err != nil {
		return nil, err
	}
	type read struct {
		ret     forms.Returned
		err     error
		modTime time.Time
	}
	results := make([]read, len(paths))
	err = inParallel(ctx, len(paths), progress, func(i int) {
		r := &results[i]
		fi, err := os.Stat(paths[i])
		switch {
		case err != nil:
			r.err = fmt.Errorf("This file cannot be read: %v", errors.Unwrap(err))
		case !fi.Mode().IsRegular():
			r.err = errors.New("This is not a file.")
		case fi.Size() > MaxFormBytes:
			r.err = fmt.Errorf("This file is larger than %d MB; a returned questionnaire is much smaller.", MaxFormBytes>>20)
		default:
			r.modTime = fi.ModTime()
			b, err := os.ReadFile(paths[i])
			if err != nil {
				r.err = fmt.Errorf("This file cannot be read: %v", errors.Unwrap(err))
			} else {
				r.ret, r.err = forms.Read(b, practice, key)
			}
		}
	})
	if err != nil {
		return nil, err
	}

	pv := &Preview{Files: make([]File, len(paths))}
	latest := map[string]int{} // request id → the file kept
	for i, r := range results {
		pv.Files[i].Path = paths[i]
		if r.err != nil {
			pv.Files[i].Problem = r.err.Error()
			continue
		}
		id := r.ret.ID.Request
		if j, ok := latest[id]; !ok || !r.modTime.Before(results[j].modTime) {
			latest[id] = i
		}
	}
	people := map[int64]data.Participant{}
	intakeOf := map[int64]string{} // the file of each person's questionnaire in the batch
	for i, r := range results {
		f := &pv.Files[i]
		if f.Problem != "" {
			continue
		}
		req, err := store.FormRequest(ctx, r.ret.ID.Request)
		if data.ErrorCode(err) == data.NotFound {
			// A partnership's pulse or closing survey has its request among the survey requests.
			kind, kerr := store.SurveyRequestKind(ctx, r.ret.ID.Request)
			if kerr != nil {
				return nil, kerr
			}
			if kind != "" {
				c, err := readSurvey(ctx, store, r.ret, f)
				if err != nil {
					return nil, err
				}
				if f.Problem != "" {
					continue
				}
				if keep := latest[r.ret.ID.Request]; keep != i {
					f.Note = fmt.Sprintf("Left out: %s returned this survey again in %s, saved later, which is the one imported.", f.Person, filepath.Base(paths[keep]))
					continue
				}
				c.File = paths[i]
				pv.Changes = append(pv.Changes, c)
				continue
			}
		}
		if data.ErrorCode(err) == data.NotFound || (err == nil && req.ParticipantID != 0 && req.ParticipantID != r.ret.ID.Person) {
			f.Problem = "This practice has no record of sending this questionnaire: it may come from a practice restored from an older backup."
			continue
		} else if err != nil {
			return nil, err
		}
		if req.ParticipantID == 0 {
			f.Problem = "This questionnaire was sent to someone who has since been deleted from the practice, so its answers are not imported."
			continue
		}
		p, ok := people[req.ParticipantID]
		if !ok {
			if p, err = store.Participant(req.ParticipantID); err != nil {
				return nil, err
			}
			people[p.ID] = p
		}
		f.Person = p.Name
		if keep := latest[req.ID]; keep != i {
			f.Note = fmt.Sprintf("Left out: %s returned this questionnaire again in %s, saved later, which is the one imported.", p.Name, filepath.Base(paths[keep]))
			continue
		}
		if req.Returned() {
			f.Problem = fmt.Sprintf("%s's answers to this questionnaire were already imported on %s. To change them, correct the result on their page.",
				p.Name, data.Shown(data.DateOf(req.ReturnedAt.Local())))
			continue
		}
		read, ok := readers[req.Kind]
		if !ok {
			f.Problem = fmt.Sprintf("This version of Mutua cannot read a %q questionnaire.", req.Kind)
			continue
		}
		c, problems, err := read(ctx, store, req, p, r.ret, today)
		if err != nil {
			return nil, err
		}
		if len(problems) > 0 {
			f.Problem = strings.Join(problems, " ")
			continue
		}
		if other, ok := intakeOf[p.ID]; ok {
			// Both would be read against the same profile, and the second would undo the first.
			f.Problem = fmt.Sprintf("%s also returned another questionnaire in this batch (%s): import one of them, then the other.", p.Name, filepath.Base(other))
			continue
		}
		intakeOf[p.ID] = paths[i]
		c.Return.RequestID, c.Person, c.File = req.ID, p.Name, paths[i]
		pv.Changes = append(pv.Changes, c)
	}
	for i, f := range pv.Files {
		if f.Note == "" {
			continue
		}
		// the file kept names the one left out too
		for j := range pv.Files {
			if j != i && pv.Files[j].Note == "" && pv.Files[j].Person == f.Person && latest[results[j].ret.ID.Request] == j && results[j].ret.ID.Request == results[i].ret.ID.Request {
				pv.Files[j].Note = fmt.Sprintf("Kept: saved later than %s, which holds the same questionnaire.", filepath.Base(f.Path))
			}
		}
	}
	return pv, nil
}

// readSurvey reads a returned pulse or closing survey into a change; what is wrong with it
// goes to f.Problem in plain words.
func readSurvey(ctx context.Context, store *sqlite.Store, ret forms.Returned, f *File) (Change, error) {
	sp, err := store.PreviewSurvey(ctx, ret)
	f.Person = sp.Person
	switch code := data.ErrorCode(err); {
	case err == nil:
	case code == data.Invalid || code == data.NotFound:
		f.Problem = data.Message(err)
		if ps := data.Problems(err); len(ps) > 0 {
			var lines []string
			for _, p := range ps {
				lines = append(lines, p.Message)
			}
			f.Problem += " " + strings.Join(lines, " ")
		}
		return Change{}, nil
	default:
		return Change{}, err
	}
	a := sp.Answer
	line := fmt.Sprintf("%s for %s: productive %d of 5", a.Kind.Label(), sp.Partnership, a.Productive)
	if sp.Replaces {
		line += " (replaces the answers read earlier)"
	}
	return Change{Return: data.FormReturn{RequestID: a.RequestID, Survey: &a}, Person: sp.Person, Survey: line}, nil
}

// Apply stores a ready preview: every change or none.
func Apply(ctx context.Context, store *sqlite.Store, pv *Preview) error {
	if n := pv.Problems(); n > 0 {
		return data.Errorf(data.Invalid, "%d file%s cannot be imported, so nothing was imported. Set them aside or fix them, and import again.", n, data.Plural(n))
	}
	if len(pv.Changes) == 0 {
		return data.Errorf(data.Invalid, "There are no answers to import.")
	}
	list := make([]data.FormReturn, len(pv.Changes))
	for i, c := range pv.Changes {
		list[i] = c.Return
	}
	return store.ApplyFormReturns(ctx, list)
}

// Text is the preview in plain words, one line each, as the command line prints it.
func (p *Preview) Text() string {
	var b strings.Builder
	files := append([]File(nil), p.Files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Problem != "" && files[j].Problem == "" })
	for _, f := range files {
		switch {
		case f.Problem != "":
			fmt.Fprintf(&b, "%s: cannot be imported: %s\n", filepath.Base(f.Path), f.Problem)
		case f.Note != "" && strings.HasPrefix(f.Note, "Left out"):
			fmt.Fprintf(&b, "%s: %s\n", filepath.Base(f.Path), f.Note)
		}
	}
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "%s (%s):\n", c.Person, filepath.Base(c.File))
		if c.Survey != "" {
			fmt.Fprintf(&b, "  %s\n", c.Survey)
		}
		if len(c.Scores) > 0 {
			fmt.Fprintf(&b, "  new result: %s\n", strings.Join(c.Scores, ", "))
		}
		for _, fc := range c.Profile {
			fmt.Fprintf(&b, "  %s: %s → %s\n", fc.Field, orNone(fc.Old), orNone(fc.New))
		}
		if len(c.Scores) == 0 && len(c.Profile) == 0 && c.Survey == "" {
			b.WriteString("  no answers given; it is recorded as returned\n")
		}
	}
	return b.String()
}

// Summary says in a line what the batch holds.
func (p *Preview) Summary() string {
	results, profiles, surveys := 0, 0, 0
	for _, c := range p.Changes {
		if c.Return.Survey != nil {
			surveys++
		}
		if c.Return.Assessment != nil {
			results++
		}
		if c.Return.Profile != nil {
			profiles++
		}
	}
	s := fmt.Sprintf("%d questionnaire%s: %d new result%s, %d profile%s changed", len(p.Changes)-surveys, data.Plural(len(p.Changes)-surveys),
		results, data.Plural(results), profiles, data.Plural(profiles))
	if surveys > 0 {
		s += fmt.Sprintf("; %d pulse or closing survey%s", surveys, data.Plural(surveys))
	}
	if n := p.Problems(); n > 0 {
		s += fmt.Sprintf("; %d file%s cannot be imported", n, data.Plural(n))
	}
	return s + "."
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	if r := []rune(strings.ReplaceAll(s, "\n", " ")); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// StillOut names the people whose questionnaires, sent together with those of the preview,
// have not come back yet, as a sentence ("" when none): to say after an import.
func StillOut(ctx context.Context, store *sqlite.Store, pv *Preview) (string, error) {
	var ids []string
	for _, c := range pv.Changes {
		ids = append(ids, c.Return.RequestID)
	}
	names, err := store.FormsStillOut(ctx, ids)
	if err != nil || len(names) == 0 {
		return "", err
	}
	shown := names
	if len(shown) > 8 {
		shown = shown[:8]
	}
	s := fmt.Sprintf("Still to come back from the same sending: %d (%s", len(names), strings.Join(shown, ", "))
	if len(names) > len(shown) {
		s += fmt.Sprintf(" and %d more", len(names)-len(shown))
	}
	return s + ").", nil
}
