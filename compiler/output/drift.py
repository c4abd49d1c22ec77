"""`contractc drift`: is a generated folder what the contract would produce now?"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from compiler.diagnostics import DiagnosticSink, Location
from compiler.output.plan import Action, Plan
from emitters.base import UserCodeFinding

USER_CODE_CODE = "CC514"

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
_DIFFED = frozenset({Action.UPDATE, Action.HAND_EDITED, Action.CREATE, Action.REMOVE})


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
        elif step.action is Action.KEEP_ORPHAN:
            hint = "keep what you need in a user-owned file, delete this one, then " + hint
        elif step.action is Action.FOREIGN:
            hint = "move the file away (or rebuild with --force to replace it), then " + hint
        sink.error(code, message, Location(str(plan.out_dir / step.path)), hint)


def user_code_findings(
    out_dir: Path, findings: Iterable[UserCodeFinding], sink: DiagnosticSink
) -> None:
    """User-owned code that no longer fits the generated interface, as CC514 diagnostics."""
    for finding in findings:
        location = Location(str(out_dir / finding.path), finding.line)
        sink.error(USER_CODE_CODE, finding.message, location, finding.hint)


def unified_diffs(plan: Plan) -> str:
    """Unified diffs from what is on disk to what a build would write (user files excluded)."""
    chunks: list[str] = []
    for step in plan.steps:
        if step.action not in _DIFFED or (step.file is not None and step.file.user_owned):
            continue
        target = plan.out_dir / step.path
        old = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else ""
        new = step.file.content if step.file is not None else ""
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{step.path}" if old else "/dev/null",
                tofile=f"b/{step.path}" if step.file is not None else "/dev/null",
            )
        )
    return "".join(chunks)
