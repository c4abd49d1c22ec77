"""`contractc drift` on an up-to-date Stripe-size output next to loading the inputs alone.

    python benchmarks/bench_drift.py [--target fastapi] [--runs 5] [--targets]

Each measurement is a fresh process (median of --runs, after one warm-up that fills the cache):
`check` (load, validate, bind: the inputs alone), `drift` on the folder `build` just wrote (the
fast path: fingerprint and file hashes), and `drift` after one generated file was edited (the
full render and comparison). `--targets` also times rendering every target of the clinic
contract serially, on threads and on processes, in this process. Skips cleanly when
../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRIPE = ROOT.parent / "shared" / "corpus" / "large-specs" / "stripe_spec3_2022-04-12.json"


def seconds(argv: list[str], env: dict[str, str], expect: int = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != expect:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(argv[3:5])} exited {done.returncode}: {' | '.join(tail)}")
    return elapsed


def median(argv: list[str], env: dict[str, str], runs: int, expect: int = 0) -> float:
    seconds(argv, env, expect)  # warm-up: fills the parse cache
    return statistics.median(seconds(argv, env, expect) for _ in range(runs))


def bench_drift(target: str, runs: int) -> int:
    contractc = [sys.executable, "-m", "compiler.cli"]
    with tempfile.TemporaryDirectory(prefix="contractc-bench-drift-") as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        out = Path(tmp) / "out"
        spec = str(STRIPE)
        check = median([*contractc, "check", spec], env, runs)
        try:
            build = seconds([*contractc, "build", spec, "--target", target, "--out", str(out)], env)
        except RuntimeError as exc:
            print(f"{target}: cannot build {STRIPE.name}: {exc}")
            return 1
        files = sum(1 for p in out.rglob("*") if p.is_file())
        drift_argv = [*contractc, "drift", spec, "--target", target, "--out", str(out)]
        fast = median(drift_argv, env, runs)
        edited = next(p for p in sorted(out.rglob("*")) if p.is_file() and "README" in p.name)
        edited.write_text(edited.read_text(encoding="utf-8") + "\nby hand\n", encoding="utf-8")
        full = median(drift_argv, env, max(1, runs // 2), expect=1)
    print(f"{STRIPE.name}, target {target}: {files} files, build {build:.2f}s")
    print(f"  check (inputs alone)         {check:6.2f}s")
    print(f"  drift, up to date            {fast:6.2f}s  (+{fast - check:.2f}s)")
    print(f"  drift, one file hand-edited  {full:6.2f}s  (+{full - check:.2f}s: full render)")
    return 0


def bench_targets(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from compiler.build import render_target
    from compiler.pipeline import compile_contract
    from compiler.targets import available_targets

    clinic = ROOT / "contracts" / "clinic"
    contract = compile_contract(str(clinic / "openapi.yaml"), [str(clinic / "schema.sql")]).contract
    assert contract is not None
    targets = list(available_targets())

    def serial() -> list[object]:
        return [render_target(contract, t) for t in targets]

    def threads() -> list[object]:
        with ThreadPoolExecutor(len(targets)) as pool:
            return list(pool.map(lambda t: render_target(contract, t), targets))

    def processes() -> list[object]:
        with ProcessPoolExecutor(len(targets)) as pool:
            return list(pool.map(render_target, [contract] * len(targets), targets))

    reference = serial()
    print(f"clinic, targets {', '.join(targets)} ({os.cpu_count()} CPUs):")
    for name, strategy in (("serial", serial), ("threads", threads), ("processes", processes)):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            assert strategy() == reference, f"{name} rendered different bytes"
            times.append(time.perf_counter() - started)
        print(f"  {name:10} {statistics.median(times):6.2f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="fastapi")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--targets", action="store_true", help="also time multi-target renders")
    args = parser.parse_args()
    if not STRIPE.is_file():
        print(f"skipped: {STRIPE} not found")
        return 0
    status = bench_drift(args.target, args.runs)
    if args.targets:
        bench_targets(args.runs)
    return status


if __name__ == "__main__":
    sys.exit(main())
