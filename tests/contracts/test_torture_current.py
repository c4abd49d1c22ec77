"""contracts/torture/ is exactly what its generator writes, and every hostile word reaches it."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.torture.contract import torture_pair
from tests.torture.words import torture_words

FOLDER = Path(__file__).resolve().parents[2] / "contracts" / "torture"


def test_committed_torture_pair_is_the_generators_output() -> None:
    spec, schema = torture_pair()
    assert (FOLDER / "openapi.yaml").read_text(encoding="utf-8") == spec, (
        "run `python -m tests.torture`"
    )
    assert (FOLDER / "schema.sql").read_text(encoding="utf-8") == schema


def test_every_hostile_word_is_a_property_of_some_schema() -> None:
    spec = yaml.safe_load((FOLDER / "openapi.yaml").read_text(encoding="utf-8"))
    properties = {
        name
        for schema in spec["components"]["schemas"].values()
        for name in schema.get("properties", {})
    }
    assert set(torture_words()) <= properties | {"struct"}
