"""A string's real bound against VARCHAR(n): maxLength, enum, anchored pattern, fixed-size format."""

from __future__ import annotations

import pytest
from test_typecheck_rules import check

from compiler.ir.shapes import Constraints, Shape, ShapeKind
from compiler.typecheck.string_bounds import max_string_length, pattern_max_length


@pytest.mark.parametrize(
    ("pattern", "longest"),
    [
        ("^[0-9]{13}$", 13),
        ("^(ab|c)?x$", 3),
        ("^\\p{L}{1,5}$", 5),  # ECMA's Unicode classes, which `re` rejects, count as one character
        ("^[a-z]+$", None),  # unbounded repetition
        ("[0-9]{13}", None),  # not anchored: matches inside longer strings
        ("^[0-9]{13}", None),  # anchored at the start only
        ("^(unclosed$", None),  # cannot be parsed: unbounded
    ],
)
def test_pattern_max_length(pattern: str, longest: int | None) -> None:
    assert pattern_max_length(pattern) == longest


def test_the_tightest_bound_wins() -> None:
    shape = Shape(
        ShapeKind.STRING, format="uuid", constraints=Constraints(max_length=100, pattern="^.{40}$")
    )
    assert max_string_length(shape) == 36
    assert max_string_length(Shape(ShapeKind.STRING, enum=("a", "bbb", None))) == 3
    assert max_string_length(Shape(ShapeKind.STRING, format="date-time")) is None
    assert max_string_length(Shape(ShapeKind.STRING)) is None


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "pattern": "^[0-9]{13}$"},
        {"type": "string", "enum": ["short", "thirteen-char"]},
        {"type": "string", "format": "date"},
        {"type": "string", "format": "ipv4", "maxLength": 13},  # the tighter bound counts
    ],
)
def test_bounded_strings_that_fit_are_clean(schema: dict) -> None:
    found = check({"code": schema}, "code VARCHAR(13)")
    assert not {"CC104", "CC114"} & set(found)


@pytest.mark.parametrize(
    ("schema", "because"),
    [
        ({"type": "string", "pattern": "^[0-9]{14}$"}, "pattern of at most 14 characters"),
        ({"type": "string", "enum": ["fourteen-chars"]}, "enum values up to 14 characters"),
        ({"type": "string", "format": "uuid"}, "format uuid (36 characters)"),
    ],
)
def test_strings_that_can_be_longer_are_errors(schema: dict, because: str) -> None:
    (finding,) = check({"code": schema}, "code VARCHAR(13)")["CC104"]
    assert finding.message == f"property 'code': {because} exceeds VARCHAR(13) of things.code"


def test_unbounded_string_is_a_warning_naming_property_and_column() -> None:
    (finding,) = check({"title": {"type": "string", "format": "date-time"}}, "title VARCHAR(20)")[
        "CC114"
    ]
    assert (
        finding.message == "property 'title' has no maximum length but things.title is VARCHAR(20)"
    )
    assert not finding.is_error
