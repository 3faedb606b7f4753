"""Runs the Python blocks of the pages and checks what they print.

pytest-markdown-docs collects and executes every Python fence under docs/
(``--markdown-docs --markdown-docs-syntax=superfences``). This file adds two
things it lacks:

- a parser that also sees fences inside admonitions and content tabs;
- a runner that captures what each block prints and compares it with the
  output fence right under the block (see tests/docs_tools.py). A block that
  prints differs, prints nothing where output is shown, writes to stderr or
  raises a warning fails.

In an output fence, ``...`` stands for any text within its line (as in
doctest), for values that change from run to run such as a duration.
``pytest docs --update-outputs`` rewrites the output fences that no longer
match from a real run.
No names are injected into the blocks: each runs on its own, as a reader
copies it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import warnings
from pathlib import Path

import pytest
from pytest_markdown_docs._runners import DefaultRunner, register_runner

from tests.docs_tools import PageParser, code_blocks
from tests.output_update import OutputUpdater

_updater: OutputUpdater | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the output fences of docs/ from what the blocks really print",
    )


def pytest_configure(config: pytest.Config) -> None:
    global _updater
    _updater = OutputUpdater() if config.getoption("--update-outputs") else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _updater is not None:
        for path in _updater.write():
            print(f"\nupdated outputs in {path}")


def pytest_markdown_docs_markdown_it() -> PageParser:
    return PageParser()


class OutputMismatch(AssertionError):
    pass


@register_runner(default=True)
class OutputCheckingRunner(DefaultRunner):
    """Runs a block like the default runner, and checks its stdout against the page."""

    def runtest(self, test, args, *, asyncio_runner=None):
        stdout, stderr = io.StringIO(), io.StringIO()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                super().runtest(test, args, asyncio_runner=asyncio_runner)
        if stderr.getvalue():
            raise AssertionError(f"the block wrote to stderr:\n{stderr.getvalue()}")
        block = _block_at(Path(test.source_path), test.start_line)
        if _updater is not None and not output_matches(block.expected_output, stdout.getvalue()):
            _updater.record(block, stdout.getvalue())
        else:
            check_output(block.expected_output, stdout.getvalue())


def _block_at(path: Path, start_line: int):
    for block in code_blocks(path):
        if block.start_line == start_line:
            return block
    raise LookupError(f"no Python block starts at line {start_line} of {path}")


def _normalise(text: str) -> list[str]:
    # Editors strip trailing spaces in Markdown; they carry no meaning in the output.
    return [line.rstrip() for line in text.rstrip("\n").split("\n")] if text else []


def _line_matches(want: str, got: str) -> bool:
    # "..." stands for any text within the line, as in doctest's ELLIPSIS:
    # for values that differ from run to run, such as a time in seconds.
    if "..." not in want:
        return want == got
    pattern = ".*".join(re.escape(part) for part in want.split("..."))
    return re.fullmatch(pattern, got) is not None


def output_matches(expected: str | None, actual: str) -> bool:
    if expected is None:
        return not actual
    want, got = _normalise(expected), _normalise(actual)
    return len(want) == len(got) and all(map(_line_matches, want, got))


def check_output(expected: str | None, actual: str) -> None:
    if output_matches(expected, actual):
        return
    if expected is None:
        raise OutputMismatch(
            "the block prints, but the page shows no output fence under it "
            "(run `pytest docs --update-outputs`):\n" + actual
        )
    want, got = _normalise(expected), _normalise(actual)
    diff = "\n".join(difflib.unified_diff(want, got, "shown on the page", "printed", lineterm=""))
    raise OutputMismatch("the output shown on the page differs from what the block prints:\n" + diff)


# The slow tier: whole files, listed here so that `make test` and `make test-slow` split the
# suite in one place. Everything in tests/browser/ is slow too (it drives Chromium).
SLOW_FILES = {"test_reader_install.py", "test_numerical_paths.py", "test_install.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if path.name in SLOW_FILES or "browser" in path.parent.parts[-1:]:
            item.add_marker(pytest.mark.slow)
