"""The FastAPI target: a layered FastAPI + SQLAlchemy 2 (async) + Alembic project from the IR."""

from __future__ import annotations

from pathlib import Path

from compiler.ir import Contract
from emitters.base import GeneratedFile, Runtime, UserCodeFinding
from emitters.fastapi.project import render_project
from emitters.fastapi.runtime import fastapi_runtime
from emitters.fastapi.user_code import check_fastapi_user_code


class FastAPIEmitter:
    """contractc's FastAPI target (see /work/shared/design/generated-backend.md)."""

    name = "fastapi"
    description = "FastAPI + SQLAlchemy 2 async + Alembic + Pydantic v2 (Python 3.11)"

    def render(self, contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
        """Every file of the project, sorted by path; byte-identical for identical inputs."""
        return render_project(contract, inputs_label)

    def check_user_code(
        self, contract: Contract, rendered: tuple[GeneratedFile, ...], out_dir: Path
    ) -> tuple[UserCodeFinding, ...]:
        """Every custom handler and hook the generated code awaits, checked with `ast` (CC514)."""
        return check_fastapi_user_code(rendered, out_dir)

    def runtime(self) -> Runtime:
        """Install (a venv, or the current interpreter when it has the dependencies), start, test."""
        return fastapi_runtime()


__all__ = ["FastAPIEmitter"]
