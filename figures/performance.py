"""Figure of the performance chapter: zeronn's time over torch autograd's, from zeronn/benchmarks/results.json."""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from figures import figure

# Read directly: the figure needs the numbers, not the benchmark code.
RESULTS = Path(__file__).resolve().parent.parent / "zeronn" / "benchmarks" / "results.json"

BAR = "#3f7fe0"

CASES_JA = {"forward": "順伝播", "forward+backward": "順伝播 + 逆伝播"}
SIZE_TITLES = {
    "source": ("実験の大きさ", "the course's experiment"),
    "mnist": ("本の MNIST のネットワーク", "the book's MNIST network"),
    "large": ("大きなネットワーク", "a large network"),
}


def _label(case: str, pass_: str, ja: bool) -> str:
    if case == "training step":
        return "学習の 1 ステップ" if ja else "training step"
    return f"{case} {CASES_JA[pass_] if ja else pass_}"


def _ratios(run: dict, size: str) -> dict[tuple[str, str], float]:
    rows = [r for r in run["devices"]["cpu"]["results"] if r["size"] == size]
    return {(r["case"], r["pass"]): r["us"]["zeronn"]["median"] / r["us"]["torch"]["median"] for r in rows}


@figure("performance")
def performance(lang: str) -> Figure:
    """zeronn / torch for each case at each size, as bars from 1 on a log scale."""
    ja = lang == "ja"
    run = json.loads(RESULTS.read_text("utf8"))["runs"]["current"]
    sizes = run["sizes"]
    ratios = {s["name"]: _ratios(run, s["name"]) for s in sizes}
    values = [v for table in ratios.values() for v in table.values()]
    lo, hi = min(values + [1.0]) / 3, max(values + [1.0]) * 2  # room for the labels

    fig = Figure(figsize=(9, 4.2), layout="constrained")
    axes = fig.subplots(1, len(sizes), sharey=True, sharex=True)
    for ax, size in zip(axes, sizes):
        keys = list(ratios[size["name"]])[::-1]  # the first case at the top
        for y, key in enumerate(keys):
            r = ratios[size["name"]][key]
            # bars start at 1: left of it zeronn is faster, right of it slower
            ax.barh(y, r - 1, left=1, height=0.6, color=BAR)
            ax.text(r * (1.08 if r >= 1 else 1 / 1.08), y, f"{r:.2f}", va="center",
                    ha="left" if r >= 1 else "right", fontsize=7)
        ax.axvline(1.0, color=ax.xaxis.label.get_color(), linewidth=1)
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        steps = (0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300) if hi / lo < 1000 else (0.01, 0.1, 1, 10, 100)
        ticks = [t for t in steps if lo <= t <= hi]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}")
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_yticks(list(range(len(keys))), [_label(*k, ja) for k in keys])
        title_ja, title_en = SIZE_TITLES.get(size["name"], (size["name"], size["name"]))
        shape = f"{size['N']}×{size['D']} → {size['H']} → {size['C']}"
        ax.set_title(f"{title_ja if ja else title_en}\n{shape}", fontsize=10)
        ax.grid(axis="y", visible=False)
    fig.supxlabel("zeronn の時間 ÷ torch の時間（1 より左なら zeronn が速い）" if ja
                  else "zeronn's time ÷ torch's (left of 1: zeronn is faster)", fontsize=10)
    return fig
