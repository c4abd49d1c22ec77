"""Hand-written FastAPI reference for the petstore benchmark: GET /pets/{id}, GET /pets, POST /pets.

What an experienced engineer writes by hand with the generated app's stack: FastAPI, SQLAlchemy 2
async Core with aiosqlite (or asyncpg), strict Pydantic v2 request model, response model, 404 and
400 in the spec's `Error` schema. No ORM, no middleware. Run: PORT=8000 DATABASE_URL=sqlite:////abs.db
python main.py (the tables must exist: the benchmark reuses the database the generated app migrated).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

metadata = sa.MetaData()
pets = sa.Table(
    "pets",
    metadata,
    sa.Column("id", sa.BigInteger(), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("tag", sa.String(50)),
    sa.Column("status", sa.String(16), server_default=sa.FetchedValue(), nullable=False),
    sa.Column("category_id", sa.BigInteger()),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.FetchedValue()),
)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class NewPet(BaseModel):
    """Request body: strict, as the spec says."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    name: Annotated[str, Field(min_length=1, max_length=100)]
    tag: Annotated[str, Field(max_length=50)] | None = None
    status: Literal["available", "pending", "sold"] = "available"
    category_id: Annotated[int | None, Field(alias="categoryId", ge=1)] = None


class Pet(BaseModel):
    """Response body."""

    model_config = ConfigDict(serialize_by_alias=True)

    id: int
    name: str
    tag: str | None = None
    status: str
    category_id: Annotated[int | None, Field(alias="categoryId")] = None
    created_at: Annotated[datetime, AfterValidator(_utc), Field(alias="createdAt")]


def make_engine(url: str) -> AsyncEngine:
    """aiosqlite for sqlite://, asyncpg for postgresql://; foreign keys on for SQLite."""
    if url.startswith("sqlite"):
        engine = create_async_engine(url.replace("sqlite://", "sqlite+aiosqlite://", 1))

        def _foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.cursor().execute("PRAGMA foreign_keys=ON")

        event.listen(engine.sync_engine, "connect", _foreign_keys)
        return engine
    url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
    return create_async_engine(url, pool_size=10, max_overflow=10)


engine = make_engine(os.environ["DATABASE_URL"])
app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"code": status, "message": message}, status_code=status)


@app.exception_handler(RequestValidationError)
async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return error(400, str(exc.errors()[0].get("msg", "invalid")))


def as_pet(row: sa.RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "tag": row["tag"],
        "status": row["status"],
        "categoryId": row["category_id"],
        "createdAt": row["created_at"],
    }


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/pets/{pet_id}", response_model=Pet)
async def show_pet(pet_id: Annotated[int, Field(ge=1)]) -> Any:
    async with engine.connect() as conn:
        row = (await conn.execute(sa.select(pets).where(pets.c.id == pet_id))).mappings().first()
    if row is None:
        return error(404, "no such pet")
    return as_pet(row)


@app.get("/pets", response_model=list[Pet])
async def list_pets(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    statement = sa.select(pets).order_by(pets.c.id).limit(limit).offset(offset)
    async with engine.connect() as conn:
        rows = (await conn.execute(statement)).mappings().all()
    return [as_pet(row) for row in rows]


@app.post("/pets", response_model=Pet, status_code=201)
async def create_pet(body: NewPet, response: Response) -> Any:
    values = body.model_dump(exclude_unset=True)
    async with engine.begin() as conn:
        new_id = (
            await conn.execute(sa.insert(pets).values(values).returning(pets.c.id))
        ).scalar_one()
        row = (await conn.execute(sa.select(pets).where(pets.c.id == new_id))).mappings().one()
    response.headers["Location"] = f"/pets/{new_id}"
    return as_pet(row)


if __name__ == "__main__":
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "8000")),
        access_log=False,
        log_level=os.environ.get("LOG_LEVEL", "warning").lower(),
    )
