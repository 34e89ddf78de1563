package forms

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Read reads a returned form: its id, checked against the practice's id and key, and the
// value of every field by key. Its errors are *Error values, with messages in plain words:
// not a PDF, a damaged PDF, a PDF that is no Mutua form, a form of another practice (the
// Returned then holds the id as read), or an id changed by hand. Whether answers are present
// and in range is for the caller to check.
func Read(pdf []byte, practice string, key []byte) (ret Returned, err error) {
	head := pdf[:min(len(pdf), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return Returned{}, fail(ErrNotPDF, nil)
	}
	// a file cut short loses its end-of-file mark; pdfcpu would otherwise try to rebuild it
	if !bytes.Contains(pdf[max(0, len(pdf)-2048):], []byte("%%EOF")) {
		return Returned{}, fail(ErrDamaged, nil)
	}
	defer func() { // a reader's panic on a broken file is a damaged file, never a crash
		if r := recover(); r != nil {
			ret, err = Returned{}, fail(ErrDamaged, fmt.Errorf("%v", r))
		}
	}()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), config())
	if err != nil {
		return Returned{}, fail(ErrDamaged, err)
	}
	raw, err := values(ctx)
	if err != nil {
		return Returned{}, fail(ErrDamaged, err)
	}
	sealed, ok := raw[idField]
	if !ok || len(sealed) != 1 {
		return Returned{}, fail(ErrNotMutua, nil)
	}
	id, body, sum, ok := openID(sealed[0])
	if !ok {
		if strings.HasPrefix(sealed[0], idPrefix) {
			return Returned{}, fail(ErrEdited, nil)
		}
		return Returned{}, fail(ErrNotMutua, nil)
	}
	delete(raw, idField)
	ret = Returned{ID: id, Values: raw}
	if id.Practice != practice {
		return ret, fail(ErrOtherPractice, nil)
	}
	if !verify(key, body, sum) {
		return Returned{}, fail(ErrEdited, nil)
	}
	return ret, nil
}

// values walks the form's fields: a field's full name is its parents' names and its own,
// joined by dots; a Tags parent gathers its ticked boxes under its own name.
func values(ctx *model.Context) (map[string][]string, error) {
	out := map[string][]string{}
	root, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	af, err := ctx.DereferenceDict(root["AcroForm"])
	if err != nil || af == nil {
		return out, nil
	}
	fields, err := ctx.DereferenceArray(af["Fields"])
	if err != nil {
		return nil, err
	}
	seen := map[types.IndirectRef]bool{}
	var walk func(o types.Object, parent string, depth int, inherited types.Dict) error
	walk = func(o types.Object, parent string, depth int, inherited types.Dict) error {
		if ref, ok := o.(types.IndirectRef); ok {
			if seen[ref] {
				return nil // a loop in a broken file
			}
			seen[ref] = true
		}
		d, err := ctx.DereferenceDict(o)
		if err != nil || d == nil || depth > 20 {
			return err
		}
		name := parent
		if t, ok := d["T"]; ok {
			s, err := str(ctx, t)
			if err != nil {
				return err
			}
			if name != "" {
				name += "."
			}
			name += s
		}
		inh := types.Dict{}
		for k, v := range inherited {
			inh[k] = v
		}
		for _, k := range []string{"FT", "V", "Opt", "Ff"} {
			if v, ok := d[k]; ok {
				inh[k] = v
			}
		}
		kids, _ := ctx.DereferenceArray(d["Kids"])
		fieldKids := false
		for _, k := range kids {
			if kd, _ := ctx.DereferenceDict(k); kd != nil {
				if _, ok := kd["T"]; ok {
					fieldKids = true
				}
			}
		}
		if fieldKids {
			for _, k := range kids {
				if err := walk(k, name, depth+1, inh); err != nil {
					return err
				}
			}
			return nil
		}
		v, err := value(ctx, inh)
		if err != nil {
			return err
		}
		if v != "" {
			key := name
			if i := strings.LastIndexByte(name, '.'); i > 0 && isNumber(name[i+1:]) {
				key = name[:i] // a Tags box: its value goes under the question's key
			}
			out[key] = append(out[key], v)
		}
		return nil
	}
	for _, f := range fields {
		if err := walk(f, "", 0, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// value is what a terminal field holds, as text: the text typed or chosen, or for a button the
// text of the chosen option ("" when none is).
func value(ctx *model.Context, d types.Dict) (string, error) {
	v, err := ctx.Dereference(d["V"])
	if err != nil || v == nil {
		return "", err
	}
	switch v := v.(type) {
	case types.Name:
		s := v.Value()
		if s == "Off" || s == "" {
			return "", nil
		}
		opts, _ := ctx.DereferenceArray(d["Opt"])
		if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < len(opts) {
			return str(ctx, opts[i])
		}
		return s, nil
	case types.StringLiteral, types.HexLiteral:
		return str(ctx, v)
	case types.Array: // a list with several chosen: one line each
		var parts []string
		for _, o := range v {
			s, err := str(ctx, o)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "\n"), nil
	}
	return "", nil
}

// str reads a PDF text string (PDFDocEncoding, UTF-16 or UTF-8 with its mark).
func str(ctx *model.Context, o types.Object) (string, error) {
	o, err := ctx.Dereference(o)
	if err != nil {
		return "", err
	}
	switch o := o.(type) {
	case types.Array: // an Opt entry of [export text, shown text]
		if len(o) > 0 {
			return str(ctx, o[0])
		}
		return "", nil
	case types.Name:
		return o.Value(), nil
	}
	s, err := types.StringOrHexLiteral(o)
	if err != nil {
		return "", err
	}
	return *s, nil
}
