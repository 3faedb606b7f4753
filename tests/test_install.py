"""Installs come from public registries alone.

Each check resolves with a pip that ignores every local setting
(``PIP_CONFIG_FILE=/dev/null`` and ``--isolated``), so it sees PyPI and
nothing else: no wheel folder or extra index of the machine it runs on.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.docs_tools import ROOT

LOCK = ROOT / "requirements.lock"
# PyPI's Linux wheel of torch depends on these; the CPU build that `make install` takes does not.
CUDA_ONLY = re.compile(r"^(nvidia-|cuda-|triton$)")
# The project itself and the installers every environment has (scripts/write_lock.py skips them too).
UNLOCKED = {"zeronn", "pip", "setuptools", "wheel"}
PYPI_ONLY = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
PIP = [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check"]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = [line.split("==") for line in LOCK.read_text().splitlines() if line and not line.startswith("#")]
    return {canonical(name): version for name, version in pins}


def resolve(args: list[str], tmp_path: Path, env: dict = PYPI_ONLY) -> tuple[dict[str, str], str]:
    """Dry-run an install with ``args``; return what pip would install and its stderr."""
    report = tmp_path / "report.json"
    result = subprocess.run(
        [*PIP, "install", "--quiet", "--dry-run", "--ignore-installed", "--report", str(report), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    chosen = json.loads(report.read_text())["install"]
    return {canonical(i["metadata"]["name"]): i["metadata"]["version"] for i in chosen}, result.stderr


def test_lock_pins_plain_versions():
    # A local label such as 2.13.0+cpu exists only on the index that built it, never on PyPI.
    assert all("+" not in version for version in locked().values())
    assert "torch" in locked()


def test_pypi_alone_resolves_the_project_to_exactly_the_lock(tmp_path: Path):
    chosen, _ = resolve(["-c", str(LOCK), "-e", ".[dev]"], tmp_path)
    chosen = {name: v for name, v in chosen.items() if name not in UNLOCKED and not CUDA_ONLY.match(name)}
    assert chosen == locked()


def test_torch_falls_back_to_pypi_where_the_cpu_index_is_out_of_reach(tmp_path: Path):
    env = {**PYPI_ONLY, "TORCH_INDEX": "http://127.0.0.1:9/"}  # nothing listens on port 9
    report = tmp_path / "report.json"
    result = subprocess.run(
        [str(ROOT / "scripts" / "install_torch.sh"), sys.executable,
         "--isolated", "--dry-run", "--ignore-installed", "--report", str(report)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "could not be used; installing torch==" in result.stderr
    chosen = {canonical(i["metadata"]["name"]): i["metadata"]["version"] for i in json.loads(report.read_text())["install"]}
    assert chosen["torch"] == locked()["torch"]
