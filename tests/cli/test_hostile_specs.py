"""Valid specs that carry code in their titles and descriptions (corpus: rapid7-*) build to
projects where that text stays inert: every target renders, and the Python output compiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.build import render_target
from compiler.pipeline import compile_contract
from compiler.targets import available_targets

MALICIOUS = ("rapid7-html.json", "rapid7-php.json", "rapid7-ruby.json")


@pytest.mark.corpus
@pytest.mark.parametrize("name", MALICIOUS)
@pytest.mark.parametrize("target", sorted(available_targets()))
def test_payloads_in_spec_text_stay_inert(corpus: Path, name: str, target: str) -> None:
    result = compile_contract(str(corpus / "bad-input" / "mermade-3.0-malicious" / name))
    assert result.contract is not None, result.diagnostics
    files = render_target(result.contract, target)
    assert files
    for file in files:
        assert len(Path(file.path).name) < 200
        if file.path.endswith(".py"):
            compile(file.content, file.path, "exec")
