package data

// AttentionKind says what needs the coach's attention.
type AttentionKind string

// Kinds of attention item, in the order the home screen lists them.
const (
	Overdue     AttentionKind = "overdue"       // an action item past its due date
	Inactive    AttentionKind = "inactive"      // a partnership with no recent session
	FitCheck    AttentionKind = "fit-check"     // a fit check not answered after the first session
	NoMeasures  AttentionKind = "no-measures"   // an agreement without success measures
	EndingSoon  AttentionKind = "ending"        // a partnership reaching its planned end
	NotAssessed AttentionKind = "no-assessment" // participants with no assessment
)

// DefaultInactiveDays is N in "no session in N days", unless the coach sets another.
const DefaultInactiveDays = 30

// AttentionItem is one thing on the home screen, with where to go to fix it.
type AttentionItem struct {
	Kind          AttentionKind
	Title         string // what it is, naming the people
	Detail        string // why it is here
	PartnershipID int64  // the partnership to open, if any
	ParticipantID int64  // the participant to open, if any
	CohortID      int64  // the cohort whose results to enter, if any
	Due           Date   // when it became (or becomes) due, for ordering
}
