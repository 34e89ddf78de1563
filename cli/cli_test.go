package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutua/data/sqlite"
)

// mutua runs the command line and returns what it printed and its error.
func mutua(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(args, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join(dir, "sample.mutua")
	if out, err := mutua(t, "sample", "--db", sample); err != nil || !strings.Contains(out, "Created the sample practice") {
		t.Fatalf("sample: %q, %v", out, err)
	}
	if _, err := mutua(t, "sample", "--db", sample); err == nil || !strings.Contains(err.Error(), "already holds a practice") {
		t.Errorf("second sample on the same file: %v", err)
	}

	roster := filepath.Join(dir, "roster.csv")
	if _, err := mutua(t, "export", "roster", "--db", sample, "--out", roster); err != nil {
		t.Fatal(err)
	}
	all := filepath.Join(dir, "all.json")
	if _, err := mutua(t, "export", "all", "--out", all, "--db", sample); err != nil { // flags in any order
		t.Fatal(err)
	}
	for _, f := range []string{roster, all} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want a file readable by the coach only", filepath.Base(f), err, fi.Mode().Perm())
		}
	}

	copy := filepath.Join(dir, "copy.mutua")
	if _, err := mutua(t, "import", "all", "--db", copy, all); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again.json")
	mutua(t, "export", "all", "--db", copy, "--out", again)
	if a, b := readWithoutTime(t, all), readWithoutTime(t, again); a != b {
		t.Error("export all → import all → export all differs")
	}

	fresh := filepath.Join(dir, "fresh.mutua")
	out, err := mutua(t, "import", "--db", fresh, roster)
	if err != nil || !strings.Contains(out, "Added 26 participants") {
		t.Fatalf("import roster: %q, %v", out, err)
	}
	roster2 := filepath.Join(dir, "roster2.csv")
	mutua(t, "export", "roster", "--db", fresh, "--out", roster2)
	if a, b := readFile(t, roster), readFile(t, roster2); a != b {
		t.Error("roster export → import → export differs")
	}
}

func TestSuggestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sample.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, err := mutua(t, "suggest", "--db", db, "--cohort", "autumn 2026 reverse mentoring", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var round struct {
		Pairs []struct {
			Members []struct {
				ID    int64  `json:"id"`
				Name  string `json:"name"`
				Email string `json:"email"`
			} `json:"members"`
			Score   float64  `json:"score"`
			Reasons []string `json:"reasons"`
		} `json:"pairs"`
		Unpaired []struct {
			Name string `json:"name"`
			Why  string `json:"why"`
		} `json:"unpaired"`
		Total float64 `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &round); err != nil {
		t.Fatalf("suggest --json printed %q: %v", out, err)
	}
	var sum float64
	for _, p := range round.Pairs {
		sum += p.Score
		if len(p.Members) != 2 || p.Members[0].Email == "" || len(p.Reasons) < 3 {
			t.Errorf("pair %+v", p)
		}
	}
	if len(round.Pairs) != 5 || len(round.Unpaired) != 0 || round.Total < 250 || sum-round.Total > 0.05 || round.Total-sum > 0.05 {
		t.Errorf("round: %d pairs, %d unpaired, total %.1f (pairs add up to %.1f)", len(round.Pairs), len(round.Unpaired), round.Total, sum)
	}
	text, err := mutua(t, "suggest", "--db", db, "--cohort", "Autumn 2026 reverse mentoring")
	if err != nil || !strings.Contains(text, "5 pairs") || !strings.Contains(text, "A deliberate gap") {
		t.Errorf("suggest: %q, %v", text, err)
	}
	if _, err := mutua(t, "suggest", "--db", db, "--cohort", "Winter"); err == nil || !strings.Contains(err.Error(), `no cohort called "Winter"`) {
		t.Errorf("unknown cohort: %v", err)
	}
	// Nothing was saved: no draft round.
	all := filepath.Join(t.TempDir(), "all.json")
	mutua(t, "export", "all", "--db", db, "--out", all)
	if strings.Contains(readFile(t, all), `"status": "draft"`) {
		t.Error("suggest saved a draft round")
	}
}

func TestReportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sample.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "participant", "--db", db, "--participant", "zoe.odegard@fernhillbank.example", "--out"}, "Progress report"},
		{[]string{"report", "pair", "--db", db, "--participant", "ZOE.ODEGARD@fernhillbank.example", "--out"}, "Pair brief"},
		{[]string{"report", "cohort", "--db", db, "--cohort", "spring 2026 executive circle", "--page", "Letter", "--out"}, "Cohort summary"},
	} {
		out := filepath.Join(dir, tc.args[1]+".pdf")
		if msg, err := mutua(t, append(tc.args, out)...); err != nil {
			t.Fatalf("%v: %v", tc.args[:2], err)
		} else if !strings.Contains(msg, "Wrote") {
			t.Errorf("%v printed %q", tc.args[:2], msg)
		}
		raw := readFile(t, out)
		if !strings.HasPrefix(raw, "%PDF-") || len(raw) < 5000 {
			t.Errorf("%s is not a report (%d bytes)", out, len(raw))
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "participant", "--db", db, "--out", "x.pdf"}, "needs --participant EMAIL"},
		{[]string{"report", "participant", "--db", db, "--participant", "nobody@x.example", "--out", filepath.Join(dir, "n.pdf")}, "No participant has the email nobody@x.example"},
		{[]string{"report", "cohort", "--db", db, "--cohort", "Winter", "--out", filepath.Join(dir, "w.pdf")}, `no cohort called "Winter"`},
		{[]string{"report", "cohort", "--db", db, "--cohort", "Spring 2026 executive circle", "--page", "A5", "--out", "x.pdf"}, "A4 or Letter"},
		{[]string{"report", "cohort", "--db", db, "--cohort", "Spring 2026 executive circle", "--dates", "dd.mm.yy", "--out", "x.pdf"}, "dmy, mdy or iso"},
		{[]string{"report", "pair", "--db", db, "--participant", "grace.mensah@brightwave.example", "--out", filepath.Join(dir, "g.pdf")}, "not in a partnership yet"},
	} {
		if _, err := mutua(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	for _, f := range []string{"n.pdf", "w.pdf", "g.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("a failed report left %s behind", f)
		}
	}
}

func TestBackupRestoreCheck(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // file names as a coach types them, relative to where they are
	db := "p.mutua"
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	if out, err := mutua(t, "check", "--db", db); err != nil || !strings.Contains(out, "is sound") {
		t.Fatalf("check: %q, %v", out, err)
	}
	copyPath := "copy.mutua"
	if out, err := mutua(t, "backup", "--db", db, "--out", copyPath); err != nil || !strings.Contains(out, "verified backup") {
		t.Fatalf("backup --out: %q, %v", out, err)
	}
	if out, err := mutua(t, "backup", "--db", db); err != nil || !strings.Contains(out, filepath.Join(dir, "Backups", "p.mutua")) {
		t.Fatalf("backup: %q, %v", out, err)
	}
	// Change the practice, then restore the copy: the change is gone, and kept aside.
	s, _ := sqlite.Open(db)
	zoe, _ := s.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	s.DeleteParticipant(zoe.ID)
	s.Close()
	out, err := mutua(t, "restore", "--db", db, copyPath)
	if err != nil || !strings.Contains(out, "Restored") || !strings.Contains(out, "before restore") {
		t.Fatalf("restore: %q, %v", out, err)
	}
	s, _ = sqlite.Open(db)
	if _, err := s.ParticipantByEmail("zoe.odegard@fernhillbank.example"); err != nil {
		t.Errorf("after restoring: %v", err)
	}
	s.Close()
	// A damaged practice: check says so and exits non-zero, and the file is set aside.
	raw := []byte(readFile(t, db))
	for i := 8192; i < len(raw)-8192; i++ {
		raw[i] ^= 0x5a
	}
	os.WriteFile(db, raw, 0o600)
	os.Remove(db + "-wal")
	if _, err := mutua(t, "check", "--db", db); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("check on a damaged practice: %v", err)
	}
	if _, err := mutua(t, "restore", "--db", db, filepath.Join(dir, "missing.mutua")); err == nil {
		t.Error("restoring a missing backup succeeded")
	}
}

func TestOneDamagedPageFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	if _, err := mutua(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, err := mutua(t, "backup", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	backup := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(out), "Wrote a verified backup to "), ".")
	// One page in the middle goes bad; the header and the schema still read.
	raw := []byte(readFile(t, db))
	page := len(raw) / 4096 / 2
	for i := 0; i < 12; i++ {
		raw[page*4096+i] = 0xff
	}
	os.WriteFile(db, raw, 0o600)
	_, err = mutua(t, "export", "roster", "--db", db, "--out", filepath.Join(dir, "r.csv"))
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "mutua restore") {
		t.Fatalf("export from a damaged practice: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.csv")); err == nil {
		t.Error("an export was written from the damaged practice")
	}
	if out, err := mutua(t, "restore", "--db", db, backup); err != nil || !strings.Contains(out, "Restored") {
		t.Fatalf("restore: %q, %v", out, err)
	}
	if out, err := mutua(t, "check", "--db", db); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("check after restoring: %q, %v", out, err)
	}
	if aside, _ := filepath.Glob(db + ".damaged-*"); len(aside) != 1 {
		t.Errorf("the damaged file was not kept aside: %v", aside)
	}
}

func TestCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.mutua")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("name,email\nAna,ana@\nBen,ben@x.example\n"), 0o600)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a practice"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "roster", "--out", "x.csv"}, "needs --db PATH"},
		{[]string{"frobnicate", "--db", db}, `unknown command "frobnicate"`},
		{[]string{"import", "--db", db}, "takes 1 file name"},
		{[]string{"export", "all", "--db", db}, "needs --out FILE"},
		{[]string{"import", "--db", db, bad}, `line 2: "ana@" is not a valid email address`},
		{[]string{"import", "--db", db, filepath.Join(dir, "missing.csv")}, "missing.csv"},
		{[]string{"export", "roster", "--db", notes, "--out", filepath.Join(dir, "r.csv")}, "notes.txt is not a Mutua practice file"},
		{[]string{"import", "--db", db, "--colour", "blue", bad}, "flag provided but not defined"},
		{[]string{"export", "roster", "--db", filepath.Join(dir, "typo.mutua"), "--out", filepath.Join(dir, "r.csv")}, "There is no practice at"},
		{[]string{"suggest", "--db", filepath.Join(dir, "typo.mutua"), "--cohort", "Spring"}, "There is no practice at"},
	} {
		_, err := mutua(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("mutua %s: %v, want %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.mutua")); err == nil {
		t.Error("a mistyped practice path was created")
	}
	if b, _ := os.ReadFile(notes); string(b) != "not a practice" {
		t.Error("a file that is not a practice was changed")
	}
	if s, err := sqlite.Open(db); err == nil {
		r, _ := s.Roster()
		if len(r.Entries) != 0 {
			t.Errorf("a refused import saved %d participants", len(r.Entries))
		}
		s.Close()
	}
}

func TestSecondCopyIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.mutua")
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = mutua(t, "export", "roster", "--db", db, "--out", filepath.Join(t.TempDir(), "r.csv"))
	if err == nil || !strings.Contains(err.Error(), "open in another Mutua window") {
		t.Errorf("second copy: %v", err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readWithoutTime reads a full export without its export time.
func readWithoutTime(t *testing.T, path string) string {
	s := readFile(t, path)
	if i := strings.Index(s, `"exported_at"`); i >= 0 {
		s = s[:i] + s[i+len(`"exported_at": "2026-01-01T00:00:00Z"`):]
	}
	return s
}
