"""scripts/audit.py (`make audit`) without Lighthouse: what it reads from a report and prints."""

from __future__ import annotations

import json
import shutil

import pytest

import audit  # scripts/, put on sys.path by tests/conftest.py


def report(perf: float, tbt: float, index: float = 1100.0) -> dict:
    categories = {}
    for name in audit.CATEGORIES:
        refs = [{"id": "total-blocking-time", "weight": 30}] if name == "performance" else []
        categories[name] = {"score": perf if name == "performance" else 1.0, "auditRefs": refs}
    audits = {key: {"numericValue": 1000.0, "score": 1.0} for key in audit.METRICS}
    audits["total-blocking-time"] = {"numericValue": tbt, "score": 0.5}
    audits["cumulative-layout-shift"] = {"numericValue": 0.01234, "score": 1.0}
    return {"categories": categories, "audits": audits, "environment": {"benchmarkIndex": index}}


def test_summary_keeps_scores_metrics_and_failed_audits():
    summary = audit.summary(report(0.874, 612.4))
    assert summary["scores"] == {"performance": 87, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert summary["metrics"] == {"FCP": 1000, "LCP": 1000, "TBT": 612, "CLS": 0.012}
    assert summary["failed_audits"] == {"performance": ["total-blocking-time"]}
    assert summary["benchmark_index"] == 1100.0


def test_table_shows_each_page_and_the_lowest_score():
    text = audit.table({"": audit.summary(report(0.95, 10)), "loss/": audit.summary(report(0.61, 900))})
    lines = text.splitlines()
    assert lines[0].split() == ["page", "perf", "a11y", "best", "seo", "FCP", "LCP", "TBT", "CLS"]
    assert lines[2].split()[:2] == ["(home)", "95"] and lines[3].split()[:2] == ["loss/", "61"]
    assert lines[-1].split()[:2] == ["lowest", "61"]


@pytest.mark.parametrize(("index", "multiplier"), [(150, 1), (800, 2), (1300, 3), (1533, 4), (2000, 6)])
def test_the_multiplier_matches_lighthouses_calculator_at_its_anchor_points(index, multiplier):
    assert audit.matching_multiplier(index) == pytest.approx(multiplier, abs=0.01)


def run(fcp: float, tti: float) -> dict:
    return {"audits": {"first-contentful-paint": {"numericValue": fcp}, "interactive": {"numericValue": tti}}}


@pytest.mark.skipif(shutil.which("node") is None, reason="Lighthouse runs on Node.js")
def test_the_median_run_is_the_one_lighthouse_picks(tmp_path):
    """Lighthouse's own choice (core/lib/median-run.js): the run nearest the median first paint
    and the median time to interactive, not the best or the last."""
    runs = [run(1900, 4000), run(1500, 3000), run(1700, 3500)]
    paths = []
    for number, report in enumerate(runs):
        paths.append(tmp_path / f"report-{number}.json")
        paths[-1].write_text(json.dumps(report), "utf8")
    assert audit.median_run(paths) == 2
    assert audit.median_run(paths[:1]) == 0


def test_table_lists_every_run_when_there_were_several():
    one = audit.summary(report(0.91, 100))
    text = audit.table({"": one})
    assert "each run" not in text
    one["runs"] = [88, 91, 95]
    lines = audit.table({"": one}).splitlines()
    assert lines[0].endswith("perf of each run")
    assert lines[2].split()[:2] == ["(home)", "91"] and lines[2].split()[-3:] == ["88", "91", "95"]


def test_runs_must_be_at_least_one(capsys):
    with pytest.raises(SystemExit):
        audit.main(["--runs", "0"])
    assert "--runs must be at least 1" in capsys.readouterr().err
