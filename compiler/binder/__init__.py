"""The binder: OpenAPI operations bound to SQL tables (and, without SQL, tables inferred from the spec)."""

from compiler.binder.api import bind_api
from compiler.binder.infer import infer_database
from compiler.binder.mapping import load_mapping

__all__ = ["bind_api", "infer_database", "load_mapping"]
