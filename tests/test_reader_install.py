"""The reader's path: the built package, installed as the home page says, runs every page.

The sdist and the wheel are built with ``python -m build``. A new virtual
environment, in a directory outside the repository, is set up with exactly the
commands of the home page's install block (the built wheel is offered to pip as
one more place to find packages, standing in for PyPI). Then, with that
environment's Python and from outside the repository, every Python block of
every page runs and must print what its page shows, and every notebook runs on
a kernel of that environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from packaging.requirements import Requirement

from conftest import output_matches
from tests.docs_tools import DOCS, LANGUAGES, ROOT, PageParser, code_blocks, fence_info, pages



def install_commands(lang: str) -> list[str]:
    """The commands of the bash block on the home page, without comments and blank lines."""
    tokens = PageParser().parse((DOCS / lang / "index.md").read_text("utf8"))
    fences = [t for t in tokens if t.type == "fence" and fence_info(t)[:1] == ["bash"]]
    assert len(fences) == 1, f"docs/{lang}/index.md should hold one bash block, the install commands"
    lines = (line.split("#")[0].strip() for line in fences[0].content.splitlines())
    return [line for line in lines if line]


def test_both_home_pages_show_the_same_install_commands():
    assert install_commands("ja") == install_commands("en")


def run(cmd: list[str] | str, cwd: Path, env: dict | None = None, timeout: int = 900) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        shell=isinstance(cmd, str), executable="/bin/bash" if isinstance(cmd, str) else None,
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out)
    return out


@pytest.fixture(scope="module")
def reader(dist: Path, tmp_path_factory) -> Path:
    """A reader's home directory, after the home page's install commands; returns its Python."""
    home = tmp_path_factory.mktemp("reader")
    env = dict(os.environ)
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PIP_FIND_LINKS"] = " ".join(filter(None, [env.get("PIP_FIND_LINKS"), str(dist)]))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    script = "set -euo pipefail\n" + "\n".join(install_commands("en"))
    run(script, cwd=home, env=env)
    python = home / ".venv" / "bin" / "python"
    assert python.exists(), "the install commands did not create .venv in the reader's directory"
    return python


def test_sdist_and_wheel_pass_twine_check(dist: Path):
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"], files
    run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)], cwd=dist)


def test_wheel_metadata_is_the_one_in_pyproject(dist: Path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = Parser().parsestr(z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode())
    import zeronn

    assert meta["Version"] == zeronn.__version__
    required = {str(Requirement(r)) for r in meta.get_all("Requires-Dist") if "extra ==" not in r}
    assert required == {str(Requirement(r)) for r in project["dependencies"]}
    assert set(meta.get_all("Provides-Extra")) == set(project["optional-dependencies"])
    assert meta["License-Expression"] == "MIT" and any(n.endswith("licenses/LICENSE") for n in names)
    assert meta["Requires-Python"] == project["requires-python"]
    assert {u.split(",")[0] for u in meta.get_all("Project-URL")} == set(project["urls"])
    assert "zeronn/benchmarks/results.json" in names  # the performance page reads it


def test_import_needs_only_the_runtime_dependencies(reader: Path, tmp_path: Path):
    # The course's extras are installed, so block them: importing zeronn must not touch them.
    blocked = ["sklearn", "matplotlib", "matplotlib_fontja", "ipykernel", "IPython"]
    code = f"import sys; sys.modules.update(dict.fromkeys({blocked!r})); import zeronn; print(zeronn.__file__)"
    where = run([str(reader), "-c", code], cwd=tmp_path)
    assert str(ROOT) not in where and "site-packages" in where


def test_every_page_block_prints_what_its_page_shows(reader: Path, tmp_path: Path):
    blocks = {
        f"{block.path.relative_to(ROOT)}:{block.start_line}": block
        for lang in LANGUAGES for path in pages(lang) for block in code_blocks(path)
    }
    (tmp_path / "blocks.json").write_text(
        json.dumps([{"name": name, "code": b.code} for name, b in blocks.items()]), "utf8"
    )
    shutil.copy(ROOT / "tests" / "reader_runner.py", tmp_path)
    run([str(reader), "reader_runner.py", "blocks.json", "results.json"], cwd=tmp_path)
    results = json.loads((tmp_path / "results.json").read_text("utf8"))

    failures = []
    for name, block in blocks.items():
        got = results[name]
        if got["error"] or got["stderr"]:
            failures.append(f"{name}: {got['error'] or got['stderr']}")
        elif not output_matches(block.expected_output, got["stdout"]):
            failures.append(f"{name}: printed\n{got['stdout']}\ninstead of\n{block.expected_output}")
    assert len(results) == len(blocks) > 0
    assert not failures, f"{len(failures)} of {len(blocks)} blocks failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_notebook_runs_on_the_readers_kernel(reader: Path, lang: str, tmp_path: Path, monkeypatch):
    prefix = tmp_path / "jupyter"
    run([str(reader), "-m", "ipykernel", "install", "--prefix", str(prefix), "--name", "zeronn-reader"], cwd=tmp_path)
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    notebooks = sorted((DOCS / lang / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, kernel_name="zeronn-reader", timeout=300, resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert out.output_type != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
                assert out.get("name") != "stderr", f"{path.name} wrote to stderr: {out.get('text')}"
