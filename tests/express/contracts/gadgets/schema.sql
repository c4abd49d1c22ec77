CREATE TABLE gadgets (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER,
    parts JSONB
);
