"""The resilience scenario (issue #18) against the Spring server of contracts/shop.

Body limit and hostile text run on SQLite with the default limit and on PostgreSQL with a
configured one; the outage check stops and restarts a throwaway PostgreSQL cluster of its own
(never the shared test server). The jar is the session's shop build, shared with the e2e tests.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres import postgres_server_url
from tests.resilience_scenario import (
    DEFAULT_MAX_BODY_BYTES,
    check_body_limit,
    check_database_outage,
    check_hostile_text,
    check_rate_limit,
    check_request_limits,
)
from tests.shop_scenario import SERVER_ENV
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Server

pytestmark = pytest.mark.e2e
CONFIGURED_MAX_BODY_BYTES = 256 * 1024
POSTGRES_SCRIPT = Path(__file__).parents[2] / ".ci" / "postgres.sh"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def shop(
    request: pytest.FixtureRequest,
    spring_project: ProjectFactory,
    fresh_postgres_database: Callable[[str], str | None],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Server, int]]:
    """The shop server and its body limit: the default on SQLite, a configured one on PostgreSQL."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("spring-resilience") / "shop.db")
        server = Server(spring_project("shop"), url, **SERVER_ENV)
        limit = DEFAULT_MAX_BODY_BYTES
    else:
        if postgres_server_url() is None:
            pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
        url = fresh_postgres_database("spring_resilience")
        assert url is not None
        limit = CONFIGURED_MAX_BODY_BYTES
        server = Server(spring_project("shop"), url, MAX_BODY_BYTES=str(limit), **SERVER_ENV)
    yield server, limit
    assert server.stop() in (0, 143)


def _rss_kib(pid: int, field: str) -> int:
    """A memory figure of /proc/<pid>/status (VmRSS, VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"{field} not in /proc/{pid}/status")


def test_oversized_bodies_answer_413_before_they_are_read(shop: tuple[Server, int]) -> None:
    server, limit = shop
    idle = _rss_kib(server.process.pid, "VmRSS")
    slowest = check_body_limit(server.base_url, "/categories", "admin", limit)
    peak = _rss_kib(server.process.pid, "VmHWM")
    print(f"413 within {slowest:.3f} s; RSS idle {idle} KiB, peak {peak} KiB")
    assert peak < 2 * idle, (idle, peak)


def test_deep_json_huge_headers_urls_and_parameter_lists_answer_4xx(
    shop: tuple[Server, int],
) -> None:
    check_request_limits(shop[0].base_url, "/categories", "admin")


def test_hostile_text_is_refused_and_never_stored(shop: tuple[Server, int]) -> None:
    server, _ = shop
    check_hostile_text(server.base_url, "/categories", {"name": "plain"}, "name", "admin")


def test_a_client_past_its_rate_limit_answers_429(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    url = "sqlite:///" + str(tmp_path / "shop.db")
    server = Server(spring_project("shop"), url, RATE_LIMIT_PER_MINUTE="5", **SERVER_ENV)
    try:
        check_rate_limit(server.base_url, "/categories", 5, "plain")
    finally:
        assert server.stop() in (0, 143)


class ThrowawayPostgres:
    """A PostgreSQL cluster of this test's own (made by .ci/postgres.sh), stopped and restarted on
    the same port so that a running server can reconnect to it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.gettempdir()) / f"contractc-outage-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "CONTRACTC_PG_DIR": str(self.folder)}
        done = subprocess.run(
            [str(POSTGRES_SCRIPT)], env=env, capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            pytest.skip("cannot make a throwaway PostgreSQL cluster: " + done.stderr[-500:])
        self.url = done.stdout.strip().rsplit("=", 1)[1]
        self.port = (self.folder / "port").read_text().strip()
        # the newest installed version, as .ci/postgres.sh picks it (`sort -V`)
        bin_dirs = Path("/usr/lib/postgresql").glob("*/bin")
        newest = max(bin_dirs, key=lambda p: [int(n) for n in p.parent.name.split(".")])
        self.pg_ctl = str(newest / "pg_ctl")

    def _pg_ctl(self, *args: str) -> None:
        command = [self.pg_ctl, "-D", str(self.folder / "data"), "-w", "-t", "60", *args]
        if os.geteuid() == 0:  # as .ci/postgres.sh does: PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=90)

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def start(self) -> None:
        self._pg_ctl(
            "-l",
            str(self.folder / "server.log"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def remove(self) -> None:
        env = {**os.environ, "CONTRACTC_PG_DIR": str(self.folder)}
        subprocess.run([str(POSTGRES_SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


@pytest.mark.postgres
def test_database_outage_answers_503_and_recovers(spring_project: ProjectFactory) -> None:
    if postgres_server_url() is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
    database = ThrowawayPostgres()
    try:
        server = Server(spring_project("shop"), database.url, **SERVER_ENV)
        try:
            figures = check_database_outage(
                server.base_url, "/categories", database.stop, database.start
            )
            print(figures)
        finally:
            assert server.stop() in (0, 143)
    finally:
        database.remove()
