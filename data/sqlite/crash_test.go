package sqlite_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

// The crash test runs a second copy of this test binary as a writer that saves sessions and
// roster imports, kills it with SIGKILL at random moments, and checks after each kill that the
// practice is sound and holds everything the writer was told was saved.
//
// These variables tell the copy what to do; without them TestCrashChild does nothing.
const (
	crashEnvPractice    = "MUTUA_CRASH_PRACTICE"    // the practice file
	crashEnvLog         = "MUTUA_CRASH_LOG"         // where each save is reported once it returned
	crashEnvRun         = "MUTUA_CRASH_RUN"         // this copy's number, to keep batch names unique
	crashEnvPartnership = "MUTUA_CRASH_PARTNERSHIP" // the partnership whose sessions are logged
	crashEnvMode        = "MUTUA_CRASH_MODE"        // "write" (save in a loop) or "hold" (keep the practice open)
	crashEnvAll         = "MUTUA_CRASH_ALL"         // a full export the writer imports into new practices
	crashReady          = "mutua-crash-child-ready"
	crashBatchRows      = 5
	crashBatchPrefix    = "Import batch "
	crashNoteBody       = "Talked through the board paper; both left with a next step."
	crashCopyMarker     = "marker@copy.example" // only in the new practices, never in a backup
)

// crashDay is "today" for the writer; its sessions fall between the partnership's start and it.
var (
	crashDay   = data.NewDate(2026, 11, 22)
	crashStart = data.NewDate(2026, 1, 5)
)

// TestCrashChild is the writer. It runs only when started by TestCrashSafety or
// TestCrashTwoCopies.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnvPractice)
	if path == "" {
		t.Skip("runs only as the writer started by the crash tests")
	}
	s, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "open: %v\n", err)
		os.Exit(3)
	}
	clockAt(s, crashDay)
	if os.Getenv(crashEnvMode) == "hold" {
		fmt.Println(crashReady)
		time.Sleep(30 * time.Second) // killed long before this
		os.Exit(4)
	}
	pid, _ := strconv.ParseInt(os.Getenv(crashEnvPartnership), 10, 64)
	page, err := s.Partnership(pid)
	if err != nil {
		fmt.Fprintf(os.Stderr, "partnership: %v\n", err)
		os.Exit(3)
	}
	log, err := os.OpenFile(os.Getenv(crashEnvLog), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		fmt.Fprintf(os.Stderr, "log: %v\n", err)
		os.Exit(3)
	}
	report := func(line string) {
		if _, err := log.WriteString(line + "\n"); err != nil {
			fmt.Fprintf(os.Stderr, "log: %v\n", err)
			os.Exit(3)
		}
		if err := log.Sync(); err != nil {
			fmt.Fprintf(os.Stderr, "log: %v\n", err)
			os.Exit(3)
		}
	}
	run := os.Getenv(crashEnvRun)
	runN, _ := strconv.Atoi(run)
	a, b := page.Members[0].ParticipantID, page.Members[1].ParticipantID
	all, err := os.ReadFile(os.Getenv(crashEnvAll))
	if err != nil {
		fmt.Fprintf(os.Stderr, "export: %v\n", err)
		os.Exit(3)
	}
	var lastBackup string
	if list, _ := sqlite.Backups(s.BackupDir()); len(list) > 0 {
		lastBackup = list[0].Path
	}
	fmt.Println(crashReady)
	// The parent kills this copy within a few tens of milliseconds; the limit only keeps a copy
	// whose parent went away from running on. Each run starts at another step of the cycle
	// (session, import, backup, new practice from a full export then restored from a backup),
	// so every step is killed now and then.
	deadline := time.Now().Add(20 * time.Second)
	for n := runN % 4; time.Now().Before(deadline); n++ {
		switch {
		case n%4 == 2:
			bk, err := s.Backup("crash")
			if err != nil {
				fmt.Fprintf(os.Stderr, "backup: %v\n", err)
				os.Exit(3)
			}
			lastBackup = bk.Path
			report("backup " + bk.Path)
			continue
		case n%4 == 3:
			copyPath := filepath.Join(filepath.Dir(path), fmt.Sprintf("copy-%s-%d.mutua", run, n))
			c, err := sqlite.Open(copyPath)
			if err != nil {
				fmt.Fprintf(os.Stderr, "create: %v\n", err)
				os.Exit(3)
			}
			if err := c.ImportAll(bytes.NewReader(all), sqlite.ImportOptions{}); err != nil {
				fmt.Fprintf(os.Stderr, "import all: %v\n", err)
				os.Exit(3)
			}
			if err := c.CreateParticipant(&data.Participant{Name: "Copy Marker", Email: crashCopyMarker}); err != nil {
				fmt.Fprintf(os.Stderr, "copy marker: %v\n", err)
				os.Exit(3)
			}
			c.Close()
			report("copy " + copyPath)
			if lastBackup != "" {
				if _, err := sqlite.Restore(copyPath, lastBackup, sqlite.Options{}); err != nil {
					fmt.Fprintf(os.Stderr, "restore: %v\n", err)
					os.Exit(3)
				}
				report("restored " + copyPath)
			}
			continue
		}
		if n%4 == 0 {
			se := data.Session{PartnershipID: pid, HeldOn: crashStart.AddDays(n % 300), DurationMinutes: 45 + n%60,
				Topics:     fmt.Sprintf("Session %s-%d", run, n),
				Attendance: []data.Attendance{{ParticipantID: a, Attended: true, Rating: 1 + n%5}, {ParticipantID: b, Attended: true, Rating: 5 - n%5}},
				Notes:      []data.Note{{Body: crashNoteBody, Visibility: data.Shared}}}
			if err := s.LogSession(&se); err != nil {
				fmt.Fprintf(os.Stderr, "log session: %v\n", err)
				os.Exit(3)
			}
			report(fmt.Sprintf("session %d", se.ID))
		} else {
			batch := fmt.Sprintf("r%s-b%d", run, n)
			if _, err := s.ImportRoster(bytes.NewReader(crashBatchCSV(batch))); err != nil {
				fmt.Fprintf(os.Stderr, "import: %v\n", err)
				os.Exit(3)
			}
			report("import " + batch)
		}
	}
	os.Exit(5)
}

