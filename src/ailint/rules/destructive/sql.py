"""SQL text behind an expression, and the statements in it that destroy data.

Two halves. :func:`assemble` rebuilds the SQL a Python expression evaluates to: string and
bytes literals, f-strings, ``+``, ``"...".format(...)``, ``"..." % args``, SQLAlchemy's
``text(...)`` and local names bound to any of those. What is not known (an interpolated
value, an unresolved name) becomes :data:`PLACEHOLDER`, an identifier, so the statement
around it still parses.

:func:`destructive_statements` then reads that text with sqlparse, one statement at a time
and only at the top level of each: a ``WHERE`` in a subquery, a comment or a string
literal is not the statement's ``WHERE``, and ``DROP TABLE`` inside a string is data.
sqlparse is slow, so text that does not even contain one of the keywords is never parsed.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

import libcst as cst
import sqlparse
from sqlparse import sql as groups
from sqlparse import tokens as T
from sqlparse.exceptions import SQLParseError

from ailint.names import ImportTable
from ailint.rule import Severity
from ailint.rules.destructive.context import Site
from ailint.rules.destructive.scope import Binding, ScopeFacts, scope_facts
from ailint.rules.destructive.targets import string_literal

PLACEHOLDER = "__ailint_param__"
TEXT_CONSTRUCTORS = frozenset(
    {"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "sqlmodel.text"}
)
# Calls that return their first argument's text, give or take whitespace.
PASS_THROUGH_FUNCTIONS = frozenset({"textwrap.dedent", "inspect.cleandoc", "builtins.str"})
PASS_THROUGH_METHODS = frozenset({"strip", "lstrip", "rstrip"})

_KEYWORDS = re.compile(r"drop|truncate|delete|update|alter", re.IGNORECASE)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
_MAX_NAME_DEPTH = 3
# Past this size a literal is a schema dump, not a statement written for the call.
_MAX_SQL_LENGTH = 100_000


class Resolver:
    """Answers what a name or a call means at a call site.

    The site (and with it one walk of the enclosing function) is only built when a name
    has to be looked up: most SQL passed to ``execute`` is a literal.
    """

    def __init__(self, site_of: Callable[[], Site], imports: ImportTable, module: cst.Module) -> None:
        self._site_of = site_of
        self._site: Site | None = None
        self.imports = imports
        self._module = module

    @property
    def site(self) -> Site:
        if self._site is None:
            self._site = self._site_of()
        return self._site

    def qualify(self, expr: cst.BaseExpression) -> str | None:
        return self.imports.qualify(expr)

    def value_of(self, name: cst.Name) -> cst.BaseExpression | None:
        """The expression ``name`` was last assigned before its use, or None when unsure.

        A name of the function's own scope is looked up there; a name the function never
        binds falls back to a module-level constant assigned exactly once. A name that is
        also extended with ``+=`` somewhere in its scope is unknown: the extension may be
        the ``WHERE``.
        """
        site = self.site
        if name in site.facts.order:
            scope, facts = site.scope, site.facts
            binding = facts.binding(name.value, name)
            if binding is None and scope is not self._module:
                return self._module_constant(name.value)
        else:  # a name inside a module constant's value, met while following one
            scope, facts = self._module, scope_facts(self._module, site.shared)
            if name not in facts.order:
                return None
            binding = facts.binding(name.value, name)
        return None if binding is None else _assigned_value(binding, name.value, scope, facts, site.shared)

    def _module_constant(self, name: str) -> cst.BaseExpression | None:
        facts = scope_facts(self._module, self.site.shared)
        bindings = facts.bindings.get(name, [])
        if len(bindings) != 1:
            return None
        return _assigned_value(bindings[0][1], name, self._module, facts, self.site.shared)


def _assigned_value(
    binding: Binding, name: str, scope: cst.CSTNode, facts: ScopeFacts, shared: dict
) -> cst.BaseExpression | None:
    if binding.kind != "assign" or binding.value is None or name in _augmented_names(scope, facts, shared):
        return None
    if binding.index is None:
        return binding.value
    if isinstance(binding.value, (cst.Tuple, cst.List)) and binding.index < len(binding.value.elements):
        return binding.value.elements[binding.index].value
    return None


def _augmented_names(scope: cst.CSTNode, facts: ScopeFacts, shared: dict) -> frozenset[str]:
    key = ("sql-augmented-names", scope)
    names = shared.get(key)
    if names is None:
        names = frozenset(
            node.target.value
            for node in facts.order
            if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name)
        )
        shared[key] = names
    return names


def text_call(expr: cst.BaseExpression, resolver: Resolver) -> cst.Call | None:
    """The SQLAlchemy ``text(...)`` call ``expr`` is, directly or through local names."""
    for _ in range(_MAX_NAME_DEPTH):
        if isinstance(expr, cst.Call):
            return expr if resolver.qualify(expr.func) in TEXT_CONSTRUCTORS else None
        if not isinstance(expr, cst.Name):
            return None
        value = resolver.value_of(expr)
        if value is None:
            return None
        expr = value
    return None


def assemble(expr: cst.BaseExpression, resolver: Resolver, depth: int = 0) -> str | None:
    """The SQL ``expr`` evaluates to, unknown parts as :data:`PLACEHOLDER`; None if no part is literal."""
    text = string_literal(expr)
    if text is not None:
        return text
    if isinstance(expr, cst.FormattedString):
        return _formatted_string(expr)
    if isinstance(expr, cst.ConcatenatedString):
        return _join(assemble(expr.left, resolver, depth), assemble(expr.right, resolver, depth))
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, cst.Add):
            return _join(assemble(expr.left, resolver, depth), assemble(expr.right, resolver, depth))
        if isinstance(expr.operator, cst.Modulo):
            template = assemble(expr.left, resolver, depth)
            return None if template is None else _PERCENT_SPEC.sub(_percent_field, template)
        return None
    if isinstance(expr, cst.Name):
        if depth >= _MAX_NAME_DEPTH:
            return None
        value = resolver.value_of(expr)
        return None if value is None else assemble(value, resolver, depth + 1)
    if isinstance(expr, cst.Call):
        return _call(expr, resolver, depth)
    return None


def _call(call: cst.Call, resolver: Resolver, depth: int) -> str | None:
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value == "format":
        template = assemble(func.value, resolver, depth)
        return None if template is None else _format_fields(template)
    if isinstance(func, cst.Attribute) and func.attr.value in PASS_THROUGH_METHODS and not call.args:
        return assemble(func.value, resolver, depth)
    if resolver.qualify(func) in TEXT_CONSTRUCTORS | PASS_THROUGH_FUNCTIONS:
        argument = sql_argument(call)
        return None if argument is None else assemble(argument, resolver, depth)
    return None


SQL_KEYWORDS = frozenset({"sql", "query", "statement", "operation", "sql_script", "raw_query", "text"})


def sql_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The argument that holds the SQL: the first positional one, or a keyword naming it."""
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None:
            return arg.value
        if arg.keyword.value in SQL_KEYWORDS:
            return arg.value
    return None


