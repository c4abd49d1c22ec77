"""The shared HTTP scenarios over tests/data against the generated Spring Boot servers.

Forms: a multipart body is typed and validated before the user's handler (501 until written), and
the upload contract's suite passes. Routes: a literal path beside a templated one, and 405 with the
documented Allow for a method outside HTTP's usual set. One `mvn verify` per contract per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.form_scenario import check_form_bodies
from tests.route_scenario import check_route_precedence
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Server, contractc

pytestmark = pytest.mark.e2e


def test_forms_are_validated_before_the_handler(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    server = Server(spring_project("upload"), f"sqlite:///{tmp_path / 'upload.db'}")
    try:
        check_form_bodies(server.base_url)
    finally:
        assert server.stop() in (0, 143)


def test_upload_contract_suite_passes(spring_project: ProjectFactory, tmp_path: Path) -> None:
    project = spring_project("upload")
    done = contractc("test", str(project), "--database-url", f"sqlite:///{tmp_path / 'ct.db'}")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]


def test_literal_routes_win_and_unknown_methods_get_405(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    server = Server(spring_project("routes"), f"sqlite:///{tmp_path / 'routes.db'}")
    try:
        check_route_precedence(server.base_url)
    finally:
        assert server.stop() in (0, 143)
