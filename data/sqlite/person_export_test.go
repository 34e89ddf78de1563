package sqlite_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"mutua/data"
)

func TestPersonRecordOfSomeoneNew(t *testing.T) {
	s := mustOpen(t)
	ana := mustAdd(t, s, data.Participant{Name: "Ana Pereira", Email: "ana@x.example", PrivateNotes: "Prefers mornings."})
	var buf bytes.Buffer
	if err := s.ExportPerson(ana.ID, &buf); err != nil {
		t.Fatal(err)
	}
	var record map[string]any
	if err := json.Unmarshal(buf.Bytes(), &record); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	p, _ := record["participant"].(map[string]any)
	if p["name"] != "Ana Pereira" || p["coach_private_notes"] != "Prefers mornings." {
		t.Errorf("participant: %v", p)
	}
	// Every list is there, empty: "none held", not "not looked at".
	for _, key := range []string{"cohorts", "assessments", "goals", "partnerships", "pairing_exclusions", "left_out_of_rounds", "notes", "surveys", "questionnaires"} {
		if list, ok := record[key].([]any); !ok || len(list) != 0 {
			t.Errorf("%s: %#v, want an empty list", key, record[key])
		}
	}
	if err := s.ExportPerson(ana.ID+100, &buf); data.ErrorCode(err) != data.NotFound {
		t.Errorf("someone who is not there: %v", err)
	}
}
