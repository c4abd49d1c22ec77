"""Generated sources read back by each language's own parser: their syntax errors and their shape.

A file's shape is, per top-level declaration, the kinds of its syntax nodes in order, with names,
comments and literal text left out: two renders whose free text differs have the same shapes
unless some of that text became code. Python, SQL (sqlglot), JSON, TOML and XML parse in this
process; Go, Java and TypeScript in a small program of `parsers/`, run once per language.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import sqlglot

from tests.express.projects import cached_node_modules

PARSERS = Path(__file__).resolve().parent / "parsers"
_TIMEOUT = 300


@dataclass(frozen=True)
class ParsedSource:
    """What a parser made of one file: its syntax errors, and one shape per declaration."""

    errors: tuple[str, ...]
    shape: tuple[str, ...]


Parse = Callable[[list[Path]], dict[Path, ParsedSource]]


def _python(paths: list[Path]) -> dict[Path, ParsedSource]:
    parsed = {}
    for path in paths:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        except SyntaxError as error:
            parsed[path] = ParsedSource((f"{error.lineno}: {error.msg}",), ())
            continue
        shape = tuple(
            " ".join(type(node).__name__ for node in ast.walk(statement)) for statement in tree.body
        )
        parsed[path] = ParsedSource((), shape)
    return parsed


def _value_kinds(value: object) -> list[str]:
    """The types of a loaded JSON/TOML value and of everything in it, in order (keys left out)."""
    kinds = [type(value).__name__]
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    for child in children:
        kinds.extend(_value_kinds(child))
    return kinds


def _data(load: Callable[[str], object]) -> Parse:
    def parse(paths: list[Path]) -> dict[Path, ParsedSource]:
        parsed = {}
        for path in paths:
            try:
                value = load(path.read_text(encoding="utf-8"))
            except ValueError as error:
                parsed[path] = ParsedSource((str(error),), ())
            else:
                parsed[path] = ParsedSource((), (" ".join(_value_kinds(value)),))
        return parsed

    return parse


def _sql(paths: list[Path]) -> dict[Path, ParsedSource]:
    """sqlglot in the dialect the migration's folder names (`.../sqlite/...`, else PostgreSQL)."""
    parsed = {}
    for path in paths:
        dialect = "sqlite" if "sqlite" in path.parts else "postgres"
        try:
            statements = sqlglot.parse(path.read_text(encoding="utf-8"), read=dialect)
        except sqlglot.errors.SqlglotError as error:
            parsed[path] = ParsedSource((str(error),), ())
            continue
        shape = tuple(
            " ".join(type(node).__name__ for node in statement.walk())
            for statement in statements
            if statement is not None and not isinstance(statement, sqlglot.exp.Semicolon)
        )  # a Semicolon holds only comments (goose's `-- +goose StatementEnd` after a statement)
        parsed[path] = ParsedSource((), shape)
    return parsed


def _xml(paths: list[Path]) -> dict[Path, ParsedSource]:
    parsed = {}
    for path in paths:
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError as error:
            parsed[path] = ParsedSource((str(error),), ())
        else:
            parsed[path] = ParsedSource((), tuple(element.tag for element in root.iter()))
    return parsed


def _read_report(output: str) -> dict[Path, ParsedSource]:
    """The programs' report: `FILE <path>`, then its `ERROR <message>` and `DECL <kinds>` lines."""
    errors: dict[Path, list[str]] = {}
    shapes: dict[Path, list[str]] = {}
    current = Path()
    for line in output.splitlines():
        tag, _, rest = line.partition(" ")
        if tag == "FILE":
            current = Path(rest)
            errors[current], shapes[current] = [], []
        elif tag == "ERROR":
            errors[current].append(rest)
        elif tag == "DECL":
            shapes[current].append(rest)
    return {path: ParsedSource(tuple(errors[path]), tuple(shapes[path])) for path in errors}


def _run_program(command: list[str], paths: list[Path]) -> dict[Path, ParsedSource]:
    done = subprocess.run(
        [*command, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = _read_report(done.stdout)
    assert set(report) == set(paths), f"the parser skipped files: {set(paths) - set(report)}"
    return report


def _go(paths: list[Path]) -> dict[Path, ParsedSource]:
    with tempfile.TemporaryDirectory(prefix="go-shape-") as tmp:
        program = Path(tmp) / "shape"
        built = subprocess.run(
            ["go", "build", "-o", str(program), str(PARSERS / "shape.go")],
            cwd=tmp,
            env={**os.environ, "GOWORK": "off", "GOFLAGS": ""},
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
        assert built.returncode == 0, built.stderr[-3000:]
        return _run_program([str(program)], paths)


def _java(paths: list[Path]) -> dict[Path, ParsedSource]:
    return _run_program(["java", str(PARSERS / "Shape.java")], paths)


def _typescript(paths: list[Path]) -> dict[Path, ParsedSource]:
    typescript = cached_node_modules() / "typescript"
    return _run_program(["node", str(PARSERS / "shape.js"), str(typescript)], paths)


# File suffix -> (parser, the tools it needs on PATH).
LANGUAGES: dict[str, tuple[Parse, tuple[str, ...]]] = {
    ".py": (_python, ()),
    ".json": (_data(json.loads), ()),
    ".toml": (_data(tomllib.loads), ()),
    ".xml": (_xml, ()),
    ".sql": (_sql, ()),
    ".go": (_go, ("go",)),
    ".java": (_java, ("java",)),
    ".ts": (_typescript, ("node", "npm")),
}


def missing_tools(suffixes: Iterable[str]) -> list[str]:
    """The tools the parsers of these file suffixes need that are not on PATH."""
    needed = {tool for suffix in suffixes if suffix in LANGUAGES for tool in LANGUAGES[suffix][1]}
    return sorted(tool for tool in needed if shutil.which(tool) is None)


def parse_sources(paths: Iterable[Path]) -> dict[Path, ParsedSource]:
    """Each of `paths` whose language has a parser, parsed (one program run per language)."""
    by_suffix: dict[str, list[Path]] = {}
    for path in paths:
        if path.suffix in LANGUAGES:
            by_suffix.setdefault(path.suffix, []).append(path)
    parsed: dict[Path, ParsedSource] = {}
    for suffix, group in sorted(by_suffix.items()):
        parsed.update(LANGUAGES[suffix][0](group))
    return parsed
