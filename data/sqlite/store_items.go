package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"mutua/data"
	"sort"
	"strings"
)

// Storage of an instrument's questions (items), of each scale's scoring rule, and of the
// answers a result was computed from. Answers are kept with their result; its scale scores are
// computed from them by ScoreAnswers whenever answers are given.

// storedOption is a choice of a choice question as the items table keeps it (JSON).
type storedOption struct {
	Text  string  `json:"text"`
	Value float64 `json:"value"`
}

// afterMigration runs the part of a schema step that is written in Go, inside the step's
// transaction: schema 3 gives the built-in Work Orientation instrument its questionnaire.
func afterMigration(tx *txn, version int) error {
	if version == 3 {
		return seedQuestionnaire(tx)
	}
	return nil
}

// seedQuestionnaire gives the built-in Work Orientation instrument Mutua's own questionnaire
// (WorkOrientationQuestionnaire) and its scales' scoring rules, when it has no questions yet.
// A practice without the instrument, or whose scales are not the questionnaire's, is left as it is.
func seedQuestionnaire(tx *txn) error {
	q := data.WorkOrientationQuestionnaire()
	var id int64
	err := tx.QueryRow(`SELECT id FROM instruments WHERE key = ?`, q.Key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read the built-in instrument: %w", err)
	}
	var items int
	if err := tx.QueryRow(`SELECT count(*) FROM items WHERE instrument_id = ?`, id).Scan(&items); err != nil {
		return fmt.Errorf("read the built-in questionnaire: %w", err)
	}
	if items > 0 {
		return nil
	}
	scaleIDs := map[string]int64{}
	for _, sc := range q.Scales {
		var sid int64
		err := tx.QueryRow(`SELECT id FROM scales WHERE instrument_id = ? AND name = ? AND kind = ? AND min_value = ? AND max_value = ?`,
			id, sc.Name, string(sc.Kind), sc.Min, sc.Max).Scan(&sid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("read the built-in scales: %w", err)
		}
		scaleIDs[strings.ToLower(sc.Name)] = sid
	}
	if _, err := tx.Exec(`UPDATE instruments SET description = ?, mixed_within = ? WHERE id = ?`, q.Description, q.MixedWithin, id); err != nil {
		return fmt.Errorf("update the built-in instrument: %w", err)
	}
	for _, sc := range q.Scales {
		if _, err := tx.Exec(`UPDATE scales SET scoring = ? WHERE id = ?`, string(sc.Scoring), scaleIDs[strings.ToLower(sc.Name)]); err != nil {
			return fmt.Errorf("update the built-in scales: %w", err)
		}
	}
	for i, it := range q.Items {
		if err := insertItem(tx, id, i, it, scaleIDs); err != nil {
			return err
		}
	}
	return nil
}

