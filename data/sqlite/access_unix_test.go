//go:build unix

package sqlite_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"mutua/data"
	"mutua/data/sqlite"
)

// asOrdinaryAccount runs the calling test again as the account "nobody" when it runs as root,
// who may write anywhere, and reports whether the caller should stop here. The test gets a
// folder of its own, shared with that account.
func asOrdinaryAccount(t *testing.T) (dir string, done bool) {
	if dir := os.Getenv("MUTUA_TEST_DIR"); dir != "" {
		return dir, false
	}
	if os.Getuid() != 0 {
		return t.TempDir(), false
	}
	shared, err := os.MkdirTemp("", "mutua-access-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(shared) })
	os.Chmod(shared, 0o777)
	// The test binary sits in a folder only root may enter; nobody runs a copy.
	self, _ := os.Executable()
	exe := filepath.Join(shared, "data.test")
	copyFile(t, self, exe)
	work := filepath.Join(shared, "work")
	os.Mkdir(work, 0o700)
	os.Chmod(work, 0o777)
	cmd := exec.Command(exe, "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "MUTUA_TEST_DIR="+work, "HOME="+work)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as the account nobody: %v\n%s", err, out)
	}
	return "", true
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

func TestPlacesMutuaMayNotUse(t *testing.T) {
	dir, done := asOrdinaryAccount(t)
	if done {
		return
	}
	// A practice with one participant, closed, for each case.
	practice := func(name string) (folder, path string, before []byte) {
		folder = filepath.Join(dir, name)
		os.Mkdir(folder, 0o700)
		path = filepath.Join(folder, "practice.mutua")
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, data.Participant{Name: "Ana Pereira"})
		s.Close()
		before, _ = os.ReadFile(path)
		return folder, path, before
	}
	for _, tc := range []struct {
		name   string
		lock   func(folder, path string)
		code   data.Code
		saying string
	}{
		{"read-only folder", func(folder, _ string) { os.Chmod(folder, 0o500) }, data.ReadOnly, "may not write in the folder"},
		{"read-only file", func(_, path string) { os.Chmod(path, 0o400) }, data.ReadOnly, "is read-only for your account"},
		{"unreadable file", func(_, path string) { os.Chmod(path, 0o200) }, data.NoAccess, "may not read"},
	} {
		folder, path, before := practice(strings.ReplaceAll(tc.name, " ", "-"))
		tc.lock(folder, path)
		_, err := sqlite.Open(path)
		t.Logf("%s: %s", tc.name, data.Message(err))
		if data.ErrorCode(err) != tc.code || !strings.Contains(data.Message(err), tc.saying) {
			t.Errorf("%s: %v; want %s saying %q", tc.name, err, tc.code, tc.saying)
		}
		os.Chmod(folder, 0o700)
		os.Chmod(path, 0o600)
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Errorf("%s: the practice was changed", tc.name)
		}
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("%s: reopened where Mutua may write: %v", tc.name, err)
		}
		if r, _ := s.Roster(); len(r.Entries) != 1 {
			t.Errorf("%s: %d participants after, want 1", tc.name, len(r.Entries))
		}
		s.Close()
	}
}
