package messages_test

import (
	"database/sql"
	"testing"

	"mutua/data"
	"mutua/drafts"
	"mutua/messages"
)

// A preview for a partnership whose members were all erased says so instead of failing.
func TestPreviewOfAPartnershipWithNoMembersLeft(t *testing.T) {
	var pid int64
	s := openSample(t, func(db *sql.DB) {
		if err := db.QueryRow(`SELECT id FROM partnerships ORDER BY id LIMIT 1`).Scan(&pid); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`DELETE FROM participants WHERE id IN (SELECT participant_id FROM partnership_members WHERE partnership_id = ?)`, pid); err != nil {
			t.Fatal(err)
		}
	})
	w, err := messages.NewWriter(s, options(), now)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []drafts.Kind{drafts.ThankYou, drafts.Questionnaire} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("preview %v of a partnership whose members were deleted panics: %v", k, r)
				}
			}()
			if _, err := w.Preview(k, drafts.Template{}, pid, firstSession); data.ErrorCode(err) != data.NotFound {
				t.Errorf("preview %v of a partnership with no members left: %v", k, err)
			}
		}()
	}
}
