"""Benchmark each generated petstore server against a hand-written app of the same stack.

One run: `contractc build` the petstore contract for every installed target (fastapi, gin,
express, spring; a target whose toolchain is missing or fails is skipped with the reason), start
the generated server and then its hand-written twin (handwritten/<target>/) on the same database
with the same seeded rows, and load each with wrk on loopback: GET by id, a page of the list, POST.
SQLite always; PostgreSQL too when CONTRACTC_TEST_POSTGRES_URL is set. Both servers of a pair run
side by side and take turns in short alternating rounds, so background load hits both alike;
`--pin` puts the servers on CPU 0 and wrk on CPU 1 (taskset) on a quiet machine.

Run: python3 benchmarks/servers/bench_servers.py [--quick] [--targets fastapi,gin] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import SCRIPTS, Result, run_wrk, wrk_path  # noqa: E402
from seed import create_postgres_database, seed_postgres, seed_sqlite  # noqa: E402
from server import Running, ServerError, check, start, stop  # noqa: E402
from stacks import App, Skip, prepare  # noqa: E402

ROOT = HERE.parents[1]
CONTRACT = ROOT / "contracts" / "petstore"
TARGETS = ("fastapi", "gin", "express", "spring")


def installed_targets() -> list[str]:
    """The targets `contractc targets` lists."""
    out = subprocess.run(["contractc", "targets"], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


def build_generated(target: str, out: Path, log: Path) -> None:
    """`contractc build` the petstore contract for `target` into `out`."""
    command = [
        "contractc", "build", str(CONTRACT / "openapi.yaml"), str(CONTRACT / "schema.sql"),
        "--target", target, "--out", str(out),
    ]  # fmt: skip
    with log.open("a") as sink:
        sink.write("$ " + " ".join(command) + "\n")
        sink.flush()
        done = subprocess.run(command, stdout=sink, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise Skip(f"contractc build --target {target} failed; see {log}")


def database_url(target: str, kind: str, work: Path, postgres_admin: str | None) -> str:
    """A fresh database for `target`: a SQLite file, or a new PostgreSQL database."""
    if kind == "sqlite":
        path = work / "bench.db"
        for leftover in work.glob("bench.db*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    assert postgres_admin is not None
    return create_postgres_database(postgres_admin, f"contractc_bench_{target}")


def reseed(kind: str, url: str) -> None:
    if kind == "sqlite":
        seed_sqlite(Path(url.removeprefix("sqlite:///")))
    else:
        seed_postgres(url)


def summarise(rounds: list[Result]) -> dict[str, float]:
    """Median requests/s and p99 over the rounds; requests and failures summed."""
    return {
        "requests_per_second": statistics.median(r.requests_per_second for r in rounds),
        "p99_ms": statistics.median(r.p99_ms for r in rounds),
        "requests": sum(r.requests for r in rounds),
        "failures": sum(r.bad_responses + r.socket_errors for r in rounds),
    }


def bench_pair(
    apps: tuple[App, App], kind: str, url: str, work: Path, args: argparse.Namespace
) -> dict[str, dict[str, object]]:
    """Seed, start both apps side by side, load each endpoint in alternating rounds.

    Alternating short rounds (generated, hand-written, hand-written, generated, ...) spreads any
    background load on the machine over both apps evenly; the median round is reported.
    """
    reseed(kind, url)
    servers: dict[str, Running] = {}
    figures: dict[str, dict[str, object]] = {}
    try:
        for app in apps:
            server = start(app, url, work / f"{app.label}-{kind}.log", args.server_cpu)
            servers[app.label] = server
            figures[app.label] = {"startup_s": round(server.startup_seconds, 2)}
            if app.artifact is not None:
                figures[app.label]["artifact_mb"] = round(app.artifact.stat().st_size / 1e6, 1)
            check(server)
        for endpoint in SCRIPTS:

            def run(server: Running, seconds: float, endpoint: str = endpoint) -> Result:
                return run_wrk(
                    server.base_url, endpoint, work, seconds, args.threads, args.connections,
                    args.wrk_cpu,
                )  # fmt: skip

            order = list(servers)
            for label in order:
                run(servers[label], args.warmup)
            rounds: dict[str, list[Result]] = {label: [] for label in order}
            for number in range(args.rounds):
                for label in order if number % 2 == 0 else reversed(order):
                    rounds[label].append(run(servers[label], args.duration / args.rounds))
            for label in order:
                summary = summarise(rounds[label])
                figures[label][endpoint] = summary
                print(
                    f"    {label:12} {endpoint:20} {summary['requests_per_second']:9.0f} req/s"
                    f"  p99 {summary['p99_ms']:7.2f} ms  failures {summary['failures']}",
                    flush=True,
                )
    finally:
        for server in servers.values():
            stop(server)
    return figures


def bench_target(
    target: str, kinds: list[str], args: argparse.Namespace, postgres_admin: str | None
) -> dict[str, object]:
    """Build and benchmark one target on every database; a `skipped` reason when it cannot."""
    work = args.workdir / target
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log = work / "build.log"
    generated, handwritten = work / "generated", work / "handwritten"
    shutil.copytree(HERE / "handwritten" / target, handwritten)
    print(f"== {target}: building", flush=True)
    try:
        build_generated(target, generated, log)
        apps = prepare(target, generated, handwritten, log)
    except Skip as skip:
        print(f"== {target}: skipped: {skip}", flush=True)
        return {"skipped": str(skip)}
    results: dict[str, object] = {}
    for kind in kinds:
        print(f"== {target} on {kind}", flush=True)
        url = database_url(target, kind, work, postgres_admin)
        try:
            stop(start(apps[0], url, work / f"migrate-{kind}.log", args.server_cpu))
            results[kind] = bench_pair(apps, kind, url, work, args)
        except (ServerError, subprocess.CalledProcessError, RuntimeError) as exc:
            print(f"== {target} on {kind}: failed: {exc}", flush=True)
            results[kind] = {"failed": str(exc)}
    return results


def report(results: dict[str, dict[str, object]]) -> str:
    """The results as Markdown tables: load per endpoint, then start-up and artifact size."""
    lines = [
        "| target | db | endpoint | generated req/s | p99 ms | hand-written req/s | p99 ms | ratio |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    extra = [
        "| target | db | app | start-up to ready (s) | binary/jar (MB) |",
        "|---|---|---|---:|---:|",
    ]
    skipped = []
    for target, per_db in results.items():
        if "skipped" in per_db:
            skipped.append(f"- {target}: skipped — {str(per_db['skipped']).splitlines()[0]}")
            continue
        for kind, apps in per_db.items():
            assert isinstance(apps, dict)
            if "failed" in apps:
                skipped.append(f"- {target} on {kind}: failed — {apps['failed'].splitlines()[0]}")
                continue
            gen, hand = apps["generated"], apps["hand-written"]
            for endpoint in SCRIPTS:
                g, h = gen[endpoint], hand[endpoint]
                ratio = g["requests_per_second"] / h["requests_per_second"]
                failed = g["failures"] + h["failures"]
                note = f" ({failed} non-2xx/errors)" if failed else ""
                lines.append(
                    f"| {target} | {kind} | `{endpoint}` | {g['requests_per_second']:.0f} "
                    f"| {g['p99_ms']:.1f} | {h['requests_per_second']:.0f} | {h['p99_ms']:.1f} "
                    f"| {ratio:.2f}{note} |"
                )
            for label, figures in (("generated", gen), ("hand-written", hand)):
                size = figures.get("artifact_mb", "—")
                extra.append(f"| {target} | {kind} | {label} | {figures['startup_s']} | {size} |")
    return "\n".join([*lines, "", *extra, "", *skipped])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 s per endpoint instead of 10 s")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=0, help="alternating rounds per endpoint")
    parser.add_argument("--pin", action="store_true", help="servers on CPU 0, wrk on CPU 1")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--workdir", type=Path, help="build folder (default: a temporary one)")
    args = parser.parse_args()
    args.duration = 3.0 if args.quick else 10.0
    args.warmup = 1.0 if args.quick else 3.0
    args.rounds = args.rounds or (3 if args.quick else 5)
    pin = args.pin and (os.cpu_count() or 1) >= 2 and shutil.which("taskset") is not None
    args.server_cpu, args.wrk_cpu = ("0", "1") if pin else (None, None)
    return args


def main() -> None:
    args = parse_args()
    wrk_path()
    postgres_admin = None if args.no_postgres else os.environ.get("CONTRACTC_TEST_POSTGRES_URL")
    kinds = ["sqlite"] + (["postgres"] if postgres_admin else [])
    installed = installed_targets()
    with tempfile.TemporaryDirectory(prefix="contractc-bench-") as temporary:
        args.workdir = (args.workdir or Path(temporary)).resolve()
        results: dict[str, dict[str, object]] = {}
        for target in args.targets.split(","):
            if target not in installed:
                results[target] = {"skipped": "not listed by `contractc targets`"}
                continue
            results[target] = bench_target(target, kinds, args, postgres_admin)
    header = (
        f"{time.strftime('%Y-%m-%d')} · {platform.node()} · {os.cpu_count()} cores · "
        f"{args.duration:.0f} s per endpoint and app ({args.rounds} alternating rounds, median) "
        f"after {args.warmup:.0f} s warm-up · "
        f"wrk -t{args.threads} -c{args.connections} · "
        + ("servers on CPU 0, wrk on CPU 1" if args.server_cpu else "not pinned")
    )
    print("\n" + header + "\n\n" + report(results))
    if args.json:
        args.json.write_text(json.dumps({"header": header, "results": results}, indent=2))


if __name__ == "__main__":
    main()
