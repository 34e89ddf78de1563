package forms

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Field flags (PDF 32000-1, 12.7.3.1 and 12.7.4).
const (
	flagReadOnly     = 1 << 0
	flagMultiline    = 1 << 12
	flagNoToggleOff  = 1 << 14
	flagRadio        = 1 << 15
	flagCombo        = 1 << 17
	flagEdit         = 1 << 18
	flagDoNotSpell   = 1 << 22
	annotPrint       = 1 << 2
	annotHidden      = 1 << 1
	ptPerMM          = 72 / 25.4
	textAppearance   = "/Helv 10 Tf 0 g"
	buttonAppearance = "/ZaDb 0 Tf 0 g"
)

var configOnce sync.Once

// config is pdfcpu's configuration without its folder of settings and fonts, which it would
// otherwise create in the user's configuration folder.
func config() *model.Configuration {
	configOnce.Do(api.DisableConfigDir)
	c := model.NewDefaultConfiguration()
	c.ValidationMode = model.ValidationRelaxed
	// gofpdf's output is lean already; plain objects and a plain cross-reference table are
	// faster to write and read by every reader
	c.Optimize, c.OptimizeBeforeWriting, c.OptimizeResourceDicts = false, false, false
	c.WriteObjectStream, c.WriteXRefStream = false, false
	return c
}

// fields adds the form's fields to a PDF laid out by gofpdf.
type fields struct {
	ctx            *model.Context
	pages          map[int]types.Array // widget references by page
	all            types.Array         // the form's fields
	on, dot, empty *types.IndirectRef  // the appearances of a ticked box, a chosen button, and an empty one
}

// addFields reads the laid-out form back with pdfcpu, adds its fields and the hidden id, and
// writes the fillable form to w.
func addFields(w io.Writer, body []byte, l *layout) error {
	ctx, err := api.ReadContext(bytes.NewReader(body), config())
	if err != nil {
		return fmt.Errorf("read the laid-out form: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return fmt.Errorf("read the laid-out form: %w", err)
	}
	fs := &fields{ctx: ctx, pages: map[int]types.Array{}}
	if err := fs.appearances(); err != nil {
		return err
	}
	if err := fs.build(l); err != nil {
		return err
	}
	if err := fs.hiddenID(l.f.ID.seal(l.f.Key)); err != nil {
		return err
	}
	for n, refs := range fs.pages {
		page, _, _, err := ctx.PageDict(n, false)
		if err != nil || page == nil {
			return fmt.Errorf("find page %d of the form: %v", n, err)
		}
		page["Annots"] = refs
	}
	root, err := ctx.Catalog()
	if err != nil {
		return err
	}
	helv := types.Dict{"Type": types.Name("Font"), "Subtype": types.Name("Type1"), "BaseFont": types.Name("Helvetica"), "Encoding": types.Name("WinAnsiEncoding")}
	zadb := types.Dict{"Type": types.Name("Font"), "Subtype": types.Name("Type1"), "BaseFont": types.Name("ZapfDingbats")}
	root["AcroForm"] = types.Dict{
		"Fields":          fs.all,
		"NeedAppearances": types.Boolean(true), // readers draw typed text in fonts of their own
		"DA":              types.StringLiteral(textAppearance),
		"DR":              types.Dict{"Font": types.Dict{"Helv": helv, "ZaDb": zadb}},
	}
	if err := api.WriteContext(ctx, w); err != nil {
		return fmt.Errorf("write the form: %w", err)
	}
	return nil
}

func (fs *fields) stream(content string, side float64) (*types.IndirectRef, error) {
	// a few bytes each: left uncompressed, which saves a compressor per stream
	sd := &types.StreamDict{Dict: types.NewDict(), Content: []byte(content)}
	sd.InsertName("Type", "XObject")
	sd.InsertName("Subtype", "Form")
	s := side * ptPerMM
	sd.Insert("BBox", types.NewNumberArray(0, 0, s, s))
	if err := sd.Encode(); err != nil {
		return nil, err
	}
	return fs.ctx.IndRefForNewObject(*sd)
}

// appearances makes the three appearances every box and button share: drawn with lines, so
// they need no font.
func (fs *fields) appearances() error {
	s := mark * ptPerMM
	var err error
	check := fmt.Sprintf("q 0.12 0.23 0.37 RG 1.4 w 1 J 1 j %.2f %.2f m %.2f %.2f l %.2f %.2f l S Q",
		s*0.2, s*0.52, s*0.42, s*0.25, s*0.82, s*0.8)
	if fs.on, err = fs.stream(check, mark); err != nil {
		return err
	}
	// a disc of radius s/4 in the middle, of four Bézier arcs
	c, r, k := s/2, s/4, s/4*0.5523
	dot := fmt.Sprintf("q 0.12 0.23 0.37 rg %.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c f Q",
		c+r, c,
		c+r, c+k, c+k, c+r, c, c+r,
		c-k, c+r, c-r, c+k, c-r, c,
		c-r, c-k, c-k, c-r, c, c-r,
		c+k, c-r, c+r, c-k, c+r, c)
	if fs.dot, err = fs.stream(dot, mark); err != nil {
		return err
	}
	fs.empty, err = fs.stream("", mark)
	return err
}

// text makes a PDF text string: plain when it is printable ASCII, UTF-16 otherwise.
func text(s string) types.Object {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return types.NewHexLiteral([]byte(types.EncodeUTF16String(s)))
		}
	}
	esc, err := types.Escape(s)
	if err != nil {
		return types.NewHexLiteral([]byte(types.EncodeUTF16String(s)))
	}
	return types.StringLiteral(*esc)
}

