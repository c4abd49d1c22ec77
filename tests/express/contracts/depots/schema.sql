-- Regions hold depots, depots hold bins: a route nested two levels deep.
CREATE TABLE regions (
    id    SERIAL      PRIMARY KEY,
    name  VARCHAR(40) NOT NULL
);

CREATE TABLE depots (
    id         SERIAL      PRIMARY KEY,
    region_id  INTEGER     NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    name       VARCHAR(40) NOT NULL
);

CREATE TABLE bins (
    id        SERIAL      PRIMARY KEY,
    depot_id  INTEGER     NOT NULL REFERENCES depots (id) ON DELETE CASCADE,
    label     VARCHAR(40) NOT NULL
);
