-- Library: the pair whose responses nest related rows. PostgreSQL 15.
--
-- A book embeds its author (foreign key), lists its genres (join table) and its reviews
-- (child table), so every generated backend must load related rows one query per level.

CREATE TABLE authors (
    id    BIGSERIAL    PRIMARY KEY,
    name  VARCHAR(120) NOT NULL,
    born  DATE
);

CREATE TABLE genres (
    id    SERIAL      PRIMARY KEY,
    name  VARCHAR(40) NOT NULL,
    CONSTRAINT genres_name_key UNIQUE (name)
);

CREATE TABLE books (
    id          BIGSERIAL    PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    isbn        VARCHAR(17),
    author_id   BIGINT       NOT NULL REFERENCES authors (id) ON DELETE RESTRICT,
    published   DATE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT books_isbn_key UNIQUE (isbn)
);

CREATE INDEX books_author_id_idx ON books (author_id);

CREATE TABLE book_genres (
    book_id   BIGINT  NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    genre_id  INTEGER NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    PRIMARY KEY (book_id, genre_id)
);

CREATE TABLE reviews (
    id          BIGSERIAL   PRIMARY KEY,
    book_id     BIGINT      NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    rating      SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX reviews_book_id_idx ON reviews (book_id);
