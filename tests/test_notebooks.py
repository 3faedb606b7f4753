"""The notebooks (docs/<lang>/notebooks/*.ipynb): generated from notebooks/<name>.py, the same
code in both languages, and, executed with the environment's own kernel, free of errors and
stderr, printing what PyTorch, computed independently here, says they should print.

Each notebook runs here once as it is stored (in Japanese; the English one holds the same code),
and its printed values are checked; the built pages of both languages must then show what that
run printed: the same text in Japanese, the same numbers in the same order in English. In
`make test-slow` it runs once more with the values its "try this" notes suggest, to check that
what those notes promise happens.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import nbformat
import pytest
import torch
import yaml
import zmq
from filelock import FileLock
from nbclient import NotebookClient
from traitlets.config.loader import PyFileConfigLoader

from hooks.notebooks import JUPYTER_CONFIG
from notebooks import NOTEBOOKS
from notebooks.build import rendered
from notebooks.cells import LANGUAGES
from tests.docs_tools import DOCS, ROOT, code_shape
from tests.site_html import soup as site_soup

NOTEBOOK_DIR = {lang: DOCS / lang / "notebooks" for lang in LANGUAGES}
FLOAT = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
CONFIGS = {"ja": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
MAX_CODE_WIDTH = 68  # columns; a Japanese character takes two


def notebook_path(lang: str, name: str) -> Path:
    return NOTEBOOK_DIR[lang] / f"{name}.ipynb"


def read(lang: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(notebook_path(lang, name), as_version=4)


# ------------------------------------------------------------------ the files


def test_notebooks_are_generated_from_their_sources():
    """Every .ipynb is exactly what `python -m notebooks.build` writes: edit notebooks/<name>.py, not the .ipynb."""
    expected = rendered()
    on_disk = {p for lang in LANGUAGES for p in NOTEBOOK_DIR[lang].glob("*.ipynb")}
    assert on_disk == set(expected), "run `python -m notebooks.build`"
    stale = [str(p.relative_to(ROOT)) for p, text in expected.items() if p.read_text("utf8") != text]
    assert not stale, f"differ from their source (run `python -m notebooks.build`): {stale}"


def test_every_notebook_exists_in_both_languages():
    ja = {p.name for p in NOTEBOOK_DIR["ja"].glob("*.ipynb")}
    en = {p.name for p in NOTEBOOK_DIR["en"].glob("*.ipynb")}
    assert ja == en == {f"{name}.ipynb" for name in NOTEBOOKS}
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_both_languages_hold_the_same_code(name: str):
    ja, en = read("ja", name), read("en", name)
    assert [(c.cell_type, c.id) for c in ja.cells] == [(c.cell_type, c.id) for c in en.cells]
    for a, b in zip(ja.cells, en.cells):
        if a.cell_type == "code":
            assert code_shape(a.source) == code_shape(b.source), f"cell {a.id}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_stored_without_outputs_and_for_the_python3_kernel(lang: str, name: str):
    nb = read(lang, name)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} has outputs"


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_lines_fit_the_page(lang: str, name: str):
    """About 68 columns of code fit the content column at 1280 px; longer lines are cut off."""
    for cell in read(lang, name).cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                assert display_width(line) <= MAX_CODE_WIDTH, f"cell {cell.id}: {line}"


def nav_entries(lang: str) -> dict[str, str]:
    """Notebook file → title, from the language's nav."""
    entries = {}

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    elif value.endswith(".ipynb"):
                        entries[value] = title

    walk(yaml.load(CONFIGS[lang].read_text("utf8"), Loader=yaml.BaseLoader)["nav"])
    return entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nav_lists_every_notebook_under_its_own_title(lang: str):
    """The page title comes from the notebook's H1 (mkdocs-jupyter): the nav must say the same."""
    entries = nav_entries(lang)
    assert list(entries) == [f"notebooks/{name}.ipynb" for name in NOTEBOOKS]
    for name in NOTEBOOKS:
        first = read(lang, name).cells[0]
        assert first.cell_type == "markdown" and first.source.startswith("# ")
        assert entries[f"notebooks/{name}.ipynb"] == first.source.splitlines()[0][2:].strip()


