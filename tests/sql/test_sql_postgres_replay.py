"""Migrations replay as PostgreSQL runs them: implicit constraint names, RENAME without COLUMN,
REFERENCES without columns, guarded DDL in DO blocks, ALTER TYPE."""

from __future__ import annotations

import pytest
from sql_test_helpers import codes

from compiler.sql.implicit_names import implicit_name, make_object_name


@pytest.mark.parametrize(
    ("table", "columns", "label", "expected"),
    [
        ("books", [], "pkey", "books_pkey"),
        ("books", ["isbn"], "key", "books_isbn_key"),
        ("books", ["author_id", "series_id"], "fkey", "books_author_id_series_id_fkey"),
        ("books", ["price"], "check", "books_price_check"),
        ("books", [], "check", "books_check"),
    ],
)
def test_implicit_constraint_names(
    table: str, columns: list[str], label: str, expected: str
) -> None:
    assert implicit_name(table, columns, label, set()) == expected


def test_long_names_are_cut_to_63_bytes_longer_part_first() -> None:
    name = implicit_name(
        "datasets", ["namespace_uuid", "source_uuid", "name", "physical_name_x"], "key", set()
    )
    # PostgreSQL 16: datasets_namespace_uuid_source_uuid_name_physical_name_x_key (61 bytes, uncut)
    assert name == "datasets_namespace_uuid_source_uuid_name_physical_name_x_key"
    long = make_object_name("t" * 40, "c" * 40, "fkey")
    assert len(long.encode()) == 63 and long == "t" * 29 + "_" + "c" * 28 + "_fkey"


def test_a_taken_name_gets_a_number() -> None:
    assert implicit_name("t", ["a"], "fkey", {"t_a_fkey"}) == "t_a_fkey1"
    assert implicit_name("t", ["a"], "fkey", {"t_a_fkey", "t_a_fkey1"}) == "t_a_fkey2"


def test_drop_constraint_finds_the_implicit_names(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (
  id int PRIMARY KEY,
  isbn text UNIQUE,
  author_id int REFERENCES authors (id),
  price int CHECK (price > 0),
  kind text CHECK (kind IN ('a', 'b')),
  UNIQUE (author_id, isbn)
);
ALTER TABLE books DROP CONSTRAINT books_pkey;
ALTER TABLE books DROP CONSTRAINT books_isbn_key;
ALTER TABLE books DROP CONSTRAINT books_author_id_fkey;
ALTER TABLE books DROP CONSTRAINT books_price_check;
ALTER TABLE books DROP CONSTRAINT books_kind_check;
ALTER TABLE books DROP CONSTRAINT books_author_id_isbn_key;
""")
    assert codes(diags) == ["CC309"]  # books has no primary key any more
    books = db.table("books")
    assert books.primary_key == () and books.uniques == () and books.foreign_keys == ()
    assert books.column("kind").check_values == ()


def test_if_exists_drop_of_an_implicit_name_really_drops(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
ALTER TABLE b DROP CONSTRAINT IF EXISTS b_a_id_fkey;
""")
    assert db.table("b").foreign_keys == ()


def test_implicit_names_stay_out_of_the_ir(parse_sql):
    db, _ = parse_sql("CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE);")
    assert [u.name for u in db.table("a").uniques] == [None]


def test_other_dialects_do_not_get_postgres_names(parse_sql):
    _, diags = parse_sql(
        "CREATE TABLE a (id int PRIMARY KEY, code varchar(9) UNIQUE);\n"
        "ALTER TABLE a DROP CONSTRAINT a_code_key;",
        dialect="mysql",
    )
    assert "CC306" in codes(diags)


def test_rename_without_the_column_keyword_renames_a_column(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE datasets (id int PRIMARY KEY, last_modified timestamp);
ALTER TABLE datasets RENAME last_modified TO last_modified_at;
ALTER TABLE datasets RENAME TO data_sets;
""")
    assert codes(diags) == []
    assert [c.name for c in db.table("data_sets").columns] == ["id", "last_modified_at"]


def test_references_without_columns_mean_the_key_at_that_moment(parse_sql):
    db, _ = parse_sql("""
CREATE TABLE authors (id int PRIMARY KEY, code text NOT NULL UNIQUE);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
ALTER TABLE authors DROP CONSTRAINT authors_pkey;
ALTER TABLE authors ADD PRIMARY KEY (code);
""")
    (fk,) = db.table("books").foreign_keys
    assert fk.ref_columns == ("id",)  # not authors' key at the end (code)


def test_drop_cascade_drops_the_foreign_keys_that_depend(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, x int);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, code text REFERENCES authors (code));
CREATE TABLE notes (id int PRIMARY KEY, author_code text REFERENCES authors (code));
ALTER TABLE authors DROP CONSTRAINT authors_pkey CASCADE;
ALTER TABLE authors DROP COLUMN code CASCADE;
""")
    assert db.table("books").foreign_keys == () and db.table("notes").foreign_keys == ()


def test_guarded_ddl_in_do_blocks_is_replayed(parse_sql):
    db, diags = parse_sql("""
DO $$ BEGIN
  CREATE TYPE mood AS ENUM ('happy', 'sad');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
  CREATE TYPE mood AS ENUM ('happy', 'sad');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
CREATE TABLE people (id int PRIMARY KEY, feeling mood);
DO $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email') THEN
    ALTER TABLE people ADD COLUMN email text NOT NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'people_email_key') THEN
    ALTER TABLE people ADD CONSTRAINT people_email_key UNIQUE (email);
  END IF;
END
$body$;
DO $$ BEGIN
  ALTER TABLE people ADD CONSTRAINT people_email_key UNIQUE (email);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
""")
    assert codes(diags) == []
    people = db.table("people")
    assert people.column("feeling").type.enum_values == ("happy", "sad")
    assert people.column("email") is not None and not people.column("email").nullable
    assert [u.name for u in people.uniques] == ["people_email_key"]


