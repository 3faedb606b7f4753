"""Keep, of a notebook page's stylesheet, only the rules that can apply to the page.

mkdocs-jupyter gives each notebook page JupyterLab's whole stylesheet (575 kB: every widget
of the JupyterLab application). A page of the site shows cells and their outputs, which a
few hundred of its rules style; the rest only made a phone download and parse it before it
could draw the page.

A rule is kept when one of its selectors matches an element of the page, in the light
palette or in the dark one. What depends on the reader (:hover, :focus, ...) and the
pseudo-elements (::before) are left out of the selector first: `a:hover::after` is kept if
the page has an `a`. A selector that cannot be checked keeps its rule. Rules inside @media
and @supports are pruned the same way; other at-rules (@font-face, @keyframes) are kept,
but for @charset, which is written once at the start if the rules need it.
Custom properties (`--jp-...: value`) that neither a kept rule nor one of the site's own
stylesheets reads go too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import soupsieve
import tinycss2
from bs4 import BeautifulSoup

# Pseudo-classes that depend only on the document, which the check can decide.
STRUCTURAL = {
    "not", "is", "where", "has", "root", "empty", "first-child", "last-child", "only-child",
    "first-of-type", "last-of-type", "only-of-type", "nth-child", "nth-last-child", "nth-of-type",
    "nth-last-of-type",
}
PSEUDO = re.compile(r"::?(-?[a-zA-Z][\w-]*)(\((?:[^()]|\([^()]*\))*\))?")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
FUNCTIONAL = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
NAMES = re.compile(r"[.#]-?[_a-zA-Z][\w-]*")
ATTRIBUTES = re.compile(r"\[[^\]]*\]")
# A tag name: at the start of a compound (after a combinator, a space or the start).
TAGS = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")
PALETTES = ("default", "slate")
FEW = 32  # candidates for a selector that are each matched alone (_Page.matches)


def static(selector: str) -> str:
    """The selector without the parts that depend on the reader, and without pseudo-elements."""
    def replace(match: re.Match) -> str:
        if match.group(0).startswith("::") or match.group(1).lower() not in STRUCTURAL:
            return ""
        return match.group(0)
    return PSEUDO.sub(replace, selector).strip()


class _Page:
    """The page, in either palette (the palette is an attribute of <body>), and the names it
    uses: a selector that needs a class, an id or a tag that the page does not have cannot
    match, and most of JupyterLab's do not, which spares the slower check. That check tries
    only the elements that have a name the selector's last part needs, when they are few,
    and else the page from its start, stopping at the first match."""

    def __init__(self, page_html: str):
        self.soup = BeautifulSoup(page_html, "html.parser")
        self.elements = self.soup.find_all(True)
        self.named: dict[str, list] = {}
        for element in self.elements:
            names = [f".{c}" for c in element.get("class", [])] + [element.name.lower()]
            if element.get("id"):
                names.append(f"#{element['id']}")
            for name in names:
                self.named.setdefault(name, []).append(element)

    def may_have(self, selector: str) -> bool:
        return _needed(selector) <= self.named.keys()

    def matches(self, selector: str) -> bool:
        compiled = soupsieve.compile(selector)
        subject = _needed(_last_compound(selector))
        candidates = min((self.named.get(name, []) for name in subject), key=len, default=self.elements)
        body = self.soup.body
        # Only a selector that names the palette can match in one and not the other.
        schemes = PALETTES if body is not None and "data-md-color-scheme" in selector else PALETTES[:1]
        try:
            for scheme in schemes:
                if body is not None:
                    body["data-md-color-scheme"] = scheme
                # Each match() starts by walking up to the document: for many candidates, one
                # pass over the page, which walks up once, is quicker (the four notebook pages
                # of a language: 3.7-3.8 s -> 2.3-2.7 s).
                if len(candidates) <= FEW:
                    if any(compiled.match(element) for element in candidates):
                        return True
                elif compiled.select_one(self.soup) is not None:
                    return True
            return False
        finally:
            if body is not None:
                body["data-md-color-scheme"] = PALETTES[0]


def _needed(selector: str) -> set[str]:
    """The classes, ids and tags that an element must have for ``selector`` to match in the page
    (what :not(...) and the like hold does not count)."""
    outside = ATTRIBUTES.sub("", FUNCTIONAL.sub(" ", selector))  # [data-x=".y"] names no class
    return set(NAMES.findall(outside)) | {tag.lower() for tag in TAGS.findall(outside)}


def _last_compound(selector: str) -> str:
    """The part of a selector after its last combinator: the element that the rule styles."""
    depth, start = 0, 0
    for i, char in enumerate(selector):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in " >+~":
            start = i + 1
    return selector[start:]


def _applies(prelude: list, page: _Page) -> bool:
    for selector in tinycss2.serialize(prelude).split(","):
        checked = static(selector)
        # A selector that is all pseudo-classes of the reader (":focus") may match anything.
        if not checked or checked.endswith((">", "+", "~")):
            return True
        if "\\" not in checked and not page.may_have(checked):  # an escaped name: the slow way
            continue
        try:
            if page.matches(checked):
                return True
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            return True
    return False


@functools.lru_cache(maxsize=4)
def _stylesheet(css: str) -> tuple:
    """The parsed stylesheet, once for all the pages that have it (the rules are not changed:
    a pruned rule is a new one)."""
    return tuple(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def _rules(tokens: list) -> list:
    return tinycss2.parse_rule_list(tokens, skip_whitespace=True, skip_comments=True)


def _with_content(rule, content: str):
    """A copy of ``rule`` with other contents."""
    tokens = tinycss2.parse_component_value_list(content)
    if rule.type == "at-rule":
        return tinycss2.ast.AtRule(rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword,
                                   rule.prelude, tokens)
    return tinycss2.ast.QualifiedRule(rule.source_line, rule.source_column, rule.prelude, tokens)


def _keep_applying(rules: list, page: _Page) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if _applies(rule.prelude, page):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = _keep_applying(_rules(rule.content), page)
            if inner:
                kept.append(_with_content(rule, _serialize(inner)))
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(rule)
    return kept


def _declarations(rule) -> list:
    return [d for d in tinycss2.parse_blocks_contents(rule.content) if d.type == "declaration"]


def _each_style_rule(rules: list) -> Iterable:
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            yield from _each_style_rule(_rules(rule.content))


def _drop_unread_properties(rules: list, read_elsewhere: set[str]) -> list:
    """Drop the custom properties that nothing reads. A property read only by another dropped
    one goes too: the reads are followed from the ordinary properties, to a fixed point."""
    declarations = [d for rule in _each_style_rule(rules) for d in _declarations(rule)]
    values: dict[str, list[str]] = {}
    read = set(read_elsewhere)
    for d in declarations:
        text = tinycss2.serialize(d.value)
        if d.name.startswith("--"):
            values.setdefault(d.name, []).append(text)
        else:
            read.update(VAR.findall(text))
    todo = list(read)
    while todo:
        for text in values.get(todo.pop(), []):
            for name in VAR.findall(text):
                if name not in read:
                    read.add(name)
                    todo.append(name)
    return _rewrite(rules, read)


def _rewrite(rules: list, read: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = [d for d in _declarations(rule) if not d.name.startswith("--") or d.name in read]
            if declarations:
                kept.append(_with_content(rule, "".join(tinycss2.serialize([d]) for d in declarations)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = _rewrite(_rules(rule.content), read)
            if inner:
                kept.append(_with_content(rule, _serialize(inner)))
        else:
            kept.append(rule)
    return kept


def _serialize(rules: list) -> str:
    return "\n".join(tinycss2.serialize([rule]) for rule in rules)


def properties_read(css: str) -> set[str]:
    """The custom properties that a stylesheet reads (var(--name))."""
    return set(VAR.findall(css))


def prune(css: str, page_html: str, read_elsewhere: set[str] = frozenset()) -> str:
    """The rules of ``css`` that can apply to the page ``page_html`` (the whole HTML document),
    without the custom properties that neither they nor ``read_elsewhere`` read."""
    rules = _keep_applying(_stylesheet(css), _Page(page_html))
    kept = _serialize(_drop_unread_properties(rules, set(read_elsewhere))) + "\n"
    # @charset counts only at the very start of a file (the rules came from several).
    return ('@charset "UTF-8";\n' + kept) if not kept.isascii() else kept
