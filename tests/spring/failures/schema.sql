-- Failures: one table whose requests can break the spec in several places at once.

CREATE TABLE owners (
    id         BIGSERIAL  PRIMARY KEY,
    name       TEXT       NOT NULL,
    born       DATE,
    nicknames  JSONB
);
