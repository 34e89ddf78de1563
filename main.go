// Mutua is a desktop app for coaches who run executive peer-mentoring programmes. With no
// command it opens the window; the commands below serve automation and checks.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"

	"mutua/app"
	"mutua/assets"
	"mutua/data"
	"mutua/reports"
)

const usage = `Usage:
  mutua [--db PATH]                          open the app
  mutua sample --db PATH                     create a new practice holding the sample data
  mutua import --db PATH FILE.csv            import a roster CSV (all rows or none)
  mutua export roster --db PATH --out FILE.csv
  mutua export all --db PATH --out FILE.json
  mutua import all --db PATH FILE.json       into an empty practice
  mutua suggest --db PATH --cohort NAME [--json]
                                             print the suggested pairs of a cohort (not saved)
  mutua report participant --db PATH --participant EMAIL --out FILE.pdf
  mutua report pair --db PATH --participant EMAIL --out FILE.pdf
  mutua report cohort --db PATH --cohort NAME --out FILE.pdf [--page A4|Letter]
                                             reports take --dates dmy|mdy|iso (day month year by default)
  mutua backup --db PATH [--out FILE]         make a verified backup now
  mutua restore --db PATH FILE               replace the practice with a backup (after a safety backup)
  mutua check --db PATH                      check the practice's integrity
  mutua --version                            print the version and the commit it was built from
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "mutua: "+strings.ReplaceAll(err.Error(), "\n", " "))
		}
		os.Exit(1)
	}
}

// run parses the command line and runs a command, or the app when there is none.
func run(args []string, stdout, stderr io.Writer) error {
	name, rest := command(args)
	flags := flag.NewFlagSet("mutua", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, usage) }
	db := flags.String("db", "", "the practice file")
	out := flags.String("out", "", "the file to write")
	cohort := flags.String("cohort", "", "the cohort's name")
	asJSON := flags.Bool("json", false, "print JSON")
	email := flags.String("participant", "", "the participant's email")
	page := flags.String("page", reports.A4, "report page size: A4 or Letter")
	dates := flags.String("dates", string(data.DayMonthYear), "how reports write dates: dmy, mdy or iso")
	version := flags.Bool("version", false, "print the version")
	files, err := parse(flags, rest)
	if err != nil {
		return err
	}
	if *version {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	if name == "" {
		return openApp(*db)
	}
	want := map[string]int{"sample": 0, "import": 1, "import all": 1, "export roster": 0, "export all": 0, "suggest": 0,
		"report participant": 0, "report pair": 0, "report cohort": 0, "backup": 0, "restore": 1, "check": 0}
	n, known := want[name]
	switch {
	case !known:
		return fmt.Errorf("unknown command %q; run mutua --help for the list", name)
	case *db == "":
		return fmt.Errorf("%s needs --db PATH, the practice file", name)
	case len(files) != n:
		return fmt.Errorf("%s takes %d file name%s, not %d; run mutua --help", name, n, map[bool]string{true: "s"}[n != 1], len(files))
	case (strings.HasPrefix(name, "export") || strings.HasPrefix(name, "report")) && *out == "":
		return fmt.Errorf("%s needs --out FILE", name)
	case (name == "report participant" || name == "report pair") && *email == "":
		return fmt.Errorf("%s needs --participant EMAIL", name)
	case name == "report cohort" && *cohort == "":
		return fmt.Errorf("report cohort needs --cohort NAME")
	case *page != reports.A4 && *page != reports.Letter:
		return fmt.Errorf("--page is A4 or Letter, not %q", *page)
	case !data.DateOrder(*dates).Valid():
		return fmt.Errorf("--dates is dmy, mdy or iso, not %q", *dates)
	case name == "suggest" && *cohort == "":
		return fmt.Errorf("suggest needs --cohort NAME")
	}
	if name == "restore" {
		safety, err := data.Restore(*db, files[0], data.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Restored %s from %s.", *db, files[0])
		if safety.Path != "" {
			fmt.Fprintf(stdout, " The practice as it was is kept in %s.", safety.Path)
		}
		fmt.Fprintln(stdout)
		return nil
	}
	if name == "sample" {
		if err := data.CreateFromExport(*db, bytes.NewReader(assets.Sample()), data.ImportOptions{MoveDatesTo: data.DateOf(time.Now())}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Created the sample practice in %s.\n", *db)
		return nil
	}
	open := data.Open // importing may start a new practice
	if name != "import" && name != "import all" {
		open = data.OpenExisting
	}
	store, err := open(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	if name != "check" {
		if _, err := store.BackupIfDue(data.DefaultBackupEvery); err != nil {
			fmt.Fprintln(stderr, "mutua: warning: the daily backup failed: "+data.Message(err))
		}
	}
	switch name {
	case "import":
		raw, err := os.ReadFile(files[0])
		if err != nil {
			return fmt.Errorf("read %s: %w", files[0], err)
		}
		res, err := store.ImportRoster(bytes.NewReader(raw))
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, "mutua: warning: "+w)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, res.Summary())
	case "import all":
		f, err := os.Open(files[0])
		if err != nil {
			return fmt.Errorf("read %s: %w", files[0], err)
		}
		defer f.Close()
		if err := store.ImportAll(f, data.ImportOptions{}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Imported everything from %s.\n", files[0])
	case "export roster", "export all":
		write := store.ExportRoster
		if name == "export all" {
			write = store.ExportAll
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		if err := data.WriteFileAtomic(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s.\n", *out)
	case "suggest":
		c, err := store.CohortByName(*cohort)
		if err != nil {
			return err
		}
		plan, err := store.PlanRound(c.ID, time.Now())
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(plan.Summary())
		}
		fmt.Fprint(stdout, plan.Text())
	case "check":
		if err := store.Check(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is sound: its integrity and references check out.\n", *db)
	case "backup":
		var b data.Backup
		if *out != "" {
			b, err = store.BackupTo(*out)
		} else {
			b, err = store.Backup("by hand")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote a verified backup to %s.\n", b.Path)
	case "report participant", "report pair", "report cohort":
		pdf, err := report(store, name, *email, *cohort, *page, data.DateOrder(*dates))
		if err != nil {
			return err
		}
		if err := data.WriteFileAtomic(*out, pdf); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s.\n", *out)
	}
	return nil
}

// report prints one report into memory, so a failed one leaves no file behind.
func report(store *data.Store, name, email, cohort, page string, dates data.DateOrder) ([]byte, error) {
	regular, bold := assets.ReportFont()
	opts := reports.Options{Regular: regular, Bold: bold, PageSize: page, DateOrder: dates}
	today := data.DateOf(time.Now())
	var buf bytes.Buffer
	switch name {
	case "report cohort":
		c, err := store.CohortByName(cohort)
		if err != nil {
			return nil, err
		}
		summary, err := store.CohortSummary(c.ID, today, data.DefaultInactiveDays)
		if err != nil {
			return nil, err
		}
		err = reports.Cohort(&buf, summary, opts)
		return buf.Bytes(), err
	}
	p, err := store.ParticipantByEmail(email)
	if err != nil {
		return nil, err
	}
	if name == "report participant" {
		r, err := store.ParticipantReport(p.ID, today)
		if err != nil {
			return nil, err
		}
		err = reports.Participant(&buf, r, opts)
		return buf.Bytes(), err
	}
	ps, err := store.CurrentPartnership(p.ID)
	if err != nil {
		return nil, err
	}
	brief, err := store.PairBrief(ps.ID, today)
	if err != nil {
		return nil, err
	}
	err = reports.Pair(&buf, brief, opts)
	return buf.Bytes(), err
}

// command splits the command words ("export roster") from the flags and files after them.
func command(args []string) (string, []string) {
	var words []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") && len(words) < 2 {
		w := args[0]
		if len(words) == 1 && !((words[0] == "export" && (w == "roster" || w == "all")) || (words[0] == "import" && w == "all") ||
			(words[0] == "report" && (w == "participant" || w == "pair" || w == "cohort"))) {
			break
		}
		words, args = append(words, w), args[1:]
	}
	return strings.Join(words, " "), args
}

// parse reads flags wherever they appear and returns the other arguments.
func parse(flags *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		args = flags.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest, args = append(rest, args[0]), args[1:]
	}
}

// openApp opens the window on the practice at path, the last one used, or the default.
func openApp(path string) error {
	meta := readMetadata()
	hash, _, release := stamp()
	// Fyne's packaging tool sets the same metadata; plain go build leaves it unset.
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID: meta.Details.ID, Name: meta.Details.Name, Version: meta.Details.Version, Build: meta.Details.Build,
		Icon: assets.Icon, Release: release, Migrations: meta.Migrations,
	})
	a := fyneapp.NewWithID(meta.Details.ID)
	a.SetIcon(assets.Icon)
	if path == "" {
		path = app.LastPractice(a)
	}
	defaultPath, err := data.DefaultPath()
	if err != nil {
		return err
	}
	if path == "" {
		path = defaultPath
	}
	shell := app.NewShell(a, app.Options{
		Sample: assets.Sample(), Icon: assets.Icon, Version: meta.version(), Commit: hash,
		LogPath:  filepath.Join(filepath.Dir(defaultPath), "mutua.log"),
		Licences: assets.Licences(),
	})
	shell.OpenPractice(path)
	shell.ShowAndRun()
	return nil
}

// fyneAppTOML is Mutua's identity and version, shared with Fyne's packaging tool.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// metadata is what FyneApp.toml says about Mutua.
type metadata struct {
	Details struct {
		ID, Name, Version string
		Build             int
	}
	Migrations map[string]bool
}

// readMetadata parses the embedded FyneApp.toml (TestVersion holds that it parses).
func readMetadata() metadata {
	var m metadata
	if _, err := toml.Decode(string(fyneAppTOML), &m); err != nil {
		panic("FyneApp.toml: " + err.Error())
	}
	return m
}

// version is the version as the coach sees it: "0.1.0 (build 1)".
func (m metadata) version() string {
	return fmt.Sprintf("%s (build %d)", m.Details.Version, m.Details.Build)
}

// commit is the commit built from, set at link time (-X main.commit=HASH, "HASH-dirty" when
// the tree had changes) for builds that carry no version-control stamp.
var commit string

// stamp reads what the Go toolchain recorded in the binary: the short hash of the commit built
// from ("" when not known), whether the tree had changes, and whether it is a release build
// (fyne package -release adds the "release" tag).
func stamp() (hash string, changed, release bool) {
	hash, changed = strings.CutSuffix(commit, "-dirty")
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "":
				hash = s.Value
			case s.Key == "vcs.modified" && commit == "":
				changed = s.Value == "true"
			case s.Key == "-tags":
				release = slices.Contains(strings.Split(s.Value, ","), "release")
			}
		}
	}
	return hash[:min(len(hash), 12)], changed, release
}

// versionLine is what mutua --version prints: "Mutua 0.1.0 (build 1), commit 1a2b3c4d5e6f".
func versionLine() string {
	meta := readMetadata()
	hash, changed, _ := stamp()
	switch {
	case hash == "":
		hash = "unknown"
	case changed:
		hash += " + changes"
	}
	return fmt.Sprintf("%s %s, commit %s", meta.Details.Name, meta.version(), hash)
}
