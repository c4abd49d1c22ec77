"""A progress display for multi-target builds: on a terminal only, never in CI or in a pipe."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import TextIO

ProgressCallback = Callable[[str, str, float], None]


def wants_progress(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """True on an interactive terminal outside CI (CI sets `CI`; a pipe is no terminal)."""
    env = os.environ if environ is None else environ
    return stream.isatty() and not env.get("CI") and env.get("TERM") != "dumb"


def terminal_progress(
    stream: TextIO, total: int, environ: Mapping[str, str] | None = None
) -> ProgressCallback | None:
    """A callback that prints `[2/4] gin rendered in 0.54s`, or None where no one watches."""
    if not wants_progress(stream, environ):
        return None
    lock = threading.Lock()
    done = 0

    def report(target: str, event: str, seconds: float) -> None:
        nonlocal done
        with lock:
            done += 1
            stream.write(f"[{done}/{total}] {target} {event} in {seconds:.2f}s\n")
            stream.flush()

    return report
