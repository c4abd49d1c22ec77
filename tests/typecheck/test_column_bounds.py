"""Request strings stored in VARCHAR(n) are validated with maxLength n (or the spec's, if tighter)."""

from __future__ import annotations

from typing import Any

from builders import bind, database, document, json_body, op

from compiler.ir.api import Api
from compiler.ir.shapes import Shape
from compiler.typecheck.column_bounds import bound_by_columns

SQL = """
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    title VARCHAR(10) NOT NULL,
    slug VARCHAR(40),
    code CHAR(5),
    body TEXT
);
"""
POST = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "title": {"type": "string"},  # unbounded: CC114
        "slug": {"type": "string", "maxLength": 200},  # looser than its column: CC104
        "code": {"type": "string", "pattern": "^[A-Z]{3}$"},  # 3 long at most: already fits
        "body": {"type": "string"},  # TEXT: no bound
    },
}


def _bounded(paths: dict[str, Any], schemas: dict[str, Any]) -> Api:
    db = database(SQL)
    api, _ = bind(document(paths, schemas), db)
    return bound_by_columns(api, db)


def _lengths(shape: Shape) -> dict[str, int | None]:
    return {p.name: p.shape.constraints.max_length for p in shape.properties}


def _create(schema: dict[str, Any]) -> dict[str, Any]:
    reply = {"201": {"description": "ok", **json_body(schema)}}
    return {"/posts": {"post": {"requestBody": json_body(schema), "responses": reply}}}


def test_a_named_model_gets_its_columns_lengths() -> None:
    api = _bounded(_create({"$ref": "#/components/schemas/Post"}), {"Post": POST})
    (model,) = api.models
    assert _lengths(model.shape) == {
        "id": None,
        "title": 10,
        "slug": 40,
        "code": None,
        "body": None,
    }
    fields = {
        f.property: f.shape.constraints.max_length for f in op(api, "post", "/posts").request_fields
    }
    assert fields["title"] == 10 and fields["slug"] == 40 and fields["body"] is None


def test_an_inline_body_is_bounded_in_place() -> None:
    api = _bounded(_create(POST), {})
    request = op(api, "post", "/posts").request
    assert request is not None and request.shape is not None
    assert _lengths(request.shape)["title"] == 10


def test_an_allof_part_passes_the_bound_to_the_model_it_names() -> None:
    base = {"type": "object", "properties": {"title": {"type": "string"}}}
    schemas = {
        "Base": base,
        "Post": {"oneOf": [{"$ref": "#/components/schemas/Base"}]},
    }
    api = _bounded(_create({"$ref": "#/components/schemas/Post"}), schemas)
    by_name = {m.name: m.shape for m in api.models}
    assert _lengths(by_name["Base"])["title"] == 10


def test_a_spec_that_already_fits_is_unchanged() -> None:
    fitting = {
        "type": "object",
        "properties": {"title": {"type": "string", "maxLength": 8}, "slug": {"enum": ["a", "b"]}},
    }
    db = database(SQL)
    api, _ = bind(document(_create({"$ref": "#/components/schemas/Post"}), {"Post": fitting}), db)
    assert bound_by_columns(api, db) == api