def _join(left: str | None, right: str | None) -> str | None:
    if left is None and right is None:
        return None
    return (PLACEHOLDER if left is None else left) + (PLACEHOLDER if right is None else right)


def _percent_field(match: re.Match[str]) -> str:
    return "%" if match.group() == "%%" else PLACEHOLDER


def _format_fields(template: str) -> str | None:
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return None
    return "".join(literal + ("" if field is None else PLACEHOLDER) for literal, field, _, _ in pieces)


def _formatted_string(node: cst.FormattedString) -> str:
    quote = node.end
    prefix = node.start[: -len(quote)].replace("f", "").replace("F", "")
    pieces = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            try:
                text = ast.literal_eval(f"{prefix}{quote}{part.value}{quote}")
            except (SyntaxError, ValueError):
                text = part.value
            if isinstance(text, bytes):
                text = text.decode("latin-1")
            pieces.append(text.replace("{{", "{").replace("}}", "}"))
        else:
            pieces.append(PLACEHOLDER)
    return "".join(pieces)


@dataclass(frozen=True)
class Destruction:
    """One destructive statement: what it is, what it does, how bad it is."""

    kind: str  # "DROP TABLE", "DELETE without WHERE"...
    effect: str  # "removes every row of the table"
    severity: Severity
    schema: bool  # changes the schema rather than rows, which changes the advice


_DROPS = {
    "DATABASE": Destruction("DROP DATABASE", "deletes the whole database", Severity.HIGH, True),
    "SCHEMA": Destruction("DROP SCHEMA", "deletes the schema and every table in it", Severity.HIGH, True),
    "TABLE": Destruction("DROP TABLE", "deletes the table with all its rows", Severity.HIGH, True),
    "INDEX": Destruction("DROP INDEX", "removes an index that queries and constraints rely on", Severity.MEDIUM, True),
    "VIEW": Destruction("DROP VIEW", "removes a view that other code may query", Severity.MEDIUM, True),
}
TRUNCATE = Destruction("TRUNCATE", "empties the table", Severity.HIGH, True)
DELETE_ALL = Destruction("DELETE without WHERE", "removes every row of the table", Severity.HIGH, False)
UPDATE_ALL = Destruction("UPDATE without WHERE", "rewrites every row of the table", Severity.MEDIUM, False)
DROP_COLUMN = Destruction("ALTER TABLE ... DROP COLUMN", "deletes the column and its data", Severity.MEDIUM, True)

