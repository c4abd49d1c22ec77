"""`contractc build` of the largest corpus specs, every target and each alone, next to openapi-generator.

    python benchmarks/bench_build.py [--rounds N] [--no-peer] [--baseline DIR]

For the Stripe 2022 JSON and the GitHub JSON, one round runs, each in a fresh process with a fresh
output folder and an empty parse cache: `contractc build --target all`, `--target <t>` for every
target, and openapi-generator 7.26 writing one target (`python-fastapi`, validation skipped).
`--baseline DIR` adds `--target all` run from another checkout (say, `git archive main` unpacked
in DIR), for a before/after in the same run. The commands alternate: round r starts at the r-th
command, so background load on a shared machine spreads over all of them. Reported per command:
the median wall seconds over the rounds, the median CPU seconds of the process tree, the largest
peak RSS (`wait4`: the biggest process of the tree; for the peer, its JVM), the exit code, and the
wall time over the peer's in the same run. Skips cleanly when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_check import CORPUS, ROOT, Measurement, contractc_env, ensure_peers, measure

TARGETS = ("fastapi", "spring", "express", "gin")
SPECS = ("stripe_spec3_2022-04-12.json", "github_api.github.com_octokit_2022-07-18.json")
PEER = "openapi-generator python-fastapi"


@dataclass(frozen=True)
class Command:
    spec: str
    label: str
    argv: tuple[str, ...]  # the output folder is appended per run
    out_option: str
    cwd: Path = ROOT  # the checkout whose `compiler` package `python -m` imports
    peer: bool = False


def commands(spec: Path, peer_bin: Path | None, baseline: Path | None) -> list[Command]:
    contractc = (sys.executable, "-m", "compiler.cli", "build", str(spec))
    out = [
        Command(spec.name, f"contractc --target {t}", (*contractc, "--target", t), "--out")
        for t in ("all", *TARGETS)
    ]
    if baseline is not None:
        argv = (*contractc, "--target", "all")
        out.append(Command(spec.name, "baseline contractc --target all", argv, "--out", baseline))
    if peer_bin is not None:
        generate = (str(peer_bin / "openapi-generator-cli"), "generate", "-g", "python-fastapi")
        argv = (*generate, "--skip-validate-spec", "-i", str(spec))
        out.append(Command(spec.name, PEER, argv, "-o", peer=True))
    return out


def run_rounds(cmds: list[Command], rounds: int, tmp: Path) -> dict[Command, list[Measurement]]:
    """Every run of every command, the order rotating by one each round."""
    results: dict[Command, list[Measurement]] = {c: [] for c in cmds}
    for r in range(rounds):
        for cmd in cmds[r % len(cmds) :] + cmds[: r % len(cmds)]:
            out, cache = tmp / "out", tmp / "cache"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            argv = [*cmd.argv, cmd.out_option, str(out)]
            m = measure(cmd.label, argv, contractc_env(cache), cmd.cwd)
            results[cmd].append(m)
            print(
                f"  {cmd.spec:46} {cmd.label:34} {m.seconds:6.2f} s {m.cpu_seconds:6.2f} s CPU "
                f"{m.peak_rss_mb:5.0f} MB exit {m.exit_code}",
                flush=True,
            )
    return results


def report(results: dict[Command, list[Measurement]]) -> None:
    print(
        f"\n{'spec':46} {'command':34} {'wall s':>7} {'CPU s':>6} {'peak MB':>7} {'exit':>4} "
        f"{'/ peer':>6}"
    )
    for spec in dict.fromkeys(c.spec for c in results):
        rows = {c: runs for c, runs in results.items() if c.spec == spec}
        peer = next(
            (statistics.median(m.seconds for m in runs) for c, runs in rows.items() if c.peer),
            None,
        )
        for cmd, runs in rows.items():
            seconds = statistics.median(m.seconds for m in runs)
            cpu = statistics.median(m.cpu_seconds for m in runs)
            peak = max(m.peak_rss_mb for m in runs)
            exits = ",".join(sorted({str(m.exit_code) for m in runs}))
            ratio = f"{seconds / peer:5.2f}x" if peer else "     -"
            print(
                f"{spec:46} {cmd.label:34} {seconds:7.2f} {cpu:6.2f} {peak:7.0f} {exits:>4} {ratio}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--no-peer", action="store_true", help="only contractc's builds")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    peer_bin = None if args.no_peer else ensure_peers()
    baseline = args.baseline.resolve() if args.baseline else None
    cmds = [c for name in SPECS for c in commands(CORPUS / name, peer_bin, baseline)]
    with tempfile.TemporaryDirectory(prefix="contractc-bench-build-") as tmp:
        results = run_rounds(cmds, args.rounds, Path(tmp))
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
