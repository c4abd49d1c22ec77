"""The machine-readable summary of a build (`contractc build --format json`), for CI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compiler.output.plan import Action

if TYPE_CHECKING:
    from compiler.build import TargetOutput

_QUIET = (Action.UNCHANGED, Action.KEEP_USER, Action.KEEP_WRITTEN)


def build_summary(outputs: list[TargetOutput], dry_run: bool, refused: bool) -> dict[str, Any]:
    """What a build did (or would do) per target: counts, changed paths, blocks, user-code issues."""
    return {
        "ok": not refused,
        "dry_run": dry_run,
        "written": not (dry_run or refused),
        "targets": [
            {
                "target": o.target,
                "out": str(o.out_dir),
                "counts": {a.value: len(o.plan.with_action(a)) for a in Action},
                "changes": {s.path: s.action.value for s in o.plan.steps if s.action not in _QUIET},
                "blocked": [s.path for s in o.plan.blocked],
                "user_code": [
                    {"file": f.path, "line": f.line, "message": f.message, "hint": f.hint}
                    for f in o.user_code
                ],
            }
            for o in outputs
        ],
    }
