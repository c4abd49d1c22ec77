"""The schemas an output folder was built for, and what a rebuild changes in its tables.

The manifest records every schema version the folder was built for (snapshots, oldest first);
the targets' migrations follow that history (`compiler.plan.migrations`). A rebuild with another
schema appends one and reports the change: a step that may lose data or fail on existing rows is
CC601 (an error the policy can downgrade: consent), and CC602 notes the migration appended.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.database import Database
from compiler.ir.snapshot import from_snapshot, records_seeds, to_snapshot
from compiler.output.manifest import Manifest
from compiler.plan.schema_diff import MigrationStep, StepKind, describe, migration_steps


def recorded_schema(manifest: Manifest | None) -> Database | None:
    """The schema of the folder's last build; None before the first, or when unreadable."""
    if manifest is None or not manifest.schemas:
        return None
    return _readable(manifest.schemas[-1])


def schema_versions(manifest: Manifest | None, database: Database) -> tuple[Database, ...]:
    """Every schema the folder was built for (unreadable records skipped), then `database`.

    A record from before seed rows were recorded is taken to hold the seed rows of the version
    after it: rows its migrations inserted are never inserted again.
    """
    recorded = manifest.schemas if manifest is not None else ()
    versions = [database]
    for snapshot in reversed(recorded):
        schema = _readable(snapshot)
        if schema is not None and not records_seeds(snapshot):
            schema = replace(schema, seeds=versions[0].seeds)
        if schema is not None:
            versions.insert(0, schema)
    return tuple(versions)


def schema_history(manifest: Manifest | None, database: Database) -> tuple[dict[str, Any], ...]:
    """The folder's schema history after building for `database`."""
    history = manifest.schemas if manifest is not None else ()
    current = to_snapshot(database)
    return history if history and history[-1] == current else (*history, current)


def schema_steps(manifest: Manifest | None, database: Database) -> tuple[MigrationStep, ...]:
    """What building for `database` changes since the folder's last build."""
    previous = recorded_schema(manifest)
    return migration_steps(previous, database) if previous is not None else ()


def schema_change_findings(
    out_dir: Path, steps: tuple[MigrationStep, ...], database: Database, sink: DiagnosticSink
) -> None:
    """CC601 for each risky step of a rebuild, CC602 (a note) for the change as a whole."""
    if not steps:
        return
    for step in steps:
        if step.risk:
            sink.error(
                "CC601",
                f"{out_dir}: {describe(step)} {step.risk}",
                _where(step, database),
                hint="if that is intended, allow it: --allow-destructive (or the project's policy)",
            )
    changes = ", ".join(describe(s) for s in steps[:5]) + (", …" if len(steps) > 5 else "")
    sink.info(
        "CC602",
        f"{out_dir}: the schema changed since the last build ({changes}); a migration is"
        " appended, so existing databases are migrated when the server starts (or by the"
        " project's migrate command)",
        Location(str(out_dir)),
        hint="review the appended migration before deploying",
    )


def _where(step: MigrationStep, database: Database) -> Location:
    if step.column is not None and step.kind is not StepKind.DROP_COLUMN:
        return step.column.location
    table = database.table(step.table)
    return table.location if table is not None else Location(step.table or "schema")


def _readable(snapshot: dict[str, Any]) -> Database | None:
    try:
        return from_snapshot(snapshot)
    except (TypeError, ValueError, KeyError):
        return None
