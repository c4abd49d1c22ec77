"""The parsers behind the hostile-spec tests see what they must: a syntax error, and a comment's
text that became code (a different shape from the same file with that text inert)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.source_shapes import missing_tools, parse_sources

# Per language: (a file whose comment or string holds text, the same file where that text became
# code, a file with a syntax error).
SAMPLES: dict[str, tuple[str, str, str]] = {
    ".py": (
        '# a note\nVALUE = "x"\n',
        '# a note\nevil()\nVALUE = "x"\n',
        "def (:\n",
    ),
    ".sql": (
        "CREATE TABLE t (a TEXT CHECK (a IN ('x; DROP TABLE t')));\n",
        "CREATE TABLE t (a TEXT CHECK (a IN ('x'))); DROP TABLE t;\n",
        "CREATE TABLE t (a TEXT CHECK (a IN ('x')));\n)(\n",
    ),
    ".json": ('{"a": "} {"}', '{"a": "", "b": 1}', '{"a": "" "}'),
    ".toml": ('a = "x\\""\n', 'a = "x"\nb = 1\n', 'a = "x""\n'),
    ".xml": ("<a><b>&lt;c/&gt;</b></a>", "<a><b></b><c/></a>", "<a><b></a>"),
    ".go": (
        "package p\n\n// F does */ evil()\nfunc F() {}\n",
        "package p\n\n// F does\nfunc evil() {}\n\nfunc F() {}\n",
        "package p\n\nfunc F( {}\n",
    ),
    # javac decodes \u002a (*) before it parses: that one closes the Javadoc comment.
    ".java": (
        "class A {\n  /** Does &#92;u002a/ void evil() {} */\n  void f() {}\n}\n",
        "class A {\n  /** Does \\u002a/ void evil() {} /* */\n  void f() {}\n}\n",
        "class A {\n  void f( {}\n}\n",
    ),
    ".ts": (
        "/** Does * / evil(); */\nexport const a = 1;\n",
        "/** Does */ evil(); /* */\nexport const a = 1;\n",
        "export const = 1;\n",
    ),
}
TOOLCHAIN_LANGUAGES = {".go", ".java", ".ts"}


@pytest.mark.parametrize(
    "suffix",
    [
        pytest.param(suffix, marks=pytest.mark.e2e if suffix in TOOLCHAIN_LANGUAGES else ())
        for suffix in SAMPLES
    ],
)
def test_parser_reports_syntax_errors_and_text_that_became_code(
    suffix: str, tmp_path: Path
) -> None:
    missing = missing_tools([suffix])
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    paths = []
    for name, source in zip(("inert", "injected", "broken"), SAMPLES[suffix], strict=True):
        path = tmp_path / f"{name}{suffix}"
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    inert, injected, broken = (parse_sources(paths)[path] for path in paths)
    assert inert.errors == () and injected.errors == ()
    assert broken.errors != ()
    assert inert.shape != injected.shape
