"""Diagnostics as text, JSON and SARIF."""

from __future__ import annotations

import json

from compiler.diagnostics import DiagnosticSink, Location
from compiler.report import render_json, render_sarif, render_text


def sample() -> DiagnosticSink:
    sink = DiagnosticSink()
    sink.error(
        "CC104",
        "maxLength 200 exceeds VARCHAR(80)",
        Location("schema.sql", 12, 5),
        "add maxLength: 80",
    )
    sink.warning("CC110", "operation is custom", Location("openapi.yaml", 40, 7))
    sink.info("CC302", "function skipped", Location("schema.sql", 3, 1))
    return sink


def test_text_is_compiler_style_with_hints_and_summary() -> None:
    text = render_text(sample().sorted())
    lines = text.splitlines()
    assert lines[0] == "openapi.yaml:40:7: warning[CC110]: operation is custom"
    assert "schema.sql:12:5: error[CC104]: maxLength 200 exceeds VARCHAR(80)" in lines
    assert "  = hint: add maxLength: 80" in lines
    assert lines[-1] == "1 error(s), 1 warning(s), 1 note(s)"


def test_json_has_exactly_the_documented_keys() -> None:
    doc = json.loads(render_json(sample().sorted(), ()))
    assert set(doc) == {"ok", "diagnostics", "operations"}
    assert doc["ok"] is False
    assert set(doc["diagnostics"][0]) == {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "hint",
    }


def test_sarif_is_2_1_0_with_rules_for_used_codes() -> None:
    log = json.loads(render_sarif(sample().sorted()))
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CC104", "CC110", "CC302"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"CC104": "error", "CC110": "warning", "CC302": "note"}
    region = run["results"][-1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 12, "startColumn": 5}
