"""Rendering a figure as SVG for one language and one colour scheme."""

from __future__ import annotations

import io
from typing import Callable

import matplotlib

matplotlib.use("Agg")  # no screen: render to files only

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib_fontja  # noqa: E402,F401  (registers IPAexGothic, a font with Japanese glyphs)
from matplotlib.figure import Figure  # noqa: E402

THEMES = ("light", "dark")

# Text and line colours that read well on Material's light (white) and dark (slate) pages;
# the figure background stays transparent so the page colour shows through.
_STYLE = {
    "light": {"text": "#1f2430", "grid": "#d0d4dc"},
    "dark": {"text": "#e3e6ee", "grid": "#4a5063"},
}


def rc_params(theme: str) -> dict:
    colours = _STYLE[theme]
    return {
        "font.family": ["IPAexGothic", "DejaVu Sans"],
        "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font in the browser
        "svg.hashsalt": "zeronn",  # stable ids, so an unchanged figure gives identical bytes
        "text.color": colours["text"],
        "axes.labelcolor": colours["text"],
        "axes.edgecolor": colours["text"],
        "xtick.color": colours["text"],
        "ytick.color": colours["text"],
        "grid.color": colours["grid"],
        "axes.grid": True,
        "legend.frameon": False,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.transparent": True,
        "axes.unicode_minus": False,  # IPAexGothic draws U+2212 poorly; use a hyphen-minus
    }


def render_svg(draw: Callable[[str], Figure], lang: str, theme: str) -> bytes:
    """Draw the figure for ``lang`` in ``theme`` and return it as SVG bytes."""
    with plt.rc_context(rc_params(theme)):
        fig = draw(lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def recolour(svg: bytes, theme: str) -> bytes:
    """The light figure ``svg`` in ``theme``: the only colours a theme sets are the text's and
    the grid's (``_STYLE``), so the figure in another theme is the same SVG with those two
    colours swapped. The data's colours are the same in every theme and differ from both."""
    for role, colour in _STYLE["light"].items():
        svg = svg.replace(colour.encode(), _STYLE[theme][role].encode())
    return svg


def render_svgs(draw: Callable[[str], Figure], lang: str) -> dict[str, bytes]:
    """The figure for ``lang`` in every theme, drawn once (light) and recoloured for the others.

    Drawing is the slow part of a build's figures (about a second for some); a recoloured
    figure is what drawing it in that theme gives, up to the names of its markers
    (tests/test_figures.py compares them)."""
    light = render_svg(draw, lang, "light")
    return {theme: light if theme == "light" else recolour(light, theme) for theme in THEMES}
