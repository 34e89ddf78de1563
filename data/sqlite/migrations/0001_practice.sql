-- The whole practice: roster, cohorts, assessments, pairing, partnerships and their record.
-- Tables are STRICT so a value of the wrong type is refused, not coerced. Named CHECK
-- constraints read as plain sentences because their names reach the coach in error messages.
-- Dates are 'YYYY-MM-DD' text ('' when not set); times are RFC 3339 UTC text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE participants (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL CONSTRAINT "a participant needs a name" CHECK (trim(name) <> ''),
    email            TEXT    NOT NULL DEFAULT '',
    phone            TEXT    NOT NULL DEFAULT '',
    title            TEXT    NOT NULL DEFAULT '',
    company          TEXT    NOT NULL DEFAULT '',
    industry         TEXT    NOT NULL DEFAULT '',
    function         TEXT    NOT NULL DEFAULT '',
    seniority        INTEGER NOT NULL DEFAULT 0 CONSTRAINT "seniority must be a level from 1 to 6" CHECK (seniority BETWEEN 0 AND 6),
    years_experience INTEGER NOT NULL DEFAULT 0 CONSTRAINT "years of experience must be from 0 to 70" CHECK (years_experience BETWEEN 0 AND 70),
    birth_year       INTEGER NOT NULL DEFAULT 0 CONSTRAINT "birth year must be a year from 1900" CHECK (birth_year = 0 OR birth_year BETWEEN 1900 AND 2100),
    location         TEXT    NOT NULL DEFAULT '',
    timezone         TEXT    NOT NULL DEFAULT '',
    goals            TEXT    NOT NULL DEFAULT '',
    capacity         INTEGER NOT NULL DEFAULT 1 CONSTRAINT "capacity must be from 1 to 10 partnerships" CHECK (capacity BETWEEN 1 AND 10),
    status           TEXT    NOT NULL DEFAULT 'active' CONSTRAINT "status must be active, paused or alumni" CHECK (status IN ('active', 'paused', 'alumni')),
    private_notes    TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX participants_email ON participants (lower(email)) WHERE email <> '';

-- Strengths ("can teach") and development areas ("wants to learn"), in the coach's order.
CREATE TABLE participant_tags (
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CONSTRAINT "a tag is a strength or a development area" CHECK (kind IN ('strength', 'development')),
    position       INTEGER NOT NULL,
    tag            TEXT    NOT NULL CONSTRAINT "a tag cannot be empty" CHECK (trim(tag) <> ''),
    PRIMARY KEY (participant_id, kind, position)
) STRICT;

CREATE TABLE cohorts (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CONSTRAINT "a cohort needs a name" CHECK (trim(name) <> ''),
    starts_on      TEXT NOT NULL DEFAULT '' CONSTRAINT "a cohort start must be a real date" CHECK (starts_on = '' OR date(starts_on) IS starts_on),
    ends_on        TEXT NOT NULL DEFAULT '' CONSTRAINT "a cohort end must be a real date" CHECK (ends_on = '' OR date(ends_on) IS ends_on),
    cadence        TEXT NOT NULL DEFAULT '',
    -- Pairing rules: a preset name and the weights as JSON ('{}' means the preset as it is).
    pairing_preset TEXT NOT NULL DEFAULT 'executive-peer',
    pairing_rules  TEXT NOT NULL DEFAULT '{}',
    odd_person     TEXT NOT NULL DEFAULT 'triad' CONSTRAINT "an odd person joins a triad or sits out" CHECK (odd_person IN ('triad', 'sit-out')),
    created_at     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX cohorts_name ON cohorts (lower(name));

CREATE TABLE cohort_members (
    cohort_id      INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (cohort_id, participant_id)
) STRICT;
CREATE INDEX cohort_members_participant ON cohort_members (participant_id);

-- Assessment definitions: the built-ins (key set) and the coach's own (key '').
CREATE TABLE instruments (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL CONSTRAINT "an instrument needs a name" CHECK (trim(name) <> ''),
    description TEXT    NOT NULL DEFAULT '',
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at  TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX instruments_name ON instruments (lower(name));
CREATE UNIQUE INDEX instruments_key ON instruments (key) WHERE key <> '';

CREATE TABLE scales (
    id            INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL CONSTRAINT "a scale needs a name" CHECK (trim(name) <> ''),
    kind          TEXT    NOT NULL CONSTRAINT "a scale is a score, percentile, rank or category" CHECK (kind IN ('score', 'percentile', 'rank', 'category')),
    min_value     REAL    NOT NULL DEFAULT 0,
    max_value     REAL    NOT NULL DEFAULT 0,
    categories    TEXT    NOT NULL DEFAULT '', -- allowed values of a category scale, separated by ';'
    orientation   TEXT    NOT NULL DEFAULT '' CONSTRAINT "a scale measures job, career, calling, social or busyness orientation" CHECK (orientation IN ('', 'job', 'career', 'calling', 'social', 'busyness')),
    description   TEXT    NOT NULL DEFAULT '',
    UNIQUE (instrument_id, name)
) STRICT;

CREATE TABLE assessments (
    id                  INTEGER PRIMARY KEY,
    participant_id      INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    instrument_id       INTEGER NOT NULL REFERENCES instruments (id),
    assessed_on         TEXT    NOT NULL CONSTRAINT "an assessment date must be a real date" CHECK (date(assessed_on) IS assessed_on),
    primary_orientation TEXT    NOT NULL DEFAULT '',
    note                TEXT    NOT NULL DEFAULT '',
    created_at          TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX assessments_participant ON assessments (participant_id, instrument_id, assessed_on);

CREATE TABLE assessment_values (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    scale_id      INTEGER NOT NULL REFERENCES scales (id),
    number        REAL,
    category      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, scale_id)
) STRICT;

-- Two people, or two companies, who must never be paired.
CREATE TABLE exclusions (
    id            INTEGER PRIMARY KEY,
    participant_a INTEGER REFERENCES participants (id) ON DELETE CASCADE,
    participant_b INTEGER REFERENCES participants (id) ON DELETE CASCADE,
    company_a     TEXT    NOT NULL DEFAULT '',
    company_b     TEXT    NOT NULL DEFAULT '',
    reason        TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    CONSTRAINT "an exclusion names two different people or two companies" CHECK (
        (participant_a IS NOT NULL AND participant_b IS NOT NULL AND participant_a <> participant_b AND company_a = '' AND company_b = '')
        OR (participant_a IS NULL AND participant_b IS NULL AND trim(company_a) <> '' AND trim(company_b) <> ''))
) STRICT;

CREATE TABLE pairing_rounds (
    id          INTEGER PRIMARY KEY,
    cohort_id   INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL DEFAULT 'draft' CONSTRAINT "a round is a draft or approved" CHECK (status IN ('draft', 'approved')),
    rules       TEXT    NOT NULL DEFAULT '{}', -- the weights used, as JSON
    total       REAL    NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    approved_at TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE round_pairs (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES pairing_rounds (id) ON DELETE CASCADE,
    score     REAL    NOT NULL DEFAULT 0,
    breakdown TEXT    NOT NULL DEFAULT '[]', -- each criterion's points and reason, as JSON
    locked    INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    manual    INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1))
) STRICT;

CREATE TABLE round_pair_members (
    pair_id        INTEGER NOT NULL REFERENCES round_pairs (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (pair_id, participant_id)
) STRICT;

CREATE TABLE round_rejections (
    round_id      INTEGER NOT NULL REFERENCES pairing_rounds (id) ON DELETE CASCADE,
    participant_a INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    participant_b INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, participant_a, participant_b)
) STRICT;

CREATE TABLE round_unpaired (
    round_id       INTEGER NOT NULL REFERENCES pairing_rounds (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    why            TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, participant_id)
) STRICT;

CREATE TABLE partnerships (
    id             INTEGER PRIMARY KEY,
    cohort_id      INTEGER REFERENCES cohorts (id) ON DELETE SET NULL,
    round_pair_id  INTEGER REFERENCES round_pairs (id) ON DELETE SET NULL,
    started_on     TEXT    NOT NULL CONSTRAINT "a partnership start must be a real date" CHECK (date(started_on) IS started_on),
    planned_end_on TEXT    NOT NULL DEFAULT '' CONSTRAINT "a planned end must be a real date" CHECK (planned_end_on = '' OR date(planned_end_on) IS planned_end_on),
    status         TEXT    NOT NULL DEFAULT 'active' CONSTRAINT "a partnership is active, completed or ended early" CHECK (status IN ('active', 'completed', 'ended-early')),
    ended_on       TEXT    NOT NULL DEFAULT '' CONSTRAINT "an end must be a real date" CHECK (ended_on = '' OR date(ended_on) IS ended_on),
    end_reason     TEXT    NOT NULL DEFAULT '',
    score          REAL    NOT NULL DEFAULT 0,
    reasons        TEXT    NOT NULL DEFAULT '', -- why the pair was suggested, one reason a line
    created_at     TEXT    NOT NULL
) STRICT;

CREATE TABLE partnership_members (
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    fit_check      TEXT    NOT NULL DEFAULT '' CONSTRAINT "a fit check answer is keep or re-match" CHECK (fit_check IN ('', 'keep', 'rematch')),
    fit_checked_on TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (partnership_id, participant_id)
) STRICT;
CREATE INDEX partnership_members_participant ON partnership_members (participant_id);

-- Each edit of an agreement is a new row; the newest is the agreement in force.
CREATE TABLE agreements (
    id               INTEGER PRIMARY KEY,
    partnership_id   INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    objective        TEXT    NOT NULL DEFAULT '',
    cadence          TEXT    NOT NULL DEFAULT '',
    planned_length   TEXT    NOT NULL DEFAULT '',
    meeting_mode     TEXT    NOT NULL DEFAULT '',
    success_measures TEXT    NOT NULL DEFAULT '',
    check_ins        TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL
) STRICT;
CREATE INDEX agreements_partnership ON agreements (partnership_id);

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    partnership_id   INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    held_on          TEXT    NOT NULL CONSTRAINT "a session date must be a real date" CHECK (date(held_on) IS held_on),
    duration_minutes INTEGER NOT NULL DEFAULT 60 CONSTRAINT "a session lasts from 0 to 1440 minutes" CHECK (duration_minutes BETWEEN 0 AND 1440),
    topics           TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_partnership ON sessions (partnership_id, held_on);

-- Who attended a session and how productive they rated it (1 to 5; 0 when not rated).
CREATE TABLE session_attendance (
    session_id     INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    attended       INTEGER NOT NULL DEFAULT 1 CHECK (attended IN (0, 1)),
    rating         INTEGER NOT NULL DEFAULT 0 CONSTRAINT "a rating is from 1 to 5" CHECK (rating BETWEEN 0 AND 5),
    PRIMARY KEY (session_id, participant_id)
) STRICT;

-- A note belongs to a session, a partnership or a participant, and says who may read it.
CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER REFERENCES partnerships (id) ON DELETE CASCADE,
    session_id     INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id INTEGER REFERENCES participants (id) ON DELETE CASCADE,
    visibility     TEXT    NOT NULL DEFAULT 'private' CONSTRAINT "a note is private, shared or for the sponsor" CHECK (visibility IN ('private', 'shared', 'sponsor')),
    body           TEXT    NOT NULL CONSTRAINT "a note cannot be empty" CHECK (trim(body) <> ''),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX notes_partnership ON notes (partnership_id);
CREATE INDEX notes_session ON notes (session_id);
CREATE INDEX notes_participant ON notes (participant_id);

CREATE TABLE action_items (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    session_id     INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    owner_id       INTEGER REFERENCES participants (id) ON DELETE SET NULL,
    text           TEXT    NOT NULL CONSTRAINT "an action item needs a text" CHECK (trim(text) <> ''),
    due_on         TEXT    NOT NULL DEFAULT '' CONSTRAINT "a due date must be a real date" CHECK (due_on = '' OR date(due_on) IS due_on),
    done_on        TEXT    NOT NULL DEFAULT '' CONSTRAINT "a done date must be a real date" CHECK (done_on = '' OR date(done_on) IS done_on),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX action_items_partnership ON action_items (partnership_id);

CREATE TABLE goals (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    text           TEXT    NOT NULL CONSTRAINT "a goal needs a text" CHECK (trim(text) <> ''),
    target_on      TEXT    NOT NULL DEFAULT '' CONSTRAINT "a target date must be a real date" CHECK (target_on = '' OR date(target_on) IS target_on),
    progress       INTEGER NOT NULL DEFAULT 0 CONSTRAINT "progress is from 0 to 100 percent" CHECK (progress BETWEEN 0 AND 100),
    status         TEXT    NOT NULL DEFAULT 'open' CONSTRAINT "a goal is open, achieved or dropped" CHECK (status IN ('open', 'achieved', 'dropped')),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX goals_participant ON goals (participant_id);

CREATE TABLE goal_checkins (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    checked_on TEXT    NOT NULL CONSTRAINT "a check-in date must be a real date" CHECK (date(checked_on) IS checked_on),
    progress   INTEGER NOT NULL CONSTRAINT "check-in progress is from 0 to 100 percent" CHECK (progress BETWEEN 0 AND 100),
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
) STRICT;
CREATE INDEX goal_checkins_goal ON goal_checkins (goal_id);

-- The built-in instruments.
INSERT INTO instruments (id, key, name, description, created_at) VALUES
    (1, 'work-orientation', 'Work Orientation (Job / Career / Calling)',
     'How strongly a person experiences work as a job (a means to an income), a career (advancement and achievement) or a calling (meaningful in itself). Each scale from 0 (not at all) to 100 (entirely).',
     '2026-01-01T00:00:00Z'),
    (2, 'five-orientations', 'Five Work Orientations questionnaire',
     'Mean agreement, from 1 (strongly disagree) to 5 (strongly agree), with the statements for each of five orientations to work: job, career, calling, social embeddedness and busyness.',
     '2026-01-01T00:00:00Z');

INSERT INTO scales (instrument_id, position, name, kind, min_value, max_value, orientation, description) VALUES
    (1, 1, 'Job',     'score', 0, 100, 'job',     'Work as a means to an income and a life outside it.'),
    (1, 2, 'Career',  'score', 0, 100, 'career',  'Work as advancement, achievement and standing.'),
    (1, 3, 'Calling', 'score', 0, 100, 'calling', 'Work as meaningful and fulfilling in itself.'),
    (2, 1, 'Job',                 'score', 1, 5, 'job',      'Work as a means to an income.'),
    (2, 2, 'Career',              'score', 1, 5, 'career',   'Work as advancement and achievement.'),
    (2, 3, 'Calling',             'score', 1, 5, 'calling',  'Work as meaningful in itself.'),
    (2, 4, 'Social embeddedness', 'score', 1, 5, 'social',   'Work as belonging to a community of colleagues.'),
    (2, 5, 'Busyness',            'score', 1, 5, 'busyness', 'Work as a way to stay occupied and pass the time.');
