"""glossary.yml is the one list of the course's terms: the glossary pages and the prh dictionaries
follow it (`python scripts/lint_text.py --write` rewrites both), and its chapters exist."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.docs_tools import DOCS, LANGUAGES, ROOT

import lint_text  # scripts/, put on sys.path by tests/conftest.py

GLOSSARY = lint_text.load_glossary()
TERMS = GLOSSARY["terms"]
OTHER = {"ja": "en", "en": "ja"}
WRITE = "run `.venv/bin/python scripts/lint_text.py --write`"
HEADING_ID = re.compile(r"^#{1,6} .*\{ *#([\w-]+) *\}\s*$", re.MULTILINE)


def heading_ids(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text("utf8"), flags=re.MULTILINE | re.DOTALL)
    return set(HEADING_ID.findall(text))


def test_every_term_is_complete_and_named_once():
    for term in TERMS:
        assert set(term) <= {"ja", "en", "symbol", "book_symbol", "chapter", "notes", "avoid"}, term
        assert term.get("ja") and term.get("en") and term.get("chapter"), term
    for lang in LANGUAGES:
        twice = [word for word, n in Counter(t[lang] for t in TERMS).items() if n > 1]
        assert not twice, f"named twice in {lang}: {twice}"


def test_one_symbol_per_quantity():
    symbols = Counter(t["symbol"] for t in TERMS if t.get("symbol"))
    assert [s for s, n in symbols.items() if n > 1] == []


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["en"])
def test_the_chapter_exists_in_both_languages(term: dict):
    page, _, anchor = term["chapter"].partition("#")
    assert anchor, f"{term['en']}: the chapter names a page without its section"
    assert page in {s["page"] for s in GLOSSARY["sections"]}, f"{page}: no section of the glossary for it"
    for lang in LANGUAGES:
        path = DOCS / lang / page
        assert path.exists(), f"docs/{lang}/{page} does not exist"
        assert anchor in heading_ids(path), f"docs/{lang}/{page} has no heading {{ #{anchor} }}"


@pytest.mark.parametrize("term", [t for t in TERMS if t.get("book_symbol")], ids=lambda t: t["en"])
def test_a_book_symbol_is_explained_in_both_languages(term: dict):
    for lang in LANGUAGES:
        assert f"${term['book_symbol']}$" in term.get("notes", {}).get(lang, ""), (
            f"{term['en']}: the {lang} notes do not say that the book writes ${term['book_symbol']}$"
        )


def test_no_term_is_flagged_by_the_dictionaries():
    """A variant to avoid must not be part of a term the glossary itself uses."""
    for lang in LANGUAGES:
        wrong = {rule["specs"][0]["from"] for rule in yaml.safe_load(lint_text.PRH[lang].read_text("utf8"))["rules"]}
        for term in TERMS:
            hits = [w for w in wrong if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])" if lang == "en" else re.escape(w), term[lang])]
            assert not hits, f"{term[lang]!r} contains a variant that prh flags: {hits}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_prh_dictionary_is_generated_from_the_glossary(lang: str):
    assert lint_text.PRH[lang].read_text("utf8") == lint_text.prh_dictionary(GLOSSARY, lang), (
        f"textlint/prh-{lang}.yml is not what glossary.yml gives: {WRITE}"
    )


NAME = re.compile(r"^\*\*(?P<term>[^*]+)\*\*(?:（(?P<ja_other>[^）]+)）| \((?P<en_other>[^)]+)\))?$")
SYMBOL = {"ja": re.compile(r"^記号：(\$[^$]+\$)。"), "en": re.compile(r"^Symbol: (\$[^$]+\$)\. ")}
INTRODUCED = {"ja": re.compile(r"初出：「\[[^\]]*\]\(([^)]+)\)」。"), "en": re.compile(r"Introduced in \[[^\]]*\]\(([^)]+)\)\.")}


def glossary_rows(lang: str) -> list[tuple[str, str, str, str]]:
    """(term, the other language's term, symbol, chapter link) of each entry of a glossary page:
    a line ``**term** (other)``, then ``:   `` and what the entry says."""
    rows = []
    lines = (DOCS / lang / "glossary.md").read_text("utf8").splitlines()
    for line, body in zip(lines, lines[1:]):
        name = NAME.match(line)
        if not name or not body.startswith(":   "):
            continue
        term = name["term"]
        body = body.removeprefix(":   ")
        symbol = SYMBOL[lang].match(body)
        chapter = INTRODUCED[lang].search(body)
        assert chapter, f"docs/{lang}/glossary.md: {term} does not link the section that introduces it: {body!r}"
        rows.append((term, name["ja_other"] or name["en_other"] or term, symbol[1] if symbol else "", chapter[1]))
    return rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_lists_exactly_the_terms_of_the_glossary(lang: str):
    expected = [
        (t[lang], t[OTHER[lang]], f"${t['symbol']}$" if t.get("symbol") else "", t["chapter"])
        for section in GLOSSARY["sections"] for t in TERMS if t["chapter"].partition("#")[0] == section["page"]
    ]
    rows = glossary_rows(lang)
    assert sorted(rows) == sorted(expected), f"docs/{lang}/glossary.md and glossary.yml differ: {WRITE}"
    assert rows == expected, f"docs/{lang}/glossary.md: not in the order of the course: {WRITE}"


def test_both_pages_give_the_same_symbols_and_chapters():
    ja = [(en, symbol, chapter) for _, en, symbol, chapter in glossary_rows("ja")]
    en = [(term, symbol, chapter) for term, _, symbol, chapter in glossary_rows("en")]
    assert ja == en


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_entries_are_current(lang: str):
    """Section titles and links as the chapters now have them: a renamed heading needs --write."""
    text = (DOCS / lang / "glossary.md").read_text("utf8")
    region = text.partition(lint_text.GLOSSARY_START)[2].partition(lint_text.GLOSSARY_END)[0]
    assert lint_text.glossary_entries(GLOSSARY, lang) in region, f"docs/{lang}/glossary.md is not current: {WRITE}"


def test_long_kanji_terms_are_exactly_the_ones_allowed():
    """max-kanji-continuous-len lets through the glossary's long terms, and nothing else."""
    config = yaml.safe_load((ROOT / ".textlintrc.yml").read_text("utf8"))
    rule = config["rules"]["preset-ja-technical-writing"]["max-kanji-continuous-len"]
    longest = rule["max"]
    long_terms = {run for t in TERMS for run in re.findall(r"[\u4e00-\u9fff々]+", t["ja"]) if len(run) > longest}
    assert set(rule["allow"]) == long_terms
