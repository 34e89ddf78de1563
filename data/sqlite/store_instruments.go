package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"mutua/data"
)

// SaveInstrument checks one of the coach's own instruments and saves it, as a new instrument
// when its ID is 0. Editing keeps the results recorded with it: scales keep their IDs, new
// scales are added, and a change that would lose or invalidate a recorded value is refused,
// changing nothing. Built-in instruments cannot be changed.
func (s *Store) SaveInstrument(in *data.Instrument) error {
	return s.tx(context.Background(), func(tx *txn) error { return s.saveInstrument(tx, in) })
}

func (s *Store) saveInstrument(tx *txn, in *data.Instrument) error {
	if in.Key != "" {
		return builtInRefusal(in, "changed")
	}
	var old *data.Instrument
	if in.ID != 0 {
		found, err := loadInstruments(tx, "WHERE id = ?", in.ID)
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return data.Errorf(data.NotFound, "This instrument no longer exists.")
		}
		old = &found[0]
		if old.Key != "" {
			return builtInRefusal(old, "changed")
		}
		in.Retired = old.Retired // retiring has its own action
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	var other int64
	err := tx.QueryRow(`SELECT id FROM instruments WHERE lower(name) = lower(?) AND id <> ?`, in.Name, in.ID).Scan(&other)
	if err == nil {
		return &data.Error{Code: data.Conflict, Message: fmt.Sprintf("There is already an instrument called %q.", in.Name),
			Problems: []data.Problem{{Field: "name", Message: "Another instrument has this name."}}}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("check instrument name: %w", err)
	}

	if old == nil {
		res, err := tx.Exec(`INSERT INTO instruments (key, name, description, retired, created_at) VALUES ('', ?, ?, ?, ?)`,
			in.Name, in.Description, in.Retired, s.timestamp())
		if err != nil {
			return fmt.Errorf("add instrument: %w", err)
		}
		if in.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for i := range in.Scales {
			if in.Scales[i].ID != 0 {
				return data.Errorf(data.Invalid, "The scale %s belongs to another instrument.", in.Scales[i].Name)
			}
			if err := insertScale(tx, in.ID, i, &in.Scales[i]); err != nil {
				return err
			}
		}
		return saveInstrumentItems(tx, in)
	}

	if err := checkScaleChanges(tx, old, in); err != nil {
		return err
	}
	if err := checkItemChanges(tx, old, in); err != nil {
		return err
	}
	if err := unlinkItems(tx, in.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE instruments SET name = ?, description = ? WHERE id = ?`, in.Name, in.Description, in.ID); err != nil {
		return fmt.Errorf("update instrument: %w", err)
	}
	kept := map[int64]bool{}
	for _, sc := range in.Scales {
		kept[sc.ID] = true
	}
	for _, sc := range old.Scales {
		if !kept[sc.ID] {
			if _, err := tx.Exec(`DELETE FROM scales WHERE id = ?`, sc.ID); err != nil {
				return fmt.Errorf("remove scale %s: %w", sc.Name, err)
			}
		}
	}
	// Scales may swap names; park the old names first so no two rows share one on the way.
	if _, err := tx.Exec(`UPDATE scales SET name = '#' || id WHERE instrument_id = ?`, in.ID); err != nil {
		return fmt.Errorf("update scales: %w", err)
	}
	for i := range in.Scales {
		sc := &in.Scales[i]
		if sc.ID == 0 {
			continue
		}
		if _, err := tx.Exec(`UPDATE scales SET position = ?, name = ?, kind = ?, min_value = ?, max_value = ?,
			categories = ?, orientation = ?, description = ? WHERE id = ?`,
			i+1, sc.Name, string(sc.Kind), sc.Min, sc.Max, strings.Join(sc.Categories, ";"), sc.Orientation, sc.Description, sc.ID); err != nil {
			return fmt.Errorf("update scale %s: %w", sc.Name, err)
		}
	}
	for i := range in.Scales {
		if in.Scales[i].ID == 0 {
			if err := insertScale(tx, in.ID, i, &in.Scales[i]); err != nil {
				return err
			}
		}
	}
	if err := saveInstrumentItems(tx, in); err != nil {
		return err
	}
	if err := rescoreAnswered(tx, in); err != nil {
		return err
	}
	return rederiveOrientations(tx, in)
}

func insertScale(tx *txn, instrumentID int64, i int, sc *data.Scale) error {
	res, err := tx.Exec(`INSERT INTO scales (instrument_id, position, name, kind, min_value, max_value, categories, orientation, description)
		VALUES (?,?,?,?,?,?,?,?,?)`, instrumentID, i+1, sc.Name, string(sc.Kind), sc.Min, sc.Max,
		strings.Join(sc.Categories, ";"), sc.Orientation, sc.Description)
	if err != nil {
		return fmt.Errorf("add scale %s: %w", sc.Name, err)
	}
	sc.ID, err = res.LastInsertId()
	return err
}

// builtInRefusal explains that a built-in instrument stays as Mutua ships it.
func builtInRefusal(in *data.Instrument, change string) error {
	name := in.Name
	if name == "" {
		name = "This instrument"
	}
	why := "built-in instruments stay as Mutua ships them, so results stay comparable. Create your own instrument instead."
	if change == "retired" {
		why = "built-in instruments stay available for new results."
		if in.Key == data.WorkOrientationKey {
			why = "pairing reads its results, so it stays available for new ones."
		}
	}
	return data.Errorf(data.Conflict, "%s is built in to Mutua and cannot be %s: %s", name, change, why)
}

// checkScaleChanges refuses an edit that would remove a scale holding results, or leave a
// recorded value outside its scale, naming the scale and how many results are affected.
func checkScaleChanges(tx *txn, old, in *data.Instrument) error {
	before := map[int64]data.Scale{}
	for _, sc := range old.Scales {
		before[sc.ID] = sc
	}
	var problems []data.Problem
	add := func(field, format string, args ...any) {
		problems = append(problems, data.Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	count := func(query string, args ...any) (int, error) {
		var n int
		err := tx.QueryRow(query, args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("count recorded results: %w", err)
		}
		return n, nil
	}
	kept := map[int64]bool{}
	for _, sc := range in.Scales {
		if sc.ID == 0 {
			continue
		}
		was, ok := before[sc.ID]
		if !ok {
			return data.Errorf(data.Invalid, "The scale %s does not belong to %s.", sc.Name, old.Name)
		}
		kept[sc.ID] = true
		recorded, err := count(`SELECT count(*) FROM assessment_values WHERE scale_id = ?`, sc.ID)
		if err != nil {
			return err
		}
		if recorded == 0 {
			continue
		}
		switch {
		case was.Kind.Numeric() && !sc.Kind.Numeric():
			add(sc.Name, "%s has %s recorded as numbers, so it cannot become a category scale.", sc.Name, data.Count(recorded, "result"))
		case !was.Kind.Numeric() && sc.Kind.Numeric():
			add(sc.Name, "%s has %s recorded as categories, so it cannot become a %s scale.", sc.Name, data.Count(recorded, "result"), sc.Kind)
		case sc.Kind.Numeric():
			out, err := count(`SELECT count(*) FROM assessment_values WHERE scale_id = ? AND (number < ? OR number > ?)`, sc.ID, sc.Min, sc.Max)
			if err != nil {
				return err
			}
			if out > 0 {
				add(sc.Name, "%s from %s to %s would leave %s outside the range; keep a range that holds them.",
					sc.Name, data.FormatNumber(sc.Min), data.FormatNumber(sc.Max), data.Count(out, "result"))
			}
		default:
			args := []any{sc.ID}
			marks := make([]string, len(sc.Categories))
			for i, c := range sc.Categories {
				marks[i] = "?"
				args = append(args, c)
			}
			rows, err := tx.Query(`SELECT category, count(*) FROM assessment_values WHERE scale_id = ? AND category NOT IN (`+
				strings.Join(marks, ",")+`) GROUP BY category ORDER BY category`, args...)
			if err != nil {
				return fmt.Errorf("count recorded results: %w", err)
			}
			var missing []string
			out := 0
			for rows.Next() {
				var c string
				var n int
				if err := rows.Scan(&c, &n); err != nil {
					rows.Close()
					return err
				}
				missing, out = append(missing, c), out+n
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if out > 0 {
				add(sc.Name, "%s has %s with values no longer in its list (%s); keep those values.", sc.Name, data.Count(out, "result"), data.JoinTags(missing))
			}
		}
	}
	for _, sc := range old.Scales {
		if kept[sc.ID] {
			continue
		}
		recorded, err := count(`SELECT count(*) FROM assessment_values WHERE scale_id = ?`, sc.ID)
		if err != nil {
			return err
		}
		if recorded > 0 {
			add(sc.Name, "%s has %s recorded; keep the scale, or retire the whole instrument.", sc.Name, data.Count(recorded, "result"))
		}
	}
	return data.Refusal(data.Conflict, fmt.Sprintf("%s was not changed: the change would break results already recorded.", old.Name), problems)
}

// rederiveOrientations brings the stored primary orientation of every result on the
// instrument in line with its scales, after an edit changed what they measure.
func rederiveOrientations(tx *txn, in *data.Instrument) error {
	rows, err := tx.Query(`SELECT a.id, a.primary_orientation, v.scale_id, coalesce(v.number, 0), coalesce(v.category, '')
		FROM assessments a LEFT JOIN assessment_values v ON v.assessment_id = a.id
		WHERE a.instrument_id = ? ORDER BY a.id`, in.ID)
	if err != nil {
		return fmt.Errorf("read results: %w", err)
	}
	type result struct {
		id      int64
		primary string
		values  []data.ScaleValue
	}
	var all []*result
	for rows.Next() {
		var id int64
		var primary string
		var scaleID sql.NullInt64
		var v data.ScaleValue
		if err := rows.Scan(&id, &primary, &scaleID, &v.Number, &v.Category); err != nil {
			rows.Close()
			return err
		}
		if len(all) == 0 || all[len(all)-1].id != id {
			all = append(all, &result{id: id, primary: primary})
		}
		if scaleID.Valid {
			v.ScaleID = scaleID.Int64
			all[len(all)-1].values = append(all[len(all)-1].values, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range all {
		if p := in.PrimaryOrientation(r.values); p != r.primary {
			if _, err := tx.Exec(`UPDATE assessments SET primary_orientation = ? WHERE id = ?`, p, r.id); err != nil {
				return fmt.Errorf("update results: %w", err)
			}
		}
	}
	return nil
}

// RetireInstrument retires one of the coach's instruments (retired is true) or brings it
// back. A retired instrument keeps its results in every history but is not offered for new
// results. Built-in instruments cannot be retired.
func (s *Store) RetireInstrument(id int64, retired bool) error {
	return s.tx(context.Background(), func(tx *txn) error {
		found, err := loadInstruments(tx, "WHERE id = ?", id)
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return data.Errorf(data.NotFound, "This instrument no longer exists.")
		}
		if found[0].Key != "" {
			return builtInRefusal(&found[0], "retired")
		}
		if _, err := tx.Exec(`UPDATE instruments SET retired = ? WHERE id = ?`, retired, id); err != nil {
			return fmt.Errorf("retire instrument: %w", err)
		}
		return nil
	})
}

// SaveAssessments saves many results at once, such as a cohort's results entered together:
// every result is saved, or none. Each is checked against its instrument's scales, gets its
// primary orientation, and replaces a result of the same participant, instrument and date.
// Problems name the participant and the scale.
func (s *Store) SaveAssessments(list []data.Assessment) error {
	return s.tx(context.Background(), func(tx *txn) error {
		instruments := map[int64]*data.Instrument{}
		names := map[int64]string{}
		type day struct {
			participant, instrument int64
			on                      data.Date
		}
		seen := map[day]bool{}
		var problems []data.Problem
		for i := range list {
			a := &list[i]
			name, ok := names[a.ParticipantID]
			if !ok {
				err := tx.QueryRow(`SELECT name FROM participants WHERE id = ?`, a.ParticipantID).Scan(&name)
				switch {
				case errors.Is(err, sql.ErrNoRows):
					problems = append(problems, data.Problem{Message: fmt.Sprintf("Result %d is for a participant who is no longer in the practice.", i+1)})
					continue
				case err != nil:
					return fmt.Errorf("read participant: %w", err)
				}
				names[a.ParticipantID] = name
			}
			in, ok := instruments[a.InstrumentID]
			if !ok {
				found, err := loadInstruments(tx, "WHERE id = ?", a.InstrumentID)
				if err != nil {
					return err
				}
				if len(found) == 0 {
					problems = append(problems, data.Problem{Message: fmt.Sprintf("%s: the result's instrument no longer exists.", name)})
					continue
				}
				in = &found[0]
				instruments[a.InstrumentID] = in
			}
			d := day{a.ParticipantID, a.InstrumentID, a.AssessedOn}
			if seen[d] && !a.AssessedOn.IsZero() {
				problems = append(problems, data.Problem{Message: fmt.Sprintf("%s has two results on %s for %s; keep one.", name, data.Shown(a.AssessedOn), in.Name)})
			}
			seen[d] = true
			for _, p := range data.Problems(prepareAssessment(in, a)) {
				p.Message = name + ": " + p.Message
				problems = append(problems, p)
			}
		}
		if err := data.Refusal(data.Invalid, fmt.Sprintf("%d problems in the results; nothing was saved", len(problems)), problems); err != nil {
			return err
		}
		for i := range list {
			if err := s.saveAssessment(tx, instruments[list[i].InstrumentID], &list[i]); err != nil {
				return fmt.Errorf("save the result of %s: %w", names[list[i].ParticipantID], err)
			}
		}
		return nil
	})
}

// History returns all of a participant's results on every instrument, newest first, with
// their values in scale order.
func (s *Store) History(participantID int64) ([]data.Assessment, error) {
	return s.assessments(`WHERE participant_id = ? ORDER BY assessed_on DESC, id DESC`, `WHERE a.participant_id = ?`, participantID)
}
