package sqlite_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"mutua/data"
	"mutua/data/sqlite"
)

func TestFormIdentityIsKeptInThePracticeAndNotInAPersonsRecord(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	id, key, err := s.FormIdentity(ctx)
	if err != nil || len(id) < 16 || len(key) != 32 {
		t.Fatalf("identity %q, %d-byte key, %v", id, len(key), err)
	}
	path := s.Path()
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id2, key2, err := s.FormIdentity(ctx)
	if err != nil || id2 != id || !bytes.Equal(key2, key) {
		t.Fatalf("reopened: %q %x %v, was %q %x", id2, key2, err, id, key)
	}
	p := mustAdd(t, s, data.Participant{Name: "Ana Silva", Email: "ana@example.org"})
	var out bytes.Buffer
	if err := s.ExportPerson(p.ID, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "forms_key") || strings.Contains(out.String(), id) {
		t.Error("a person's record carries the practice's form key")
	}
}

func TestFormRequestsAreAppliedOnceAndAllTogether(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	ana := mustAdd(t, s, data.Participant{Name: "Ana Silva", Email: "ana@example.org"})
	ben := mustAdd(t, s, data.Participant{Name: "Ben Okafor", Email: "ben@example.org"})
	reqs := []data.FormRequest{
		{Kind: data.IntakeForm, ParticipantID: ana.ID, FileName: "Ana Silva - Intake questionnaire.pdf"},
		{Kind: data.IntakeForm, ParticipantID: ben.ID, FileName: "Ben Okafor - Intake questionnaire.pdf"},
	}
	if err := s.CreateFormRequests(ctx, reqs); err != nil {
		t.Fatal(err)
	}
	if reqs[0].ID == "" || reqs[0].ID == reqs[1].ID {
		t.Fatalf("ids %q %q", reqs[0].ID, reqs[1].ID)
	}
	// one bad profile: nothing stored
	anaNew, benBad := ana, ben
	anaNew.Title = "CFO"
	benBad.YearsExperience = 99
	err := s.ApplyFormReturns(ctx, []data.FormReturn{{RequestID: reqs[0].ID, Profile: &anaNew}, {RequestID: reqs[1].ID, Profile: &benBad}})
	if err == nil || !strings.Contains(problemText(err), "Ben Okafor: Years of experience") {
		t.Fatalf("a bad batch: %v", problemText(err))
	}
	if got, _ := s.Participant(ana.ID); got.Title != "" {
		t.Error("a refused batch changed Ana's profile")
	}
	if r, _ := s.FormRequest(ctx, reqs[0].ID); r.Returned() {
		t.Error("a refused batch marked a form returned")
	}
	// the good one alone, then again
	if err := s.ApplyFormReturns(ctx, []data.FormReturn{{RequestID: reqs[0].ID, Profile: &anaNew}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Participant(ana.ID); got.Title != "CFO" {
		t.Errorf("Ana's title %q", got.Title)
	}
	if r, _ := s.FormRequest(ctx, reqs[0].ID); !r.Returned() {
		t.Error("not marked returned")
	}
	err = s.ApplyFormReturns(ctx, []data.FormReturn{{RequestID: reqs[0].ID, Profile: &anaNew}})
	if !strings.Contains(data.Message(err), "already imported") {
		t.Errorf("a second return: %v", err)
	}
	// a person deleted: the request stays, without them or their name
	if err := s.DeleteParticipant(ben.ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.FormRequest(ctx, reqs[1].ID)
	if err != nil || r.ParticipantID != 0 || r.FileName != "" {
		t.Errorf("a deleted person's request: %+v %v", r, err)
	}
	err = s.ApplyFormReturns(ctx, []data.FormReturn{{RequestID: reqs[1].ID}})
	if !strings.Contains(data.Message(err), "since deleted") {
		t.Errorf("a deleted person's return: %v", err)
	}
	if _, err := s.FormRequest(ctx, "0123456789abcdef01234567"); data.ErrorCode(err) != data.NotFound {
		t.Errorf("an unknown request: %v", err)
	}

	// a profile edited between the preview and the import: refused, the edit kept
	more := []data.FormRequest{{Kind: data.IntakeForm, ParticipantID: ana.ID}}
	if err := s.CreateFormRequests(ctx, more); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) })
	edit, _ := s.Participant(ana.ID)
	edit.Phone = "+351 21 000 0000"
	if err := s.UpdateParticipant(&edit); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Date(2026, 12, 5, 10, 5, 0, 0, time.UTC) })
	stale := edit
	stale.Phone, stale.Title = "", "Chair"
	if err := s.UpdateParticipant(&edit); err != nil { // the coach saves again meanwhile
		t.Fatal(err)
	}
	err = s.ApplyFormReturns(ctx, []data.FormReturn{{RequestID: more[0].ID, Profile: &stale}})
	if !strings.Contains(data.Message(err), "changed after these answers were read") {
		t.Errorf("a stale profile: %v", err)
	}
	if got, _ := s.Participant(ana.ID); got.Phone != edit.Phone || got.Title == "Chair" {
		t.Errorf("the coach's edit was lost: %+v", got)
	}
}
