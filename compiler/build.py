"""Render a contract for one or more targets and plan or write each output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compiler.ir import Contract
from compiler.output.plan import Plan, plan_output
from compiler.output.writer import apply_plan
from compiler.targets import available_targets
from emitters.base import GeneratedFile
from emitters.contract_tests import render_contract_tests


@dataclass(frozen=True)
class TargetOutput:
    target: str
    out_dir: Path
    files: tuple[GeneratedFile, ...]
    plan: Plan


def inputs_label(contract: Contract) -> str:
    """How generated headers name the inputs: `openapi.yaml, schema.sql`."""
    return ", ".join(source.path for source in contract.sources)


def render_target(contract: Contract, target: str) -> tuple[GeneratedFile, ...]:
    """Every file of one target's project, its contract tests included, in memory."""
    emitter = available_targets()[target]
    return emitter.render(contract, inputs_label(contract)) + render_contract_tests(contract)


def plan_targets(contract: Contract, targets: list[str], out: Path) -> list[TargetOutput]:
    """Render and plan each target; several targets get one sub-folder each."""
    outputs = []
    for target in targets:
        out_dir = out / target if len(targets) > 1 else out
        files = render_target(contract, target)
        outputs.append(TargetOutput(target, out_dir, files, plan_output(out_dir, files)))
    return outputs


def write_target(contract: Contract, output: TargetOutput) -> None:
    """Write one planned target (raises OutputError, leaving the old tree intact)."""
    runtime = available_targets()[output.target].runtime()
    apply_plan(output.plan, output.target, runtime, contract.sources)
