"""What the shared shop scenario leaves out, served from the private `notes` contract: an
undocumented 403 answers problem details, and arrays of related rows leave out the ones marked
deleted, whether child rows (an epoch-milliseconds mark, 0 while the row lives) or rows reached
through a join table (a boolean flag)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import running_server
from tests.shop_scenario import Client, stored_value

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def served(
    express_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Client, Path]]:
    """A client of the notes server on a fresh SQLite file, and the file."""
    database = tmp_path_factory.mktemp("notes") / "notes.db"
    env = {"DATABASE_URL": f"sqlite://{database}", "AUTH_TOKENS": "plain,reader:notes:read"}
    with running_server(express_project("notes"), env) as base:
        yield Client(base), database


def test_an_undocumented_403_answers_problem_details(served: tuple[Client, Path]) -> None:
    client, _ = served
    notebook = client.created("/notebooks", {"title": "ideas"}, token="plain")
    status, body = client.call("GET", f"/notebooks/{notebook['id']}", token="plain")
    assert status == 403 and isinstance(body, dict) and body["status"] == 403, body
    status, body = client.call("GET", f"/notebooks/{notebook['id']}", token="reader")
    assert status == 200 and body["notes"] == [], body


def test_a_deleted_child_is_kept_marked_and_left_out_of_the_array(
    served: tuple[Client, Path],
) -> None:
    client, database = served
    notebook = client.created("/notebooks", {"title": "errands"}, token="plain")
    notes = f"/notebooks/{notebook['id']}/notes"
    kept, dropped = (client.created(notes, {"text": text}, "plain") for text in ("milk", "eggs"))
    before = int(time.time() * 1000)
    assert client.call("DELETE", f"{notes}/{dropped['id']}", token="plain")[0] == 204
    marked = stored_value(database, f"SELECT deleted_at_ms FROM notes WHERE id = {dropped['id']}")
    assert marked is not None and int(marked) >= before, marked
    status, body = client.call("GET", f"/notebooks/{notebook['id']}", token="reader")
    assert status == 200 and body["notes"] == [kept], body
    assert client.call("DELETE", f"{notes}/{dropped['id']}", token="plain")[0] == 404


def test_a_deleted_label_is_kept_flagged_and_left_out_of_the_notes_linking_it(
    served: tuple[Client, Path],
) -> None:
    client, database = served
    kept, dropped = (
        client.created("/labels", {"name": name}, "plain") for name in ("home", "work")
    )
    notebook = client.created("/notebooks", {"title": "week"}, token="plain")
    links = [{"id": kept["id"]}, {"id": dropped["id"]}]
    note = client.created(
        f"/notebooks/{notebook['id']}/notes", {"text": "call", "labels": links}, "plain"
    )
    assert note["labels"] == [kept, dropped], note
    assert client.call("DELETE", f"/labels/{dropped['id']}", token="plain")[0] == 204
    flag = stored_value(database, f"SELECT is_deleted FROM labels WHERE id = {dropped['id']}")
    assert flag == "1", flag
    status, body = client.call("GET", f"/notebooks/{notebook['id']}", token="reader")
    assert status == 200 and body["notes"] == [{**note, "labels": [kept]}], body
