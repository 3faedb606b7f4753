"""`make audit`: Lighthouse over every page of the built site, both languages.

Serves site/ (built by `make build`) on 127.0.0.1 under the path of its site_url
(/zeronn/), as the host serves it: text (HTML, CSS, JavaScript, JSON, SVG, XML)
gzip-compressed for a browser that asks for it, as GitHub Pages does. Runs Lighthouse (npm, pinned in package.json) on each
page (every index.html of site/ and site/en/) as a phone would load it (Lighthouse's
mobile defaults: emulated phone screen, simulated slow 4G and CPU), with the
categories performance, accessibility, best-practices and seo, in headless Chromium
(CHROME_PATH, /usr/bin/chromium unless set). Prints a table of the scores (0-100)
per page and writes it, with each failed audit's id, to a JSON file.

Not part of `make test`: it takes minutes (some 15 s a page and run), and the performance
score of a local server on a shared machine varies from run to run. So each page is run
--runs times (`make audit`: 3) and the scores given are those of its median run, as
Lighthouse picks it (core/lib/median-run.js: the run nearest the median first paint and the
median time to interactive), as Lighthouse's guide on variability advises; the table also
lists the performance score of every run.

    python scripts/audit.py [--site site] [--out test-artifacts/lighthouse.json] [--runs N] [PAGE ...]

PAGE: paths below the site root to audit instead of all (e.g. forward/ en/forward/).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
# The metrics behind the performance score, in the report and the table (ms; CLS has no unit).
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS"}
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def site_path(site: Path) -> str:
    """The path of the site's URL on its host (/zeronn/), from the Japanese sitemap."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text.strip() for loc in ET.parse(site / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)]
    return urlsplit(min(urls, key=len)).path


