"""The text of an assistant's answer left in a source file: chat phrases and Markdown fences.

Shared by AIL630's libcst visitor and by the scan of files that do not parse: a pasted
answer usually breaks the file with a bare line of prose introducing the code, or with the
fence line of a Markdown code block. The phrase list is deliberately short and specific:
every entry is something an assistant says to its user and a programmer does not write in
a comment or docstring. Each was checked against the CPython standard library and Django.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from typing import Iterator

_APOSTROPHE = "['\u2019]"  # assistants often write the typographic apostrophe
_ME = rf"i(?:{_APOSTROPHE}ve| have)"
_EDITED = (
    r"(?:updated|corrected|modified|revised|complete|completed|full|refactored|fixed|improved|rewritten|"
    r"optimi[sz]ed|cleaned[- ]up|simplified|enhanced|adjusted)"
)
_CODE_NOUNS = r"(?:code|version|implementation|script|function|class|file|snippet|program|module|solution|method)s?"

_INTERJECTIONS = ("certainly", "sure", "absolutely", "of course", "great question")
# Each phrase with the lower-case strings one of which any match contains: a substring test
# of the lower-cased text is a hundred times cheaper than the regular expression, and most
# files contain none of them.
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("as an ai",), r"\bas an ai (?:language model|assistant|model)\b|\bas an ai,"),
    (("large language model",), r"\bas a large language model\b"),
    (
        ("here's", "here\u2019s", "here is", "here are", "below is", "below are", "above is", "above are"),
        rf"\b(?:here(?:{_APOSTROPHE}s| is| are)|(?:below|above) (?:is|are)) (?:the |your |an? )?{_EDITED} {_CODE_NOUNS}\b",
    ),
    (("hope this helps", "hope that helps"), r"\bi hope (?:this|that) helps\b"),
    (
        ("let me know if",),
        rf"\blet me know if (?:you (?:have|need|want|would like|run into)|there(?:{_APOSTROPHE}s| is| are)|anything|"
        rf"i can|you{_APOSTROPHE}d like)\b",
    ),
    (("feel free to",), r"\bfeel free to (?:ask|reach out|let me know)\b"),
    (
        tuple(f"{word}{mark}" for word in _INTERJECTIONS for mark in "!.,"),
        rf"^\W*(?:{'|'.join(_INTERJECTIONS)})\s*[!.,]\s*(?:here|below|{_ME}|i will|i{_APOSTROPHE}ll|let(?:{_APOSTROPHE}s| me))\b",
    ),
    (
        ("i've", "i\u2019ve", "i have"),
        rf"\b{_ME} (?:updated|modified|refactored|rewritten|revised|corrected|fixed|adjusted|improved|restructured|"
        rf"made|changed|replaced|simplified) (?:the |your |a |an |some )?(?:code|function|script|implementation|"
        rf"class|file|method|snippet|program|logic|following changes|changes)\b|\bnote:\s*{_ME}\b",
    ),
    (
        tuple(f"in this {word}" for word in ("updated", "modified", "revised", "corrected", "refactored", "improved")),
        r"\bin this (?:updated|modified|revised|corrected|refactored|improved) (?:version|code|implementation|snippet|script)\b",
    ),
    (("happy coding",), r"\bhappy coding\b"),
    (("i apologi",), r"\bi apologi[sz]e for (?:the|any|my) (?:confusion|oversight|error|mistake|misunderstanding)\b"),
    (("absolutely right",), rf"\byou{_APOSTROPHE}re absolutely right\b"),
    (("as of my",), r"\bas of my (?:last )?(?:knowledge|training) (?:cutoff|cut-off|update)\b"),
    (("sorry",), rf"\bi{_APOSTROPHE}m sorry,? but i (?:can{_APOSTROPHE}t|cannot|am unable)\b"),
    (("explanation of", "key changes made"), r"\bexplanation of (?:the )?changes\b|\bkey changes made\b"),
)
_COMPILED = tuple((anchors, re.compile(pattern, re.IGNORECASE | re.MULTILINE)) for anchors, pattern in _PHRASES)
# Every phrase in one expression, for the documentation and for tests.
CHAT_PHRASES = re.compile("|".join(pattern for _, pattern in _PHRASES), re.IGNORECASE | re.MULTILINE)

# A prose line of a pasted answer that introduces code: "Here's how it works:".
_INTRODUCTION = re.compile(rf"^here(?:{_APOSTROPHE}s| is| are)\b.*:$", re.IGNORECASE)
_FENCE = "```"
_LINE_END = re.compile(r"\r\n|\r|\n")  # CPython's line ends (str.splitlines knows more)


def chat_phrase(text: str) -> str | None:
    """A chat phrase in ``text`` (the first of the first kind found), or None."""
    found = _chat_match(text)
    return found.group().strip() if found else None


def _chat_match(text: str) -> re.Match[str] | None:
    lowered = text.lower()
    for anchors, pattern in _COMPILED:
        if any(anchor in lowered for anchor in anchors):
            found = pattern.search(text)
            if found:
                return found
    return None


@dataclass(frozen=True)
class TextArtifact:
    """A fence or chat text found by scanning the lines of a file (1-based line and column)."""

    kind: str  # "fence" or "chat"
    line: int
    column: int
    text: str


def scan_unparsable(text: str) -> Iterator[TextArtifact]:
    """Fences and chat text outside string literals, in a file that did not parse.

    Only line starts outside strings count: a fence in a Markdown docstring is legitimate.
    A chat line is a line of bare text that contains a chat phrase, or that starts with
    "Here is" and ends with a colon, and is not a Python statement itself; comments are
    checked for chat phrases as the libcst rule checks them in files that parse.
    """
    for number, line, starts_in_code, comment in _lines(text):
        if not starts_in_code:
            continue
        stripped = line.strip()
        column = len(line) - len(line.lstrip()) + 1
        if stripped.startswith(_FENCE):
            yield TextArtifact("fence", number, column, stripped)
            continue
        code = line[:comment].strip() if comment is not None else stripped
        phrase = _bare_chat(code)
        if phrase is not None:
            yield TextArtifact("chat", number, column, phrase)
        elif comment is not None and (phrase := chat_phrase(line[comment + 1 :])):
            yield TextArtifact("chat", number, comment + 1, phrase)


def _bare_chat(code: str) -> str | None:
    """The chat phrase of a line of prose, or the line if it introduces code; None for code.

    A phrase after a quote is in a string literal (a Python 2 ``print`` statement of a
    sentence), and a line that parses on its own is a statement.
    """
    found = _chat_match(code)
    if found is not None and not any(quote in code[: found.start()] for quote in "'\""):
        phrase = found.group().strip()
    elif _INTRODUCTION.match(code):
        phrase = code
    else:
        return None
    return None if _is_statement(code) else phrase


def _is_statement(line: str) -> bool:
    """Whether ``line`` parses as Python on its own (or as a compound statement's header)."""
    for candidate in (line, line + " pass"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(candidate)
        except (SyntaxError, ValueError):
            continue
        return True
    return False


def _lines(text: str) -> Iterator[tuple[int, str, bool, int | None]]:
    """Each line with its number, whether it starts outside a string, and where its comment starts.

    A small tokenizer that survives text that is not Python: a quote opens a string that
    ends at its closing quote, or at the end of the line unless it is triple-quoted (prose
    such as ``Here's`` opens a one-line string, harmlessly).
    """
    triple: str | None = None  # the delimiter of the triple-quoted string still open
    for number, line in enumerate(_LINE_END.split(text), start=1):
        starts_in_code = triple is None
        comment = None
        index, length = 0, len(line)
        while index < length:
            if triple is not None:
                index = _string_end(line, index, triple)
                if index < 0:
                    break
                triple = None
                continue
            char = line[index]
            if char == "#":
                comment = index
                break
            if char in "'\"":
                if line.startswith(char * 3, index):
                    triple = char * 3
                    index += 3
                    continue
                index = _string_end(line, index + 1, char)
                if index < 0:
                    break
                continue
            index += 1
        yield number, line, starts_in_code, comment


def _string_end(line: str, index: int, delimiter: str) -> int:
    """The index after ``delimiter`` closing a string at or after ``index``, or -1."""
    length = len(line)
    while index < length:
        if line[index] == "\\":
            index += 2
        elif line.startswith(delimiter, index):
            return index + len(delimiter)
        else:
            index += 1
    return -1
