"""The diagnostic policy: which codes a project or a run silences, downgrades or promotes.

A policy comes from the project file (`contractc.toml`, or `[tool.contractc]` in `pyproject.toml`,
the nearest one found walking up from the spec's folder) and from the command line, which wins
code by code. `x-contractc-ignore` in the spec (see `compiler.openapi.ignores`) silences codes for
one operation or schema. The policy is applied once, to the finished list of diagnostics.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from compiler.codes import CODES
from compiler.diagnostics import Diagnostic, Severity

PROJECT_FILE = "contractc.toml"
PYPROJECT_FILE = "pyproject.toml"

# codes for input that could not be read at all: nothing after them ran, so they stay errors
FIXED_CODES = frozenset({"CC001", "CC002", "CC003", "CC004", "CC005", "CC204"})


class CodeAction(StrEnum):
    """What the policy does to every finding of one code."""

    IGNORE = "ignore"
    WARN = "warn"
    ERROR = "error"


class PolicyError(Exception):
    """A policy that cannot be used: an unknown code, a bad project file (a usage error)."""


@dataclass(frozen=True)
class Policy:
    """Per-code actions, plus `strict`, which makes every remaining warning an error."""

    actions: Mapping[str, CodeAction] = field(default_factory=lambda: MappingProxyType({}))
    strict: bool = False

    def apply(
        self,
        diagnostics: Iterable[Diagnostic],
        ignored_in_spec: Callable[[Diagnostic], bool] = lambda d: False,
    ) -> tuple[Diagnostic, ...]:
        """The diagnostics this policy keeps, with their severities rewritten, in input order."""
        kept = []
        for diagnostic in diagnostics:
            if diagnostic.code not in FIXED_CODES:
                action = self.actions.get(diagnostic.code)
                if action is CodeAction.IGNORE or ignored_in_spec(diagnostic):
                    continue
                diagnostic = _with_severity(diagnostic, action, self.strict)
            kept.append(diagnostic)
        return tuple(kept)


DEFAULT_POLICY = Policy()


def _with_severity(diagnostic: Diagnostic, action: CodeAction | None, strict: bool) -> Diagnostic:
    severity = diagnostic.severity
    if action is CodeAction.WARN:
        severity = Severity.WARNING
    elif action is CodeAction.ERROR:
        severity = Severity.ERROR
    if strict and severity is Severity.WARNING:
        severity = Severity.ERROR
    return diagnostic if severity is diagnostic.severity else replace(diagnostic, severity=severity)


def load_policy(
    spec_path: str,
    *,
    ignore: Sequence[str] = (),
    warn: Sequence[str] = (),
    error: Sequence[str] = (),
    strict: bool = False,
) -> Policy:
    """The project file's policy for `spec_path`, overridden code by code by the run's flags.

    Raises `PolicyError` for an unknown or unchangeable code, or an unreadable project file.
    """
    project = find_project_file(Path(spec_path).resolve().parent)
    actions = read_project_file(project) if project else {}
    actions.update(actions_from(ignore=ignore, warn=warn, error=error, origin="the command line"))
    return Policy(MappingProxyType(actions), strict)


def find_project_file(folder: Path) -> Path | None:
    """The nearest `contractc.toml`, or `pyproject.toml` with a `[tool.contractc]` table.

    Searched in `folder` and then each parent; in one folder `contractc.toml` wins.
    """
    for candidate in (folder, *folder.parents):
        own = candidate / PROJECT_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT_FILE
        if pyproject.is_file() and _contractc_table(pyproject) is not None:
            return pyproject
    return None


def read_project_file(path: Path) -> dict[str, CodeAction]:
    """The actions a project file sets (`ignore`, `warn`, `error`: lists of codes)."""
    table = _contractc_table(path) if path.name == PYPROJECT_FILE else _toml(path)
    if not isinstance(table, dict):
        raise PolicyError(f"{path}: [tool.contractc] must be a table")
    unknown = sorted(set(table) - {a.value for a in CodeAction})
    if unknown:
        raise PolicyError(
            f"{path}: unknown key(s) {', '.join(unknown)} (expected ignore, warn, error)"
        )
    lists = {}
    for key, value in table.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PolicyError(f'{path}: {key} must be a list of codes, like ["CC110"]')
        lists[key] = value
    return actions_from(**lists, origin=str(path))


def actions_from(
    *,
    ignore: Sequence[str] = (),
    warn: Sequence[str] = (),
    error: Sequence[str] = (),
    origin: str,
) -> dict[str, CodeAction]:
    """One action per code from one origin; a code named twice with different actions is an error."""
    actions: dict[str, CodeAction] = {}
    for action, codes in (
        (CodeAction.IGNORE, ignore),
        (CodeAction.WARN, warn),
        (CodeAction.ERROR, error),
    ):
        for code_id in codes:
            code_id = validate_code(code_id, action)
            previous = actions.setdefault(code_id, action)
            if previous is not action:
                raise PolicyError(
                    f"{origin}: {code_id} is both {previous.value} and {action.value}"
                )
    return actions


def validate_code(code_id: str, action: CodeAction) -> str:
    """The code, normalised (`cc104` → `CC104`); raises PolicyError when it cannot take `action`."""
    normalised = code_id.strip().upper()
    if normalised not in CODES:
        raise PolicyError(f"unknown diagnostic code {code_id!r} (see docs/diagnostics.md)")
    if normalised in FIXED_CODES and action is not CodeAction.ERROR:
        raise PolicyError(
            f"{normalised} cannot be {'ignored' if action is CodeAction.IGNORE else 'downgraded'}: "
            "the input could not be read, so nothing else was checked"
        )
    return normalised


def _contractc_table(pyproject: Path) -> Any:
    """The `[tool.contractc]` value of a pyproject.toml, None when it has none."""
    tool = _toml(pyproject).get("tool")
    return tool.get("contractc") if isinstance(tool, dict) else None


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: invalid TOML: {exc}") from None
