"""Layout the way gofmt lays it out, for the few constructs gofmt aligns (struct fields, keyed literals)."""

from __future__ import annotations

from collections.abc import Sequence


def align(rows: Sequence[Sequence[str]], indent: str = "\t") -> list[str]:
    """Rows of cells as gofmt aligns them: every cell but the last padded to its column's width + 1."""
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    widths = [0] * columns
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[i] + 1) for i, cell in enumerate(row[:-1])]
        lines.append(indent + "".join(cells) + row[-1])
    return lines


def keyed(pairs: Sequence[tuple[str, str]], indent: str = "\t\t") -> list[str]:
    """`Key: value,` lines of a multi-line composite literal, values aligned as gofmt does."""
    return align([(key + ":", value + ",") for key, value in pairs], indent)
