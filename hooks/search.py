"""Tune Material's search (lunr) for the course: what ranks first, and the glossary's words.

- Page boosts: the API reference, the notebooks and the performance page mention
  nearly every term of the course (in signatures, code and tables) without
  explaining it; they rank below the chapters. Material reads a page's boost from
  ``page.meta.search.boost``; it is set here, not in the pages. A page that sets
  its own boost in its front matter keeps it.
- Glossary keywords: glossary.yml names, for every term, the section that
  introduces it (``chapter: page.md#id``). Each term becomes a keyword of that
  section's entry in the search index, in the field ``keywords``, which the
  ``fields`` of the search plugin's configuration (mkdocs.yml) declares and boosts
  (Material's worker indexes every field the configuration names; its result list
  shows only title, text and tags, so keywords are not shown). Searching a term
  therefore finds the section that introduces it among the first results, even a
  common word (層, output) that many pages use more often. A section that the
  glossary names and the built index lacks fails the build (strict mode).

Japanese queries are cut into words as the index is by the search worker,
overrides/assets/javascripts/workers/zeronn-search.js (see there); the separator
(mkdocs.yml) cuts text where katakana meets other letters and where Latin letters
meet kanji or hiragana, before TinySegmenter cuts each piece.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary.yml"
FIELD = "keywords"

# Source path (relative to docs/<lang>/) or folder prefix -> boost. 1 is the default.
BOOSTS = {
    "reference/": 0.1,
    "performance.md": 0.3,
    "notebooks/": 0.3,
}

log = logging.getLogger("mkdocs.hooks.search")

# src_uri -> (page URL, id of the page's first heading), for the pages of this build.
_pages: dict[str, tuple[str, str | None]] = {}
# Every page source of this build. A dirty build (`make serve`) renders only the pages that
# changed: the others are in _sources and not in _pages, and keep their entries from before.
_sources: set[str] = set()


def boost_for(src_uri: str) -> float | None:
    for prefix, boost in BOOSTS.items():
        if src_uri == prefix or (prefix.endswith("/") and src_uri.startswith(prefix)):
            return boost
    return None


def on_config(config, **kwargs):
    _pages.clear()
    _sources.clear()
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    fields = plugin.config["fields"] if plugin is not None else {}
    if FIELD not in fields:
        log.warning(f"hooks/search.py: the search plugin's `fields` lacks `{FIELD}`: "
                    "the glossary's keywords would not be searched")


def on_files(files, config, **kwargs):
    _sources.update(file.src_uri for file in files.documentation_pages())
    return files


def on_page_content(html, page, config, files, **kwargs):
    """Set the page's boost before the search plugin indexes it (on_page_context)."""
    boost = boost_for(page.file.src_uri)
    if boost is not None:
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", boost)
    first = next(iter(page.toc), None)
    _pages[page.file.src_uri] = (page.url, first.id if first else None)
    return html


def glossary_keywords(lang: str) -> dict[tuple[str, str], list[str]]:
    """(source page, section id) -> the glossary's words that it introduces, in ``lang``."""
    data = yaml.safe_load(GLOSSARY.read_text("utf8"))
    keywords: dict[tuple[str, str], list[str]] = {}
    for term in data["terms"]:
        page, _, anchor = term["chapter"].partition("#")
        keywords.setdefault((page, anchor), []).append(str(term[lang]))
    return keywords


def on_post_build(config, **kwargs):
    """Add the glossary keywords to the search index that the search plugin wrote."""
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.is_file():
        return
    lang = config["theme"]["language"]
    index = json.loads(index_path.read_text("utf8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    for (source, anchor), words in glossary_keywords(lang).items():
        if source not in _pages:
            if source in _sources:
                continue  # not rendered by this (dirty) build
            log.warning(f"glossary.yml: {source}#{anchor} ({', '.join(words)}) names a page that this build has not")
            continue
        url, first_id = _pages[source]
        entry = entries.get(f"{url}#{anchor}")
        if entry is None and anchor == first_id:
            entry = entries.get(url)  # the section under the page's title is the page's own entry
        if entry is None:
            log.warning(f"glossary.yml: {source}#{anchor} ({', '.join(words)}) is no section of the search index")
            continue
        entry[FIELD] = list(dict.fromkeys([*entry.get(FIELD, []), *words]))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf8")
