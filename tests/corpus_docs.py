"""Which corpus files are OpenAPI 3 documents (the corpus also holds Swagger 2.0 and fragments)."""

from __future__ import annotations

import re
from pathlib import Path

_OPENAPI_3 = re.compile(r"""^\s*["']?openapi["']?\s*:\s*["']?3\.""", re.MULTILINE)


def declares_openapi_3(path: Path) -> bool:
    """Whether the file says `openapi: 3.x` near its top, as a whole document does."""
    head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    return _OPENAPI_3.search(head) is not None
