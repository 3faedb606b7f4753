"""Build the two language sites: Japanese into site/, English into site/en/.

Each language is its own MkDocs build (its own search index, 404 page and
sitemap), and the two run side by side in two processes.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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
    start = time.perf_counter()
    if (os.cpu_count() or 1) < 2:
        for lang in CONFIGS:
            build_language(lang, out, site_url=site_url)
    else:
        # One process per language, side by side. English is built beside the Japanese tree and
        # moved into it afterwards: a build empties its site_dir first, and site/en/ lies inside site/.
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".site-") as tmp:
            spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no state shared
            with ProcessPoolExecutor(len(CONFIGS), mp_context=spawn, initializer=_one_thread) as pool:
                jobs = [pool.submit(build_language, lang, out if lang == "ja" else Path(tmp), site_url=site_url)
                        for lang in CONFIGS]
                for job in jobs:
                    job.result()  # a language that failed raises here
            for lang in CONFIGS:
                if lang != "ja":
                    shutil.move(str(Path(tmp) / lang), str(out / lang))
    (out / ".built").touch()
    return time.perf_counter() - start


def _one_thread() -> None:
    """One thread for torch in a build process and in the notebook kernels it starts.

    Two builds side by side, each drawing figures and running notebooks in a kernel of its
    own, would otherwise start two OpenMP threads apiece on two cores, and OpenMP's threads
    spin while they wait: a cold build here took 136 s that way, 41 s with one thread each.
    A thread count set by the caller (OMP_NUM_THREADS) is kept.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def build_language(lang: str, out: Path = SITE, *, site_url: str | None = None, dirty: bool = False) -> None:
    """Build one language into ``out`` (ja) or ``out/<lang>``.

    ``dirty``: only the pages whose source is newer than their HTML (for `make
    serve`). MkDocs's search index would then hold those pages alone, so the
    entries of every other page are carried over from the index already there.
    """
    _show_mkdocs_warnings()
    path = CONFIGS[lang]
    # A dirty build warns that it is dirty; strict mode would turn that warning into an error.
    config = load_config(str(path), strict=not dirty)
    site_dir = out if lang == "ja" else out / lang
    config["site_dir"] = str(site_dir)
    if site_url is not None:
        config["site_url"] = site_url + ("" if lang == "ja" else f"{lang}/")
    index = site_dir / "search" / "search_index.json"
    before = json.loads(index.read_text("utf8")) if dirty and index.exists() else None
    try:
        build(config, dirty=dirty)
    except Abort as error:
        raise SiteBuildError(f"{path.name}: {error}") from None
    if before is not None:
        _keep_search_entries(index, before)


def _keep_search_entries(index: Path, before: dict) -> None:
    """Add to the new index the entries of the pages that this build did not render."""
    after = json.loads(index.read_text("utf8"))
    built = {doc["location"].split("#")[0] for doc in after["docs"]}
    kept = [doc for doc in before["docs"] if doc["location"].split("#")[0] not in built]
    after["docs"] += kept
    index.write_text(json.dumps(after, ensure_ascii=False, separators=(",", ":")), "utf8")
