"""Run code blocks as a reader would, in the reader's own environment.

Called by tests/test_reader_install.py with the Python of a new virtual
environment into which only the built wheel was installed, from a directory
outside the repository: ``python reader_runner.py blocks.json results.json``.
It needs nothing but the standard library and what the blocks import.

Each block runs in a fresh namespace, as if pasted into a new file; what it
prints to stdout and stderr, the warnings it raises and the exception it
ends with are written to the results file for the test to compare.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
import warnings


def run(name: str, code: str) -> dict[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    error = ""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                exec(compile(code, name, "exec"), {"__name__": "__main__"})
            except BaseException:  # noqa: BLE001 - a block's failure is a result to report
                error = traceback.format_exc()
    warned = "".join(f"{w.category.__name__}: {w.message}\n" for w in caught)
    return {"stdout": stdout.getvalue(), "stderr": stderr.getvalue() + warned, "error": error}


def main(blocks_file: str, results_file: str) -> None:
    with open(blocks_file, encoding="utf8") as f:
        blocks = json.load(f)
    results = {block["name"]: run(block["name"], block["code"]) for block in blocks}
    with open(results_file, "w", encoding="utf8") as f:
        json.dump(results, f, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:])