// crashBatchCSV is a small roster: new participants, a new cohort and an assessment each, all
// carrying the batch name so a partial import would show.
func crashBatchCSV(batch string) []byte {
	var b bytes.Buffer
	b.WriteString("name,email,company,goals,cohort,job,career,calling,assessed_on\n")
	for i := 1; i <= crashBatchRows; i++ {
		fmt.Fprintf(&b, "Person %s-%d,%s-%d@batch.example,Company %d,%s%s,%s%s,%d,%d,%d,2026-03-%02d\n",
			batch, i, batch, i, i, crashBatchPrefix, batch, crashBatchPrefix, batch, 10*i, 50, 90-10*i, i)
	}
	return b.Bytes()
}

// crashChild is a running writer (or holder) and what it wrote to its error output.
type crashChild struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
}

// startCrashChild starts the writer (or holder) and waits until it has the practice open.
func startCrashChild(t *testing.T, env ...string) (*crashChild, error) {
	t.Helper()
	c := &crashChild{cmd: exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1"), stderr: &bytes.Buffer{}}
	c.cmd.Env = append(os.Environ(), env...)
	c.cmd.Stderr = c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan error, 1)
	go func() {
		r := bufio.NewReader(out)
		var seen []string
		for {
			line, err := r.ReadString('\n')
			if strings.TrimSpace(line) == crashReady {
				ready <- nil
				io.Copy(io.Discard, r)
				return
			}
			seen = append(seen, line)
			if err != nil {
				ready <- fmt.Errorf("the writer stopped before it was ready: %s", strings.Join(seen, ""))
				return
			}
		}
	}()
	select {
	case err = <-ready:
	case <-time.After(30 * time.Second):
		err = errors.New("the writer did not open the practice within 30 s")
	}
	if err != nil {
		c.cmd.Process.Kill()
		c.cmd.Wait()
		return nil, fmt.Errorf("%w%s", err, c.stderr.String())
	}
	return c, nil
}

// kill ends the child with SIGKILL and makes sure it was the kill that ended it.
func (c *crashChild) kill() error {
	if err := c.cmd.Process.Kill(); err != nil {
		return fmt.Errorf("kill: %w", err)
	}
	err := c.cmd.Wait()
	if err == nil || (runtime.GOOS != "windows" && !strings.Contains(err.Error(), "killed")) {
		return fmt.Errorf("the writer ended before it was killed (%v): %s", err, c.stderr.String())
	}
	return nil
}

