"""Every target writes byte-identical files from the same inputs, whatever the process.

Rendering twice in one process cannot see what varies between processes (set and dict order of
hashed strings, `PYTHONHASHSEED`), which is exactly what breaks drift checks on a user's machine;
so each render here runs in a process of its own, with a different hash seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from compiler.targets import available_targets
from tests.pairs import CLEAN_PAIRS, pair_files

ROOT = Path(__file__).resolve().parents[2]

RENDER_ALL = """
import hashlib, json, sys
from compiler.build import render_target
from compiler.pipeline import compile_contract

digests = {}
for spec, schema, target in json.loads(sys.argv[1]):
    contract = compile_contract(spec, [schema]).contract
    for f in render_target(contract, target):
        digests[f"{target}:{spec}:{f.path}"] = hashlib.sha256(f.content.encode()).hexdigest()
print(json.dumps(digests, sort_keys=True))
"""


def _render_in_process(jobs: list[tuple[str, str, str]], hash_seed: str) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", RENDER_ALL, json.dumps(jobs)],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_every_target_renders_the_same_bytes_in_different_processes() -> None:
    targets = sorted(available_targets())
    assert targets == ["express", "fastapi", "gin", "spring"]
    jobs = [
        (str(spec), str(schema), target)
        for pair in CLEAN_PAIRS
        for spec, schema in [pair_files(pair)]
        for target in targets
    ]
    first, second = _render_in_process(jobs, "1"), _render_in_process(jobs, "4242")
    assert len(first) > 100 * len(targets)
    changed = sorted(
        path for path in first.keys() | second.keys() if first.get(path) != second.get(path)
    )
    assert changed == []
