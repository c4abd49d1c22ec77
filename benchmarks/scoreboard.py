"""How contractc binds and checks the corpus's real OpenAPI + SQL pairs, against a human judgement.

    python benchmarks/scoreboard.py [PAIR ...]

Each pair's judgement is written down once in `tests/corpus_expectations/<pair>.yaml`: where its
spec and SQL are, which operations are CRUD-shaped and the kind and table a person would bind each
to, which operations may go either way, and which error findings are genuine. Every operation not
listed there is judged not CRUD-shaped (an RPC route, an action, a flow): binding it is a wrong
binding. The table printed per pair: CRUD-shaped operations bound, wrong bindings (RPC routes bound
as CRUD among them), errors and warnings by code, false errors, and whether `build` would proceed
(no error left): `check` with no project policy, which analyses past validation errors. `tests/binder/test_corpus_scoreboard.py` asserts on the same figures. Skips cleanly
when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compiler.diagnostics import Diagnostic  # noqa: E402
from compiler.ir.api import Operation, OperationKind  # noqa: E402
from compiler.pipeline import compile_contract  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pairs"
EXPECTATIONS = ROOT / "tests" / "corpus_expectations"


@dataclass(frozen=True)
class Expectation:
    """The human judgement of one pair (one `tests/corpus_expectations/<pair>.yaml`)."""

    pair: str
    spec: str
    sql: tuple[str, ...]
    dialect: str
    crud: dict[str, tuple[str, str]]  # operationId -> (kind, table) a person would bind
    either: dict[str, tuple[str, str]]  # may stay custom, or bind exactly to this
    genuine_errors: tuple[tuple[str, str], ...]  # (code, text the message contains)
    # fixes a user would make to the pair's own files before building: (code fixed, file, old, new)
    fixes: tuple[tuple[str, str, str, str], ...] = ()
    # contract-test failures that are the spec's own defect: (operation "GET /path", check name)
    spec_defects: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def load(cls, path: Path) -> Expectation:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            pair=path.stem,
            spec=data["spec"],
            sql=tuple(data["sql"]),
            dialect=data["dialect"],
            crud=_bindings(data.get("crud")),
            either=_bindings(data.get("either")),
            genuine_errors=tuple(
                (str(e["code"]), str(e.get("contains", "")))
                for e in data.get("genuine_errors") or []
            ),
            fixes=tuple(
                (str(f["code"]), str(f["file"]), str(f["replace"]), str(f["with"]))
                for f in data.get("fixes") or []
            ),
            spec_defects=frozenset(
                (str(d["operation"]), str(d["check"])) for d in data.get("spec_defects") or []
            ),
        )

    def is_genuine(self, diagnostic: Diagnostic) -> bool:
        return any(
            diagnostic.code == code and text in diagnostic.message
            for code, text in self.genuine_errors
        )


def _bindings(section: Any) -> dict[str, tuple[str, str]]:
    """`{opId: "kind table"}` -> `{opId: (kind, table)}`."""
    out = {}
    for op_id, value in (section or {}).items():
        kind, table = str(value).split()
        out[str(op_id)] = (kind, table)
    return out


@dataclass
class Score:
    """What contractc did on one pair, judged against its expectation."""

    pair: str
    operation_ids: set[str] = field(default_factory=set)
    crud_shaped: int = 0
    crud_bound: int = 0
    wrong: list[str] = field(default_factory=list)  # "opId: bound kind table, expected ..."
    rpc_as_crud: list[str] = field(default_factory=list)  # not CRUD-shaped, yet bound
    unbound: list[str] = field(default_factory=list)  # CRUD-shaped, left custom
    errors: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    false_errors: list[str] = field(default_factory=list)
    loaded: bool = True

    @property
    def operations(self) -> int:
        return len(self.operation_ids)

    @property
    def builds(self) -> bool:
        return self.loaded and not self.errors

    @property
    def bound_share(self) -> float:
        return self.crud_bound / self.crud_shaped if self.crud_shaped else 1.0


def fixed_copy(expectation: Expectation, folder: Path) -> list[str]:
    """Copy the pair into `folder` with its fixes applied, as a user would before building; the
    `contractc build` arguments that downgrade its other genuine findings (inputs first)."""
    shutil.copytree(CORPUS / expectation.pair, folder)
    for _, name, old, new in expectation.fixes:
        text = (folder / name).read_text(encoding="utf-8")
        if old not in text:
            raise ValueError(f"{expectation.pair}: the fix for {name} no longer applies")
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    fixed = {code for code, *_ in expectation.fixes}
    codes = sorted({code for code, _ in expectation.genuine_errors} - fixed)
    return [
        str(folder / expectation.spec),
        *(str(folder / s) for s in expectation.sql),
        "--dialect",
        expectation.dialect,
        *(["--warn", ",".join(codes)] if codes else []),
    ]


def expectations() -> list[Expectation]:
    return [Expectation.load(p) for p in sorted(EXPECTATIONS.glob("*.yaml"))]


def analyse(expectation: Expectation) -> tuple[list[Operation], list[Diagnostic], bool]:
    """`check` on one pair (every stage, past validation errors): operations and diagnostics."""
    folder = CORPUS / expectation.pair
    result = compile_contract(
        str(folder / expectation.spec),
        [str(folder / s) for s in expectation.sql],
        expectation.dialect,
        bundle=False,
    )
    operations = list(result.contract.api.operations) if result.contract else []
    return operations, list(result.diagnostics), result.contract is not None


def score(expectation: Expectation) -> Score:
    """Run the analysis on one pair and judge it."""
    operations, diagnostics, loaded = analyse(expectation)
    result = Score(expectation.pair, {op.operation_id for op in operations}, len(expectation.crud))
    result.loaded = loaded
    for op in operations:
        judge(op, expectation, result)
    for d in diagnostics:
        if d.is_error:
            result.errors[d.code] += 1
            if not expectation.is_genuine(d):
                result.false_errors.append(
                    f"{d.location.file}:{d.location.line}: {d.code} {d.message}"
                )
        elif d.severity.value == "warning":
            result.warnings[d.code] += 1
    return result


def judge(op: Operation, expectation: Expectation, result: Score) -> None:
    """Compare one operation's binding with the judgement; record it in `result`."""
    bound = (op.kind.value, op.table or "") if op.kind is not OperationKind.CUSTOM else None
    expected = expectation.crud.get(op.operation_id)
    if expected is not None:
        if bound == expected:
            result.crud_bound += 1
        elif bound is None:
            result.unbound.append(f"{op.operation_id}: expected {' '.join(expected)}")
        else:
            result.wrong.append(
                f"{op.operation_id}: bound {' '.join(bound)}, expected {' '.join(expected)}"
            )
        return
    allowed = expectation.either.get(op.operation_id)
    if bound is None or bound == allowed:
        return
    if allowed is not None:
        result.wrong.append(
            f"{op.operation_id}: bound {' '.join(bound)}, expected {' '.join(allowed)}"
        )
    else:
        result.rpc_as_crud.append(
            f"{op.operation_id} ({op.method.upper()} {op.path}): bound {' '.join(bound)}"
        )