# After DROP in ALTER TABLE these name something other than a column.
_NOT_COLUMNS = frozenset(
    {
        "CONSTRAINT", "INDEX", "KEY", "PRIMARY", "FOREIGN", "DEFAULT", "NOT", "PARTITION", "CHECK", "IDENTITY",
        "EXPRESSION",
    }
)
_TRUNCATE_WORDS = frozenset({"TABLE", "ONLY", "RESTART", "CONTINUE", "IDENTITY", "CASCADE", "RESTRICT"})
# A placeholder right after one of these is a name or a value, not a clause.
_NAME_INTRODUCERS = frozenset(
    {
        "FROM", "UPDATE", "TABLE", "INTO", "JOIN", "USING", "ONLY", "AS", "IN", "LIKE", "ILIKE", "IS", "NOT",
        "AND", "OR", "WHERE", "ON", "BETWEEN", "WHEN", "THEN", "ELSE", "RETURNING", "LIMIT", "OFFSET", "BY",
    }
)


def destructive_statements(sql: str) -> tuple[Destruction, ...]:
    """The destructive statements in ``sql``, in order, each kind once."""
    if len(sql) > _MAX_SQL_LENGTH or not _KEYWORDS.search(sql):
        return ()
    return _classify(sql)


@lru_cache(maxsize=512)
def _classify(sql: str) -> tuple[Destruction, ...]:
    try:
        statements = sqlparse.parse(sql)
    except SQLParseError:  # sqlparse's own limits against pathological input
        return ()
    found: list[Destruction] = []
    for statement in statements:
        verdict = _statement(statement)
        if verdict is not None and verdict not in found:
            found.append(verdict)
    return tuple(found)


def _meaningful(tokens: list[groups.Token]) -> list[groups.Token]:
    return [
        token for token in tokens
        if not token.is_whitespace and token.ttype not in T.Comment and not isinstance(token, groups.Comment)
    ]


def _statement(statement: groups.Statement) -> Destruction | None:
    tokens = _meaningful(statement.tokens)
    position = _verb_position(tokens)
    if position is None:
        return None
    verb, rest = tokens[position], tokens[position + 1:]
    if verb.ttype not in (T.Keyword.DML, T.Keyword.DDL):
        return None
    action = verb.normalized
    if action == "DROP":
        return _drop(rest)
    if action == "TRUNCATE":
        return TRUNCATE if _is_truncate(rest) else None
    if action == "ALTER":
        return DROP_COLUMN if _drops_column(rest) else None
    if action in ("DELETE", "UPDATE"):
        return _unbounded_change(action, rest, statement)
    return None


def _verb_position(tokens: list[groups.Token]) -> int | None:
    """Where the statement's verb is: first, or after a ``WITH ... AS (...)``; None when none."""
    if not tokens:
        return None
    position = 0
    if tokens[0].ttype in T.Keyword.CTE:  # WITH ... AS (...) DELETE FROM ...
        while position < len(tokens) and tokens[position].ttype not in (T.Keyword.DML, T.Keyword.DDL):
            position += 1
        if position == len(tokens):
            return None
    return position


def _unbounded_change(action: str, rest: list[groups.Token], statement: groups.Statement) -> Destruction | None:
    """A ``DELETE`` or ``UPDATE`` with no ``WHERE``, nor a placeholder that could hold one."""
    required = "FROM" if action == "DELETE" else "SET"
    if not any(token.is_keyword and token.normalized == required for token in rest):
        return None  # not SQL at all ("update the cache"), or a form we do not read
    if len(rest) == 2 and isinstance(rest[1], groups.Identifier) and rest[1].has_alias():
        return None  # "delete from the list": an alias with nothing to use it is English
    if _has_where(rest) or _placeholder_may_hold_a_clause(statement):
        return None
    return DELETE_ALL if action == "DELETE" else UPDATE_ALL


def _drop(rest: list[groups.Token]) -> Destruction | None:
    if not rest or not rest[0].is_keyword:
        return None
    target = rest[0].normalized
    if target == "MATERIALIZED" and len(rest) > 1 and rest[1].normalized == "VIEW":
        target, rest = "VIEW", rest[1:]
    if target not in _DROPS or len(rest) < 2:
        return None  # DROP TEMPORARY TABLE, DROP FUNCTION, DROP USER...: no stored data lost
    return _DROPS[target]


