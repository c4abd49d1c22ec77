"""The FastAPI target's one naming module: every hostile spec name becomes a safe, readable identifier."""

from __future__ import annotations

import keyword

import pytest

from emitters.fastapi.naming import (
    CLASS_RESERVED,
    FUNCTION_RESERVED,
    HANDLER_RESERVED,
    MODEL_FIELD_RESERVED,
    Scope,
    field_name,
    pascal,
    schema_class,
    snake,
    table_variables,
)


@pytest.mark.parametrize(
    ("spec", "python"),
    [
        ("petId", "pet_id"),
        ("HTTPStatus", "http_status"),
        ("class", "class_"),
        ("self", "self_"),
        ("2fa", "n_2fa"),
        ("größe", "größe"),
        ("名前", "名前"),
        ("__proto__", "proto"),
        ("user-id", "user_id"),
        ("", "value"),
    ],
)
def test_snake(spec: str, python: str) -> None:
    assert snake(spec) == python
    assert snake(spec).isidentifier() and not keyword.iskeyword(snake(spec))


def test_pascal_never_yields_a_keyword_or_a_lower_case_name() -> None:
    assert pascal("new-pet") == "NewPet"
    assert pascal("true") == "TrueValue"
    assert pascal("None") == "NoneValue"
    assert pascal("1st") == "N1st"
    assert pascal("名前") == "名前Type"  # a caseless script would read like the field `名前`


def test_pydantic_fields_keep_out_of_the_model_namespace() -> None:
    assert field_name("model_dump") == "field_model_dump"
    assert field_name("modelConfig") == "field_model_config"
    scope = Scope(MODEL_FIELD_RESERVED)
    assert [scope.claim(field_name(n)) for n in ("date", "json", "int", "type", "id")] == [
        "date_",
        "json_",
        "int_",
        "type",
        "id",
    ]


def test_a_scope_gives_each_name_once() -> None:
    scope = Scope(MODEL_FIELD_RESERVED)
    names = [scope.claim(snake(n)) for n in ("userId", "user_id", "user-id", "UserID")]
    assert names == ["user_id", "user_id_2", "user_id_3", "user_id_4"]


def test_handler_parameters_do_not_shadow_what_the_handler_uses() -> None:
    scope = Scope(HANDLER_RESERVED)
    assert [scope.claim(snake(n)) for n in ("service", "where", "body", "request", "ctx")] == [
        "service_",
        "where_",
        "body_",
        "request_",
        "ctx",
    ]


def test_module_level_names_do_not_replace_builtins_or_imports() -> None:
    functions = Scope(FUNCTION_RESERVED)
    assert [functions.claim(snake(n)) for n in ("list", "delete", "for", "render")] == [
        "list_",
        "delete",
        "for_",
        "render_",
    ]
    assert table_variables(("type", "order", "class", "user_id", "userId")) == {
        "type": "type_",
        "order": "order",
        "class": "class_",
        "user_id": "user_id",
        "userId": "user_id_2",
    }
    assert schema_class("Response") == "ResponseSchema"
    assert schema_class("Error") == "Error"
    assert "Request" in CLASS_RESERVED
