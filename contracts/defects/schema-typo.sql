-- Loaded after schema.sql: loans of books. One column type is misspelled (CC303);
-- PostgreSQL rejects this file with: type "timestampz" does not exist.

CREATE TABLE loans (
    id           BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    book_id      BIGINT       NOT NULL REFERENCES books (id),
    loaned_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    returned_at  TIMESTAMPZ
);
