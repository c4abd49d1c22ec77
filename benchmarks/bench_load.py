"""Load + validate the largest corpus specs, cold and warm cache, each in a fresh process.

Prints, per spec and cache state (cold: empty cache; warm: the same inputs again): seconds for
load_document, validate_document, their sum, the whole process (interpreter start and imports
included), the process's CPU seconds (steadier than wall time on a busy machine) and peak RSS.
The cache holds parsed large YAML files and validation findings (compiler/openapi/cache.py). Skips when
../shared/corpus is absent. Run: python3 benchmarks/bench_load.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "large-specs"
SPECS = ("stripe_spec3_2023-09-12.yaml", "github_api.github.com_octokit_2022-07-18.json")

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from compiler.diagnostics import DiagnosticSink
from compiler.openapi.loader import load_document
from compiler.openapi.validate import validate_document
imported = time.perf_counter()
sink = DiagnosticSink()
document = load_document(sys.argv[1], sink)
loaded = time.perf_counter()
validate_document(document, sink)
validated = time.perf_counter()
print(json.dumps({
    "imports": imported - started, "load": loaded - imported, "validate": validated - loaded,
    "errors": sum(d.is_error for d in sink.sorted()),
    "cpu": resource.getrusage(resource.RUSAGE_SELF).ru_utime
           + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_once(spec: Path, cache_home: str) -> dict[str, float]:
    """One fresh process: load + validate `spec` with the cache under `cache_home`."""
    env = {**os.environ, "XDG_CACHE_HOME": cache_home, "PYTHONPATH": str(ROOT)}
    env.pop("CONTRACTC_NO_CACHE", None)
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", CHILD, str(spec)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(output)
    result["process"] = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best is shown")
    repeat = parser.parse_args().repeat
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not present")
        return 0
    print(
        f"{'spec':<48} {'cache':<5} {'load':>6} {'valid.':>6} {'l+v':>6} {'process':>7} "
        f"{'CPU s':>6} {'RSS MB':>7}"
    )
    for name in SPECS:
        spec = CORPUS / name
        cold: list[dict[str, float]] = []
        warm: list[dict[str, float]] = []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as cache_home:
                cold.append(run_once(spec, cache_home))
                warm.append(run_once(spec, cache_home))
        for label, runs in (("cold", cold), ("warm", warm)):
            best = min(runs, key=lambda r: r["load"] + r["validate"])
            print(
                f"{name:<48} {label:<5} {best['load']:6.2f} {best['validate']:6.2f} "
                f"{best['load'] + best['validate']:6.2f} {best['process']:7.2f} "
                f"{best['cpu']:6.2f} {best['peak_rss_mb']:7.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
