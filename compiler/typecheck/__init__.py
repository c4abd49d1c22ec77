"""The type checker: the bound spec against the SQL, as located diagnostics (CC101-CC111)."""

from compiler.typecheck.check import typecheck

__all__ = ["typecheck"]
