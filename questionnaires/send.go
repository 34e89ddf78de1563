package questionnaires

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/drafts"
	"mutua/forms"
	"mutua/messages"
)

// Sending is one sending of questionnaires.
type Sending struct {
	Kind       string  // data.IntakeForm
	CohortID   int64   // the cohort it is for; 0 for people chosen on the roster
	People     []int64 // the participants; a cohort's members when empty and CohortID is set
	Instrument int64   // the item instrument asked after the profile questions; 0 for none
	Dir        string  // the folder the forms are written to
	PageSize   string  // "A4" or "Letter"
}

// Sent is what a sending wrote.
type Sent struct {
	Dir    string
	Files  []string // one form per person, in the order of People
	Blank  string   // the blank version for paper
	People []data.Participant
	Title  string // the questionnaire's title, e.g. "Intake questionnaire"
	// Programmes name each person's programme as their form prints it: the cohort's name,
	// or, for people chosen on the roster, their first cohort's ("" for none)
	Programmes []string
}

// Summary says in a line what was written.
func (s Sent) Summary() string {
	return fmt.Sprintf("Wrote %d questionnaire%s and a blank one for paper to %s.", len(s.Files), data.Plural(len(s.Files)), s.Dir)
}

// inParallel runs do(i) for i in 0..n-1 on as many goroutines as there are processors,
// calling progress (when not nil) after each; it stops handing out work once ctx is done and
// returns ctx's error then.
func inParallel(ctx context.Context, n int, progress func(done, total int), do func(i int)) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	work := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				do(i)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, n)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	return ctx.Err()
}

// Send writes one fillable form per person into the folder, with a request recorded for each,
// and a blank version for paper. progress, when not nil, is called after each form.
func Send(ctx context.Context, store *sqlite.Store, s Sending, progress func(done, total int)) (Sent, error) {
	if s.Kind != data.IntakeForm {
		return Sent{}, data.Errorf(data.Invalid, "Mutua cannot write a %q questionnaire.", s.Kind)
	}
	if s.Dir == "" {
		return Sent{}, data.Errorf(data.Invalid, "Choose the folder the questionnaires go to.")
	}
	if fi, err := os.Stat(s.Dir); err != nil || !fi.IsDir() {
		return Sent{}, data.Errorf(data.Invalid, "The folder %s does not exist.", s.Dir)
	}
	roster, err := store.Roster()
	if err != nil {
		return Sent{}, err
	}
	programme := ""
	ids := s.People
	if s.CohortID != 0 {
		c, ok := roster.Cohort(s.CohortID)
		if !ok {
			return Sent{}, data.Errorf(data.NotFound, "This cohort no longer exists.")
		}
		programme = c.Name
		if len(ids) == 0 {
			for _, e := range roster.Entries {
				for _, id := range e.CohortIDs {
					if id == s.CohortID {
						ids = append(ids, e.ID)
					}
				}
			}
		}
	}
	if len(ids) == 0 {
		return Sent{}, data.Errorf(data.Invalid, "There is nobody to send a questionnaire to.")
	}
	var in *data.Instrument
	if s.Instrument != 0 {
		list, err := store.Instruments()
		if err != nil {
			return Sent{}, err
		}
		for i := range list {
			if list[i].ID == s.Instrument {
				in = &list[i]
			}
		}
		if in == nil || !in.HasItems() {
			return Sent{}, data.Errorf(data.Invalid, "Choose an instrument made of questions; results of the others are typed.")
		}
	}
	people := make([]data.Participant, len(ids))
	for i, id := range ids {
		if people[i], err = store.Participant(id); err != nil {
			return Sent{}, err
		}
	}
	// the tags offered: those of the cohort, or of the people chosen
	tagsOf := people
	if s.CohortID != 0 {
		tagsOf = nil
		for _, e := range roster.Entries {
			for _, id := range e.CohortIDs {
				if id == s.CohortID {
					tagsOf = append(tagsOf, data.Participant{Strengths: e.Strengths, DevelopmentAreas: e.DevelopmentAreas})
				}
			}
		}
	}
	tags := cohortTags(tagsOf)
	practice, key, err := store.FormIdentity(ctx)
	if err != nil {
		return Sent{}, err
	}
	title := intakeForm(nil, "", nil, nil).Title
	out := Sent{Dir: s.Dir, People: people, Title: title}
	reqs := make([]data.FormRequest, len(people))
	used := map[string]bool{}
	for i, p := range people {
		name := fileName(s.Dir, p.Name+" - "+title, used)
		out.Files = append(out.Files, filepath.Join(s.Dir, name))
		prog := programme
		if prog == "" {
			prog = programmeOf(roster, p.ID)
		}
		out.Programmes = append(out.Programmes, prog)
		reqs[i] = data.FormRequest{Kind: s.Kind, ParticipantID: p.ID, InstrumentID: s.Instrument, CohortID: s.CohortID, FileName: name}
	}
	blank := intakeForm(nil, programme, tags, in)
	blank.PageSize = s.PageSize
	out.Blank = filepath.Join(s.Dir, fileName(s.Dir, title+" - blank for paper", used))
	var buf bytes.Buffer
	if err := forms.WriteBlank(&buf, blank); err != nil {
		return Sent{}, err
	}
	if err := writeFile(out.Blank, buf.Bytes()); err != nil {
		return Sent{}, err
	}
	if err := store.CreateFormRequests(ctx, reqs); err != nil {
		return Sent{}, err
	}
	errs := make([]error, len(people))
	err = inParallel(ctx, len(people), progress, func(i int) {
		f := intakeForm(&people[i], out.Programmes[i], tags, in)
		f.ID = forms.ID{Practice: practice, Person: people[i].ID, Request: reqs[i].ID}
		f.Key, f.PageSize = key, s.PageSize
		var b bytes.Buffer
		if errs[i] = forms.Write(&b, f); errs[i] == nil {
			errs[i] = writeFile(out.Files[i], b.Bytes())
		}
	})
	if err != nil {
		return out, err
	}
	for i, err := range errs {
		if err != nil {
			return out, fmt.Errorf("write the questionnaire of %s: %w", people[i].Name, err)
		}
	}
	return out, nil
}

