"""Migration steps between two schemas: what changed, in what order, and which steps are risky."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import database

from compiler.ir.snapshot import from_snapshot, to_snapshot
from compiler.plan.schema_diff import StepKind, migration_steps

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
V1 = """
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE owners (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE TABLE pets (
    id SERIAL PRIMARY KEY,
    owner_id INTEGER REFERENCES owners (id),
    name VARCHAR(50) NOT NULL,
    nickname TEXT,
    age SMALLINT,
    mood mood
);
"""


def _steps(v2: str) -> list[tuple[StepKind, str, str]]:
    return [
        (s.kind, s.table or (s.enum.name if s.enum else ""), s.risk)
        for s in migration_steps(database(V1), database(v2))
    ]


def test_the_same_schema_needs_no_step() -> None:
    assert _steps(V1) == []


def test_additions_are_safe_and_come_in_dependency_order() -> None:
    v2 = (
        V1.replace("mood mood\n", "mood mood, vet_id INTEGER REFERENCES vets (id)\n")
        .replace(
            "CREATE TABLE pets", "CREATE TABLE vets (id SERIAL PRIMARY KEY);\nCREATE TABLE pets"
        )
        .replace("'sad'", "'sad', 'sleepy'")
        + "CREATE INDEX pets_name_idx ON pets (name);\n"
    )
    assert _steps(v2) == [
        (StepKind.ADD_ENUM_VALUES, "mood", ""),
        (StepKind.CREATE_TABLE, "vets", ""),
        (StepKind.ADD_COLUMN, "pets", ""),
        (StepKind.ADD_FOREIGN_KEY, "pets", ""),
        (StepKind.CREATE_INDEX, "pets", ""),
    ]


def test_widening_a_type_is_safe_and_narrowing_is_risky() -> None:
    wider = V1.replace(
        "name VARCHAR(50) NOT NULL,\n    nickname", "name TEXT NOT NULL,\n    nickname"
    )
    assert _steps(wider) == [(StepKind.ALTER_COLUMN, "pets", "")]
    narrower = V1.replace("nickname TEXT", "nickname VARCHAR(10)")
    ((kind, _, risk),) = _steps(narrower)
    assert kind is StepKind.ALTER_COLUMN and risk == (
        "changes TEXT to VARCHAR(10): existing values may not fit"
    )


@pytest.mark.parametrize(
    ("v2", "kind", "risk"),
    [
        (V1.replace("    nickname TEXT,\n", ""), StepKind.DROP_COLUMN, "drops the column"),
        (V1.replace("nickname TEXT", "nickname TEXT NOT NULL"), StepKind.ALTER_COLUMN, "backfill"),
        (V1.replace("mood mood\n", "mood mood, chip TEXT NOT NULL\n"), StepKind.ADD_COLUMN, "rows"),
        (V1 + "ALTER TABLE pets ADD UNIQUE (name);", StepKind.ADD_UNIQUE, "duplicates"),
        (V1.replace("'happy', ", ""), StepKind.REMOVE_ENUM_VALUES, "removed value"),
        (
            V1.replace("age SMALLINT,", "age SMALLINT CHECK (age >= 0),"),
            StepKind.ADD_CHECK,
            "violate",
        ),
    ],
    ids=[
        "drop-column",
        "set-not-null",
        "add-not-null",
        "add-unique",
        "remove-enum-value",
        "add-check",
    ],
)
def test_steps_that_may_lose_data_or_fail_on_existing_rows_say_why(
    v2: str, kind: StepKind, risk: str
) -> None:
    risky = [(k, r) for k, _, r in _steps(v2) if r]
    assert len(risky) == 1 and risky[0][0] is kind and risk in risky[0][1]


def test_a_dropped_table_goes_after_its_dependants() -> None:
    v2 = V1[: V1.index("CREATE TABLE pets")]
    v1_without_owner_fk = database(V1)
    steps = [(s.kind, s.table) for s in migration_steps(v1_without_owner_fk, database(v2))]
    assert steps == [(StepKind.DROP_TABLE, "pets")]


def test_a_changed_check_is_dropped_then_added_and_a_dropped_one_is_safe() -> None:
    checked = V1.replace("age SMALLINT,", "age SMALLINT CHECK (age >= 0),")
    wider = checked.replace("age >= 0", "age >= -1")
    before, after = database(checked), database(wider)
    steps = [(s.kind, s.check.condition if s.check else "") for s in migration_steps(before, after)]
    assert steps == [(StepKind.DROP_CHECK, "age >= 0"), (StepKind.ADD_CHECK, "age >= -1")]
    assert [s.risk for s in migration_steps(before, database(V1))] == [""]


@pytest.mark.parametrize("pair", ["petstore", "clinic", "library", "shop", "torture"])
def test_a_snapshot_reads_back_as_the_same_schema(pair: str) -> None:
    schema = database((CONTRACTS / pair / "schema.sql").read_text(encoding="utf-8"))
    snapshot = json.loads(json.dumps(to_snapshot(schema)))
    back = from_snapshot(snapshot)
    assert to_snapshot(back) == snapshot
    assert migration_steps(schema, back) == ()


def test_a_malformed_snapshot_is_refused() -> None:
    with pytest.raises((TypeError, ValueError, KeyError)):
        from_snapshot({"dialect": "postgres", "tables": [{"name": 3}]})
