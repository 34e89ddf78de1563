package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mutua/data/sqlite"
)

// Hostile input: whatever a coach (or a damaged disk) hands Mutua, it answers with a result or
// a plain error, never a crash or a hang, and a refused import changes nothing.

// fuzzDeadline is how long one input may take before it counts as a hang.
const fuzzDeadline = 20 * time.Second

// withinDeadline runs fn and fails the input if it does not return in time.
func withinDeadline(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(fuzzDeadline):
		t.Fatalf("%s did not return within %v", what, fuzzDeadline)
	}
}

// practiceCopies hands out practices that start as the same file, so one input's import
// cannot leak into the next. The current practice is reused as long as inputs leave it as it
// was; after an import that succeeded (or left backups behind) a fresh copy replaces it.
type practiceCopies struct {
	dir    string
	base   []byte // the practice file, closed
	before string // its full export, with a fixed clock
	n      int
	cur    *sqlite.Store
	curDir string
	// watch is a second, read-only connection to the current practice: its data_version
	// changes whenever the store commits, which tells cheaply that nothing was committed.
	watch    *sql.DB
	watchCon *sql.Conn
	checks   int
}

func newPracticeCopies(f *testing.F, fill func(*sqlite.Store) error) *practiceCopies {
	f.Helper()
	dir := f.TempDir()
	path := filepath.Join(dir, "base.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		f.Fatal(err)
	}
	fixedClock(s)
	if err := fill(s); err != nil {
		f.Fatal(err)
	}
	if err := s.Close(); err != nil {
		f.Fatal(err)
	}
	base, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	c := &practiceCopies{dir: dir, base: base}
	c.before = snapshot(f, c.store(f))
	f.Cleanup(c.close)
	return c
}