def render(scores: list[Score]) -> str:
    """The scoreboard as a text table, then the details of what went wrong."""
    header = f"{'pair':<14} {'ops':>4} {'bound/CRUD':>11} {'wrong':>5} {'rpc':>4} {'false err':>9} {'build':>5}  errors; warnings"
    lines = [header, "-" * len(header)]
    for s in scores:
        codes = ", ".join(f"{c}×{n}" for c, n in sorted(s.errors.items())) or "-"
        warns = ", ".join(f"{c}×{n}" for c, n in sorted(s.warnings.items())) or "-"
        lines.append(
            f"{s.pair:<14} {s.operations:>4} {s.crud_bound:>5}/{s.crud_shaped:<5} {len(s.wrong):>5} "
            f"{len(s.rpc_as_crud):>4} {len(s.false_errors):>9} {'yes' if s.builds else 'no':>5}  {codes}; {warns}"
        )
    bound = sum(s.crud_bound for s in scores)
    shaped = sum(s.crud_shaped for s in scores)
    lines.append("-" * len(header))
    lines.append(
        f"{'all':<14} {sum(s.operations for s in scores):>4} {bound:>5}/{shaped:<5} "
        f"{sum(len(s.wrong) for s in scores):>5} {sum(len(s.rpc_as_crud) for s in scores):>4} "
        f"{sum(len(s.false_errors) for s in scores):>9}        bound {100 * bound / max(shaped, 1):.1f} %"
    )
    for s in scores:
        for title, items in (
            ("wrong", s.wrong),
            ("RPC bound as CRUD", s.rpc_as_crud),
            ("CRUD-shaped, unbound", s.unbound),
            ("false error", s.false_errors),
        ):
            for item in items:
                lines.append(f"  {s.pair}: {title}: {item}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", help="pair names (default: every expectations file)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: nothing to score")
        return 0
    chosen = [e for e in expectations() if not args.pairs or e.pair in args.pairs]
    print(render([score(e) for e in chosen]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
