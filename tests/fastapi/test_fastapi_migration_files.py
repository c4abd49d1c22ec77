"""The Alembic revisions the FastAPI target writes: one per migration, chained, written once."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from compiler.ir import Contract, Database
from compiler.pipeline import compile_contract
from compiler.plan.migrations import plan_migrations
from emitters.base import GeneratedFile
from tests.evolution import write_version
from tests.fastapi.projects import render

SHELVES = "CREATE TABLE shelves (id SERIAL PRIMARY KEY, label VARCHAR(40) NOT NULL);\n"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Contract, tuple[Database, ...]]:
    """The evolution scenario's two schemas and a third that adds a table, compiled."""
    work = tmp_path_factory.mktemp("history")
    compiled = []
    for version in (1, 2, 3):
        spec, sql = write_version(work / f"v{version}", min(version, 2))
        if version == 3:
            sql.write_text(sql.read_text(encoding="utf-8") + SHELVES, encoding="utf-8")
        result = compile_contract(str(spec), [str(sql)])
        assert result.contract is not None, result.diagnostics
        compiled.append(result.contract)
    return compiled[-1], tuple(c.database for c in compiled)


def _revisions(contract: Contract, schemas: tuple[Database, ...]) -> dict[str, GeneratedFile]:
    files = render(replace(contract, migrations=plan_migrations(schemas)))
    return {f.path: f for f in files if f.path.startswith("migrations/versions/")}


def _assigned(source: str, name: str) -> object:
    """The literal a module assigns to `name` (`revision: str = "0002"`)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == name:
            assert node.value is not None
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned")


def test_each_migration_is_a_revision_chained_to_the_one_before(
    history: tuple[Contract, tuple[Database, ...]],
) -> None:
    contract, schemas = history
    revisions = _revisions(contract, schemas)
    assert [Path(p).name for p in revisions] == [
        "0001_initial.py",
        "0002_alter_column_books_title_and_more.py",
        "0003_create_table_shelves.py",
    ]
    chain = [
        (_assigned(f.content, "revision"), _assigned(f.content, "down_revision"))
        for f in revisions.values()
    ]
    assert chain == [("0001", None), ("0002", "0001"), ("0003", "0002")]
    added = revisions["migrations/versions/0003_create_table_shelves.py"].content
    for dialect in ("POSTGRESQL", "SQLITE"):
        statements = _assigned(added, dialect)
        assert isinstance(statements, tuple) and len(statements) == 1
        assert statements[0].strip().startswith("CREATE TABLE shelves")
    assert "has no downgrade" in added


def test_revisions_are_written_once_and_never_rewritten_by_a_longer_history(
    history: tuple[Contract, tuple[Database, ...]],
) -> None:
    contract, schemas = history
    renders = [_revisions(contract, schemas[:n]) for n in (1, 2, 3)]
    for shorter, longer in zip(renders, renders[1:], strict=False):
        assert {path: longer[path] for path in shorter} == shorter
        assert len(longer) == len(shorter) + 1
    assert all(f.write_once for f in renders[-1].values())
    others = render(replace(contract, migrations=plan_migrations(schemas)))
    assert not [f.path for f in others if f.write_once and f.path not in renders[-1]]


def test_first_revision_drops_what_it_created_not_what_the_latest_schema_has(
    history: tuple[Contract, tuple[Database, ...]],
) -> None:
    contract, schemas = history
    initial = _revisions(contract, schemas)["migrations/versions/0001_initial.py"].content
    assert _assigned(initial, "DROP_TABLES") == ("books",)
