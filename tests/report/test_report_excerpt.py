"""Text diagnostics show the source line with a caret under the span; JSON and SARIF stay exact."""

from __future__ import annotations

import json
from pathlib import Path

from compiler.diagnostics import Diagnostic, Location, Severity
from compiler.excerpt import MAX_WIDTH, SourceExcerpts
from compiler.report import render_json, render_sarif, render_text

SPEC = """\
openapi: 3.1.0
info: {title: Books, version: "1"}
components:
  schemas:
    Book:
      properties:
        title: {type: string, maxLength: 200}
"""


def error_at(path: Path, line: int, column: int, hint: str = "") -> Diagnostic:
    return Diagnostic("CC104", Severity.ERROR, "too long", Location(str(path), line, column), hint)


def test_the_source_line_is_shown_with_a_caret_under_the_key(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    text = render_text([error_at(spec, 7, 9, "use maxLength: 100")])
    assert text.splitlines()[:5] == [
        f"{spec}:7:9: error[CC104]: too long",
        "  |",
        "7 |         title: {type: string, maxLength: 200}",
        "  |         ^~~~~",
        "  = hint: use maxLength: 100",
    ]


def test_the_gutter_widens_with_the_line_number_and_the_hint_aligns(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("\n" * 99 + "  name: x\n")
    lines = render_text([error_at(spec, 100, 3, "a hint")]).splitlines()
    assert lines[1:5] == ["    |", "100 |   name: x", "    |   ^~~~", "    = hint: a hint"]


def test_quoted_json_keys_and_sql_identifiers_are_underlined_whole(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text('{\n  "paths": {\n    "/books": {}\n  }\n}\n')
    sql = tmp_path / "schema.sql"
    sql.write_text("CREATE TABLE books (\n  isbn VARCHAR(13) NOT NULL\n);\n")
    excerpts = SourceExcerpts()
    assert excerpts.excerpt(Location(str(spec), 3, 5))[-1] == "  |     ^~~~~~~~"
    assert excerpts.excerpt(Location(str(sql), 2, 3))[-1] == "  |   ^~~~"


def test_one_caret_when_no_token_starts_at_the_column(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("paths: {}\n")
    assert SourceExcerpts().excerpt(Location(str(spec), 1, 8))[-1] == "  |        ^"


def test_tabs_before_the_column_keep_the_caret_aligned(tmp_path: Path) -> None:
    sql = tmp_path / "schema.sql"
    sql.write_text("CREATE TABLE t (\n\tid INT\n);\n")
    assert SourceExcerpts().excerpt(Location(str(sql), 2, 2))[-2:] == ["2 | \tid INT", "  | \t^~"]


def test_a_long_line_is_shown_as_a_window_around_the_column(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text('{"a": "' + "x" * 5000 + '", "title": 1}\n')
    column = len('{"a": "') + 5000 + len('", ') + 1
    source, carets = SourceExcerpts().excerpt(Location(str(spec), 1, column))[1:]
    shown = source.removeprefix("1 | ")
    assert shown.startswith("…") and len(shown) <= MAX_WIDTH + 2
    start = carets.index("^")
    assert source[start : start + len('"title"')] == '"title"'
    assert carets[start:] == "^~~~~~~"


def test_each_file_is_read_once(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    excerpts = SourceExcerpts()
    first = excerpts.excerpt(Location(str(spec), 7, 9))
    spec.unlink()
    assert excerpts.excerpt(Location(str(spec), 7, 9)) == first


def test_no_excerpt_without_a_readable_line(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    excerpts = SourceExcerpts()
    assert excerpts.excerpt(Location(str(spec), 0, 0)) == []
    assert excerpts.excerpt(Location(str(spec), 99, 1)) == []
    assert excerpts.excerpt(Location(str(tmp_path / "missing.yaml"), 1, 1)) == []
    (tmp_path / "binary.yaml").write_bytes(b"\0\1\2")
    assert excerpts.excerpt(Location(str(tmp_path / "binary.yaml"), 1, 1)) == []


def test_color_paints_the_carets_in_the_severity_color(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    text = render_text([error_at(spec, 7, 9)], color=True)
    assert "  |         \033[31m^~~~~\033[0m" in text.splitlines()


def test_json_and_sarif_keep_the_exact_span_and_no_excerpt(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    diagnostics = [error_at(spec, 7, 9)]
    item = json.loads(render_json(diagnostics, ()))["diagnostics"][0]
    assert (item["line"], item["column"], item["message"]) == (7, 9, "too long")
    result = json.loads(render_sarif(diagnostics))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 9}
    assert result["message"]["text"] == "too long"
