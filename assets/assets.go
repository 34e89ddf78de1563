// Package assets holds what Mutua embeds: its icon and the sample practice.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed sample.json
var sample []byte

//go:embed icon.png
var icon []byte

// Sample returns the sample practice, as a full export.
func Sample() []byte { return sample }

// Icon is Mutua's icon.
var Icon = fyne.NewStaticResource("icon.png", icon)
