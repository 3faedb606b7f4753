"""The figures: each draws in both languages, speaks the page's language and has two themes; the
site serves what drawing it gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from figures import all_figures  # noqa: E402
from figures.render import THEMES, render_svg  # noqa: E402
from tests.docs_tools import ROOT  # noqa: E402

FIGURES = all_figures()
# Hiragana, katakana (with the long-vowel mark), CJK ideographs and full-width forms.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def figure_texts(fig: Figure) -> list[str]:
    """Every text a reader sees: titles, axis labels, legend entries, free texts."""
    texts = [fig.get_suptitle(), *(t.get_text() for t in fig.texts)]
    for legend in fig.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    for ax in fig.axes:
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel(), *(t.get_text() for t in ax.texts)]
        if ax.get_legend() is not None:
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in texts if t]


def test_there_are_figures():
    assert FIGURES


@pytest.mark.parametrize("name", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_figure_draws_in_its_language(name: str, lang: str):
    fig = FIGURES[name](lang)
    assert isinstance(fig, Figure)
    assert fig.axes, f"{name} ({lang}) has no axes"
    texts = figure_texts(fig)
    assert texts, f"{name} ({lang}) has no text at all"
    japanese = [t for t in texts if JAPANESE.search(t)]
    if lang == "ja":
        assert japanese, f"{name} (ja) has no Japanese text: {texts}"
    else:
        assert not japanese, f"{name} (en) shows Japanese text: {japanese}"


@pytest.mark.parametrize("name", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_site_serves_the_figure_drawn_in_each_theme(built_site: Path, name: str, lang: str):
    """The build (another process, or an earlier build through its cache) draws a figure once, in
    the light theme, and recolours it for the dark one (figures.render.render_svgs). Drawing gives
    the same bytes every time (fixed marker ids), so its light file is what drawing it here gives;
    the recoloured one is what drawing it in the dark theme gives, but for the names matplotlib
    gives its markers (a hash that covers their colour)."""
    svgs = {theme: render_svg(FIGURES[name], lang, theme) for theme in THEMES}
    for theme, svg in svgs.items():
        assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg, f"{name} {lang} {theme}"
    assert svgs["light"] != svgs["dark"], f"{name} ({lang}) looks the same in both themes"
    folder = (built_site / "en" if lang == "en" else built_site) / "assets" / "figures"
    served = {theme: (folder / f"{name}-{theme}.svg").read_bytes() for theme in THEMES}
    assert served["light"] == svgs["light"], f"{name} ({lang}): the site's light figure is not what drawing it gives"
    assert same_but_names(served["dark"], svgs["dark"]), f"{name} ({lang}): the recoloured dark figure differs"


MARKER = re.compile(rb'(?<=id=")m[0-9a-f]{10}(?=")|(?<=href="#)m[0-9a-f]{10}(?=")')


def same_but_names(a: bytes, b: bytes) -> bool:
    """Whether two SVGs are the same once their markers are named in order of appearance."""
    def renamed(svg: bytes) -> bytes:
        names: dict[bytes, bytes] = {}
        return MARKER.sub(lambda m: names.setdefault(m.group(0), b"m%d" % len(names)), svg)
    return renamed(a) == renamed(b)


def test_the_marker_names_are_all_that_the_comparison_forgives():
    svg = b'<path id="m0123456789"/><use xlink:href="#m0123456789" style="fill: #1f2430"/>'
    other = b'<path id="mabcdefabcd"/><use xlink:href="#mabcdefabcd" style="fill: #1f2430"/>'
    assert same_but_names(svg, other)
    assert not same_but_names(svg, other.replace(b"#1f2430", b"#e3e6ee"))
    assert not same_but_names(svg, other.replace(b'href="#mabcdefabcd"', b'href="#m0123456789"'))


def test_the_build_hook_draws_every_theme_that_figures_know():
    """hooks/figures.py names the themes itself, so that a warm build need not import figures/."""
    import hooks.figures

    assert hooks.figures.THEMES == THEMES


def test_a_warm_build_takes_every_figure_from_the_cache_without_importing_figures(tmp_path):
    """When a build has drawn them all (their names are kept beside them), the next takes them
    from the cache and imports neither figures/ nor torch; one missing file and it draws again."""
    names = ["one", "two"]
    (tmp_path / "names-en.json").write_text(json.dumps(names), "utf8")
    for name in names:
        for theme in THEMES:
            (tmp_path / f"{name}-en-{theme}.svg").write_bytes(f"<svg>{name} {theme}</svg>".encode())
    code = f"""
import json, sys
from pathlib import Path
import hooks.figures as hook
cache = Path({str(tmp_path)!r})
found = hook._cached(cache, "en")
print(json.dumps({{uri: svg.decode() for uri, svg in found.items()}}))
assert "torch" not in sys.modules and not any(m.startswith("figures") for m in sys.modules), "imported"
(cache / "two-en-dark.svg").unlink()
assert hook._cached(cache, "en") is None
assert hook._cached(cache, "ja") is None
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        f"assets/figures/{name}-{theme}.svg": f"<svg>{name} {theme}</svg>" for name in names for theme in THEMES
    }
