"""Write the course notebooks, docs/<lang>/notebooks/<name>.ipynb, from notebooks/<name>.py.

    python -m notebooks.build          # (re)write every notebook of both languages
    python -m notebooks.build --check  # exit 1 if a notebook differs from its source

The notebooks are stored without outputs: the site build (mkdocs-jupyter,
``execute: true``) and tests/test_notebooks.py execute them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import nbformat

from notebooks import NOTEBOOKS
from notebooks.cells import LANGUAGES, to_notebook

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def target(lang: str, name: str) -> Path:
    return DOCS / lang / "notebooks" / f"{name}.ipynb"


def rendered() -> dict[Path, str]:
    """Every notebook's file path and its text, as the sources give them."""
    files = {}
    for name in NOTEBOOKS:
        cells = importlib.import_module(f"notebooks.{name}").CELLS
        for lang in LANGUAGES:
            files[target(lang, name)] = nbformat.writes(to_notebook(name, cells, lang)) + "\n"
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ from their source")
    args = parser.parse_args()
    stale = []
    for path, text in rendered().items():
        if path.is_file() and path.read_text("utf8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf8")
    for path in stale:
        print(f"{'differs' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
