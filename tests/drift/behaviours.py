"""Regeneration safety, shown on one target: each test_drift_<target>.py runs these for its target.

The clinic contract is built, then rebuilt or checked against edited copies of it (variants.py):
`no-vets` drops a resource (stale shared files, orphaned vets files), `cancel` adds a custom
operation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.diagnostics import DiagnosticSink
from compiler.output import writer
from compiler.output.drift import drift_findings, user_code_findings
from compiler.output.manifest import read_manifest
from compiler.output.plan import Action, Plan, plan_output
from compiler.output.writer import OutputError, WriteJob, apply_plans
from compiler.targets import available_targets
from emitters.base import ChecksUserCode, UserCodeFinding
from tests.drift.user_code_cases import HOOK_CASES, OPERATION_CASES, UserCodeCase
from tests.drift.variants import CLINIC, contract, rendered, spec_path


def plan(out: Path, target: str, variant: str) -> Plan:
    return plan_output(out, rendered(target, variant))


def build(out: Path, target: str, variant: str, *, force: bool = False) -> Plan:
    planned = plan(out, target, variant)
    if force:
        steps = tuple(
            replace(s, action=Action.UPDATE) if s.action is Action.HAND_EDITED else s
            for s in planned.steps
        )
        planned = replace(planned, steps=steps)
    runtime = available_targets()[target].runtime()
    apply_plans([WriteJob(planned, target, runtime, contract(variant).sources)])
    return planned


def drift_codes(out: Path, target: str, variant: str) -> dict[str, set[str]]:
    """Diagnostic code -> the paths (relative to `out`) it was reported for."""
    sink = DiagnosticSink()
    drift_findings(plan(out, target, variant), "contractc build", sink)
    user_code_findings(out, user_code(out, target, variant), sink)
    found: dict[str, set[str]] = {}
    for diagnostic in sink.sorted():
        found.setdefault(diagnostic.code, set()).add(
            str(Path(diagnostic.location.file).relative_to(out))
        )
    return found


def user_code(out: Path, target: str, variant: str) -> tuple[UserCodeFinding, ...]:
    emitter = available_targets()[target]
    assert isinstance(emitter, ChecksUserCode)
    return emitter.check_user_code(contract(variant), rendered(target, variant), out)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `root`."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def generated_path(target: str, variant: str = "clinic") -> str:
    """A generated file every variant renders with different content (a stale candidate)."""
    base = {f.path: f for f in rendered(target, variant)}
    other = {f.path: f for f in rendered(target, "no-vets")}
    return next(
        path
        for path, file in sorted(base.items())
        if not file.user_owned and path in other and other[path].content != file.content
    )


def user_path(target: str) -> str:
    return next(f.path for f in rendered(target, "clinic") if f.user_owned)


@pytest.fixture
def out(tmp_path: Path, target: str) -> Path:
    folder = tmp_path / "backend"
    build(folder, target, "clinic")
    return folder


def test_a_fresh_build_has_no_drift(out: Path, target: str) -> None:
    assert drift_codes(out, target, "clinic") == {}
    manifest = read_manifest(out)
    assert manifest.target == target
    owned = {path for path, record in manifest.files.items() if record.user_owned}
    assert owned == {f.path for f in rendered(target, "clinic") if f.user_owned}
    assert {s.action for s in plan(out, target, "clinic").steps} <= {
        Action.UNCHANGED,
        Action.KEEP_USER,
    }


def test_a_stale_file_is_reported_then_rebuilt(out: Path, target: str) -> None:
    stale = generated_path(target)
    assert stale in drift_codes(out, target, "no-vets")["CC510"]
    build(out, target, "no-vets")
    assert drift_codes(out, target, "no-vets") == {}
    expected = next(f.content for f in rendered(target, "no-vets") if f.path == stale)
    assert (out / stale).read_text(encoding="utf-8") == expected


def test_a_hand_edit_is_reported_and_blocks_the_build(out: Path, target: str) -> None:
    edited = out / generated_path(target)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n// by hand\n", encoding="utf-8")
    assert drift_codes(out, target, "clinic") == {"CC511": {generated_path(target)}}
    before = snapshot(out)
    with pytest.raises(OutputError, match="hand-edited"):
        build(out, target, "no-vets")
    assert snapshot(out) == before
    build(out, target, "no-vets", force=True)
    assert drift_codes(out, target, "no-vets") == {}


def test_an_orphan_is_removed_only_when_untouched(out: Path, target: str) -> None:
    orphans = {s.path for s in plan(out, target, "no-vets").with_action(Action.REMOVE)}
    assert orphans and orphans <= set(drift_codes(out, target, "no-vets")["CC513"])
    kept, *removed = sorted(orphans)
    (out / kept).write_text("edited after generation\n", encoding="utf-8")
    build(out, target, "no-vets")
    assert (out / kept).read_text(encoding="utf-8") == "edited after generation\n"
    assert not any((out / path).exists() for path in removed)
    assert drift_codes(out, target, "no-vets") == {"CC513": {kept}}
    gone_user_files = {f.path for f in rendered(target, "clinic") if f.user_owned} - {
        f.path for f in rendered(target, "no-vets")
    }
    assert all((out / path).exists() for path in gone_user_files)  # user code is never removed


def test_a_user_file_survives_ten_rebuilds_byte_for_byte(out: Path, target: str) -> None:
    mine = out / user_path(target)
    content = mine.read_bytes() + "\n// my code, my bytes: \u00e9\r\n".encode()
    mine.write_bytes(content)
    for variant in ["no-vets", "clinic"] * 5:
        build(out, target, variant)
        assert mine.read_bytes() == content
    assert read_manifest(out).files[user_path(target)].user_owned


def test_a_failed_build_leaves_the_old_tree_intact(
    out: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(out)
    planned = plan(out, target, "no-vets")
    writes = len(planned.with_action(Action.CREATE, Action.UPDATE))
    assert writes and planned.with_action(Action.REMOVE)
    calls = iter(range(writes + 1))
    real_write = writer.write_staged

    def failing_write(path: Path, content: str, executable: bool) -> None:
        if next(calls) == writes - 1:  # the last generated file: everything else is staged
            raise OSError(28, "No space left on device", str(path))
        real_write(path, content, executable)

    monkeypatch.setattr(writer, "write_staged", failing_write)
    with pytest.raises(OutputError, match="No space left on device"):
        build(out, target, "no-vets")
    assert snapshot(out) == before
    monkeypatch.undo()
    build(out, target, "no-vets")
    assert drift_codes(out, target, "no-vets") == {}


def test_dry_run_writes_nothing_and_summarises_in_json(
    out: Path, target: str, tmp_path: Path
) -> None:
    before = snapshot(out)
    spec = spec_path("no-vets", tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(spec),
            str(CLINIC / "schema.sql"),
            "--target",
            target,
            "--out",
            str(out),
            "--dry-run",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert snapshot(out) == before
    summary = json.loads(result.stdout)
    assert summary["dry_run"] is True and summary["written"] is False
    (entry,) = summary["targets"]
    assert entry["target"] == target and entry["counts"]["update"] > 0
    assert entry["counts"]["remove"] > 0 and entry["blocked"] == []
    assert entry["changes"][generated_path(target)] == "update"


@pytest.fixture
def cases(target: str) -> Iterator[tuple[UserCodeCase, UserCodeCase]]:
    yield OPERATION_CASES[target], HOOK_CASES[target]


def test_user_code_that_no_longer_fits_is_cc514(
    tmp_path: Path, target: str, cases: tuple[UserCodeCase, UserCodeCase]
) -> None:
    for number, case in enumerate(cases):
        folder = tmp_path / f"case{number}"
        build(folder, target, case.built_with)
        case.apply(folder)
        findings = user_code(folder, target, case.checked_with)
        assert [f.path for f in findings] == [case.path], findings
        assert case.name in findings[0].message and findings[0].hint
        assert drift_codes(folder, target, case.checked_with)["CC514"] == {case.path}