func (fs *fields) rect(w widget) types.Array {
	_, ph := pageSize(fs.ctx, w.page)
	return types.NewNumberArray(w.x*ptPerMM, ph-(w.y+w.h)*ptPerMM, (w.x+w.w)*ptPerMM, ph-w.y*ptPerMM)
}

func pageSize(ctx *model.Context, n int) (float64, float64) {
	page, _, inh, err := ctx.PageDict(n, false)
	if err == nil && page != nil {
		if a := page.ArrayEntry("MediaBox"); len(a) == 4 {
			return num4(a[2]) - num4(a[0]), num4(a[3]) - num4(a[1])
		}
		if inh != nil && inh.MediaBox != nil {
			return inh.MediaBox.Width(), inh.MediaBox.Height()
		}
	}
	return 595.28, 841.89
}

func num4(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	}
	return 0
}

// add puts a widget (that may also be the field) on its page.
func (fs *fields) add(page int, d types.Dict) (*types.IndirectRef, error) {
	ref, err := fs.ctx.IndRefForNewObject(d)
	if err != nil {
		return nil, err
	}
	fs.pages[page] = append(fs.pages[page], *ref)
	return ref, nil
}

func (fs *fields) pageRef(n int) types.Object {
	ref, err := fs.ctx.PageDictIndRef(n)
	if err != nil || ref == nil {
		return nil
	}
	return *ref
}

func (fs *fields) annot(w widget) types.Dict {
	d := types.Dict{"Type": types.Name("Annot"), "Subtype": types.Name("Widget"), "Rect": fs.rect(w), "F": types.Integer(annotPrint)}
	if p := fs.pageRef(w.page); p != nil {
		d["P"] = p
	}
	return d
}

