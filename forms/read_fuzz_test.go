package forms

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzRead: no file, however broken, makes Read panic or fail without one of its own errors.
func FuzzRead(f *testing.F) {
	var form bytes.Buffer
	if err := Write(&form, sampleForm("Ana Silva", 7)); err != nil {
		f.Fatal(err)
	}
	b := form.Bytes()
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /AcroForm << /Fields [2 0 R] >> >> endobj\n2 0 obj << /T (MutuaFormID) /V (x) /Kids [2 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		_, err := Read(pdf, practice, testKey)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Errorf("Read gave %T %v, not a *forms.Error", err, err)
		}
	})
}
