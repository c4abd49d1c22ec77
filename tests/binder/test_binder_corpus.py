"""Real specs (../shared/corpus): every 3.x spec binds without an exception; the pairs bind sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.binder import bind_api, infer_database
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import OperationKind, ParamRole
from compiler.ir.database import EMPTY_DATABASE
from compiler.openapi.loader import load_document
from compiler.openapi.shapes import build_models
from compiler.sql import parse_schema
from tests.corpus_docs import declares_openapi_3

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not CORPUS.exists(), reason="corpus absent")]
BREADTH = sorted(
    p for p in (CORPUS / "breadth").rglob("*") if p.suffix in (".json", ".yaml", ".yml")
)


METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _load(path: Path):
    """The loaded document; a real 3.x spec that fails to load fails the test, with why."""
    sink = DiagnosticSink()
    doc = load_document(str(path), sink)
    assert doc is not None, [str(d) for d in sink.sorted()]
    return doc, sink


def _operations_in(doc) -> set[tuple[str, str]]:
    found = set()
    for path, item in (doc.root.get("paths") or {}).items():
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            if not item["$ref"].startswith("#"):
                continue  # an external file that is not there: reported as CC202 while loading
            item = doc.resolve(item["$ref"])  # a path item may be a reference
        if isinstance(item, dict):
            found |= {(method, path) for method in item if method in METHODS}
    return found


@pytest.mark.parametrize(
    "path", [p for p in BREADTH if declares_openapi_3(p)], ids=lambda p: p.name
)
def test_breadth_specs_bind_every_operation(path: Path) -> None:
    doc, sink = _load(path)
    models = build_models(doc, sink)
    declared = _operations_in(doc)
    for database in (EMPTY_DATABASE, infer_database(doc, models, sink)):
        api = bind_api(doc, models, database, None, sink)
        assert {(o.method, o.path) for o in api.operations} == declared


@pytest.mark.parametrize(
    "name", ["stripe_spec3_2022-04-12.json", "github_api.github.com_octokit_2022-07-18.json"]
)
def test_large_specs_bind_against_empty_and_inferred_databases(name: str) -> None:
    doc, sink = _load(CORPUS / "large-specs" / name)
    models = build_models(doc, sink)
    api = bind_api(doc, models, EMPTY_DATABASE, None, sink)
    assert api.operations
    inferred = infer_database(doc, models, sink)
    assert bind_api(doc, models, inferred, None, sink).operations


def _pair(name: str, spec: str):
    doc, sink = _load(CORPUS / "pairs" / name / spec)
    database = parse_schema([str(CORPUS / "pairs" / name / "schema.sql")], "postgres", sink)
    return bind_api(doc, build_models(doc, sink), database, None, sink)


def _op(api, method: str, path: str):
    return next(o for o in api.operations if o.method == method and o.path == path)


def test_realworld_binds() -> None:
    api = _pair("realworld", "openapi.yml")
    read = _op(api, "get", "/articles/{slug}")
    assert (read.kind, read.table, read.params(ParamRole.KEY)[0].column) == (
        OperationKind.READ,
        "article",
        "slug",
    )
    assert read.envelope.data_property == "article"
    assert _op(api, "post", "/articles/{slug}/favorite").kind is OperationKind.CUSTOM
    assert _op(api, "post", "/users/login").kind is OperationKind.CUSTOM
    comments = _op(api, "get", "/articles/{slug}/comments")
    assert (comments.kind, comments.table, comments.parents[0].child_column) == (
        OperationKind.LIST,
        "article_comment",
        "article_id",
    )
    author = next(f for f in read.response_fields if f.property == "author")
    assert (author.mode.value, author.column, author.related_table) == (
        "embedded",
        "user_id",
        "user",
    )
    assert (
        _op(api, "delete", "/articles/{slug}/comments/{id}").params(ParamRole.KEY)[0].column
        == "comment_id"
    )


def test_listmonk_binds() -> None:
    api = _pair("listmonk", "openapi.yaml")
    listing = _op(api, "get", "/subscribers")
    assert (listing.kind, listing.table) == (OperationKind.LIST, "subscribers")
    assert (
        listing.envelope.path,
        listing.envelope.data_property,
        listing.envelope.total_property,
    ) == (("data",), "results", "total")
    assert (listing.paging.size_param, listing.paging.position_param) == ("per_page", "page")
    assert _op(api, "get", "/subscribers/{id}").kind is OperationKind.READ
    assert _op(api, "post", "/subscribers/{id}/optin").kind is OperationKind.CUSTOM
    assert _op(api, "post", "/media").kind is OperationKind.CUSTOM  # multipart upload
