"""validate_document: every error at its line, the semantic rules, ECMA patterns, the cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openapi_test_helpers import Checked

from compiler.diagnostics import DiagnosticSink
from compiler.openapi import validate as validate_module
from compiler.openapi.cache import cache_dir
from compiler.openapi.loader import load_document
from compiler.openapi.validate import validate_document

Write = Callable[[str, "str | bytes"], Path]
HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"  # two lines


def findings(
    write: Write, check: Callable[..., Checked], text: str, name: str = "api.yaml"
) -> list[tuple[str, int, str]]:
    _, diagnostics = check(write(name, text))
    return [(d.code, d.location.line, d.message) for d in diagnostics]


def test_all_meta_schema_errors_are_reported_at_their_lines(write: Write, check) -> None:
    text = (
        HEAD
        + """\
paths:
  /a:
    get:
      deprecated: 'yes'
      responses:
        '200': {}
  /b:
    get:
      parameters:
        - {name: q, in: query, schema: {type: int}}
      responses:
        default: {description: x}
"""
    )
    found = findings(write, check, text)
    assert [(code, line) for code, line, _ in found] == [("CC201", 6), ("CC201", 8), ("CC201", 12)]
    assert "expected boolean, found string" in found[0][2]
    assert "description" in found[1][2]
    assert "int" in found[2][2]


def test_parameter_error_names_the_real_mistake(write: Write, check) -> None:
    text = (
        HEAD + "paths:\n  /a/{id}:\n    get:\n      parameters:\n"
        "        - {name: id, in: path, schema: {type: string}}\n"
        "      responses: {default: {description: x}}\n"
    )
    assert findings(write, check, text) == [("CC201", 7, '"required" is a required property')]


def test_duplicate_operation_ids(write: Write, check) -> None:
    text = (
        HEAD
        + "paths:\n"
        + "".join(
            f"  /{p}:\n    get:\n      operationId: same\n"
            "      responses: {default: {description: x}}\n"
            for p in ("a", "b", "c")
        )
    )
    found = findings(write, check, text)
    assert [(code, line) for code, line, _ in found] == [("CC207", 10), ("CC207", 14)]
    assert "already used by GET /a" in found[0][2]


def test_parameter_rules(write: Write, check) -> None:
    text = (
        HEAD
        + """\
paths:
  /a/{id}/{other}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: q, in: query, schema: {type: integer}}
        - {name: extra, in: path, required: true, schema: {type: string}}
      responses: {default: {description: x}}
"""
    )
    messages = {(line, message) for _, line, message in findings(write, check, text)}
    assert messages == {
        (10, "duplicate parameter 'q' in query"),
        (7, "path parameter {other} of GET /a/{id}/{other} is not declared"),
        (11, "path parameter 'extra' of GET /a/{id}/{other} is not in the path template"),
    }


def test_dangling_ref_does_not_stop_validation(write: Write, check) -> None:
    text = (
        HEAD
        + """\
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Nope'}]
      responses:
        '200':
          description: x
          content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}
  /b:
    get:
      responses: {'200': {}}
"""
    )
    found = findings(write, check, text)
    assert ("CC202", 6) in [(c, line) for c, line, _ in found]
    assert ("CC202", 10) in [(c, line) for c, line, _ in found]
    assert ("CC201", 13) in [(c, line) for c, line, _ in found]


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\p{L}[\p{L}\p{N} _-]*$",
        r"^(?<year>\d{4})-\d\d$",
        r"[^]*",
        r"^\u{1F600}$",
        r"^[a-z]{2,}(?=x)",
    ],
)
def test_valid_ecma_patterns_pass(write: Write, check, pattern: str) -> None:
    text = (
        HEAD + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: string\n"
        f"      pattern: '{pattern}'\n      default: Ab\n"
    )
    assert [f for f in findings(write, check, text) if f[0] != "CC201" or "pattern" in f[2]] == []


@pytest.mark.parametrize("pattern", ["[", "(?i)abc", "a{2}+", "(?P<n>x)"])
def test_invalid_patterns_are_cc205(write: Write, check, pattern: str) -> None:
    text = (
        HEAD + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n"
        f"      properties:\n        p: {{type: string, pattern: '{pattern}'}}\n"
    )
    assert [(code, line) for code, line, _ in findings(write, check, text)] == [("CC205", 9)]


def test_schema_rules(write: Write, check) -> None:
    text = (
        HEAD
        + """\
