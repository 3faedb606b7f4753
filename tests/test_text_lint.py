"""The words of the pages and notebooks: textlint for Japanese, prh and cspell for English.

One run of the linters (scripts/lint_text.py) covers docs/ja/*.md and docs/en/*.md, the Markdown
cells of notebooks/*.py in both languages, and a few samples that show the checks are alive: a
known mistake must be reported at its line, and Markdown noise (code, math, admonition markers,
heading ids) must not be. To check one page while writing it:

    .venv/bin/python scripts/lint_text.py docs/ja/forward.md
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.docs_tools import DOCS, LANGUAGES, ROOT

import lint_text  # scripts/, put on sys.path by tests/conftest.py

SAMPLE_JA = """\
# 見出し { #heading }

!!! note "注意: `x * (x > 0)` を使わない理由"

    重みを二乗します。

$$
y = \\max(0, x), \\quad \\text{ここは数式}
$$

`torch.matmul` と $W$、$b$ を使います。

```python
print("これは、とても、長い、長い、コードの、行です、が、何も、報告されません")
```
"""

SAMPLE_EN = """\
# A heading { #heading }

??? success "Answer"

    The optimizer is a mispeled word.

The `torch.matmul` product $X \\cdot W$ of `x_train`, with $\\text{eps}$, is fine.
"""

SAMPLE_NOTEBOOK = '''\
from notebooks.cells import code, md

CELLS = [
    md(
        ja=r"""
        # 試す

        重みの二乗を計算します。
        """,
        en=r"""
        # Trying

        The optimizer is here.
        """,
    ),
    code("x = 1  # 二乗 optimizer"),
]
'''


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("text-samples")
    paths = {"ja": folder / "sample-ja.md", "en": folder / "sample-en.md", "notebook": folder / "sample_notebook.py"}
    for name, text in (("ja", SAMPLE_JA), ("en", SAMPLE_EN), ("notebook", SAMPLE_NOTEBOOK)):
        paths[name].write_text(text, "utf8")
    return paths


@pytest.fixture(scope="module")
def messages(samples: dict[str, Path]) -> list[lint_text.Message]:
    """Every message of every checked file, from one run of the linters (they run side by side)."""
    files = {lang: lint_text.default_files(lang) + [samples[lang], samples["notebook"]] for lang in LANGUAGES}
    return lint_text.lint(files)


def report(found: list[lint_text.Message]) -> str:
    return f"{len(found)} messages (run `.venv/bin/python scripts/lint_text.py FILE` for one file):\n" + "\n".join(map(str, found))


def course_messages(messages: list[lint_text.Message], lang: str) -> list[lint_text.Message]:
    checked = {lint_text._display(p) for p in lint_text.default_files(lang)}
    return [m for m in messages if m.lang == lang and m.path in checked]


def test_the_japanese_text_has_no_messages(messages):
    found = course_messages(messages, "ja")
    assert not found, report(found)


def test_the_english_text_has_no_messages(messages):
    found = course_messages(messages, "en")
    assert not found, report(found)


def test_every_page_and_notebook_is_checked():
    for lang in LANGUAGES:
        files = {lint_text._display(p) for p in lint_text.default_files(lang)}
        assert {f"docs/{lang}/{p.relative_to(DOCS / lang).as_posix()}" for p in (DOCS / lang).rglob("*.md")} <= files
        assert {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.py") if "CELLS = [" in p.read_text("utf8")} <= files


def sample_messages(messages, samples, name: str, lang: str) -> list[tuple[int, str, str]]:
    return sorted((m.line, m.rule, m.text) for m in messages if m.path == str(samples[name]) and m.lang == lang)


def test_a_japanese_mistake_is_reported_and_markdown_noise_is_not(messages, samples):
    assert sample_messages(messages, samples, "ja", "ja") == [(5, "prh", "二乗 => 2乗")]


def test_an_english_mistake_is_reported_and_markdown_noise_is_not(messages, samples):
    assert sample_messages(messages, samples, "en", "en") == [
        (5, "cspell", "Unknown word (mispeled)"),
        (5, "prh", "optimizer => optimiser"),
    ]


def test_a_notebook_is_checked_at_the_lines_of_its_source(messages, samples):
    """Only the Markdown cells, in their own language, at the line of the .py file."""
    assert sample_messages(messages, samples, "notebook", "ja") == [(8, "prh", "二乗 => 2乗")]
    assert sample_messages(messages, samples, "notebook", "en") == [(13, "prh", "optimizer => optimiser")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_prose_keeps_every_line_where_it_was(lang: str):
    for path in lint_text.default_files(lang):
        source = path.read_text("utf8")
        assert lint_text.text_of(path, lang).count("\n") == source.count("\n"), path


def test_a_rule_is_silenced_only_around_the_glossary_tables():
    """The comments filter exists for the glossary's tables, which name the variants prh flags."""
    allowed = {
        DOCS / lang / "glossary.md": [f"{lint_text.PRH_OFF}", f"{lint_text.PRH_ON}"] for lang in LANGUAGES
    }
    files = [p for lang in LANGUAGES for p in (DOCS / lang).rglob("*.md")] + list((ROOT / "notebooks").glob("*.py"))
    for path in files:
        found = re.findall(r"<!--\s*textlint-(?:disable|enable)[^>]*-->", path.read_text("utf8"))
        assert found == allowed.get(path, []), f"{path.relative_to(ROOT)}: {found}"


def preset_defaults() -> dict:
    script = "console.log(JSON.stringify(require('textlint-rule-preset-ja-technical-writing').rulesConfig))"
    result = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_every_deviation_from_the_preset_gives_its_reason():
    """A rule set otherwise than the preset does carries a `# Deviation:` comment in its block of
    .textlintrc.yml, and a rule left as the preset has it carries none."""
    text = (ROOT / ".textlintrc.yml").read_text("utf8")
    ours = yaml.safe_load(text)["rules"]["preset-ja-technical-writing"]
    defaults = preset_defaults()
    assert set(ours) <= set(defaults), f"not rules of the preset: {set(ours) - set(defaults)}"
    for rule, options in ours.items():
        default = defaults[rule]
        if isinstance(options, dict) and isinstance(default, dict):
            deviations = [k for k, v in options.items() if default.get(k) != v]
        else:
            deviations = [rule] if options != default else []
        block = re.search(rf"^    {re.escape(rule)}:.*?(?=^    \S|^  \S|\Z)", text, re.MULTILINE | re.DOTALL).group(0)
        reasons = block.count("# Deviation:")
        assert (reasons > 0) == bool(deviations), f"{rule}: deviations {deviations}, {reasons} reasons written"


def test_the_node_packages_are_pinned():
    package = json.loads((ROOT / "package.json").read_text("utf8"))
    lock = json.loads((ROOT / "package-lock.json").read_text("utf8"))
    for name, version in {**package.get("dependencies", {}), **package.get("devDependencies", {})}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name


def test_the_prose_of_a_page_hides_only_noise():
    text = textwrap.dedent("""\
        ## 節 { #section }

        !!! note "題"

            本文です。

        ::: zeronn.Affine

        ![図の説明](a.svg#only-light){ width="80%" }
        """)
    assert lint_text.prose(text).split("\n") == ["## 節", "", "#### 題", "", "本文です。", "", "", "", "図の説明。", ""]
