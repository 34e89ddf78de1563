package messages

import (
	"fmt"
	"sort"
	"time"

	"mutua/data"
)

// Result is what writing a batch of drafts did.
type Result struct {
	Dir     string
	Drafts  int            // drafts written
	Paths   []string       // every file written: drafts and invitations
	Notes   []data.Problem // drafts written without an invitation (or check-ins), and why
	Failed  []data.Problem // partnerships with no draft, and why
	Stopped bool           // the coach stopped the batch before its end
	Total   int            // drafts the batch was to write
}

// Summary says what was written, in a sentence: "24 drafts written to /home/ana/Drafts."
func (r Result) Summary() string {
	text := fmt.Sprintf("%d draft%s written to %s.", r.Drafts, data.Plural(r.Drafts), r.Dir)
	if r.Drafts == 0 {
		text = "No drafts were written."
	}
	if inv := r.invitations(); inv > 0 {
		text += fmt.Sprintf(" %d calendar invitation%s saved beside them.", inv, data.Plural(inv))
	}
	if r.Stopped {
		text += fmt.Sprintf(" Stopped as you asked: %d not written.", r.Total-r.Drafts-len(r.Failed))
	}
	return text
}

func (r Result) invitations() int {
	n := 0
	for _, p := range r.Paths {
		if len(p) > 4 && p[len(p)-4:] == ".ics" {
			n++
		}
	}
	return n
}

// ActivePartnerships lists a cohort's active partnerships, by their members' names.
func ActivePartnerships(store Store, cohortID int64) ([]data.Partnership, error) {
	all, err := store.Partnerships()
	if err != nil {
		return nil, err
	}
	var out []data.Partnership
	for _, p := range all {
		if p.CohortID == cohortID && !p.Ended() {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Names(" + ") < out[j].Names(" + ") })
	return out, nil
}

// Progress hears about a batch as it goes: done of total, and the partnership being written.
// stop, asked before each draft, ends the batch early when it says so.
type Progress struct {
	Step func(done, total int, names string)
	Stop func() bool
}

// Introduce writes the introduction of each partnership listed into dir, with its pair brief
// and invitation (saved on its own too), proposing firstSession to every pair. A partnership
// whose draft cannot be written is named in the result with the reason; the others are written.
func (w *Writer) Introduce(list []data.Partnership, dir string, firstSession time.Time, progress Progress) Result {
	r := Result{Dir: dir, Total: len(list)}
	for i, p := range list {
		if progress.Stop != nil && progress.Stop() {
			r.Stopped = true
			break
		}
		names := p.Names(" + ")
		if progress.Step != nil {
			progress.Step(i, len(list), names)
		}
		m, err := w.Introduction(p.ID, firstSession)
		if err == nil {
			var paths []string
			paths, err = Save(dir, m)
			r.Paths = append(r.Paths, paths...)
			if len(paths) > 0 {
				r.Drafts++
			}
		}
		if err != nil {
			r.Failed = append(r.Failed, data.Problem{Message: names + ": " + data.Message(err)})
		} else if m.Note != "" {
			r.Notes = append(r.Notes, data.Problem{Message: names + ": " + m.Note})
		}
	}
	if progress.Step != nil && !r.Stopped {
		progress.Step(len(list), len(list), "")
	}
	return r
}

// SaveAll writes messages already made into dir, counting them as Introduce does.
func SaveAll(dir string, list []*Message) Result {
	r := Result{Dir: dir, Total: len(list)}
	for _, m := range list {
		paths, err := Save(dir, m)
		r.Paths = append(r.Paths, paths...)
		if len(paths) > 0 {
			r.Drafts++
		}
		if err != nil {
			r.Failed = append(r.Failed, data.Problem{Message: m.Names + ": " + data.Message(err)})
		}
	}
	return r
}
