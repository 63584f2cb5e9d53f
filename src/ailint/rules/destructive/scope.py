"""What the code around a call binds and how the call is nested, computed on demand.

The destructive-call rules need context only at the rare call that looks destructive: what
a name held at that point, which ``if`` tests guard it, which loop feeds it. Tracking that
for every statement of every file would cost each of those rules a traversal's worth of
work, so instead one walk of the enclosing function (or module) is made the first time a
rule asks, and shared through :attr:`SourceFile.shared` by all rules of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

import libcst as cst

from ailint.names import dotted_name
from ailint.traversal import children

Scope = cst.Module | cst.FunctionDef

_NESTED_SCOPES = (cst.FunctionDef, cst.ClassDef)
COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


@dataclass(frozen=True)
class Binding:
    """One way a name got its value.

    ``kind`` is ``assign`` (``value`` is the right-hand side, ``index`` the position when it
    was unpacked from a tuple), ``with`` (``value`` is the context manager), ``loop``
    (``value`` is what the ``for`` iterates over) or ``parameter`` (``value`` is None).
    """

    kind: str
    value: cst.BaseExpression | None
    index: int | None = None


@dataclass
class ScopeFacts:
    """Parents, source order and name bindings of one function or module body."""

    parents: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    order: dict[cst.CSTNode, int] = field(default_factory=dict)
    # name -> (order of the binding, binding), in source order.
    bindings: dict[str, list[tuple[int, Binding]]] = field(default_factory=dict)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """Parents of ``node`` up to the scope's root, innermost first."""
        parent = self.parents.get(node)
        while parent is not None:
            yield parent
            parent = self.parents.get(parent)

    def binding(self, name: str, at: cst.CSTNode) -> Binding | None:
        """The binding of ``name`` in force at ``at``: the latest one before it in the source.

        Comprehension variables are bound after their element in source order, so a
        comprehension enclosing ``at`` is asked first.
        """
        for ancestor in self.ancestors(at):
            if isinstance(ancestor, COMPREHENSIONS):
                found = _comprehension_binding(ancestor, name)
                if found is not None:
                    return found
        position = self.order.get(at)
        if position is None:
            return None
        latest = None
        for order, binding in self.bindings.get(name, ()):
            if order >= position:
                break
            latest = binding
        return latest


def _comprehension_binding(comprehension: cst.BaseComp | cst.DictComp, name: str) -> Binding | None:
    clause: cst.CompFor | None = comprehension.for_in
    while clause is not None:
        for bound, index in _target_names(clause.target):
            if bound == name:
                return Binding("loop", clause.iter, index)
        clause = clause.inner_for_in
    return None


def scope_facts(scope: Scope, shared: dict) -> ScopeFacts:
    """The facts of ``scope``, built on first use and cached in the file's ``shared`` dict."""
    key = ("scope-facts", scope)
    facts = shared.get(key)
    if facts is None:
        facts = _collect(scope)
        shared[key] = facts
    return facts


def _collect(scope: Scope) -> ScopeFacts:
    facts = ScopeFacts()
    if isinstance(scope, cst.FunctionDef):
        for param in _parameters(scope.params):
            facts.bindings.setdefault(param.name.value, []).append((-1, Binding("parameter", None)))
        roots: list[cst.CSTNode] = [scope.body]
        facts.parents[scope.body] = scope
    else:
        roots = [scope]
    counter = 0
    # (node, done): a node is pushed again with done=True after its children, so that an
    # assignment binds only after its value (``fn = os.path.join(path, fn)`` reads the old fn).
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False) for root in reversed(roots)]
    while stack:
        node, done = stack.pop()
        if done:
            _record_bindings(node, facts, counter)
            continue
        facts.order[node] = counter
        counter += 1
        if isinstance(node, _BINDS_AFTER_VALUE):
            stack.append((node, True))
        else:
            _record_bindings(node, facts, counter)
        if isinstance(node, _NESTED_SCOPES) and node is not scope:
            continue  # their bodies are their own scopes; only the name they bind counts here
        kids = list(children(node))
        for child in kids:
            facts.parents[child] = node
        stack.extend((child, False) for child in reversed(kids))
    return facts


_BINDS_AFTER_VALUE = (cst.Assign, cst.AnnAssign, cst.NamedExpr)


def _parameters(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from params.posonly_params
    yield from params.params
    yield from params.kwonly_params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    if params.star_kwarg is not None:
        yield params.star_kwarg


def _record_bindings(node: cst.CSTNode, facts: ScopeFacts, order: int) -> None:
    def bind(target: cst.BaseExpression, binding_for: Callable[[int | None], Binding]) -> None:
        for name, index in _target_names(target):
            facts.bindings.setdefault(name, []).append((order, binding_for(index)))

    if isinstance(node, cst.Assign):
        for assign_target in node.targets:
            bind(assign_target.target, lambda index: Binding("assign", node.value, index))
    elif isinstance(node, cst.AnnAssign) and node.value is not None:
        bind(node.target, lambda index: Binding("assign", node.value, index))
    elif isinstance(node, cst.NamedExpr):
        bind(node.target, lambda index: Binding("assign", node.value, index))
    elif isinstance(node, cst.For):
        bind(node.target, lambda index: Binding("loop", node.iter, index))
    elif isinstance(node, cst.WithItem) and node.asname is not None:
        bind(node.asname.name, lambda index: Binding("with", node.item, index))


def _target_names(target: cst.BaseExpression, index: int | None = None) -> Iterator[tuple[str, int | None]]:
    """Names (dotted for ``self.x``) a target binds, with their position in a tuple unpack."""
    if isinstance(target, (cst.Tuple, cst.List)):
        for position, element in enumerate(target.elements):
            if isinstance(element, cst.Element):
                yield from _target_names(element.value, position if index is None else index)
        return
    name = dotted_name(target)
    if name is not None:
        yield name, index


def class_attribute_values(klass: cst.ClassDef, attribute: str, shared: dict) -> list[cst.BaseExpression]:
    """Every value assigned to ``self.<attribute>`` anywhere in the class's methods."""
    key = ("class-attributes", klass)
    table = shared.get(key)
    if table is None:
        table = {}
        stack: list[cst.CSTNode] = [klass.body]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.ClassDef):
                continue
            if isinstance(node, (cst.Assign, cst.AnnAssign)) and node.value is not None:
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    for name, index in _target_names(target):
                        if name.startswith("self.") and name.count(".") == 1 and index is None:
                            table.setdefault(name[5:], []).append(node.value)
            stack.extend(children(node))
        shared[key] = table
    return table.get(attribute, [])
