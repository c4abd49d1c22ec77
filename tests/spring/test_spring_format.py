"""The generated Java is exactly what google-java-format prints (`--dry-run --set-exit-if-changed`).

google-java-format comes from Maven Central into the local repository (`mvn dependency:get`), the
one place CI reaches; the test skips when java or mvn is missing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.pairs import CLEAN_PAIRS
from tests.spring.spring_projects import SCENARIOS, jvm_env, toolchain_missing, write_project

PROJECTS = (*CLEAN_PAIRS, *SCENARIOS)
GJF_VERSION = "1.22.0"
GJF_ARTIFACT = f"com.google.googlejavaformat:google-java-format:{GJF_VERSION}:jar:all-deps"
# google-java-format reaches into javac, which JDK 16+ encapsulates (see its README).
_JAVAC_EXPORTS = [
    f"--add-exports=jdk.compiler/com.sun.tools.javac.{package}=ALL-UNNAMED"
    for package in ("api", "code", "file", "parser", "tree", "util")
]


def _formatter_jar() -> Path:
    """The all-deps jar in the local Maven repository, fetched on first use."""
    done = subprocess.run(
        ["mvn", "-B", "-q", "dependency:get", f"-Dartifact={GJF_ARTIFACT}"],
        env=jvm_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    jar = (
        Path.home()
        / ".m2/repository/com/google/googlejavaformat/google-java-format"
        / GJF_VERSION
        / f"google-java-format-{GJF_VERSION}-all-deps.jar"
    )
    assert jar.is_file(), jar
    return jar


@pytest.fixture(scope="module")
def unformatted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Per project, the generated Java files google-java-format would change (one run for all)."""
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)
    jar = _formatter_jar()
    root = tmp_path_factory.mktemp("spring-format")
    sources = [
        str(path)
        for pair in PROJECTS
        for path in sorted(write_project(pair, root / pair).rglob("*.java"))
    ]
    done = subprocess.run(
        ["java", *_JAVAC_EXPORTS, "-jar", str(jar), "--dry-run", "--set-exit-if-changed", *sources],
        env=jvm_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors = [line for line in done.stderr.splitlines() if not line.startswith("Picked up ")]
    assert done.returncode in (0, 1) and not errors, done.stderr[-3000:]
    changed = [Path(line).relative_to(root) for line in done.stdout.split()]
    return {pair: [str(p) for p in changed if p.parts[0] == pair] for pair in PROJECTS}


@pytest.mark.parametrize("pair", PROJECTS)
def test_generated_java_is_google_java_formatted(
    pair: str, unformatted: dict[str, list[str]]
) -> None:
    assert unformatted[pair] == []
