"""Write the lock file from the environment this Python runs in (``make lock``).

Every installed distribution but zeronn itself and the installers that every
environment has (as ``pip freeze`` leaves them out), pinned exactly. Local version
labels go: the CPU build of torch is ``2.13.0+cpu`` on PyTorch's index, and the
pin ``torch==2.13.0`` accepts that build as well as PyPI's.
"""

from __future__ import annotations

import sys
from importlib.metadata import distributions
from pathlib import Path

HEADER = """\
# Exact versions of everything `make install` puts into .venv (used as pip constraints).
# Regenerate with `make lock`; tests/test_install.py checks that PyPI alone serves them all.
"""

SKIP = {"zeronn", "pip", "setuptools", "wheel", "distribute"}


def pins() -> list[str]:
    found = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name and name.lower() not in SKIP:
            found[name.lower()] = f"{name}=={dist.version.split('+')[0]}"
    return [found[key] for key in sorted(found)]


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(HEADER + "\n".join(pins()) + "\n")
