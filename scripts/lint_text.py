"""Check the words of the pages and notebooks: Japanese with textlint, English with prh and cspell.

    python scripts/lint_text.py                        # every page and notebook, both languages
    python scripts/lint_text.py docs/ja/forward.md     # one page (its language from its folder)
    python scripts/lint_text.py notebooks/forward.py   # the Markdown cells of a notebook, both languages
    python scripts/lint_text.py --lang en              # one language only
    python scripts/lint_text.py --write                # regenerate textlint/prh-*.yml and the glossary tables

What is checked, per language:

- ja: textlint with the rules of .textlintrc.yml (preset-ja-technical-writing, and prh with
  textlint/prh-ja.yml, generated from glossary.yml);
- en: textlint with textlint/en.textlintrc.yml (prh with textlint/prh-en.yml, also generated from
  glossary.yml) and cspell with textlint/cspell.config.yaml (en-GB, plus textlint/words-en.txt).

The linters never see the raw Markdown: code blocks, math, admonition markers, ``{ #id }``
attributes and mkdocstrings directives are not prose. ``prose()`` blanks them and keeps every
other line where it was, so each message still names the right line of the real file. In a
notebook source (notebooks/<name>.py) only the text of the Markdown cells, ``md(ja=..., en=...)``,
is kept, at the lines where the .py file holds it.

Each message is printed as ``path:line:column: rule: message``; the exit status is 1 when there
is any.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
LANGUAGES = ("ja", "en")
CONFIG = {"ja": ROOT / ".textlintrc.yml", "en": ROOT / "textlint" / "en.textlintrc.yml"}
CSPELL_CONFIG = ROOT / "textlint" / "cspell.config.yaml"
GLOSSARY = ROOT / "glossary.yml"
PRH = {lang: ROOT / "textlint" / f"prh-{lang}.yml" for lang in LANGUAGES}
GLOSSARY_PAGE = {lang: ROOT / "docs" / lang / "glossary.md" for lang in LANGUAGES}


@dataclass(frozen=True, order=True)
class Message:
    path: str  # relative to the repository root
    line: int
    column: int
    rule: str
    text: str
    lang: str

    def __str__(self) -> str:
        # a notebook source holds both languages: say which one the message is about
        where = f" [{self.lang}]" if not self.path.endswith(".md") else ""
        return f"{self.path}:{self.line}:{self.column}: {self.rule}{where}: {self.text}"


# ---------------------------------------------------------------------------------------------
# Markdown → the prose in it, line for line

_TAB = re.compile(r'^(\s*)===\+?( +".*")\s*$', re.MULTILINE)  # content tabs read as admonitions
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]*(?:\s+[\w-]+)*\s*(?:"(.*)")?\s*$')
_ATTR_LIST = re.compile(r'\s*\{:?\s*(?:[#.][\w.:-]+|[\w-]+=(?:"[^"]*"|\S+?))(?:\s+(?:[#.][\w.:-]+|[\w-]+=(?:"[^"]*"|\S+?)))*\s*\}')
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])((?:\\\$|[^$])+?)(?<![\s\\])\$(?!\d)")
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\.|[{}_^\s]")
_DIRECTIVE = re.compile(r"^\s*::: ")  # mkdocstrings: `::: zeronn.Affine`
_IMAGE_LINE = re.compile(r"^\s*!\[([^\]]*)\]\([^)]*\)\s*(?:\{[^}]*\})?\s*$")
_FINAL_MARKS = ("。", "．", ".", "！", "？", "!", "?", "：", ":")
_BLOCK_START = re.compile(r"(?:[-*+] |\d+\. |#|>|\|)")

_parser = MarkdownIt("commonmark").use(admon_plugin).use(dollarmath_plugin, allow_space=False).enable("table")


def _math_as_code(match: re.Match) -> str:
    """Inline math becomes inline code, which no rule reads as words. Its TeX commands and
    braces are dropped so that it counts towards a sentence's length about as long as it looks."""
    shown = _TEX_COMMAND.sub("", match.group(1)).replace("`", "") or "x"
    return f"`{shown}`"


