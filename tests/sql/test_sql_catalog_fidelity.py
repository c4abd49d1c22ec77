"""The DDL contractc writes for PostgreSQL builds the same catalog as the user's own SQL.

Each schema is run twice on a real server, once as the user wrote it and once as
`render_ddl(parse(it), "postgres")`, and the two catalogs (columns, constraints with their names
and definitions, indexes, comments) must be equal. Known, deliberate differences are normalised
first: `now()` is written `CURRENT_TIMESTAMP`, a `SERIAL` column is an identity, and any UUID
generator is `gen_random_uuid()` (built in, no extension needed). Views are not tables: only
tables are compared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler.sql import render_ddl
from tests.pairs import CONTRACTS
from tests.postgres import POSTGRES_ENV, postgres_server_url, run_in_scratch_schema

pytestmark = pytest.mark.postgres

CATALOG = """
SELECT 'column', table_name, column_name, data_type, udt_name, character_maximum_length,
       numeric_precision, numeric_scale, is_nullable,
       CASE WHEN column_default LIKE 'nextval(%' OR is_identity = 'YES' THEN 'assigned'
            ELSE column_default END
  FROM information_schema.columns NATURAL JOIN information_schema.tables
 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 2, 3;
SELECT 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 2, 3;
SELECT 'index', indexname, indexdef FROM pg_indexes i
  JOIN pg_class t ON t.relname = i.tablename AND t.relnamespace = current_schema()::regnamespace
 WHERE schemaname = current_schema() AND t.relkind = 'r' ORDER BY 2;
SELECT 'comment', c.relname, coalesce(a.attname, ''), d.description
  FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
 WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 2, 3;
"""
_SAME_MEANING = (
    (re.compile(r"\bnow\(\)"), "CURRENT_TIMESTAMP"),
    (re.compile(r"\b(?:uuid_generate_v[14]m?c?|gen_random_uuid)\(\)"), "gen_random_uuid()"),
)
CORPUS_SCHEMAS = ("listmonk", "realworld")  # the corpus's PostgreSQL pairs given as one file


def _catalog(url: str, sql: str) -> list[str]:
    rows = run_in_scratch_schema(
        url, f'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\n{sql}\n{CATALOG}'
    ).splitlines()
    for pattern, same in _SAME_MEANING:
        rows = [pattern.sub(same, row) for row in rows]
    return sorted(row for row in rows if row)


def _assert_faithful(sql: str, parse_sql) -> None:
    url = postgres_server_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    database, _ = parse_sql(sql)
    assert _catalog(url, render_ddl(database, "postgres")) == _catalog(url, sql)


@pytest.mark.parametrize("pair", ["petstore", "clinic", "library", "shop", "torture"])
def test_the_example_pairs_build_the_same_catalog(pair: str, parse_sql) -> None:
    _assert_faithful((CONTRACTS / pair / "schema.sql").read_text(encoding="utf-8"), parse_sql)


@pytest.mark.corpus
@pytest.mark.parametrize("pair", CORPUS_SCHEMAS)
def test_real_schemas_build_the_same_catalog(pair: str, corpus: Path, parse_sql) -> None:
    _assert_faithful(
        (corpus / "pairs" / pair / "schema.sql").read_text(encoding="utf-8"), parse_sql
    )
