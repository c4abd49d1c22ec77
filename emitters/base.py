"""What an emitter is: IR in, an in-memory file tree and a runtime recipe out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from compiler.ir import Contract


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the output tree, rendered in memory.

    Generated files are rewritten by every build; user-owned files are written once, when absent,
    and never overwritten (the user's code lives there); write-once files are generated files
    that keep what was first written (migrations: a database may have applied them).
    """

    path: str  # relative, POSIX separators
    content: str
    user_owned: bool = False
    executable: bool = False
    # written when absent and never rewritten, as an applied migration must stay; a hand edit of
    # it is still reported (`drift`)
    write_once: bool = False


@dataclass(frozen=True)
class Runtime:
    """How `contractc run` / `contractc test` drive a generated project, recorded in its manifest.

    Commands are argument lists run from the output folder; `{python}` is replaced by the
    interpreter running contractc. The server reads PORT and DATABASE_URL from the environment.
    """

    install: tuple[tuple[str, ...], ...]  # run once, when `install_marker` is absent
    install_marker: str  # a path that exists once the install has run
    build: tuple[tuple[str, ...], ...]  # run before every start
    start: tuple[str, ...]  # runs the server in the foreground
    unit_tests: tuple[str, ...]  # the stack's own test command
    ready_path: str = "/readyz"
    env: tuple[tuple[str, str], ...] = field(default=())  # extra environment for start
    # Folders install and build write (e.g. `target`). The build is skipped while none is missing
    # and no other file changed since it last succeeded; empty: always build.
    build_outputs: tuple[str, ...] = field(default=())


class Emitter(Protocol):
    """A target stack. Discovered through the `contractc.emitters` entry point group."""

    name: str
    description: str

    def render(self, contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
        """Every file of the project; `inputs_label` names the inputs for the generated header."""
        ...

    def runtime(self) -> Runtime:
        """The commands that install, build, start and test what `render` wrote."""
        ...


@dataclass(frozen=True)
class UserCodeFinding:
    """User-owned code that no longer fits the interface the generated code now expects of it."""

    path: str  # relative to the output folder, POSIX separators
    line: int  # 1-based; 0 when the whole file is concerned
    message: str
    hint: str


@runtime_checkable
class ChecksUserCode(Protocol):
    """Optional emitter capability behind `contractc drift` (CC514) and `build`'s warnings."""

    def check_user_code(
        self, contract: Contract, rendered: tuple[GeneratedFile, ...], out_dir: Path
    ) -> tuple[UserCodeFinding, ...]:
        """Compare the user-owned files present in `out_dir` with what `rendered` calls on them."""
        ...
