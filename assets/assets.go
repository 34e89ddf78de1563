// Package assets holds what Mutua embeds: its icon, the sample practice and the report font.
package assets

import (
	_ "embed"
)

//go:embed sample.json
var sample []byte

//go:embed icon.png
var icon []byte

//go:embed licences.txt
var licences []byte

// The report font: Noto Sans, under the SIL Open Font License (fonts/OFL.txt).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	fontBold []byte
)

// Sample returns the sample practice, as a full export.
func Sample() []byte { return sample }

// ReportFont returns the regular and bold faces reports are printed in.
func ReportFont() (regular, bold []byte) { return fontRegular, fontBold }

// Licences returns the licence texts of everything built into Mutua.
func Licences() []byte { return licences }

// IconPNG returns Mutua's icon as PNG. The package holds no Fyne type, so the command line
// builds without Fyne.
func IconPNG() []byte { return icon }
