package forms

import (
	"bytes"
	"mutua/forms/formstest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkWriteForm writes one sample intake form (two sections, 25 questions, 4 pages) per
// operation; 300 forms take 300 times one.
func BenchmarkWriteForm(b *testing.B) {
	f := sampleForm("Дмитрий Волков", 7)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/form")
}

// BenchmarkReadForm reads one returned form per operation: filled by pdftk when it is
// installed, else the form as written.
func BenchmarkReadForm(b *testing.B) {
	dir := b.TempDir()
	path := write(b, dir, "王秀英", 42)
	if _, err := exec.LookPath("pdftk"); err == nil {
		filled := filepath.Join(dir, "filled.pdf")
		formstest.Fill(b, path, filled, answers)
		path = filled
	}
	pdf, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Read(pdf, practice, testKey); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFormParallel writes forms on every core at once, as a batch of 300 can be:
// ns/op is the time a batch takes per form.
func BenchmarkWriteFormParallel(b *testing.B) {
	f := sampleForm("Дмитрий Волков", 7)
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := Write(&buf, f); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
