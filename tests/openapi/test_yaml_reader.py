"""The YAML reader: JSON data model, keys as written, and refusal of hostile input."""

from __future__ import annotations

import math

import pytest
import yaml

from compiler.openapi import yaml_reader
from compiler.openapi.limits import MAX_DEPTH
from compiler.openapi.source_error import SourceError
from compiler.openapi.yaml_reader import read_yaml


def data(text: str) -> object:
    return read_yaml(text).data


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    assert data(
        "a: 1\nb: -2.5\nc: true\nd: ~\ne: yes\nf: 2020-01-01\ng: '1'\nh: 0x1F\ni: .inf\nj: 1e3\n"
        "k: 3.0.1\nl:\n"
    ) == {
        "a": 1,
        "b": -2.5,
        "c": True,
        "d": None,
        "e": "yes",
        "f": "2020-01-01",
        "g": "1",
        "h": 31,
        "i": math.inf,
        "j": 1000.0,
        "k": "3.0.1",
        "l": None,
    }


def test_explicit_tags() -> None:
    assert data("a: !!str 200\nb: !!int '7'\nc: !!float 1\nd: !!binary aGk=\n") == {
        "a": "200",
        "b": 7,
        "c": 1.0,
        "d": "aGk=",
    }


def test_keys_are_strings_as_written() -> None:
    assert data("200: ok\n2XX: ok\ntrue: t\n1.50: x\n~: n\n") == {
        "200": "ok",
        "2XX": "ok",
        "true": "t",
        "1.50": "x",
        "~": "n",
    }


def test_merge_keys_and_aliases() -> None:
    loaded = data(
        "base: &b {type: string, maxLength: 3}\nname:\n  <<: *b\n  maxLength: 9\nother: *b\n"
    )
    assert loaded == {
        "base": {"type": "string", "maxLength": 3},
        "name": {"type": "string", "maxLength": 9},
        "other": {"type": "string", "maxLength": 3},
    }


def test_duplicate_key_is_a_warning_and_the_last_wins() -> None:
    value, warnings, _ = read_yaml("a: 1\nb: 2\na: 3\n")
    assert value == {"a": 3, "b": 2}
    assert [(w.code, w.line, w.column) for w in warnings] == [("CC007", 3, 1)]


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    with pytest.raises(SourceError) as caught:
        read_yaml("\n".join(lines))
    assert caught.value.code == "CC004"
    assert "alias bomb" in caught.value.message
    assert caught.value.line == 7  # stopped at a6, long before a9 would expand


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml("info: &a\n  title: t\n  self: *a\n")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("CC004", 3, 9)


LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 3000 + "]" * 3000,  # libyaml refuses this while scanning ahead
        "x: " + "[" * 300 + "]" * 300,  # deeper than ours, within libyaml's own limit
        "".join("  " * depth + f"k{depth}:\n" for depth in range(1200)) + "  " * 1200 + "v: 1\n",
    ],
    ids=["flow-3000", "flow-300", "block-1200"],
)
def test_absurd_nesting_is_refused_whichever_parser_notices(
    monkeypatch: pytest.MonkeyPatch, loader: type, text: str
) -> None:
    monkeypatch.setattr(yaml_reader, "YAML_LOADER", loader)
    with pytest.raises(SourceError) as caught:
        read_yaml(text)
    assert caught.value.code == "CC004"
    assert caught.value.message == f"document nested deeper than {MAX_DEPTH} levels"
    assert caught.value.line >= 1


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2),
        ("a: 1\n b: 2\n", 2, 3),
        ("a: *nothing\n", 1, 4),
        ("a: 1\n---\nb: 2\n", 2, 1),
        ("? [a, b]\n: c\n", 1, 8),
    ],
)
def test_syntax_errors_carry_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("CC003", line, column)


def test_flow_collection_indented_less_than_its_key_is_a_syntax_error() -> None:
    good = 'a:\n  value: {\n    "x": 1\n  }\n'
    assert data(good) == {"a": {"value": {"x": 1}}}
    with pytest.raises(SourceError) as caught:
        read_yaml('a:\n  value: {\n    "x": 1\n }\n')
    assert (caught.value.code, caught.value.line) == ("CC003", 4)


def test_the_parse_records_where_each_node_was_written() -> None:
    text = (
        "base: &b\n"  # 1
        "  kind: x\n"  # 2
        "copy:\n"  # 3
        "  <<: *b\n"  # 4
        "  own: 1\n"  # 5
        "list:\n"  # 6
        "  - *b\n"  # 7
        "  - {a~/b: [1, 2]}\n"  # 8
        "dup: 1\n"  # 9
        "dup: 2\n"  # 10
        "&k key: v\n"  # 11
        "again: {*k : w}\n"  # 12
    )
    at = read_yaml(text).positions.nearest
    assert at("/base") == (1, 1) and at("/base/kind") == (2, 3)
    assert at("/copy/own") == (5, 3)
    assert at("/copy/kind") == at("/copy/<<") == (3, 1)  # merged: located at the mapping
    assert at("/list/0") == (7, 5) and at("/list/0/kind") == (7, 5)  # an alias has no inside
    assert at("/list/1") == (8, 5) and at("/list/1/a~0~1b/1") == (8, 16)
    assert at("/dup") == (9, 1)  # the first of duplicate keys
    assert at("/again/key") == (12, 9)
    assert at("/nothing/here") == (1, 1)
