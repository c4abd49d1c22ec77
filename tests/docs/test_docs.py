"""The documentation lists every diagnostic code the compiler can emit."""

from __future__ import annotations

from pathlib import Path

from compiler.codes import CODES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_code_is_documented_with_its_title() -> None:
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    missing = [
        c.id for c in CODES.values() if f"| {c.id} | {c.severity.value} | {c.title} |" not in text
    ]
    assert missing == []
