"""Where the build keeps what it can reuse, under a key that covers everything it depends on.

A notebook's executed output depends on the notebook (mkdocs-jupyter hashes it),
and on everything it imports: zeronn's source, the installed packages and the
Python that runs it. A figure depends on figures/, on zeronn and on matplotlib.
Each key hashes those inputs, so an edit to any of them gives a new key and the
old entries are never read again: the cache cannot be stale. Old keys are pruned.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache"
KEEP = 3  # keys kept per kind: switching branches back and forth stays fast

# The packages whose version can change what a notebook prints, a figure draws, or which rules
# of a notebook page's stylesheet the pruning keeps (the last three).
PACKAGES = ("torch", "numpy", "matplotlib", "matplotlib-fontja", "scikit-learn", "nbconvert", "nbclient",
            "ipykernel", "mkdocs-jupyter", "jupytext", "beautifulsoup4", "soupsieve", "tinycss2")


def enabled() -> bool:
    """ZERONN_BUILD_CACHE=0 turns the cache off (every build computes everything)."""
    return os.environ.get("ZERONN_BUILD_CACHE", "1") != "0"


def key(*sources: str) -> str:
    """A hash of the files under ``sources`` (paths relative to the repository), the packages and Python."""
    h = hashlib.sha256(sys.version.encode())
    for name in PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    for source in sources:
        path = ROOT / source
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            h.update(str(file.relative_to(ROOT)).encode())
            h.update(file.read_bytes())
    return h.hexdigest()[:16]


def directory(kind: str, digest: str) -> Path:
    """The cache directory of ``kind`` for this key; older keys of the same kind beyond KEEP are removed."""
    path = CACHE / kind / digest
    path.mkdir(parents=True, exist_ok=True)
    path.touch()  # its modification time says when it was last used
    others = sorted((p for p in path.parent.iterdir() if p.is_dir() and p != path), key=lambda p: p.stat().st_mtime)
    for old in others[: max(len(others) - (KEEP - 1), 0)]:
        shutil.rmtree(old, ignore_errors=True)
    return path
