"""Valid specs that carry code in their free text build to projects where that text stays inert.

For every target, each generated source file (the target's language, the shared Python contract
tests, SQL migrations, JSON, TOML, XML) is parsed by its language's own parser and must have no
syntax error;
and the project must have the same shape (declarations and their syntax-node kinds, names and
literal text aside) as the project of the same spec with plain words in place of the payloads.
The specs: a made-up one with breakouts for every target language in every kind of free text
(tests/cli/hostile_spec.py), and the corpus's rapid7-* documents (HTML, PHP and Ruby payloads).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from compiler.build import render_target
from compiler.pipeline import compile_contract
from tests.cli.hostile_spec import (
    HOSTILE,
    PLAIN_TEXTS,
    hostile_document,
    plain_twin,
    write_document,
)
from tests.cli.source_shapes import ParsedSource, missing_tools, parse_sources
from tests.conftest import CORPUS

MALICIOUS = CORPUS / "bad-input" / "mermade-3.0-malicious"
CORPUS_SPECS = ("rapid7-html.json", "rapid7-php.json", "rapid7-ruby.json")
MADE_UP = "made-up"
MARKER = "evil_after"  # in every breakout of the made-up spec
# The language each target is written in, whose files every render must contain.
TARGET_LANGUAGE = {"fastapi": ".py", "express": ".ts", "gin": ".go", "spring": ".java"}
TARGETS = [
    pytest.param(target, marks=() if target == "fastapi" else pytest.mark.e2e)
    for target in sorted(TARGET_LANGUAGE)
]


@dataclass(frozen=True)
class ParsedProject:
    """One render's parsed files, by path in the project, and the files the payload reached."""

    files: dict[str, ParsedSource]
    reached: frozenset[str]

    def errors(self) -> dict[str, tuple[str, ...]]:
        return {path: parsed.errors for path, parsed in self.files.items() if parsed.errors}

    def shapes_missing_from(self, other: ParsedProject) -> list[str]:
        """The files (by name: paths may hold names made from the title) whose shape `other`
        has no file of the same name with."""
        shapes = Counter(
            (PurePosixPath(path).name, parsed.shape) for path, parsed in self.files.items()
        )
        theirs = Counter(
            (PurePosixPath(path).name, parsed.shape) for path, parsed in other.files.items()
        )
        return sorted(name for name, _ in shapes - theirs)


@dataclass(frozen=True)
class Renders:
    hostile: ParsedProject
    plain: ParsedProject


def _documents() -> dict[str, tuple[object, object]]:
    """Each case's (hostile document, its plain twin); the corpus cases when the corpus is here."""
    documents: dict[str, tuple[object, object]] = {
        MADE_UP: (hostile_document(HOSTILE), hostile_document(PLAIN_TEXTS))
    }
    if MALICIOUS.is_dir():
        for name in CORPUS_SPECS:
            document = json.loads((MALICIOUS / name).read_text(encoding="utf-8"))
            documents[name] = (document, plain_twin(document))
    return documents


def _write_render(document: object, out: Path, target: str) -> list[Path]:
    result = compile_contract(str(write_document(document, out / "spec")))
    assert result.contract is not None, result.diagnostics
    written = []
    for file in render_target(result.contract, target):
        assert len(PurePosixPath(file.path).name) < 200, file.path
        path = out / "project" / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.content, encoding="utf-8")
        written.append(path)
    return written


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Renders]]:
    """Per target, every case rendered hostile and plain and parsed, all files of a language in
    one parser run; skips when a parser's toolchain is missing."""
    done: dict[str, dict[str, Renders]] = {}

    def render(target: str) -> dict[str, Renders]:
        if target in done:
            return done[target]
        root = tmp_path_factory.mktemp(f"hostile-{target}")
        written: dict[tuple[str, str], list[Path]] = {
            (case, variant): _write_render(document, root / case / variant, target)
            for case, pair in _documents().items()
            for variant, document in zip(("hostile", "plain"), pair, strict=True)
        }
        paths = [path for group in written.values() for path in group]
        missing = missing_tools({path.suffix for path in paths})
        if missing:
            pytest.skip(f"needs {', '.join(missing)} to parse the {target} output")
        parsed = parse_sources(paths)

        def project(case: str, variant: str) -> ParsedProject:
            base = root / case / variant / "project"
            return ParsedProject(
                {
                    path.relative_to(base).as_posix(): parsed[path]
                    for path in written[case, variant]
                    if path in parsed
                },
                frozenset(
                    path.relative_to(base).as_posix()
                    for path in written[case, variant]
                    if MARKER in path.read_text(encoding="utf-8")
                ),
            )

        done[target] = {
            case: Renders(project(case, "hostile"), project(case, "plain"))
            for case in {case for case, _ in written}
        }
        return done[target]

    return render


def _assert_inert(renders: Renders, target: str) -> None:
    language = TARGET_LANGUAGE[target]
    parsed = [path for path in renders.hostile.files if path.endswith(language)]
    assert parsed, f"no {language} file was parsed"
    assert renders.hostile.errors() == {}
    assert renders.plain.errors() == {}
    assert renders.hostile.shapes_missing_from(renders.plain) == [], "the payload became code"
    assert renders.plain.shapes_missing_from(renders.hostile) == []


@pytest.mark.parametrize("target", TARGETS)
def test_made_up_breakouts_stay_inert(
    target: str, renders: Callable[[str], dict[str, Renders]]
) -> None:
    made_up = renders(target)[MADE_UP]
    _assert_inert(made_up, target)
    language = TARGET_LANGUAGE[target]
    assert any(path.endswith(language) for path in made_up.hostile.reached), (
        f"the payload reached no {language} file: nothing was tested"
    )


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_SPECS)
@pytest.mark.parametrize("target", TARGETS)
def test_corpus_payloads_stay_inert(
    corpus: Path, name: str, target: str, renders: Callable[[str], dict[str, Renders]]
) -> None:
    _assert_inert(renders(target)[name], target)
