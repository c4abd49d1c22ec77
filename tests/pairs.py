"""The example contract pairs every target is tested against, found in contracts/."""

from __future__ import annotations

from pathlib import Path

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"

# Pairs meant to compile cleanly (every folder but the deliberately broken `defects`).
CLEAN_PAIRS: tuple[str, ...] = tuple(
    sorted(
        folder.name
        for folder in CONTRACTS.iterdir()
        if (folder / "openapi.yaml").is_file() and folder.name != "defects"
    )
)


def pair_files(pair: str) -> tuple[Path, Path]:
    """The OpenAPI document and the schema SQL of one example pair."""
    folder = CONTRACTS / pair
    return folder / "openapi.yaml", folder / "schema.sql"
