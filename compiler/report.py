"""Diagnostics rendered for people (text), scripts (JSON) and code-scanning UIs (SARIF 2.1.0)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from compiler import __version__
from compiler.codes import CODES
from compiler.diagnostics import Diagnostic, Severity
from compiler.excerpt import SourceExcerpts
from compiler.ir import Operation


def render_text(diagnostics: Sequence[Diagnostic], *, color: bool = False) -> str:
    """`file:line:col: error[CC104]: message` lines, then a summary.

    Each is followed by the offending source line with a caret under the span (see
    `compiler.excerpt`), then by its hint.
    """
    excerpts = SourceExcerpts()
    lines = []
    for d in diagnostics:
        loc = d.location
        where = loc.file
        if loc.line:
            where += f":{loc.line}:{loc.column or 1}"
        label = f"{d.severity.value}[{d.code}]"
        excerpt = excerpts.excerpt(loc)
        if color:
            paint = _COLORS[d.severity] + r"\g<0>" + "\033[0m"
            label = _COLORS[d.severity] + label + "\033[0m"
            excerpt[-1:] = [_CARETS.sub(paint, line) for line in excerpt[-1:]]
        lines.append(f"{where}: {label}: {d.message}")
        lines.extend(excerpt)
        if d.hint:
            indent = " " * (len(str(loc.line)) + 1 if excerpt else 2)  # `=` under the gutter's `|`
            lines.append(f"{indent}= hint: {d.hint}")
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    lines.append(
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} note(s)"
    )
    return "\n".join(lines) + "\n"


_CARETS = re.compile(r"\^~*$")
_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def render_json(diagnostics: Sequence[Diagnostic], operations: Sequence[Operation]) -> str:
    """The `check --format json` document: ok, diagnostics and the operations' binding."""
    document = {
        "ok": not any(d.is_error for d in diagnostics),
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "file": d.location.file,
                "line": d.location.line,
                "column": d.location.column,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
        "operations": [
            {
                "operationId": op.operation_id,
                "method": op.method.upper(),
                "path": op.path,
                "kind": op.kind.value,
                "table": op.table,
                "evidence": list(op.evidence),
            }
            for op in operations
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """A SARIF 2.1.0 log with one run; every code used is described as a rule."""
    used = sorted({d.code for d in diagnostics})
    rules = [
        {
            "id": code_id,
            "shortDescription": {"text": CODES[code_id].title},
            "defaultConfiguration": {"level": _SARIF_LEVEL[CODES[code_id].severity]},
        }
        for code_id in used
        if code_id in CODES
    ]
    results = [_sarif_result(d, used.index(d.code)) for d in diagnostics]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "contractc",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/contractc/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    physical: dict[str, Any] = {"artifactLocation": {"uri": d.location.file}}
    if d.location.line:
        physical["region"] = {
            "startLine": d.location.line,
            "startColumn": max(d.location.column, 1),
        }
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    }
