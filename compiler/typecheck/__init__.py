"""The type checker: the bound spec against the SQL, as located diagnostics (CC101-CC114)."""

from compiler.typecheck.check import typecheck
from compiler.typecheck.conventions import record_conventions

__all__ = ["record_conventions", "typecheck"]
