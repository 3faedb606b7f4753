"""scripts/audit.py (`make audit`) without Lighthouse: what it reads from a report and prints."""

from __future__ import annotations

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
