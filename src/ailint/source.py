"""Turning a file's bytes into a libcst module, or into a precise reason why not.

libcst's native parser segfaults on deeply nested brackets (past ~1,500 levels on an 8 MB
stack) and on any other construct it nests that deep (``not not ...``, ``~~...``, ``lambda:
lambda: ...``, ``a.b.c...``, long ``elif`` chains, dotted imports), and it is quadratic in
that depth (4,000 terms take seconds; 10,000 chained calls take minutes). CPython's own
parser refuses the deepest of these and handles the rest, so a cheap scan sends suspicious
files to ``ast.parse`` as the arbiter, and a token scan estimates how deep libcst would
nest files with many nesting tokens, before libcst ever sees them.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import tokenize
import warnings
from dataclasses import dataclass

import libcst as cst

# CPython refuses more than 200 nested brackets and 100 indentation levels; anything the
# naive scan puts above these goes to ast.parse first.
MAX_NAIVE_BRACKET_DEPTH = 200
MAX_NAIVE_INDENT = 100
# Beyond this many nested operators libcst's tree walk exceeds Python's recursion limit
# anyway (it gives up at ~300 levels), and far beyond it the parser takes seconds or crashes.
MAX_OPERATOR_CHAIN = 1000

_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=]")
_LIBCST_POSITION = re.compile(r"parser error: error at (\d+):(\d+):")
_BRACKETS = re.compile(r"[()\[\]{}]")
_DEEP_INDENT = re.compile(rf"(?:^|\r)[ \t]{{{MAX_NAIVE_INDENT},}}\S", re.MULTILINE)  # \r: old Mac line ends
# Everything libcst nests one level per occurrence: operators, attribute access and dotted
# names, ``not``, ``lambda``, conditional expressions, ``elif``, and calls or subscripts
# applied to a call or subscript (``f()()``, ``a[0][0]``).
_NESTING = re.compile(
    r"[-+*/%|&^@<>~.]|\b(?:and|or|not|in|is|if|else|elif|lambda)\b|[)\]][ \t]*[(\[]"
)
_OPERANDS = frozenset({tokenize.NAME, tokenize.NUMBER, tokenize.STRING})
_BINARY_OPERATORS = frozenset(
    "+ - * / // % ** @ | & ^ << >> < > <= >= == != and or is in".split()
)
# Nest whatever follows them, wherever they appear.
_PREFIX_OPERATORS = frozenset({"not", "~", ".", "lambda"})
_UNARY_OPERATORS = frozenset({"-", "+"})
# Tokens that only lay out lines: they end a logical line or change the indentation.
_LAYOUT_TOKENS = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE})
_BRANCH_KEYWORDS = frozenset({"if", "elif", "else"})
_BRACKET_TOKENS = frozenset("()[]{}")
_SEPARATORS = frozenset({",", ";", ":"})
_KEYWORDS_NOT_OPERANDS = frozenset(
    "and as assert async await break class continue def del elif else except finally for from "
    "global if import in is lambda nonlocal not or pass raise return try while with yield".split()
)


@dataclass(frozen=True)
class Unparsable(Exception):
    """Why a file could not become a tree: ``syntax`` (AIL001) or ``not-analysed`` (AIL005)."""

    kind: str
    line: int
    column: int  # 1-based
    detail: str


def decode(source: bytes) -> str:
    """Decode with the file's declared encoding (PEP 263, BOM), as CPython would."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as error:
        message = str(error.msg)
        if message == "encoding problem: utf-8" and source.startswith(codecs.BOM_UTF8):
            message = "encoding problem: a UTF-8 byte order mark and a declaration of another encoding"
        if not message.startswith("invalid or missing encoding declaration"):
            raise Unparsable("syntax", _cookie_line(source), 1, message) from None
        # No usable cookie and line 1 or 2 is not UTF-8: name the byte, as for later lines.
        try:
            source.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "utf-8"
        else:
            raise Unparsable("syntax", _cookie_line(source), 1, message) from None
    try:
        return source.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = _line_and_column(source, error.start)
        byte = source[error.start]
        raise Unparsable("syntax", line, column, f"not valid {encoding}: byte 0x{byte:02x} ({error.reason})") from None
    except LookupError:
        raise Unparsable("syntax", 1, 1, f"unknown encoding {encoding!r}") from None


def _cookie_line(source: bytes) -> int:
    """The line of the encoding declaration (1 or 2), or 1."""
    for number, line in enumerate(source.split(b"\n", 2)[:2], start=1):
        if _COOKIE.match(line):
            return number
    return 1