// programmeOf names the first cohort a person belongs to, "" for none.
func programmeOf(r *data.Roster, id int64) string {
	if e := r.Entry(id); e != nil && len(e.CohortIDs) > 0 {
		if c, ok := r.Cohort(e.CohortIDs[0]); ok {
			return c.Name
		}
	}
	return ""
}

// fileName makes a file name from a person's name: the characters file systems refuse are
// dropped, and a name already used, in this sending or by a file in the folder (a form
// returned there, say, is never written over), gets " (2)", " (3)"….
func fileName(dir, base string, used map[string]bool) string {
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return -1
		}
		return r
	}, base)
	base = strings.Trim(strings.Join(strings.Fields(base), " "), ". ")
	if base == "" {
		base = "questionnaire"
	}
	name := base + ".pdf"
	taken := func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, name))
		return used[strings.ToLower(name)] || err == nil
	}
	for n := 2; taken(name); n++ {
		name = fmt.Sprintf("%s (%d).pdf", base, n)
	}
	used[strings.ToLower(name)] = true
	return name
}

func writeFile(path string, b []byte) error {
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// Drafts writes, beside the forms, the email that sends each person their own form (one
// .eml each, the form attached), from the practice's questionnaire template.
func Drafts(w *messages.Writer, sent Sent) messages.Result {
	var list []*messages.Message
	var failed []data.Problem
	for i, p := range sent.People {
		b, err := os.ReadFile(sent.Files[i])
		var m *messages.Message
		if err == nil {
			m, err = w.Questionnaire(p, sent.Title, sent.Programmes[i], drafts.Attachment{Name: filepath.Base(sent.Files[i]), Data: b})
		}
		if err != nil {
			failed = append(failed, data.Problem{Message: p.Name + ": " + data.Message(err)})
			continue
		}
		list = append(list, m)
	}
	r := messages.SaveAll(sent.Dir, list)
	r.Failed = append(failed, r.Failed...)
	r.Total = len(sent.People)
	return r
}
