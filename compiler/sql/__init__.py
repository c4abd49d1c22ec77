"""The SQL front end: CREATE TABLE scripts and migration folders in, the database IR out."""

from compiler.sql.ddl import render_ddl
from compiler.sql.parser import parse_schema

__all__ = ["parse_schema", "render_ddl"]
