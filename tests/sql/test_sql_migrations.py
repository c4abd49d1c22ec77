"""ALTER TABLE replay, migration folders, DROP, and the order files are read in."""

from __future__ import annotations

from pathlib import Path

from sql_test_helpers import codes

from compiler.diagnostics import DiagnosticSink
from compiler.ir.database import ColumnKind, DefaultKind
from compiler.sql import parse_schema


def _folder(tmp_path: Path, files: dict[str, str]) -> tuple:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    sink = DiagnosticSink()
    return parse_schema([str(tmp_path)], "postgres", sink), sink.sorted()


def test_migration_folder_replays_by_file_name(tmp_path):
    db, diags = _folder(
        tmp_path,
        {
            "002_alter.sql": """
ALTER TABLE person ADD COLUMN nick varchar(20) NOT NULL DEFAULT 'x';
ALTER TABLE person DROP COLUMN legacy;
ALTER TABLE person RENAME COLUMN fullname TO name;
ALTER TABLE person ALTER COLUMN age TYPE bigint;
ALTER TABLE person ALTER COLUMN age SET NOT NULL;
ALTER TABLE person ALTER COLUMN name SET DEFAULT 'anon';
ALTER TABLE pet ADD CONSTRAINT pet_owner FOREIGN KEY (owner) REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE pet RENAME TO animal;
""",
            "001_create.sql": """
CREATE TABLE person (id serial, fullname text, legacy int, age int);
ALTER TABLE ONLY person ADD CONSTRAINT person_pkey PRIMARY KEY (id);
CREATE TABLE pet (id int PRIMARY KEY, owner int);
""",
            "notes.txt": "ignored",
        },
    )
    assert codes(diags) == []
    person = db.table("person")
    assert [c.name for c in person.columns] == ["id", "name", "age", "nick"]
    assert person.primary_key == ("id",)
    assert person.column("age").type.kind is ColumnKind.BIGINT and not person.column("age").nullable
    assert person.column("name").default.value == "anon"
    assert (
        person.column("nick").type.length == 20
        and person.column("nick").default.kind is DefaultKind.LITERAL
    )
    animal = db.table("animal")
    assert db.table("pet") is None and animal.foreign_keys[0].ref_table == "person"
    assert [t.name for t in db.tables] == ["person", "animal"]


def test_keys_in_a_file_sorted_before_the_tables(tmp_path):
    """musicbrainz keeps keys in CreateFKConstraints.sql, which sorts before CreateTables.sql."""
    db, diags = _folder(
        tmp_path,
        {
            "CreateFKConstraints.sql": "ALTER TABLE b ADD CONSTRAINT b_fk_a FOREIGN KEY (a) REFERENCES a(id);",
            "CreatePrimaryKeys.sql": "ALTER TABLE a ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n"
            "ALTER TABLE b ADD CONSTRAINT b_pkey PRIMARY KEY (id);",
            "CreateTables.sql": "CREATE TABLE b (id int, a int, t kind);\nCREATE TABLE a (id int);",
            "CreateTypes.sql": "CREATE TYPE kind AS ENUM ('x', 'y');",
        },
    )
    assert codes(diags) == []
    assert [t.name for t in db.tables] == ["a", "b"]
    assert db.table("b").primary_key == ("id",) and db.table("b").foreign_keys[0].name == "b_fk_a"
    assert db.table("b").column("t").type.enum_values == ("x", "y")


def test_drop_constraint_and_drop_table(parse_sql):
    db, diags = parse_sql("""
DROP TABLE IF EXISTS gone CASCADE;
CREATE TABLE gone (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, s text CONSTRAINT s_check CHECK (s IN ('a')), g int REFERENCES gone);
ALTER TABLE t DROP CONSTRAINT s_check;
DROP TABLE gone CASCADE;
""")
    assert codes(diags) == []
    assert db.table("gone") is None and db.table("t").foreign_keys == ()
    assert db.table("t").column("s").check_values == ()


def test_alter_on_unknown_things_is_located(parse_sql):
    _, diags = parse_sql("""CREATE TABLE t (id int PRIMARY KEY);
ALTER TABLE t DROP COLUMN nope;
ALTER TABLE t RENAME COLUMN missing TO other;
ALTER TABLE t DROP CONSTRAINT nothing;
ALTER TABLE tt ADD COLUMN x int;
CREATE INDEX i ON t (ghost);
""")
    found = [(d.code, d.location.line) for d in diags if d.code == "CC306"]
    assert found == [("CC306", 2), ("CC306", 3), ("CC306", 4), ("CC306", 5), ("CC306", 6)]
    hint = next(d.hint for d in diags if d.location.line == 5)
    assert "t" in hint  # close names


def test_skipped_statements_are_info_and_located(parse_sql):
    db, diags = parse_sql("""\\c mydb
SET search_path = public;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x = 1; RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TABLE t (id int PRIMARY KEY);
CREATE VIEW v AS SELECT * FROM t;
CREATE INDEX v_idx ON v (id);
ALTER TABLE t OWNER TO postgres;
CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
INSERT INTO t VALUES (1);
COPY t (id) FROM stdin;
1;2
\\.
GRANT ALL ON t TO PUBLIC;
""")
    assert codes(diags) == [] and len(db.tables) == 1
    infos = {d.message.split(" skipped")[0]: d.location.line for d in diags if d.code == "CC302"}
    assert infos["\\c"] == 1 and infos["CREATE FUNCTION"] == 4 and infos["CREATE VIEW"] == 6
    assert infos["ALTER TABLE ... OWNER"] == 8 and infos["COPY"] == 11 and infos["GRANT ALL"] == 14
