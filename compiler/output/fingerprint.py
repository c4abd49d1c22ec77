"""What decides a render, as one hash: the generator's own code, the target, the inputs, the dialect.

Output is deterministic, so a folder whose manifest carries the fingerprint of the current render
and whose files still have their recorded hashes is up to date without rendering it again. That is
the fast path of `contractc drift` on large contracts; any mismatch falls back to a full render.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import compiler
import emitters
from compiler.ir import Contract
from compiler.output.manifest import Manifest, content_hash
from compiler.output.plan import Action, Plan, Step
from emitters.base import GeneratedFile

_SOURCE_SUFFIXES = frozenset({".py", ".j2", ".json", ".yaml", ".sum", ".requires", ".txt"})


@cache
def generator_digest() -> str:
    """SHA-256 over every source and template file of the compiler and the emitters."""
    digest = hashlib.sha256()
    for package in (compiler, emitters):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def render_fingerprint(contract: Contract, target: str) -> str:
    """The fingerprint a render of `contract` for `target` has now."""
    parts = [generator_digest(), target, contract.database.dialect]
    parts += [f"{source.path}={source.sha256}" for source in contract.sources]
    return content_hash("\n".join(parts).encode())


def unchanged_plan(out_dir: Path, manifest: Manifest | None, fingerprint: str) -> Plan | None:
    """A plan with nothing to do when `out_dir` is exactly what the last build wrote, else None.

    Every generated file must be on disk with its recorded hash; the generated files come back as
    the plan's files (read from disk), so checks of user code can run without a render.
    """
    if manifest is None or not manifest.fingerprint or manifest.fingerprint != fingerprint:
        return None
    steps = []
    for path, record in sorted(manifest.files.items()):
        target = out_dir / path
        if record.user_owned:
            steps.append(Step(path, Action.KEEP_USER, GeneratedFile(path, "", user_owned=True)))
            continue
        try:
            data = target.read_bytes()
        except OSError:
            return None
        if content_hash(data) != record.sha256:
            return None
        content = data.decode("utf-8", errors="replace")
        steps.append(Step(path, Action.UNCHANGED, GeneratedFile(path, content)))
    return Plan(out_dir, tuple(steps), manifest)