def test_ddl_in_a_do_block_is_located_in_the_file(parse_sql):
    _, diags = parse_sql("DO $$\nBEGIN\n  ALTER TABLE ghost ADD COLUMN x int;\nEND $$;\n")
    (missing,) = [d for d in diags if d.code == "CC306"]
    assert (missing.location.line, missing.location.column) == (3, 3)


def test_do_block_changes_to_tables_declared_later_are_still_checked(parse_sql):
    db, diags = parse_sql(
        "DO $$ BEGIN ALTER TABLE late ADD COLUMN x int REFERENCES nowhere; END $$;\n"
        "CREATE TABLE late (id int PRIMARY KEY);\n"
    )
    assert db.table("late").column("x") is not None
    assert "CC307" in codes(diags)


def test_do_block_ddl_after_comments_and_declarations_is_found():
    from compiler.sql.do_blocks import do_block_statements
    from compiler.sql.splitter import Statement

    block = (
        "DO $$ DECLARE found boolean; BEGIN\n  -- widen it\n  IF found THEN\n"
        "    ALTER TABLE t ALTER COLUMN name TYPE text;\n  END IF;\nEND $$ LANGUAGE plpgsql"
    )
    (inner,) = do_block_statements(Statement(block, 0), "postgres")
    assert inner.text == "ALTER TABLE t ALTER COLUMN name TYPE text"
    assert block[inner.start :].startswith(inner.text)
    assert do_block_statements(Statement("CREATE TABLE t (id int)", 0), "postgres") is None


def test_alter_type_renames_and_extends_enums(parse_sql):
    db, diags = parse_sql("""
CREATE TYPE "Status" AS ENUM ('QUEUED', 'SENT');
CREATE TYPE "StatusV2" AS ENUM ('QUEUED', 'SENT', 'FAILED');
CREATE TABLE email (id int PRIMARY KEY, status text);
DROP TYPE "Status";
ALTER TYPE "StatusV2" RENAME TO "Status";
ALTER TABLE email ALTER COLUMN status TYPE "Status" USING status::"Status";
ALTER TYPE "Status" ADD VALUE 'SCHEDULED' BEFORE 'QUEUED';
ALTER TYPE "Status" ADD VALUE IF NOT EXISTS 'SENT';
ALTER TYPE "Status" RENAME VALUE 'FAILED' TO 'BOUNCED';
ALTER TYPE "Status" ADD VALUE 'CANCELLED';
""")
    assert codes(diags) == []
    status = db.table("email").column("status").type
    assert status.enum_values == ("SCHEDULED", "QUEUED", "SENT", "BOUNCED", "CANCELLED")


def test_add_constraint_using_index(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE jobs (id int, name text, ns int);
CREATE UNIQUE INDEX jobs_ns_name ON jobs (ns, name);
ALTER TABLE jobs ADD CONSTRAINT unique_jobs_ns_name UNIQUE USING INDEX jobs_ns_name;
CREATE UNIQUE INDEX jobs_id ON jobs (id);
ALTER TABLE jobs ADD CONSTRAINT jobs_pkey PRIMARY KEY USING INDEX jobs_id;
ALTER TABLE jobs DROP CONSTRAINT unique_jobs_ns_name;
""")
    assert codes(diags) == []
    jobs = db.table("jobs")
    assert jobs.primary_key == ("id",) and jobs.uniques == () and jobs.indexes == ()


def test_create_table_as_select_copies_the_columns(parse_sql):
    db, diags = parse_sql("""
CREATE TABLE io (id int PRIMARY KEY, kind text NOT NULL DEFAULT 'in', job int);
CREATE TABLE inputs AS SELECT * FROM io WHERE kind = 'INPUT';
CREATE TABLE renamed AS SELECT id AS io_id, job FROM io;
ALTER TABLE inputs ADD COLUMN job_uuid uuid;
""")
    assert codes(diags) == ["CC309", "CC309"]  # copies have no primary key, as in PostgreSQL
    inputs = db.table("inputs")
    assert [c.name for c in inputs.columns] == ["id", "kind", "job", "job_uuid"]
    assert inputs.column("kind").nullable and inputs.column("kind").default is None
    assert [c.name for c in db.table("renamed").columns] == ["io_id", "job"]
    _, diags = parse_sql("CREATE TABLE io (id int);\nCREATE TABLE x AS SELECT count(*) FROM io;")
    assert "CC310" in codes(diags)


def test_drop_type_cascade_drops_its_columns(parse_sql):
    db, diags = parse_sql("""
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, feeling mood, history mood[], name text);
DROP TYPE mood CASCADE;
""")
    assert codes(diags) == []
    assert [c.name for c in db.table("people").columns] == ["id", "name"]


def test_mysql_implicit_names(parse_sql):
    db, diags = parse_sql(
        """CREATE TABLE a (id INT PRIMARY KEY);
CREATE TABLE t (id INT PRIMARY KEY, a_id INT, b_id INT, code VARCHAR(9) UNIQUE,
  FOREIGN KEY (a_id) REFERENCES a (id), FOREIGN KEY (b_id) REFERENCES a (id));
ALTER TABLE t DROP FOREIGN KEY t_ibfk_2;
ALTER TABLE t DROP INDEX code;
ALTER TABLE t DROP PRIMARY KEY;
""",
        dialect="mysql",
    )
    assert codes(diags) == ["CC309"]
    t = db.table("t")
    assert [fk.columns for fk in t.foreign_keys] == [("a_id",)]
    assert t.uniques == () and t.primary_key == ()