def _prose_line(line: str) -> str:
    parts, last = [], 0
    for code in _CODE_SPAN.finditer(line):
        parts.append(_INLINE_MATH.sub(_math_as_code, line[last:code.start()]))
        parts.append(code.group(0))
        last = code.end()
    parts.append(_INLINE_MATH.sub(_math_as_code, line[last:]))
    return _ATTR_LIST.sub("", "".join(parts)).strip()


def prose(markdown: str) -> str:
    """The Markdown with everything that is not prose blanked, line for line.

    - Fenced and indented code, math blocks, HTML blocks and mkdocstrings directives become
      empty lines.
    - A math block inside a sentence ("..., by the chain rule" / $$...$$ / "which is ...") does
      not end it: when the text before it ends without a full stop, the block and the blank
      lines around it become placeholders, so that the sentence stays one paragraph.
    - An admonition's marker becomes a heading of its title (a heading, so that no rule asks a
      title for a final 。).
    - An image alone on its line becomes its alt text as a paragraph of its own, ended with 。
      when it has no final mark: the reader of a screen reader hears it as sentences, and
      textlint's parser would otherwise count the alt text as one sentence, whatever 。 it holds.
    - Inline math becomes inline code; ``{ #id }`` attributes go; lines lose their indentation
      (the body of an admonition is prose, not indented code).
    """
    lines = markdown.split("\n")
    blank: set[int] = set()
    maths: list[tuple[int, int]] = []
    titles: dict[int, str] = {}
    for token in _parser.parse(_TAB.sub(r"\1!!! tab\2", markdown)):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "html_block" and token.content.lstrip().startswith("<!--"):
            continue  # a comment stays: <!-- textlint-disable ... --> is read by textlint
        if token.type in ("fence", "code_block", "math_block", "math_block_label", "html_block"):
            blank.update(range(start, end))
            if token.type.startswith("math_block"):
                maths.append((start, end))
        elif token.type == "admonition_open":
            match = _ADMONITION.match(lines[start])
            titles[start] = match.group(1) if match and match.group(1) else ""
    out, in_directive = [], False
    for index, line in enumerate(lines):
        # a directive runs on over its indented options, up to the next blank line
        in_directive = bool(_DIRECTIVE.match(line)) or (in_directive and line.strip() != "")
        if index in blank or in_directive:
            out.append("")
        elif index in titles:
            title = _prose_line(titles[index])
            out.append(f"#### {title}" if title else "")
        elif image := _IMAGE_LINE.match(line):
            alt = image.group(1).strip()
            out.append(alt if not alt or alt.endswith(_FINAL_MARKS) or alt.isascii() else alt + "。")
        else:
            out.append(_prose_line(line))
    for start, end in maths:
        before, after = start - 1, end
        while before >= 0 and out[before] == "" and lines[before].strip() == "":
            before -= 1
        while after < len(out) and out[after] == "" and lines[after].strip() == "":
            after += 1
        if (before >= 0 and after < len(out) and out[before] and out[after]
                and not out[before].startswith("#") and not out[before].endswith(_FINAL_MARKS)
                and not _BLOCK_START.match(out[after])):
            for index in range(before + 1, after):
                out[index] = "`…`"
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Notebook sources: the Markdown cells' text, at the lines that hold it


def notebook_markdown(path: Path, lang: str) -> str:
    """The ``md(ja=..., en=...)`` texts of a notebook source as one Markdown document with as
    many lines as the .py file, each text at the lines where the file holds it."""
    source = path.read_text("utf8")
    lines = [""] * (source.count("\n") + 1)
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "md"):
            continue
        for keyword in node.keywords:
            if keyword.arg != lang:
                continue
            value = keyword.value
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                raise ValueError(f"{path}:{value.lineno}: md({lang}=...) is not a string literal")
            text = textwrap.dedent(value.value).split("\n")
            if len(text) != value.end_lineno - value.lineno + 1:
                raise ValueError(f"{path}:{value.lineno}: md({lang}=...) has escaped line breaks: write them as lines")
            # Line 0 of the text is what follows the opening quotes (`ja=r"""`): empty. It keeps
            # one cell's text apart from the previous one's.
            lines[value.lineno - 1 : value.end_lineno] = text
    return "\n".join(lines)


