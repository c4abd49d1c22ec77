"""The raw-bodies contract on Express: a body that is neither JSON nor an object form reaches the
user's handler as the bytes sent, with their `Content-Type`, and the contract suite passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.express.projects import (
    build_contract,
    contractc,
    link_node_modules,
    npm,
    running_server,
)
from tests.raw_body_scenario import SCHEMA, SPEC, check_raw_bodies

pytestmark = pytest.mark.e2e

# The user-owned src/user/handlers.ts, written as a user would: each handler answers what it got.
HANDLERS = """\
import type { CustomHandlers, RawInput } from "../contract/handlers";
import type { OperationResult } from "../services/types";

async function received(input: RawInput): Promise<OperationResult> {
  return {
    status: 200,
    body: {
      length: input.body?.bytes.length ?? 0,
      contentType: input.body?.contentType ?? "",
    },
  };
}

export const handlers: Partial<CustomHandlers> = {
  postNote: received,
  postBlob: received,
  uploadMedia: received,
};
"""


@pytest.fixture(scope="module")
def raw_bodies(express_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The raw-bodies contract built for Express with its handlers written, compiled once."""
    project = build_contract(SPEC, SCHEMA, tmp_path_factory.mktemp("express-raw"))
    assert "busboy" not in (project / "package.json").read_text()  # no form to parse
    (project / "src" / "user" / "handlers.ts").write_text(HANDLERS, encoding="utf-8")
    link_node_modules(express_modules, project)
    done = npm(project, "run", "build")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


def test_raw_bodies_reach_the_handler(raw_bodies: Path, tmp_path: Path) -> None:
    with running_server(raw_bodies, {"DATABASE_URL": f"sqlite:///{tmp_path}/raw.db"}) as base:
        check_raw_bodies(base)


def test_contract_suite_passes(raw_bodies: Path) -> None:
    """Schemathesis's empty `text/plain` body is a valid string: it reaches the handler too."""
    done = contractc("test", str(raw_bodies))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
