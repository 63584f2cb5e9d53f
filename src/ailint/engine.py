"""The one place libcst rules run: one file's source in, raw findings out.

Parse once; build one ``MetadataWrapper`` only when a selected rule declares metadata;
run every selected rule in one batched traversal; compute positions only for the nodes
that were reported (most files have none, and positions cost a code generation).
"""

from __future__ import annotations

import types
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from ailint.duplication.detector import Thresholds
from ailint.duplication.units import Unit, units_of
from ailint.finding import Finding, point_finding
from ailint.positions import positions_of
from ailint.rule import CstRule, SourceFile
from ailint.rules.engine import InternalErrorRule, NotAnalysedRule, SyntaxErrorRule
from ailint.rules.generated_code.artifacts import artifacts_in_unparsable
from ailint.source import Unparsable, decode, parse
from ailint.traversal import visit_batched_readonly

RuleSetup = tuple[type[CstRule], Mapping[str, Any]]


@dataclass(frozen=True)
class LintedSource:
    """The decoded text (None when it could not be decoded), the raw findings, and the units
    the clone index compares (when asked for)."""

    text: str | None
    findings: list[Finding]
    units: tuple[Unit, ...] = ()


def lint_source(
    path: str, source: bytes | str, rules: Sequence[RuleSetup], clones: Thresholds | None = None
) -> LintedSource:
    """Run ``rules`` over one file's source and, with ``clones``, cut the same tree into the
    units the clone index compares. Never raises for anything in the source."""
    try:
        text = decode(source) if isinstance(source, bytes) else source
    except Unparsable as problem:
        return LintedSource(None, [_unparsable(path, problem)])
    try:
        module = parse(text)
    except Unparsable as problem:
        # A pasted assistant answer is the usual cause: name its fences and chat lines too.
        return LintedSource(text, [_unparsable(path, problem), *artifacts_in_unparsable(path, text)])
    findings = _run_rules(path, text, module, rules)
    if clones is None or any(finding.code == NotAnalysedRule.code for finding in findings):
        return LintedSource(text, findings)
    try:
        units = tuple(units_of(module, clones.min_statements, clones.min_tokens))
    except RecursionError:
        message = NotAnalysedRule.message.format(detail="too deeply nested to compare for duplication")
        return LintedSource(text, [*findings, point_finding(path, 1, 1, NotAnalysedRule, message)])
    return LintedSource(text, findings, units)


def _unparsable(path: str, problem: Unparsable) -> Finding:
    rule = SyntaxErrorRule if problem.kind == "syntax" else NotAnalysedRule
    return point_finding(path, problem.line, problem.column, rule, rule.message.format(detail=problem.detail))


def _run_rules(path: str, text: str, module: cst.Module, rules: Sequence[RuleSetup]) -> list[Finding]:
    wrapper: MetadataWrapper | None = None
    if any(rule_class.get_inherited_dependencies() for rule_class, _ in rules):
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    findings: list[Finding] = []
    active = list(rules)
    while active:
        file = SourceFile(path, module, text=text)
        instances = [rule_class(options, file) for rule_class, options in active]
        try:
            _visit(module, instances, wrapper)
            break
        except RecursionError:
            message = NotAnalysedRule.message.format(detail="too deeply nested to analyse")
            return [*findings, point_finding(path, 1, 1, NotAnalysedRule, message)]
        except Exception as error:  # a rule's bug must not end the run: report it, rerun the rest
            culprit = _rule_raising(error.__traceback__, instances)
            name = f"rule {culprit.code} ({culprit.name})" if culprit else "the engine"
            findings.append(_internal_error(path, name, error))
            if culprit is None:
                return findings
            active = [setup for setup, instance in zip(active, instances) if instance is not culprit]
    else:
        return findings
    findings.extend(_reported(path, module, instances))
    return findings


def _visit(module: cst.Module, instances: list[CstRule], wrapper: MetadataWrapper | None) -> None:
    """One batched traversal, each rule's metadata resolved for its duration."""
    with ExitStack() as resolved:
        if wrapper is not None:
            for instance in instances:
                resolved.enter_context(instance.resolve(wrapper))
        visit_batched_readonly(module, instances)


def _reported(path: str, module: cst.Module, instances: list[CstRule]) -> list[Finding]:
    """The rules' reports as findings; positions are computed only for the reported nodes."""
    reports = [(rule, report) for rule in instances for report in rule.reports]
    if not reports:
        return []
    positions = positions_of(module, [report.node for _, report in reports])
    findings = []
    for rule, report in reports:
        try:
            where = positions[report.node]
        except KeyError:
            findings.append(_internal_error(path, rule.code, LookupError("reported a node not in the tree")))
            continue
        findings.append(
            Finding(
                path,
                where.start.line,
                where.start.column + 1,
                rule.code,
                report.message,
                where.end.line,
                where.end.column + 1,
                report.severity or rule.severity,
                foreign_helpers=report.foreign_helpers,
            )
        )
    return findings


def _rule_raising(trace: types.TracebackType | None, instances: list[CstRule]) -> CstRule | None:
    """The rule whose method is on the failing call stack (the outermost one)."""
    by_id = {id(instance): instance for instance in instances}
    while trace is not None:
        owner = trace.tb_frame.f_locals.get("self")
        if id(owner) in by_id:
            return by_id[id(owner)]
        trace = trace.tb_next
    return None


def _internal_error(path: str, rule: str, error: BaseException) -> Finding:
    detail = f"{type(error).__name__}: {error}".splitlines()[0]
    message = InternalErrorRule.message.format(rule=rule, detail=detail)
    return point_finding(path, 1, 1, InternalErrorRule, message)