def test_both_languages_run_mkdocs_jupyter_with_the_same_options():
    from mkdocs.config import load_config

    options = {}
    for lang, path in CONFIGS.items():
        config = load_config(str(path))
        plugin = config.plugins["mkdocs-jupyter"]
        options[lang] = dict(plugin.config)
        assert plugin.config["execute"] is True
        assert plugin.config["allow_errors"] is False
        assert plugin.config["include"] == ["*.ipynb"]
        assert plugin.config["include_source"] is True
    assert options["ja"] == options["en"]


# -------------------------------------------------------------- running them

PROBE = """
import json as _json, sys as _sys
from ipykernel.connect import get_connection_info as _connection
_probe = {"executable": _sys.executable, "transport": _connection(unpack=True)["transport"]}
"""


def execute(nb: nbformat.NotebookNode, probe: str) -> tuple[nbformat.NotebookNode, dict]:
    """Run the notebook in a fresh python3 kernel, then ``probe`` (which fills ``_probe``) in the
    same kernel; return the executed notebook without the probe, and what the probe found."""
    nb = copy.deepcopy(nb)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE + probe + "\nprint(_json.dumps(_probe))", id="test-probe"))
    # The build's kernel settings (encrypted Unix sockets): hooks/jupyter/jupyter_nbconvert_config.py
    config = PyFileConfigLoader("jupyter_nbconvert_config.py", path=str(JUPYTER_CONFIG)).load_config()
    client = NotebookClient(
        nb, kernel_name="python3", timeout=300, allow_errors=False, config=config,
        resources={"metadata": {"path": str(ROOT)}},
    )
    # One thread, as the build's kernels have it (scripts/site_builder.py): the pages must show
    # what this run printed, to the last digit.
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    client.execute(env=env)
    probe_cell = nb.cells.pop()
    return nb, json.loads(stdout(probe_cell))


def test_what_a_cell_prints_in_pieces_shows_as_one_block(tmp_path, monkeypatch):
    """The kernel sends a cell's printed lines in pieces, as it flushes; the build's exporter
    (mkdocs-jupyter's, with hooks/jupyter/jupyter_nbconvert_config.py) merges them after the
    cell has run, so that the page does not depend on when the kernel flushed."""
    from bs4 import BeautifulSoup
    from mkdocs_jupyter.nbconvert2 import nb2html

    code = "import sys, time\nprint('first')\nsys.stdout.flush()\ntime.sleep(0.5)\nprint('second')"
    path = tmp_path / "pieces.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), path)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(JUPYTER_CONFIG))
    html = BeautifulSoup(nb2html(str(path), execute=True, kernel_name="python3"), "html.parser")
    blocks = html.select('.jp-OutputArea-output[data-mime-type="text/plain"]')
    assert [b.get_text().strip() for b in blocks] == ["first\nsecond"]


