-- Pulse and closing surveys for partnerships: each form sent is a request (its random id is
-- the form id's request), and each form returned is an answer. A person's answers go with them.
CREATE TABLE survey_requests (
    id             TEXT    PRIMARY KEY CONSTRAINT "a survey request needs an id" CHECK (length(id) >= 16),
    kind           TEXT    NOT NULL CONSTRAINT "a survey is a pulse survey or a closing evaluation" CHECK (kind IN ('pulse', 'closing')),
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    due_on         TEXT    NOT NULL CONSTRAINT "a survey due date must be a real date" CHECK (date(due_on) IS due_on),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX survey_requests_partnership ON survey_requests (partnership_id);
CREATE INDEX survey_requests_participant ON survey_requests (participant_id);

CREATE TABLE survey_answers (
    request_id     TEXT    PRIMARY KEY REFERENCES survey_requests (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CONSTRAINT "a survey answer is to a pulse survey or a closing evaluation" CHECK (kind IN ('pulse', 'closing')),
    answered_on    TEXT    NOT NULL CONSTRAINT "a survey answer date must be a real date" CHECK (date(answered_on) IS answered_on),
    productive     INTEGER NOT NULL CONSTRAINT "how productive a partnership is, is answered from 1 to 5" CHECK (productive BETWEEN 1 AND 5),
    learned        TEXT    NOT NULL DEFAULT '',
    change         TEXT    NOT NULL DEFAULT '',
    recommend      TEXT    NOT NULL DEFAULT '' CONSTRAINT "would recommend is yes, no or not sure" CHECK (recommend IN ('', 'yes', 'no', 'not sure')),
    continues      TEXT    NOT NULL DEFAULT '',
    free_text      TEXT    NOT NULL DEFAULT '',
    visibility     TEXT    NOT NULL DEFAULT 'private' CONSTRAINT "a survey comment is private, shared or for the sponsor" CHECK (visibility IN ('private', 'shared', 'sponsor')),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX survey_answers_partnership ON survey_answers (partnership_id);
CREATE INDEX survey_answers_participant ON survey_answers (participant_id);

-- How often a cohort's partnerships get a pulse survey, when not every 30 days.
CREATE TABLE cohort_survey_settings (
    cohort_id        INTEGER PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    pulse_every_days INTEGER NOT NULL CONSTRAINT "a pulse is sent every 1 to 365 days" CHECK (pulse_every_days BETWEEN 1 AND 365)
) STRICT;
