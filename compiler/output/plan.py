"""Compare a rendered tree with what is on disk: the one decision behind build, --dry-run and drift."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from compiler.output.manifest import (
    MANIFEST_NAME,
    FileRecord,
    Manifest,
    ManifestError,
    content_hash,
    read_manifest,
)
from emitters.base import GeneratedFile


class Action(StrEnum):
    CREATE = "create"  # absent: write it
    UPDATE = "update"  # generated, untouched since the last build, content changed: rewrite
    UNCHANGED = "unchanged"
    KEEP_USER = "keep"  # user-owned and present: never touched
    KEEP_WRITTEN = "kept"  # write-once, present and untouched: stays as first written
    HAND_EDITED = "hand-edited"  # generated but changed by hand since the last build: refuse
    FOREIGN = "foreign"  # a file contractc did not write stands where it would write: refuse
    REMOVE = "remove"  # orphan: generated before, no longer produced, untouched: delete
    KEEP_ORPHAN = "keep-orphan"  # orphan edited by hand: left in place


BLOCKING = frozenset({Action.HAND_EDITED, Action.FOREIGN})


@dataclass(frozen=True)
class Step:
    path: str
    action: Action
    file: GeneratedFile | None = None  # None for orphans


@dataclass(frozen=True)
class Plan:
    out_dir: Path
    steps: tuple[Step, ...]
    previous: Manifest | None

    def with_action(self, *actions: Action) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.action in actions)

    @property
    def blocked(self) -> tuple[Step, ...]:
        return self.with_action(*BLOCKING)

    @property
    def changes(self) -> tuple[Step, ...]:
        return self.with_action(Action.CREATE, Action.UPDATE, Action.REMOVE)


def plan_output(out_dir: Path, files: tuple[GeneratedFile, ...]) -> Plan:
    """What writing `files` into `out_dir` would do, file by file (orphans last)."""
    previous = previous_manifest(out_dir)
    known = previous.files if previous else {}
    steps = [_step_for(out_dir, f, known.get(f.path)) for f in sorted(files, key=lambda f: f.path)]
    rendered = {f.path for f in files}
    for path, record in sorted(known.items()):
        if path in rendered or record.user_owned:
            continue
        on_disk = _read(out_dir / path)
        if on_disk is not None:
            untouched = content_hash(on_disk) == record.sha256
            steps.append(Step(path, Action.REMOVE if untouched else Action.KEEP_ORPHAN))
    return Plan(out_dir, tuple(steps), previous)


def previous_manifest(out_dir: Path) -> Manifest | None:
    """The manifest of the last build in `out_dir`; None when absent or unreadable."""
    if not (out_dir / MANIFEST_NAME).exists():
        return None
    try:
        return read_manifest(out_dir)
    except ManifestError:
        return None


def _step_for(out_dir: Path, file: GeneratedFile, record: FileRecord | None) -> Step:
    target = out_dir / file.path
    if not target.exists() and not target.is_symlink():
        return Step(file.path, Action.CREATE, file)
    if file.user_owned:
        return Step(file.path, Action.KEEP_USER, file)
    on_disk = _read(target)
    if on_disk is None:  # a folder, or a file that cannot be read, where a file belongs
        return Step(file.path, Action.FOREIGN, file)
    if on_disk == file.content.encode("utf-8"):  # cheaper than hashing both sides
        return Step(file.path, Action.UNCHANGED, file)
    if record is None:
        return Step(file.path, Action.FOREIGN, file)
    if record.sha256 != content_hash(on_disk):
        return Step(file.path, Action.HAND_EDITED, file)
    return Step(file.path, Action.KEEP_WRITTEN if file.write_once else Action.UPDATE, file)


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when nothing readable is there."""
    try:
        return path.read_bytes()
    except OSError:
        return None
