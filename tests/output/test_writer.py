"""Planning and writing output folders: user files survive, hand edits block, failures leave no trace."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from compiler.output import writer
from compiler.output.manifest import MANIFEST_NAME, ManifestError, read_manifest
from compiler.output.plan import Action, plan_output
from compiler.output.progress import terminal_progress
from compiler.output.writer import OutputError, WriteJob, apply_plan, apply_plans
from emitters.base import GeneratedFile, Runtime

RUNTIME = Runtime(
    install=(("true",),),
    install_marker=".installed",
    build=(),
    start=("true",),
    unit_tests=("true",),
)


def files(version: str = "1", *, with_extra: bool = True) -> tuple[GeneratedFile, ...]:
    out = [
        GeneratedFile("app/main.py", f"# generated v{version}\n"),
        GeneratedFile("app/custom/hooks.py", "# yours\n", user_owned=True),
    ]
    if with_extra:
        out.append(GeneratedFile("app/extra/old.py", "# extra\n"))
    return tuple(out)


def build(out: Path, rendered: tuple[GeneratedFile, ...]) -> None:
    apply_plan(plan_output(out, rendered), "fake", RUNTIME, ())


def actions(out: Path, rendered: tuple[GeneratedFile, ...]) -> dict[str, Action]:
    return {s.path: s.action for s in plan_output(out, rendered).steps}


def test_first_build_creates_everything_and_records_owners(tmp_path: Path) -> None:
    build(tmp_path, files())
    manifest = read_manifest(tmp_path)
    assert (tmp_path / "app/main.py").read_text() == "# generated v1\n"
    assert manifest.files["app/custom/hooks.py"].user_owned
    assert not manifest.files["app/main.py"].user_owned
    assert manifest.runtime == RUNTIME


def test_rebuild_updates_generated_and_keeps_user_files(tmp_path: Path) -> None:
    build(tmp_path, files())
    (tmp_path / "app/custom/hooks.py").write_text("# my code\n")
    for _ in range(10):
        build(tmp_path, files("2"))
    assert (tmp_path / "app/custom/hooks.py").read_text() == "# my code\n"
    assert (tmp_path / "app/main.py").read_text() == "# generated v2\n"
    assert actions(tmp_path, files("2"))["app/main.py"] is Action.UNCHANGED


def test_hand_edit_blocks_the_build_and_nothing_is_written(tmp_path: Path) -> None:
    build(tmp_path, files())
    (tmp_path / "app/main.py").write_text("# edited by hand\n")
    plan = plan_output(tmp_path, files("2"))
    assert [s.path for s in plan.blocked] == ["app/main.py"]
    with pytest.raises(OutputError):
        apply_plan(plan, "fake", RUNTIME, ())
    assert (tmp_path / "app/main.py").read_text() == "# edited by hand\n"


def test_a_written_migration_is_kept_and_a_hand_edit_of_it_reported(tmp_path: Path) -> None:
    def migration(text: str) -> tuple[GeneratedFile, ...]:
        return (GeneratedFile("migrations/0001.sql", text, write_once=True),)

    build(tmp_path, migration("CREATE TABLE a (id int);\n"))
    for _ in range(2):  # a later generator writes migration 1 differently: the first text stays
        assert actions(tmp_path, migration("CREATE TABLE a (id bigint);\n")) == {
            "migrations/0001.sql": Action.KEEP_WRITTEN
        }
        build(tmp_path, migration("CREATE TABLE a (id bigint);\n"))
    assert (tmp_path / "migrations/0001.sql").read_text() == "CREATE TABLE a (id int);\n"
    (tmp_path / "migrations/0001.sql").write_text("CREATE TABLE a (id text);\n")
    assert [s.path for s in plan_output(tmp_path, migration("x")).blocked] == [
        "migrations/0001.sql"
    ]


def test_foreign_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app/main.py").write_text("# a file the user wrote\n")
    assert actions(tmp_path, files())["app/main.py"] is Action.FOREIGN


def test_orphans_are_removed_only_when_untouched(tmp_path: Path) -> None:
    build(tmp_path, files())
    plan = plan_output(tmp_path, files(with_extra=False))
    assert {s.path: s.action for s in plan.steps}["app/extra/old.py"] is Action.REMOVE
    apply_plan(plan, "fake", RUNTIME, ())
    assert not (tmp_path / "app/extra").exists()

    build(tmp_path, files())
    (tmp_path / "app/extra/old.py").write_text("# kept: edited\n")
    build(tmp_path, files(with_extra=False))
    assert (tmp_path / "app/extra/old.py").read_text() == "# kept: edited\n"


def test_failed_write_leaves_previous_output_intact(tmp_path: Path) -> None:
    build(tmp_path, files())
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    broken = files("2") + (GeneratedFile("app/main.py/impossible.py", "x"),)
    with pytest.raises(OutputError):
        apply_plan(plan_output(tmp_path, broken), "fake", RUNTIME, ())
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_corrupt_manifest_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    with pytest.raises(ManifestError, match="unreadable manifest"):
        read_manifest(tmp_path)
    with pytest.raises(ManifestError, match="no manifest"):
        read_manifest(tmp_path / "missing")


def test_a_failure_in_one_folder_writes_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "fastapi", tmp_path / "gin"
    build(first, files())
    build(second, files())
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    dirs_before = {p for p in tmp_path.rglob("*") if p.is_dir()}
    rendered = files("2", with_extra=False) + (GeneratedFile("app/new/deep/file.py", "x\n"),)
    jobs = [WriteJob(plan_output(d, rendered), "fake", RUNTIME, ()) for d in (first, second)]
    real_write = writer.write_staged

    def fail_in_second(path: Path, content: str, executable: bool) -> None:
        if second in path.parents and path.name.startswith("main.py"):
            raise OSError(13, "Permission denied", str(path))
        real_write(path, content, executable)

    monkeypatch.setattr(writer, "write_staged", fail_in_second)
    with pytest.raises(OutputError, match="Permission denied"):
        apply_plans(jobs)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert {p for p in tmp_path.rglob("*") if p.is_dir()} == dirs_before  # no new folders left


def test_a_folder_where_a_file_belongs_blocks_the_build(tmp_path: Path) -> None:
    (tmp_path / "app/main.py").mkdir(parents=True)
    plan = plan_output(tmp_path, files())
    assert [s.path for s in plan.blocked] == ["app/main.py"]


def test_progress_shows_only_on_a_terminal_outside_ci() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    report = terminal_progress(stream, 2, {"TERM": "xterm"})
    assert report is not None
    report("gin", "rendered", 0.5)
    report("fastapi", "rendered", 1.25)
    assert stream.getvalue() == "[1/2] gin rendered in 0.50s\n[2/2] fastapi rendered in 1.25s\n"
    assert terminal_progress(stream, 2, {"CI": "true"}) is None
    assert terminal_progress(io.StringIO(), 2, {}) is None
