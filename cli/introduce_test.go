package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestIntroduce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	const cohort = "Spring 2026 executive circle"
	if _, err := mutua(t, "backup", "--db", db); err != nil {
		t.Fatal(err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "Backups", "*"))
	if len(backups) == 0 {
		t.Fatal("no backup folder")
	}
	out := filepath.Join(dir, "Introductions")

	// The sample has no address for the coach: said plainly, nothing written.
	if msg := mustFail(t, "introduce", "--db", db, "--cohort", cohort, "--out", out); !strings.Contains(msg, "need your email address") {
		t.Errorf("no address: %q", msg)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--cohort", cohort}, "needs --out DIR"},
		{[]string{"--out", out}, "needs --cohort NAME"},
		{[]string{"--cohort", "Nobody's cohort", "--out", out, "--from", "coach@example.org"}, "cohort"},
		{[]string{"--cohort", cohort, "--out", out, "--first-session", "next tuesday"}, "--first-session is a date and a time"},
		{[]string{"--cohort", cohort, "--out", out, "--from", "not an address"}, "does not look like an email address"},
		{[]string{"--cohort", cohort, "--out", db, "--from", "coach@example.org"}, "Choose another file name"},
		{[]string{"--cohort", cohort, "--out", backups[0], "--from", "coach@example.org"}, "backup folder"},
	} {
		if msg := mustFail(t, append([]string{"introduce", "--db", db}, c.args...)...); !strings.Contains(msg, c.want) {
			t.Errorf("introduce %v: %q, want %q", c.args, msg, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused introduce made the folder")
	}

	printed, err := mutua(t, "introduce", "--db", db, "--cohort", cohort, "--out", out, "--from", "coach@example.org",
		"--first-session", "2027-03-09 09:30")
	if err != nil {
		t.Fatalf("%v\n%s", err, printed)
	}
	if !strings.Contains(printed, "7 drafts written to "+out+". 7 calendar invitations saved beside them.") ||
		!strings.Contains(printed, "First session proposed: 9 Mar 2027 at 09:30") {
		t.Errorf("printed %q", printed)
	}
	emls, _ := filepath.Glob(filepath.Join(out, "*.eml"))
	ics, _ := filepath.Glob(filepath.Join(out, "*.ics"))
	if len(emls) != 7 || len(ics) != 7 {
		t.Fatalf("%d drafts, %d invitations", len(emls), len(ics))
	}
	if fi, err := os.Stat(emls[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("a draft's mode %v (%v), want readable by the coach only", fi.Mode(), err)
	}
	// Run again: new files beside the first, none replaced.
	if _, err := mutua(t, "introduce", "--db", db, "--cohort", cohort, "--out", out, "--from", "coach@example.org"); err != nil {
		t.Fatal(err)
	}
	if again, _ := filepath.Glob(filepath.Join(out, "*.eml")); len(again) != 14 {
		t.Errorf("%d drafts after a second run, want 14", len(again))
	}

	// Python's email package reads every draft as a mail program would.
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("skipped the independent parse: /usr/bin/python3 is missing")
	}
	cmd := exec.Command("/usr/bin/python3", append([]string{"../drafts/testdata/check_eml.py", t.TempDir()}, emls...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("check_eml.py: %v\n%s", err, stderr.String())
	}
	var parsed []struct {
		XUnsent     string        `json:"x_unsent"`
		From        [][2]string   `json:"from"`
		Body        string        `json:"body"`
		Defects     []string      `json:"defects"`
		Attachments []interface{} `json:"attachments"`
	}
	if err := json.Unmarshal(raw, &parsed); err != nil {
		t.Fatal(err)
	}
	for _, m := range parsed {
		if m.XUnsent != "1" || m.From[0][1] != "coach@example.org" || len(m.Defects) > 0 || len(m.Attachments) != 2 ||
			!strings.Contains(m.Body, "9 Mar 2027 at 09:30") {
			t.Errorf("draft %+v", m)
		}
	}
}
