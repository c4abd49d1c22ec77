"""`contractc drift`: is a generated folder what the contract would produce now?"""

from __future__ import annotations

import difflib

from compiler.diagnostics import DiagnosticSink, Location
from compiler.output.plan import Action, Plan

_FINDINGS = {
    Action.UPDATE: (
        "CC510",
        "generated file is stale: the contract now produces different content",
    ),
    Action.HAND_EDITED: ("CC511", "generated file was edited by hand"),
    Action.CREATE: ("CC512", "file the contract produces is missing"),
    Action.REMOVE: ("CC513", "orphan: generated before, no longer produced"),
    Action.KEEP_ORPHAN: ("CC513", "orphan: generated before, no longer produced, edited since"),
    Action.FOREIGN: ("CC515", "a file contractc did not write stands where it would write"),
}


def drift_findings(plan: Plan, rebuild_command: str, sink: DiagnosticSink) -> None:
    """One diagnostic per file that differs from a fresh render."""
    for step in plan.steps:
        finding = _FINDINGS.get(step.action)
        if finding is None or (step.action is Action.CREATE and step.file and step.file.user_owned):
            continue
        code, message = finding
        hint = f"run `{rebuild_command}`"
        if step.action is Action.HAND_EDITED:
            hint = "move the change into a user-owned file or the contract, then " + hint
        sink.error(code, message, Location(str(plan.out_dir / step.path)), hint)


def unified_diffs(plan: Plan) -> str:
    """Unified diffs from what is on disk to what a build would write."""
    chunks = []
    for step in plan.steps:
        if (
            step.action not in (Action.UPDATE, Action.HAND_EDITED, Action.CREATE)
            or step.file is None
        ):
            continue
        if step.file.user_owned:
            continue
        target = plan.out_dir / step.path
        old = target.read_text(encoding="utf-8", errors="replace") if target.exists() else ""
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                step.file.content.splitlines(keepends=True),
                fromfile=f"a/{step.path}",
                tofile=f"b/{step.path}",
            )
        )
    return "".join(chunks)