// loadItems reads the instrument's questions, its scales' scoring rules and its margin for a
// mixed orientation into in (whose scales are read already).
func loadItems(q querier, in *data.Instrument) error {
	if err := q.QueryRow(`SELECT mixed_within FROM instruments WHERE id = ?`, in.ID).Scan(&in.MixedWithin); err != nil {
		return fmt.Errorf("read instrument: %w", err)
	}
	rules := map[int64]data.ScoringRule{}
	rows, err := q.Query(`SELECT id, scoring FROM scales WHERE instrument_id = ?`, in.ID)
	if err != nil {
		return fmt.Errorf("read scales: %w", err)
	}
	for rows.Next() {
		var id int64
		var rule string
		if err := rows.Scan(&id, &rule); err != nil {
			rows.Close()
			return err
		}
		rules[id] = data.ScoringRule(rule)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range in.Scales {
		in.Scales[i].Scoring = rules[in.Scales[i].ID]
	}
	rows, err = q.Query(`SELECT i.key, i.text, i.format, i.options, i.min_value, i.max_value, i.reversed, coalesce(s.name, ''), i.required
		FROM items i LEFT JOIN scales s ON s.id = i.scale_id WHERE i.instrument_id = ? ORDER BY i.position, i.id`, in.ID)
	if err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	defer rows.Close()
	in.Items = nil
	for rows.Next() {
		var it data.Item
		var format, options string
		if err := rows.Scan(&it.Key, &it.Text, &format, &options, &it.Min, &it.Max, &it.Reversed, &it.Scale, &it.Required); err != nil {
			return err
		}
		it.Format = data.ResponseFormat(format)
		if options != "" {
			var opts []storedOption
			if err := json.Unmarshal([]byte(options), &opts); err != nil {
				return fmt.Errorf("%s, question %s: its choices cannot be read: %w", in.Name, it.Key, err)
			}
			for _, o := range opts {
				it.Options = append(it.Options, data.ItemOption{Text: o.Text, Value: o.Value})
			}
		}
		in.Items = append(in.Items, it)
	}
	return rows.Err()
}

// insertItem adds the i-th question of an instrument; scaleIDs gives each scale's ID by name.
func insertItem(tx *txn, instrumentID int64, i int, it data.Item, scaleIDs map[string]int64) error {
	options, scale := itemColumns(it, scaleIDs)
	if _, err := tx.Exec(`INSERT INTO items (instrument_id, position, key, text, format, options, min_value, max_value, reversed, scale_id, required)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, instrumentID, i+1, it.Key, it.Text, string(it.Format), options, it.Min, it.Max, it.Reversed, scale, it.Required); err != nil {
		return fmt.Errorf("add question %s: %w", it.Key, err)
	}
	return nil
}

// itemColumns returns what the items table keeps of a question's choices and scale.
func itemColumns(it data.Item, scaleIDs map[string]int64) (options string, scale sql.NullInt64) {
	if len(it.Options) > 0 {
		opts := make([]storedOption, len(it.Options))
		for j, o := range it.Options {
			opts[j] = storedOption{o.Text, o.Value}
		}
		b, _ := json.Marshal(opts) // texts and finite numbers always marshal
		options = string(b)
	}
	if id, ok := scaleIDs[strings.ToLower(it.Scale)]; ok && it.Scale != "" {
		scale = sql.NullInt64{Int64: id, Valid: true}
	}
	return options, scale
}

// saveInstrumentItems writes the instrument's margin for a mixed orientation, its scales'
// scoring rules and its questions, after its scales are saved (and carry their IDs). Questions
// are matched to the stored ones by key, so the answers recorded to them stay theirs.
func saveInstrumentItems(tx *txn, in *data.Instrument) error {
	if _, err := tx.Exec(`UPDATE instruments SET mixed_within = ? WHERE id = ?`, in.MixedWithin, in.ID); err != nil {
		return fmt.Errorf("save instrument: %w", err)
	}
	scaleIDs := map[string]int64{}
	for _, sc := range in.Scales {
		scaleIDs[strings.ToLower(sc.Name)] = sc.ID
		if _, err := tx.Exec(`UPDATE scales SET scoring = ? WHERE id = ?`, string(sc.Scoring), sc.ID); err != nil {
			return fmt.Errorf("save scale %s: %w", sc.Name, err)
		}
	}
	stored, err := storedItemIDs(tx, in.ID)
	if err != nil {
		return err
	}
	kept := map[string]bool{}
	for i, it := range in.Items {
		kept[it.Key] = true
		id, ok := stored[it.Key]
		if !ok {
			if err := insertItem(tx, in.ID, i, it, scaleIDs); err != nil {
				return err
			}
			continue
		}
		options, scale := itemColumns(it, scaleIDs)
		if _, err := tx.Exec(`UPDATE items SET position = ?, text = ?, format = ?, options = ?, min_value = ?, max_value = ?,
			reversed = ?, scale_id = ?, required = ? WHERE id = ?`,
			i+1, it.Text, string(it.Format), options, it.Min, it.Max, it.Reversed, scale, it.Required, id); err != nil {
			return fmt.Errorf("save question %s: %w", it.Key, err)
		}
	}
	for key, id := range stored {
		if kept[key] {
			continue
		}
		if _, err := tx.Exec(`DELETE FROM items WHERE id = ?`, id); err != nil {
			return fmt.Errorf("remove question %s: %w", key, err)
		}
	}
	return nil
}

// unlinkItems lets the instrument's scales be removed or renamed while its questions are saved:
// each question's scale is written again by saveInstrumentItems.
func unlinkItems(tx *txn, instrumentID int64) error {
	if _, err := tx.Exec(`UPDATE items SET scale_id = NULL WHERE instrument_id = ?`, instrumentID); err != nil {
		return fmt.Errorf("save questions: %w", err)
	}
	return nil
}

func storedItemIDs(tx *txn, instrumentID int64) (map[string]int64, error) {
	rows, err := tx.Query(`SELECT key, id FROM items WHERE instrument_id = ?`, instrumentID)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var key string
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			return nil, err
		}
		out[key] = id
	}
	return out, rows.Err()
}

// checkItemChanges refuses an edit that would remove a question with recorded answers, or
// leave a recorded answer outside what its question accepts, naming the question and how many
// results are affected.
func checkItemChanges(tx *txn, old, in *data.Instrument) error {
	rows, err := tx.Query(`SELECT i.key, aa.value, count(*) FROM assessment_answers aa JOIN items i ON i.id = aa.item_id
		WHERE i.instrument_id = ? GROUP BY i.key, aa.value ORDER BY i.position, aa.value`, old.ID)
	if err != nil {
		return fmt.Errorf("count recorded answers: %w", err)
	}
	type tally struct {
		removed int
		out     int
		example string
	}
	var order []string
	byKey := map[string]*tally{}
	for rows.Next() {
		var key string
		var v float64
		var n int
		if err := rows.Scan(&key, &v, &n); err != nil {
			rows.Close()
			return err
		}
		t := byKey[key]
		if t == nil {
			t = &tally{}
			byKey[key] = t
			order = append(order, key)
		}
		pos := -1
		for i, it := range in.Items {
			if it.Key == key {
				pos = i
			}
		}
		switch {
		case pos < 0:
			t.removed += n
		default:
			if msg := in.Items[pos].CheckAnswer(in.ItemLabel(pos), v); msg != "" {
				t.out += n
				if t.example == "" {
					t.example = msg
				}
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var problems []data.Problem
	for _, key := range order {
		t := byKey[key]
		label := fmt.Sprintf("The question %q", key)
		for i, it := range old.Items {
			if it.Key == key {
				label = old.ItemLabel(i)
			}
		}
		switch {
		case t.removed > 0:
			problems = append(problems, data.Problem{Field: key, Message: fmt.Sprintf("%s has %s recorded; keep the question (and its key), or retire the whole instrument.", label, data.Count(t.removed, "answer"))})
		case t.out > 0:
			problems = append(problems, data.Problem{Field: key, Message: fmt.Sprintf("The change would leave %s recorded to %s out of place: %s Keep a format and range that hold them.", data.Count(t.out, "answer"), label, t.example)})
		}
	}
	return data.Refusal(data.Conflict, fmt.Sprintf("%s was not changed: the change would break answers already recorded.", old.Name), problems)
}

// rescoreAnswered computes again the scale scores of every result on the instrument that was
// entered as answers, after an edit changed its questions or scoring. Questions made required
// since do not make an earlier result wrong: its blanks stay blank.
func rescoreAnswered(tx *txn, in *data.Instrument) error {
	lenient := in.Clone()
	for i := range lenient.Items {
		lenient.Items[i].Required = false
	}
	answered, err := loadAnswers(tx, `WHERE a.instrument_id = ?`, in.ID)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(answered))
	for id := range answered {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		a := data.Assessment{ID: id, InstrumentID: in.ID, Answers: answered[id]}
		rows, err := tx.Query(`SELECT scale_id, coalesce(number, 0), category FROM assessment_values WHERE assessment_id = ?`, id)
		if err != nil {
			return fmt.Errorf("read results: %w", err)
		}
		for rows.Next() {
			var v data.ScaleValue
			if err := rows.Scan(&v.ScaleID, &v.Number, &v.Category); err != nil {
				rows.Close()
				return err
			}
			a.Values = append(a.Values, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := lenient.ScoreAnswers(&a); err != nil {
			return err // checkItemChanges keeps every recorded answer valid
		}
		if _, err := tx.Exec(`UPDATE assessments SET primary_orientation = ? WHERE id = ?`, a.PrimaryOrientation, id); err != nil {
			return fmt.Errorf("update results: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM assessment_values WHERE assessment_id = ?`, id); err != nil {
			return fmt.Errorf("update results: %w", err)
		}
		for _, v := range a.Values {
			if _, err := tx.Exec(`INSERT INTO assessment_values (assessment_id, scale_id, number, category) VALUES (?,?,?,?)`,
				id, v.ScaleID, v.Number, v.Category); err != nil {
				return fmt.Errorf("update results: %w", err)
			}
		}
	}
	return nil
}

