-- Questionnaires sent as fillable PDF forms and read back. Each person's form carries the id
-- of its request (random, sealed in the form with the practice's key), so a returned form is
-- matched by that id, never by its file name, and its answers are applied once.
CREATE TABLE form_requests (
    id             TEXT    PRIMARY KEY CONSTRAINT "a form request needs its id" CHECK (length(id) >= 16),
    sending        TEXT    NOT NULL, -- random, shared by the requests sent together
    kind           TEXT    NOT NULL CONSTRAINT "a form request needs its kind" CHECK (kind <> ''),
    -- NULL once the person is deleted: a form returned later is refused with a plain message
    participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
    instrument_id  INTEGER REFERENCES instruments (id) ON DELETE SET NULL, -- NULL when no instrument was asked
    cohort_id      INTEGER REFERENCES cohorts (id) ON DELETE SET NULL,
    file_name      TEXT    NOT NULL DEFAULT '', -- as written; it names the person, so it goes with them
    created_at     TEXT    NOT NULL,
    returned_at    TEXT    NOT NULL DEFAULT '', -- when its answers were imported; '' while out
    assessment_id  INTEGER REFERENCES assessments (id) ON DELETE SET NULL -- the result its answers made
) STRICT;
CREATE INDEX form_requests_participant ON form_requests (participant_id);
CREATE INDEX form_requests_sending ON form_requests (sending);

-- A deleted person's form requests keep no file name (it holds their name).
CREATE TRIGGER form_requests_forget BEFORE DELETE ON participants BEGIN
    UPDATE form_requests SET file_name = '' WHERE participant_id = OLD.id;
END;
