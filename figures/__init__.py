"""Figures of the course, drawn by code at build time.

Each figure is a function registered with ``@figure("name")`` that takes the
page language (``"ja"`` or ``"en"``) and returns a matplotlib Figure. The
build hook (hooks/figures.py) renders every figure for Material's light and
dark palettes (drawn once, then recoloured: ``figures.render.render_svgs``),
as ``assets/figures/<name>-light.svg`` and ``...-dark.svg``. A page shows
them with::

    ![alt text](assets/figures/<name>-light.svg#only-light)
    ![alt text](assets/figures/<name>-dark.svg#only-dark)

Modules that define figures are listed in ``MODULES`` and imported by
``all_figures()``.
"""

from __future__ import annotations

import importlib
from typing import Callable

from matplotlib.figure import Figure

FigureFunction = Callable[[str], Figure]
_REGISTRY: dict[str, FigureFunction] = {}

# One module per chapter that has figures.
MODULES: list[str] = ["perceptron", "activation", "backprop", "training", "beyond", "performance"]


def figure(name: str) -> Callable[[FigureFunction], FigureFunction]:
    """Register ``draw(lang) -> Figure`` under ``name``."""

    def register(draw: FigureFunction) -> FigureFunction:
        if name in _REGISTRY and _REGISTRY[name] is not draw:
            raise ValueError(f"two figures are named {name!r}")
        _REGISTRY[name] = draw
        return draw

    return register


def all_figures() -> dict[str, FigureFunction]:
    """Every registered figure, by name."""
    for module in MODULES:
        importlib.import_module(f"figures.{module}")
    return dict(_REGISTRY)
