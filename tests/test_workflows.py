"""The GitHub Actions workflows: valid for GitHub, pinned, and clean in a security audit.

Both checkers run offline, from the same environment as the tests (the dev extra installs them):
- check-jsonschema, against the GitHub workflow schema that it bundles;
- zizmor, with its strictest useful persona, "pedantic" (code smells count too), and no
  configuration file, so that nothing outside the workflows themselves can silence a finding.
  An exception is written next to what it excuses, as `# zizmor: ignore[audit]` with a reason,
  and only the audits in ALLOWED_IGNORES may be excused.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs_tools import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent  # the environment's scripts: check-jsonschema, zizmor

# ci.yml runs in the official Python image by tag, so that it gets Python's and Debian's fixes.
ALLOWED_IGNORES = {"unpinned-images"}

# `uses: owner/repo@<full commit SHA> # vX.Y.Z`: a tag can be moved, a commit cannot, and the
# comment says which release the commit is.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{name} is not installed next to {sys.executable}: pip install -e '.[dev]'"
    return str(path)


def check_schema(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )


def audit(directory: Path) -> subprocess.CompletedProcess:
    """zizmor on a directory; its findings are the JSON list on stdout."""
    # No token and no ZIZMOR_* settings from the caller's environment reach it.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("ZIZMOR_") and k not in {"GH_TOKEN", "GITHUB_TOKEN", "GH_HOST"}}
    return subprocess.run(
        [tool("zizmor"), "--offline", "--no-config", "--persona", "pedantic", "--strict-collection",
         "--format", "json", "--color", "never", "--no-progress", str(directory)],
        capture_output=True, text=True, check=False, env=env,
    )


def test_the_workflows_are_there():
    assert {"ci.yml", "pages.yml", "release.yml"} <= {p.name for p in WORKFLOWS}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow: Path):
    result = check_schema(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(workflow: Path):
    uses = [line for line in workflow.read_text("utf8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert uses, "no action used: is this still a workflow?"
    assert [line for line in uses if not PINNED.match(line)] == []


def test_security_audit_finds_nothing():
    result = audit(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []
    # --strict-collection fails on a file it cannot parse; its log shows that none was left out.
    for workflow in WORKFLOWS:
        assert f"completed {workflow}" in result.stderr


def test_only_allowed_audits_are_ignored():
    ignored = {
        audit_id
        for workflow in WORKFLOWS
        for found in re.findall(r"zizmor: ignore\[([^\]]*)\]", workflow.read_text("utf8"))
        for audit_id in found.split(",")
    }
    assert ignored <= ALLOWED_IGNORES


# The checks themselves must be able to fail: each one on a workflow that is wrong.

BROKEN = """\
on: push
jobs:
  test:
    runs_on: ubuntu-latest
    steps:
      - run: make test
"""

UNSAFE = """\
on: pull_request_target
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path):
    workflow = tmp_path / "broken.yml"
    workflow.write_text(BROKEN, "utf8")
    result = check_schema(workflow)
    assert result.returncode != 0
    assert "runs_on" in result.stdout + result.stderr


def test_audit_flags_an_unsafe_workflow(tmp_path: Path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "unsafe.yml").write_text(UNSAFE, "utf8")
    result = audit(tmp_path / ".github")
    assert result.returncode != 0
    found = {finding["ident"] for finding in json.loads(result.stdout)}
    assert {"template-injection", "unpinned-uses", "artipacked", "dangerous-triggers", "excessive-permissions"} <= found
