"""Draw the course's figures during the build and add them to the site.

The figures are not files in docs/: they are drawn from code (figures/) in the
page language, once per colour scheme, and added to the build as generated
files, so a page can never show a figure that the code no longer makes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import all_figures  # noqa: E402
from figures.render import THEMES, render_svg  # noqa: E402


def on_files(files, config, **kwargs):
    lang = config["theme"]["language"]
    start = time.perf_counter()
    for name, draw in all_figures().items():
        for theme in THEMES:
            uri = f"assets/figures/{name}-{theme}.svg"
            files.append(File.generated(config, uri, content=render_svg(draw, lang, theme)))
    config["extra"]["figure_seconds"] = round(time.perf_counter() - start, 2)
    return files
