"""Build the two language sites: Japanese into site/, English into site/en/.

Each language is its own MkDocs build (its own search index, 404 page and
sitemap). Japanese goes first: a build empties its site_dir, and site/en/
lies inside site/.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"ja": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
SITE = ROOT / "site"


class SiteBuildError(RuntimeError):
    """A language failed to build (in strict mode, any warning fails it)."""


def _show_mkdocs_warnings() -> None:
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        log.addHandler(handler)


def build_all(out: Path = SITE, *, site_url: str | None = None) -> float:
    """Build both languages into ``out`` and ``out/en``; return the seconds it took.

    ``site_url`` replaces the configured one (the Japanese root; English lies
    under ``en/``), for serving the site somewhere other than its host.
    """
    _show_mkdocs_warnings()
    start = time.perf_counter()
    for lang, path in CONFIGS.items():
        config = load_config(str(path), strict=True)
        config["site_dir"] = str(out if lang == "ja" else out / lang)
        if site_url is not None:
            config["site_url"] = site_url + ("" if lang == "ja" else f"{lang}/")
        try:
            build(config)
        except Abort as error:
            raise SiteBuildError(f"{path.name}: {error}") from None
    (out / ".built").touch()
    return time.perf_counter() - start
