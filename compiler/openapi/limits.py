"""Hard limits that keep hostile documents from exhausting time or memory (CC004)."""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger inputs are refused before reading
MAX_DEPTH = 256  # nesting of mappings and sequences; real specs stay far below 64
MAX_EXPANDED_NODES = 5_000_000  # nodes a document would have once every YAML alias is expanded
MAX_REF_FILES = 1_000  # distinct files one document may pull in through `$ref`
TOO_DEEP = f"document nested deeper than {MAX_DEPTH} levels"  # the CC004 message, whoever refuses
