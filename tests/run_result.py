"""What one end-to-end run (`contractc test` or the Schemathesis CLI) left behind."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUMMARY = re.compile(
    r"^=*\s*((?:\d+ (?:passed|failed|failures?|errors?|warnings?|deselected)|No issues found)"
    r"[^=]*?)\s*(?:=+)?$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class RunResult:
    """Exit code, combined output and wall time of one run."""

    returncode: int
    output: str
    seconds: float

    @property
    def summary(self) -> str:
        """The last pytest or Schemathesis summary line, e.g. `26 passed in 94.90s`."""
        found = _SUMMARY.findall(self.output)
        return found[-1] if found else "(no summary)"
