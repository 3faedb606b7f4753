"""Timing several implementations of one computation, fairly.

The implementations of a case are timed in turn, repetition after repetition
(A, B, C, then B, C, A, ...), so that a slow moment of a noisy machine hits
all of them alike, and each is summarised by the median over the repetitions.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Callable


def _block(fn: Callable[[], object], number: int, sync: Callable[[], None]) -> float:
    """Seconds per call of ``number`` back-to-back calls."""
    sync()
    start = time.perf_counter()
    for _ in range(number):
        fn()
    sync()
    return (time.perf_counter() - start) / number


def calls_per_block(fn: Callable[[], object], block_s: float, sync: Callable[[], None]) -> int:
    """How many calls fill about ``block_s`` seconds (after a short warm-up)."""
    for _ in range(3):
        fn()
    per_call = _block(fn, 1, sync)
    number = 1
    while per_call * number < block_s / 4 and number < 1_000_000:
        number *= 2
        per_call = _block(fn, number, sync)
    return max(1, round(block_s / max(per_call, 1e-9)))


def interleaved(
    fns: dict[str, Callable[[], object]],
    repeats: int,
    block_s: float,
    sync: Callable[[], None] = lambda: None,
) -> dict[str, dict[str, float]]:
    """Median, 25th and 75th percentile of the time per call, in microseconds, per implementation."""
    names = list(fns)
    numbers = {name: calls_per_block(fns[name], block_s, sync) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for rep in range(repeats):
            shift = rep % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(_block(fns[name], numbers[name], sync) * 1e6)
    finally:
        if gc_was_enabled:
            gc.enable()
    summary = {}
    for name, values in samples.items():
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        summary[name] = {"median": median, "q1": q1, "q3": q3, "calls": numbers[name] * repeats}
    return summary
