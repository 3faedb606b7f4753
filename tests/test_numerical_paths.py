"""The pages print the same on every CPU.

Rounding-level digits depend on which kernels the CPU's BLAS and PyTorch pick
and on how many threads split a sum. A reader's machine takes another path
than ours, and a page must still print exactly what it shows. The main test
run covers this machine's own path; here every block of every page runs again,
in a fresh process, under other paths:

- ``MKL_CBWR=COMPATIBLE`` makes MKL take the kernels an older or another
  vendor's CPU would take (on an Intel CPU it reproduces an AMD CPU's digits);
- ``ATEN_CPU_CAPABILITY=default`` turns off PyTorch's own vectorised kernels,
  as on a CPU without AVX2;
- ``OMP_NUM_THREADS`` 1 and 2 change how a sum is split between threads.

The notebooks run once under the most different of these paths.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.docs_tools import LANGUAGES, ROOT, count_python_fences, pages
from notebooks import NOTEBOOKS

PATHS = {
    "mkl-compatible, 1 thread": {"MKL_CBWR": "COMPATIBLE", "OMP_NUM_THREADS": "1"},
    "mkl-compatible, 2 threads": {"MKL_CBWR": "COMPATIBLE", "OMP_NUM_THREADS": "2"},
    "unvectorised, 1 thread": {"ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1"},
    "default kernels, 1 thread": {"OMP_NUM_THREADS": "1"},
    # `make test` runs on 1 thread: the default path with 2 threads is checked here.
    "default kernels, 2 threads": {"OMP_NUM_THREADS": "2"},
}
MOST_DIFFERENT = {"MKL_CBWR": "COMPATIBLE", "ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1"}


def run_pytest(args: list[str], env: dict[str, str]) -> tuple[dict[str, int], str]:
    """Run pytest on ``args`` in a fresh process under ``env``; return its counts and output."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *args],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
    return counts, result.stdout[-6000:] + result.stderr[-2000:]


@pytest.mark.parametrize("path", PATHS)
def test_every_block_prints_what_its_page_shows(path: str):
    expected = sum(count_python_fences(p) for lang in LANGUAGES for p in pages(lang))
    counts, output = run_pytest(["docs"], PATHS[path])
    assert counts == {"passed": expected}, output


def test_every_notebook_runs_under_another_numerical_path():
    counts, output = run_pytest(
        ["tests/test_notebooks.py", "-k", "runs_and_prints"], MOST_DIFFERENT
    )
    ran = {word: n for word, n in counts.items() if word != "deselected"}
    assert ran == {"passed": len(NOTEBOOKS)}, output  # each once: both languages hold the same code
