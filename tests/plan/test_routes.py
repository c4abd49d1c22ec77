"""The route table every target registers its routes in."""

from __future__ import annotations

from itertools import permutations

from compiler.diagnostics import Location
from compiler.ir.api import Api, Operation, OperationKind
from compiler.plan.routes import captures, route_table


def _api(*routes: tuple[str, str]) -> Api:
    ops = tuple(
        Operation(f"{m}{i}", m, p, OperationKind.CUSTOM, Location("spec", 1, 1), "r")
        for i, (m, p) in enumerate(routes)
    )
    return Api("t", "1", "3.1.0", "", ops)


def test_a_literal_segment_is_tried_before_the_template_that_would_capture_it() -> None:
    paths = ["/articles/{slug}", "/articles/feed", "/articles", "/articles/{slug}/comments"]
    for order in permutations(paths):
        table = route_table(_api(*(("get", p) for p in order)))
        assert [r.path for r in table] == [
            "/articles",
            "/articles/feed",
            "/articles/{slug}",
            "/articles/{slug}/comments",
        ]


def test_every_route_that_would_capture_another_comes_after_it() -> None:
    paths = ["/a/{x}/c", "/a/b/{y}", "/a/b/c", "/{any}/b/c", "/a/{x}/{y}", "/z"]
    table = [r.path for r in route_table(_api(*(("get", p) for p in paths)))]
    for i, general in enumerate(table):
        assert not any(captures(general, specific) for specific in table[i + 1 :]), table


def test_each_path_appears_once_with_its_allow_header() -> None:
    table = route_table(_api(("post", "/pets"), ("get", "/pets"), ("delete", "/pets/{id}")))
    assert [(r.path, r.allow, [o.method for o in r.operations]) for r in table] == [
        ("/pets", ("GET", "POST"), ["get", "post"]),
        ("/pets/{id}", ("DELETE",), ["delete"]),
    ]


def test_captures_needs_equal_length_and_a_template_where_they_differ() -> None:
    assert captures("/a/{x}", "/a/b")
    assert not captures("/a/b", "/a/{x}")
    assert not captures("/a/{x}", "/a/b/c")
    assert not captures("/a/{x}", "/a/{x}")
    assert not captures("/a/{x}", "/a/{y}")  # the same route spelled twice: neither goes first
