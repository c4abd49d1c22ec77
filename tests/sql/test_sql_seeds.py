"""Seed INSERTs are carried into the IR as rows per table, in order, with their location."""

from __future__ import annotations

from sql_test_helpers import codes

from compiler.ir.database import SeedExpression


def test_values_inserts_become_seed_rows_in_order(parse_sql):
    db, diags = (
        parse_sql("""CREATE TABLE kinds (id int PRIMARY KEY, name text, active boolean, born timestamp);
CREATE TABLE pets (id int PRIMARY KEY, kind_id int REFERENCES kinds);
INSERT INTO kinds (id, name, active, born) VALUES (1, 'cat', TRUE, now()), (-2, 'it''s', FALSE, NULL);
INSERT INTO pets VALUES (10, 1);
INSERT INTO kinds (name, id) VALUES ('dog', 3) ON CONFLICT DO NOTHING;
INSERT INTO pets SELECT * FROM pets;
""")
    )
    assert codes(diags) == []
    first, second, third = db.seeds
    assert (first.table, first.columns) == ("kinds", ("id", "name", "active", "born"))
    assert first.rows == (
        (1, "cat", True, SeedExpression("CURRENT_TIMESTAMP")),
        (-2, "it's", False, None),
    )
    assert first.location.line == 3
    assert (second.table, second.columns, second.rows) == ("pets", ("id", "kind_id"), ((10, 1),))
    assert (third.columns, third.rows) == (("name", "id"), (("dog", 3),))
    assert [s.table for s in db.seeds_for("kinds")] == ["kinds", "kinds"]


def test_seeds_follow_renames_and_drops(parse_sql):
    db, _ = parse_sql("""CREATE TABLE t (id int PRIMARY KEY, old text, gone int);
INSERT INTO t (id, old, gone) VALUES (1, 'a', 9);
ALTER TABLE t RENAME COLUMN old TO new;
ALTER TABLE t DROP COLUMN gone;
ALTER TABLE t RENAME TO u;
CREATE TABLE dropped (id int PRIMARY KEY);
INSERT INTO dropped VALUES (1);
DROP TABLE dropped;
""")
    (seed,) = db.seeds
    assert (seed.table, seed.columns, seed.rows) == ("u", ("id", "new"), ((1, "a"),))


def test_insert_into_an_unknown_column_is_an_error(parse_sql):
    _, diags = parse_sql(
        "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t (id, nope) VALUES (1, 2);"
    )
    (error,) = [d for d in diags if d.code == "CC306"]
    assert "nope" in error.message and error.location.line == 2


def test_sqlite_and_mysql_insert_forms(parse_sql):
    db, _ = parse_sql(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);\nINSERT OR IGNORE INTO t (id, n) VALUES (1, 'a');",
        dialect="sqlite",
    )
    assert db.seeds[0].rows == ((1, "a"),)
    db, _ = parse_sql(
        "CREATE TABLE t (id INT PRIMARY KEY, n TEXT);\nINSERT IGNORE INTO t (id, n) VALUES (1, 'a');",
        dialect="mysql",
    )
    assert db.seeds[0].rows == ((1, "a"),)


def test_inserts_inside_a_trigger_body_are_not_seed_rows(parse_sql):
    db, _ = parse_sql(
        """CREATE TABLE days (id INTEGER PRIMARY KEY, day TEXT);
CREATE TABLE notes (id INTEGER PRIMARY KEY, day TEXT);
CREATE TRIGGER note_per_day AFTER INSERT ON days
BEGIN
    DELETE FROM notes WHERE day = CASE WHEN NEW.day IS NULL THEN '' END;
    INSERT INTO notes (day) VALUES (NEW.day);
END;
INSERT INTO notes (day) VALUES ('2024-01-01');
""",
        dialect="sqlite",
    )
    assert [(s.table, s.rows) for s in db.seeds] == [("notes", (("2024-01-01",),))]
