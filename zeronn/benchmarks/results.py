"""The results file, zeronn/benchmarks/results.json, and the tables made from it.

The file holds one entry per labelled run (``current``: zeronn as it is),
each with the machine it ran on and, per device, the median time per call
of every implementation. scripts/bench.py writes it; the performance page
and its chart (figures/performance.py) read it. The tables come in English
or Japanese (``lang``), to be printed on either page.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
from pathlib import Path

import numpy as np
import torch

# Shipped with the package, so that the performance page runs wherever zeronn is installed.
RESULTS = Path(__file__).resolve().parent / "results.json"
CURRENT = "current"  # the label of the run that the performance page shows
NAMES = {"zeronn": "zeronn", "torch": "torch", "torch_hd": "torch (H, D)", "numpy": "NumPy"}
PASSES_JA = {"forward": "順伝播", "forward+backward": "順伝播+逆伝播"}


def load(path: Path = RESULTS) -> dict:
    return json.loads(path.read_text("utf8")) if path.exists() else {"runs": {}}


def current(path: Path = RESULTS) -> dict:
    """The run that the performance page shows."""
    return load(path)["runs"][CURRENT]


def save(data: dict, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf8")


def today() -> str:
    return datetime.date.today().isoformat()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def blas() -> str:
    try:
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{info['name']} {info['version']}"
    except Exception:  # the layout of show_config is not a stable interface
        return "unknown"


def machine(device: str = "cpu") -> dict:
    info = {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "numpy_blas": blas(),
        "numpy_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "python": platform.python_version(),
    }
    if device == "cuda":
        info["gpu"] = torch.cuda.get_device_name()
        info["cuda"] = torch.version.cuda
    return info


# --- tables -------------------------------------------------------------------


def _us(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.2f}"


def _median(row: dict, name: str) -> float | None:
    stats = row["us"].get(name)
    return None if stats is None else stats["median"]


def _rows(run: dict, device: str, size: str) -> list[dict]:
    return [row for row in run["devices"][device]["results"] if row["size"] == size]


def _label(row: dict, lang: str = "en") -> str:
    if row["case"] == "training step":
        return "学習の 1 ステップ" if lang == "ja" else "training step"
    return f"{row['case']} {PASSES_JA[row['pass']] if lang == 'ja' else row['pass']}"


def _width(text: str) -> int:
    """Columns that ``text`` takes in a terminal: a Japanese character takes two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _left(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def size_title(run: dict, size: str) -> str:
    s = next(s for s in run["sizes"] if s["name"] == size)
    return f"{size}: N={s['N']}, D={s['D']}, H={s['H']}, C={s['C']}"


def timing_table(run: dict, device: str = "cpu", sizes: list[str] | None = None, lang: str = "en") -> str:
    """Median µs per call of each implementation, and the ratios, for every size of one run (or ``sizes``)."""
    lines = []
    for size in sizes or [s["name"] for s in run["sizes"]]:
        lines += [size_title(run, size),
                  f"{'µs':34}{'zeronn':>9}{'torch':>9}{'(H, D)':>9}{'NumPy':>9}{'/torch':>8}{'/NumPy':>8}"]
        for row in _rows(run, device, size):
            z, t, th, n = (_median(row, name) for name in ("zeronn", "torch", "torch_hd", "numpy"))
            lines.append(f"{_left(_label(row, lang), 34)}{_us(z):>9}{_us(t):>9}{_us(th):>9}{_us(n):>9}"
                         f"{_ratio(z, t):>8}{_ratio(z, n):>8}")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def machine_line(run: dict, lang: str = "en") -> str:
    m = run["machine"]
    ja = lang == "ja"

    def threads(n: int | str) -> str:
        if n == "default":
            return "既定のスレッド数" if ja else "its default threads"
        return f"{n} スレッド" if ja else f"{n} thread" + ("" if str(n) == "1" else "s")

    cores = f"{m['cores']} コア" if ja else f"{m['cores']} cores"
    return (f"{m['cpu']}, {cores}, torch {m['torch']} ({threads(m['torch_threads'])}), "
            f"NumPy {m['numpy']} ({m['numpy_blas']}, {threads(m.get('numpy_threads', 'default'))}), "
            f"Python {m['python']}")


def primitives_table(run: dict, group: str, device: str = "cpu") -> str:
    """Median µs of the single operations of one group (see zeronn.benchmarks.cases.PRIMITIVES)."""
    rows = [p for p in run["devices"][device]["primitives"] if p["group"] == group]
    width = max(len(p["code"]) for p in rows)
    return "\n".join(f"{p['code']:{width}}  {_us(p['us']['median']):>7} µs" for p in rows)


def ratio(run: dict, size: str, case: str, pass_: str = "forward+backward", other: str = "torch",
          device: str = "cpu") -> float:
    """zeronn's median time over ``other``'s ("torch" or "numpy") for one case and pass."""
    row = next(r for r in _rows(run, device, size) if (r["case"], r["pass"]) == (case, pass_))
    return _median(row, "zeronn") / _median(row, other)
