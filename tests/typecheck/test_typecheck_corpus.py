"""The type checker on contracts written by other people (../shared/corpus/pairs).

Validation is skipped here on purpose (several pairs have spec errors of their own), so every
pair's bound operations are type-checked. Which type, length and key errors (CC103, CC104, CC108)
are genuine is judged once, in the pair's `tests/corpus_expectations/<pair>.yaml`; any other one is
a false error.
"""

from __future__ import annotations

import pytest

from benchmarks.scoreboard import CORPUS, Expectation, expectations
from compiler.binder import bind_api
from compiler.binder.naming import is_lifecycle_timestamp
from compiler.diagnostics import Diagnostic, DiagnosticSink
from compiler.openapi.loader import load_document
from compiler.openapi.shapes import build_models
from compiler.sql import parse_schema
from compiler.typecheck import declare_server_filled, typecheck

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent"),
]

EXPECTATIONS = expectations() if CORPUS.is_dir() else []


def _typecheck(expectation: Expectation) -> list[Diagnostic]:
    folder = CORPUS / expectation.pair
    sink = DiagnosticSink()
    doc = load_document(str(folder / expectation.spec), sink)
    assert doc is not None
    models = build_models(doc, sink)
    database = parse_schema([str(folder / s) for s in expectation.sql], expectation.dialect, sink)
    api = bind_api(doc, models, database, None, sink)
    database = declare_server_filled(api, database, doc, None, "", sink)
    typecheck(api, database, doc, sink)
    return list(sink.sorted())


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_no_false_type_length_or_key_errors(expectation: Expectation) -> None:
    found = _typecheck(expectation)
    false = [
        f"{d.code} {d.message}"
        for d in found
        if d.is_error and d.code in ("CC103", "CC104", "CC108") and not expectation.is_genuine(d)
    ]
    assert false == []


def test_a_genuine_type_error_is_still_found() -> None:
    """listmonk declares `send_at` an object; its column is a timestamp (judged genuine)."""
    (listmonk,) = [e for e in EXPECTATIONS if e.pair == "listmonk"]
    found = _typecheck(listmonk)
    assert [d.message for d in found if d.is_error and d.code == "CC103"] == [
        "property 'send_at' (column campaigns.send_at): "
        "property type object does not fit column type TIMESTAMPTZ"
    ] * 2


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_lifecycle_timestamps_are_never_create_errors(expectation: Expectation) -> None:
    found = _typecheck(expectation)
    unset = [d.message.split(".")[-1] for d in found if d.code == "CC102" and d.is_error]
    assert not [column for column in unset if is_lifecycle_timestamp(column)]
