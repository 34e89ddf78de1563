package assets

// licences.txt holds the licence of every library built into Mutua, for About → All
// licences. It is written from the modules the build links, on Linux, Windows and macOS:
//
//	go test ./assets -run TestLicencesAreCurrent -update-licences

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateLicences = flag.Bool("update-licences", false, "rewrite assets/licences.txt from the modules the build links")

// linkedModules lists the modules built into the app on each system, with their folders.
func linkedModules(t *testing.T) map[string]string {
	t.Helper()
	modules := map[string]string{} // "path version" → folder
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command("go", "list", "-deps", "-json=Module", "-tags", "migrated_fynedo", "mutua")
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for {
			var p struct {
				Module *struct {
					Path, Version, Dir string
					Main               bool
				}
			}
			if err := dec.Decode(&p); err == io.EOF {
				break
			} else if err != nil {
				t.Fatal(err)
			}
			if p.Module != nil && !p.Module.Main {
				modules[p.Module.Path+" "+p.Module.Version] = p.Module.Dir
			}
		}
	}
	return modules
}

// licenceFiles are a folder's licence texts, by name.
func licenceFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		upper := strings.ToUpper(e.Name())
		if !e.IsDir() && (strings.HasPrefix(upper, "LICENSE") || strings.HasPrefix(upper, "LICENCE") || strings.HasPrefix(upper, "COPYING")) {
			names = append(names, filepath.Join(dir, e.Name()))
		}
	}
	return names
}

func licencesText(t *testing.T) []byte {
	var b bytes.Buffer
	section := func(title string, files ...string) {
		if len(files) == 0 {
			t.Errorf("%s has no licence file", title)
		}
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := title
			if len(files) > 1 {
				name += " (" + filepath.Base(f) + ")"
			}
			fmt.Fprintf(&b, "%s\n%s\n\n%s\n\n", strings.Repeat("=", 72), name, strings.TrimSpace(string(text)))
		}
	}
	b.WriteString("Mutua is built from the software below, each under the licence that follows its name.\n\n")
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	section("Go, the language and its runtime", filepath.Join(strings.TrimSpace(string(goroot)), "LICENSE"))
	section("Noto Sans, Noto Sans Hebrew, Arabic, Devanagari and Thai, the fonts of the reports", "fonts/OFL.txt")
	section("NanumSquare, the reports' font for Korean", "fonts/Nanum-OFL.txt")
	section("Droid Sans Fallback, the reports' font for Chinese and Japanese (Copyright 2006-2010 Google Corp.)", "fonts/DroidSansFallback-LICENSE.txt")
	modules := linkedModules(t)
	keys := make([]string, 0, len(modules))
	for k := range modules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		section(k, licenceFiles(modules[k])...)
	}
	return b.Bytes()
}

func TestLicencesAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every module's licence")
	}
	want := licencesText(t)
	if *updateLicences {
		if err := os.WriteFile("licences.txt", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(Licences(), want) {
		t.Fatal("assets/licences.txt is out of date: run go test ./assets -run TestLicencesAreCurrent -update-licences")
	}
	for _, name := range []string{"fyne.io/fyne/v2", "modernc.org/sqlite", "github.com/jung-kurt/gofpdf", "SIL OPEN FONT LICENSE", "Droid Sans Fallback", "Apache License"} {
		if !bytes.Contains(Licences(), []byte(name)) {
			t.Errorf("the licences lack %s", name)
		}
	}
}
