-- Petstore: the minimal contract pair. PostgreSQL 15.

CREATE TABLE categories (
    id    BIGSERIAL    PRIMARY KEY,
    name  VARCHAR(64)  NOT NULL,
    CONSTRAINT categories_name_key UNIQUE (name)
);

CREATE TABLE pets (
    id           BIGSERIAL    PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    tag          VARCHAR(50),
    status       VARCHAR(16)  NOT NULL DEFAULT 'available'
                 CHECK (status IN ('available', 'pending', 'sold')),
    category_id  BIGINT       REFERENCES categories (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX pets_category_id_idx ON pets (category_id);
