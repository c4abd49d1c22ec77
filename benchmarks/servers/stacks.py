"""Per target: build the generated project and its hand-written twin, and say how to start each."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


class Skip(Exception):
    """The target cannot be benchmarked here (missing toolchain, failed build)."""


@dataclass(frozen=True)
class App:
    """One server ready to start: `command` run in `cwd` with `env` added to PORT/DATABASE_URL."""

    label: str
    cwd: Path
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    artifact: Path | None = None  # the binary or jar whose size is reported


def _run(command: list[str], cwd: Path, log: Path) -> None:
    """Run a build step; Skip with the log's tail when it fails."""
    with log.open("a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text().splitlines()[-15:]
        raise Skip(f"`{' '.join(command)}` failed in {cwd}:\n" + "\n".join(tail))


def _need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        raise Skip("toolchain not installed: " + ", ".join(missing))


def _jar(project: Path) -> Path:
    jars = [p for p in (project / "target").glob("*.jar") if not p.name.endswith("-plain.jar")]
    if len(jars) != 1:
        raise Skip(f"expected one executable jar in {project / 'target'}, found {jars}")
    return jars[0]


def _fastapi(generated: Path, handwritten: Path, log: Path) -> tuple[App, App]:
    python = sys.executable
    gen_env = {"HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    return (
        App("generated", generated, [python, "-m", "app"], gen_env),
        App("hand-written", handwritten, [python, "main.py"], {"LOG_LEVEL": "warning"}),
    )


def _gin(generated: Path, handwritten: Path, log: Path) -> tuple[App, App]:
    _need("go")
    _run(["go", "build", "-trimpath", "-o", "bin/server", "./cmd/server"], generated, log)
    _run(["go", "build", "-trimpath", "-o", "bin/server", "."], handwritten, log)
    env = {"LOG_LEVEL": "WARN", "GIN_MODE": "release"}
    gen_bin, hand_bin = generated / "bin/server", handwritten / "bin/server"
    return (
        App("generated", generated, [str(gen_bin)], env, gen_bin),
        App("hand-written", handwritten, [str(hand_bin)], env, hand_bin),
    )


def _express(generated: Path, handwritten: Path, log: Path) -> tuple[App, App]:
    _need("node", "npm")
    _run(["npm", "ci", "--no-audit", "--no-fund"], generated, log)
    _run(["npm", "run", "build"], generated, log)
    # the same versions of express, knex, better-sqlite3, pg and ajv, without a second native build
    (handwritten / "node_modules").symlink_to(generated / "node_modules")
    env = {"LOG_LEVEL": "warn", "NODE_ENV": "production"}
    return (
        App("generated", generated, ["node", "dist/server.js"], env),
        App("hand-written", handwritten, ["node", "server.js"], env),
    )


def _spring(generated: Path, handwritten: Path, log: Path) -> tuple[App, App]:
    _need("java", "mvn")
    for project in (generated, handwritten):
        _run(["mvn", "-B", "-q", "-DskipTests", "package"], project, log)
    env = {"LOG_LEVEL": "WARN"}
    gen_jar, hand_jar = _jar(generated), _jar(handwritten)
    return (
        App("generated", generated, ["java", "-jar", str(gen_jar)], env, gen_jar),
        App("hand-written", handwritten, ["java", "-jar", str(hand_jar)], env, hand_jar),
    )


PREPARE = {"fastapi": _fastapi, "gin": _gin, "express": _express, "spring": _spring}


def prepare(target: str, generated: Path, handwritten: Path, log: Path) -> tuple[App, App]:
    """Build both projects of `target`; (generated, hand-written). Skip when it cannot."""
    if target not in PREPARE:
        raise Skip(f"no hand-written reference for target {target!r}")
    return PREPARE[target](generated, handwritten, log)
