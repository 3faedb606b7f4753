"""Draw the course's figures during the build and add them to the site.

The figures are not files in docs/: they are drawn from code (figures/) in the
page language, once per colour scheme, and added to the build as generated
files, so a page can never show a figure that the code no longer makes. A
drawn figure is kept under build/cache/figures/, keyed by figures/ and zeronn/
(hooks/build_cache.py): an unchanged figure is not drawn again.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import all_figures  # noqa: E402
from figures.render import THEMES, render_svg  # noqa: E402
from hooks import build_cache  # noqa: E402

# What a figure can depend on: its drawing code, zeronn (trained or measured for some
# figures) and the recorded benchmark results, which live inside zeronn/.
SOURCES = ("figures", "zeronn")


def on_files(files, config, **kwargs):
    lang = config["theme"]["language"]
    start = time.perf_counter()
    cache = build_cache.directory("figures", build_cache.key(*SOURCES)) if build_cache.enabled() else None
    for name, draw in all_figures().items():
        for theme in THEMES:
            uri = f"assets/figures/{name}-{theme}.svg"
            files.append(File.generated(config, uri, content=_svg(cache, name, draw, lang, theme)))
    config["extra"]["figure_seconds"] = round(time.perf_counter() - start, 2)
    return files


def _svg(cache, name, draw, lang: str, theme: str) -> bytes:
    """The figure as SVG: from the cache when its key matches, else drawn (and stored)."""
    path = None if cache is None else cache / f"{name}-{lang}-{theme}.svg"
    if path is not None and path.exists():
        return path.read_bytes()
    svg = render_svg(draw, lang, theme)
    if path is not None:
        path.write_bytes(svg)
    return svg
