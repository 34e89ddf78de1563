package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
	"mutua/messages"
	"mutua/reports"
)

// runIntroduce writes the introduction of each active partnership of a cohort into a folder:
// one draft (.eml) to its members, with the pair brief and the invitation to its sessions
// attached, and the invitation (.ics) saved on its own too.
func runIntroduce(args []string, stdout, stderr io.Writer) error {
	const name = "introduce"
	fs := flags(name, stderr)
	db := dbFlag(fs)
	cohort := fs.String("cohort", "", "the cohort's name")
	out := fs.String("out", "", "the folder for the drafts (made when missing)")
	first := fs.String("first-session", "", `the first session proposed, "YYYY-MM-DD HH:MM" on your clock (default: next Tuesday 09:00)`)
	from := fs.String("from", "", "your email address, when Settings has none")
	page := fs.String("page", reports.A4, "page size of the pair briefs: A4 or Letter")
	dates := fs.String("dates", string(data.DayMonthYear), "how dates are written: dmy, mdy or iso")
	if _, err := parse(fs, name, db, 0, args); err != nil {
		return err
	}
	switch {
	case *cohort == "":
		return fmt.Errorf("%s needs --cohort NAME", name)
	case *out == "":
		return fmt.Errorf("%s needs --out DIR, the folder for the drafts", name)
	case *page != reports.A4 && *page != reports.Letter:
		return fmt.Errorf("--page is A4 or Letter, not %q", *page)
	case !data.DateOrder(*dates).Valid():
		return fmt.Errorf("--dates is dmy, mdy or iso, not %q", *dates)
	}
	var firstSession time.Time
	if *first != "" {
		t, err := time.Parse("2006-01-02 15:04", strings.Join(strings.Fields(*first), " "))
		if err != nil {
			return fmt.Errorf(`--first-session is a date and a time, "YYYY-MM-DD HH:MM" (e.g. "2027-03-09 09:00"), not %q`, *first)
		}
		firstSession = t
	}
	if *from != "" {
		if err := (&data.MessageSettings{CoachEmail: *from}).Validate(); err != nil {
			return fmt.Errorf("--from: %w", err)
		}
	}
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := store.CohortByName(*cohort)
	if err != nil {
		return err
	}
	now := time.Now()
	w, err := messages.NewWriter(store, reportOptions(*page, data.DateOrder(*dates)), now)
	if err != nil {
		return err
	}
	if *from != "" {
		w.SetFrom(*from)
	}
	if w.Coach().Email == "" {
		return fmt.Errorf("the drafts need your email address: add it in the app's Settings → Emails, or give --from EMAIL")
	}
	if firstSession.IsZero() {
		firstSession = messages.DefaultFirstSession(now, w.Coach().TimeZone)
	}
	list, err := messages.ActivePartnerships(store, c.ID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return fmt.Errorf("%s has no active partnership to introduce: approve its round first", c.Name)
	}
	if err := draftsFolder(store, *out); err != nil {
		return err
	}
	r := w.Introduce(list, *out, firstSession, messages.Progress{})
	fmt.Fprintln(stdout, r.Summary())
	fmt.Fprintf(stdout, "First session proposed: %s at %s (%s time).\n", data.DateOrder(*dates).Format(data.DateOf(firstSession)),
		firstSession.Format("15:04"), w.Coach().TimeZone)
	for _, p := range r.Notes {
		fmt.Fprintln(stderr, "mutua: note: "+p.Message)
	}
	for _, p := range r.Failed {
		fmt.Fprintln(stderr, "mutua: not written: "+p.Message)
	}
	if len(r.Failed) > 0 {
		return fmt.Errorf("%d of %d introductions were not written (see above)", len(r.Failed), len(list))
	}
	return nil
}

// draftsFolder makes sure out is a folder drafts may go in: not the practice, nor its backups.
func draftsFolder(store *sqlite.Store, out string) error {
	if err := sqlite.CheckOutputPath(store.Path(), out, store.BackupDir()); err != nil {
		return err
	}
	fi, err := os.Stat(out)
	switch {
	case os.IsNotExist(err):
		if err := os.MkdirAll(out, 0o700); err != nil {
			return fmt.Errorf("Mutua could not make the folder %s: %w", out, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("Mutua cannot use the folder %s: %w", out, err)
	case !fi.IsDir():
		return data.Errorf(data.Conflict, "%s is a file, not a folder; Mutua wrote nothing. Choose a folder for the drafts.", out)
	}
	return nil
}
