package data

import (
	"fmt"
	"math"
	"sort"
)

// ItemAnswers holds one participant's answers by item key: the value answered (the chosen
// option's value for a choice, 1 for yes and 0 for no). An item left blank has no entry.
type ItemAnswers map[string]float64

// CheckAnswers returns an Invalid *Error naming every required item left blank, every
// answer outside its item's range and every answer to an item the instrument does not have,
// or nil when the answers can be scored.
func (in *Instrument) CheckAnswers(answers ItemAnswers) error {
	if !in.HasItems() {
		return Errorf(Invalid, "%s has no questions, so a result on it holds scale scores only.", in.Name)
	}
	var problems []Problem
	for i, it := range in.Items {
		v, answered := answers[it.Key]
		switch {
		case !answered:
			if it.Required {
				problems = append(problems, Problem{Field: it.Key, Message: in.ItemLabel(i) + " needs an answer."})
			}
		default:
			if msg := it.CheckAnswer(in.ItemLabel(i), v); msg != "" {
				problems = append(problems, Problem{Field: it.Key, Message: msg})
			}
		}
	}
	var unknown []string
	for k := range answers {
		if _, ok := in.Item(k); !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		problems = append(problems, Problem{Field: k, Message: fmt.Sprintf("There is an answer to a question %q that %s does not have.", Clip(k), in.Name)})
	}
	if len(problems) > 1 {
		return NewInvalid(fmt.Sprintf("The answers to %s cannot be scored", in.Name), problems)
	}
	return NewInvalid("", problems)
}

// ScaleScores checks the answers and computes, by scale name, the score of every scale fed by
// items, with reverse-keyed items mirrored. A scale whose items were all left blank gets no
// score. When some optional items are blank, the answered ones give the share of the range
// reached, and that share is applied to the whole rule's range (for items of one range: the
// mean of those answered, and their sum scaled up to all the items). Scores are rounded to
// two decimals.
func (in *Instrument) ScaleScores(answers ItemAnswers) (map[string]float64, error) {
	if err := in.CheckAnswers(answers); err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, sc := range in.Scales {
		if sc.Scoring == NotScored {
			continue
		}
		items := in.scaleItems(sc.Name)
		var sum, lo, hi float64 // of the answered items
		answered := 0
		for _, it := range items {
			v, ok := answers[it.Key]
			if !ok {
				continue
			}
			l, h := it.Range()
			sum, lo, hi = sum+it.Keyed(v), lo+l, hi+h
			answered++
		}
		if answered == 0 || hi <= lo {
			continue
		}
		var score float64
		fullLo, fullHi := ruleRange(sc.Scoring, items)
		switch {
		case sc.Scoring == ScorePercent:
			score = 100 * (sum - lo) / (hi - lo)
		case answered == len(items) && sc.Scoring == ScoreSum:
			score = sum
		case answered == len(items):
			score = sum / float64(answered)
		default:
			score = fullLo + (sum-lo)/(hi-lo)*(fullHi-fullLo)
		}
		score = math.Round(score*100) / 100
		out[sc.Name] = math.Min(math.Max(score, fullLo), fullHi)
	}
	return out, nil
}

// ScoreAnswers computes a result's scale scores from its item answers: the values of the
// scales fed by items are replaced, values typed on other scales are kept, and the primary
// orientation is set. A result without answers (scale scores typed by the coach) is left as
// it is. The instrument's scales must carry their IDs (as read from the practice).
func (in *Instrument) ScoreAnswers(a *Assessment) error {
	if a.Answers == nil {
		return nil
	}
	scores, err := in.ScaleScores(a.Answers)
	if err != nil {
		return err
	}
	scored := map[int64]bool{}
	var values []ScaleValue
	for _, sc := range in.Scales {
		if sc.Scoring == NotScored {
			continue
		}
		scored[sc.ID] = true
		if v, ok := scores[sc.Name]; ok {
			values = append(values, ScaleValue{ScaleID: sc.ID, Number: v})
		}
	}
	for _, v := range a.Values {
		if !scored[v.ScaleID] {
			values = append(values, v)
		}
	}
	a.Values = values
	a.PrimaryOrientation = in.PrimaryOrientation(values)
	return nil
}

// PrimaryOfScores returns the primary orientation of scale scores given by scale name, by the
// same rule as PrimaryOrientation.
func (in *Instrument) PrimaryOfScores(scores map[string]float64) string {
	var shares []float64
	var orientations []string
	for _, s := range in.Scales {
		v, ok := scores[s.Name]
		if !ok || s.Orientation == "" || s.Kind == Category || s.Max <= s.Min {
			continue
		}
		shares = append(shares, (v-s.Min)/(s.Max-s.Min))
		orientations = append(orientations, s.Orientation)
	}
	return in.primaryOf(orientations, shares)
}
