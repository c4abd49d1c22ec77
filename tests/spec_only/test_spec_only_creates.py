"""A spec-only build (no SQL: tables inferred from the spec) accepts valid creates in every target.

The tables inferred must let a create succeed: defaults, server-set timestamps, natural keys and
nested parents are the database's or the path's to fill (compiler/binder/infer.py). Contract
tests cannot see this (a 409 is documented), so each server is asked directly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pairs import pair_files
from tests.served import build, call, serving

pytestmark = pytest.mark.e2e

TARGETS = ("fastapi", "express", "gin", "spring")


@pytest.mark.parametrize("target", TARGETS)
def test_creates_with_only_the_required_properties_succeed(target: str, tmp_path: Path) -> None:
    spec, _ = pair_files("clinic")
    project = build(target, tmp_path / "out", spec)
    with serving(project, tmp_path / "clinic.db") as base:
        api = base + "/api/v1"
        status, species = call("POST", api + "/species", {"code": "dog", "name": "Dog"})
        assert status == 201, species
        person = {"firstName": "Ada", "lastName": "Byron", "email": "ada@example.com"}
        status, owner = call("POST", api + "/owners", person)
        assert status == 201, owner
        assert owner["createdAt"]  # set by the database
        status, pet = call(
            "POST", f"{api}/owners/{owner['id']}/pets", {"name": "Rex", "speciesCode": "dog"}
        )
        assert status == 201, pet
        assert pet["ownerId"] == owner["id"] and pet["sex"] == "unknown"  # the spec's default
