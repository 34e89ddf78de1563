package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mutua/data"
)

// profileChart shows how a participant's scores changed: one group of bars per scale, one
// bar per result in each group (oldest to newest, the newest in the strongest colour), drawn
// on the scales' range, with a legend naming each result's date.
type profileChart struct {
	widget.BaseWidget

	scales   []data.Scale      // the numeric scales, in the instrument's order
	results  []data.Assessment // oldest first
	min, max float64           // the range every bar is drawn on
	empty    string            // shown when there is nothing to draw
}

func newProfileChart() *profileChart {
	c := &profileChart{empty: "No results yet."}
	c.ExtendBaseWidget(c)
	return c
}

// setData draws the results (oldest first) on the instrument's numeric scales.
func (c *profileChart) setData(in *data.Instrument, results []data.Assessment) {
	c.scales, c.results = nil, results
	c.min, c.max = math.Inf(1), math.Inf(-1)
	if in != nil {
		for _, sc := range in.Scales {
			if sc.Kind.Numeric() && sc.Max > sc.Min {
				c.scales = append(c.scales, sc)
				c.min, c.max = math.Min(c.min, sc.Min), math.Max(c.max, sc.Max)
			}
		}
	}
	if len(c.scales) == 0 {
		c.min, c.max = 0, 100
	}
	c.Refresh()
}

// value returns a result's number on a scale, and whether it has one.
func (c *profileChart) value(a data.Assessment, scaleID int64) (float64, bool) {
	for _, v := range a.Values {
		if v.ScaleID == scaleID {
			return v.Number, true
		}
	}
	return 0, false
}

// CreateRenderer draws the chart with canvas primitives.
func (c *profileChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	r := &profileChartRenderer{chart: c}
	r.Refresh()
	return r
}

type profileChartRenderer struct {
	chart *profileChart

	objects     []fyne.CanvasObject
	gridLines   []*canvas.Line
	ticks       []float64
	tickLabels  []*canvas.Text
	groupLabels []*canvas.Text
	bars        []*canvas.Rectangle // scale by scale, then result by result (oldest first)
	values      []*canvas.Text      // one over each bar
	swatches    []*canvas.Rectangle
	legend      []*canvas.Text
	message     *canvas.Text
	messageBack *canvas.Rectangle // keeps the grid lines from crossing the message
}

func (r *profileChartRenderer) Destroy() {}

