"""load_mapping: the mapping file is checked (CC006) before the binder uses it."""

from __future__ import annotations

from pathlib import Path

from compiler.binder import load_mapping
from compiler.diagnostics import DiagnosticSink


def load(tmp_path: Path, text: str) -> tuple[dict | None, list[str]]:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    sink = DiagnosticSink()
    return load_mapping(str(path), sink), [d.code for d in sink.sorted()]


def test_valid_mapping(tmp_path: Path) -> None:
    text = "operations:\n  listPets: {table: pets, kind: list}\nschemas:\n  Pet:\n    properties: {a: b}\n"
    mapping, codes = load(tmp_path, text)
    assert codes == [] and mapping["operations"]["listPets"]["table"] == "pets"


def test_bad_mappings(tmp_path: Path) -> None:
    assert load(tmp_path, "- a list")[1] == ["CC006"]
    assert load(tmp_path, "operations:\n  x: {kind: lst}\n")[1] == ["CC006"]
    assert load(tmp_path, "schemas:\n  X: {colour: red}\n")[1] == ["CC006"]
    assert load(tmp_path, "operations: [\n")[1] == ["CC006"]
    sink = DiagnosticSink()
    assert load_mapping(str(tmp_path / "absent.yaml"), sink) is None and sink.has_errors
