"""hooks/notebook_css.py: which rules of a stylesheet a page keeps.

The check against a real page in a browser (the same computed style for every element)
is tests/browser/test_notebook_css.py.
"""

from __future__ import annotations

from hooks.notebook_css import prune, static

PAGE = """<!doctype html><html class="no-js"><head></head>
<body data-md-color-scheme="default"><article class="md-typeset">
<div class="jupyter-wrapper"><div class="jp-Cell"><pre>x = 1</pre><a href="#">link</a>
<div class="jp-Output" data-mime-type="application/vnd.jupyter.stderr">oops</div></div></div>
</article></body></html>"""


def kept(css: str, read_elsewhere: frozenset[str] = frozenset()) -> str:
    return prune(css, PAGE, set(read_elsewhere))


def test_a_rule_for_what_the_page_has_is_kept_and_one_for_what_it_lacks_goes():
    out = kept(".jp-Cell { color: red } .jp-Toolbar { color: blue } pre { margin: 0 }")
    assert ".jp-Cell" in out and "pre" in out
    assert ".jp-Toolbar" not in out


def test_a_rule_is_kept_if_one_of_its_selectors_matches():
    assert ".jp-Toolbar,.jp-Cell" in kept(".jp-Toolbar,.jp-Cell { color: red }").replace(" ", "")


def test_what_depends_on_the_reader_does_not_decide():
    out = kept("a:hover::after { content: 'x' } .jp-Cell:focus-within { outline: 0 } "
               ".jp-Toolbar:hover { color: red } :focus { outline: 0 }")
    assert "a:hover::after" in out and ".jp-Cell:focus-within" in out and "\n:focus {" in out
    assert ".jp-Toolbar" not in out


def test_structure_decides():
    out = kept(".jp-Cell > pre { margin: 0 } .jupyter-wrapper > pre { margin: 1px } "
               ".jp-Cell:not(.jp-Cell) { color: red } .jupyter-wrapper :root { --x: 1 }")
    assert ".jp-Cell > pre" in out
    assert ".jupyter-wrapper > pre" not in out  # the pre is not a child of the wrapper
    assert ":not(" not in out and ":root" not in out


def test_an_attribute_value_names_no_class():
    out = kept('.jp-Output[data-mime-type="application/vnd.jupyter.stderr"] { background: pink } '
               '.jp-Output[data-mime-type="text/plain"] { background: white }')
    assert "stderr" in out and "text/plain" not in out


def test_a_rule_of_the_dark_palette_is_kept():
    out = kept("[data-md-color-scheme=slate] .jp-Cell { color: white } "
               "[data-md-color-scheme=other] .jp-Cell { color: gray }")
    assert "slate" in out and "other" not in out


def test_media_blocks_are_pruned_inside_and_dropped_when_empty():
    out = kept("@media print { .jp-Cell { color: black } .jp-Toolbar { display: none } } "
               "@media screen { .jp-Toolbar { color: red } } @font-face { font-family: X; src: url(x.woff2) }")
    assert "@media print" in out and ".jp-Cell" in out
    assert ".jp-Toolbar" not in out and "@media screen" not in out
    assert "@font-face" in out


def test_custom_properties_that_nothing_reads_go():
    out = kept(".jupyter-wrapper { --a: red; --b: var(--c); --c: blue; --d: green; --e: 1px; --unread: 0 } "
               ".jp-Cell { color: var(--a); background: var(--b) } .jp-Toolbar { border-width: var(--d) }",
               frozenset({"--e"}))
    for name in ("--a:", "--b:", "--c:", "--e:"):
        assert name in out  # read by a kept rule, by another property that is read, or elsewhere
    assert "--d:" not in out  # read only by a rule that goes
    assert "--unread" not in out


def test_a_rule_left_with_no_declaration_goes():
    assert "jupyter-wrapper" not in kept(".jupyter-wrapper { --unread: 0 }")


def test_charset_once_at_the_start_when_needed():
    out = kept('@charset "UTF-8"; .jp-Cell::before { content: "→" } @charset "UTF-8";')
    assert out.startswith('@charset "UTF-8";') and out.count("@charset") == 1
    assert "@charset" not in kept('@charset "UTF-8"; .jp-Cell { color: red }')


def test_static_leaves_out_pseudo_elements_and_reader_states():
    assert static("a:hover::after") == "a"
    assert static(".x:not(:first-child) > .y:nth-child(2n+1):focus") == ".x:not(:first-child) > .y:nth-child(2n+1)"
