"""CC115: a required envelope property the generated servers cannot fill."""

from __future__ import annotations

from typing import Any

from builders import bind, database, document, json_body

from compiler.diagnostics import Diagnostic
from compiler.typecheck import typecheck

THING = {"type": "object", "properties": {"id": {"type": "integer"}}}
SQL = "CREATE TABLE things (id SERIAL PRIMARY KEY);"


def _cc115(envelope: dict[str, Any]) -> list[Diagnostic]:
    doc = document(_listing(envelope), {"Thing": THING})
    db = database(SQL)
    api, sink = bind(doc, db)
    typecheck(api, db, doc, sink)
    return [d for d in sink.sorted() if d.code == "CC115"]


def _listing(envelope: dict[str, Any]) -> dict[str, Any]:
    return {
        "/things": {"get": {"responses": {"200": {"description": "ok", **json_body(envelope)}}}}
    }


def _page(required: list[str], **extra: dict[str, Any]) -> dict[str, Any]:
    items = {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
    return {
        "type": "object",
        "required": required,
        "properties": {"items": items, "total": {"type": "number"}, **extra},
    }


def test_data_and_a_total_typed_number_are_filled() -> None:
    assert _cc115(_page(["items", "total"])) == []


def test_a_required_has_more_flag_is_reported_at_the_operation() -> None:
    envelope = _page(["items", "hasMore"], hasMore={"type": "boolean"})
    (finding,) = _cc115(envelope)
    assert finding.message == (
        "GET /things cannot fill the required envelope property 'hasMore':"
        " every response would lack it"
    )
    assert not finding.is_error


def test_required_properties_of_outer_wrappers_are_reported_with_their_path() -> None:
    wrapper = {
        "type": "object",
        "required": ["status", "data"],
        "properties": {
            "status": {"type": "string"},
            "data": _page(["items", "next"], next={"type": "string"}),
        },
    }
    found = _cc115(wrapper)
    assert sorted(f.message.split("'")[1] for f in found) == ["data.next", "status"]
