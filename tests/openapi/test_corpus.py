"""Real documents written by other people (../shared/corpus): no crash, bad input always caught."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openapi_test_helpers import check_file

from tests.corpus_docs import declares_openapi_3

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not CORPUS.is_dir(), reason="corpus absent: ../shared/corpus is not present"
    ),
]

# Valid OpenAPI documents whose payload targets code generators (script tags, `=end`, `*/`) in
# descriptions and titles: nothing to report at this stage; the emitters must escape them.
VALID_HOSTILE = {"rapid7-html.json", "rapid7-php.json", "rapid7-ruby.json"}


def _files(folder: str) -> list[Path]:
    root = CORPUS / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CORPUS)) for p in paths]


BAD = _files("bad-input")
BREADTH = _files("breadth")
LARGE = _files("large-specs")


@pytest.mark.parametrize("path", BAD, ids=_ids(BAD))
def test_every_bad_input_gives_an_error(path: Path) -> None:
    started = time.perf_counter()
    _, diagnostics = check_file(path)
    assert time.perf_counter() - started < 20
    has_error = any(d.is_error for d in diagnostics)
    assert has_error != (path.name in VALID_HOSTILE), [str(d) for d in diagnostics]
    assert all(d.location.file for d in diagnostics)


@pytest.mark.parametrize("path", BREADTH, ids=_ids(BREADTH))
def test_breadth_documents_load_or_are_refused_with_one_reason(path: Path) -> None:
    document, diagnostics = check_file(path)
    if declares_openapi_3(path):
        assert document is not None, [str(d) for d in diagnostics]
    else:  # Swagger 2.0, fragments and stray files: refused, located, never a traceback
        assert document is None
        assert [d.code for d in diagnostics if d.is_error] in (["CC003"], ["CC005"], ["CC204"])
    assert all(d.location.file for d in diagnostics)


def test_swagger_2_is_refused_cleanly() -> None:
    document, diagnostics = check_file(CORPUS / "breadth/oai-examples/v2.0/yaml/petstore.yaml")
    assert document is None
    assert [(d.code, d.location.line) for d in diagnostics] == [("CC204", 1)]
    assert "Swagger 2.0" in diagnostics[0].message


@pytest.mark.parametrize("path", LARGE, ids=_ids(LARGE))
def test_large_specs_are_valid(path: Path) -> None:
    document, diagnostics = check_file(path)
    assert document is not None
    assert [str(d) for d in diagnostics if d.is_error] == []