def has_markdown_cells(path: Path) -> bool:
    return path.suffix == ".py" and re.search(r"^\s*md\(", path.read_text("utf8"), re.MULTILINE) is not None


# ---------------------------------------------------------------------------------------------
# What is checked


def language_of(path: Path) -> list[str]:
    """The languages to check a file in: its folder's for a page, both for a notebook source."""
    rel = path.resolve().relative_to(ROOT)
    if rel.parts[:1] == ("docs",) and len(rel.parts) > 1 and rel.parts[1] in LANGUAGES:
        return [rel.parts[1]]
    if rel.parts[:1] == ("notebooks",):
        return list(LANGUAGES)
    raise SystemExit(f"{rel}: not a page of docs/ja or docs/en, nor a notebook source")


def default_files(lang: str) -> list[Path]:
    """What `make test` checks: the pages of docs/<lang>/ (sections included) and the notebook sources."""
    pages = sorted((ROOT / "docs" / lang).rglob("*.md"))
    notebooks = sorted(p for p in (ROOT / "notebooks").glob("*.py") if has_markdown_cells(p))
    return pages + notebooks


def text_of(path: Path, lang: str) -> str:
    """The prose that the linters see: a page's, or the Markdown cells' of a notebook source."""
    markdown = notebook_markdown(path, lang) if path.suffix == ".py" else path.read_text("utf8")
    return prose(markdown)


# ---------------------------------------------------------------------------------------------
# Running the linters over the prepared text, side by side


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _prepare(folder: Path, files: list[Path], lang: str) -> dict[str, str]:
    """Writes each file's prose under folder as <path>.md; returns {prepared path, relative to
    folder: the path to show}."""
    mapping = {}
    for index, path in enumerate(files):
        shown = _display(path)
        rel = shown if not Path(shown).is_absolute() else f"elsewhere/{index}/{path.name}"
        rel = rel if rel.endswith(".md") else rel + ".md"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text_of(path, lang), "utf8")
        mapping[rel] = shown
    return mapping


def _node_tool(name: str) -> str:
    tool = BIN / name
    if not tool.exists():
        raise SystemExit(f"{tool} is missing: run `make install` (or `npm ci`)")
    return str(tool)


def _shown(reported: str, folder: Path, mapping: dict[str, str]) -> str:
    path = Path(reported)
    rel = path.resolve().relative_to(folder.resolve()).as_posix() if path.is_absolute() else path.as_posix()
    return mapping[rel]


def _textlint_messages(output: str, folder: Path, mapping: dict[str, str], lang: str) -> list[Message]:
    messages = []
    for report in json.loads(output):
        lines = Path(report["filePath"]).read_text("utf8").split("\n")
        for m in report["messages"]:
            rule = m["ruleId"].removeprefix("ja-technical-writing/")
            text = " ".join(m["message"].split())
            # sentence-length gives the sentence's offset in its paragraph as the column
            column = m["column"] if m["column"] <= len(lines[m["line"] - 1]) + 1 else 1
            messages.append(Message(_shown(report["filePath"], folder, mapping), m["line"], column, rule, text, lang))
    return messages


_CSPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+) - (?P<text>.*?)(?:\s+fix: .*)?$")


def _cspell_messages(output: str, folder: Path, mapping: dict[str, str], lang: str) -> list[Message]:
    messages = []
    for line in output.splitlines():
        if match := _CSPELL_LINE.match(line.strip()):
            path = _shown(match["path"], folder, mapping)
            messages.append(Message(path, int(match["line"]), int(match["column"]), "cspell", match["text"], lang))
    return messages


