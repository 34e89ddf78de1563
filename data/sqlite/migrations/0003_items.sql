-- Instruments made of questions (items): the questions in order, how each scale is scored
-- from them, and the answers a result was computed from. The built-in Work Orientation
-- instrument gains Mutua's own questionnaire in the same step (see store_items.go).
ALTER TABLE instruments ADD COLUMN mixed_within REAL NOT NULL DEFAULT 0
    CONSTRAINT "the margin for a mixed orientation is from 0 to 100 points" CHECK (mixed_within BETWEEN 0 AND 100);
ALTER TABLE scales ADD COLUMN scoring TEXT NOT NULL DEFAULT ''
    CONSTRAINT "a scale is scored as the mean, sum or percent of the maximum of its questions" CHECK (scoring IN ('', 'mean', 'sum', 'percent'));

CREATE TABLE items (
    id            INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    key           TEXT    NOT NULL CONSTRAINT "a question needs a key" CHECK (key <> ''),
    text          TEXT    NOT NULL CONSTRAINT "a question needs its text" CHECK (trim(text) <> ''),
    format        TEXT    NOT NULL CONSTRAINT "a question is answered as agreement 1-5, agreement 1-7, yes or no, a choice or a number" CHECK (format IN ('agree-5', 'agree-7', 'yes-no', 'choice', 'number')),
    options       TEXT    NOT NULL DEFAULT '', -- the choices of a choice question: JSON [{"text": ..., "value": ...}]
    min_value     REAL    NOT NULL DEFAULT 0,
    max_value     REAL    NOT NULL DEFAULT 0,
    reversed      INTEGER NOT NULL DEFAULT 0 CHECK (reversed IN (0, 1)),
    scale_id      INTEGER REFERENCES scales (id), -- the scale it feeds; NULL when it feeds none
    required      INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    UNIQUE (instrument_id, key)
) STRICT;
CREATE INDEX items_instrument ON items (instrument_id, position);

-- The answers a result's scale scores were computed from; none when the scores were typed.
CREATE TABLE assessment_answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES items (id),
    value         REAL    NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
) STRICT;
CREATE INDEX assessment_answers_item ON assessment_answers (item_id);
