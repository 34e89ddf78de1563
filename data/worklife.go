package data

// The built-in work-orientation questionnaire: Mutua's own statements for the job, career
// and calling orientations to work described by Wrzesniewski, McCauley, Rozin and Schwartz
// (1997). It is not the University of Pennsylvania Work-Life Questionnaire, whose text
// belongs to its authors; no statement here is taken or adapted from it.

// WorkOrientationQuestionnaire returns the built-in Work Orientation instrument with its
// questionnaire: the same three scales (Job, Career, Calling, each 0 to 100, measuring the
// orientation of the same name) each scored as the percent of the maximum of its five
// statements, answered from 1 (strongly disagree) to 5 (strongly agree); one statement per
// scale is reverse-keyed. Only an exact tie makes the primary orientation mixed, as for typed
// results. Scale and instrument IDs are not set.
func WorkOrientationQuestionnaire() Instrument {
	item := func(key, scale string, reversed bool, text string) Item {
		return Item{Key: key, Text: text, Format: Agree5, Reversed: reversed, Scale: scale, Required: true}
	}
	const job, career, calling = "Job", "Career", "Calling"
	return Instrument{
		Key:  WorkOrientationKey,
		Name: "Work Orientation (Job / Career / Calling)",
		Description: "How strongly a person experiences work as a job (a means to an income), a career (advancement and achievement) or a calling (meaningful in itself). Each scale from 0 (not at all) to 100 (entirely). " +
			"Mutua's own questionnaire: fifteen statements answered from 1 (strongly disagree) to 5 (strongly agree), five per scale.",
		Scales: []Scale{
			{Name: job, Kind: Score, Min: 0, Max: 100, Orientation: JobOrientation, Scoring: ScorePercent,
				Description: "Work as a means to an income and a life outside it."},
			{Name: career, Kind: Score, Min: 0, Max: 100, Orientation: CareerOrientation, Scoring: ScorePercent,
				Description: "Work as advancement, achievement and standing."},
			{Name: calling, Kind: Score, Min: 0, Max: 100, Orientation: CallingOrientation, Scoring: ScorePercent,
				Description: "Work as meaningful and fulfilling in itself."},
		},
		Items: []Item{
			item("job-1", job, false, "I judge a role mainly by what it pays and the security it offers."),
			item("career-1", career, false, "Reaching the next level of responsibility is one of my main goals at work."),
			item("calling-1", calling, false, "My work serves a purpose I believe in."),
			item("job-2", job, false, "I give my work what the role requires and keep the rest of my energy for life outside it."),
			item("career-2", career, false, "Recognition for my results, in title or reward, matters a great deal to me."),
			item("calling-2", calling, false, "This work is part of who I am, not only what I do."),
			item("job-3", job, false, "If another employer offered better pay for similar work, I would move without much regret."),
			item("career-3", career, false, "I compare my progress with that of peers who started when I did."),
			item("calling-3", calling, false, "My work expresses values I hold deeply."),
			item("job-4", job, false, "My ambitions lie mostly in my life outside work."),
			item("career-4", career, false, "I choose assignments partly for what they will do for my standing."),
			item("calling-4", calling, false, "Even on hard days, I feel this is the work I am meant to do."),
			item("job-5", job, true, "I would put in the same effort if my pay were only average."),
			item("career-5", career, true, "Moving up matters little to me; the scope I have now is enough."),
			item("calling-5", calling, true, "Apart from what it brings me, my work holds little meaning for me."),
		},
	}
}
