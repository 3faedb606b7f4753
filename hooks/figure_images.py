"""Let a page's figures load without holding up the page.

Each figure is two <img> (the light one and the dark one: Material shows one and
hides the other with #only-light / #only-dark). This hook gives each a width and a
height from its SVG, so the page keeps their room before they arrive (nothing
moves when they do), and loading="lazy", so the browser fetches a figure only
when it comes near the screen: never the hidden one, and none of them ahead of
the text and the stylesheets that the first screen needs.
"""

from __future__ import annotations

import re

FIGURE_IMG = re.compile(r'<img (?P<attrs>[^>]*\bsrc="(?P<src>[^"]*assets/figures/(?P<name>[\w-]+\.svg))[^"]*"[^>]*)/?>')
SVG_SIZE = re.compile(rb'<svg\b[^>]*\bwidth="(?P<w>[\d.]+)pt"[^>]*\bheight="(?P<h>[\d.]+)pt"')
PX_PER_PT = 4 / 3


def svg_size(content: bytes) -> tuple[int, int]:
    """The width and height of a Matplotlib SVG in CSS pixels."""
    match = SVG_SIZE.search(content)
    if match is None:
        raise ValueError("figure_images: expected an <svg> with width and height in pt")
    return round(float(match["w"]) * PX_PER_PT), round(float(match["h"]) * PX_PER_PT)


def on_page_content(html: str, page, config, files) -> str:
    def tag(match: re.Match) -> str:
        attrs = match["attrs"].rstrip(" /")
        file = files.get_file_from_path(f"assets/figures/{match['name']}")
        if file is None:
            return match.group(0)  # not a drawn figure: MkDocs reports a broken link itself
        width, height = svg_size(file.content_bytes)
        extra = f' width="{width}" height="{height}"'
        if "loading=" not in attrs:
            extra += ' loading="lazy" decoding="async"'
        return f"<img {attrs}{extra}>"

    return FIGURE_IMG.sub(tag, html)
