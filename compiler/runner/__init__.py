"""Drive a generated project from its output folder: `contractc run`, `contractc test`, unit tests."""

from compiler.runner.commands import READY_TIMEOUT_SECONDS, run_server, test_server, unit_tests
from compiler.runner.manifest import MANIFEST_NAME, ManifestError, load_runtime

__all__ = [
    "MANIFEST_NAME",
    "READY_TIMEOUT_SECONDS",
    "ManifestError",
    "load_runtime",
    "run_server",
    "test_server",
    "unit_tests",
]
