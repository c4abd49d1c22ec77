-- Shop: the pair where the contract asks for more than CRUD. PostgreSQL 15.
--
-- Products are soft-deleted (deleted_at), listed in pages with a total and in the order the
-- client asks for; writing them needs the catalog:write scope. Reviews hang under a product and
-- are hidden by a flag instead of being removed.

CREATE TABLE categories (
    id    SERIAL      PRIMARY KEY,
    name  VARCHAR(60) NOT NULL,
    CONSTRAINT categories_name_key UNIQUE (name)
);

CREATE TABLE products (
    id           BIGSERIAL    PRIMARY KEY,
    sku          VARCHAR(32)  NOT NULL,
    name         VARCHAR(120) NOT NULL,
    price_cents  INTEGER      NOT NULL CHECK (price_cents >= 0),
    category_id  INTEGER      REFERENCES categories (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at   TIMESTAMPTZ
);

-- a deleted product frees its sku: the key counts live rows only
CREATE UNIQUE INDEX products_sku_live_key ON products (sku) WHERE deleted_at IS NULL;
CREATE INDEX products_category_id_idx ON products (category_id);

CREATE TABLE reviews (
    id          BIGSERIAL   PRIMARY KEY,
    product_id  BIGINT      NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    rating      SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        VARCHAR(2000),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    is_deleted  BOOLEAN     NOT NULL DEFAULT false
);

CREATE INDEX reviews_product_id_idx ON reviews (product_id);
