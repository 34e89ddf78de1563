-- Suggested session agendas, keyed to work orientation; the coach edits them.
CREATE TABLE agendas (
    id          INTEGER PRIMARY KEY,
    orientation TEXT    NOT NULL CONSTRAINT "an agenda is for job, career, calling, mixed or any orientation" CHECK (orientation IN ('job', 'career', 'calling', 'mixed', 'any')),
    position    INTEGER NOT NULL,
    text        TEXT    NOT NULL CONSTRAINT "an agenda item cannot be empty" CHECK (trim(text) <> '')
) STRICT;
CREATE INDEX agendas_orientation ON agendas (orientation, position);

INSERT INTO agendas (orientation, position, text) VALUES
    ('calling', 1, 'What makes the work matter to each of you'),
    ('calling', 2, 'A decision where purpose and pressure pulled apart'),
    ('calling', 3, 'The story you tell about why you do this work'),
    ('calling', 4, 'Keeping meaning alive in a hard quarter'),
    ('career', 1, 'The next role each of you wants, and what stands in the way'),
    ('career', 2, 'Being visible to the board and the executive team'),
    ('career', 3, 'Sponsors, advocates and how to earn them'),
    ('career', 4, 'A track record: what to be known for in a year'),
    ('job', 1, 'Boundaries, energy and what the rest of life needs'),
    ('job', 2, 'Doing the work well in less time'),
    ('job', 3, 'What would make the routine parts lighter'),
    ('mixed', 1, 'How each of you sees work: job, career or calling'),
    ('mixed', 2, 'Where your outlooks differ, and what each can learn from that'),
    ('any', 1, 'What each of you wants from this partnership'),
    ('any', 2, 'A challenge from this month, and a second view on it'),
    ('any', 3, 'Feedback on a presentation or paper'),
    ('any', 4, 'Review: what has changed since we started');

-- The attention list looks for open action items by due date.
CREATE INDEX action_items_due ON action_items (done_on, due_on);
