"""`make bench`: time zeronn against torch autograd and NumPy; write zeronn/benchmarks/results.json.

Every case (a layer's forward, its forward + backward, a whole training step)
is computed by zeronn, by torch.nn.functional + autograd and by the book's
NumPy code on the same numbers, checked to agree, then timed in one process
with the implementations interleaved, repetition after repetition; each is
summarised by its median. Three sizes: the course's experiment (N=2, D=3,
H=4), the book's MNIST network (100×784 → 50 → 10) and a large one
(256×1024 → 1024 → 10).

    python scripts/bench.py                  # full run, stored as "current"
    python scripts/bench.py --label before   # store under another label
    python scripts/bench.py --quick          # a short run, printed only
    python scripts/bench.py --device cuda    # only CUDA (default: cpu, and cuda when available)
    python scripts/bench.py --time-commands  # only time `pytest -q` and the site build

Pass options through make with BENCH_ARGS, e.g. `make bench BENCH_ARGS=--quick`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# One thread unless --threads says otherwise (0: the libraries' own choice), set before torch
# and NumPy start their thread pools: on a shared machine, a matrix product split over two
# threads runs at half speed whenever another process holds the second core.
THREADS = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"
if THREADS != "0":
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = THREADS

import torch  # noqa: E402

import zeronn  # noqa: E402
from zeronn.benchmarks import results  # noqa: E402
from zeronn.benchmarks.cases import (  # noqa: E402
    CASES, IMPLEMENTATIONS, PRIMITIVES, SIZES, Data, build, check_agree, primitive_env, primitive_runs,
)
from zeronn.benchmarks.timing import interleaved  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", action="append", choices=["cpu", "cuda"],
                        help="device to measure (repeatable); default: cpu, and cuda when available")
    parser.add_argument("--quick", action="store_true", help="few short repetitions; printed, not saved unless --label is given")
    parser.add_argument("--label", help='name under which the run is stored in the results file (default "current")')
    parser.add_argument("--size", action="append", choices=[s.name for s in SIZES], help="only these sizes (repeatable)")
    parser.add_argument("--repeats", type=int, help="repetitions per implementation (default 25, quick 5)")
    parser.add_argument("--block-ms", type=float, help="length of one timed block in ms (default 20, quick 5)")
    parser.add_argument("--output", type=Path, default=results.RESULTS, help="results file (default zeronn/benchmarks/results.json)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of torch and NumPy (default 1; 0: the libraries' own choice)")
    parser.add_argument("--note", help="a note stored with the run (what code it measured)")
    parser.add_argument("--time-commands", action="store_true",
                        help="instead of the benchmark, time `pytest -q` and `scripts/build_site.py` and store them")
    return parser.parse_args(argv)


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "zeronn"], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() + (" + uncommitted changes to zeronn/" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def measure_device(device: str, sizes, repeats: int, block_s: float) -> dict:
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    implementations = [name for name in IMPLEMENTATIONS if device == "cpu" or name != "numpy"]  # NumPy: CPU only
    rows = []
    for size in sizes:
        data = Data(size, device)
        for case, pass_ in CASES:
            label = f"{device} {size.name} {case} {pass_}"
            runs = build(case, pass_, data, implementations)
            check_agree(runs, label)
            stats = interleaved(runs, repeats, block_s, sync)
            rows.append({"size": size.name, "case": case, "pass": pass_, "us": stats})
            ratio = stats["zeronn"]["median"] / stats["torch"]["median"]
            print(f"  {label:50} zeronn/torch {ratio:5.2f}", flush=True)
    env = primitive_env(device)
    primitives = []
    for group, codes in PRIMITIVES:
        stats = interleaved(primitive_runs(codes, env), repeats, block_s, sync)
        primitives += [{"group": group, "code": code, "us": stats[code]} for code in codes]
        print(f"  {device} single operations: {group}", flush=True)
    return {"measured": True, "machine": results.machine(device), "results": rows, "primitives": primitives}


def time_command(args: list[str]) -> dict:
    """Run ``python ARGS`` in the repository; its wall time, exit status and last line."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = (done.stdout + done.stderr).strip().splitlines()
    summary = re.sub(r"\s+in [\d.:]+ ?s\b.*$", "", lines[-1].strip("= ")) if lines else ""
    summary = summary.replace(f"{ROOT}/", "")  # no path of this machine in the results
    return {"command": " ".join(["python", *args]), "seconds": round(seconds, 1),
            "returncode": done.returncode, "summary": summary}


def time_commands(output: Path) -> None:
    """Time `make test` and `make build` without their install step; store them in the results file."""
    print("timing the test suite and the site build ...", flush=True)
    data = results.load(output)
    data["commands"] = {
        "date": results.today(),
        "cores": os.cpu_count(),
        "test": time_command(["-m", "pytest", "-q"]),
        "build": time_command(["scripts/build_site.py"]),
    }
    for name in ("test", "build"):
        entry = data["commands"][name]
        print(f"  {entry['command']}: {entry['seconds']} s ({entry['summary']}, exit {entry['returncode']})")
    results.save(data, output)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.time_commands:
        return time_commands(args.output)
    devices = args.device or (["cpu", "cuda"] if torch.cuda.is_available() else ["cpu"])
    if "cuda" in devices and not torch.cuda.is_available():
        sys.exit("--device cuda: torch.cuda.is_available() is False on this machine")
    sizes = [s for s in SIZES if not args.size or s.name in args.size]
    repeats = args.repeats or (5 if args.quick else 25)
    block_s = (args.block_ms or (5 if args.quick else 20)) / 1000
    label = args.label or (None if args.quick else results.CURRENT)
    if args.threads:
        torch.set_num_threads(args.threads)

    run = {
        "date": results.today(),
        "commit": commit(),
        "zeronn": str(Path(zeronn.__file__).parent),
        "note": args.note or "",
        "quick": args.quick,
        "repeats": repeats,
        "block_ms": block_s * 1000,
        "machine": results.machine(),
        "load_average": {"start": round(os.getloadavg()[0], 2)},
        "sizes": [{"name": s.name, "N": s.N, "D": s.D, "H": s.H, "C": s.C} for s in sizes],
        "devices": {},
    }
    print(f"machine: {results.machine_line(run)}")
    for device in ["cpu", "cuda"]:
        if device in devices:
            print(f"measuring on {device}: {repeats} interleaved repetitions of about {block_s * 1000:.0f} ms each")
            run["devices"][device] = measure_device(device, sizes, repeats, block_s)
        else:
            reason = "not asked for" if torch.cuda.is_available() or device == "cpu" else "no CUDA device on this machine"
            run["devices"][device] = {"measured": False, "reason": reason}

    run["load_average"]["end"] = round(os.getloadavg()[0], 2)
    for device, entry in run["devices"].items():
        if entry["measured"]:
            print(f"\nmedian µs per call on {device}; ratio < 1: zeronn is faster\n")
            print(results.timing_table(run, device))
        else:
            print(f"\n{device}: not measured ({entry['reason']})")

    if label is not None:
        data = results.load(args.output)
        data.setdefault("runs", {})[label] = run
        results.save(data, args.output)
        shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
        print(f"\nwrote {shown} (run {label!r})")

if __name__ == "__main__":
    main()
