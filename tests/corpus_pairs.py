"""The real-world pairs of the shared corpus, and the mapping file each needs to build.

The binder cannot map some of their operations onto a table (realworld's creates need values the
request does not carry, listmonk's bodies are looser than its columns), so a small mapping file,
written by the tests (the corpus is read-only), marks them custom.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CorpusPair:
    """One pair under `corpus/pairs/<name>`."""

    name: str
    spec_name: str
    base_path: str
    custom: tuple[str, ...]  # operations the mapping file marks custom

    def spec(self, corpus: Path) -> Path:
        return corpus / "pairs" / self.name / self.spec_name

    def schema(self, corpus: Path) -> Path:
        return corpus / "pairs" / self.name / "schema.sql"

    def write_mapping(self, folder: Path) -> Path:
        """The mapping file, written into `folder`; its path."""
        mapping = folder / f"{self.name}-mapping.yaml"
        lines = "".join(f"  {op}: {{kind: custom}}\n" for op in self.custom)
        mapping.write_text("operations:\n" + lines, encoding="utf-8")
        return mapping


CORPUS_PAIRS = {
    "realworld": CorpusPair(
        "realworld", "openapi.yml", "/api", ("CreateUser", "CreateArticle", "CreateArticleComment")
    ),
    "listmonk": CorpusPair(
        "listmonk",
        "openapi.yaml",
        "/api",
        (
            "createSubscriber",
            "updateSubscriberById",
            "createList",
            "updateListById",
            "createCampaign",
            "updateCampaignById",
            "createCampaignContentById",
            "createTemplate",  # `subject` optional, but templates.subject is NOT NULL (CC112)
        ),
    ),
}
