"""The compiler's stages in order: load → validate → parse SQL → bind → type-check → IR."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from compiler import __version__
from compiler.binder import bind_api, load_mapping
from compiler.binder.infer import infer_database
from compiler.diagnostics import Diagnostic, DiagnosticSink
from compiler.ir import Contract, Database, Migration, SourceFile
from compiler.openapi.document import Document
from compiler.openapi.ignores import spec_ignores
from compiler.openapi.loader import load_document
from compiler.openapi.shapes import build_models
from compiler.openapi.validate import validate_document
from compiler.plan.migrations import plan_migrations
from compiler.policy import DEFAULT_POLICY, Policy
from compiler.typecheck import declare_server_filled, record_conventions, typecheck
from compiler.typecheck.column_bounds import bound_by_columns

DIALECTS = ("postgres", "mysql", "sqlite")


@dataclass(frozen=True)
class CompileResult:
    """The IR when the contract compiled, and every diagnostic either way."""

    contract: Contract | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.contract is not None and not any(d.is_error for d in self.diagnostics)


def compile_contract(
    spec_path: str,
    sql_paths: Sequence[str] = (),
    dialect: str = "postgres",
    mapping_path: str | None = None,
    *,
    bundle: bool = True,
    policy: Policy = DEFAULT_POLICY,
) -> CompileResult:
    """Compile a spec and its SQL (optional: inferred from the spec when absent) into the IR.

    An invalid document is still bound and type-checked where its structure allows, so one run
    reports every error; the result is `ok` only when no error is left after `policy`.
    `bundle=False` is for callers that only want diagnostics: `Contract.bundled_spec` stays empty,
    and a folder of migrations is not frozen file by file for `Contract.migrations`.
    """
    sink = DiagnosticSink()
    document = load_document(spec_path, sink)
    if document is None:
        return CompileResult(None, policy.apply(sink.sorted()))
    ignores = spec_ignores(document, sink)
    validate_document(document, sink)
    mapping = load_mapping(mapping_path, sink) if mapping_path else None
    analyse = partial(
        _analyse, document, spec_path, sql_paths, dialect, mapping_path, mapping, sink, bundle
    )
    contract = None
    if not sink.has_errors:
        contract = analyse()
    elif structurally_usable(document):
        contract = _analyse_invalid(analyse, document, sink)
    if contract is not None and bundle:
        contract = replace(contract, bundled_spec=bundle_text(document))
    return CompileResult(contract, policy.apply(sink.sorted(), ignores.covers))


def structurally_usable(document: Document) -> bool:
    """Whether an invalid document still has the shape analysis walks: mappings where expected."""
    root = document.root
    return all(isinstance(root.get(key, {}), dict) for key in ("paths", "components"))


def _analyse_invalid(
    analyse: Callable[[], Contract], document: Document, sink: DiagnosticSink
) -> Contract | None:
    """Bind and type-check a document that failed validation, as far as its broken parts allow.

    A valid document that crashes a stage is a bug and must surface; an invalid one may break a
    stage's assumptions anywhere, so the analysis then stops with a note and the errors found.
    """
    try:
        return analyse()
    except Exception as exc:  # the input is known to be invalid (see the docstring)
        sink.info(
            "CC201",
            f"analysis of the invalid document stopped early ({type(exc).__name__})",
            document.locate(""),
            hint="fix the validation errors and check again for the remaining findings",
        )
        return None


def _analyse(
    document: Document,
    spec_path: str,
    sql_paths: Sequence[str],
    dialect: str,
    mapping_path: str | None,
    mapping: dict[str, Any] | None,
    sink: DiagnosticSink,
    series: bool,
) -> Contract:
    """Parse the SQL (or infer it), bind the operations, type-check them, and build the IR."""
    models = build_models(document, sink)
    if sql_paths:
        # imported here: the SQL front end (sqlglot) is a tenth of a spec-only check's time
        from compiler.sql.parser import parse_schema_series

        database, versions = parse_schema_series(sql_paths, dialect, sink, series=series)
    else:
        database, versions = infer_database(document, models, sink), ()
    api = bind_api(document, models, database, mapping, sink)
    if database.inferred:
        sink.info(
            "CC405",
            "no SQL given: tables are inferred from the spec, so the spec is not checked against them",
            document.locate(""),
            hint="pass the schema's SQL files to check the contract against the real tables",
        )
    else:
        database = declare_server_filled(api, database, document, mapping, mapping_path or "", sink)
        typecheck(api, database, document, sink)
        api = bound_by_columns(record_conventions(api, database), database)
    return Contract(
        api=api,
        database=database,
        bundled_spec="",
        sources=source_files(spec_path, sql_paths, mapping_path),
        compiler_version=__version__,
        migrations=_migrations(database, versions),
    )


def _migrations(
    database: Database, series: tuple[tuple[str, Database], ...]
) -> tuple[Migration, ...]:
    """The user's migration files one to one, when given; else one migration creating `database`
    (`build` appends the folder's schema history)."""
    if not series:
        return plan_migrations((database,))
    schemas = [schema for _, schema in series[:-1]] + [database]  # the last as finished
    return plan_migrations(schemas, [path for path, _ in series])


def infer_schema(spec_path: str) -> tuple[Database | None, tuple[Diagnostic, ...]]:
    """The tables a spec implies, for teams that have no SQL yet (`contractc schema`)."""
    sink = DiagnosticSink()
    document = load_document(spec_path, sink)
    if document is None:
        return None, sink.sorted()
    validate_document(document, sink)
    if sink.has_errors:
        return None, sink.sorted()
    database = infer_database(document, build_models(document, sink), sink)
    return database, sink.sorted()


def bundle_text(document: Document) -> str:
    """The spec as one JSON document, as shipped inside generated projects."""
    return json.dumps(document.root, indent=2, ensure_ascii=False) + "\n"


def source_files(
    spec_path: str, sql_paths: Sequence[str], mapping_path: str | None
) -> tuple[SourceFile, ...]:
    """Every input file with its content hash (folders expand to their .sql files)."""
    paths: list[Path] = [Path(spec_path)]
    for sql in sql_paths:
        p = Path(sql)
        paths.extend(sorted(p.glob("*.sql")) if p.is_dir() else [p])
    if mapping_path:
        paths.append(Path(mapping_path))
    return tuple(SourceFile(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths)
