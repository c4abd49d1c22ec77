"""What the end-to-end and database tests need, and the CI rule that a missing one fails the run.

On a developer's machine a missing toolchain or database skips the tests that need it (and `-rs`
lists why). Under `CI=true` nothing that matters may skip: a missing prerequisite stops the run at
once with what to install, and any skip whose reason is not an accepted one fails its test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from tests.postgres import POSTGRES_ENV, postgres_server_url

# Skips that stay skips under CI: the case does not apply here, or the corpus (which is not part
# of the project) is absent. Every other skip reason is a missing prerequisite.
ACCEPTED_SKIP_PREFIXES = ("not applicable:", "corpus absent")


def in_ci() -> bool:
    """Whether this run is CI's (`CI=true`, as CI services and `.ci/run` set it)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class Prerequisite:
    name: str
    commands: tuple[str, ...]
    install: str

    def missing(self) -> str | None:
        """Why it is not usable here, or None."""
        absent = [c for c in self.commands if shutil.which(c) is None]
        return f"{', '.join(absent)} not on PATH ({self.install})" if absent else None


TOOLCHAINS = (
    Prerequisite("Go", ("go", "gofmt"), "install Go 1.22+"),
    Prerequisite("Node.js", ("node", "npm"), "install Node.js 20"),
    Prerequisite("JDK and Maven", ("java", "javac", "mvn"), "install JDK 17 and Maven"),
    Prerequisite("git and pre-commit", ("git", "pre-commit"), "pip install -e '.[test]'"),
)


def postgres_missing() -> str | None:
    """Why the test PostgreSQL server is not usable, or None."""
    url = postgres_server_url()
    if url is None:
        return f"{POSTGRES_ENV} is not set (make test starts a server with .ci/postgres.sh)"
    if shutil.which("psql") is None:
        return "psql is not on PATH"
    probe = subprocess.run(["psql", url, "-tAc", "SELECT 1"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"PostgreSQL at {url} does not answer: {probe.stderr.strip()[:200]}"
    return None


def missing_prerequisites(*, end_to_end: bool, database: bool) -> list[str]:
    """Every prerequisite the selected tests need and this machine lacks, one line each."""
    lines = []
    if end_to_end:
        lines += [f"{p.name}: {why}" for p in TOOLCHAINS if (why := p.missing())]
    if database and (why := postgres_missing()):
        lines.append(f"PostgreSQL: {why}")
    return lines


def skip_reason(longrepr: object) -> str:
    """The reason pytest recorded for a skip (`longrepr` is `(file, line, 'Skipped: why')`)."""
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def skip_is_accepted(reason: str) -> bool:
    return reason.startswith(ACCEPTED_SKIP_PREFIXES)
