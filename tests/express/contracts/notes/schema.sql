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
