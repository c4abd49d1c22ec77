"""Reset and seed the benchmark rows, identically for every server: 10 categories, 1000 pets.

SQLite through the standard library, PostgreSQL through asyncpg (a dependency of the FastAPI
target). Ids restart at 1, so GET /pets/{1..1000} always finds a row.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

CATEGORIES = 10
PETS = 1000
STATUSES = ("available", "pending", "sold")


def pet_rows() -> Iterator[tuple[str, str | None, str, int | None]]:
    """(name, tag, status, category_id) for every seeded pet."""
    for number in range(1, PETS + 1):
        tag = None if number % 4 == 0 else f"tag-{number % 7}"
        category = None if number % 5 == 0 else number % CATEGORIES + 1
        yield f"pet-{number}", tag, STATUSES[number % 3], category


def seed_sqlite(path: Path) -> None:
    """Empty both tables, restart their ids and insert the rows."""
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM pets")
        conn.execute("DELETE FROM categories")
        has_sequence = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()
        if has_sequence:
            conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('pets', 'categories')")
        conn.executemany(
            "INSERT INTO categories (id, name) VALUES (?, ?)",
            [(n, f"category-{n}") for n in range(1, CATEGORIES + 1)],
        )
        conn.executemany(
            "INSERT INTO pets (name, tag, status, category_id) VALUES (?, ?, ?, ?)",
            list(pet_rows()),
        )
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def seed_postgres(url: str) -> None:
    """The same rows in a PostgreSQL database."""
    asyncio.run(_seed_postgres(url))


async def _seed_postgres(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute("TRUNCATE pets, categories RESTART IDENTITY CASCADE")
        await conn.executemany(
            "INSERT INTO categories (id, name) VALUES ($1, $2)",
            [(n, f"category-{n}") for n in range(1, CATEGORIES + 1)],
        )
        await conn.execute(
            "SELECT setval(pg_get_serial_sequence('categories', 'id'), $1)", CATEGORIES
        )
        await conn.executemany(
            "INSERT INTO pets (name, tag, status, category_id) VALUES ($1, $2, $3, $4)",
            list(pet_rows()),
        )
        await conn.execute("VACUUM ANALYZE pets")
    finally:
        await conn.close()


def create_postgres_database(admin_url: str, name: str) -> str:
    """Drop and create database `name` on the server of `admin_url`; its URL."""
    return asyncio.run(_create_postgres_database(admin_url, name))


async def _create_postgres_database(admin_url: str, name: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base, _, query = admin_url.partition("?")
    root = base.rsplit("/", 1)[0]
    return f"{root}/{name}" + (f"?{query}" if query else "")