def pages_of(site: Path) -> list[str]:
    """Every page of the built site as a path below its root: "", "forward/", "en/", "en/forward/"..."""
    pages = []
    for index in site.rglob("index.html"):
        path = index.parent.relative_to(site).as_posix()
        pages.append("" if path == "." else f"{path}/")
    return sorted(pages, key=lambda p: (p.startswith("en/"), p))


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not urlsplit(path).path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")  # 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        """Send text gzip-compressed when the browser accepts it, as the host does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the same path with a slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def serve(site: Path, prefix: str) -> tuple[ThreadingHTTPServer, str]:
    handler = type("SiteHandler", (Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def lighthouse(url: str, report: Path, chrome: str) -> dict:
    """Run Lighthouse on one URL; return its JSON report."""
    command = [
        str(LIGHTHOUSE), url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--disable-full-page-screenshot",
        "--quiet",
    ]
    env = dict(os.environ, CHROME_PATH=chrome)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(report.read_text("utf8"))


# Lighthouse's own choice of a representative run, from node_modules (ES module).
MEDIAN_RUN = """
import {readFileSync} from "node:fs";
import {computeMedianRun} from "lighthouse/core/lib/median-run.js";
const runs = process.argv.slice(1).map(path => JSON.parse(readFileSync(path, "utf8")));
console.log(runs.indexOf(computeMedianRun(runs)));
"""


def median_run(reports: list[Path]) -> int:
    """The index, in ``reports`` (paths of Lighthouse's JSON reports of one page), of the run
    that Lighthouse would call the median one."""
    if len(reports) == 1:
        return 0
    result = subprocess.run(["node", "--input-type=module", "-e", MEDIAN_RUN, *map(str, reports)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse's median run failed:\n{result.stderr[-2000:]}")
    return int(result.stdout)


def summary(report: dict) -> dict:
    scores = {}
    for name in CATEGORIES:
        score = report["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    failed = {}
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                failed.setdefault(name, []).append(ref["id"])
    metrics = {short: round(report["audits"][audit]["numericValue"], 3 if short == "CLS" else None)
               for audit, short in METRICS.items()}
    return {"scores": scores, "metrics": metrics, "benchmark_index": report["environment"]["benchmarkIndex"],
            "failed_audits": failed}


def matching_multiplier(benchmark_index: float) -> float:
    """The CPU slowdown that Lighthouse's throttling guide (docs/throttling.md, its CPU
    throttling calculator) gives for a host of this benchmark index, to stand for the
    phone that the mobile preset's 4x stands for on a host of index 1533."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return 1 + (benchmark_index - 150) / 650


def table(results: dict[str, dict]) -> str:
    width = max(len("page"), *(len(page or "(home)") for page in results))
    head = f"{'page':<{width}}  " + "  ".join(f"{SHORT[c]:>5}" for c in CATEGORIES) + "".join(
        f"  {m:>5}" for m in METRICS.values())
    if any(len(r.get("runs", [])) > 1 for r in results.values()):
        head += "  perf of each run"
    lines = [head, "-" * len(head)]
    for page, result in results.items():
        if "error" in result:
            lines.append(f"{page or '(home)':<{width}}  error: {result['error'].splitlines()[0]}")
            continue
        cells = ["  -" if result["scores"][c] is None else f"{result['scores'][c]:>5}" for c in CATEGORIES]
        metrics = [f"{result['metrics'][m]:>5}" for m in METRICS.values()]
        runs = "  " + " ".join(str(p) for p in result["runs"]) if len(result.get("runs", [])) > 1 else ""
        lines.append(f"{page or '(home)':<{width}}  " + "  ".join(cells) + "".join(f"  {m}" for m in metrics) + runs)
    done = [r for r in results.values() if "scores" in r]
    if done:
        lowest = [min((r["scores"][c] for r in done if r["scores"][c] is not None), default=None) for c in CATEGORIES]
        lines.append("-" * len(head))
        lines.append(f"{'lowest':<{width}}  " + "  ".join("    -" if v is None else f"{v:>5}" for v in lowest))
    return "\n".join(lines)


def audit_page(url: str, tmp: Path, chrome: str, runs: int) -> dict:
    """Lighthouse ``runs`` times on one page: the summary of the median run, with the
    performance score of every run."""
    paths = [tmp / f"report-{number}.json" for number in range(runs)]
    reports = [lighthouse(url, path, chrome) for path in paths]
    result = summary(reports[median_run(paths)])
    result["runs"] = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
    result["benchmark_indexes"] = [r["environment"]["benchmarkIndex"] for r in reports]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "lighthouse.json")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median one is kept")
    parser.add_argument("pages", nargs="*", help="paths below the site root (default: every page)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, not {args.runs}")

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE} is missing: run `make install` (npm ci)", file=sys.stderr)
        return 2
    if not Path(chrome).is_file():
        print(f"error: no Chromium at {chrome} (set CHROME_PATH, or `make browser`)", file=sys.stderr)
        return 2
    if not (args.site / "sitemap.xml").is_file():
        print(f"error: no built site at {args.site}: run `make build`", file=sys.stderr)
        return 2

    pages = args.pages or pages_of(args.site)
    server, base = serve(args.site, site_path(args.site))
    results: dict[str, dict] = {}
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for number, page in enumerate(pages, 1):
                print(f"[{number}/{len(pages)}] {page or '(home)'}", file=sys.stderr, flush=True)
                try:
                    results[page] = audit_page(base + page, Path(tmp), chrome, args.runs)
                except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as error:
                    results[page] = {"error": str(error)}
    finally:
        server.shutdown()
        server.server_close()

    print(table(results))
    indexes = sorted(i for r in results.values() for i in r.get("benchmark_indexes", []))
    if indexes:
        index = indexes[len(indexes) // 2]
        print(f"This machine's benchmark index (Lighthouse's measure of its CPU): {index:.0f}, the median of "
              f"{len(indexes)} runs. The mobile preset slows the CPU 4x; for this index, Lighthouse's "
              f"throttling guide gives {matching_multiplier(index):.1f}x to stand for the same phone.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "lighthouse": json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"],
        "form_factor": "mobile",
        "categories": list(CATEGORIES),
        "runs_per_page": args.runs,
        "seconds": round(time.perf_counter() - start, 1),
        "pages": results,
    }, indent=2, ensure_ascii=False) + "\n", "utf8")
    print(f"written to {args.out}", file=sys.stderr)
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
