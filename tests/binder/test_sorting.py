"""Sort parameters of lists: which values they accept and what each orders by (`Operation.sorting`)."""

from __future__ import annotations

from typing import Any

from builders import bind, database, document, ok

from compiler.ir.api import SortDirection, Sorting

BOOK = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "createdAt": {"type": "string", "format": "date-time"},
        "tags": {"type": "object"},
    },
}
SQL = """CREATE TABLE books (
    id SERIAL PRIMARY KEY, title TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, tags JSONB
);"""
ASC, DESC = SortDirection.ASC, SortDirection.DESC


def _sorting(*params: dict[str, Any]) -> Sorting | None:
    listing = {
        "parameters": list(params),
        **ok({"type": "array", "items": {"$ref": "#/components/schemas/Book"}}),
    }
    api, _ = bind(document({"/books": {"get": listing}}, {"Book": BOOK}), database(SQL))
    (operation,) = api.operations
    return operation.sorting


def _query(name: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "string", **schema}}


def test_a_free_sort_accepts_every_sortable_field_in_five_spellings() -> None:
    sorting = _sorting(_query("sort"))
    assert sorting is not None and sorting.parameter == "sort" and sorting.many
    accepted = {item.text: (item.column, item.direction) for item in sorting.items}
    assert accepted["-createdAt"] == ("created_at", DESC)
    assert accepted["title:asc"] == ("title", ASC)
    assert accepted["id"] == ("id", None)
    assert not any(text.lstrip("+-").startswith("tags") for text in accepted)  # JSON: unsortable
    assert len(accepted) == 15


def test_an_enum_lists_exactly_what_is_accepted() -> None:
    sorting = _sorting(_query("sortBy", enum=["-createdAt", "title", "title:desc", "id_asc"]))
    assert sorting is not None and not sorting.many
    assert [(i.text, i.column, i.direction) for i in sorting.items] == [
        ("-createdAt", "created_at", DESC),
        ("title", "title", None),
        ("title:desc", "title", DESC),
        ("id_asc", "id", ASC),
    ]


def test_an_enum_value_naming_no_field_leaves_the_parameter_unbound() -> None:
    assert _sorting(_query("sort", enum=["title", "popularity"])) is None


def test_a_separate_order_parameter_gives_the_direction() -> None:
    sorting = _sorting(_query("order_by"), _query("order", enum=["asc", "desc"]))
    assert sorting is not None and (sorting.parameter, sorting.order_parameter) == (
        "order_by",
        "order",
    )
    untyped = _sorting(_query("sort"), _query("order"))
    assert untyped is not None and untyped.order_parameter == "order"


def test_order_alone_sorts_unless_it_lists_directions() -> None:
    alone = _sorting(_query("order"))
    assert alone is not None and alone.parameter == "order"
    assert _sorting(_query("order", enum=["asc", "desc"])) is None


def test_a_sort_parameter_naming_a_column_is_a_filter() -> None:
    listing = {
        "parameters": [_query("sort")],
        **ok({"type": "array", "items": {"$ref": "#/components/schemas/Book"}}),
    }
    api, _ = bind(
        document({"/books": {"get": listing}}, {"Book": BOOK}),
        database(SQL.replace("tags JSONB", "tags JSONB, sort TEXT")),
    )
    assert api.operations[0].sorting is None


def test_a_one_of_of_string_enums_lists_the_values() -> None:
    one_of = {"oneOf": [{"type": "string", "enum": ["title"]}, {"type": "string", "enum": ["-id"]}]}
    sorting = _sorting({"name": "sort", "in": "query", "schema": one_of})
    assert sorting is not None
    assert [(i.text, i.column, i.direction) for i in sorting.items] == [
        ("title", "title", None),
        ("-id", "id", DESC),
    ]
