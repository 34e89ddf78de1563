package cli

import (
	"flag"
	"fmt"
	"io"

	"mutua/data"
)

// runPractice shows who the practice's reports come from, or sets it: the flags given change
// their field ("" clears it, --logo "" removes the logo); the others stay as they are.
func runPractice(args []string, stdout, stderr io.Writer) error {
	fs := flags("practice", stderr)
	db := dbFlag(fs)
	name := fs.String("name", "", "the practice's name")
	coach := fs.String("coach", "", "the coach's name")
	contact := fs.String("contact", "", "a contact line: an email, a phone number or a web address")
	logo := fs.String("logo", "", "a PNG or JPEG logo of at most 1 MB (\"\" removes it)")
	if _, err := parse(fs, "practice", db, 0, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	store, err := open(*db, false, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	id, err := store.PracticeIdentity()
	if err != nil {
		return err
	}
	if set["name"] || set["coach"] || set["contact"] || set["logo"] {
		if set["name"] {
			id.Name = *name
		}
		if set["coach"] {
			id.Coach = *coach
		}
		if set["contact"] {
			id.Contact = *contact
		}
		if set["logo"] {
			id.Logo, id.LogoKind = nil, ""
			if *logo != "" {
				if id.Logo, err = data.ReadLogo(*logo); err != nil {
					return fmt.Errorf("--logo: %w", err)
				}
			}
		}
		if err := store.SavePracticeIdentity(id); err != nil {
			return err
		}
		if id, err = store.PracticeIdentity(); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Saved. Reports now show:")
	}
	notSet := func(s string) string {
		if s == "" {
			return "(not set)"
		}
		return s
	}
	fmt.Fprintf(stdout, "Practice: %s\n", notSet(id.Name))
	fmt.Fprintf(stdout, "Coach:    %s\n", notSet(id.Coach))
	fmt.Fprintf(stdout, "Contact:  %s\n", notSet(id.Contact))
	fmt.Fprintf(stdout, "Logo:     %s\n", notSet(id.LogoDescription()))
	return nil
}
