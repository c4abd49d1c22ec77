"""A rebuild with a changed schema: the manifest's schema history, the appended migration (CC602), consent for CC601."""

from __future__ import annotations

import json
from pathlib import Path

from tests.contractc_cli import run_contractc

SPEC = """openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    get:
      responses:
        '200':
          description: every thing
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, maxLength: 40}
"""
V1 = "CREATE TABLE things (id SERIAL PRIMARY KEY, name VARCHAR(40), note TEXT);\n"


def _build(folder: Path, sql: str, *extra: str) -> tuple[int, str]:
    (folder / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (folder / "schema.sql").write_text(sql, encoding="utf-8")
    done = run_contractc(
        "build",
        str(folder / "openapi.yaml"),
        str(folder / "schema.sql"),
        "--target",
        "fastapi",
        "--out",
        str(folder / "out"),
        *extra,
    )
    return done.returncode, done.stdout + done.stderr


def _history(folder: Path) -> list[dict[str, object]]:
    manifest = json.loads((folder / "out" / "contractc-manifest.json").read_text(encoding="utf-8"))
    return list(manifest.get("schemas", []))


def test_the_manifest_records_each_schema_once_and_a_change_is_reported(tmp_path: Path) -> None:
    assert _build(tmp_path, V1)[0] == 0
    assert _build(tmp_path, V1)[0] == 0
    assert len(_history(tmp_path)) == 1
    code, output = _build(tmp_path, V1.replace("note TEXT", "note TEXT, rank INTEGER"))
    assert code == 0, output
    assert "info[CC602]" in output and "add column things.rank" in output
    assert sorted(p.name for p in (tmp_path / "out" / "migrations" / "versions").glob("0*.py")) == [
        "0001_initial.py",
        "0002_add_column_things_rank.py",
    ]
    assert len(_history(tmp_path)) == 2


def test_a_risky_change_needs_consent_and_writes_nothing_without_it(tmp_path: Path) -> None:
    assert _build(tmp_path, V1)[0] == 0
    before = (tmp_path / "out" / "contractc-manifest.json").read_bytes()
    dropped = V1.replace(", note TEXT", "")
    code, output = _build(tmp_path, dropped)
    assert code == 1
    assert "error[CC601]" in output and "drop column things.note drops the column" in output
    assert (tmp_path / "out" / "contractc-manifest.json").read_bytes() == before
    code, output = _build(tmp_path, dropped, "--allow-destructive")
    assert code == 0, output
    assert len(_history(tmp_path)) == 2


def test_warn_cc601_is_the_same_consent(tmp_path: Path) -> None:
    assert _build(tmp_path, V1)[0] == 0
    code, output = _build(tmp_path, V1.replace(", note TEXT", ""), "--warn", "CC601")
    assert code == 0 and "warning[CC601]" in output, output


SEED = "INSERT INTO things (name) VALUES ('first');\n"


def test_seed_rows_added_after_the_first_build_are_inserted_once(tmp_path: Path) -> None:
    assert _build(tmp_path, V1 + SEED)[0] == 0
    code, output = _build(tmp_path, V1 + SEED + "INSERT INTO things (name) VALUES ('second');\n")
    assert code == 0, output
    versions = sorted((tmp_path / "out" / "migrations" / "versions").glob("0*.py"))
    assert [p.name[:5] for p in versions] == ["0001_", "0002_"]
    appended = versions[1].read_text(encoding="utf-8")
    assert "'second'" in appended and "'first'" not in appended
    assert _build(tmp_path, V1 + SEED + "INSERT INTO things (name) VALUES ('second');\n")[0] == 0
    assert len(list((tmp_path / "out" / "migrations" / "versions").glob("0*.py"))) == 2


def test_a_manifest_from_before_seed_rows_were_recorded_inserts_nothing_again(
    tmp_path: Path,
) -> None:
    assert _build(tmp_path, V1 + SEED)[0] == 0
    manifest_path = tmp_path / "out" / "contractc-manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for snapshot in manifest["schemas"]:
        del snapshot["seeds"]  # as written by earlier versions
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    code, output = _build(tmp_path, V1 + SEED)
    assert code == 0, output
    assert len(list((tmp_path / "out" / "migrations" / "versions").glob("0*.py"))) == 1
