package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A cohort's questionnaires written from the command line, one filled with pdftk, read back:
// shown first, imported with --yes, refused the second time.
func TestFormsAndImportForms(t *testing.T) {
	if _, err := exec.LookPath("pdftk"); err != nil {
		t.Skip("pdftk is not installed")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	const cohort = "Spring 2026 executive circle"
	out := filepath.Join(dir, "Forms")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--out", out}, "needs --cohort NAME"},
		{[]string{"--cohort", cohort}, "needs --out DIR"},
		{[]string{"--cohort", cohort, "--out", out, "--kind", "weekly"}, "--kind is intake, pulse or closing"},
		{[]string{"--cohort", cohort, "--out", out, "--instrument", "Nothing like it"}, "no instrument named"},
		{[]string{"--cohort", cohort, "--out", db}, "Choose another file name"},
	} {
		if msg := mustFail(t, append([]string{"forms", "--db", db}, c.args...)...); !strings.Contains(msg, c.want) {
			t.Errorf("forms %v: %q, want %q", c.args, msg, c.want)
		}
	}
	printed, err := mutua(t, "forms", "--db", db, "--cohort", cohort, "--kind", "intake", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, printed)
	}
	if !strings.Contains(printed, "Wrote 16 questionnaires and a blank one for paper") {
		t.Errorf("printed %q", printed)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(files) != 17 {
		t.Fatalf("%d files: %v", len(files), files)
	}
	var form string
	for _, f := range files {
		if !strings.Contains(f, "blank") {
			form = f
			break
		}
	}
	xfdf := filepath.Join(dir, "v.xfdf")
	os.WriteFile(xfdf, []byte(`<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>`+
		`<field name="p-title"><value>Directrice générale</value></field></fields></xfdf>`), 0o644)
	back := filepath.Join(dir, "Returned")
	os.Mkdir(back, 0o755)
	if b, err := exec.Command("pdftk", form, "fill_form", xfdf, "output", filepath.Join(back, "filled.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("pdftk: %v %s", err, b)
	}
	// the required questions are blank: shown, nothing imported
	if msg := mustFail(t, "import", "forms", "--db", db, back); !strings.Contains(msg, "nothing was imported") {
		t.Errorf("import of an unfinished form: %q", msg)
	}
	// without an instrument, the profile alone
	out2 := filepath.Join(dir, "Forms2")
	if _, err := mutua(t, "forms", "--db", db, "--cohort", cohort, "--out", out2, "--instrument", "none"); err != nil {
		t.Fatal(err)
	}
	files, _ = filepath.Glob(filepath.Join(out2, "*.pdf"))
	for _, f := range files {
		if !strings.Contains(f, "blank") {
			form = f
			break
		}
	}
	os.Remove(filepath.Join(back, "filled.pdf"))
	if b, err := exec.Command("pdftk", form, "fill_form", xfdf, "output", filepath.Join(back, "filled.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("pdftk: %v %s", err, b)
	}
	printed, err = mutua(t, "import", "forms", "--db", db, back)
	if err != nil || !strings.Contains(printed, "→ Directrice générale") || !strings.Contains(printed, "run it again with --yes") {
		t.Fatalf("preview: %v\n%s", err, printed)
	}
	printed, err = mutua(t, "import", "forms", "--db", db, "--yes", filepath.Join(back, "filled.pdf"))
	if err != nil || !strings.Contains(printed, "Imported 1 questionnaire.") || !strings.Contains(printed, "Still to come back from the same sending: 15 (") {
		t.Fatalf("import: %v\n%s", err, printed)
	}
	if msg := mustFail(t, "import", "forms", "--db", db, "--yes", back); !strings.Contains(msg, "nothing was imported") {
		t.Errorf("a second import: %q", msg)
	}
	if msg := mustFail(t, "import", "forms", "--db", db); !strings.Contains(msg, "at least one file") {
		t.Errorf("no file: %q", msg)
	}
}
