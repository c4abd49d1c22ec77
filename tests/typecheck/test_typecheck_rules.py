"""typecheck: one small spec + SQL per rule, and the defects contract."""

from __future__ import annotations

from pathlib import Path

from builders import bind, database, document, json_body, ok

from compiler.binder import bind_api
from compiler.diagnostics import DiagnosticSink, Severity
from compiler.openapi.loader import load_document
from compiler.openapi.shapes import build_models
from compiler.sql import parse_schema
from compiler.typecheck import typecheck

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"


def check(
    properties: dict,
    sql_columns: str,
    required: list[str] | None = None,
    param: dict | None = None,
    responses: dict | None = None,
    key_sql: str = "id SERIAL PRIMARY KEY",
    extra_sql: str = "",
) -> dict[str, list]:
    """Bind `POST /things` + `GET /things/{id}` over one schema and return diagnostics by code."""
    schema = {
        "type": "object",
        "properties": {"id": {"type": "integer", "readOnly": True}, **properties},
    }
    if required:
        schema["required"] = required
    ref = {"$ref": "#/components/schemas/Thing"}
    item_param = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": param or {"type": "integer"},
    }
    paths = {
        "/things": {"post": {"requestBody": json_body(ref), **(responses or ok(ref, "201"))}},
        "/things/{id}": {"get": {**ok(ref), "parameters": [item_param]}},
    }
    doc = document(paths, {"Thing": schema})
    db = database(
        f"CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE things ({key_sql}, {sql_columns});\n{extra_sql}"
    )
    api, sink = bind(doc, db)
    typecheck(api, db, doc, sink)
    found: dict[str, list] = {}
    for diagnostic in sink.sorted():
        found.setdefault(diagnostic.code, []).append(diagnostic)
    return found


def test_clean_binding_has_no_findings() -> None:
    found = check(
        {"name": {"type": "string", "maxLength": 20}},
        "name VARCHAR(20) NOT NULL",
        ["name"],
        responses={
            "responses": {
                "201": {"description": "ok", **json_body({"$ref": "#/components/schemas/Thing"})},
                "400": {"description": "bad"},
                "404": {"description": "nf"},
                "409": {"description": "dup"},
            }
        },
    )
    assert set(found) <= {"CC109"}


def test_cc101_property_without_column() -> None:
    assert "CC101" in check({"nickname": {"type": "string"}}, "name TEXT")


def test_cc102_not_null_column_create_cannot_set() -> None:
    found = check({"name": {"type": "string"}}, "name TEXT, code TEXT NOT NULL")
    assert "code" in found["CC102"][0].message
    assert found["CC102"][0].location.file.endswith("schema.sql")


def test_cc103_incompatible_types() -> None:
    assert "CC103" in check({"count": {"type": "string"}}, "count INTEGER")
    assert "CC103" in check({"when": {"type": "string", "format": "date-time"}}, '"when" DATE')
    assert "CC103" not in check({"ref": {"type": "string", "format": "uuid"}}, "ref TEXT")
    assert "CC103" in check({"ratio": {"type": "number"}}, "ratio INTEGER")


def test_cc103_plain_string_for_uuid_column_warns_on_input_only() -> None:
    written = check({"token": {"type": "string"}}, "token UUID")
    (finding,) = written["CC103"]
    assert finding.severity is Severity.WARNING and "format: uuid" in finding.hint
    read_only = check({"token": {"type": "string", "readOnly": True}}, "token UUID")
    assert "CC103" not in read_only


def test_cc104_lengths_and_ranges() -> None:
    unbounded = check({"name": {"type": "string"}}, "name VARCHAR(12)")
    assert "CC104" not in unbounded
    (missing,) = unbounded["CC114"]
    assert missing.severity is Severity.WARNING
    assert missing.hint.startswith("add maxLength: 12")
    (too_long,) = check({"name": {"type": "string", "maxLength": 13}}, "name VARCHAR(12)")["CC104"]
    assert too_long.message == "property 'name': maxLength 13 exceeds VARCHAR(12) of things.name"
    assert "CC104" in check({"n": {"type": "integer", "format": "int64"}}, "n INTEGER")
    assert "CC104" not in check({"n": {"type": "integer"}}, "n INTEGER")
    assert "CC104" in check({"n": {"type": "integer", "maximum": 40000}}, "n SMALLINT")
    assert "CC104" in check({"p": {"type": "number", "maximum": 1000}}, "p NUMERIC(5, 2)")
    assert "CC104" not in check({"p": {"type": "number", "maximum": 999}}, "p NUMERIC(5, 2)")


def test_cc105_cc106_enums() -> None:
    assert "CC105" in check({"m": {"type": "string", "enum": ["happy", "angry"]}}, "m mood")
    assert "CC105" in check({"m": {"type": "string"}}, "m TEXT CHECK (m IN ('a', 'b'))")
    assert "CC106" in check({"m": {"type": "string", "enum": ["happy"]}}, "m mood")
    assert not {"CC105", "CC106"} & set(
        check({"m": {"type": "string", "enum": ["happy", "sad"]}}, "m mood")
    )


def test_cc107_cc111_nullability() -> None:
    assert "CC107" in check(
        {"m": {"type": "string", "nullable": True}}, "m TEXT NOT NULL DEFAULT ''"
    )
    assert "CC111" in check({"m": {"type": "string"}}, "m TEXT", ["m"])


def test_cc108_path_parameter_type() -> None:
    assert "CC108" in check({}, "x TEXT", param={"type": "string"})
    assert "CC108" not in check({}, "x TEXT", param={"type": "integer"})


def test_cc109_undocumented_failure() -> None:
    found = check({"name": {"type": "string"}}, "name TEXT")
    assert any("not_found" in d.message for d in found["CC109"])


def test_defects_contract() -> None:
    folder = CONTRACTS / "defects"
    sink = DiagnosticSink()
    doc = load_document(str(folder / "openapi.yaml"), sink)
    db = parse_schema([str(folder / "schema.sql")], "postgres", sink)
    api = bind_api(doc, build_models(doc, sink), db, None, sink)
    typecheck(api, db, doc, sink)
    codes = {d.code for d in sink.sorted()}
    assert {"CC101", "CC102", "CC103", "CC104", "CC105", "CC106", "CC108", "CC110"} <= codes


def test_clean_contracts_have_no_errors() -> None:
    for name in ("petstore", "clinic"):
        folder = CONTRACTS / name
        sink = DiagnosticSink()
        doc = load_document(str(folder / "openapi.yaml"), sink)
        db = parse_schema([str(folder / "schema.sql")], "postgres", sink)
        api = bind_api(doc, build_models(doc, sink), db, None, sink)
        typecheck(api, db, doc, sink)
        assert [d for d in sink.sorted() if d.is_error] == [], name
