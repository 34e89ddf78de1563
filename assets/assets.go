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

// Fonts for the scripts Noto Sans lacks, tried in this order: Noto Sans Hebrew, Arabic,
// Devanagari and Thai (SIL Open Font License, fonts/OFL.txt), Droid Sans Fallback for
// Chinese and Japanese (Apache License 2.0, fonts/DroidSansFallback-LICENSE.txt) and
// NanumSquare for Korean (SIL Open Font License, fonts/Nanum-OFL.txt), whose Hangul Droid
// Sans Fallback lacks.
var (
	//go:embed fonts/NotoSansHebrew-Regular.ttf
	hebrewRegular []byte
	//go:embed fonts/NotoSansHebrew-Bold.ttf
	hebrewBold []byte
	//go:embed fonts/NotoSansArabic-Regular.ttf
	arabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	arabicBold []byte
	//go:embed fonts/NotoSansDevanagari-Regular.ttf
	devanagariRegular []byte
	//go:embed fonts/NotoSansDevanagari-Bold.ttf
	devanagariBold []byte
	//go:embed fonts/NotoSansThai-Regular.ttf
	thaiRegular []byte
	//go:embed fonts/NotoSansThai-Bold.ttf
	thaiBold []byte
	//go:embed fonts/NanumSquareR.ttf
	koreanRegular []byte
	//go:embed fonts/NanumSquareB.ttf
	koreanBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	cjk []byte
)

// ScriptFonts returns the regular and bold faces of the fonts reports print other scripts
// in, each as {regular, bold}; Droid Sans Fallback has no bold, so its
// regular serves both.
func ScriptFonts() [][2][]byte {
	return [][2][]byte{
		{hebrewRegular, hebrewBold},
		{arabicRegular, arabicBold},
		{devanagariRegular, devanagariBold},
		{thaiRegular, thaiBold},
		{cjk, cjk},
		{koreanRegular, koreanBold},
	}
}

// Sample returns the sample practice, as a full export.
func Sample() []byte { return sample }

// ReportFont returns the regular and bold faces reports are printed in.
func ReportFont() (regular, bold []byte) { return fontRegular, fontBold }

// Licences returns the licence texts of everything built into Mutua.
func Licences() []byte { return licences }

// IconPNG returns Mutua's icon as PNG. The package holds no Fyne type, so the command line
// builds without Fyne.
func IconPNG() []byte { return icon }
