// Package cli is Mutua's command line: every command that serves automation and checks, one
// file and one flag.FlagSet per command.
//
// It sits at the top level as cli/, beside app/ and data/, rather than under cmd/: Mutua is one
// program, whose main package must stay at the root where Fyne's packaging tool builds it, so
// cmd/ would hold no main of its own; cli is a library that main.go calls, a peer of app (the
// window) as the other way in. It never imports Fyne, so the commands run, and are tested,
// without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"mutua/data"
	"mutua/data/sqlite"
)

// command is one command of the command line.
type command struct {
	name  string // "export roster"
	usage string // the rest of its usage line: "--db PATH --out FILE.csv"
	help  string // what it does, in a few words ("" when the usage says it)
	run   func(args []string, stdout, stderr io.Writer) error
}

// commands lists every command in the order the usage text shows them (set in init, as the
// commands' help reads it).
var commands []command

func init() {
	commands = []command{
		{"sample", "--db PATH", "create a new practice holding the sample data", runSample},
		{"import", "--db PATH FILE.csv", "import a roster CSV (all rows or none)", runImport},
		{"export roster", "--db PATH --out FILE.csv", "", runExportRoster},
		{"export all", "--db PATH --out FILE.json", "", runExportAll},
		{"import all", "--db PATH FILE.json", "into an empty practice", runImportAll},
		{"export person", "--db PATH --participant EMAIL --out FILE.json|FILE.pdf",
			"all held about one person, private notes too, as JSON or PDF (a subject access request)", runExportPerson},
		{"suggest", "--db PATH --cohort NAME [--json]", "print the suggested pairs of a cohort (not saved)", runSuggest},
		{"approve", "--db PATH --cohort NAME --start YYYY-MM-DD", "approve the cohort's round: its draft, or the suggestion", runApprove},
		{"report participant", "--db PATH --participant EMAIL --out FILE.pdf", "", runReport("participant")},
		{"report pair", "--db PATH --participant EMAIL --out FILE.pdf", "", runReport("pair")},
		{"report cohort", "--db PATH --cohort NAME --out FILE.pdf [--page A4|Letter]",
			"reports take --dates dmy|mdy|iso (day month year by default)", runReport("cohort")},
		{"introduce", "--db PATH --cohort NAME --out DIR [--first-session \"YYYY-MM-DD HH:MM\"] [--from EMAIL]",
			"write the introduction emails (.eml) and invitations (.ics) of a cohort's active partnerships", runIntroduce},
		{"forms", "--db PATH --cohort NAME --kind intake --out DIR [--instrument NAME]",
			"write a fillable questionnaire (PDF) for each member of a cohort, and a blank one for paper", runForms},
		{"import forms", "--db PATH [--yes] FILE.pdf... | DIR",
			"read returned questionnaires and show what they change; --yes imports them (all or none)", runImportForms},
		{"delete participant", "--db PATH --participant EMAIL [--from-backups]",
			"delete someone and all about them (after a backup)", runDeleteParticipant},
		{"practice", "--db PATH [--name NAME] [--coach NAME] [--contact TEXT] [--logo FILE]",
			"show or set who the reports come from (\"\" clears one)", runPractice},
		{"backup", "--db PATH [--out FILE]", "make a verified backup now", runBackup},
		{"restore", "--db PATH FILE [--passphrase-file F]", "replace the practice with a backup (after a safety backup); an encrypted one needs its passphrase (from F, or typed)", runRestore},
		{"check", "--db PATH", "check the practice's integrity", runCheck},
	}
}

// Usage is the list of commands that mutua --help prints.
func Usage() string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	line := func(cmd, help string) {
		if help == "" {
			fmt.Fprintf(&b, "  %s\n", cmd)
		} else if len(cmd) < 43 {
			fmt.Fprintf(&b, "  %-43s%s\n", cmd, help)
		} else {
			fmt.Fprintf(&b, "  %s\n  %43s%s\n", cmd, "", help)
		}
	}
	line("mutua [--db PATH]", "open the app")
	for _, c := range commands {
		line("mutua "+c.name+" "+c.usage, c.help)
	}
	line("mutua --version", "print the version and the commit it was built from")
	return b.String()
}