def lint(files: dict[str, list[Path]]) -> list[Message]:
    """Every check of each language over its files: textlint per language, and cspell for English,
    run side by side (each takes seconds, mostly starting up and tokenising Japanese)."""
    with tempfile.TemporaryDirectory(prefix="lint-text-") as tmp:
        runs = []
        for lang, paths in files.items():
            if not paths:
                continue
            folder = Path(tmp) / lang
            mapping = _prepare(folder, paths, lang)
            commands = [("textlint", [_node_tool("textlint"), "--config", str(CONFIG[lang]), "--format", "json",
                                      "--no-color", *(str(folder / rel) for rel in mapping)], _textlint_messages)]
            if lang == "en":
                commands.append(("cspell", [_node_tool("cspell"), "lint", "--config", str(CSPELL_CONFIG), "--root",
                                            str(folder), "--no-progress", "--no-summary", "--no-color", "--no-gitignore",
                                            "--no-must-find-files", *mapping], _cspell_messages))
            for name, command, parse in commands:
                out, err = Path(tmp) / f"{lang}-{name}.out", Path(tmp) / f"{lang}-{name}.err"
                with out.open("w") as stdout, err.open("w") as stderr:
                    # textlint finds its rules from the repository; cspell reads the paths from folder
                    cwd = folder if name == "cspell" else ROOT
                    process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr)
                runs.append((name, lang, process, (out, err), parse, folder, mapping))
        messages = []
        for name, lang, process, (out, err), parse, folder, mapping in runs:
            process.wait()
            output, stderr = out.read_text("utf8"), err.read_text("utf8")
            # both exit with 1 when they report something; anything else is a failure to run
            if process.returncode not in (0, 1) or (process.returncode == 1 and name == "textlint" and not output.startswith("[")):
                raise RuntimeError(f"{name} failed ({process.returncode}):\n{output}\n{stderr}")
            found = parse(output, folder, mapping, lang)
            if process.returncode == 1 and not found:
                raise RuntimeError(f"{name} failed without a message:\n{output}\n{stderr}")
            messages += found
    return sorted(messages)


# ---------------------------------------------------------------------------------------------
# glossary.yml → the prh dictionaries and the glossary pages' tables


def load_glossary() -> dict:
    return yaml.safe_load(GLOSSARY.read_text("utf8"))


_REGEX_SPECIAL = re.compile(r"[.*+?^${}()|[\]\\/]")


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def prh_dictionary(glossary: dict, lang: str) -> str:
    """The prh rules of one language: every variant that a term lists under ``avoid``."""
    rules = []
    for term in glossary["terms"]:
        for variant in term.get("avoid", {}).get(lang, []):
            wrong, right = (variant, term[lang]) if isinstance(variant, str) else (variant["wrong"], variant["right"])
            pairs = [(wrong, right)]
            if lang == "en" and wrong[:1].islower():
                pairs.append((_capitalised(wrong), _capitalised(right)))  # at the start of a sentence
            for w, r in pairs:
                # prh escapes "-" in a plain pattern, which a unicode regular expression rejects:
                # English patterns are written as regular expressions, whole words only.
                pattern = "/\\b" + _REGEX_SPECIAL.sub(r"\\\g<0>", w) + "\\b/" if lang == "en" else w
                rules.append({"expected": r, "pattern": pattern, "specs": [{"from": w, "to": r}]})
    header = (
        f"# Generated from glossary.yml by `python scripts/lint_text.py --write`: do not edit.\n"
        f"# Each rule is a variant that a term of the glossary lists under `avoid: {lang}:`.\n"
    )
    return header + yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True, sort_keys=False, width=1000)


def chapter_heading(chapter: str, lang: str) -> str:
    """The title of the section that a glossary ``chapter`` (page.md#id) points to."""
    page, _, anchor = chapter.partition("#")
    text = (ROOT / "docs" / lang / page).read_text("utf8")
    pattern = rf"^#{{1,6}} (.*?) *\{{ *#{re.escape(anchor)} *\}}\s*$" if anchor else r"^# (.*?) *(?:\{[^}]*\})?\s*$"
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise ValueError(f"glossary chapter {chapter}: no such heading in docs/{lang}/{page}")
    return match.group(1).replace("`", "")


