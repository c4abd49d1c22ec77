"""The hooks of .pre-commit-hooks.yaml under the real pre-commit framework, in a throwaway repository.

pre-commit installs contractc from a git repository at a commit into its own virtualenv (from
PyPI). The working tree is snapshotted into a repository whose commit depends only on the package's
files (fixed dates and author), and pre-commit's store lives in the user cache, so the install
(1-2 minutes) happens once per change of the package, not once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "compiler", "emitters")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "contractc-tests"
FIXED_GIT = {
    "GIT_AUTHOR_NAME": "contractc tests",
    "GIT_AUTHOR_EMAIL": "tests@contractc.invalid",
    "GIT_COMMITTER_NAME": "contractc tests",
    "GIT_COMMITTER_EMAIL": "tests@contractc.invalid",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **FIXED_GIT, "PRE_COMMIT_HOME": str(CACHE / "pre-commit")}
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def snapshot_repository() -> tuple[Path, str]:
    """The package files of the working tree, committed; same files -> same commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "--", *PACKAGE_FILES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    repo = CACHE / "snapshot"
    shutil.rmtree(repo, ignore_errors=True)
    for name in listed:
        source = ROOT / name
        if source.is_file() and "__pycache__" not in source.parts:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "snapshot").returncode == 0
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


def contractc(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def hooks_repo() -> tuple[Path, str]:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit and git are needed")
    return snapshot_repository()


def test_drift_hook_blocks_a_commit_until_the_backend_is_rebuilt(
    tmp_path: Path, hooks_repo: tuple[Path, str]
) -> None:
    repo_url, rev = hooks_repo
    project = tmp_path / "project"
    (project / "contract").mkdir(parents=True)
    for name in ("openapi.yaml", "schema.sql"):
        shutil.copy(ROOT / "contracts/petstore" / name, project / "contract" / name)
    spec, sql = project / "contract/openapi.yaml", project / "contract/schema.sql"
    build = ["build", str(spec), str(sql), "--target", "fastapi", "--out", str(project / "backend")]
    contractc(*build)
    (project / ".pre-commit-config.yaml").write_text(
        f"""repos:
  - repo: {repo_url}
    rev: {rev}
    hooks:
      - id: contractc-check
        args: [contract/openapi.yaml, contract/schema.sql]
      - id: contractc-drift
        args: [contract/openapi.yaml, contract/schema.sql, --target, fastapi, --out, backend]
""",
        encoding="utf-8",
    )
    git(project, "init", "-q", "-b", "main")
    install = subprocess.run(
        ["pre-commit", "install"],
        cwd=project,
        env={**os.environ, "PRE_COMMIT_HOME": str(CACHE / "pre-commit")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    git(project, "add", "-A")
    first = git(project, "commit", "-q", "-m", "contract and generated backend")
    assert first.returncode == 0, first.stdout + first.stderr

    spec.write_text(
        spec.read_text(encoding="utf-8").replace("maxLength: 100", "maxLength: 80", 1),
        encoding="utf-8",
    )
    git(project, "add", "-A")
    blocked = git(project, "commit", "-q", "-m", "tighten the contract, forget to rebuild")
    report = blocked.stdout + blocked.stderr  # git shows the hooks' output on stderr
    assert blocked.returncode != 0, report
    assert "contractc check" in report and "contractc drift" in report and "Failed" in report
    assert "error[CC510]" in report and "contractc build contract/openapi.yaml" in report

    contractc(*build)
    git(project, "add", "-A")
    passed = git(project, "commit", "-q", "-m", "tighten the contract and rebuild")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(project, "status", "--porcelain").stdout == ""
