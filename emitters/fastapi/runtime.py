"""How `contractc run` / `contractc test` drive a generated FastAPI project."""

from __future__ import annotations

from emitters.base import Runtime

INTERPRETER_MARKER = ".contractc/python"


def fastapi_runtime() -> Runtime:
    """Commands run from the output folder; `tools/launch.py` is stdlib-only.

    `tools/launch.py install` records which interpreter serves the project in `.contractc/python`:
    the current one when CONTRACTC_USE_CURRENT_PYTHON=1 (or unset and every dependency imports),
    else a fresh `.venv` with `pip install -e .[test]`.
    """
    return Runtime(
        install=(("{python}", "tools/launch.py", "install"),),
        install_marker=INTERPRETER_MARKER,
        build=(),
        start=("{python}", "tools/launch.py", "serve"),
        unit_tests=("{python}", "tools/launch.py", "test"),
        ready_path="/readyz",
    )