GLOSSARY_START, GLOSSARY_END = "<!-- glossary:start -->", "<!-- glossary:end -->"
PRH_OFF, PRH_ON = "<!-- textlint-disable prh -->", "<!-- textlint-enable prh -->"
# How an entry says its symbol and the section that introduces the term.
LABELS = {
    "ja": ("記号：{symbol}。", "初出：「{link}」。"),
    "en": ("Symbol: {symbol}.", "Introduced in {link}."),
}


def glossary_entry(term: dict, lang: str) -> str:
    """One term as a definition list entry: the term with its other-language name, then its
    symbol, the section that introduces it (a link) and the notes.

    A list, not a table: a phone lays out a table twice (to size its columns), and the
    glossary's nine tables, full of typeset symbols, were the slowest page of the site to start."""
    other = "en" if lang == "ja" else "ja"
    name = f"**{term[lang]}**"
    if term[other] != term[lang]:  # XOR is XOR in both
        name += f"（{term[other]}）" if lang == "ja" else f" ({term[other]})"
    symbol_text, link_text = LABELS[lang]
    parts = [symbol_text.format(symbol=f"${term['symbol']}$")] if term.get("symbol") else []
    parts.append(link_text.format(link=f"[{chapter_heading(term['chapter'], lang)}]({term['chapter']})"))
    notes = " ".join(term.get("notes", {}).get(lang, "").split())
    if notes:
        parts.append(notes)
    return f"{name}\n:   " + ("" if lang == "ja" else " ").join(parts)


def glossary_entries(glossary: dict, lang: str) -> str:
    """The glossary page's entries, one section per chapter in the order of the course."""
    out = []
    for section in glossary["sections"]:
        out.append(f"## {section[lang]} {{ #{section['id']} }}\n")
        for term in glossary["terms"]:
            if term["chapter"].partition("#")[0] == section["page"]:
                out.append(glossary_entry(term, lang) + "\n")
    return "\n".join(out).rstrip("\n")


def write_generated() -> list[Path]:
    """Rewrites what glossary.yml generates; returns the files that changed."""
    glossary = load_glossary()
    changed = []
    for lang in LANGUAGES:
        new = prh_dictionary(glossary, lang)
        if not PRH[lang].exists() or PRH[lang].read_text("utf8") != new:
            PRH[lang].write_text(new, "utf8")
            changed.append(PRH[lang])
        page = GLOSSARY_PAGE[lang]
        text = page.read_text("utf8")
        before, _, rest = text.partition(GLOSSARY_START)
        _, _, after = rest.partition(GLOSSARY_END)
        entries = glossary_entries(glossary, lang)
        # The entries name the variants that prh flags (the book's words): prh is off there only.
        new_page = f"{before}{GLOSSARY_START}\n{PRH_OFF}\n\n{entries}\n\n{PRH_ON}\n{GLOSSARY_END}{after}"
        if new_page != text:
            page.write_text(new_page, "utf8")
            changed.append(page)
    return changed


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="pages of docs/ja, docs/en or notebook sources")
    parser.add_argument("--lang", choices=LANGUAGES, help="check this language only")
    parser.add_argument("--write", action="store_true", help="regenerate the prh dictionaries and glossary tables")
    parser.add_argument("--summary", action="store_true", help="also count the messages per rule and per file")
    args = parser.parse_args(argv)
    if args.write:
        for path in write_generated():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    langs = [args.lang] if args.lang else list(LANGUAGES)
    files: dict[str, list[Path]] = {lang: [] for lang in langs}
    for path in args.paths:
        if path.suffix == ".md" or has_markdown_cells(path):
            for lang in language_of(path):
                if lang in files:
                    files[lang].append(path)
    if not args.paths:
        files = {lang: default_files(lang) for lang in langs}
    messages = lint(files)
    for message in messages:
        print(message)
    if args.summary:
        print(f"\n{len(messages)} messages")
        for title, counter in (("per rule", Counter(m.rule for m in messages)), ("per file", Counter(m.path for m in messages))):
            print(f"\n{title}:")
            for key, count in counter.most_common():
                print(f"  {count:5d}  {key}")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
