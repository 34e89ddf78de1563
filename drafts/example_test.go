package drafts_test

import (
	"fmt"
	"os"
	"time"

	"mutua/drafts"
)

// How a screen or a command writes a partnership's introduction: the invitation first (it is
// attached), then the draft, then the file in the coach's folder.
func Example() {
	coach := drafts.Coach{Name: "Zoë Martín", Email: "zoe@example.org", Practice: "Silva Coaching", TimeZone: "Europe/Lisbon"}
	p := drafts.Partnership{
		ID:           1,
		Members:      []drafts.Person{{Name: "Ana Silva", Email: "ana@example.com"}, {Name: "Ben Okafor", Email: "ben@example.com"}},
		Reasons:      []string{"Both are calling-oriented"},
		Cadence:      "Every four weeks, 60 minutes",
		FirstSession: time.Date(2027, 3, 9, 10, 0, 0, 0, time.UTC), // 10:00 on the coach's clock
		PlannedEnd:   time.Date(2028, 3, 8, 0, 0, 0, 0, time.UTC),
	}
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	invitation, err := drafts.InvitationAttachment(coach, p, now)
	if err != nil {
		fmt.Println(err) // e.g. a cadence that cannot repeat, said plainly
		return
	}
	brief := drafts.Attachment{Name: "Pair brief - Ana Silva & Ben Okafor.pdf", Data: []byte("%PDF-1.4 ...")}
	d, err := drafts.IntroductionDraft(coach, p, drafts.DefaultTemplate(drafts.Introduction), now, brief, invitation)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "drafts")
	defer os.RemoveAll(dir)
	path, err := drafts.Save(dir, d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Subject)
	fmt.Println(path[len(dir)+1:])
	// Output:
	// Introducing Ana and Ben: your peer-mentoring partnership
	// Introduction - Ana Silva & Ben Okafor.eml
}