// crashCheck opens the practice after a kill, then checks it through a read-only connection.
type crashCheck struct {
	sessions map[int64]bool  // sessions reported saved
	batches  map[string]bool // imports reported saved
	backups  map[string]bool // backups reported made
	copies   map[string]bool // new practices reported filled from the full export
	restored map[string]bool // of them, those reported restored from a backup

	copiesSeen, restoredSeen int
}

func (c *crashCheck) readLog(t *testing.T, logPath string) {
	t.Helper()
	raw, err := os.ReadFile(logPath)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	// A line counts only when it is complete.
	text := string(raw)
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		text = text[:i+1]
	} else {
		text = ""
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		kind, arg, _ := strings.Cut(line, " ")
		switch kind {
		case "session":
			id, err := strconv.ParseInt(arg, 10, 64)
			if err != nil {
				t.Fatalf("bad log line %q", line)
			}
			c.sessions[id] = true
		case "import":
			c.batches[arg] = true
		case "backup":
			c.backups[arg] = true
		case "copy":
			c.copies[arg] = true
		case "restored":
			c.restored[arg] = true
		case "":
		default:
			t.Fatalf("bad log line %q", line)
		}
	}
}

// verify returns what is wrong with the practice at path, or nil; it also returns how many
// sessions and import batches the practice holds.
func (c *crashCheck) verify(path string) (sessions, batches int, problems []string) {
	s, err := sqlite.Open(path)
	if err != nil {
		return 0, 0, []string{fmt.Sprintf("open after the kill: %v", err)}
	}
	if err := s.Close(); err != nil {
		return 0, 0, []string{fmt.Sprintf("close after the kill: %v", err)}
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return 0, 0, []string{err.Error()}
	}
	defer db.Close()
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	var integrity []string
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return 0, 0, []string{fmt.Sprintf("integrity check: %v", err)}
	}
	for rows.Next() {
		var line string
		rows.Scan(&line)
		integrity = append(integrity, line)
	}
	rows.Close()
	if len(integrity) != 1 || integrity[0] != "ok" {
		fail("integrity check: %s", strings.Join(integrity, "; "))
	}
	rows, err = db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return 0, 0, append(problems, fmt.Sprintf("foreign key check: %v", err))
	}
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fkid int
		rows.Scan(&table, &rowid, &parent, &fkid)
		fail("foreign key check: %s row %v refers to a missing %s", table, rowid.Int64, parent)
	}
	rows.Close()

	// Every session is whole: two rated attendances and its note.
	present := map[int64]bool{}
	rows, err = db.Query(`SELECT s.id,
		(SELECT count(*) FROM session_attendance a WHERE a.session_id = s.id AND a.rating > 0),
		(SELECT count(*) FROM notes n WHERE n.session_id = s.id AND n.body = ?)
		FROM sessions s`, crashNoteBody)
	if err != nil {
		return 0, 0, append(problems, fmt.Sprintf("read sessions: %v", err))
	}
	for rows.Next() {
		var id int64
		var rated, notes int
		if err := rows.Scan(&id, &rated, &notes); err != nil {
			fail("read sessions: %v", err)
			break
		}
		present[id] = true
		if rated != 2 || notes != 1 {
			fail("session %d is partly saved: %d ratings, %d notes", id, rated, notes)
		}
	}
	rows.Close()
	for id := range c.sessions {
		if !present[id] {
			fail("session %d was reported saved but is missing", id)
		}
	}

	// Every import batch is all there (participants, cohort memberships, assessments) or absent.
	type batch struct{ people, members, assessed int }
	found := map[string]*batch{}
	rows, err = db.Query(`SELECT p.goals,
		(SELECT count(*) FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id WHERE cm.participant_id = p.id AND c.name = p.goals),
		(SELECT count(*) FROM assessments a WHERE a.participant_id = p.id)
		FROM participants p WHERE p.goals LIKE ?`, crashBatchPrefix+"%")
	if err != nil {
		return 0, 0, append(problems, fmt.Sprintf("read participants: %v", err))
	}
	for rows.Next() {
		var goals string
		var member, assessed int
		if err := rows.Scan(&goals, &member, &assessed); err != nil {
			fail("read participants: %v", err)
			break
		}
		name := strings.TrimPrefix(goals, crashBatchPrefix)
		if found[name] == nil {
			found[name] = &batch{}
		}
		found[name].people++
		found[name].members += member
		found[name].assessed += assessed
	}
	rows.Close()
	var cohortNames []string
	rows, err = db.Query(`SELECT name FROM cohorts WHERE name LIKE ?`, crashBatchPrefix+"%")
	if err != nil {
		return 0, 0, append(problems, fmt.Sprintf("read cohorts: %v", err))
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		cohortNames = append(cohortNames, strings.TrimPrefix(n, crashBatchPrefix))
	}
	rows.Close()
	for _, n := range cohortNames {
		if found[n] == nil {
			fail("import %s left its cohort without its participants", n)
		}
	}
	for name, b := range found {
		if b.people != crashBatchRows || b.members != crashBatchRows || b.assessed != crashBatchRows {
			fail("import %s is partly saved: %d participants, %d in its cohort, %d assessed (want %d each)",
				name, b.people, b.members, b.assessed, crashBatchRows)
		}
	}
	for name := range c.batches {
		if found[name] == nil {
			fail("import %s was reported saved but is missing", name)
		}
	}
	return len(present), len(found), problems
}

