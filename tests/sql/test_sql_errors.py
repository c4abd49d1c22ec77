"""Bad and hostile SQL: located diagnostics, never an exception."""

from __future__ import annotations

import pytest
from sql_test_helpers import codes


def _only(diags, code):
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} in {[(d.code, d.message) for d in diags]}"
    return found[0]


def test_misspelled_type_has_hint_with_close_names(parse_sql):
    _, diags = parse_sql(
        "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (\n  id int PRIMARY KEY,\n  m moood,\n  n integr\n);"
    )
    errors = [d for d in diags if d.code == "CC303"]
    assert [(d.location.line, d.location.column) for d in errors] == [(4, 5), (5, 5)]
    assert "mood" in errors[0].hint and "integer" in errors[1].hint


def test_duplicate_table_and_column(parse_sql):
    _, diags = parse_sql(
        "CREATE TABLE t (id int PRIMARY KEY, a int, a text);\n\nCREATE TABLE T (id int);"
    )
    assert _only(diags, "CC305").location.line == 1 and _only(diags, "CC305").location.column == 44
    duplicate = _only(diags, "CC304")
    assert duplicate.location.line == 3 and ":1" in duplicate.hint


def test_foreign_key_to_unknown_table_and_column(parse_sql):
    db, diags = parse_sql("""CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY,
  x int REFERENCES aa (id),
  y int REFERENCES a (nope));""")
    lines = sorted(d.location.line for d in diags if d.code == "CC307")
    assert lines == [3, 4] and db.table("b").foreign_keys == ()


def test_no_tables_and_no_primary_key(parse_sql):
    _, diags = parse_sql("-- nothing here\nSET x = 1;")
    assert codes(diags) == ["CC308"]
    _, diags = parse_sql("CREATE TABLE log (msg text);")
    assert codes(diags) == ["CC309"] and diags[-1].location.line == 1


def test_parse_error_is_located(parse_sql):
    _, diags = parse_sql(
        "CREATE TABLE ok (id int PRIMARY KEY);\n\nCREATE TABLE t (\n  id int,\n  name text text text\n);"
    )
    error = _only(diags, "CC301")
    assert error.location.line == 5 and error.is_error


def test_unsupported_table_syntax_is_cc310(parse_sql):
    db, diags = parse_sql("CREATE TABLE t (id int PRIMARY KEY)\n  WITH FOO BAR;")
    warning = _only(diags, "CC310")
    assert warning.location.line == 2 and db.table("t") is not None
    _, diags = parse_sql("CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t ADD FOOBAR BAZ QUX;")
    assert any(d.code in ("CC310", "CC301") and d.location.line == 2 for d in diags)


def test_keyword_extension_type_is_read(parse_sql):
    db, diags = parse_sql(
        "CREATE TABLE toc (\n  id int PRIMARY KEY, -- key, see x\n  toc CUBE,\n  n int\n);"
    )
    assert codes(diags) == [] and db.table("toc").column("n").location.line == 4


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        ";;;",
        "garbage garbage garbage",
        "CREATE TABLE",
        "CREATE TABLE (",
        "CREATE TABLE t (",
        "CREATE TABLE t (a int",
        "CREATE TABLE t (a 'unterminated",
        'CREATE TABLE "t (a int);',
        "$$ never closed",
        "/* never closed",
        "CREATE TABLE t (a int) PARTITION OF",
        "ALTER TABLE",
        "CREATE INDEX ON",
        "DROP TABLE",
        "CREATE TYPE x AS ENUM (",
        "CREATE DOMAIN",
        "\\",
        "CREATE TABLE t (a int REFERENCES)",
        "CREATE TABLE t (a int, PRIMARY KEY (b))",
        "CREATE TABLE t (" + "(" * 3000 + ")",
        "CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t RENAME TO t;",
        "CREATE TABLE t AS SELECT 1",
        "CREATE TABLE c PARTITION OF nothing FOR VALUES IN (1)",
    ],
)
def test_hostile_text_never_raises(parse_sql, text):
    db, diags = parse_sql(text)
    assert db is not None
    assert all(d.location.file.endswith("schema.sql") for d in diags)


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02binary", b"\xff\xfe\xfa not utf8", bytes(range(256)) * 4]
)
def test_binary_content_is_cc002(parse_sql, data):
    db, diags = parse_sql(data)
    assert "CC002" in codes(diags) and db.tables == ()


def test_missing_file_and_unknown_dialect(tmp_path):
    from compiler.diagnostics import DiagnosticSink
    from compiler.sql import parse_schema

    sink = DiagnosticSink()
    parse_schema([str(tmp_path / "nope.sql")], "postgres", sink)
    assert "CC001" in codes(sink.sorted())
    sink = DiagnosticSink()
    parse_schema([str(tmp_path / "nope.sql")], "oracle", sink)
    assert codes(sink.sorted()) == ["CC301"]
