"""Build the two language sites: Japanese into site/, English into site/en/.

Each language is its own MkDocs build (its own search index, 404 page and
sitemap). Japanese goes first: a build empties its site_dir, and site/en/
lies inside site/.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"ja": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
SITE = ROOT / "site"


def build_all(*, site_url: str | None = None) -> float:
    """Build both languages; return the seconds it took.

    ``site_url`` replaces the configured one (the Japanese root; English lies
    under ``en/``), for serving the site somewhere other than its host.
    """
    start = time.perf_counter()
    for lang, path in CONFIGS.items():
        config = load_config(str(path), strict=True)
        if site_url is not None:
            config["site_url"] = site_url + ("" if lang == "ja" else f"{lang}/")
        build(config)
    (SITE / ".built").touch()
    return time.perf_counter() - start