paths: {}
components:
  schemas:
    Base: {type: object, properties: {id: {type: integer}}}
    Child:
      allOf: [{$ref: '#/components/schemas/Base'}]
      properties: {name: {type: string}}
      required: [id, name, ghost]
    Size: {type: integer, maximum: 10, default: 11}
    Fine: {type: string, nullable: true, default: null}
"""
    )
    found = findings(write, check, text)
    assert [(code, line) for code, line, _ in found] == [("CC201", 10), ("CC201", 11)]
    assert "ghost" in found[0][2] and "id" not in found[0][2].replace("defined", "")
    assert "default value does not match its schema" in found[1][2]


def test_openapi_3_1_schemas_are_meta_checked(write: Write, check) -> None:
    text = """\
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    A: {type: [string, 'null'], maxLength: 3}
    B: {type: number, maximum: 10, exclusiveMaximum: true}
    C: {type: string, minLength: -1}
"""
    assert [(code, line) for code, line, _ in findings(write, check, text)] == [
        ("CC201", 6),
        ("CC201", 7),
    ]


def test_other_rules(write: Write, check) -> None:
    text = (
        HEAD
        + """\
tags: [{name: a}, {name: a}]
security: [{nokey: []}]
externalDocs: {url: 'not a url'}
paths:
  /a/{x}:
    get:
      parameters: [{name: x, in: path, required: true, schema: {type: string}}]
      responses: {default: {description: x}}
  /a/{y}:
    get:
      parameters: [{name: y, in: path, required: true, schema: {type: string}}]
      responses: {default: {description: x}}
  '/b"; drop':
    get:
      responses: {default: {description: x}}
"""
    )
    lines = [(code, line) for code, line, _ in findings(write, check, text)]
    assert lines == [
        ("CC201", 3),
        ("CC201", 3),
        ("CC201", 4),
        ("CC201", 5),
        ("CC201", 11),
        ("CC201", 15),
    ]  # line 3: the meta-schema's uniqueItems and the tag rule


def test_server_urls_are_urls_once_their_variables_are_filled(write: Write, check) -> None:
    text = (
        HEAD
        + """\
servers:
  - url: '{scheme}://api.example.com/v1'
    variables: {scheme: {default: https}}
  - url: relative/path
  - url: 'https://api.example.com/{version}'
  - url: 'http://localhost/a b'
  - url: 'http://localhost/{v}'
    variables: {v: {default: 'x"y'}}
paths:
  /a:
    servers: [{url: 'http://localhost/${evil()}'}]
    get:
      responses: {default: {description: x}}
"""
    )
    found = findings(write, check, text)
    assert [(code, line) for code, line, _ in found] == [
        ("CC201", 7),
        ("CC201", 8),
        ("CC201", 9),
        ("CC201", 13),
    ]
    assert "{version} is not a variable with a default" in found[0][2]
    assert "holds characters a URL cannot" in found[1][2]


def test_findings_are_cached_and_replayed(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("api.yaml", HEAD + "paths:\n  /a:\n    get:\n      responses: {'200': {}}\n")
    first = _validate(path)
    assert [d.code for d in first] == ["CC201"]
    assert list(cache_dir("validation").rglob("*.json"))

    def fail(*_: object) -> None:
        raise AssertionError("validated again despite a cache entry")

    monkeypatch.setattr(validate_module, "find_problems", fail)
    assert _validate(path) == first


def test_corrupt_cache_entries_are_ignored(write: Write) -> None:
    path = write("api.yaml", HEAD + "paths:\n  /a:\n    get:\n      responses: {'200': {}}\n")
    first = _validate(path)
    for entry in cache_dir("validation").rglob("*.json"):
        entry.write_bytes(b"\x00{not json")
    assert _validate(path) == first
    for entry in cache_dir("validation").rglob("*.json"):
        entry.write_text('{"key": "other", "findings": []}')
    assert _validate(path) == first


def test_cache_key_covers_referenced_files(write: Write) -> None:
    write("pet.yaml", "type: object\n")
    path = write(
        "api.yaml", HEAD + "paths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: 'pet.yaml'}\n"
    )
    assert _validate(path) == []
    write("pet.yaml", "type: object\nrequired: []\n")
    assert [d.code for d in _validate(path)] == ["CC201"]


def test_cache_can_be_turned_off(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTC_NO_CACHE", "1")
    _validate(write("api.yaml", HEAD + "paths: {}\n"))
    assert not cache_dir("validation").exists()


def _validate(path: Path) -> list:
    sink = DiagnosticSink()
    document = load_document(str(path), sink)
    assert document is not None
    validate_document(document, sink)
    return list(sink.sorted())
