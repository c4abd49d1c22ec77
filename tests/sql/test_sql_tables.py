"""CREATE TABLE: types, keys, uniques, foreign keys, checks, defaults, identities, locations."""

from __future__ import annotations

from sql_test_helpers import codes

from compiler.ir.database import ColumnKind, DefaultKind, ReferentialAction

SCHEMA = """\
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);

CREATE TABLE owner (
    id bigserial PRIMARY KEY,
    email varchar(120) NOT NULL UNIQUE
);

CREATE TABLE "user" (
    user_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id bigint REFERENCES owner (id) ON DELETE CASCADE ON UPDATE SET NULL,
    code char(3),
    price numeric(10, 2) DEFAULT 0.5,
    born timestamptz(3) DEFAULT now(),
    at_time time with time zone,
    tags text[] DEFAULT '{}',
    grid integer[][],
    meta jsonb NOT NULL DEFAULT '{}'::jsonb,
    doc json,
    raw bytea,
    span interval,
    feeling mood DEFAULT 'happy',
    score positive,
    status text CHECK (status IN ('open', 'closed')),
    kind varchar(10),
    active boolean DEFAULT true,
    seq integer DEFAULT nextval('user_seq'::regclass),
    expr integer DEFAULT (1 + 2),
    gen int GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT kind_check CHECK (kind = ANY (ARRAY['a'::text, 'b'::text])),
    CONSTRAINT user_code_owner UNIQUE (code, owner_id)
);
"""


def test_types_are_precise(parse_sql):
    db, diags = parse_sql(SCHEMA)
    assert codes(diags) == []
    user = db.table("user")
    types = {c.name: c.type for c in user.columns}
    assert (
        types["code"].kind is ColumnKind.VARCHAR
        and types["code"].fixed_length
        and types["code"].length == 3
    )
    assert (types["price"].precision, types["price"].scale) == (10, 2)
    assert (
        types["born"].timezone
        and types["born"].precision == 3
        and types["born"].kind is ColumnKind.TIMESTAMP
    )
    assert types["at_time"].kind is ColumnKind.TIME and types["at_time"].timezone
    assert types["tags"].kind is ColumnKind.ARRAY and types["tags"].element.kind is ColumnKind.TEXT
    assert types["grid"].element.kind is ColumnKind.ARRAY
    assert types["meta"].binary_json and not types["doc"].binary_json
    assert types["raw"].kind is ColumnKind.BYTES and types["span"].kind is ColumnKind.INTERVAL
    assert types["feeling"].kind is ColumnKind.ENUM and types["feeling"].enum_values == (
        "happy",
        "sad",
    )
    assert types["score"].kind is ColumnKind.INTEGER  # domain resolved to its base type
    assert types["user_id"].kind is ColumnKind.UUID
    assert db.table("owner").column("email").type.length == 120


def test_keys_uniques_and_foreign_keys(parse_sql):
    db, _ = parse_sql(SCHEMA)
    owner, user = db.table("owner"), db.table("user")
    assert owner.primary_key == ("id",) and user.primary_key == ("user_id",)
    assert [u.columns for u in owner.uniques] == [("email",)]
    assert [(u.columns, u.name) for u in user.uniques] == [
        (("code", "owner_id"), "user_code_owner")
    ]
    fk = user.foreign_key_for("owner_id")
    assert (fk.ref_table, fk.ref_columns) == ("owner", ("id",))
    assert fk.on_delete is ReferentialAction.CASCADE and fk.on_update is ReferentialAction.SET_NULL
    assert [t.name for t in db.tables] == ["owner", "user"]


def test_defaults_identity_and_checks(parse_sql):
    db, _ = parse_sql(SCHEMA)
    user = db.table("user")
    kinds = {c.name: (c.default.kind, c.default.value) if c.default else None for c in user.columns}
    assert kinds["user_id"] == (DefaultKind.UUID, None)
    assert kinds["born"] == (DefaultKind.NOW, None)
    assert kinds["price"] == (DefaultKind.LITERAL, 0.5)
    assert kinds["active"] == (DefaultKind.LITERAL, True)
    assert kinds["meta"] == (DefaultKind.LITERAL, "{}")
    assert kinds["seq"] == (DefaultKind.SEQUENCE, "user_seq")
    assert kinds["expr"][0] is DefaultKind.EXPRESSION
    owner_id = db.table("owner").column("id")
    assert owner_id.identity and not owner_id.nullable
    gen = user.column("gen")
    assert gen.identity and not gen.nullable
    assert user.column("status").check_values == ("open", "closed")
    assert user.column("kind").check_values == ("a", "b")
    assert user.column("status").nullable and not user.column("meta").nullable


