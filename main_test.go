package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// mutua runs the command line and returns what it printed and its error.
func mutua(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestVersion(t *testing.T) {
	var meta struct {
		Details struct {
			Name, Version string
			Build         int
		}
	}
	if _, err := toml.DecodeFile("FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s %s (build %d), commit ", meta.Details.Name, meta.Details.Version, meta.Details.Build)
	db := filepath.Join(t.TempDir(), "p.mutua")
	out, err := mutua(t, "--version", "--db", db)
	if err != nil || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 {
		t.Errorf("mutua --version: %q, %v; want one line starting %q", out, err, want)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("mutua --version opened the practice: %v", err)
	}

	defer func(was string) { commit = was }(commit)
	for stamp, says := range map[string]string{"1a2b3c4d5e6f7a8b": "commit 1a2b3c4d5e6f\n", "1a2b3c4d5e6f-dirty": "commit 1a2b3c4d5e6f + changes\n"} {
		commit = stamp
		if out, _ := mutua(t, "--version"); !strings.HasSuffix(out, says) {
			t.Errorf("built from %s: %q; want it to end %q", stamp, out, says)
		}
	}
}

// TestCommandsGoToTheCommandLine: main passes a command on, and refuses words after flags.
func TestCommandsGoToTheCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.mutua")
	if out, err := mutua(t, "sample", "--db", db); err != nil || !strings.Contains(out, "Created the sample practice") {
		t.Errorf("sample: %q, %v", out, err)
	}
	if _, err := mutua(t, "--db", db, "check"); err == nil || !strings.Contains(err.Error(), "a command comes first") {
		t.Errorf("flags before the command: %v", err)
	}
	if out, _ := mutua(t, "--help"); !strings.Contains(out, "mutua approve --db PATH") {
		t.Errorf("--help printed %q", out)
	}
}