func (r *profileChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh rebuilds the shapes from the chart's data in the current theme's colours.
func (r *profileChartRenderer) Refresh() {
	c := r.chart
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	lines := th.Color(theme.ColorNameInputBorder, v) // the theme keeps it at 3:1 on the background
	caption := th.Size(theme.SizeNameCaptionText)
	textSize := th.Size(theme.SizeNameText)

	r.objects = nil
	r.gridLines, r.tickLabels, r.groupLabels, r.bars, r.values, r.swatches, r.legend = nil, nil, nil, nil, nil, nil, nil
	r.ticks = chartTicks(c.min, c.max)
	for _, t := range r.ticks {
		line := canvas.NewLine(lines)
		line.StrokeWidth = 1
		label := canvas.NewText(data.FormatNumber(t), fg) // small type: the muted colour thins out
		label.TextSize = caption
		label.Alignment = fyne.TextAlignTrailing
		r.gridLines, r.tickLabels = append(r.gridLines, line), append(r.tickLabels, label)
		r.objects = append(r.objects, line, label)
	}
	k := len(c.results)
	for _, sc := range c.scales {
		label := canvas.NewText(sc.Name, fg)
		label.TextSize = textSize
		label.TextStyle.Bold = true
		label.Alignment = fyne.TextAlignCenter
		r.groupLabels = append(r.groupLabels, label)
		r.objects = append(r.objects, label)
		for i, a := range c.results {
			bar := newChartBar(th.Color(theme.ColorNamePrimary, v), i, k)
			text := ""
			if n, ok := c.value(a, sc.ID); ok {
				text = data.FormatNumber(math.Round(n*10) / 10)
			} else {
				bar.Hide()
			}
			value := canvas.NewText(text, fg)
			value.TextSize = caption
			value.Alignment = fyne.TextAlignCenter
			r.bars, r.values = append(r.bars, bar), append(r.values, value)
			r.objects = append(r.objects, bar, value)
		}
	}
	for i, a := range c.results {
		swatch := newChartBar(th.Color(theme.ColorNamePrimary, v), i, k)
		label := formatDate(a.AssessedOn)
		if k > 1 && i == k-1 {
			label += " (latest)"
		}
		text := canvas.NewText(label, fg)
		text.TextSize = caption
		r.swatches, r.legend = append(r.swatches, swatch), append(r.legend, text)
		r.objects = append(r.objects, swatch, text)
	}
	r.messageBack = canvas.NewRectangle(th.Color(theme.ColorNameBackground, v))
	r.message = canvas.NewText("", muted)
	r.message.TextSize = textSize
	r.message.Alignment = fyne.TextAlignCenter
	switch {
	case len(c.scales) == 0:
		r.message.Text = "This instrument has no scores to chart."
	case k == 0:
		r.message.Text = c.empty
	default:
		r.message.Hide()
		r.messageBack.Hide()
	}
	r.objects = append(r.objects, r.messageBack, r.message)
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// newChartBar is a bar of result i of k: faded inside for older results, with an outline in
// the full colour so even the faintest stands out from the background.
func newChartBar(primary color.Color, i, k int) *canvas.Rectangle {
	bar := canvas.NewRectangle(barColour(primary, i, k))
	bar.StrokeColor, bar.StrokeWidth = primary, 1
	bar.CornerRadius = 2
	return bar
}

// barColour is the primary colour, fainter for older results so the newest stands out.
func barColour(primary color.Color, i, k int) color.Color {
	c := color.NRGBAModel.Convert(primary).(color.NRGBA)
	alpha := 1.0
	if k > 1 {
		alpha = 1 - 0.7*float64(k-1-i)/float64(k-1)
	}
	c.A = uint8(float64(c.A) * alpha)
	return c
}

// chartTicks returns the values marked on the axis: the ends and three steps between.
func chartTicks(lo, hi float64) []float64 {
	out := make([]float64, 5)
	for i := range out {
		out[i] = math.Round((lo+(hi-lo)*float64(i)/4)*100) / 100
	}
	return out
}

func (r *profileChartRenderer) MinSize() fyne.Size {
	groups := max(len(r.chart.scales), 1)
	perGroup := float32(max(len(r.chart.results), 1))*6 + 24
	return fyne.NewSize(max(320, 48+float32(groups)*perGroup), 240)
}

func (r *profileChartRenderer) Layout(size fyne.Size) {
	c := r.chart
	th := c.Theme()
	pad := th.Size(theme.SizeNamePadding)
	if size.Width <= 0 || size.Height <= 0 {
		return
	}

	// Legend along the top, wrapping onto more lines when the dates do not fit.
	x, y := float32(0), float32(0)
	lineH := float32(0)
	for i, text := range r.legend {
		ts := text.MinSize()
		sw := ts.Height * 0.8
		w := sw + pad + ts.Width
		if x > 0 && x+w > size.Width {
			x, y = 0, y+lineH+pad
		}
		r.swatches[i].Resize(fyne.NewSize(sw, sw))
		r.swatches[i].Move(fyne.NewPos(x, y+(ts.Height-sw)/2))
		text.Resize(ts)
		text.Move(fyne.NewPos(x+sw+pad, y))
		x += w + 3*pad
		lineH = ts.Height
	}
	top := float32(0)
	if len(r.legend) > 0 {
		top = y + lineH + 2*pad
	}

	// The axis: tick labels on the left, a grid line across for each tick.
	tickW := float32(0)
	for _, l := range r.tickLabels {
		tickW = max(tickW, l.MinSize().Width)
	}
	left := tickW + 2*pad
	valueH := float32(0)
	if len(r.values) > 0 {
		valueH = r.values[0].MinSize().Height
	}
	groupH := float32(0)
	if len(r.groupLabels) > 0 {
		groupH = r.groupLabels[0].MinSize().Height
	}
	plotTop := top + max(valueH, r.tickLabels[0].MinSize().Height/2)
	plotBottom := size.Height - groupH - pad
	plotH := max(plotBottom-plotTop, 1)
	span := c.max - c.min
	yOf := func(v float64) float32 {
		f := float32((v - c.min) / span)
		return plotBottom - min(max(f, 0), 1)*plotH
	}
	for i, t := range r.ticks {
		ty := yOf(t)
		r.gridLines[i].Position1 = fyne.NewPos(left, ty)
		r.gridLines[i].Position2 = fyne.NewPos(size.Width, ty)
		ls := r.tickLabels[i].MinSize()
		r.tickLabels[i].Resize(fyne.NewSize(tickW, ls.Height))
		r.tickLabels[i].Move(fyne.NewPos(0, ty-ls.Height/2))
	}

	// One group per scale; the bars of a group side by side, oldest first.
	k := len(c.results)
	if len(c.scales) > 0 {
		groupW := (size.Width - left) / float32(len(c.scales))
		gap := pad
		cluster := float32(0)
		barW := float32(0)
		if k > 0 {
			barW = min((groupW*0.7-gap*float32(k-1))/float32(k), 56)
			barW = max(barW, 2)
			cluster = barW*float32(k) + gap*float32(k-1)
		}
		// Values are labelled only when every label fits over its bar, so none go missing.
		widest := float32(0)
		for _, value := range r.values {
			widest = max(widest, value.MinSize().Width)
		}
		labelled := widest <= barW+gap
		for s, label := range r.groupLabels {
			gx := left + groupW*float32(s)
			ls := label.MinSize()
			label.Resize(fyne.NewSize(groupW, ls.Height))
			label.Move(fyne.NewPos(gx, plotBottom+pad))
			start := gx + (groupW-cluster)/2
			for i := 0; i < k; i++ {
				bar, value := r.bars[s*k+i], r.values[s*k+i]
				n, _ := c.value(c.results[i], c.scales[s].ID)
				by := min(yOf(n), plotBottom-2) // a bar at the bottom of the range still shows
				bx := start + float32(i)*(barW+gap)
				bar.Resize(fyne.NewSize(barW, plotBottom-by))
				bar.Move(fyne.NewPos(bx, by))
				vs := value.MinSize()
				value.Hidden = bar.Hidden || !labelled
				value.Resize(fyne.NewSize(max(vs.Width, barW), vs.Height))
				value.Move(fyne.NewPos(bx+barW/2-max(vs.Width, barW)/2, by-vs.Height))
			}
		}
	}

	ms := r.message.MinSize()
	r.message.Resize(fyne.NewSize(size.Width-left, ms.Height))
	r.message.Move(fyne.NewPos(left, plotTop+(plotH-ms.Height)/2))
	r.messageBack.Resize(fyne.NewSize(ms.Width+4*pad, ms.Height+2*pad))
	r.messageBack.Move(fyne.NewPos(left+(size.Width-left-ms.Width)/2-2*pad, plotTop+(plotH-ms.Height)/2-pad))
}