func TestCrashSafety(t *testing.T) {
	const kills = 120 // while writing; a few more land while the writer starts
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.mutua")
	logPath := filepath.Join(dir, "saved.log")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	clockAt(s, crashDay)
	p := newPartnership(t, s, crashStart, "Ana Pereira", "Ben Okafor")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	allPath := filepath.Join(dir, "all.json")
	if s, err = sqlite.Open(path); err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	if err := s.ExportAll(&all); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.WriteFile(allPath, all.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(20261122, 6))
	check := &crashCheck{sessions: map[int64]bool{}, batches: map[string]bool{}, backups: map[string]bool{},
		copies: map[string]bool{}, restored: map[string]bool{}}
	started := time.Now()
	var whileWriting, whileStarting, sessions, batches int
	seenAll := func() bool {
		return len(check.sessions) > 0 && len(check.batches) > 0 && len(check.backups) > 0 && check.copiesSeen > 0 && check.restoredSeen > 0
	}
	// On a busy machine the writer gets less done before each kill: go on (up to three times
	// as many kills) until every kind of write has been reported at least once.
	for run := 0; whileWriting < kills || !seenAll() && whileWriting < 3*kills; run++ {
		env := []string{crashEnvPractice + "=" + path, crashEnvLog + "=" + logPath,
			crashEnvRun + "=" + strconv.Itoa(run), crashEnvPartnership + "=" + strconv.FormatInt(p.ID, 10),
			crashEnvMode + "=write", crashEnvAll + "=" + allPath}
		if run%15 == 7 {
			// Now and then, kill the writer while it is still opening the practice.
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), env...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
			cmd.Process.Kill()
			cmd.Wait()
			whileStarting++
		} else {
			child, err := startCrashChild(t, env...)
			if err != nil {
				t.Fatal(err)
			}
			wait := 5 + rng.IntN(56)
			if run%4 == 3 { // making a new practice from a full export, then restoring it, takes longer
				wait = 20 + rng.IntN(250)
				if check.copiesSeen == 0 || check.restoredSeen == 0 {
					// On a busy machine neither may finish that soon: wait longer, step by step.
					wait += min(2000, 10*whileWriting)
				}
			}
			time.Sleep(time.Duration(wait) * time.Millisecond)
			if err := child.kill(); err != nil {
				t.Fatal(err)
			}
			whileWriting++
		}
		check.readLog(t, logPath)
		var problems []string
		sessions, batches, problems = check.verify(path)
		problems = append(problems, check.verifyOthers(path)...)
		if len(problems) > 0 {
			t.Fatalf("after kill %d (%d reported sessions, %d reported imports):\n%s",
				run+1, len(check.sessions), len(check.batches), strings.Join(problems, "\n"))
		}
	}
	if !seenAll() {
		t.Fatalf("the writer reported %d sessions, %d imports, %d backups, %d new practices, %d restores: the kills came too early to test anything",
			len(check.sessions), len(check.batches), len(check.backups), check.copiesSeen, check.restoredSeen)
	}
	t.Logf("%d backups, %d new practices filled from a full export and %d restores reported", len(check.backups), check.copiesSeen, check.restoredSeen)
	t.Logf("%d kills while writing, %d while starting, in %v: %d sessions and %d imports reported saved, %d and %d in the practice, all whole",
		whileWriting, whileStarting, time.Since(started).Round(time.Millisecond), len(check.sessions), len(check.batches), sessions, batches)
}