// prepareAssessment computes a result's scale scores from its answers, when it has any, and
// checks it for saving.
func prepareAssessment(in *data.Instrument, a *data.Assessment) error {
	if err := in.ScoreAnswers(a); err != nil {
		return err
	}
	return checkAssessment(in, a)
}

// replaceAnswers writes a result's answers in place of those it had; a result without answers
// (scale scores typed) keeps none.
func replaceAnswers(tx *txn, a *data.Assessment) error {
	if _, err := tx.Exec(`DELETE FROM assessment_answers WHERE assessment_id = ?`, a.ID); err != nil {
		return fmt.Errorf("save answers: %w", err)
	}
	keys := make([]string, 0, len(a.Answers))
	for k := range a.Answers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		res, err := tx.Exec(`INSERT INTO assessment_answers (assessment_id, item_id, value)
			SELECT ?, id, ? FROM items WHERE instrument_id = ? AND key = ?`, a.ID, a.Answers[k], a.InstrumentID, k)
		if err != nil {
			return fmt.Errorf("save answers: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Errorf(data.Invalid, "There is an answer to a question %q that this instrument does not have.", data.Clip(k))
		}
	}
	return nil
}

// loadAnswers reads the answers of the results selected by where (on assessments a), by result.
func loadAnswers(q querier, where string, args ...any) (map[int64]data.ItemAnswers, error) {
	rows, err := q.Query(`SELECT aa.assessment_id, i.key, aa.value FROM assessment_answers aa
		JOIN assessments a ON a.id = aa.assessment_id JOIN items i ON i.id = aa.item_id `+where+` ORDER BY aa.assessment_id, i.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read answers: %w", err)
	}
	defer rows.Close()
	out := map[int64]data.ItemAnswers{}
	for rows.Next() {
		var id int64
		var key string
		var v float64
		if err := rows.Scan(&id, &key, &v); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = data.ItemAnswers{}
		}
		out[id][key] = v
	}
	return out, rows.Err()
}

// attachAnswers gives each result its recorded answers, selected as loadAnswers does.
func (s *Store) attachAnswers(list []data.Assessment, where string, args ...any) error {
	answers, err := loadAnswers(s.db, where, args...)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Answers = answers[list[i].ID]
	}
	return nil
}

// checkAnswersStored returns what is wrong with a stored result's answers: an answer to a
// question the instrument does not have, or one its question does not accept. Required
// questions left blank are not counted: the question may have become required since.
func checkAnswersStored(in *data.Instrument, a *data.Assessment) string {
	if a.Answers == nil {
		return ""
	}
	lenient := in.Clone()
	for i := range lenient.Items {
		lenient.Items[i].Required = false
	}
	if err := lenient.CheckAnswers(a.Answers); err != nil {
		if ps := data.Problems(err); len(ps) > 0 {
			return ps[0].Message
		}
		return data.Message(err)
	}
	return ""
}
