-- Notebooks and their notes. A deleted note is kept, stamped with the epoch milliseconds of its
-- deletion (0 while it lives), and left out of its notebook's `notes`.
CREATE TABLE notebooks (
    id     SERIAL      PRIMARY KEY,
    title  VARCHAR(80) NOT NULL
);

CREATE TABLE notes (
    id             SERIAL       PRIMARY KEY,
    notebook_id    INTEGER      NOT NULL REFERENCES notebooks (id),
    text           VARCHAR(200) NOT NULL,
    deleted_at_ms  BIGINT       NOT NULL DEFAULT 0
);

-- Labels reach notes through a join table; a deleted label is kept (is_deleted) and left out of
-- every note's `labels`.
CREATE TABLE labels (
    id          SERIAL      PRIMARY KEY,
    name        VARCHAR(40) NOT NULL,
    is_deleted  BOOLEAN     NOT NULL DEFAULT false
);

CREATE TABLE note_labels (
    note_id   INTEGER NOT NULL REFERENCES notes (id),
    label_id  INTEGER NOT NULL REFERENCES labels (id),
    PRIMARY KEY (note_id, label_id)
);
