"""The Express target's naming module: every hostile name becomes a usable, distinct identifier."""

from __future__ import annotations

import re

import pytest

from emitters.express.literals import MapLiteral, literal
from emitters.express.naming import (
    file_name,
    is_identifier,
    member_name,
    type_name,
    unique_names,
    value_name,
)
from tests.torture.words import torture_words

_JS_IDENTIFIER = re.compile(r"[^\W\d][\w$]*\Z")
_RESERVED = set(
    """break case catch class const continue debugger default delete do else enum export extends
    false finally for function if import in instanceof new null return super switch this throw true
    try typeof var void while with implements interface let package private protected public static
    yield await eval arguments undefined""".split()
)


@pytest.mark.parametrize("word", torture_words())
def test_every_hostile_word_is_a_usable_value_type_and_file_name(word: str) -> None:
    value = value_name(word)
    assert _JS_IDENTIFIER.match(value) and value not in _RESERVED, value
    assert _JS_IDENTIFIER.match(type_name(word)), type_name(word)
    assert type_name(word) not in {"Record", "Promise", "Object", "String", "Error", "Map"}
    assert re.fullmatch(r"[^\W_][\w-]*", file_name(word)), file_name(word)
    assert file_name(word) not in {"index", "crud", "hooks", "links", "render", "types"}


def test_names_that_convert_alike_stay_apart_in_one_scope() -> None:
    names = [value_name(w) for w in ("userId", "user_id", "user-id", "spec")]
    assert unique_names(names, taken={"spec"}) == ["userId", "userId2", "userId3", "spec2"]


def test_keys_are_quoted_only_when_needed_and_proto_is_computed() -> None:
    assert is_identifier("größe") and is_identifier("$ref") and not is_identifier("2fa")
    assert member_name("user-id") == '"user-id"' and member_name("名前") == "名前"
    text = literal({"__proto__": 1, "default": 2, "user-id": 3, "café": 4})
    assert text.splitlines()[1:5] == [
        '  ["__proto__"]: 1,',
        "  default: 2,",
        '  "user-id": 3,',
        "  café: 4,",
    ]


def test_a_map_literal_takes_any_key_and_states_its_types() -> None:
    table = MapLiteral([("constructor", {"kind": "integer"})], value_type="ColumnSpec")
    assert literal(table, prefix="export const columns = ", suffix=";") == "\n".join(
        [
            "export const columns = new Map<string, ColumnSpec>([",
            "  [",
            '    "constructor",',
            "    {",
            '      kind: "integer",',
            "    },",
            "  ],",
            "]);",
        ]
    )
    assert literal(MapLiteral(value_type="TableSpec")) == "new Map<string, TableSpec>()"
