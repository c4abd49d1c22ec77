"""Encoding shared subtrees once must give the same text as encoding each copy."""

from __future__ import annotations

import json

import pytest

from compiler.ir import ErrorSlot, ErrorValue
from emitters.common.json_text import indented_json
from emitters.common.memo import PerNode
from emitters.express.literals import literal
from emitters.spring.error_bodies import error_body_node


def _stdlib(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "plain",
        {"a": [], "b": {}, "c": [1, 2.5, -0.0, 1e16, True, False, None]},
        {'é\n"quoted"': "\u2028 \x00 ü", 1: "int key", 2.5: "float key", None: 1, False: [()]},
        [float("nan"), float("inf"), -float("inf"), 10**30],
        {"deep": [[{"x": [[[]]]}]]},
    ],
)
def test_indented_json_is_the_stdlib_text(value: object) -> None:
    assert indented_json(value) == _stdlib(value)


def test_a_subtree_shared_at_several_depths_is_encoded_for_each_depth() -> None:
    shared = {"fields": [["code", {"slot": "status"}], ["message", {"literal": "x"}]]}
    value = {"a": shared, "b": [shared, {"c": shared}], "d": [[shared]]}
    assert indented_json(value) == _stdlib(value)


def test_indented_json_rejects_what_json_cannot_encode() -> None:
    with pytest.raises(TypeError):
        indented_json({"a": object()})


def test_per_node_keeps_equal_but_distinct_values_apart() -> None:
    one, true = ErrorValue(literal=1), ErrorValue(literal=True)
    assert one == true  # why the cache is keyed by identity
    node = PerNode(error_body_node)
    assert node(one) == {"literal": 1} and node(true) == {"literal": True}
    assert node(true)["literal"] is True


def test_per_node_converts_a_shared_node_once() -> None:
    calls = []

    def convert(value: ErrorValue) -> dict[str, object]:
        calls.append(value)
        return error_body_node(value)

    shared = ErrorValue(fields=(("status", ErrorValue(slot=ErrorSlot.STATUS)),))
    node = PerNode(convert)
    assert node(shared) is node(shared)
    assert len(calls) == 1


def test_express_literal_prints_a_shared_object_like_its_copies() -> None:
    shared = {"type": "about:blank", "items": [1, 2, {"deep": ["x" * 70]}], "ok": []}
    copies = {"a": json.loads(json.dumps(shared)), "b": [json.loads(json.dumps(shared))]}
    assert literal({"a": shared, "b": [shared]}, prefix="x = ") == literal(copies, prefix="x = ")
