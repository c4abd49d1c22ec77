"""The raw-bodies contract on Gin: a body that is neither JSON nor an object form reaches the
user's handler unread, through CustomRequest.Request, and the contract suite passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gin.conftest import contractc
from tests.gin.serving import build_gin, serving
from tests.raw_body_scenario import SCHEMA, SPEC, check_raw_bodies

pytestmark = pytest.mark.e2e

# The user-owned internal/custom/custom.go, written as a user would: each handler answers what
# it got.
CUSTOM = """\
package custom

import (
	"context"
	"io"

	"raw-bodies/internal/database"
	"raw-bodies/internal/handlers"
)

type Custom struct {
	handlers.UnimplementedCustomHandlers
	DB *database.DB
}

var _ handlers.CustomHandlers = (*Custom)(nil)

func New(db *database.DB) *Custom {
	return &Custom{DB: db}
}

func received(req handlers.CustomRequest) (any, error) {
	body, err := io.ReadAll(req.Request.Body)
	if err != nil {
		return nil, err
	}
	return map[string]any{"length": len(body), "contentType": req.Request.Header.Get("Content-Type")}, nil
}

func (c *Custom) PostNote(_ context.Context, req handlers.CustomRequest) (any, error) {
	return received(req)
}

func (c *Custom) PostBlob(_ context.Context, req handlers.CustomRequest) (any, error) {
	return received(req)
}

func (c *Custom) UploadMedia(_ context.Context, req handlers.CustomRequest) (any, error) {
	return received(req)
}
"""


@pytest.fixture(scope="module")
def raw_bodies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The raw-bodies contract built for Gin with its handlers written, compiled once."""
    out = tmp_path_factory.mktemp("gin-raw")
    project = build_gin(SPEC, SCHEMA, out, {"internal/custom/custom.go": CUSTOM})
    assert "formField" not in (project / "internal/handlers/runtime.go").read_text()
    return project


def test_raw_bodies_reach_the_handler(raw_bodies: Path, tmp_path: Path) -> None:
    with serving(raw_bodies, f"sqlite:///{tmp_path / 'raw.db'}") as base:
        check_raw_bodies(base)


def test_contract_suite_passes(raw_bodies: Path) -> None:
    done = contractc("test", str(raw_bodies))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
