"""Writing is a transaction: stage every new file beside its target, then rename them all in.

Every output folder of a build is staged first: new contents go to `<name>.contractc-new`, orphans
are moved aside to `<name>.contractc-old`. A failure while staging undoes all of it (staged files,
moved orphans, created folders) and leaves every previous output exactly as it was. Only then are
the staged files renamed over their targets, one `rename` each, and the manifests last, so an
interrupted swap is seen as hand edits, never trusted silently.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler import __version__
from compiler.ir import SourceFile
from compiler.output.manifest import MANIFEST_NAME, FileRecord, Manifest, content_hash
from compiler.output.plan import Action, Plan
from emitters.base import Runtime

STAGED_SUFFIX = ".contractc-new"
ASIDE_SUFFIX = ".contractc-old"


class OutputError(Exception):
    """The output could not be written; the previous output is intact."""


@dataclass(frozen=True)
class WriteJob:
    """One output folder to write: its plan and what its manifest records."""

    plan: Plan
    target: str
    runtime: Runtime
    inputs: tuple[SourceFile, ...]
    fingerprint: str = ""
    schemas: tuple[dict[str, Any], ...] = ()  # the schema history the manifest records


@dataclass
class _Transaction:
    renames: list[tuple[Path, Path]] = field(default_factory=list)  # staged -> final
    manifests: list[tuple[Path, Path]] = field(default_factory=list)
    aside: list[tuple[Path, Path]] = field(default_factory=list)  # moved orphan -> original
    created_dirs: list[Path] = field(default_factory=list)

    def stage(self, final: Path, content: str, executable: bool) -> Path:
        if final.is_dir() and not final.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "a folder stands there", str(final))
        self._make_parents(final.parent)
        staged = final.with_name(final.name + STAGED_SUFFIX)
        write_staged(staged, content, executable)
        return staged

    def move_aside(self, path: Path) -> None:
        aside = path.with_name(path.name + ASIDE_SUFFIX)
        os.replace(path, aside)
        self.aside.append((aside, path))

    def roll_back(self) -> None:
        for staged, _ in self.renames + self.manifests:
            staged.unlink(missing_ok=True)
        for aside, original in reversed(self.aside):
            os.replace(aside, original)
        for directory in reversed(self.created_dirs):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()

    def commit(self, roots: Sequence[Path]) -> None:
        for staged, final in self.renames + self.manifests:
            os.replace(staged, final)
        for aside, original in self.aside:
            aside.unlink(missing_ok=True)
            root = next(r for r in roots if original.is_relative_to(r))
            _prune_empty_parents(root, original)

    def _make_parents(self, directory: Path) -> None:
        missing = []
        while not directory.exists():
            missing.append(directory)
            directory = directory.parent
        for folder in reversed(missing):
            folder.mkdir()
            self.created_dirs.append(folder)


def write_staged(path: Path, content: str, executable: bool) -> None:
    """Write one staged file (a separate function so tests can make a write fail)."""
    path.write_text(content, encoding="utf-8", newline="")
    if executable:
        path.chmod(0o755)


def apply_plan(
    plan: Plan, target: str, runtime: Runtime, inputs: tuple[SourceFile, ...]
) -> Manifest:
    """Carry out one plan that has no blocked steps; returns the manifest written."""
    return apply_plans([WriteJob(plan, target, runtime, inputs)])[0]


def apply_plans(jobs: Sequence[WriteJob]) -> list[Manifest]:
    """Write every folder or, on any failure, none of them (raises OutputError)."""
    blocked = [step.path for job in jobs for step in job.plan.blocked]
    if blocked:
        raise OutputError(f"hand-edited or foreign files ({', '.join(blocked)}); nothing written")
    transaction = _Transaction()
    manifests = []
    try:
        for job in jobs:
            manifests.append(_stage_job(transaction, job))
    except OSError as exc:
        transaction.roll_back()
        where = exc.filename or "the output folder"
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}; nothing written") from None
    transaction.commit([job.plan.out_dir for job in jobs])
    return manifests


def _stage_job(transaction: _Transaction, job: WriteJob) -> Manifest:
    out_dir = job.plan.out_dir
    for step in job.plan.with_action(Action.CREATE, Action.UPDATE):
        assert step.file is not None
        final = out_dir / step.path
        staged = transaction.stage(final, step.file.content, step.file.executable)
        transaction.renames.append((staged, final))
    for step in job.plan.with_action(Action.REMOVE):
        transaction.move_aside(out_dir / step.path)
    manifest = _manifest_for(job)
    final = out_dir / MANIFEST_NAME
    transaction.manifests.append((transaction.stage(final, manifest.to_json(), False), final))
    return manifest


def _manifest_for(job: WriteJob) -> Manifest:
    files: dict[str, FileRecord] = {}
    previous = job.plan.previous.files if job.plan.previous else {}
    for step in job.plan.steps:
        if step.file is None:
            if step.action is Action.KEEP_ORPHAN:
                files[step.path] = previous[step.path]
            continue
        if step.action in (Action.KEEP_USER, Action.KEEP_WRITTEN) and step.path in previous:
            files[step.path] = previous[step.path]
            continue
        digest = content_hash(step.file.content.encode("utf-8"))
        files[step.path] = FileRecord(digest, step.file.user_owned)
    return Manifest(
        job.target, __version__, job.inputs, job.runtime, files, job.fingerprint, job.schemas
    )


def _prune_empty_parents(root: Path, removed: Path) -> None:
    parent = removed.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
