"""The real-world pairs of the shared corpus compile for Spring Boot and their servers serve.

Each pair needs a small mapping file (written here; the corpus is read-only) marking the operations
the binder cannot map onto a table as custom, as for FastAPI (tests/fastapi_contract). Their specs
document almost no error responses, so how far `contractc test` gets is measured by hand, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.pipeline import compile_contract
from tests.corpus_pairs import CORPUS_PAIRS
from tests.spring.spring_projects import Server, maven, toolchain_missing, write_contract

pytestmark = [pytest.mark.e2e, pytest.mark.corpus]


@pytest.mark.parametrize("pair", sorted(CORPUS_PAIRS))
def test_corpus_pair_compiles_and_serves(pair: str, corpus: Path, tmp_path: Path) -> None:
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)
    chosen = CORPUS_PAIRS[pair]
    mapping = chosen.write_mapping(tmp_path)
    result = compile_contract(
        str(chosen.spec(corpus)), [str(chosen.schema(corpus))], mapping_path=str(mapping)
    )
    assert result.contract is not None, result.diagnostics
    project = write_contract(result.contract, tmp_path / "project")
    built = maven(project, "package", "-DskipTests")
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-2000:]
    server = Server(
        project,
        f"sqlite:///{tmp_path / 'corpus.db'}",
        AUTH_API_KEYS="corpus-key",
        AUTH_BASIC_USERS="corpus:corpus",
    )
    try:
        spec = server.call("GET", "/openapi.json")
        assert spec.status == 200 and isinstance(spec.body, dict) and spec.body["paths"]
        assert server.call("GET", "/healthz").status == 200
        unknown = server.call("GET", chosen.base_path + "/no-such-route")
        assert unknown.status == 404, unknown.body
        assert unknown.headers["content-type"].startswith("application/problem+json")
    finally:
        assert server.stop() in (0, 143)
