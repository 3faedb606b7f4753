"""Give each table of a page's text a block of its own: <div class="zeronn-table">.

The theme's script wraps every table in a scroll box when it starts. A block that a script
adds is laid out whole in its first frame, even far below the screen, before the browser
decides to skip it (content-visibility, zeronn.css): on the glossary, when its terms were ten
tables, some 370 ms of a phone's time (Chromium with the CPU slowed 4x). Inside a block that
was in the page from the start, which the browser already skips, the theme's scroll box costs
nothing until the reader comes near. The tables that this wraps are those that would be blocks
themselves: a child of the article or of an API entry's text. Notebook pages have none.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

CLASS = "zeronn-table"


def on_page_content(content: str, page, **kwargs) -> str:
    if "<table" not in content or page.file.src_uri.endswith(".ipynb"):
        return content
    soup = BeautifulSoup(content, "html.parser")
    tables = soup.find_all("table", recursive=False)
    for text in soup.select(".doc-contents"):
        tables += text.find_all("table", recursive=False)
    for table in tables:
        table.wrap(soup.new_tag("div", attrs={"class": CLASS}))
    return str(soup)