// build turns the laid-out widgets into fields: one widget a text field, one field with a
// widget per option for a Choice, and one check box field per option of Tags, each under a
// parent field named by the question's key.
func (fs *fields) build(l *layout) error {
	byField := map[*Field][]widget{}
	var order []*Field
	for _, w := range l.widgets {
		if _, ok := byField[w.field]; !ok {
			order = append(order, w.field)
		}
		byField[w.field] = append(byField[w.field], w)
	}
	for _, fd := range order {
		ws := byField[fd]
		var err error
		switch fd.Kind {
		case Choice:
			err = fs.radio(fd, ws)
		case Tags:
			err = fs.checkBoxes(fd, ws)
		default:
			err = fs.textField(fd, ws[0])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (fs *fields) textField(fd *Field, w widget) error {
	d := fs.annot(w)
	d["T"] = text(fd.Key)
	d["TU"] = text(fd.Label)
	d["DA"] = types.StringLiteral(textAppearance)
	flags := 0
	switch fd.Kind {
	case LongText:
		flags = flagMultiline
	case Number:
		flags = flagDoNotSpell
	}
	if fd.Kind == Pick {
		d["FT"] = types.Name("Ch")
		flags = flagCombo | flagEdit
		opts := types.Array{}
		for _, o := range fd.Options {
			opts = append(opts, text(o))
		}
		d["Opt"] = opts
	} else {
		d["FT"] = types.Name("Tx")
	}
	d["Ff"] = types.Integer(flags)
	ref, err := fs.add(w.page, d)
	if err != nil {
		return err
	}
	fs.all = append(fs.all, *ref)
	return nil
}

// radio makes a radio button field: each button's on state is its option's number from 0,
// and the field's Opt holds the options' texts, which is how PDF gives buttons export values
// in any script.
func (fs *fields) radio(fd *Field, ws []widget) error {
	parent := types.Dict{"FT": types.Name("Btn"), "T": text(fd.Key), "TU": text(fd.Label),
		"Ff": types.Integer(flagRadio | flagNoToggleOff), "V": types.Name("Off"), "DA": types.StringLiteral(buttonAppearance)}
	pref, err := fs.ctx.IndRefForNewObject(parent)
	if err != nil {
		return err
	}
	kids, opts := types.Array{}, types.Array{}
	for _, w := range ws {
		d := fs.annot(w)
		d["Parent"] = *pref
		d["AS"] = types.Name("Off")
		d["MK"] = types.Dict{"CA": types.StringLiteral("l")}
		d["AP"] = types.Dict{"N": types.Dict{strconv.Itoa(w.option): *fs.dot, "Off": *fs.empty}}
		ref, err := fs.add(w.page, d)
		if err != nil {
			return err
		}
		kids = append(kids, *ref)
		opts = append(opts, text(fd.Options[w.option]))
	}
	parent["Kids"] = kids
	parent["Opt"] = opts
	fs.all = append(fs.all, *pref)
	return nil
}

// checkBoxes makes a parent field named by the key, with one check box field per option,
// named by the option's number and holding its text in Opt.
func (fs *fields) checkBoxes(fd *Field, ws []widget) error {
	parent := types.Dict{"T": text(fd.Key), "TU": text(fd.Label)}
	pref, err := fs.ctx.IndRefForNewObject(parent)
	if err != nil {
		return err
	}
	kids := types.Array{}
	for _, w := range ws {
		d := fs.annot(w)
		d["Parent"] = *pref
		d["FT"] = types.Name("Btn")
		d["T"] = text(strconv.Itoa(w.option))
		d["TU"] = text(fd.Options[w.option])
		d["Opt"] = types.Array{text(fd.Options[w.option])}
		d["V"] = types.Name("Off")
		d["AS"] = types.Name("Off")
		d["DA"] = types.StringLiteral(buttonAppearance)
		d["MK"] = types.Dict{"CA": types.StringLiteral("4")}
		d["AP"] = types.Dict{"N": types.Dict{"0": *fs.on, "Off": *fs.empty}}
		ref, err := fs.add(w.page, d)
		if err != nil {
			return err
		}
		kids = append(kids, *ref)
	}
	parent["Kids"] = kids
	fs.all = append(fs.all, *pref)
	return nil
}

// hiddenID adds the sealed form id as a read-only text field that is neither shown nor printed.
func (fs *fields) hiddenID(sealed string) error {
	d := types.Dict{"Type": types.Name("Annot"), "Subtype": types.Name("Widget"), "FT": types.Name("Tx"),
		"T": text(idField), "V": text(sealed), "Ff": types.Integer(flagReadOnly), "F": types.Integer(annotHidden),
		"Rect": types.NewNumberArray(0, 0, 0, 0), "DA": types.StringLiteral(textAppearance)}
	if p := fs.pageRef(1); p != nil {
		d["P"] = p
	}
	ref, err := fs.add(1, d)
	if err != nil {
		return err
	}
	fs.all = append(fs.all, *ref)
	return nil
}
