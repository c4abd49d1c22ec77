"""`contractc check` / `build` on the corpus's large specs next to the peer generators, in one run.

    python benchmarks/bench_check.py [--peers] [--runs N]

Each measurement is a fresh process: wall seconds and peak RSS of the whole process tree.
Peers (openapi-generator-cli 7.26, fastapi-code-generator 0.8.1) are installed into
benchmarks/.peers-venv on first use, so they never disturb the project's environment.
Skips cleanly when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "large-specs"
PEERS_VENV = ROOT / "benchmarks" / ".peers-venv"
PEER_PACKAGES = ("openapi-generator-cli==7.26.0", "fastapi-code-generator==0.8.1")


@dataclass(frozen=True)
class Measurement:
    label: str
    seconds: float
    peak_rss_mb: float
    exit_code: int
    cpu_seconds: float = 0.0  # user + system of the whole tree (children it waited for included)


def measure(
    label: str, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Measurement:
    """Run argv once in a fresh process; wait4 gives that process tree's own peak RSS and CPU."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return Measurement(
        label,
        seconds,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        usage.ru_utime + usage.ru_stime,
    )


def contractc_env(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(cache_dir)}


def ensure_peers() -> Path:
    if not (PEERS_VENV / "bin" / "openapi-generator-cli").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run(
            [str(PEERS_VENV / "bin" / "pip"), "install", "-q", *PEER_PACKAGES], check=True
        )
    return PEERS_VENV / "bin"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", action="store_true", help="also run the peer generators")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    stripe_yaml = CORPUS / "stripe_spec3_2023-09-12.yaml"
    stripe_json = CORPUS / "stripe_spec3_2022-04-12.json"
    github_json = CORPUS / "github_api.github.com_octokit_2022-07-18.json"
    contractc = [sys.executable, "-m", "compiler.cli"]
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = contractc_env(cache)
        for spec in (stripe_yaml, stripe_json, github_json):
            shutil.rmtree(cache, ignore_errors=True)
            results.append(
                measure(
                    f"contractc check {spec.name} (cold)", [*contractc, "check", str(spec)], env
                )
            )
            results.append(
                measure(
                    f"contractc check {spec.name} (warm)", [*contractc, "check", str(spec)], env
                )
            )
        out = Path(tmp) / "out"
        results.append(
            measure(
                f"contractc build --target fastapi {stripe_json.name}",
                [*contractc, "build", str(stripe_json), "--target", "fastapi", "--out", str(out)],
                env,
            )
        )
        if args.peers:
            bin_dir = ensure_peers()
            peer_out = Path(tmp) / "peer"
            results.append(
                measure(
                    f"openapi-generator 7.26 python-fastapi {stripe_json.name}",
                    [
                        str(bin_dir / "openapi-generator-cli"),
                        "generate",
                        "-g",
                        "python-fastapi",
                        "--skip-validate-spec",
                        "-i",
                        str(stripe_json),
                        "-o",
                        str(peer_out / "oag"),
                    ],
                )
            )
            results.append(
                measure(
                    f"fastapi-code-generator 0.8.1 {stripe_yaml.name}",
                    [
                        str(bin_dir / "fastapi-codegen"),
                        "--input",
                        str(stripe_yaml),
                        "--output",
                        str(peer_out / "fcg"),
                    ],
                )
            )
    print(f"{'measurement':70} {'seconds':>8} {'peak MB':>8} {'exit':>4}")
    for m in results:
        print(f"{m.label:70} {m.seconds:8.2f} {m.peak_rss_mb:8.0f} {m.exit_code:4}")
    print_ratios(results)
    return 0


def print_ratios(results: list[Measurement]) -> None:
    """Each peer's time over contractc's build of the same API, measured in this run."""
    ours = next((m for m in results if m.label.startswith("contractc build")), None)
    for m in results:
        if ours and not m.label.startswith("contractc"):
            print(f"ratio {m.label} / {ours.label}: {m.seconds / ours.seconds:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