def stdout(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def cell(nb: nbformat.NotebookNode, cell_id: str):
    found = [c for c in nb.cells if c.id == cell_id]
    assert found, f"no cell {cell_id!r}"
    return found[0]


def with_parameters(nb: nbformat.NotebookNode, **values: str) -> nbformat.NotebookNode:
    """The notebook with lines ``name = ...`` of its parameter cells (ids ``*-parameters``) set
    to ``name = value``, as a reader would change them."""
    nb = copy.deepcopy(nb)
    params = [c for c in nb.cells if c.cell_type == "code" and c.id.endswith("parameters")]
    for name, value in values.items():
        pattern = re.compile(rf"^{name} *=.*$", re.MULTILINE)
        holders = [c for c in params if pattern.search(c.source)]
        assert len(holders) == 1, f"parameter {name} is set in {len(holders)} parameter cells"
        holders[0].source = pattern.sub(f"{name} = {value}", holders[0].source)
    return nb


@pytest.fixture(scope="session")
def run(shared_dir: Path):
    """``run(lang, name, variant=())``: the notebook executed with the values ``variant`` gives
    its parameters, and what its probe found. Each run happens once in a test session, in the
    first worker that asks for it; the others read it from the directory that they share."""
    folder = shared_dir / "notebook-runs"
    folder.mkdir(exist_ok=True)

    @cache
    def run(lang: str, name: str, variant: tuple[tuple[str, str], ...] = ()) -> tuple[nbformat.NotebookNode, dict]:
        key = hashlib.sha256(repr((lang, name, variant)).encode()).hexdigest()[:12]
        path = folder / f"{name}-{lang}-{key}.json"
        with FileLock(f"{path}.lock"):
            if not path.is_file():
                nb, probe = execute(with_parameters(read(lang, name), **dict(variant)), PROBES[name])
                path.write_text(json.dumps({"notebook": nbformat.writes(nb), "probe": probe}), "utf8")
        stored = json.loads(path.read_text("utf8"))
        return nbformat.reads(stored["notebook"], as_version=4), stored["probe"]

    return run


def assert_ran_cleanly(nb: nbformat.NotebookNode, probe: dict) -> None:
    assert Path(probe["executable"]).resolve() == Path(sys.executable).resolve(), "the kernel is another Python"
    # Over TCP, a kernel can lose its port to another process and die at start (see the config).
    assert probe["transport"] == ("ipc" if zmq.has("ipc") else "tcp"), "the kernel's sockets"
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        assert c.execution_count is not None, f"cell {c.id} did not run"
        for output in c.outputs:
            assert output.output_type != "error", f"cell {c.id}: {output.get('ename')}: {output.get('evalue')}"
            if output.output_type == "stream":
                assert output.name == "stdout", f"cell {c.id} wrote to stderr: {output.text}"


def floats(text: str) -> list[float]:
    return [float(x) for x in re.findall(FLOAT, text)]


def close(printed: float, expected: float, *, rel: float, abs_: float = 0.0) -> bool:
    return math.isclose(printed, expected, rel_tol=rel, abs_tol=abs_)


# ---------------------------------------------------- activation functions


def check_activation(nb, probe) -> None:
    a, depth, x0 = probe["a"], probe["depth"], probe["x0"]
    rows = [floats(line) for line in stdout(cell(nb, "slope-table")).splitlines()[1:]]
    assert len(rows) == 5 and all(len(r) == 4 for r in rows)
    x = torch.tensor([r[0] for r in rows], dtype=torch.float64, requires_grad=True)
    y = torch.sigmoid(a * x)
    y.sum().backward()
    for (xi, step, sig, slope), yi, gi in zip(rows, y.tolist(), x.grad.tolist()):
        assert step == (1.0 if xi > 0 else 0.0)
        assert close(sig, yi, rel=0, abs_=1e-4), (xi, sig, yi)
        assert close(slope, gi, rel=1e-4, abs_=1e-4), (xi, slope, gi)
    assert [r[0] for r in rows] == [-1.0, -0.1, 0.0, 0.1, 1.0]

    printed = {}
    for line in stdout(cell(nb, "depth-chain")).splitlines():
        name, value = line.split()[0], floats(line.split("=")[-1])[0]
        printed[name] = value
    assert set(printed) == {"sigmoid", "tanh", "relu"}
    for name, f in (("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("relu", torch.relu)):
        start = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        out = start
        for _ in range(depth):
            out = f(out)
        out.backward()
        assert close(printed[name], start.grad.item(), rel=1e-3, abs_=1e-300), (name, printed[name], start.grad.item())
    assert printed["sigmoid"] <= 0.25**depth  # "at most 0.25 per layer"


@pytest.mark.slow  # a notebook run with a reader's changed values: `make test-slow`
def test_activation_slope_and_depth_variant(run):
    """The notes: a steep sigmoid is a step with slope ~0 away from 0; depth 20 leaves ~1e-13."""
    nb, probe = run("ja", "activation", (("a", "100.0"), ("depth", "20")))
    assert_ran_cleanly(nb, probe)
    check_activation(nb, probe)
    rows = [floats(line) for line in stdout(cell(nb, "slope-table")).splitlines()[1:]]
    for x, step, sig, slope in rows:
        if abs(x) == 1.0:
            assert abs(sig - step) < 1e-4 and slope < 1e-4
    assert rows[2][2] == 0.5 and rows[2][3] == 25.0  # σ(0) = 0.5, slope a/4
    grads = {line.split()[0]: floats(line.split("=")[-1])[0] for line in stdout(cell(nb, "depth-chain")).splitlines()}
    assert 1e-14 < grads["sigmoid"] < 1e-12
    assert grads["sigmoid"] < grads["tanh"] < grads["relu"] == 1.0


# ---------------------------------------------------- forward propagation


def check_forward(nb, probe) -> None:
    N, sizes, weight_std = probe["N"], probe["sizes"], probe["weight_std"]
    lines = stdout(cell(nb, "shapes-forward")).splitlines()
    shapes = [tuple(int(n) for n in re.findall(r"\d+", line)) for line in lines[: 2 * len(sizes) - 2]]
    expected = [(N, sizes[0])]
    for i, H in enumerate(sizes[1:]):
        expected += [(N, H)] if i == len(sizes) - 2 else [(N, H), (N, H)]
    assert shapes == expected
    assert [line.split()[0] for line in lines[1 : 2 * len(sizes) - 2]] == ["Affine", "Relu"] * (len(sizes) - 2) + ["Affine"]

    # The same draws, the same arithmetic, written with plain torch.
    torch.manual_seed(0)
    params = [(torch.randn(D, H), torch.randn(H)) for D, H in zip(sizes[:-1], sizes[1:])]
    Y = torch.randn(N, sizes[0])
    for i, (W, b) in enumerate(params):
        Y = Y @ W + b
        if i < len(params) - 1:
            Y = torch.relu(Y)
    printed = floats("\n".join(lines[2 * len(sizes) - 2 :]))
    assert len(printed) == Y.numel()
    assert all(close(p, e, rel=1e-3, abs_=1e-4) for p, e in zip(printed, Y.flatten().tolist()))

    torch.manual_seed(0)
    x = torch.randn(1000, 100)
    spread = re.compile(rf"^\D*(\d+)\D+?({FLOAT}),.*?({FLOAT})%$")  # layer, std, share of zeros
    rows = [[float(v) for v in spread.match(line).groups()] for line in stdout(cell(nb, "spread-forward")).splitlines()]
    assert len(rows) == 5
    for k, (layer, std, zeros) in enumerate(rows):
        x = torch.relu(x @ (torch.randn(100, 100) * weight_std))
        assert layer == k + 1
        assert close(std, x.std().item(), rel=1e-3), (k, std, x.std().item())
        assert abs(zeros - 100 * (x == 0).float().mean().item()) <= 1


@pytest.mark.slow  # a notebook run with a reader's changed values: `make test-slow`
def test_forward_variant_with_he_initialisation(run):
    """The notes: with weight_std = sqrt(2/100) the spread hardly changes; other sizes, other shapes."""
    nb, probe = run("ja", "forward", ())
    stds = [floats(line)[1] for line in stdout(cell(nb, "spread-forward")).splitlines()]
    assert all(b > 3 * a for a, b in zip(stds, stds[1:])) and stds[-1] > 1e4  # weight_std = 1.0 explodes

    nb, probe = run("ja", "forward", (("weight_std", "math.sqrt(2 / 100)"), ("N", "5"), ("sizes", "[3, 4, 4, 4, 10]")))
    assert_ran_cleanly(nb, probe)
    check_forward(nb, probe)
    stds = [floats(line)[1] for line in stdout(cell(nb, "spread-forward")).splitlines()]
    assert max(stds) / min(stds) < 1.5


# ---------------------------------------------------- backpropagation


def _errors(text: str) -> dict[str, float]:
    return {m[0]: float(m[1]) for m in re.findall(rf"^(W1|b1|W2|b2):\D*({FLOAT})$", text, re.MULTILINE)}


def check_backprop(nb, probe) -> None:
    # The network, data and gradients the notebook checks, recomputed with torch.autograd.
    W1, b1, W2, b2 = (torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in probe["params"])
    x, t = torch.tensor(probe["x"], dtype=torch.float64), torch.tensor(probe["t"])
    loss = torch.nn.functional.cross_entropy(torch.relu(x @ W1 + b1) @ W2 + b2, t)
    loss.backward()
    for ours, exact in zip(probe["grads"], (W1, b1, W2, b2)):
        assert torch.allclose(torch.tensor(ours, dtype=torch.float64), exact.grad, rtol=1e-9, atol=1e-12)

    text = stdout(cell(nb, "check-run"))
    if probe["dtype"] == "torch.float64":
        assert close(floats(text.splitlines()[0])[0], loss.item(), rel=0, abs_=1e-6)
    errors = _errors(text)
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    if probe["dtype"] == "torch.float64" and probe["h"] == 1e-5:
        assert max(errors.values()) < 1e-9  # the gradient check's threshold is 1e-7

    best = {}
    for line in stdout(cell(nb, "step-size-plot")).splitlines():
        error, h = floats(line.split(":", 1)[1])
        best[line.split(":")[0]] = (error, h)
    assert best["torch.float64"][0] < 1e-9 and 1e-7 <= best["torch.float64"][1] <= 1e-3  # the V's bottom
    assert 1e-6 < best["torch.float32"][0] < 1e-2  # float32: never better than ~1e-4

    broken = _errors(stdout(cell(nb, "broken-run")))
    assert broken["W1"] > 0.6 and broken["b1"] > 0.6  # the mistake shows below it
    assert broken["W2"] < 1e-9 and broken["b2"] < 1e-9  # and not above it


@pytest.mark.slow  # a notebook run with a reader's changed values: `make test-slow`
def test_backprop_with_a_large_step(run):
    """The notes: h = 1e-1 makes the errors grow to between 1e-1 and 1e-3."""
    nb, probe = run("ja", "backprop", (("h", "1e-1"),))
    assert_ran_cleanly(nb, probe)
    check_backprop(nb, probe)
    errors = _errors(stdout(cell(nb, "check-run")))
    assert all(5e-4 < e < 0.2 for e in errors.values()), errors


# ---------------------------------------------------- training


@cache
def digits_test_split() -> tuple[torch.Tensor, torch.Tensor]:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x, t = load_digits(return_X_y=True)
    _, x_test, _, t_test = train_test_split(x, t, test_size=0.2, random_state=0, stratify=t)
    return torch.tensor(x_test, dtype=torch.float32) / 16, torch.tensor(t_test)


def check_training(nb, probe) -> None:
    x_test, t_test = digits_test_split()
    shapes = [tuple(int(n) for n in re.findall(r"\d+", line)) for line in stdout(cell(nb, "data-load")).splitlines()]
    assert shapes == [(1797 - len(t_test), 64, 1797 - len(t_test)), (len(t_test), 64, len(t_test))]

    epochs = [floats(line) for line in stdout(cell(nb, "train-run")).splitlines()]
    assert [int(e[0]) for e in epochs] == list(range(1, probe["epochs"] + 1))

    result = stdout(cell(nb, "mistakes-show")).splitlines()
    accuracy, (wrong, total) = floats(result[0])[0], floats(result[1])
    assert accuracy == epochs[-1][3]
    assert total == len(t_test) and wrong == round((1 - accuracy) * total)

    # The trained weights, used with plain torch on the test images straight from scikit-learn.
    W1, b1, W2, b2 = (torch.tensor(p) for p in probe["params"])
    predicted = (torch.relu(x_test @ W1 + b1) @ W2 + b2).argmax(dim=1)
    assert abs(accuracy - (predicted == t_test).double().mean().item()) <= 1 / len(t_test) + 1e-4


@pytest.mark.slow  # a notebook run with a reader's changed values: `make test-slow`
def test_training_with_too_large_a_learning_rate(run):
    """The notes: lr = 10 makes the loss jump in the first epoch and leaves guessing (~0.1)."""
    nb, probe = run("ja", "training", (("optimizer", "SGD(lr=10.0)"),))
    assert_ran_cleanly(nb, probe)
    check_training(nb, probe)
    epochs = [floats(line) for line in stdout(cell(nb, "train-run")).splitlines()]
    assert epochs[0][1] > 2 * math.log(10)  # far above the loss of a uniform guess
    assert epochs[-1][3] < 0.2


# ---------------------------------------------------- as stored, both languages

PROBES = {
    "activation": "_probe.update(a=a, depth=depth, x0=x0)",
    "forward": "_probe.update(N=N, sizes=sizes, weight_std=weight_std)",
    "backprop": """
_net, _x, _t = make_problem(torch.float64)
_net.gradient(_x, _t)
_probe.update(h=h, dtype=str(dtype), params=[p.tolist() for p in _net.params()],
              grads=[g.tolist() for g in _net.grads()], x=_x.tolist(), t=_t.tolist())
""",
    "training": "_probe.update(epochs=epochs, params=[p.tolist() for p in net.params()])",
}
CHECKS = {
    "activation": check_activation,
    "forward": check_forward,
    "backprop": check_backprop,
    "training": check_training,
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_prints_what_torch_computes(run, name: str):
    nb, probe = run("ja", name)
    assert_ran_cleanly(nb, probe)
    CHECKS[name](nb, probe)
    if name == "training":  # as stored, the network learns the digits
        assert floats(stdout(cell(nb, "mistakes-show")).splitlines()[0])[0] >= 0.93


def printed(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Cell id → the text that the code cell printed or returned, as the page shows it (a result
    that also has a picture shows as the picture)."""
    texts = {}
    for c in nb.cells:
        if c.cell_type == "code":
            texts[c.id] = "".join(o.text if o.output_type == "stream" else o.data["text/plain"]
                                  for o in c.outputs if o.output_type == "stream" or set(o.get("data", {})) == {"text/plain"})
    return texts


def shown(page: Path) -> dict[str, str]:
    """Cell id → the text of the code cell's text outputs on the built page."""
    article = site_soup(page).select_one("article")
    texts = {}
    for div in article.select('.jp-CodeCell[id^="cell-id="]'):
        blocks = div.select('.jp-OutputArea-output[data-mime-type="text/plain"]')
        texts[div["id"].removeprefix("cell-id=")] = "".join(b.get_text() for b in blocks)
    return texts


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_page_shows_what_the_checked_run_printed(run, built_site: Path, lang: str, name: str):
    """The build runs each notebook in a kernel of its own: its page must show what the run that
    the test above checked printed. The English notebook holds the same code with other words
    (test_both_languages_hold_the_same_code), so its page shows the same numbers in the same order."""
    nb, _ = run("ja", name)
    expected = printed(nb)
    page = shown(built_site / ("en" if lang == "en" else "") / "notebooks" / name / "index.html")
    assert set(page) == set(expected), "the page's code cells"
    assert any(expected.values()), "the run printed nothing"
    for cell_id, text in expected.items():
        if lang == "ja":
            assert lines(page[cell_id]) == lines(text), f"cell {cell_id}"
        else:
            assert re.findall(FLOAT, page[cell_id]) == re.findall(FLOAT, text), f"cell {cell_id}"