// Two copies at once, from the operating system's side: a second copy is refused at once while
// another process holds the practice, and opens normally once that process has been killed.
func TestCrashTwoCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.mutua")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@northwind.example"})
	s.Close()

	holder, err := startCrashChild(t, crashEnvPractice+"="+path, crashEnvMode+"=hold")
	if err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			holder.kill()
		}
	}()
	began := time.Now()
	second, err := sqlite.Open(path)
	if err == nil {
		second.Close()
		t.Fatal("a second copy opened a practice another process holds")
	}
	if took := time.Since(began); took > time.Second {
		t.Errorf("the refusal took %v; it should come at once", took)
	}
	if data.ErrorCode(err) != data.Locked || !strings.Contains(err.Error(), "open in another Mutua window") {
		t.Errorf("err = %v, want the practice-is-open message", err)
	}

	killed = true
	if err := holder.kill(); err != nil {
		t.Fatal(err)
	}
	again, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("after the other copy was killed: %v", err)
	}
	defer again.Close()
	if p, err := again.ParticipantByEmail("ana@northwind.example"); err != nil || p.Name != "Ana Pereira" {
		t.Errorf("after reopening: %+v, %v", p, err)
	}
}

// verifyOthers checks what the writer did beside the practice: every backup under its final
// name verifies; every new practice, finished or killed while it was made, filled or restored,
// opens (none is refused for ever), and those reported done hold what they should. They are
// removed once checked, to keep the folder small.
func (c *crashCheck) verifyOthers(path string) (problems []string) {
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	list, err := sqlite.Backups(sqlite.BackupDir(path, ""))
	if err != nil {
		fail("list backups: %v", err)
	}
	for _, b := range list {
		if err := sqlite.VerifyBackup(b.Path); err != nil {
			fail("backup %s does not verify: %v", filepath.Base(b.Path), err)
		}
	}
	if partial, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(path, ""), "*.partial")); len(partial) > 0 {
		fail("a half-written backup is left after the practice was opened again: %s", filepath.Base(partial[0]))
	}
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "copy-*.mutua"))
	for _, cp := range copies {
		s, err := sqlite.Open(cp)
		if err != nil {
			fail("%s, killed while made, filled or restored, does not open: %v", filepath.Base(cp), err)
			continue
		}
		roster, err := s.Roster()
		_, markErr := s.ParticipantByEmail(crashCopyMarker)
		s.Close()
		switch {
		case err != nil:
			fail("%s: %v", filepath.Base(cp), err)
		case c.restored[cp] && markErr == nil:
			fail("%s was reported restored from a backup but holds the practice it replaced", filepath.Base(cp))
		case c.restored[cp] && len(roster.Entries) < 2:
			fail("%s was reported restored from a backup but holds %d participants", filepath.Base(cp), len(roster.Entries))
		case c.copies[cp] && markErr == nil && len(roster.Entries) != 3, c.copies[cp] && len(roster.Entries) < 2:
			// Filled and not restored yet (the restore may have been done but not reported).
			fail("%s was reported filled from the full export but holds %d participants", filepath.Base(cp), len(roster.Entries))
		}
		if c.copies[cp] {
			c.copiesSeen++
		}
		if c.restored[cp] {
			c.restoredSeen++
		}
		leftovers, _ := filepath.Glob(cp + "*")
		for _, f := range leftovers {
			if f != cp && !strings.HasSuffix(f, "-lock") {
				fail("%s left %s behind", filepath.Base(cp), filepath.Base(f))
			}
			os.Remove(f)
		}
		os.Remove(cp)
		os.RemoveAll(sqlite.BackupDir(cp, ""))
	}
	return problems
}
