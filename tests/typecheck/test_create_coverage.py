"""Can a create fill every NOT NULL column? CC102, CC112, lifecycle timestamps, server_filled."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_typecheck_rules import check

from compiler.binder.naming import is_lifecycle_timestamp
from compiler.diagnostics import Diagnostic
from compiler.pipeline import compile_contract

POSTS_SQL = """CREATE TABLE posts (
  id SERIAL PRIMARY KEY,
  title TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  slug TEXT NOT NULL
);"""


def compile_posts(
    tmp_path: Path, post_schema: dict, mapping: dict | None = None, schemas: dict | None = None
) -> list[Diagnostic]:
    ref = {"$ref": "#/components/schemas/Post"}
    body = {"content": {"application/json": {"schema": ref}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/posts": {
                "post": {"requestBody": body, "responses": {"201": {"description": "ok", **body}}}
            }
        },
        "components": {"schemas": {"Post": post_schema, **(schemas or {})}},
    }
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (tmp_path / "schema.sql").write_text(POSTS_SQL, encoding="utf-8")
    mapping_path = None
    if mapping is not None:
        mapping_path = str(tmp_path / "mapping.yaml")
        Path(mapping_path).write_text(yaml.safe_dump(mapping), encoding="utf-8")
    result = compile_contract(
        str(tmp_path / "openapi.yaml"), [str(tmp_path / "schema.sql")], mapping_path=mapping_path
    )
    return [d for d in result.diagnostics if d.code in ("CC102", "CC112", "CC402", "CC006")]


POST = {
    "type": "object",
    "required": ["title"],
    "properties": {"id": {"type": "integer", "readOnly": True}, "title": {"type": "string"}},
}


def test_columns_nothing_fills_are_errors(tmp_path: Path) -> None:
    found = compile_posts(tmp_path, POST)
    assert sorted(d.message.split()[-1] for d in found if d.is_error) == [
        "posts.author_id",
        "posts.slug",
    ]


def test_server_filled_in_the_mapping_file(tmp_path: Path) -> None:
    mapping = {"tables": {"posts": {"server_filled": ["author_id", "slug"]}}}
    assert compile_posts(tmp_path, POST, mapping) == []


def test_server_filled_in_the_spec(tmp_path: Path) -> None:
    schema = {**POST, "x-contractc-server-filled": ["author_id", "slug"]}
    assert compile_posts(tmp_path, schema) == []


def test_server_filled_unknown_column_is_cc402(tmp_path: Path) -> None:
    schema = {**POST, "x-contractc-server-filled": ["author_id", "slug", "nope"]}
    (finding,) = compile_posts(tmp_path, schema)
    assert finding.code == "CC402" and "posts.nope" in finding.message


def test_malformed_tables_section_is_cc006(tmp_path: Path) -> None:
    found = compile_posts(tmp_path, POST, {"tables": {"posts": {"server_filled": "slug"}}})
    assert [d.code for d in found if d.code in ("CC006", "CC402")] == ["CC006"]


def test_optional_property_for_not_null_column_is_cc112() -> None:
    found = check({"code": {"type": "string"}}, "code TEXT NOT NULL")
    (finding,) = found["CC112"]
    assert finding.is_error and "'code'" in finding.message and "things.code" in finding.message
    assert not finding.location.file.endswith("schema.sql")  # at the property, not the column
    assert "CC112" not in check({"code": {"type": "string"}}, "code TEXT NOT NULL", ["code"])
    assert "CC112" not in check({"code": {"type": "string", "default": "x"}}, "code TEXT NOT NULL")
    assert "CC112" not in check({"code": {"type": "string"}}, "code TEXT NOT NULL DEFAULT 'x'")


def test_lifecycle_timestamp_without_default_is_a_warning() -> None:
    name = {"name": {"type": "string"}}
    (finding,) = check(name, "name TEXT, created_at TIMESTAMPTZ NOT NULL")["CC102"]
    assert not finding.is_error and "trigger" in finding.message
    (finding,) = check(name, "name TEXT, created_by INTEGER NOT NULL")["CC102"]
    assert finding.is_error


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("created_at", True),
        ("modified", True),
        ("utcDateModified", True),
        ("date_created", True),
        ("updatedOn", True),
        ("created_by", False),
        ("creator", False),
        ("expires_at", False),
    ],
)
def test_lifecycle_timestamp_names(name: str, expected: bool) -> None:
    assert is_lifecycle_timestamp(name) is expected


def test_a_column_a_trigger_fills_is_no_finding() -> None:
    trigger = (
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.code := 'x'; RETURN NEW; END $$ "
        "LANGUAGE plpgsql;\n"
        "CREATE TRIGGER t BEFORE INSERT ON things FOR EACH ROW EXECUTE FUNCTION f();"
    )
    found = check({"name": {"type": "string"}}, "name TEXT, code TEXT NOT NULL", extra_sql=trigger)
    assert "CC102" not in found
    assert "CC102" in check({"name": {"type": "string"}}, "name TEXT, code TEXT NOT NULL")


def test_default_beside_a_referenced_schema_fills_the_column(tmp_path: Path) -> None:
    """`slug: {allOf: [$ref: Slug], default: …}` is how OpenAPI 3.0 puts a default on a reference:
    the server applies it, so the NOT NULL column is filled (no CC112); without it, CC112."""
    schemas = {"Slug": {"type": "string", "pattern": "^[a-z-]+$"}}
    slug = {"allOf": [{"$ref": "#/components/schemas/Slug"}]}
    post = {**POST, "properties": {**POST["properties"], "slug": slug}}
    mapping = {"tables": {"posts": {"server_filled": ["author_id"]}}}
    found = compile_posts(tmp_path, post, mapping, schemas)
    assert [(d.code, "posts.slug," in d.message) for d in found] == [("CC112", True)]
    post["properties"]["slug"] = {**slug, "default": "draft"}
    assert compile_posts(tmp_path, post, mapping, schemas) == []
