"""Positions of a few reported nodes, at a fraction of ``PositionProvider``'s cost.

``PositionProvider`` records a range for every node of the module, which costs about
eight times a plain code generation. A file rarely has more than a handful of findings,
so this generates the module's code once with a state that records only the reported
nodes (and the children their ranges are hoisted from), measures text only when asked,
and stops as soon as the last reported node is done. The ranges are the same as
``PositionProvider``'s (a test checks this on the standard library).
"""

from __future__ import annotations

import dataclasses
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition, CodeRange

from ailint.finding import Finding

_NEWLINE = re.compile(r"\r\n?|\n")


class _AllFound(Exception):
    """Raised from inside code generation once every wanted node has its range."""


@dataclass(frozen=False)
class _RecordingState(CodegenState):
    wanted: set[cst.CSTNode] = field(default_factory=set)
    targets_left: set[cst.CSTNode] = field(default_factory=set)
    starts: dict[cst.CSTNode, CodePosition] = field(default_factory=dict)
    found: dict[cst.CSTNode, CodeRange] = field(default_factory=dict)
    line: int = 1
    column: int = 0
    measured: int = 0  # how many tokens ``line`` / ``column`` account for

    def _here(self) -> CodePosition:
        tokens = self.tokens
        if self.measured < len(tokens):
            chunk = "".join(tokens[self.measured :])
            self.measured = len(tokens)
            last = None
            for last in _NEWLINE.finditer(chunk):
                self.line += 1
            self.column = len(chunk) - last.end() if last else self.column + len(chunk)
        return CodePosition(self.line, self.column)

    # Every node: the whitespace-inclusive range, used when a node records no syntactic one.
    def before_codegen(self, node: cst.CSTNode) -> None:
        if node in self.wanted:
            self.starts[node] = self._here()

    def after_codegen(self, node: cst.CSTNode) -> None:
        if node not in self.wanted:
            return
        start = self.starts.pop(node)
        if node not in self.found:
            self.found[node] = CodeRange(start, self._here())
        self.targets_left.discard(node)
        if not self.targets_left:
            raise _AllFound

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        if node not in self.wanted:
            yield
            return
        # The range may be hoisted from children generated inside this block: want them too.
        for child in (start_node, end_node):
            if child is not None:
                self.wanted.add(child)
        start = self._here()
        yield
        end = self._here()
        if start_node is not None:
            start = self.found[start_node].start
        if end_node is not None:
            end = self.found[end_node].end
        self.found[node] = CodeRange(start, end)


def positions_of(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[cst.CSTNode, CodeRange]:
    """Ranges (1-based lines, 0-based columns in code points) of ``nodes`` within ``module``.

    Nodes that are not part of ``module`` are missing from the result.
    """
    targets = set(nodes)
    state = _RecordingState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        wanted=set(targets),
        targets_left=set(targets),
    )
    if targets:
        try:
            module._codegen(state)
        except _AllFound:
            pass
    return {node: state.found[node] for node in targets if node in state.found}


def in_code_points(findings: Iterable[Finding], text: str | None) -> list[Finding]:
    """``findings`` whose columns count UTF-8 bytes (Semgrep's), with columns in code points.

    Columns are 1-based; an end column is the one just past the match, as everywhere else.
    """
    if text is None or text.isascii():
        return list(findings)
    lines = _NEWLINE.split(text)

    def column(line: int, byte_column: int) -> int:
        if not 0 < line <= len(lines):
            return byte_column
        prefix = lines[line - 1].encode("utf-8", "surrogatepass")[: byte_column - 1]
        return len(prefix.decode("utf-8", "ignore")) + 1

    return [
        dataclasses.replace(
            finding,
            column=column(finding.line, finding.column),
            end_column=column(finding.end_line, finding.end_column),
        )
        for finding in findings
    ]
