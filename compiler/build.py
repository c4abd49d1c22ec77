"""Render a contract for one or more targets and plan, check or write each output folder.

Several targets render on a thread pool: a render spends much of its time in subprocesses (ruff
for FastAPI) and in I/O, which threads overlap; processes cost more to start and to send the
contract to than they save (benchmarks/bench_drift.py --targets measures the three).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compiler.ir import Contract
from compiler.output.fingerprint import render_fingerprint, unchanged_plan
from compiler.output.plan import Plan, plan_output, previous_manifest
from compiler.output.progress import ProgressCallback
from compiler.output.writer import WriteJob, apply_plans
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
    shared_tests = cache(lambda: render_contract_tests(contract))

    def one(target: str) -> TargetOutput:
        started = time.perf_counter()
        folder = output_dir(out, target, targets)
        fingerprint = render_fingerprint(contract, target)
        plan = None
        if trust_manifest:
            plan = unchanged_plan(folder, previous_manifest(folder), fingerprint)
        if plan is None:
            files = _render_project(contract, target) + shared_tests()
            plan = plan_output(folder, files)
        else:
            files = tuple(step.file for step in plan.steps if step.file is not None)
        findings = _user_code(contract, target, files, folder) if check_user_code else ()
        if progress is not None:
            progress(target, "rendered", time.perf_counter() - started)
        return TargetOutput(target, folder, files, plan, findings, fingerprint)

    if len(targets) == 1:
        return [one(targets[0])]
    with ThreadPoolExecutor(max_workers=len(targets), thread_name_prefix="render") as pool:
        return list(pool.map(one, targets))


def write_targets(contract: Contract, outputs: list[TargetOutput]) -> None:
    """Write every planned target or none (raises OutputError, leaving the old trees intact)."""
    emitters = available_targets()
    apply_plans(
        [
            WriteJob(
                o.plan, o.target, emitters[o.target].runtime(), contract.sources, o.fingerprint
            )
            for o in outputs
        ]
    )


def write_target(contract: Contract, output: TargetOutput) -> None:
    """Write one planned target (raises OutputError, leaving the old tree intact)."""
    write_targets(contract, [output])


def _render_project(contract: Contract, target: str) -> tuple[GeneratedFile, ...]:
    return available_targets()[target].render(contract, inputs_label(contract))


def _user_code(
    contract: Contract, target: str, files: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    emitter = available_targets()[target]
    if not isinstance(emitter, ChecksUserCode) or not out_dir.is_dir():
        return ()
    return emitter.check_user_code(contract, files, out_dir)
