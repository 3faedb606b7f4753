"""Copy KaTeX's stylesheet and fonts from node_modules into the built site.

KaTeX is installed from the npm registry (package.json / package-lock.json) and
served by the site itself: no CDN, no request to another host. The formulas are
typeset at build time (hooks/katex_render.py), so the pages need KaTeX's CSS and
fonts, not its script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
FILES = ["katex.min.css"]


def on_post_build(config, **kwargs) -> None:
    if not (KATEX_DIST / "katex.min.css").is_file():
        raise FileNotFoundError(f"KaTeX not found at {KATEX_DIST}: run `make install` (npm ci)")
    target = Path(config["site_dir"]) / "assets" / "katex"
    for name in FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(KATEX_DIST / name, target / name)
    # Only the woff2 fonts: every browser the site supports reads them.
    fonts = target / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for font in (KATEX_DIST / "fonts").glob("*.woff2"):
        shutil.copy2(font, fonts / font.name)
