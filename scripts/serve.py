"""`make serve`: build both languages and serve them, rebuilding only what an edit touches.

One server serves site/ at http://127.0.0.1:8000/ (Japanese at /, English at
/en/), so the language switch works as on the hosted site. After each save:

- a page under docs/ja/ or docs/en/: that language only, and only the pages
  that changed (a "dirty" build; the search index keeps every other page);
- a notebook source (notebooks/*.py): its two .ipynb pages are written again,
  then rebuilt as pages are;
- figures/, zeronn/, hooks/, overrides/ or a config: both languages, whole,
  with the project's modules imported again, so that what you see is current.

Notebook outputs and figures come from the build cache (hooks/build_cache.py)
when nothing they depend on has changed.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.livereload import LiveReloadServer
from site_builder import CONFIGS, ROOT, SITE, build_all, build_language

sys.path.insert(0, str(ROOT))  # the hooks import figures/ and notebooks/ from the repository

WATCHED = ["docs", "notebooks", "figures", "overrides", "hooks", "zeronn", *[p.name for p in CONFIGS.values()]]
PROJECT_MODULES = ("zeronn", "figures", "notebooks", "hooks")  # imported again after an edit to them


def snapshot() -> dict[Path, float]:
    """The modification time of every watched file."""
    times = {}
    for name in WATCHED:
        path = ROOT / name
        for file in path.rglob("*") if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts and "site" not in file.relative_to(ROOT).parts[:1]:
                times[file] = file.stat().st_mtime
    return times


def changed(before: dict[Path, float], after: dict[Path, float]) -> set[Path]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def plan(paths: set[Path]) -> tuple[set[str], bool, set[str]]:
    """(languages to build, whether whole and with fresh modules, notebooks to write again)."""
    languages, whole, notebooks = set(), False, set()
    for path in paths:
        parts = path.relative_to(ROOT).parts
        if parts[0] == "docs" and len(parts) > 1 and parts[1] in CONFIGS:
            languages.add(parts[1])
        elif parts[0] == "notebooks" and path.suffix == ".py" and path.stem not in ("__init__", "build", "cells"):
            notebooks.add(path.stem)
            languages.update(CONFIGS)
        else:
            whole = True
            languages.update(CONFIGS)
    return languages, whole, notebooks


def forget_project_modules() -> None:
    """Make the next build import zeronn, figures/, notebooks/ and the hooks again."""
    for name in list(sys.modules):
        if name.split(".")[0] in PROJECT_MODULES:
            del sys.modules[name]
    # MkDocs loads each hook file once per process (an lru_cache): forget those too.
    config_options.Hooks._load_hook.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    url = f"http://{args.host}:{args.port}/"

    logging.info("built both languages in %.1f s", build_all(site_url=url))
    # The build ran in processes of its own. A first rebuild here, with nothing changed, imports
    # what a rebuild needs (the theme, the plugins, the hooks), so that the first edit is as quick
    # to show as the next ones.
    start = time.perf_counter()
    for lang in CONFIGS:
        build_language(lang, SITE, site_url=url, dirty=True)
    logging.info("ready to rebuild in %.1f s", time.perf_counter() - start)
    state = {"times": snapshot()}

    def rebuild() -> None:
        start = time.perf_counter()
        now = snapshot()
        languages, whole, notebooks = plan(changed(state["times"], now))
        state["times"] = now
        if notebooks:
            # The .ipynb pages are written from their source, in both languages.
            subprocess.run([sys.executable, "-m", "notebooks.build"], cwd=ROOT, check=False)
            state["times"] = snapshot()
        if whole:
            forget_project_modules()
        for lang in sorted(languages, key=list(CONFIGS).index):
            build_language(lang, SITE, site_url=url, dirty=not whole)
        logging.info("rebuilt %s in %.1f s", ", ".join(sorted(languages)) or "nothing", time.perf_counter() - start)

    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(SITE))
    for path in WATCHED:
        server.watch(str(ROOT / path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
