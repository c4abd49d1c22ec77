"""JSON positions found per pointer: a member at its key, an item at its first character."""

from __future__ import annotations

import pytest

from compiler.openapi.positions import JsonPositions

TEXT = """\
{
  "openapi": "3.1.0",
  "paths": {
    "/a/{id}": {"get": {"tags": ["x", "y\\"z", {"k": [1, 2]}]}},
    "a~b": 1,
    "\\u00e9t\\u00e9": {"deep": null}
  },
  "dup": 1,
  "dup": [ ],
  "": {"empty key": true}
}
"""


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        ("", (1, 1)),
        ("/openapi", (2, 3)),
        ("/paths", (3, 3)),
        ("/paths/~1a~1{id}", (4, 5)),
        ("/paths/~1a~1{id}/get/tags/0", (4, 34)),
        ("/paths/~1a~1{id}/get/tags/1", (4, 39)),
        ("/paths/~1a~1{id}/get/tags/2/k/1", (4, 57)),
        ("/paths/a~0b", (5, 5)),
        ("/paths/été/deep", (6, 23)),
        ("/dup", (9, 3)),  # the last duplicate, as json.loads keeps it
        ("/", (10, 3)),
        ("//empty key", (10, 8)),
    ],
)
def test_located_at_key_or_first_character(pointer: str, position: tuple[int, int]) -> None:
    assert JsonPositions(TEXT).nearest(pointer) == position


@pytest.mark.parametrize(
    ("pointer", "ancestor"),
    [
        ("/paths/~1a~1{id}/get/tags/3", (4, 25)),  # past the end: the array's member
        ("/paths/~1a~1{id}/get/tags/01", (4, 25)),  # not a canonical index
        ("/paths/~1a~1{id}/get/tags/x", (4, 25)),  # a key into an array
        ("/openapi/nothing", (2, 3)),  # below a scalar
        ("/paths/a~b", (3, 3)),  # `~b` is no escape: no such key
        ("/missing/deeper", (1, 1)),
        ("/dup/0", (9, 3)),  # an empty array has no items
    ],
)
def test_a_missing_node_falls_back_to_its_nearest_ancestor(
    pointer: str, ancestor: tuple[int, int]
) -> None:
    assert JsonPositions(TEXT).nearest(pointer) == ancestor


def test_compact_json_and_crlf_line_ends() -> None:
    text = '{"a":[10,{"b":2}],\r\n"c":"x"}'
    positions = JsonPositions(text)
    assert positions.nearest("/a/1/b") == (1, 11)
    assert positions.nearest("/c") == (2, 1)
