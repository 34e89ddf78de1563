// Package formstest fills Mutua's forms as a participant's PDF reader would, through Debian's
// pdftk (pdftk-java): a second, independent form implementation, for the tests of every package
// that reads returned forms.
package formstest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// NeedPdftk skips the test when pdftk is not installed.
func NeedPdftk(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftk"); err != nil {
		t.Skip("pdftk is not installed (Debian package pdftk-java): the forms are not checked against a second form implementation")
	}
}

// Fill fills the form at in with values and saves it as out, through pdftk and an XFDF file
// (which carries UTF-8). A key "teach.4" names a box of a tick-any question.
func Fill(t testing.TB, in, out string, values map[string]string) {
	t.Helper()
	NeedPdftk(t)
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve"><fields>`)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var v bytes.Buffer
		xml.EscapeText(&v, []byte(values[k]))
		if parent, box, ok := strings.Cut(k, "."); ok {
			fmt.Fprintf(&x, `<field name="%s"><field name="%s"><value>%s</value></field></field>`, parent, box, v.String())
		} else {
			fmt.Fprintf(&x, `<field name="%s"><value>%s</value></field>`, k, v.String())
		}
	}
	x.WriteString("</fields></xfdf>\n")
	dir := t.TempDir()
	// pdftk (Java) may not open a file whose name is not ASCII under this locale: give it a copy.
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	in = filepath.Join(dir, "form.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	xfdf := filepath.Join(dir, "values.xfdf")
	if err := os.WriteFile(xfdf, []byte(x.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("pdftk", in, "fill_form", xfdf, "output", out).CombinedOutput(); err != nil {
		t.Fatalf("pdftk fill_form: %v\n%s", err, b)
	}
}