def _is_truncate(rest: list[groups.Token]) -> bool:
    """``TRUNCATE [TABLE] name[, name] [CASCADE]`` and nothing else: not an English sentence."""
    names = 0
    for token in rest:
        if isinstance(token, groups.Identifier):
            if token.has_alias():
                return False
            names += 1
        elif isinstance(token, groups.IdentifierList) or token.ttype in T.Name:
            names += 1
        elif token.is_keyword and token.normalized in _TRUNCATE_WORDS:
            continue
        elif token.is_keyword and names == 0 and rest[0].normalized == "TABLE":
            names += 1  # a table named like a keyword: TRUNCATE TABLE user
        elif not (token.ttype in T.Punctuation and token.value in ",;"):
            return False
    return names > 0


def _drops_column(rest: list[groups.Token]) -> bool:
    if not rest or not (rest[0].is_keyword and rest[0].normalized == "TABLE"):
        return False
    for position, token in enumerate(rest[:-1]):
        if token.ttype in T.Keyword.DDL and token.normalized == "DROP":
            following = rest[position + 1]
            if following.is_keyword:
                if following.normalized == "COLUMN":
                    return True
            elif isinstance(following, groups.Identifier) or following.ttype in T.Name:
                if following.value.upper() not in _NOT_COLUMNS:
                    return True  # DROP c, the COLUMN keyword being optional
    return False


def _has_where(tokens: list[groups.Token]) -> bool:
    """A ``WHERE`` of the statement itself: subqueries in parentheses do not count."""
    for token in tokens:
        if isinstance(token, groups.Where) or (token.is_keyword and token.normalized == "WHERE"):
            return True
        if token.is_group and not isinstance(token, groups.Parenthesis) and _has_where(token.tokens):
            return True
    return False


def _placeholder_may_hold_a_clause(statement: groups.Statement) -> bool:
    """Whether an interpolated piece stands where a whole clause could be.

    ``f"DELETE FROM {table}"`` has no ``WHERE`` whatever ``table`` is, but
    ``f"DELETE FROM t {filters}"`` or ``"UPDATE t SET " + assignments`` may carry one.
    """
    tokens = list(_flat_outside_parentheses(statement))
    for position, token in enumerate(tokens):
        if PLACEHOLDER not in token.value:
            continue
        if PLACEHOLDER + PLACEHOLDER in token.value:
            return True  # f"{table}{where}": the second one may be anything
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and _binds_a_name(following):
            continue  # a column or a qualified name: {col} = ?, {schema}.t
        previous = tokens[position - 1] if position else None
        if previous is None:
            return True
        if _binds_a_name(previous):
            continue
        if previous.is_keyword and previous.normalized in _NAME_INTRODUCERS:
            continue
        return True
    return False


def _binds_a_name(token: groups.Token) -> bool:
    """An operator, a dot or an opening parenthesis: a placeholder beside it is a name or a
    value (``{col} = ?``, ``{schema}.t``, ``f({arg})``), not a clause."""
    return token.ttype in T.Operator or (token.ttype in T.Punctuation and token.value in ".(")


def _flat_outside_parentheses(token_list: groups.TokenList) -> Iterator[groups.Token]:
    for token in token_list.tokens:
        if isinstance(token, groups.Parenthesis):
            continue
        if token.is_group:
            yield from _flat_outside_parentheses(token)
        elif not token.is_whitespace and token.ttype not in T.Comment:
            yield token


def table_names(sql: str, verb: str) -> frozenset[str]:
    """Tables named by the ``CREATE TABLE`` (``verb="CREATE"``) or ``DROP TABLE`` statements in ``sql``."""
    if verb not in sql.upper():
        return frozenset()
    try:
        statements = sqlparse.parse(sql)
    except SQLParseError:
        return frozenset()
    names: set[str] = set()
    for statement in statements:
        names.update(_statement_tables(statement, verb))
    return frozenset(names)


def _statement_tables(statement: groups.Statement, verb: str) -> list[str]:
    """The tables one ``CREATE TABLE`` / ``DROP TABLE`` statement names; none for other statements."""
    tokens = _meaningful(statement.tokens)
    if not tokens or tokens[0].ttype not in T.Keyword.DDL or tokens[0].normalized != verb:
        return []
    rest = tokens[1:]
    while rest and rest[0].is_keyword and rest[0].normalized != "TABLE":
        rest = rest[1:]  # TEMPORARY, TEMP, UNLOGGED
    if not rest or rest[0].normalized != "TABLE":
        return []
    for token in rest[1:]:
        if isinstance(token, groups.IdentifierList):
            return [_table_name(item) for item in token.get_identifiers()]
        if isinstance(token, groups.Identifier):
            return [_table_name(token)]
        if not token.is_keyword:
            return []  # keywords (IF NOT EXISTS) come before the names
    return []


def _table_name(token: groups.Token) -> str:
    return str(token).strip().strip('"`[]').lower()
