-- Marks: the deletion marks the shop pair does not use, and marked rows in related arrays.
--
-- An author is marked with the day it was deleted (DATE), a book with a 0/1 integer flag, a tag
-- with the moment in epoch milliseconds. An author lists its live books (children) and its live
-- tags (through a join table).

CREATE TABLE authors (
    id          SERIAL  PRIMARY KEY,
    name        TEXT    NOT NULL,
    deleted_on  DATE
);

CREATE TABLE tags (
    id          SERIAL  PRIMARY KEY,
    label       TEXT    NOT NULL,
    deleted_at  BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE author_tags (
    author_id  INTEGER NOT NULL REFERENCES authors (id),
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (author_id, tag_id)
);

CREATE TABLE books (
    id          SERIAL   PRIMARY KEY,
    author_id   INTEGER  NOT NULL REFERENCES authors (id),
    title       TEXT     NOT NULL,
    is_deleted  INTEGER  NOT NULL DEFAULT 0
);
