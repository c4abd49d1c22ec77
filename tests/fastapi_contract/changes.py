"""Edits applied to a copied clinic project: injected faults, and the custom handler a user writes.

Each edit replaces one exact piece of the rendered output and fails loudly when that piece is not
there exactly once, so a change in the emitter cannot silently turn a fault into a no-op.
"""

from __future__ import annotations

import re
from pathlib import Path


def _replace(project: Path, relative: str, pattern: str, replacement: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text)
    if count != 1:
        raise AssertionError(f"{relative}: expected one match of {pattern!r}, found {count}")
    path.write_text(changed, encoding="utf-8")


def delete_that_keeps_the_row(project: Path) -> None:
    """Every DELETE counts the matching rows instead of deleting them, and still answers 204."""
    _replace(
        project,
        "app/repositories/base.py",
        re.escape("return (await conn.execute(_delete(tbl, tuple(where)), params)).rowcount\n"),
        "return int((await conn.execute(_count(tbl, tuple(where)), params)).scalar_one())\n",
    )


def list_owners_without_auth(project: Path) -> None:
    """GET /owners loses its bearer check: anyone can list the clinic's owners."""
    _replace(
        project,
        "app/routers/owners.py",
        r'(name="listOwners",\n(?:    .*\n)*?)    dependencies=\[Depends\(require\(\("bearerAuth",\)\)\)\],\n',
        r"\1",
    )


def create_owner_answers_200(project: Path) -> None:
    """POST /owners answers 200 where the spec documents 201."""
    _replace(
        project,
        "app/routers/owners.py",
        r'(name="createOwner",\n    status_code=)201,',
        r"\g<1>200,",
    )


COMPLETE_VISIT = '''\
"""Custom operations of `visits`: written by the clinic's developers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.custom import CustomCall
from app.db import transaction
from app.errors import Conflict, NotFound
from app.repositories import visits as repository

CLOSED = ("completed", "cancelled")


async def complete_visit(call: CustomCall) -> Any:
    """POST /visits/{visitId}/complete: mark the visit completed, settle fee and notes."""
    where = {"id": call.params["visitId"]}
    async with transaction() as conn:
        visit = await repository.get_visit(conn, where)
        if visit is None:
            raise NotFound("no such visit")
        if visit["status"] in CLOSED:
            raise Conflict(f"the visit is already {visit['status']}")
        values: dict[str, Any] = {"status": "completed", "completed_at": datetime.now(UTC)}
        if call.body is not None:
            if call.body.fee is not None:
                values["fee"] = call.body.fee
            if "notes" in call.body.model_fields_set:
                values["notes"] = call.body.notes
        return await repository.replace_visit(conn, where, values)
'''


def write_complete_visit(project: Path) -> None:
    """What a user does with the user-owned stub: implement completeVisit."""
    handler = project / "app" / "custom" / "visits.py"
    if "raise NotImplementedYet" not in handler.read_text(encoding="utf-8"):
        raise AssertionError(f"{handler} is not the generated stub")
    handler.write_text(COMPLETE_VISIT, encoding="utf-8")
