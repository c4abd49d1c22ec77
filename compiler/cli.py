"""The `contractc` command line. Exit codes: 0 ok, 1 the contract (or output) has errors, 2 usage or I/O."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from compiler import __version__
from compiler.binder.explain import explain, find_operation
from compiler.diagnostics import Diagnostic, DiagnosticSink, Severity
from compiler.ir import Contract, Database
from compiler.ir.api import Operation
from compiler.ir.serialize import to_json
from compiler.output.drift import drift_findings, unified_diffs, user_code_findings
from compiler.output.plan import Action
from compiler.output.progress import terminal_progress
from compiler.output.summary import build_summary
from compiler.output.writer import OutputError
from compiler.pipeline import DIALECTS, CompileResult, compile_contract, infer_schema
from compiler.policy import (
    CodeAction,
    Policy,
    PolicyError,
    load_policy,
    validate_code,
)
from compiler.report import render_json, render_sarif, render_text
from compiler.targets import available_targets, discover_targets, resolve_targets

# `build` (the emitters, Jinja2) and the SQL front end (sqlglot) are imported by the commands that
# use them: importing them is a fifth of the start-up of `check` on a spec alone.
if TYPE_CHECKING:
    from compiler.build import TargetOutput

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_IO_CODES = frozenset({"CC001", "CC002"})
F = TypeVar("F", bound=Callable[..., Any])

spec_argument = click.argument("spec", type=click.Path(dir_okay=False))
sql_argument = click.argument("sql", nargs=-1, type=click.Path())
dialect_option = click.option(
    "--dialect",
    type=click.Choice(DIALECTS),
    default="postgres",
    show_default=True,
    help="SQL dialect of the schema files.",
)
target_option = click.option(
    "--target", "target_spec", required=True, help="fastapi, several comma-separated, or all."
)
out_option = click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Output folder."
)
map_option = click.option(
    "--map",
    "mapping",
    type=click.Path(dir_okay=False),
    default=None,
    help="Mapping file for specs you cannot annotate (docs/mapping.md).",
)


def _codes_option(action: CodeAction, help_text: str) -> Callable[[F], F]:
    def parse(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[str]:
        codes = [c for value in values for c in value.split(",") if c.strip()]
        try:
            return [validate_code(c, action) for c in codes]
        except PolicyError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option(
        f"--{action.value}",
        f"{action.value}_codes",
        multiple=True,
        metavar="CODES",
        callback=parse,
        help=help_text,
    )


def policy_options(command: F) -> F:
    """--ignore/--warn/--error/--strict, the same on every command that compiles the contract."""
    for option in reversed(
        (
            _codes_option(
                CodeAction.IGNORE, "Silence these codes (repeat, or separate by commas)."
            ),
            _codes_option(CodeAction.WARN, "Report these codes as warnings."),
            _codes_option(CodeAction.ERROR, "Report these codes as errors."),
            click.option("--strict", is_flag=True, help="Make every warning an error (for CI)."),
        )
    ):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contractc")
def main() -> None:
    """Compile an OpenAPI contract and SQL tables into complete, runnable backends."""


@main.command()
@spec_argument
@sql_argument
@dialect_option
@map_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text")
@click.option(
    "--explain",
    "explain_id",
    metavar="OPERATION_ID",
    help="Say why this operation (operationId or 'METHOD /path') was bound as it was, or not.",
)
@policy_options
def check(
    spec: str,
    sql: tuple[str, ...],
    dialect: str,
    mapping: str | None,
    fmt: str,
    explain_id: str | None,
    **policy_flags: Any,
) -> None:
    """Validate SPEC and SQL and type-check one against the other."""
    policy = _policy_or_exit(spec, **policy_flags)
    result = compile_contract(spec, sql, dialect, mapping, bundle=False, policy=policy)
    operations = result.contract.api.operations if result.contract else ()
    if explain_id is not None:
        _explain_or_exit(operations, explain_id, result)
    if fmt == "json":
        click.echo(render_json(result.diagnostics, operations), nl=False)
    elif fmt == "sarif":
        click.echo(render_sarif(result.diagnostics), nl=False)
    else:
        _echo_diagnostics(result.diagnostics, err=False)
    sys.exit(_exit_code(result.diagnostics))


@main.command()
@spec_argument
@sql_argument
@dialect_option
@map_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json")
@policy_options
def ir(
    spec: str,
    sql: tuple[str, ...],
    dialect: str,
    mapping: str | None,
    fmt: str,
    **policy_flags: Any,
) -> None:
    """Print the IR as deterministic JSON (for debugging and golden tests)."""
    policy = _policy_or_exit(spec, **policy_flags)
    result = _compile_or_exit(spec, sql, dialect, mapping, policy)
    click.echo(to_json(result.contract, exclude=("bundled_spec",)), nl=False)


@main.command()
@spec_argument
@click.option("--dialect", type=click.Choice(["postgres", "sqlite"]), default="postgres")
def schema(spec: str, dialect: str) -> None:
    """Print the DDL the spec implies, for a team that has no SQL yet."""
    database, diagnostics = infer_schema(spec)
    if database is None:
        _echo_diagnostics(diagnostics)
        sys.exit(_exit_code(diagnostics))
    from compiler.sql.ddl import render_ddl

    click.echo(render_ddl(database, dialect), nl=False)


@main.command()
def targets() -> None:
    """List the installed targets."""
    found, broken = discover_targets()
    for name, emitter in found.items():
        click.echo(f"{name:10} {emitter.description}")
    for name, reason in broken.items():
        click.echo(f"{name:10} unavailable: the plugin failed to load ({reason})")


@main.command()
@spec_argument
@sql_argument
@dialect_option
@map_option
@target_option
@out_option
@click.option("--dry-run", is_flag=True, help="Show what would be written, changed and removed.")
@click.option("--force", is_flag=True, help="Overwrite hand-edited generated files.")
@click.option(
    "--allow-destructive",
    is_flag=True,
    help="Consent to schema changes that may lose data or fail on existing rows (CC601).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@policy_options
def build(
    spec: str,
    sql: tuple[str, ...],
    dialect: str,
    mapping: str | None,
    target_spec: str,
    out: str,
    dry_run: bool,
    force: bool,
    allow_destructive: bool,
    fmt: str,
    **policy_flags: Any,
) -> None:
    """Compile SPEC (+ SQL) into a backend project for each target.

    Refuses while errors remain; findings the policy downgraded or silenced do not stop it.
    """
    names = _targets_or_exit(target_spec)
    if allow_destructive:  # the same consent as `--warn CC601`
        policy_flags["warn_codes"] = [*policy_flags["warn_codes"], "CC601"]
    policy = _policy_or_exit(spec, **policy_flags)
    result = _compile_or_exit(spec, sql, dialect, mapping, policy, quiet=fmt == "json")
    assert result.contract is not None
    outputs = _plan_with_progress(result.contract, names, Path(out))
    blocked = [(o, s) for o in outputs for s in o.plan.blocked]
    if blocked and not force:
        if fmt == "json":
            _report_build(outputs, dry_run, fmt, refused=True)
        for output, step in blocked:
            click.echo(
                f"{output.out_dir / step.path}: {step.action.value}: not overwritten", err=True
            )
        click.echo("error: build refused; nothing was written (use --force to overwrite)", err=True)
        sys.exit(EXIT_ERRORS)
    if force:
        outputs = [_forced(o) for o in outputs]
    _refuse_unconsented_schema_changes(outputs, result.contract.database, policy, fmt)
    if not dry_run:
        from compiler.build import write_targets

        try:
            write_targets(result.contract, outputs)
        except OutputError as exc:
            click.echo(f"error[CC502]: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    _report_build(outputs, dry_run, fmt)
    if fmt != "json":
        _echo_user_code(outputs)


def _refuse_unconsented_schema_changes(
    outputs: list[TargetOutput], database: Database, policy: Policy, fmt: str
) -> None:
    """Report what a rebuild changes in the tables; stop when a risky change is not allowed."""
    from compiler.output.schema_history import schema_change_findings

    sink = DiagnosticSink()
    for output in outputs:
        schema_change_findings(output.out_dir, output.schema_steps, database, sink)
    findings = policy.apply(sink.sorted())
    if findings and fmt != "json":
        _echo_diagnostics(findings)
    if any(d.is_error for d in findings):
        click.echo("error: build refused; nothing was written", err=True)
        sys.exit(EXIT_ERRORS)


@main.command()
@spec_argument
@sql_argument
@dialect_option
@map_option
@target_option
@out_option
@click.option("--diff", "show_diff", is_flag=True, help="Show unified diffs of what changed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@policy_options
def drift(
    spec: str,
    sql: tuple[str, ...],
    dialect: str,
    mapping: str | None,
    target_spec: str,
    out: str,
    show_diff: bool,
    fmt: str,
    **policy_flags: Any,
) -> None:
    """Exit 1 when OUT is not what building SPEC (+ SQL) would produce now."""
    names = _targets_or_exit(target_spec)
    policy = _policy_or_exit(spec, **policy_flags)
    result = _compile_or_exit(spec, sql, dialect, mapping, policy, quiet=True)
    assert result.contract is not None
    if not Path(out).is_dir():
        click.echo(f"error[CC502]: {out}: no such output folder", err=True)
        sys.exit(EXIT_USAGE)
    sink = DiagnosticSink()
    rebuild = " ".join(["contractc build", spec, *sql, "--target", target_spec, "--out", out])
    for output in _plan_with_progress(result.contract, names, Path(out), trust_manifest=True):
        drift_findings(output.plan, rebuild, sink)
        user_code_findings(output.out_dir, output.user_code, sink)
        if show_diff and fmt == "text":
            click.echo(unified_diffs(output.plan), nl=False)
    findings = policy.apply(sink.sorted())
    if fmt == "json":
        click.echo(render_json(findings, ()), nl=False)
    elif findings:
        _echo_diagnostics(findings)
    sys.exit(EXIT_ERRORS if any(d.is_error for d in findings) else EXIT_OK)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--database-url", default=None, help="Default: the project's embedded SQLite.")
def run(out: str, port: int, database_url: str | None) -> None:
    """Install what OUT needs and serve it in the foreground."""
    from compiler.runner import run_server

    sys.exit(run_server(Path(out), port, database_url))


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--database-url", default=None, help="Default: the project's embedded SQLite.")
@click.option(
    "--unit", is_flag=True, help="Run the project's own tests instead of the contract tests."
)
def test(out: str, database_url: str | None, unit: bool) -> None:
    """Start OUT, run its contract tests against it, stop it."""
    from compiler.runner import test_server, unit_tests

    sys.exit(unit_tests(Path(out)) if unit else test_server(Path(out), database_url))


def _policy_or_exit(
    spec: str,
    *,
    ignore_codes: Sequence[str],
    warn_codes: Sequence[str],
    error_codes: Sequence[str],
    strict: bool,
) -> Policy:
    """The project file's policy with this run's flags on top; a bad one is a usage error."""
    try:
        return load_policy(
            spec, ignore=ignore_codes, warn=warn_codes, error=error_codes, strict=strict
        )
    except PolicyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _compile_or_exit(
    spec: str,
    sql: Sequence[str],
    dialect: str,
    mapping: str | None,
    policy: Policy,
    *,
    quiet: bool = False,
) -> CompileResult:
    result = compile_contract(spec, sql, dialect, mapping, policy=policy)
    shown = [d for d in result.diagnostics if d.is_error or not quiet]
    if not result.ok:
        _echo_diagnostics(result.diagnostics)
        sys.exit(_exit_code(result.diagnostics))
    if shown and not quiet:
        _echo_diagnostics([d for d in result.diagnostics if d.severity.value != "info"])
    return result


def _targets_or_exit(target_spec: str) -> list[str]:
    names, unknown = resolve_targets(target_spec)
    if unknown or not names:
        known = ", ".join(available_targets()) or "none installed"
        bad = ", ".join(unknown) or repr(target_spec)
        click.echo(f"error[CC501]: unknown target {bad} (available: {known}, all)", err=True)
        for name in set(unknown) & set(discover_targets()[1]):
            click.echo(f"  = note: {name}: {discover_targets()[1][name]}", err=True)
        sys.exit(EXIT_USAGE)
    return names


def _plan_with_progress(
    contract: Contract, names: list[str], out: Path, *, trust_manifest: bool = False
) -> list[TargetOutput]:
    """Render and plan every target, with a progress display on a terminal for several."""
    from compiler.build import plan_targets

    progress = terminal_progress(sys.stderr, len(names)) if len(names) > 1 else None
    try:
        return plan_targets(
            contract,
            names,
            out,
            check_user_code=True,
            trust_manifest=trust_manifest,
            progress=progress,
        )
    except Exception as exc:  # a bug in an emitter: say so plainly, write nothing
        if os.environ.get("CONTRACTC_DEBUG"):
            raise
        click.echo(
            f"error[CC599]: internal error while rendering ({type(exc).__name__}: {exc}); "
            "nothing was written",
            err=True,
        )
        click.echo(
            "  = hint: this is a bug in contractc: please report it with the inputs "
            "(CONTRACTC_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_USAGE)


def _forced(output: TargetOutput) -> TargetOutput:
    """The same plan with hand-edited and foreign files turned into updates (`--force`)."""
    steps = tuple(
        replace(s, action=Action.UPDATE) if s.action in (Action.HAND_EDITED, Action.FOREIGN) else s
        for s in output.plan.steps
    )
    return replace(output, plan=replace(output.plan, steps=steps))


def _report_build(
    outputs: list[TargetOutput], dry_run: bool, fmt: str, *, refused: bool = False
) -> None:
    if fmt == "json":
        click.echo(json.dumps(build_summary(outputs, dry_run, refused), indent=2))
        return
    for output in outputs:
        if dry_run:
            for step in output.plan.steps:
                if step.action not in (Action.UNCHANGED, Action.KEEP_USER, Action.KEEP_WRITTEN):
                    click.echo(f"  {step.action.value:12} {step.path}")
        counts = {a: len(output.plan.with_action(a)) for a in Action}
        verb = "would write" if dry_run else "wrote"
        click.echo(
            f"{output.target}: {verb} {output.out_dir} — {counts[Action.CREATE]} created, "
            f"{counts[Action.UPDATE]} updated, {counts[Action.UNCHANGED]} unchanged, "
            f"{counts[Action.KEEP_USER]} user-owned kept, {counts[Action.REMOVE]} removed"
        )


def _echo_user_code(outputs: list[TargetOutput]) -> None:
    """User code that no longer fits: an error for `drift`, a warning after a build."""
    sink = DiagnosticSink()
    for output in outputs:
        user_code_findings(output.out_dir, output.user_code, sink)
    findings = [replace(d, severity=Severity.WARNING) for d in sink.sorted()]
    if findings:
        _echo_diagnostics(findings)


def _explain_or_exit(operations: Sequence[Operation], wanted: str, result: CompileResult) -> None:
    """Print why one operation was bound as it was; exit 2 when there is no such operation."""
    found = find_operation(operations, wanted)
    if found is None:
        _echo_diagnostics(result.diagnostics)
        reason = (
            "in the spec" if result.contract else "bound: the errors above stopped the analysis"
        )
        click.echo(f"error: no operation {wanted!r} {reason}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(explain(found), nl=False)
    sys.exit(_exit_code(result.diagnostics))


def _echo_diagnostics(diagnostics: Sequence[Diagnostic], *, err: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    click.echo(render_text(diagnostics, color=stream.isatty()), nl=False, err=err)


def _exit_code(diagnostics: Sequence[Diagnostic]) -> int:
    if any(d.is_error and d.code in _IO_CODES for d in diagnostics):
        return EXIT_USAGE
    return EXIT_ERRORS if any(d.is_error for d in diagnostics) else EXIT_OK


if __name__ == "__main__":
    main()
