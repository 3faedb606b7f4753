"""hooks/tables.py: each table of a page's text gets a block of its own."""

from __future__ import annotations

from types import SimpleNamespace

from bs4 import BeautifulSoup

from hooks.tables import CLASS, on_page_content


def page(name: str = "glossary.md") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=name))


def parents(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(table.parent.get("class", [table.parent.name])) for table in soup.find_all("table")]


def test_a_table_of_the_text_and_of_an_api_entry_is_wrapped_and_a_nested_one_is_not():
    html = ("<p>x</p><table><tr><td>1</td></tr></table>"
            '<div class="doc doc-contents"><table><tr><td>2</td></tr></table></div>'
            '<details><table><tr><td>3</td></tr></table></details>')
    assert parents(on_page_content(html, page())) == [CLASS, CLASS, "details"]


def test_a_page_without_tables_and_a_notebook_are_left_as_they_are():
    html = "<p>no table, <b>bold</b></p>"
    assert on_page_content(html, page()) is html
    notebook = "<table><tr><td>1</td></tr></table>"
    assert on_page_content(notebook, page("notebooks/training.ipynb")) is notebook