// store returns the current practice, opening a fresh copy when there is none.
func (c *practiceCopies) store(t testing.TB) *sqlite.Store {
	t.Helper()
	if c.cur != nil {
		return c.cur
	}
	c.n++
	c.curDir = filepath.Join(c.dir, fmt.Sprint("copy", c.n))
	if err := os.MkdirAll(c.curDir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(c.curDir, "practice.mutua")
	if err := os.WriteFile(path, c.base, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fixedClock(s)
	c.cur = s
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}
	if c.watch, err = sql.Open("sqlite", u.String()); err != nil {
		t.Fatal(err)
	}
	if c.watchCon, err = c.watch.Conn(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// version returns the current practice's data version as the watching connection sees it.
func (c *practiceCopies) version(t testing.TB) int64 {
	t.Helper()
	var v int64
	if err := c.watchCon.QueryRowContext(context.Background(), `PRAGMA data_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// unchanged fails t when the current practice no longer holds exactly what it held at the
// start. When fuzzing, the full comparison is made only when something was committed since
// version was read (and now and then regardless); the seed runs always compare in full.
func (c *practiceCopies) unchanged(t *testing.T, version int64, cause error) {
	t.Helper()
	c.checks++
	if fuzzing() && c.version(t) == version && c.checks%16 != 0 {
		return
	}
	if after := snapshot(t, c.cur); after != c.before {
		t.Fatalf("the import was refused (%v) but the practice changed", cause)
	}
}

// fuzzing reports whether this run generates inputs (go test -fuzz), not only replays seeds.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// spent retires the current practice when it was changed or when files other than the
// practice and its journal appeared beside it (backups made before an import).
func (c *practiceCopies) spent(changed bool) {
	if !changed {
		entries, _ := os.ReadDir(c.curDir)
		others := false
		for _, e := range entries {
			switch e.Name() {
			case "practice.mutua", "practice.mutua-lock", "practice.mutua-wal", "practice.mutua-shm":
			default:
				others = true
			}
		}
		if !others {
			return
		}
	}
	c.close()
}

func (c *practiceCopies) close() {
	if c.cur != nil {
		c.watchCon.Close()
		c.watch.Close()
		c.cur.Close()
		os.RemoveAll(c.curDir)
		c.cur = nil
	}
}

// Roster files: good ones, the refused ones the importer's own tests use, and the shapes
// spreadsheets produce (byte-order marks, CRLF, semicolons, tabs, Windows-1252, UTF-16).
var rosterSeeds = []string{
	"\xef\xbb\xbfName,Email,Company,Seniority,Strengths,Development Areas,Cohort,Job,Career,Calling,Assessed_On,Shoe size\r\n" +
		"Zoë Ødegård,zoe@fernhill.example,\"Fernhill Bank, Oslo\",5,negotiation; data literacy,coaching,Spring 2027,10,35,80,2026-03-02,41\r\n" +
		"\"Ben \"\"Benny\"\" Okafor\",ben@helix.example,Helix Biotech,Director,\"research strategy\",\"negotiation;\r\npublic speaking\",Spring 2027; Reverse 2027,,,,,\r\n" +
		",,,,,,,,,,,\r\n",
	"name;email;job;career;calling;assessed_on\nChloé Dubois;chloe@quill.example;62,5;40;20;2026-02-01\n",
	"name,company\nJos\xe9 \xc1lvarez,Marigold\n",
	"email,title,name\nEXISTING@x.example,Chief Operating Officer,Existing Person\nnew@helix.example,CEO,Noor Haddad\n",
	"name,email,cohort,job,career,calling,assessed_on\nAna,ana@x.example,Spring,20,30,90,2026-01-05\n",
	"name,email,phone,title,company,industry,function,seniority,years_experience,birth_year,location,timezone,strengths,development_areas,goals,capacity,status,cohort,job,career,calling,assessed_on\n" +
		"Zoë Ødegård,zoe@fernhill.example,+47 22 00 00 00,CFO,Fernhill Bank,Financial services,Finance,6,22,1975,Oslo,Europe/Oslo,negotiation; data literacy,coaching,\"Lead with less control,\nmore trust\",2,active,Autumn; Spring,10,35,80,2026-03-02\n" +
		"Ана Петрова,ana@orbital.example,,Head of Data,Orbital Software,Technology,Data,4,12,1990,Sofia,Europe/Sofia,machine learning,storytelling,,1,paused,Spring,55.5,60,20,2026-04-10\n" +
		"Ben Okafor,,,,Helix Biotech,,,,,,,,,,,1,alumni,,,,,\n",
	"email,company\nana@x.example,Acme\n",
	"name,email\nAna,ana@x.example\nBen,ben@\n",
	"name,seniority\nAna,9\n",
	"name,seniority\nAna,senior\n",
	"name,job,career,calling,assessed_on\nAna,10,20,30,2026-13-45\n",
	"name,job,career,calling,assessed_on\nAna,10,20,300,2026-01-13\n",
	"name,job,career\nAna,10,20\n",
	"name,email\nAna,ana@x.example\nBen,ben@x.example\nAna again,ANA@x.example\n",
	"",
	"name,email\r\n",
	"\x00\x01\x02PK\x03\x04\xff\xfe garbage",
	"name,goals\nAna," + strings.Repeat("x", 10001) + "\n",
	"name,email\nAna \"the\" Great,ana@x.example\n",
	"name,status\nAna,retired\n",
	"name,email,capacity\n,a@\nBen,ben@x.example,0\n",
	// Byte-order marks, line endings and separators.
	"\xef\xbb\xbfname,email\r\nAna Pereira,ana@northwind.example\r\n",
	"\xef\xbb\xbfname;email;cohort\r\nAna Pereira;ana@northwind.example;Spring; Autumn\r\n",
	"name\temail\tcompany\nAna Pereira\tana@northwind.example\tNorthwind\n",
	"name,email\rAna Pereira,ana@northwind.example\r",
	"\xff\xfen\x00a\x00m\x00e\x00\n\x00",
	"\xef\xbb\xbf\xef\xbb\xbfname\nAna\n",
	"name,name\nAna,Ana\n",
	"name,email\nAna,existing@x.example\n",
	"name,cohort\nAna,\"Spring; Spring;;\"\n",
	"name,job,career,calling,assessed_on\nAna,NaN,Inf,-0,2026-02-29\n",
	"\"name\nAna",
	// Issue 11: round trips, lone CRs, formulas, look-alike emails, extra values, damaged UTF-8.
	"name,email,company,cohort,job,career,calling,assessed_on\nExisting Person,existing@x.example,Acme,Spring,20,30,90,2026-01-05\n",
	"name,email\nExisting Person,EXISTING@x.example\n",
	"name,email,goals\r\nAna,ana@x.example,\"two\nlines\"\rBen,ben@x.example,\nChloé,chloe@x.example,\r\n",
	"name,email\nAna,ana@x.example\rBen,ben@x.example\n",
	"name,company,phone,strengths\n'=HYPERLINK(\"x\"),'+1 Partners,'+47 22 00 00 00,\"'=1+1; listening\"\n-Ana,''=quoted,'t Hooft,'\n",
	"name,email\nZoë,ZO\u200bË@fernhill.example\nZoë again,ｚｏｅ\u0308@fernhill.example\n",
	"name,email\nAna,ana@x.example,Helix,CEO\n",
	"name,email\nAna,ana@x.example,,\n",
	"name,company\nZoë,Fernhill\nJos\xe9,Marigold\n",
	"name,\x1b]0;pwned\x07,status\nAna,,\x1b[2Jretired\n",
}

func FuzzImportRoster(f *testing.F) {
	for _, s := range rosterSeeds {
		f.Add([]byte(s))
	}
	practices := newPracticeCopies(f, func(s *sqlite.Store) error {
		_, err := s.ImportRoster(strings.NewReader("name,email,company,cohort,job,career,calling,assessed_on\n" +
			"Existing Person,existing@x.example,Acme,Spring,20,30,90,2026-01-05\n" +
			"Zoë Ødegård,zoe@fernhill.example,Fernhill Bank,Spring,10,35,80,2026-03-02\n" +
			"Ben Okafor,,Helix Biotech,,,,,\n"))
		return err
	})
	f.Fuzz(func(t *testing.T, file []byte) {
		s := practices.store(t)
		version := practices.version(t)
		var res sqlite.ImportResult
		var err error
		withinDeadline(t, "ImportRoster", func() { res, err = s.ImportRoster(bytes.NewReader(file)) })
		if err == nil {
			if res.Added+res.Updated+res.Unchanged == 0 {
				t.Errorf("the import succeeded but read no one: %+v", res)
			}
			practices.spent(true)
			return
		}
		if err.Error() == "" {
			t.Errorf("the error has no message for the coach: %#v", err)
		}
		practices.unchanged(t, version, err)
		practices.spent(false)
	})
}

// sampleExport reads the sample practice's full export.
func sampleExport(f *testing.F) []byte {
	raw, err := os.ReadFile("../../assets/sample.json")
	if err != nil {
		f.Fatal(err)
	}
	return raw
}

// trimExport keeps only the named tables of a full export, and of each at most limit records
// (the built-in instruments whole).
func trimExport(f *testing.F, raw []byte, limit int, tables ...string) []byte {
	var file map[string]any
	if err := json.Unmarshal(raw, &file); err != nil {
		f.Fatal(err)
	}
	all := file["tables"].(map[string]any)
	kept := map[string]any{}
	for _, name := range tables {
		rows := all[name].([]any)
		if name == "instruments" || name == "scales" {
			kept[name] = rows // an instrument without its scales is refused, as in the app
			continue
		}
		kept[name] = rows[:min(limit, len(rows))]
	}
	file["tables"] = kept
	out, err := json.Marshal(file)
	if err != nil {
		f.Fatal(err)
	}
	return out
}

// withPartnership adds to a trimmed export a partnership of its first members participants,
// with one session on heldOn that every member attended, and the given score.
func withPartnership(f *testing.F, raw []byte, members int, heldOn string, score float64) []byte {
	var file map[string]any
	if err := json.Unmarshal(raw, &file); err != nil {
		f.Fatal(err)
	}
	tables := file["tables"].(map[string]any)
	tables["partnerships"] = []any{map[string]any{"id": 1, "started_on": "2026-03-16", "score": score, "created_at": "2026-03-13T00:00:00Z"}}
	tables["sessions"] = []any{map[string]any{"id": 1, "partnership_id": 1, "held_on": heldOn, "duration_minutes": 60, "created_at": "2026-05-02T00:00:00Z"}}
	var pm, att []any
	for i := 1; i <= members; i++ {
		pm = append(pm, map[string]any{"partnership_id": 1, "participant_id": i})
		att = append(att, map[string]any{"session_id": 1, "participant_id": i, "attended": 1, "rating": 4})
	}
	if members == 3 {
		// A second running partnership for the first two members, whose capacity is 1.
		tables["partnerships"] = append(tables["partnerships"].([]any), map[string]any{"id": 2, "started_on": "2026-03-16", "created_at": "2026-03-13T00:00:00Z"})
		pm = append(pm, map[string]any{"partnership_id": 2, "participant_id": 1}, map[string]any{"partnership_id": 2, "participant_id": 2})
	}
	tables["partnership_members"], tables["session_attendance"] = pm, att
	out, err := json.Marshal(file)
	if err != nil {
		f.Fatal(err)
	}
	return out
}

func FuzzImportAll(f *testing.F) {
	sample := sampleExport(f)
	builtIn := []string{"settings", "instruments", "scales", "agendas"}
	small := trimExport(f, sample, 3, "settings", "instruments", "scales", "participants", "participant_tags", "cohorts", "cohort_members")
	if !fuzzing() {
		// The whole sample is replayed with the seeds but not fuzzed from: at 140 KB, each
		// new finding made from it would take the fuzzer's whole minute to minimize.
		f.Add(sample)
		f.Add(sample[:len(sample)/2])
	}
	f.Add(small)
	f.Add(trimExport(f, sample, 1000, builtIn...))
	f.Add(trimExport(f, sample, 2, append(builtIn, "participants", "cohorts", "assessments", "assessment_values")...))
	f.Add(small[:len(small)/2])
	f.Add(small[:len(small)-3])
	for _, change := range [][2]string{
		{`"seniority":6,`, `"seniority":"six",`},
		{`"capacity":1,`, `"capacity":true,`},
		{`"zoe.odegard@fernhillbank.example"`, `"zoe@"`},
		{`{"cohort_id":1,"participant_id":1}`, `{"cohort_id":1,"participant_id":999}`},
		{`"key":"work-orientation"`, `"key":"work-orientation-old"`},
		{`"participants":[`, `"participants":{"rows":[`},
		{fmt.Sprintf(`"schema_version":%d`, sqlite.SchemaVersion()), fmt.Sprintf(`"schema_version":"%d"`, sqlite.SchemaVersion())},
		// Values SQLite takes but the app never would.
		{`"zoe.odegard@fernhillbank.example"`, `" ZOE.ODEGARD@fernhillbank.example"`},
		{`"phone":"+44 20 7946 0100"`, `"phone":"+44\u0007 20"`},
		{`"min_value":0,`, `"min_value":200,`},
		{`"created_at":"2026-02-02T10:00:00Z"`, `"created_at":"yesterday"`},
		{`"format":"mutua-practice"`, `"format":"mutua-practice","format":7`},
	} {
		changed := bytes.Replace(small, []byte(change[0]), []byte(change[1]), 1)
		if bytes.Equal(changed, small) {
			f.Fatalf("the seed change %q found nothing to change", change[0])
		}
		f.Add(changed)
	}
	f.Add(withPartnership(f, small, 1, "2027-06-01", 1e308)) // one member, a session in the future, a score out of range
	f.Add(withPartnership(f, small, 2, "2026-05-01", 78))    // as the app would keep it
	f.Add(withPartnership(f, small, 2, "yesterday", 78))     // a date SQLite refuses
	f.Add(withPartnership(f, small, 3, "2026-05-01", 78))    // beyond a member's capacity
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "exported_at": "2026-11-22T09:00:00Z", "tables": {}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 1, "exported_at": "2026-11-22T09:00:00Z", "tables": {"participants": [{"id": 1, "name": "Ana Pereira", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "tables": {"participants": [{}]}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "tables": {"participants": {"id": 1}}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "tables": null}`))
	f.Add([]byte(`{"format": "something-else", "schema_version": 1}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 99, "tables": {}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "tables": {"participants": [{"id": 1e400}]}}`))
	f.Add([]byte(`{"format": "mutua-practice", "schema_version": 2, "tables": {"sqlite_master": [], "participants\"; DROP TABLE cohorts; --": []}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	f.Add([]byte("null"))
	f.Add([]byte(""))

	practices := newPracticeCopies(f, func(*sqlite.Store) error { return nil })
	f.Fuzz(func(t *testing.T, file []byte) {
		s := practices.store(t)
		version := practices.version(t)
		var err error
		withinDeadline(t, "ImportAll", func() { err = s.ImportAll(bytes.NewReader(file), sqlite.ImportOptions{}) })
		if err == nil {
			practices.spent(true)
			return
		}
		if err.Error() == "" {
			t.Errorf("the error has no message for the coach: %#v", err)
		}
		r, rerr := s.Roster()
		if rerr != nil {
			t.Fatalf("the import was refused (%v) and the roster cannot be read: %v", err, rerr)
		}
		if len(r.Entries) != 0 || len(r.Cohorts) != 0 {
			t.Fatalf("the import was refused (%v) but left %d participants and %d cohorts", err, len(r.Entries), len(r.Cohorts))
		}
		practices.unchanged(t, version, err)
		practices.spent(false)
	})
}

// Damaging a practice file: the fuzzer picks where to truncate it and which bytes to overwrite.
const damagePageSize = 4096

// damage returns a copy of file cut to truncate bytes (when not 0) with edits applied: each
// edit is five bytes, a page number and an offset in that page (little-endian uint16s) and
// the byte to write there.
func damage(file []byte, truncate uint32, edits []byte) []byte {
	out := bytes.Clone(file)
	pages := max(1, len(out)/damagePageSize)
	for ; len(edits) >= 5; edits = edits[5:] {
		page := int(binary.LittleEndian.Uint16(edits[0:2])) % pages
		at := page*damagePageSize + int(binary.LittleEndian.Uint16(edits[2:4]))%damagePageSize
		if at < len(out) {
			out[at] = edits[4]
		}
	}
	if truncate != 0 {
		out = out[:int(truncate)%(len(out)+1)]
	}
	return out
}

// edit encodes one overwrite for damage.
func edit(page, offset uint16, value byte) []byte {
	e := make([]byte, 5)
	binary.LittleEndian.PutUint16(e[0:2], page)
	binary.LittleEndian.PutUint16(e[2:4], offset)
	e[4] = value
	return e
}

func edits(es ...[]byte) []byte { return bytes.Join(es, nil) }

func FuzzOpenDamaged(f *testing.F) {
	sample := sampleExport(f)
	basePath := filepath.Join(f.TempDir(), "sample.mutua")
	s, err := sqlite.Open(basePath)
	if err != nil {
		f.Fatal(err)
	}
	fixedClock(s)
	if err := s.ImportAll(bytes.NewReader(sample), sqlite.ImportOptions{}); err != nil {
		f.Fatal(err)
	}
	if err := s.Close(); err != nil {
		f.Fatal(err)
	}
	base, err := os.ReadFile(basePath)
	if err != nil {
		f.Fatal(err)
	}
	if len(base) < 8*damagePageSize || !bytes.Equal(base[16:18], []byte{damagePageSize >> 8, 0}) {
		f.Fatalf("the sample practice is %d bytes with page size bytes %x; the seeds expect 4096-byte pages", len(base), base[16:18])
	}
	pages := uint16(len(base) / damagePageSize)

	f.Add(uint32(0), []byte(nil))                                // as it is
	f.Add(uint32(100), []byte(nil))                              // header only
	f.Add(uint32(damagePageSize), []byte(nil))                   // the schema page only
	f.Add(uint32(len(base)/2), []byte(nil))                      // half the file
	f.Add(uint32(len(base)-1), []byte(nil))                      // one byte short
	f.Add(uint32(0), edit(0, 0, 'Q'))                            // not "SQLite format 3"
	f.Add(uint32(0), edit(0, 16, 0x02))                          // page size
	f.Add(uint32(0), edits(edit(0, 18, 1), edit(0, 19, 1)))      // rollback journal instead of WAL
	f.Add(uint32(0), edit(0, 20, 64))                            // reserved bytes per page
	f.Add(uint32(0), edit(0, 31, 0xff))                          // database size in pages
	f.Add(uint32(0), edit(0, 35, 0x07))                          // first freelist page
	f.Add(uint32(0), edit(0, 44, 9))                             // schema format
	f.Add(uint32(0), edit(0, 63, 1))                             // schema version 1: an upgrade
	f.Add(uint32(0), edit(0, 63, 99))                            // a newer schema
	f.Add(uint32(0), edit(0, 71, 0))                             // application id
	f.Add(uint32(0), edits(edit(0, 100, 0x0a), edit(0, 105, 0))) // schema page header
	f.Add(uint32(0), edits(edit(0, 4000, 'x'), edit(0, 4001, 'y'), edit(0, 4002, 'z')))
	f.Add(uint32(0), edits(edit(1, 0, 0xff), edit(1, 3, 0xff)))
	f.Add(uint32(0), edits(edit(pages/2, 0, 0x05), edit(pages/2, 8, 0)))
	f.Add(uint32(0), edits(edit(pages-1, 1, 0xff), edit(pages-1, 2, 0xff)))
	f.Add(uint32(len(base)-damagePageSize), edit(3, 4095, 0))

	f.Fuzz(func(t *testing.T, truncate uint32, changes []byte) {
		damaged := damage(base, truncate, changes)
		dir := t.TempDir()
		path := filepath.Join(dir, "practice.mutua")
		if err := os.WriteFile(path, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		var s *sqlite.Store
		var err error
		withinDeadline(t, "Open", func() { s, err = sqlite.Open(path) })
		if err != nil {
			if err.Error() == "" {
				t.Errorf("the error has no message for the coach: %#v", err)
			}
			where := keptAs(t, dir, damaged)
			if where == "" {
				t.Fatalf("Open refused the file (%v) and its bytes are no longer on disk, as they were or set aside", err)
			}
			t.Logf("refused, file kept as %s: %v", where, err)
			return
		}
		defer s.Close()
		withinDeadline(t, "Roster and ExportAll", func() {
			_, rerr := s.Roster()
			eerr := s.ExportAll(io.Discard)
			t.Logf("opened; roster: %v, export: %v", rerr, eerr)
		})
	})
}

// keptAs returns the name of the file in dir that holds exactly want: the practice itself, or
// the name it was set aside under. It returns "" when there is none.
func keptAs(t *testing.T, dir string, want []byte) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if got, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && bytes.Equal(got, want) {
			return e.Name()
		}
	}
	return ""
}