def test_locations_point_at_names(parse_sql):
    db, _ = parse_sql(SCHEMA)
    owner, user = db.table("owner"), db.table("user")
    assert (owner.location.line, owner.location.column) == (4, 14)
    assert (user.location.line, user.location.column) == (9, 14)
    assert (owner.column("email").location.line, owner.column("email").location.column) == (6, 5)
    assert user.column("gen").location.line == 29
    assert user.foreign_key_for("owner_id").location.line == 11
    assert db.enums[0].location.line == 1


def test_composite_natural_and_table_level_keys(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE country (code char(2), name text NOT NULL, PRIMARY KEY (code));
CREATE TABLE city (
  country char(2), name text,
  PRIMARY KEY (country, name),
  FOREIGN KEY (country) REFERENCES country
);
CREATE TABLE street (
  country char(2), city text, name text,
  CONSTRAINT street_city FOREIGN KEY (country, city) REFERENCES city (country, name) ON DELETE RESTRICT
);
""")
    assert codes(diags) == ["CC309"]
    assert db.table("city").primary_key == ("country", "name")
    assert db.table("city").foreign_keys[0].ref_columns == ("code",)  # defaults to the target's key
    street_fk = db.table("street").foreign_keys[0]
    assert street_fk.name == "street_city" and street_fk.columns == ("country", "city")
    assert street_fk.on_delete is ReferentialAction.RESTRICT
    assert not db.table("country").column("code").nullable


def test_dependency_order_is_stable_and_tolerates_cycles(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));
CREATE TABLE a (id int PRIMARY KEY, a_id int REFERENCES a (id));
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
CREATE TABLE x (id int PRIMARY KEY, y_id int);
CREATE TABLE y (id int PRIMARY KEY, x_id int REFERENCES x (id));
ALTER TABLE x ADD CONSTRAINT x_y FOREIGN KEY (y_id) REFERENCES y (id);
""")
    assert [t.name for t in db.tables] == ["a", "b", "c", "y", "x"]


def test_mysql_dialect(parse_sql):
    db, diags = parse_sql(
        """
CREATE TABLE `film` (
  film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  rating ENUM('G','PG') DEFAULT 'G',
  active TINYINT(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (film_id),
  KEY idx_rating (rating),
  UNIQUE KEY uk_active (active, rating)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
""",
        dialect="mysql",
    )
    assert codes(diags) == []
    film = db.table("film")
    assert film.column("film_id").identity
    assert film.column("rating").allowed_values == ("G", "PG")
    assert film.column("rating").type.enum_name == "film_rating"
    assert [e.name for e in db.enums] == ["film_rating"]
    assert film.column("active").type.kind is ColumnKind.BOOLEAN
    assert [i.name for i in film.indexes] == ["idx_rating"]
    assert film.uniques[0].columns == ("active", "rating")


def test_sqlite_dialect(parse_sql):
    db, diags = parse_sql(
        """
CREATE TABLE note (id INTEGER PRIMARY KEY, body, created TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE tag (id INTEGER PRIMARY KEY AUTOINCREMENT, note_id INTEGER REFERENCES note(id));
""",
        dialect="sqlite",
    )
    assert codes(diags) == []
    assert db.table("note").column("id").identity  # rowid alias
    assert db.table("note").column("body").type.kind is ColumnKind.TEXT
    assert db.table("tag").column("id").identity
    assert db.table("note").column("created").default.kind is DefaultKind.NOW


def test_indexes_partial_expression_and_unnamed(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE account (id int PRIMARY KEY, email text, deleted boolean);
CREATE UNIQUE INDEX account_email ON account (lower(email)) WHERE NOT deleted;
CREATE INDEX ON account USING btree (email DESC);
""")
    first, second = db.table("account").indexes
    assert first.unique and first.columns == ("(LOWER(email))",) and first.where == "NOT deleted"
    assert second.name == "account_email_idx" and second.columns == ("email",) and not second.unique


def test_comments_are_kept(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE t (id int PRIMARY KEY, v text);
COMMENT ON TABLE t IS 'the table';
COMMENT ON COLUMN t.v IS 'a value';
""")
    assert db.table("t").comment == "the table" and db.table("t").column("v").comment == "a value"


def test_a_double_quoted_default_is_a_string_in_sqlite_and_mysql(parse_sql):
    sql = 'CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT "note");'
    for dialect in ("sqlite", "mysql"):
        database, _ = parse_sql(sql, dialect)
        default = database.tables[0].columns[1].default
        assert (default.kind, default.value, default.sql) == (DefaultKind.LITERAL, "note", "'note'")