def _line_and_column(buffer: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``buffer`` (text or bytes)."""
    newline = "\n" if isinstance(buffer, str) else b"\n"
    line_start = buffer.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return buffer.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


def parse(text: str) -> cst.Module:
    """Parse ``text`` with libcst, raising :class:`Unparsable` with the best explanation."""
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_and_column(text, nul)
        raise Unparsable("syntax", line, column, "source contains a NUL byte")
    if _looks_too_deep(text):
        _check_with_cpython(text)
    if len(_NESTING.findall(text)) > MAX_OPERATOR_CHAIN:
        chain, line = _longest_operator_chain(text)
        if chain > MAX_OPERATOR_CHAIN:
            _check_with_cpython(text)  # a syntax error is still reported as one
            detail = f"an expression or statement nested {chain} levels deep is too deep to analyse"
            raise Unparsable("not-analysed", line, 1, detail)
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        _check_with_cpython(text)
        # libcst's own line/column attributes can point past the error; its message is exact.
        where = _LIBCST_POSITION.match(error.message)
        line, column = (int(where[1]), int(where[2]) + 1) if where else (error.raw_line, error.raw_column + 1)
        detail = error.message[where.end() :] if where else error.message
        raise Unparsable(
            "not-analysed", line, column, f"CPython accepts it but libcst's parser does not ({detail.strip()})"
        ) from None
    except RecursionError:
        raise Unparsable("not-analysed", 1, 1, "too deeply nested to analyse") from None


def _looks_too_deep(text: str) -> bool:
    if _DEEP_INDENT.search(text):
        return True
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "([{" else -1
        deepest = max(deepest, depth)
    return deepest > MAX_NAIVE_BRACKET_DEPTH


def _check_with_cpython(text: str) -> None:
    """Raise the syntax error CPython reports for ``text``, if any."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as error:
        raise Unparsable("syntax", error.lineno or 1, max(error.offset or 1, 1), str(error.msg)) from None
    except (RecursionError, MemoryError, ValueError) as error:
        # MemoryError ("parser stack overflowed") often comes without a message.
        reason = str(error) or f"{type(error).__name__}, the code is too deeply nested"
        raise Unparsable("not-analysed", 1, 1, f"CPython's parser gave up: {reason}") from None


def _longest_operator_chain(text: str) -> tuple[int, int]:
    """How deep libcst would nest an expression or statement, and the line where it is deepest.

    Counts nesting tokens (chained binary operators, adjacent strings, prefix operators,
    attribute access, ``lambda``, conditional expressions, calls or subscripts applied to a
    call or subscript) per bracket level, reset at ``,`` ``:`` ``;`` (a new expression starts
    there; not at a ``lambda``'s colon), and adds up the open levels, since a chain inside a
    chain nests deeper still. ``elif`` chains are counted per indentation level.
    """
    levels = [0]
    lambdas = [0]  # per bracket level: colons still owed to a ``lambda``
    elifs: dict[int, int] = {}  # per indentation level: ``elif`` since the statement's ``if``
    indent = 0
    longest = 0
    longest_line = 1
    previous = None  # the previous token on this logical line
    try:
        # Universal newlines: CPython also ends a line at a lone carriage return (old Mac files).
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            kind, string = token.type, token.string
            if kind in _LAYOUT_TOKENS:
                if kind == tokenize.NEWLINE:
                    levels, lambdas, previous = [0], [0], None
                else:
                    indent = _indentation(kind, indent, elifs)
                continue
            depth = 0
            if previous is None and kind == tokenize.NAME and string in _BRANCH_KEYWORDS:
                depth = _branch_depth(string, indent, elifs)
            elif kind == tokenize.OP and string in _BRACKET_TOKENS:
                depth = _bracket(string, previous, levels, lambdas)
            elif string in _SEPARATORS:
                _separate(string, levels, lambdas)
            elif _nests(kind, string, previous):
                if string == "lambda":
                    lambdas[-1] += 1
                levels[-1] += 1
                depth = sum(levels)
            if depth > longest:
                longest, longest_line = depth, token.start[0]
            previous = token
    except (tokenize.TokenError, SyntaxError):
        pass
    return longest, longest_line


def _indentation(kind: int, indent: int, elifs: dict[int, int]) -> int:
    """The indentation level after a layout token other than ``NEWLINE``; leaving a level
    ends the ``elif`` chains counted there."""
    if kind == tokenize.INDENT:
        return indent + 1
    if kind == tokenize.DEDENT:
        elifs.pop(indent, None)
        return indent - 1
    return indent  # a blank line or a comment


def _branch_depth(keyword: str, indent: int, elifs: dict[int, int]) -> int:
    """How deep a statement's ``if`` / ``elif`` / ``else`` nests: each ``elif`` one level
    deeper than the branch before it."""
    if keyword == "else":
        return 0  # the ``else:`` of a statement
    elifs[indent] = elifs.get(indent, 0) + 1 if keyword == "elif" else 0
    return elifs[indent]


def _bracket(bracket: str, previous: tokenize.TokenInfo | None, levels: list[int], lambdas: list[int]) -> int:
    """Opens or closes a bracket level, and how deep an opening one nests: a call or
    subscript of what came before nests one level deeper."""
    if bracket in ")]}":
        if len(levels) > 1:
            levels.pop()
            lambdas.pop()
        return 0
    depth = 0
    if bracket != "{" and previous is not None and _is_operand(previous):
        levels[-1] += 1
        depth = sum(levels)
    levels.append(0)
    lambdas.append(0)
    return depth


def _separate(separator: str, levels: list[int], lambdas: list[int]) -> None:
    """A new expression starts after ``,`` ``;`` and ``:``, unless the colon is a ``lambda``'s."""
    if separator == ":" and lambdas[-1]:
        lambdas[-1] -= 1
    else:
        levels[-1] = 0


def _nests(kind: int, string: str, previous: tokenize.TokenInfo | None) -> bool:
    """Whether the token nests what follows it one level deeper."""
    return (
        string in _PREFIX_OPERATORS
        or string in ("if", "else") and kind == tokenize.NAME
        or string in _UNARY_OPERATORS and not (previous is not None and _is_operand(previous))
        or previous is not None
        and (
            string in _BINARY_OPERATORS and _is_operand(previous)
            or kind == previous.type == tokenize.STRING
        )
    )


def _is_operand(token: tokenize.TokenInfo) -> bool:
    if token.type == tokenize.NAME:
        return token.string not in _KEYWORDS_NOT_OPERANDS
    return token.type in _OPERANDS or token.string in (")", "]", "}")
