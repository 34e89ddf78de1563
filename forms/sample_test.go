package forms

import (
	"fmt"
	"time"
)

var testKey = []byte("0123456789abcdef-a-practice-key")

// sampleForm is an intake questionnaire of every kind of field, for the person given.
func sampleForm(person string, id int64) Form {
	agree := []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}
	seven := []string{"1 Not at all", "2", "3", "4 Somewhat", "5", "6", "7 Completely"}
	tags := []string{"Negotiation", "Finance", "Public speaking", "Hiring", "Strategy", "Mergers & acquisitions", "Board work", "Managing up"}
	work := Section{Title: "How you see your work", Intro: "Say how far each statement describes you. There are no right answers."}
	for i := 1; i <= 14; i++ {
		work.Fields = append(work.Fields, Field{Key: fmt.Sprintf("item%d", i), Label: fmt.Sprintf("Statement %d: my work is one of the most important things in my life, and I would keep doing it without pay.", i), Kind: Choice, Options: agree, Required: true})
	}
	work.Fields = append(work.Fields,
		Field{Key: "item15", Label: "How much does your work feel like a calling?", Kind: Choice, Options: seven, Required: true},
		Field{Key: "describe", Label: "Which description fits you best?", Kind: Choice, Required: true, Options: []string{
			"Ana works mainly to earn a living; her interests lie outside work and she would change jobs for better pay.",
			"Ben wants to move up: he plans his next promotion and sees his job as a step to a better one.",
			"Chloé's work is part of who she is; she would do it even without pay and it makes the world better.",
		}})
	return Form{
		Title:     "Intake questionnaire",
		Intro:     "Thank you for joining the programme. Your answers help your coach pair you with a peer mentor whose experience fits what you want to learn. It takes about ten minutes.",
		Person:    person,
		Programme: "Leaders 2027 — Spring cohort",
		Created:   time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC),
		ID:        ID{Practice: "practice-7f3a", Person: id, Request: "req-12"},
		Key:       testKey,
		Sections: []Section{
			{Title: "About you", Fields: []Field{
				{Key: "title", Label: "Job title", Kind: Text, Required: true},
				{Key: "company", Label: "Company", Kind: Text},
				{Key: "industry", Label: "Industry", Kind: Pick, Options: []string{"Banking", "Health care", "Software", "Energy"}},
				{Key: "years", Label: "Years in leadership roles", Kind: Number, Min: 0, Max: 50, Required: true},
				{Key: "mentor", Label: "Have you mentored anyone before?", Kind: Choice, Options: []string{"Yes", "No"}},
				{Key: "teach", Label: "What can you teach?", Kind: Tags, Options: tags},
				{Key: "learn", Label: "What do you want to learn?", Kind: Tags, Options: tags},
				{Key: "learn_other", Label: "Anything else you want to learn", Kind: Pick, Options: tags},
				{Key: "goals", Label: "Your goals for the programme", Hint: "Two or three sentences are enough.", Kind: LongText, Required: true},
			}},
			work,
		},
	}
}
