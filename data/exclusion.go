package data

// Exclusion keeps two people, or two companies, from ever being paired.
type Exclusion struct {
	ID           int64
	ParticipantA int64 // two people, or 0
	ParticipantB int64
	NameA, NameB string // the two people's names (read only)
	CompanyA     string // two companies, or ""
	CompanyB     string
	Reason       string
}

// Describe says what the exclusion keeps apart.
func (e Exclusion) Describe() string {
	if e.ParticipantA != 0 {
		return e.NameA + " and " + e.NameB
	}
	return e.CompanyA + " and " + e.CompanyB + " (companies)"
}

// RoundUnpaired is a person a saved round left out, and why.
type RoundUnpaired struct {
	ID   int64
	Name string
	Why  string
}
