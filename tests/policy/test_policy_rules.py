"""The policy itself: project files, precedence, validation of codes, and how it rewrites findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import Diagnostic, Location, Severity
from compiler.policy import (
    CodeAction,
    Policy,
    PolicyError,
    find_project_file,
    load_policy,
)


def finding(code: str, severity: Severity) -> Diagnostic:
    return Diagnostic(code, severity, f"{code} found", Location("openapi.yaml", 3, 5))


FINDINGS = (
    finding("CC104", Severity.ERROR),
    finding("CC102", Severity.ERROR),
    finding("CC110", Severity.WARNING),
    finding("CC302", Severity.INFO),
)


def severities(diagnostics: tuple[Diagnostic, ...]) -> dict[str, str]:
    return {d.code: d.severity.value for d in diagnostics}


def test_ignore_drops_warn_downgrades_error_promotes() -> None:
    policy = Policy(
        {"CC104": CodeAction.IGNORE, "CC102": CodeAction.WARN, "CC110": CodeAction.ERROR}
    )
    assert severities(policy.apply(FINDINGS)) == {
        "CC102": "warning",
        "CC110": "error",
        "CC302": "info",
    }


def test_strict_makes_remaining_warnings_errors_but_leaves_notes() -> None:
    policy = Policy({"CC102": CodeAction.WARN}, strict=True)
    assert severities(policy.apply(FINDINGS)) == {
        "CC104": "error",
        "CC102": "error",
        "CC110": "error",
        "CC302": "info",
    }


def test_no_policy_changes_nothing() -> None:
    assert Policy().apply(FINDINGS) == FINDINGS


def test_input_that_could_not_be_read_stays_an_error() -> None:
    unreadable = finding("CC003", Severity.ERROR)
    assert Policy({"CC003": CodeAction.IGNORE}).apply([unreadable]) == (unreadable,)
    with pytest.raises(PolicyError, match="CC003 cannot be ignored"):
        load_policy("openapi.yaml", ignore=["CC003"])
    with pytest.raises(PolicyError, match="CC001 cannot be downgraded"):
        load_policy("openapi.yaml", warn=["CC001"])


def test_contractc_toml_is_found_walking_up_from_the_spec(tmp_path: Path) -> None:
    (tmp_path / "contractc.toml").write_text('ignore = ["CC110"]\nwarn = ["cc102"]\n')
    spec = tmp_path / "api" / "v1" / "openapi.yaml"
    spec.parent.mkdir(parents=True)
    policy = load_policy(str(spec))
    assert dict(policy.actions) == {"CC110": CodeAction.IGNORE, "CC102": CodeAction.WARN}
    assert find_project_file(spec.parent) == tmp_path / "contractc.toml"


def test_pyproject_counts_only_with_a_tool_contractc_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.contractc]\nerror = ["CC109"]\n')
    inner = tmp_path / "service"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "service"\n')
    assert find_project_file(inner) == tmp_path / "pyproject.toml"
    assert dict(load_policy(str(inner / "openapi.yaml")).actions) == {"CC109": CodeAction.ERROR}


def test_a_pyproject_whose_contractc_entry_is_not_a_table_is_a_policy_error(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = {contractc = ["CC104"]}\n')
    with pytest.raises(PolicyError, match=r"\[tool.contractc\] must be a table"):
        load_policy(str(tmp_path / "openapi.yaml"))


def test_a_pyproject_whose_tool_is_not_a_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = "poetry"\n')
    assert find_project_file(tmp_path) != tmp_path / "pyproject.toml"


def test_contractc_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.contractc]\nerror = ["CC109"]\n')
    (tmp_path / "contractc.toml").write_text('ignore = ["CC109"]\n')
    assert find_project_file(tmp_path) == tmp_path / "contractc.toml"


def test_command_line_wins_code_by_code(tmp_path: Path) -> None:
    (tmp_path / "contractc.toml").write_text('ignore = ["CC110", "CC104"]\n')
    policy = load_policy(str(tmp_path / "openapi.yaml"), error=["CC110"], strict=True)
    assert dict(policy.actions) == {"CC110": CodeAction.ERROR, "CC104": CodeAction.IGNORE}
    assert policy.strict


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('ignore = ["CC999"]\n', "unknown diagnostic code 'CC999'"),
        ('ignore = "CC104"\n', "ignore must be a list of codes"),
        ('silence = ["CC104"]\n', "unknown key(s) silence"),
        ('ignore = ["CC104"]\nerror = ["CC104"]\n', "CC104 is both ignore and error"),
        ("ignore = [\n", "invalid TOML"),
    ],
)
def test_a_bad_project_file_is_a_policy_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "contractc.toml").write_text(content)
    with pytest.raises(PolicyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_policy(str(tmp_path / "openapi.yaml"))
