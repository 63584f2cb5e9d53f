"""Cheap name resolution from a module's own import statements.

``QualifiedNameProvider`` costs ten traversals' worth of time per file. Most rules only
need to know that ``suppress`` means ``contextlib.suppress`` or that ``log`` came from
``logging``: the module's import table answers that in the rule's own traversal.
"""

from __future__ import annotations

import builtins

import libcst as cst

BUILTIN_NAMES = frozenset(dir(builtins))


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a Name / Attribute chain, otherwise None."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def _module_name(node: cst.BaseExpression | None) -> str:
    return dotted_name(node) if node is not None else ""  # type: ignore[return-value]


class ImportTable:
    """Maps local names to the qualified names their imports bind.

    Feed it every ``Import`` and ``ImportFrom`` node (in source order) and every name a
    ``def``, ``class`` or assignment binds at module level that shadows a builtin.
    """

    def __init__(self) -> None:
        self._bindings: dict[str, str] = {}
        # Names bound by relative imports, as written: ``.helpers.check`` (AIL503 follows them).
        self._relative: dict[str, str] = {}

    def add_import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = _module_name(alias.name)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._bindings[alias.asname.name.value] = full
            else:
                top = full.split(".", 1)[0]
                self._bindings[top] = top

    def add_import_from(self, node: cst.ImportFrom) -> None:
        if node.relative or isinstance(node.names, cst.ImportStar):
            # Relative imports are first-party and star imports bind unknown names: neither
            # can turn a local name into a standard-library or third-party one we check for.
            if isinstance(node.names, cst.ImportStar):
                return
            base = "." * len(node.relative) + _module_name(node.module)
            for alias in node.names:
                self._shadow(alias)
                local = alias.asname.name if alias.asname else alias.name
                if isinstance(local, cst.Name):
                    separator = "" if base.endswith(".") else "."
                    self._relative[local.value] = f"{base}{separator}{_module_name(alias.name)}"
            return
        module = _module_name(node.module)
        for alias in node.names:
            imported = _module_name(alias.name)
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else imported
            self._bindings[local] = f"{module}.{imported}"

    def _shadow(self, alias: cst.ImportAlias) -> None:
        local = alias.asname.name if alias.asname else alias.name
        if isinstance(local, cst.Name):
            self._bindings[local.value] = f"<local>.{local.value}"

    def bind_local(self, name: str) -> None:
        """Record that ``name`` is defined in the module (so it no longer means a builtin)."""
        self._bindings[name] = f"<local>.{name}"

    def imports_module(self, module: str) -> bool:
        """Whether any import so far came from ``module`` or one of its submodules."""
        prefix = module + "."
        return any(bound == module or bound.startswith(prefix) for bound in self._bindings.values())

    def imported(self, node: cst.BaseExpression) -> str | None:
        """Like :meth:`qualify`, but only for names whose head an import statement bound."""
        return self._imported(node, relative=False)

    def from_elsewhere(self, node: cst.BaseExpression) -> str | None:
        """Like :meth:`imported`, but relative imports count too (``.helpers.check``)."""
        return self._imported(node, relative=True)

    def _imported(self, node: cst.BaseExpression, relative: bool) -> str | None:
        found = self._lookup(node)
        if found is None:
            return None
        head, rest, bound = found
        if bound is not None and bound.startswith("<local>."):
            # A relative import shadows the name as local; it counts only while it is the binding.
            bound = self._relative.get(head) if relative and bound == f"<local>.{head}" else None
        return _joined(bound, rest) if bound is not None else None

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The qualified name an expression refers to, or None when unknown.

        ``Exception`` gives ``builtins.Exception`` unless the module rebinds it; an unknown
        bare name gives itself (it may be a local variable).
        """
        found = self._lookup(node)
        if found is None:
            return None
        head, rest, bound = found
        if bound is None:
            bound = f"builtins.{head}" if head in BUILTIN_NAMES else head
        return _joined(bound, rest)

    def _lookup(self, node: cst.BaseExpression) -> tuple[str, str, str | None] | None:
        """``node``'s dotted name split at its head, and what the head is bound to."""
        name = dotted_name(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        return head, rest, self._bindings.get(head)


def _joined(bound: str, rest: str) -> str:
    return f"{bound}.{rest}" if rest else bound


def _assigned_names(statement: cst.BaseSmallStatement) -> list[str]:
    """The plain names an ``=`` or annotated assignment binds (``Exception = RuntimeError``)."""
    if isinstance(statement, cst.Assign):
        targets = [target.target for target in statement.targets]
    elif isinstance(statement, cst.AnnAssign) and statement.value is not None:
        targets = [statement.target]
    else:
        return []
    return [target.value for target in targets if isinstance(target, cst.Name)]


class ImportTracking(cst.BatchableCSTVisitor):
    """Mixin for rules: keeps ``self.imports`` up to date during the traversal."""

    imports: ImportTable

    def visit_Module(self, node: cst.Module) -> None:
        self.imports = ImportTable()
        for statement in node.body:
            # Module-level classes, functions and assignments named like builtins rebind them.
            if isinstance(statement, (cst.ClassDef, cst.FunctionDef)) and statement.name.value in BUILTIN_NAMES:
                self.imports.bind_local(statement.name.value)
            elif isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    for target in _assigned_names(small):
                        if target in BUILTIN_NAMES:
                            self.imports.bind_local(target)

    def visit_Import(self, node: cst.Import) -> None:
        self.imports.add_import(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.add_import_from(node)
