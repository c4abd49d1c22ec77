"""load_document: positions, bundling of external refs, ref checks and hostile files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from openapi_test_helpers import FIXTURES, Checked

from compiler.diagnostics import DiagnosticSink, Location
from compiler.openapi import source as source_module
from compiler.openapi.cache import cache_dir
from compiler.openapi.limits import MAX_FILE_BYTES
from compiler.openapi.loader import load_document

MINIMAL = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
Write = Callable[[str, "str | bytes"], Path]

SPEC_YAML = """\
openapi: 3.0.3
info:
  title: Pets
  version: '1'
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: integer}
      responses:
        200:
          description: ok
"""


def codes(diagnostics: list) -> list[str]:
    return [d.code for d in diagnostics]


def test_yaml_positions_and_integer_status_keys(write: Write) -> None:
    path = write("api.yaml", SPEC_YAML)
    document = load_document(str(path), DiagnosticSink())
    assert document is not None
    assert list(document.root["paths"]["/pets/{id}"]["get"]["responses"]) == ["200"]
    assert document.locate("/paths/~1pets~1{id}/get") == Location(str(path), 7, 5)
    assert document.locate("/paths/~1pets~1{id}/get/parameters/0") == Location(str(path), 9, 11)
    assert document.locate("/paths/~1pets~1{id}/get/parameters/0/schema/type") == Location(
        str(path), 12, 20
    )
    assert document.locate("#/paths/~1pets~1{id}/get/responses/200/description") == Location(
        str(path), 15, 11
    )
    assert document.locate("/paths/~1pets~1{id}/get/responses/200/nothing/here") == Location(
        str(path), 14, 9
    )


def test_json_positions(write: Write) -> None:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"tags": ["x", 'y"z'], "responses": {}}}},
    }
    path = write("api.json", json.dumps(spec, indent=2))
    document = load_document(str(path), DiagnosticSink())
    assert document is not None and document.root == spec
    lines = path.read_text().splitlines()
    location = document.locate("/paths/~1a/get/tags/1")
    assert lines[location.line - 1][location.column - 1 :].startswith('"y\\"z"')
    location = document.locate("/paths/~1a/get/responses")
    assert lines[location.line - 1][location.column - 1 :].startswith('"responses"')


def test_json_is_detected_by_content(write: Write) -> None:
    path = write("spec.txt", json.dumps({"openapi": "3.0.0", "info": {}}))
    document = load_document(str(path), DiagnosticSink())
    assert document is not None and document.root["openapi"] == "3.0.0"


def test_external_refs_are_bundled_into_components(check: Callable[..., Checked]) -> None:
    document, diagnostics = check(FIXTURES / "multi" / "openapi.yaml")
    assert diagnostics == []
    assert document is not None
    root = document.root
    assert set(root["components"]["schemas"]) == {"Owner", "pet", "Tag", "Error"}
    assert root["components"]["parameters"]["PetId"]["name"] == "petId"
    assert root["paths"]["/pets/{petId}"]["get"]["responses"]["default"] == {
        "$ref": "#/components/responses/Error"
    }
    assert root["paths"]["/pets"]["get"]["operationId"] == "listPets"  # 3.0 path item: inlined
    assert root["components"]["schemas"]["pet"]["properties"]["tag"] == {
        "$ref": "#/components/schemas/Tag"
    }
    refs = _all_refs(root)
    assert refs and all(ref.startswith("#/") for ref in refs)
    assert all(document.resolve(ref) is not None for ref in refs)
    assert len(document.files) == 5


def test_recursive_external_schema_stays_a_reference(check: Callable[..., Checked]) -> None:
    document, _ = check(FIXTURES / "multi" / "openapi.yaml")
    assert document is not None
    pet = document.root["components"]["schemas"]["pet"]
    assert pet["properties"]["parent"] == {"$ref": "#/components/schemas/pet"}


def test_bundled_nodes_are_located_in_their_own_files(check: Callable[..., Checked]) -> None:
    document, _ = check(FIXTURES / "multi" / "openapi.yaml")
    assert document is not None
    name = document.locate("/components/schemas/pet/properties/name")
    assert (Path(name.file).name, name.line, name.column) == ("pet.yaml", 7, 3)
    operation_id = document.locate("/paths/~1pets/get/operationId")
    assert (Path(operation_id.file).as_posix().endswith("paths/pets.yaml"), operation_id.line) == (
        True,
        2,
    )
    owner = document.locate("/components/schemas/Owner")
    assert (Path(owner.file).name, owner.line) == ("openapi.yaml", 24)


def test_broken_external_file_is_reported_in_that_file(
    write: Write, check: Callable[..., Checked]
) -> None:
    write("bad.yaml", "type: object\nproperties: [unclosed\n")
    path = write(
        "api.yaml",
        MINIMAL + "paths: {}\ncomponents:\n  schemas:\n"
        "    A: {$ref: 'bad.yaml'}\n    B: {$ref: 'missing.yaml#/X'}\n",
    )
    _, diagnostics = check(path)
    found = {(d.code, Path(d.location.file).name, d.location.line) for d in diagnostics}
    assert ("CC003", "bad.yaml", 3) in found
    assert ("CC202", "api.yaml", 7) in found


def _all_refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _all_refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _all_refs(item)]
    return []


@pytest.mark.parametrize(
    ("components", "message"),
    [
        ("A: {$ref: '#/components/schemas/Missing'}", "points to nothing"),
        ("A: {$ref: '#/components/schemas/A'}", "loop"),
        ("A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}", "loop"),
        ("A: {$ref: 'https://example.com/schemas.yaml#/A'}", "remote"),
    ],
)
def test_unresolvable_refs_are_located_at_the_ref(
    write: Write, check: Callable[..., Checked], components: str, message: str
) -> None:
    path = write("api.yaml", MINIMAL + "paths: {}\ncomponents:\n  schemas:\n    " + components)
    document, diagnostics = check(path)
    assert document is not None
    errors = [d for d in diagnostics if d.code == "CC202"]
    assert errors and message in errors[0].message
    assert errors[0].location.line == 6


def test_recursive_internal_schema_is_fine(write: Write, check: Callable[..., Checked]) -> None:
    path = write(
        "api.yaml",
        MINIMAL + "paths: {}\ncomponents:\n  schemas:\n    Node:\n"
        "      type: object\n      properties:\n"
        "        next: {$ref: '#/components/schemas/Node'}\n",
    )
    _, diagnostics = check(path)
    assert diagnostics == []


def _bomb() -> str:
    lines = [MINIMAL.strip(), "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x-a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "content", "code", "line"),
    [
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "CC002", 0),
        ("latin1.yaml", "openapi: 3.0.0\ninfo: {title: caf\xe9}\n".encode("latin-1"), "CC002", 2),
        ("syntax.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n", "CC003", 4),
        ("syntax.json", '{"openapi": "3.0.0",\n "info": {"title": "x",}\n}', "CC003", 2),
        ("bomb.yaml", _bomb(), "CC004", 9),
        ("deep.yaml", "openapi: 3.0.0\nx: " + "[" * 2000 + "]" * 2000, "CC004", 2),
        ("deep.json", '{"openapi": "3.0.0", "x": ' + "[" * 100000 + "]" * 100000 + "}", "CC004", 0),
        ("list.yaml", "- openapi: 3.0.0\n", "CC005", 1),
        ("empty.yaml", "", "CC005", 1),
        ("scalar.json", '"openapi"', "CC005", 1),
        ("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "CC204", 1),
        ("v4.yaml", "info: {}\nopenapi: 4.0.0\npaths: {}\n", "CC204", 2),
        ("noversion.yaml", "info: {title: t}\npaths: {}\n", "CC204", 1),
    ],
)
def test_hostile_files_give_one_located_error(
    write: Write, name: str, content: str | bytes, code: str, line: int
) -> None:
    sink = DiagnosticSink()
    assert load_document(str(write(name, content)), sink) is None
    diagnostics = sink.sorted()
    assert [(d.code, d.location.line) for d in diagnostics] == [(code, line)]
    assert diagnostics[0].is_error


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.yaml", tmp_path):
        sink = DiagnosticSink()
        assert load_document(str(path), sink) is None
        assert codes(list(sink.sorted())) == ["CC001"]


@pytest.mark.skipif(os.geteuid() == 0, reason="not applicable: root can read any file")
def test_unreadable_file(write: Write) -> None:
    path = write("secret.yaml", MINIMAL)
    path.chmod(0)
    sink = DiagnosticSink()
    assert load_document(str(path), sink) is None
    assert codes(list(sink.sorted())) == ["CC001"]


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.seek(MAX_FILE_BYTES + 1)
        handle.write(b"\n")
    sink = DiagnosticSink()
    assert load_document(str(path), sink) is None
    assert codes(list(sink.sorted())) == ["CC004"]


def test_large_yaml_is_parsed_once(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    schemas = "".join(
        f"    S{i}:\n      type: object\n      description: {'x' * 60}\n"
        f"      properties: {{a: {{type: string}}, b: {{type: integer}}}}\n"
        for i in range(3000)
    )
    path = write(
        "big.yaml",
        MINIMAL + "paths: {}\ncomponents:\n  schemas:\n" + schemas + "x-dup: 1\nx-dup: 2\n",
    )
    first = DiagnosticSink()
    document = load_document(str(path), first)
    assert document is not None and len(document.root["components"]["schemas"]) == 3000

    def fail(_: str) -> None:
        raise AssertionError("parsed again despite a cache entry")

    monkeypatch.setattr(source_module, "read_yaml", fail)
    second = DiagnosticSink()
    again = load_document(str(path), second)
    assert again is not None and again.root == document.root
    assert second.sorted() == first.sorted() and [d.code for d in first.sorted()] == ["CC007"]
    assert again.locate("/components/schemas/S2999/description").line == 3 + 3 + 4 * 2999 + 2


def test_cached_positions_that_do_not_fit_are_a_miss(write: Write) -> None:
    schemas = "".join(f"    S{i}:\n      description: {'x' * 80}\n" for i in range(4000))
    path = write("big.yaml", MINIMAL + "paths: {}\ncomponents:\n  schemas:\n" + schemas)
    first = load_document(str(path), DiagnosticSink())
    assert first is not None
    entries = list(cache_dir("parsed").rglob("*.json"))
    assert entries
    for entry in entries:
        stored = json.loads(entry.read_text())
        del stored["payload"]["positions"]["lines"][-1]
        entry.write_text(json.dumps(stored))
    again = load_document(str(path), DiagnosticSink())
    assert again is not None and again.root == first.root
    pointer = "/components/schemas/S3999/description"
    assert (
        again.locate(pointer)
        == first.locate(pointer)
        == Location(str(path), 3 + 3 + 2 * 3999 + 1, 7)
    )
