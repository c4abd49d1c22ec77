"""Writing is a transaction: stage every new file beside its target, then rename them all in.

A failure while staging removes the staged files and leaves the previous output exactly as it was.
The manifest is written last, so an interrupted swap is seen as hand edits, never trusted silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from compiler import __version__
from compiler.ir import SourceFile
from compiler.output.manifest import MANIFEST_NAME, FileRecord, Manifest, content_hash
from compiler.output.plan import Action, Plan
from emitters.base import Runtime

_STAGED_SUFFIX = ".contractc-new"


class OutputError(Exception):
    """The output could not be written; the previous output is intact."""


def apply_plan(
    plan: Plan, target: str, runtime: Runtime, inputs: tuple[SourceFile, ...]
) -> Manifest:
    """Carry out a plan that has no blocked steps; returns the manifest written."""
    if plan.blocked:
        raise OutputError("the plan has hand-edited or foreign files; nothing was written")
    writes = plan.with_action(Action.CREATE, Action.UPDATE)
    staged = _stage(
        plan.out_dir, [(s.path, s.file.content, s.file.executable) for s in writes if s.file]
    )
    for staged_path, final_path in staged:
        os.replace(staged_path, final_path)
    for step in plan.with_action(Action.REMOVE):
        (plan.out_dir / step.path).unlink(missing_ok=True)
        _prune_empty_parents(plan.out_dir, plan.out_dir / step.path)
    manifest = _manifest_for(plan, target, runtime, inputs)
    _stage_and_swap(plan.out_dir / MANIFEST_NAME, manifest.to_json())
    return manifest


def _stage(out_dir: Path, files: list[tuple[str, str, bool]]) -> list[tuple[Path, Path]]:
    staged: list[tuple[Path, Path]] = []
    try:
        for rel, content, executable in files:
            final = out_dir / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(final.name + _STAGED_SUFFIX)
            tmp.write_text(content, encoding="utf-8", newline="")
            if executable:
                tmp.chmod(0o755)
            staged.append((tmp, final))
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return staged


def _stage_and_swap(final: Path, content: str) -> None:
    for tmp, target in _stage(final.parent, [(final.name, content, False)]):
        os.replace(tmp, target)


def _manifest_for(
    plan: Plan, target: str, runtime: Runtime, inputs: tuple[SourceFile, ...]
) -> Manifest:
    files: dict[str, FileRecord] = {}
    previous = plan.previous.files if plan.previous else {}
    for step in plan.steps:
        if step.file is None:
            if step.action is Action.KEEP_ORPHAN:
                files[step.path] = previous[step.path]
            continue
        if step.action is Action.KEEP_USER and step.path in previous:
            files[step.path] = previous[step.path]
            continue
        digest = content_hash(step.file.content.encode("utf-8"))
        files[step.path] = FileRecord(digest, step.file.user_owned)
    return Manifest(target, __version__, inputs, runtime, files)


def _prune_empty_parents(root: Path, removed: Path) -> None:
    parent = removed.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
