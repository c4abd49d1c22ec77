CREATE TABLE note (
    id    INTEGER PRIMARY KEY,
    body  TEXT NOT NULL
);
