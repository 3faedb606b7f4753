"""Rewriting the output fences of a page from what its blocks really printed."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tests.docs_tools import CodeBlock


class OutputUpdater:
    """Collects each block's printed output, then rewrites the pages once."""

    def __init__(self) -> None:
        self.outputs: dict[Path, list[tuple[CodeBlock, str]]] = defaultdict(list)

    def record(self, block: CodeBlock, printed: str) -> None:
        self.outputs[block.path].append((block, printed))

    def write(self) -> list[Path]:
        changed = []
        for path, results in self.outputs.items():
            lines = path.read_text("utf8").split("\n")
            # Bottom-up, so that earlier line numbers stay valid.
            for block, printed in sorted(results, key=lambda r: -r[0].start_line):
                _replace(lines, block, printed)
            text = "\n".join(lines)
            if text != path.read_text("utf8"):
                path.write_text(text, "utf8")
                changed.append(path)
        return changed


def _replace(lines: list[str], block: CodeBlock, printed: str) -> None:
    # An output fence keeps its own indent: inside a collapsible answer it is deeper than the code's.
    opening = lines[(block.output or block.fence).map[0]]
    indent = opening[: len(opening) - len(opening.lstrip())]
    fence = [f"{indent}```{{.text .output}}"]
    fence += [f"{indent}{line}".rstrip() for line in printed.rstrip("\n").split("\n")]
    fence += [f"{indent}```"]
    if block.output is not None:
        start, end = block.output.map
        lines[start:end] = fence if printed else []
        if not printed and start > 0 and lines[start - 1].strip() == "" and start < len(lines) and lines[start].strip() == "":
            del lines[start - 1]
    elif printed:
        end = block.fence.map[1]
        lines[end:end] = ["", *fence]
