"""How far the generated servers conform to the corpus pairs' own specs, by Schemathesis.

    python benchmarks/conformance.py [--target fastapi,gin] [--max-examples N] [PAIR ...]

For each pair of ../shared/corpus/pairs (its genuine findings fixed or downgraded as
`tests/corpus_expectations/<pair>.yaml` says, exactly as the scoreboard test builds it) and each
target: build, start the server on SQLite with the contract-test credentials, and run
`schemathesis run` with every check against the pair's ORIGINAL spec (not the bundled copy
contractc serves), using the generation and auth settings of the project's own contract tests.
Prints, per pair and target, the operations tested and the failing (operation, check) pairs by
check. Counted apart: failures the expectations file lists under `spec_defects` (with the
reason), and those of custom operations, which answer 501 until their user code is written.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scoreboard import CORPUS, Expectation, expectations, fixed_copy  # noqa: E402
from compiler.runner.manifest import load_runtime  # noqa: E402
from compiler.runner.processes import free_port, prepare, start, stop, wait_ready  # noqa: E402
from emitters.contract_tests import FOLDER, TEST_CREDENTIALS  # noqa: E402

TARGETS = ("fastapi", "spring", "express", "gin")
RUN_TIMEOUT_SECONDS = 900


@dataclass
class Conformance:
    """The Schemathesis verdict on one pair served by one target."""

    pair: str
    target: str
    problem: str = ""  # why it never got as far as testing ("" when tested)
    operations: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # check name -> failing operations
    excused: Counter[str] = field(default_factory=Counter)  # the spec's own defects
    # custom operations answer 501 until their user-owned handler is written: counted apart
    custom: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


def measure(
    expectation: Expectation, targets: tuple[str, ...], max_examples: int
) -> list[Conformance]:
    with tempfile.TemporaryDirectory(prefix=f"conformance-{expectation.pair}-") as scratch:
        work = Path(scratch)
        inputs = fixed_copy(expectation, work / "pair")
        original = CORPUS / expectation.pair / expectation.spec
        results = []
        for target in targets:
            project = work / target
            command = ["build", *inputs, "--target", target, "--out", str(project)]
            built = subprocess.run(
                [sys.executable, "-m", "compiler.cli", *command],
                capture_output=True,
                text=True,
                check=False,
            )
            if built.returncode != 0:
                reason = (built.stdout + built.stderr).strip().splitlines()[-1]
                results.append(Conformance(expectation.pair, target, f"build failed: {reason}"))
                continue
            results.append(_serve_and_fuzz(expectation, target, project, original, max_examples))
        return results


def _serve_and_fuzz(
    expectation: Expectation, target: str, project: Path, spec: Path, max_examples: int
) -> Conformance:
    result = Conformance(expectation.pair, target)
    runtime = load_runtime(project)
    port = free_port()
    env = {
        **os.environ,
        **dict(runtime.env),
        **TEST_CREDENTIALS.server_env(),
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{project / 'conformance.db'}",
    }
    env.pop("CI", None)
    if not prepare(project, runtime, env):
        result.problem = "install or compile failed"
        return result
    with (project / "server.log").open("wb") as log:
        process = start(runtime.start, project, env, log)
    try:
        base_url = f"http://127.0.0.1:{port}"
        if (problem := wait_ready(process, base_url + runtime.ready_path, 180.0)) is not None:
            result.problem = f"never ready: {problem}"
            return result
        report = project / "conformance.json"
        client = {**os.environ, **TEST_CREDENTIALS.client_env(), "CONTRACT_BASE_URL": base_url}
        command = [
            "schemathesis",
            "--config-file",
            str(project / FOLDER / "schemathesis.toml"),
            "run",
            str(spec),
            "--checks",
            "all",
            "--max-examples",
            str(max_examples),
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
        ]
        done = subprocess.run(
            command,
            cwd=project,
            env=client,
            capture_output=True,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        )
        _read_report(report, expectation, _custom_operations(project), result)
        if result.operations == 0 and not result.problem:
            said = (done.stdout + done.stderr).decode(errors="replace").strip().splitlines()
            result.problem = "schemathesis tested nothing: " + (said[-1] if said else "no output")
    except subprocess.TimeoutExpired:
        result.problem = f"schemathesis ran longer than {RUN_TIMEOUT_SECONDS} s"
    finally:
        stop(process)
    return result


def _custom_operations(project: Path) -> frozenset[str]:
    """The labels (`POST /things/{id}/archive`) of the custom operations the contract tests name."""
    settings = (project / FOLDER / "schemathesis.toml").read_text(encoding="utf-8")
    return frozenset(re.findall(r'^include-name = "(.*)"$', settings, flags=re.MULTILINE))


def _read_report(
    report: Path, expectation: Expectation, custom: frozenset[str], result: Conformance
) -> None:
    """Failing checks per operation from Schemathesis's NDJSON event stream."""
    failing: set[tuple[str, str]] = set()
    tested: set[str] = set()
    if not report.is_file():
        result.problem = "schemathesis wrote no report"
        return
    for line in report.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished") or {}
        label = (finished.get("recorder") or {}).get("label")
        if not label:
            continue
        tested.add(label)
        for checks in ((finished.get("recorder") or {}).get("checks") or {}).values():
            for check in checks:
                if check.get("status") == "failure":
                    failing.add((label, check["name"]))
    result.operations = len(tested)
    defects = expectation.spec_defects
    for label, check in sorted(failing):
        if label in custom:
            result.custom[check] += 1
        elif (label, check) in defects:
            result.excused[check] += 1
        else:
            result.failures[check] += 1


def render(results: list[Conformance]) -> str:
    rows = [
        "pair          target   ops  failed  by check (apart: the spec's own defects; custom"
        " operations, 501 until written)"
    ]
    for r in results:
        if r.problem:
            rows.append(f"{r.pair:13} {r.target:8} {'-':>3}  {'-':>6}  {r.problem}")
            continue
        checks = ", ".join(f"{name} {count}" for name, count in r.failures.most_common())
        apart = [f"excused {sum(r.excused.values())}"] if r.excused else []
        apart += [f"custom {sum(r.custom.values())}"] if r.custom else []
        rows.append(
            f"{r.pair:13} {r.target:8} {r.operations:>3}  {r.failed:>6}  {checks or '-'}"
            + (f"  ({', '.join(apart)})" if apart else "")
        )
    total = sum(r.failed for r in results if not r.problem)
    broken = sum(1 for r in results if r.problem)
    rows.append(
        f"total failing (operation, check): {total}; not tested: {broken} of {len(results)}"
    )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*")
    parser.add_argument("--target", default=",".join(TARGETS))
    parser.add_argument("--max-examples", type=int, default=25)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS}): nothing to measure")
        return 0
    targets = tuple(args.target.split(","))
    chosen = [e for e in expectations() if not args.pairs or e.pair in args.pairs]
    results = []
    for expectation in chosen:
        measured = measure(expectation, targets, args.max_examples)
        print("\n".join(render(measured).splitlines()[1:-1]), flush=True)
        results += measured
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
