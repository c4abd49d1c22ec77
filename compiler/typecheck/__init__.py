"""The type checker: the bound spec against the SQL, as located diagnostics (CC101-CC114)."""

from compiler.typecheck.check import typecheck
from compiler.typecheck.conventions import record_conventions
from compiler.typecheck.server_filled import declare_server_filled

__all__ = ["declare_server_filled", "record_conventions", "typecheck"]
