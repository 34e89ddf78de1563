package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"mutua/data"
	"mutua/reports"
)

func TestPersonRecordPDF(t *testing.T) {
	needTools(t)
	s := openSample(t)
	p, err := s.ParticipantByEmail("zoe.odegard@fernhillbank.example")
	if err != nil {
		t.Fatal(err)
	}
	p.PrivateNotes = "Zoë prefers early calls."
	if err := s.UpdateParticipant(&p); err != nil {
		t.Fatal(err)
	}
	record, err := s.PersonRecord(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.Person(&buf, record, data.PracticeIdentity{Name: "Fernhill Coaching"}, options(t)); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(text(t, buf.Bytes())), " ")
	for _, want := range []string{"Everything held about", "Zoë Ødegård", "zoe.odegard@fernhillbank.example", "Zoë prefers early calls.",
		"Cohorts", "Assessments", "Goals", "Partnerships", "Pairing exclusions", "Other notes about them"} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if len(record.Partnerships) > 0 && len(record.Partnerships[0].Notes) > 0 {
		body := strings.Join(strings.Fields(record.Partnerships[0].Notes[0].Body), " ")
		if !strings.Contains(got, body[:min(30, len(body))]) {
			t.Errorf("the PDF lacks the partnership note %q", body)
		}
	}
	if strings.Contains(info(t, buf.Bytes()), "prefers early calls") {
		t.Error("the private note is in the file's properties")
	}
}

// A person's record holds their pulse survey answers, private comment included, and the
// questionnaires sent to them: everything held about them is everything.
func TestPersonRecordHoldsTheirSurveyAnswers(t *testing.T) {
	needTools(t)
	s := openSample(t)
	p, err := s.ParticipantByEmail("sarah.whitfield@atlascity.example")
	if err != nil {
		t.Fatal(err)
	}
	record, err := s.PersonRecord(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(record.Surveys) == 0 || record.Surveys[0].Productive != 2 || !strings.Contains(record.Surveys[0].FreeText, "last session ran short") {
		t.Fatalf("the record's surveys: %+v", record.Surveys)
	}
	var buf bytes.Buffer
	if err := reports.Person(&buf, record, data.PracticeIdentity{Name: "Fernhill Coaching"}, options(t)); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(text(t, buf.Bytes())), " ")
	for _, want := range []string{"Pulse surveys and closing evaluations", "productive 2 of 5", "last session ran short", "Questionnaires sent"} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