// Run runs the command named by the first words of args (main opens the app when there is
// none). Its errors are one line each; flag.ErrHelp means the help was asked for and printed.
func Run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprint(stderr, Usage())
		return flag.ErrHelp
	}
	for n := 2; n >= 1; n-- { // "import all" before "import"
		for _, c := range commands {
			if len(args) >= n && strings.Join(args[:n], " ") == c.name {
				return c.run(args[n:], stdout, stderr)
			}
		}
	}
	return fmt.Errorf("unknown command %q; run mutua --help for the list", args[0])
}

// Error is the one line main prints for an error, or "" when there is nothing to print
// (the help was asked for).
func Error(err error) string {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ""
	}
	return "mutua: " + strings.ReplaceAll(err.Error(), "\n", " ")
}

// flags returns a command's flag set. It prints nothing itself, so that a mistyped flag is
// one line of error; parse prints the command's help when it is asked for.
func flags(name string, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet("mutua "+name, flag.ContinueOnError)}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.help = func() {
		for _, c := range commands {
			if c.name == name {
				fmt.Fprintf(stderr, "Usage: mutua %s %s\n", c.name, c.usage)
				if c.help != "" {
					fmt.Fprintf(stderr, "  %s\n", c.help)
				}
			}
		}
		fs.SetOutput(stderr)
		fs.PrintDefaults()
	}
	return fs
}

// flagSet is a command's flags and its help.
type flagSet struct {
	*flag.FlagSet
	help func()
}

// dbFlag adds --db, which every command has.
func dbFlag(fs *flagSet) *string { return fs.String("db", "", "the practice file") }

// parse reads flags wherever they appear, checks --db and the number of file names, and
// returns the file names.
func parse(fs *flagSet, name string, db *string, files int, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			fs.help()
			return nil, err
		} else if err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		rest, args = append(rest, args[0]), args[1:]
	}
	switch {
	case *db == "":
		return nil, fmt.Errorf("%s needs --db PATH, the practice file", name)
	case files < 0 && len(rest) == 0:
		return nil, fmt.Errorf("%s needs at least one file or folder; run mutua --help", name)
	case files >= 0 && len(rest) != files:
		return nil, fmt.Errorf("%s takes %d file name%s, not %d; run mutua --help", name, files, data.Plural(files), len(rest))
	}
	return rest, nil
}

// need refuses a command whose flag was left empty.
func need(name, value, flag string) error {
	if value == "" {
		return fmt.Errorf("%s needs %s", name, flag)
	}
	return nil
}

// open opens the practice for a command (create: importing may start a new one) and makes
// the daily backup when it is due.
func open(db string, create bool, stderr io.Writer) (*sqlite.Store, error) {
	openStore := sqlite.OpenExisting
	if create {
		openStore = sqlite.Open
	}
	store, err := openStore(db)
	if err != nil {
		return nil, err
	}
	sayMadePrivate(store, stderr)
	if _, err := store.BackupIfDue(sqlite.DefaultBackupEvery); err != nil {
		fmt.Fprintln(stderr, "mutua: warning: the daily backup failed: "+data.Message(err))
	}
	return store, nil
}

// writeOut writes a command's output file in one step, never over the practice, its journal,
// its lock or its backups, whatever name leads there.
func writeOut(store *sqlite.Store, out string, content []byte, stdout io.Writer) error {
	if err := sqlite.CheckOutputPath(store.Path(), out, store.BackupDir()); err != nil {
		return err
	}
	if err := sqlite.WriteFileAtomic(out, content); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s.\n", out)
	return nil
}

// sayMadePrivate tells the coach when opening made the practice readable by them only.
func sayMadePrivate(store *sqlite.Store, stderr io.Writer) {
	if store.MadePrivate() {
		fmt.Fprintf(stderr, "mutua: note: %s was readable by other accounts on this computer; Mutua made it readable by yours only.\n", store.Path())
	}
}
