"""The pages themselves: every block runs, both languages hold the same code."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.docs_tools import DOCS, LANGUAGES, ROOT, code_blocks, code_shape, count_python_fences, pages

PAIRS = [p.relative_to(DOCS / "ja") for p in pages("ja")]


def collected_markdown_items() -> Counter:
    """Ask pytest-markdown-docs, in a fresh process, which blocks of docs/ it runs."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "docs", "--collect-only", "-q", "-p", "no:randomly"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ids = [line.split("::")[0] for line in result.stdout.splitlines() if "::[CodeFence#" in line]
    return Counter(ids)


def test_every_python_block_is_collected():
    collected = collected_markdown_items()
    expected = Counter({
        str(path.relative_to(ROOT)): count_python_fences(path)
        for lang in LANGUAGES for path in pages(lang) if count_python_fences(path)
    })
    assert sum(expected.values()) > 0
    assert collected == expected


def test_no_block_is_skipped_or_chained():
    for lang in LANGUAGES:
        for path in pages(lang):
            for block in code_blocks(path):
                where = f"{path.relative_to(ROOT)}:{block.start_line}"
                assert "continuation" not in block.options, f"{where} depends on an earlier block"
                assert "notest" not in block.options, f"{where} is not run"


def _closing_line(lines: list[str], opening: int) -> int:
    """The index of the line that closes the fence opened at ``opening``, read line by line."""
    marker = lines[opening].strip()[:3]
    for i in range(opening + 1, len(lines)):
        if lines[i].strip() == marker:
            return i
    return len(lines)


def test_no_block_is_cut_short():
    """A fence inside a ??? block ends where the parser thinks the block ends: two blank lines
    in a row inside the block end it, and the rest of the code would never run."""
    for lang in LANGUAGES:
        for path in pages(lang):
            lines = path.read_text("utf8").split("\n")
            for block in code_blocks(path):
                opening, end = block.fence.map
                where = f"{path.relative_to(ROOT)}:{opening + 1}"
                assert end == _closing_line(lines, opening) + 1, f"{where}: the block is cut short (two blank lines?)"


def test_every_page_exists_in_both_languages():
    ja = {p.relative_to(DOCS / "ja") for p in pages("ja")}
    en = {p.relative_to(DOCS / "en") for p in pages("en")}
    assert ja == en


@pytest.mark.parametrize("page", PAIRS, ids=str)
def test_both_languages_hold_the_same_code(page: Path):
    ja, en = code_blocks(DOCS / "ja" / page), code_blocks(DOCS / "en" / page)
    assert len(ja) == len(en), "different number of Python blocks"
    for a, b in zip(ja, en):
        assert code_shape(a.code) == code_shape(b.code), f"ja line {a.start_line} vs en line {b.start_line}"
        assert (a.output is None) == (b.output is None), f"output fence under ja line {a.start_line} only on one side"


HEADING = re.compile(r"^(#{1,6}) .*?(?:\{ *#([\w-]+) *\})?\s*$")


def heading_ids(path: Path) -> list[str | None]:
    ids, in_fence = [], False
    for line in path.read_text("utf8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and (match := HEADING.match(line)):
            ids.append(match.group(2))
    return ids


@pytest.mark.parametrize("page", PAIRS, ids=str)
def test_headings_carry_the_same_explicit_ids(page: Path):
    ja, en = heading_ids(DOCS / "ja" / page), heading_ids(DOCS / "en" / page)
    assert None not in ja, "a Japanese heading has no explicit { #id }"
    assert None not in en, "an English heading has no explicit { #id }"
    assert ja == en


def nav_files(config: Path) -> list[str]:
    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    text = config.read_text("utf8")
    return list(walk(yaml.load(text, Loader=yaml.BaseLoader)["nav"]))


def test_both_navigations_list_the_same_pages():
    ja, en = nav_files(ROOT / "mkdocs.yml"), nav_files(ROOT / "mkdocs.en.yml")
    assert ja == en
    notebooks = [p.relative_to(DOCS / "ja") for p in (DOCS / "ja").rglob("*.ipynb")]  # pages too
    assert sorted(ja) == sorted(str(p) for p in PAIRS + notebooks)
