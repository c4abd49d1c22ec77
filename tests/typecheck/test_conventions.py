"""Storage conventions (booleans as 0/1, epoch timestamps, int64 strings, integer enums): CC113, not CC103."""

from __future__ import annotations

import pytest
from builders import bind, database, document, json_body, ok
from test_typecheck_rules import check

from compiler.ir.api import FieldMode, StorageConvention
from compiler.typecheck import record_conventions


@pytest.mark.parametrize(
    ("schema", "column"),
    [
        ({"type": "boolean"}, "flag INTEGER NOT NULL DEFAULT 0"),
        ({"type": "boolean"}, "flag SMALLINT"),
        ({"type": "string", "format": "date-time"}, "flag BIGINT"),
        ({"type": "string", "format": "date"}, "flag INTEGER"),
        ({"type": "string", "format": "int64"}, "flag BIGINT"),
        ({"type": "string", "enum": ["draft", "live"]}, "flag SMALLINT"),
    ],
)
def test_conventions_are_warnings_not_type_errors(schema: dict, column: str) -> None:
    found = check({"flag": schema}, column)
    assert "CC103" not in found
    assert all(not d.is_error for d in found["CC113"])


def test_enum_stored_as_integer_says_the_mapping_to_write() -> None:
    found = check({"state": {"type": "string", "enum": ["draft", "live"]}}, "state INTEGER")
    assert found["CC113"][0].hint.endswith("draft=0, live=1")


def test_real_mismatches_stay_errors() -> None:
    assert "CC103" in check({"flag": {"type": "boolean"}}, "flag TEXT")
    assert "CC103" in check({"flag": {"type": "string"}}, "flag INTEGER")
    assert "CC103" in check({"flag": {"type": "string", "format": "date-time"}}, "flag TEXT[]")


def test_the_conversion_is_recorded_on_the_field_binding() -> None:
    ref = {"$ref": "#/components/schemas/Flag"}
    schema = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "on": {"type": "boolean"},
            "name": {"type": "string"},
        },
    }
    doc = document(
        {"/flags": {"post": {"requestBody": json_body(ref), **ok(ref, "201")}}}, {"Flag": schema}
    )
    db = database('CREATE TABLE flags (id SERIAL PRIMARY KEY, "on" INTEGER NOT NULL, name TEXT);')
    api, _ = bind(doc, db)
    (operation,) = record_conventions(api, db).operations
    storage = {
        f.property: f.storage for f in operation.request_fields if f.mode is FieldMode.COLUMN
    }
    assert storage == {"id": None, "on": StorageConvention.BOOLEAN_AS_INTEGER, "name": None}


def test_objects_and_arrays_in_text_columns_are_json_text() -> None:
    found = check({"meta": {"type": "object"}, "tags": {"type": "array"}}, "meta TEXT, tags TEXT")
    assert "CC103" not in found
    assert all("objects and arrays stored as JSON text" in d.message for d in found["CC113"])


def test_number_in_an_integer_column_warns_on_input_only() -> None:
    (written,) = check({"n": {"type": "number"}}, "n INTEGER")["CC103"]
    assert not written.is_error
    assert "CC103" not in check({"n": {"type": "number", "readOnly": True}}, "n INTEGER")


def test_unknown_format_is_any_string() -> None:
    (finding,) = check({"ref": {"type": "string", "format": "uuid4"}}, "ref UUID")["CC103"]
    assert not finding.is_error and "format: uuid" in finding.hint
    assert check({"ref": {"type": "string", "format": "email"}}, "ref UUID")["CC103"][0].is_error


def test_any_string_for_a_uuid_key_is_a_warning() -> None:
    (finding,) = check({}, "x TEXT", param={"type": "string"}, key_sql="id UUID PRIMARY KEY")[
        "CC108"
    ]
    assert not finding.is_error
