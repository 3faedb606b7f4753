"""Fixtures shared by the tests of the built site.

The site is built once per test session, however many pytest-xdist workers run it,
and in the background: the first worker to start a test starts the build in a
process of its own (under a file lock in a directory that all the workers share,
pytest-xdist's recipe for a session fixture), and every worker goes on with the
tests that need no site. Those that need it run last and wait for the build to end.
Building while the other tests run keeps both cores busy: no worker sits waiting
for the site with nothing else to do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from tests.docs_tools import ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # the tests import the scripts' modules (lint_text, ...)

BUILD_TIMEOUT = 900  # seconds; a cold build takes under a minute on two cores
# The build process: the site into argv[1] (build_all writes <out>/.built last); a failure
# leaves its traceback in <out>.failed, next to the build's own log, <out>.log.
BUILD = """
import sys, traceback
from pathlib import Path
sys.path.insert(0, "scripts")
from site_builder import build_all
out = Path(sys.argv[1])
try:
    build_all(out)
except BaseException:
    Path(str(out) + ".failed").write_text(traceback.format_exc(), "utf8")
    raise
"""


def _uses_site(item: pytest.Item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after the other hooks have ordered and filtered the items
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A stable sort, the same on every worker (pytest-xdist requires one order).
    items.sort(key=_uses_site)


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory that every worker of this session shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if "PYTEST_XDIST_WORKER" in os.environ else base  # a worker's base is <session>/popen-gwN


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory that every worker of this session shares: what one computes, the others can read."""
    return _shared(tmp_path_factory)


@pytest.fixture(scope="session", autouse=True)
def _start_site_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start building the site at the session's first test, if any test of this session needs it."""
    if not any(_uses_site(item) for item in request.session.items):
        return
    shared = _shared(tmp_path_factory)
    out = shared / "site"
    with FileLock(str(shared / "site.lock")):
        if (shared / "site.pid").is_file():
            return  # another worker started it
        log = open(shared / "site.log", "w", encoding="utf8")  # noqa: SIM115 - the build process writes it
        # The notebook pages' stylesheets as mkdocs-jupyter gives them, before pruning, for
        # tests/browser/test_notebook_css.py (hooks/notebooks.py writes them there).
        env = dict(os.environ, ZERONN_UNPRUNED_NOTEBOOK_CSS=str(shared / "notebook-css"))
        process = subprocess.Popen([sys.executable, "-c", BUILD, str(out)], cwd=ROOT, stdout=log,
                                   stderr=subprocess.STDOUT, env=env)
        (shared / "site.pid").write_text(str(process.pid))


def _running(pid: int) -> bool:
    """Whether the build process is still at work (an ended child that nobody has reaped yet is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the system whether the process exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return state not in ("Z", "X")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, _start_site_build) -> Path:
    """The whole site, built with `mkdocs build --strict` for each language (in the background, above)."""
    shared = _shared(tmp_path_factory)
    out, failed, log = shared / "site", shared / "site.failed", shared / "site.log"
    pid = int((shared / "site.pid").read_text())
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not (out / ".built").is_file():
        if failed.is_file() or not _running(pid) or time.monotonic() > deadline:
            time.sleep(0.5)  # a last look: the process may have ended just after writing .built
            if (out / ".built").is_file():
                break
            output = log.read_text("utf8", errors="replace")[-6000:] if log.is_file() else "(no log)"
            why = "timed out" if time.monotonic() > deadline else "failed"
            pytest.fail(f"the site build {why}; its output ends with:\n{output}", pytrace=False)
        time.sleep(0.2)
    return out
