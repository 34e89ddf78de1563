// Mutua is a desktop app for coaches who run executive peer-mentoring programmes. With no
// command it opens the window; the commands of the command line (package cli) serve
// automation and checks.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"mutua/app"
	"mutua/assets"
	"mutua/cli"
	"mutua/data/sqlite"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if msg := cli.Error(err); msg != "" {
			fmt.Fprintln(os.Stderr, msg)
		}
		os.Exit(1)
	}
}

// run opens the app, or prints the version, when no command is given; else it runs the command.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return cli.Run(args, stdout, stderr)
	}
	flags := flag.NewFlagSet("mutua", flag.ContinueOnError)
	flags.SetOutput(io.Discard) // a mistyped flag is one line of error
	flags.Usage = func() {}
	db := flags.String("db", "", "the practice to open")
	version := flags.Bool("version", false, "print the version")
	if err := flags.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, cli.Usage())
		return err
	} else if err != nil {
		return err
	} else if flags.NArg() > 0 {
		return fmt.Errorf("a command comes first, before its flags: mutua %s --db PATH; run mutua --help", flags.Arg(0))
	}
	if *version {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	return openApp(*db)
}

// openApp opens the window on the practice at path, the last one used, or the default.
func openApp(path string) error {
	meta := readMetadata()
	hash, _, release := stamp()
	icon := fyne.NewStaticResource("icon.png", assets.IconPNG())
	// Fyne's packaging tool sets the same metadata; plain go build leaves it unset.
	fyneapp.SetMetadata(fyne.AppMetadata{ID: meta.Details.ID, Name: meta.Details.Name, Version: meta.Details.Version,
		Build: meta.Details.Build, Icon: icon, Release: release, Migrations: meta.Migrations})
	a := fyneapp.NewWithID(meta.Details.ID)
	a.SetIcon(icon)
	defaultPath, err := sqlite.DefaultPath()
	if err != nil {
		return err
	}
	if path == "" {
		path = app.LastPractice(a)
	}
	if path == "" {
		path = defaultPath
	}
	shell := app.NewShell(a, app.Options{Sample: assets.Sample(), Icon: icon, Version: meta.version(), Commit: hash,
		LogPath: filepath.Join(filepath.Dir(defaultPath), "mutua.log"), Licences: assets.Licences()})
	shell.OpenPractice(path)
	shell.ShowAndRun()
	return nil
}
