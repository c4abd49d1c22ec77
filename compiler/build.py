"""Render a contract for one or more targets and plan, check or write each output folder.

Several targets render in forked worker processes, one per CPU: rendering is CPU-bound Python, so
threads would share one core through the GIL. A forked worker inherits the contract instead of
receiving a pickled copy; only the rendered files travel back. The parent renders the contract
tests (shared by every target) meanwhile. Where `fork` is not available, targets render in turn.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from compiler.ir import Contract
from compiler.output.fingerprint import render_fingerprint, unchanged_plan
from compiler.output.manifest import Manifest
from compiler.output.plan import Plan, plan_output, previous_manifest
from compiler.output.progress import ProgressCallback
from compiler.output.schema_history import schema_history, schema_steps, schema_versions
from compiler.output.writer import WriteJob, apply_plans
from compiler.plan.migrations import plan_migrations
from compiler.plan.schema_diff import MigrationStep
from compiler.targets import available_targets
from emitters.base import ChecksUserCode, GeneratedFile, UserCodeFinding
from emitters.contract_tests import render_contract_tests


@dataclass(frozen=True)
class TargetOutput:
    target: str
    out_dir: Path
    files: tuple[GeneratedFile, ...]
    plan: Plan
    user_code: tuple[UserCodeFinding, ...] = ()
    fingerprint: str = ""
    schema_steps: tuple[MigrationStep, ...] = ()  # what changed in the tables since the last build
    schemas: tuple[dict[str, Any], ...] = ()  # the schema history its manifest will record


def inputs_label(contract: Contract) -> str:
    """How generated headers name the inputs: `openapi.yaml, schema.sql`."""
    return ", ".join(source.path for source in contract.sources)


def render_target(contract: Contract, target: str) -> tuple[GeneratedFile, ...]:
    """Every file of one target's project, its contract tests included, in memory."""
    return _render_project(contract, target) + render_contract_tests(contract)


def output_dir(out: Path, target: str, targets: list[str]) -> Path:
    """One target writes into `out`; several write into `out/<target>` each."""
    return out / target if len(targets) > 1 else out


def plan_targets(
    contract: Contract,
    targets: list[str],
    out: Path,
    *,
    check_user_code: bool = False,
    trust_manifest: bool = False,
    progress: ProgressCallback | None = None,
) -> list[TargetOutput]:
    """Render and plan each target (in parallel when there are several), in `targets` order.

    With `trust_manifest`, a folder whose manifest has the current render fingerprint and whose
    files all keep their recorded hashes is planned from disk, without rendering (`drift`).
    """
    plans: dict[str, tuple[Plan, tuple[GeneratedFile, ...]]] = {}
    fingerprints = {target: render_fingerprint(contract, target) for target in targets}
    if trust_manifest:
        for target in targets:
            folder = output_dir(out, target, targets)
            plan = unchanged_plan(folder, previous_manifest(folder), fingerprints[target])
            if plan is not None:
                files = tuple(step.file for step in plan.steps if step.file is not None)
                plans[target] = (plan, files)
    to_render = {
        target: _with_migrations(contract, previous_manifest(output_dir(out, target, targets)))
        for target in targets
        if target not in plans
    }
    shared_tests = cache(lambda: render_contract_tests(contract))
    for target, project, seconds in _render_projects(to_render, shared_tests):
        files = project + shared_tests()
        plans[target] = (plan_output(output_dir(out, target, targets), files), files)
        if progress is not None:
            progress(target, "rendered", seconds)
    outputs = []
    for target in targets:
        plan, files = plans[target]
        folder = output_dir(out, target, targets)
        findings = _user_code(contract, target, files, folder) if check_user_code else ()
        database = contract.database
        outputs.append(
            TargetOutput(
                target,
                folder,
                files,
                plan,
                findings,
                fingerprints[target],
                schema_steps(plan.previous, database),
                schema_history(plan.previous, database),
            )
        )
    return outputs


def write_targets(contract: Contract, outputs: list[TargetOutput]) -> None:
    """Write every planned target or none (raises OutputError, leaving the old trees intact)."""
    emitters = available_targets()
    apply_plans(
        [
            WriteJob(
                o.plan,
                o.target,
                emitters[o.target].runtime(),
                contract.sources,
                o.fingerprint,
                o.schemas,
            )
            for o in outputs
        ]
    )


def write_target(contract: Contract, output: TargetOutput) -> None:
    """Write one planned target (raises OutputError, leaving the old tree intact)."""
    write_targets(contract, [output])


def _render_project(contract: Contract, target: str) -> tuple[GeneratedFile, ...]:
    return available_targets()[target].render(contract, inputs_label(contract))


def _with_migrations(contract: Contract, manifest: Manifest | None) -> Contract:
    """`contract` with the migrations of the folder `manifest` describes: appended, never redone
    (unless they follow the user's own migration files)."""
    if any(migration.source for migration in contract.migrations):
        return contract
    schemas = schema_versions(manifest, contract.database)
    return replace(contract, migrations=plan_migrations(schemas))


RenderedProject = tuple[str, tuple[GeneratedFile, ...], float]  # target, files, seconds


def _render_projects(
    contracts: dict[str, Contract], meanwhile: Callable[[], object]
) -> Iterator[RenderedProject]:
    """Each target's own files, in `contracts` order: on forked workers when there are several.

    `meanwhile` runs in this process while the workers render (first, when there are none).
    """
    workers = min(len(contracts), _cpus())
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        if contracts:
            meanwhile()
        for target, contract in contracts.items():
            yield _timed_render(contract, target)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, _adopt_contracts, (contracts,)) as pool:
        rendered = pool.map(_render_adopted, contracts)
        meanwhile()
        yield from rendered


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _timed_render(contract: Contract, target: str) -> RenderedProject:
    started = time.perf_counter()
    files = _render_project(contract, target)
    return target, files, time.perf_counter() - started


_adopted: dict[str, Contract] = {}  # in a forked worker: each target's contract it inherited


def _adopt_contracts(contracts: dict[str, Contract]) -> None:
    _adopted.update(contracts)


def _render_adopted(target: str) -> RenderedProject:
    return _timed_render(_adopted[target], target)


def _user_code(
    contract: Contract, target: str, files: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    emitter = available_targets()[target]
    if not isinstance(emitter, ChecksUserCode) or not out_dir.is_dir():
        return ()
    return emitter.check_user_code(contract, files, out_dir)
