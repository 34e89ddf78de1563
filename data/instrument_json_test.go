package data_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"mutua/data"
)

func TestInstrumentJSONRoundTrip(t *testing.T) {
	custom := drive(data.ScoreMean, 1, 5)
	custom.Description = "A short check of how people get things done."
	custom.MixedWithin = 5
	custom.Scales = append(custom.Scales,
		data.Scale{ID: 4, Name: "Style", Kind: data.Category, Categories: []string{"Planner", "Sprinter"}},
		data.Scale{ID: 5, Name: "Place", Kind: data.Rank, Min: 1, Max: 12},
		data.Scale{ID: 6, Name: "Band", Kind: data.Percentile, Min: 0, Max: 100, Orientation: data.CareerOrientation})
	builtin := data.WorkOrientationQuestionnaire()
	builtin.ID, builtin.Retired = 7, true

	for _, in := range []data.Instrument{custom, builtin} {
		t.Run(in.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := data.WriteInstrumentJSON(&buf, in); err != nil {
				t.Fatal(err)
			}
			got, err := data.ReadInstrumentJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("reading back: %v\n%s", err, buf.String())
			}
			want := in.Clone()
			want.Normalize()
			want.ID, want.Key, want.Retired = 0, "", false // the sender's own
			for i := range want.Scales {
				want.Scales[i].ID = 0
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
			var again bytes.Buffer
			if err := data.WriteInstrumentJSON(&again, got); err != nil || again.String() != buf.String() {
				t.Errorf("written again differs (%v):\n%s\nfirst:\n%s", err, again.String(), buf.String())
			}
		})
	}

	t.Run("the file reads as a coach would expect", func(t *testing.T) {
		var buf bytes.Buffer
		if err := data.WriteInstrumentJSON(&buf, builtin); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"format": "mutua-instrument"`, `"version": 1`, `"scoring": "percent"`,
			`"key": "calling-5"`, `"reversed": true`, `"format": "agree-5"`} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("the file lacks %s", want)
			}
		}
		if strings.Contains(buf.String(), `"id"`) || strings.Contains(buf.String(), "work-orientation") {
			t.Errorf("the file carries the sender's IDs or built-in key:\n%s", buf.String())
		}
	})

	t.Run("an invalid instrument is not written", func(t *testing.T) {
		bad := drive(data.ScoreMean, 1, 5)
		bad.Items[0].Scale = "Nowhere"
		var buf bytes.Buffer
		if err := data.WriteInstrumentJSON(&buf, bad); data.ErrorCode(err) != data.Invalid || buf.Len() != 0 {
			t.Errorf("got %v and %d bytes", err, buf.Len())
		}
	})
}

func TestInstrumentJSONBadFiles(t *testing.T) {
	var buf bytes.Buffer
	if err := data.WriteInstrumentJSON(&buf, drive(data.ScoreMean, 1, 5)); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	edit := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("the sample file has no %s", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	for _, tc := range []struct {
		name, file string
		code       data.Code
		want       string
	}{
		{"empty", " \n", data.Invalid, "it is empty"},
		{"not JSON", "name,scales\nDrive,3\n", data.Invalid, "it is not valid JSON (line 1)"},
		{"cut short", good[:len(good)/2], data.Invalid, "This instrument file is cut short"},
		{"a list", "[1, 2]", data.Invalid, "it does not hold a JSON object"},
		{"another format", edit(`"mutua-instrument"`, `"something-else"`), data.Invalid, `its "format" should be "mutua-instrument"`},
		{"a practice export", `{"format": "mutua-practice", "schema_version": 3, "tables": {}}`, data.Invalid, "This is a full practice export, not an instrument"},
		{"newer version", edit(`"version": 1`, `"version": 2`), data.TooNew, "written by a newer Mutua (file version 2; this one reads version 1)"},
		{"no version", edit(`"version": 1,`, ``), data.Invalid, `has no valid "version"`},
		{"version as text", edit(`"version": 1`, `"version": "1"`), data.Invalid, `has no valid "version"`},
		{"unknown field", edit(`"reversed": true`, `"reversed": true, "weight": 2`), data.Invalid, `a field Mutua does not know: "weight"`},
		{"wrong type", edit(`"min": 1`, `"min": "one"`), data.Invalid, `"instrument.scales.min" on line 10 should be a number, not text`},
		{"wrong type of flag", edit(`"required": true`, `"required": "yes"`), data.Invalid, "should be true or false, not text"},
		{"number too large", edit(`"min": 1`, `"min": 1e999`), data.Invalid, "holds a number Mutua cannot use there (1e999)"},
		{"missing range", edit(`"min": 1,`, ``), data.Invalid, `Drive is a score and needs its "min" and "max"`},
		{"missing number range", edit("\"format\": \"number\",\n        \"min\": 0,", `"format": "number",`), data.Invalid, `Question 7 is answered with a number and needs its "min" and "max"`},
		{"missing choice value", edit(`"value": 2`, `"other": 2`), data.Invalid, `a field Mutua does not know: "other"`},
		{"null choice value", edit(`"value": 2`, `"value": null`), data.Invalid, `Choice 2 of question 6 needs its "value"`},
		{"a field given twice", edit(`"scale": "Drive"`, `"scale": "Other", "scale": "Drive"`), data.Invalid, `gives "scale" twice in one place (line 33)`},
		{"more after the instrument", good + "{}", data.Invalid, "has more after the instrument"},
		{"bad values", edit(`"scale": "Drive"`, `"scale": "Nowhere"`), data.Invalid, `This instrument file cannot be imported: Question 1 (“I start early.”) feeds a scale called "Nowhere"`},
		{"bad rule", edit(`"scoring": "mean"`, `"scoring": "median"`), data.Invalid, `not "median"`},
		{"not text", "\xff\xfe{}", data.Invalid, "it is not UTF-8 text"},
		{"too large", `{"format": "mutua-instrument", "version": 1, "instrument": {"description": "` + strings.Repeat("a", 3<<20) + `"}}`, data.Invalid, "too large to be a Mutua instrument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := data.ReadInstrumentJSON(strings.NewReader(tc.file))
			if data.ErrorCode(err) != tc.code {
				t.Fatalf("got %v (code %q), want code %q", err, data.ErrorCode(err), tc.code)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q does not say %q", err.Error(), tc.want)
			}
		})
	}
}
