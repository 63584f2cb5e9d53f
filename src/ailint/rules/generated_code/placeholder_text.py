"""The words of unfinished code: elision comments (AIL602) and the markers AIL601 trusts.

An elision comment stands where an assistant left code out of its answer (``# ... rest of
the code``, ``# existing code here``, ``# TODO: implement``). The patterns match whole
comments or unambiguous phrases only: ``# TODO: handle retries`` names real work, and
``# the rest of the code assumes UTC`` explains code that is there.
"""

from __future__ import annotations

import re

_DOTS = r"(?:\.{2,}|\u2026)"
_FRAME = rf"(?:{_DOTS}|[(\[<])"  # how an elision note is set apart: "...", "(...)", "[...]"
_CODE = r"(?:code|file|function|class|method|implementation|module|logic|script|body|program|functions|methods|imports)"
_UNCHANGED = (
    r"(?:(?:remains?|stays?|is|are|kept|left)\s+)?(?:unchanged|the same|as (?:is|before|above)|untouched|"
    r"(?:goes |go )?here|omitted|not shown)"
)

ELISION = re.compile(
    "|".join(
        (
            # Notes set apart by leading dots or by brackets.
            rf"^\W*{_DOTS}\s*\(?\s*(?:keep |keeping |and )?(?:the |all |your )?(?:rest|remainder|remaining|existing|"
            rf"same|unchanged|previous|omitted|original|snip|your code)\b",
            rf"^\W*[(\[<]\s*(?:{_DOTS}\s*)?(?:(?:the )?(?:rest|remainder)(?: of (?:the )?{_CODE})?(?:\s+{_UNCHANGED})?|"
            rf"(?:existing|previous|original) code(?:\s+{_UNCHANGED})?|same as (?:before|above)|unchanged|snip|"
            rf"(?:code )?omitted(?: for brevity)?)\s*(?:{_DOTS}\s*)?[)\]>]",
            # The rest of some code, alone or said to be unchanged.
            rf"^\W*(?:keep |keeping |and )?(?:the )?(?:rest|remainder) of (?:the |your |this )?{_CODE}\b"
            rf"(?:\s+{_UNCHANGED})?\W*$",
            # Existing, previous or other code, kept or said to be unchanged.
            rf"^\W*(?:keep |keeping )?(?:the |all |your )?(?:existing|previous|remaining|unchanged) code"
            rf"(?:\s+{_UNCHANGED})?\W*$",
            rf"^\W*(?:keep |keeping )?(?:the |all |your )?(?:existing|previous|remaining|other|unchanged) "
            rf"{_CODE}\s+{_UNCHANGED}\W*$",
            # A TODO that asks for the whole implementation, not for one named piece of work.
            r"^\W*(?:todo|fixme)\b\W*(?:implement(?:ation)?(?: (?:this|me|it|here|later|now))?"
            r"(?: (?:the |this )?(?:logic|function|method|functionality|feature|class|body|details))?"
            r"|add (?:your |the |an? )?(?:code|logic|implementation)(?: here)?|fill (?:this |it )?in"
            r"|write (?:the |your )?(?:code|implementation|logic)(?: here)?|complete (?:this|the implementation)"
            r"|finish (?:this|the implementation))\W*$",
            # Where the reader is told to put the code.
            r"\b(?:your|add(?: your)?|insert(?: your)?|put(?: your)?|write(?: your)?) (?:own )?"
            r"(?:code|logic|implementation|business logic|custom logic)(?: goes)? here\b",
            r"^\W*(?:(?:the |actual |real |main )?(?:code|logic|implementation|business logic))(?: goes)? here\W*$",
            r"\b(?:implementation|logic|code) goes here\b",
            r"^\W*implement (?:this |me |it )?here\W*$",
            # A stand-in for the real logic, said to be one.
            r"\bin a (?:real|production|real-world|proper|actual|full|complete) (?:implementation|application|app|system|"
            r"scenario|project|setting|environment|use case|codebase|program|world scenario)\b",
            r"\bin (?:a )?real[- ]world (?:scenario|usage|application|code)\b",
            r"\bin production,? you(?:'d| would| should| will| might)\b",
            r"\bthis is (?:a |just a |only a )?(?:simplified|placeholder|mock|dummy|simulated|stub) "
            r"(?:implementation|version|example|logic)\b",
            r"\bplaceholder (?:implementation|logic|code)\b|\bplaceholder for (?:the )?(?:actual|real)\b",
            r"\breplace (?:this|it) with (?:a |an |the |your )?(?:real|actual|proper)\b",
            # Brevity given as the reason for a gap.
            r"^\W*(?:the )?(?:rest|remainder) (?:is |remains |stays )?(?:unchanged|the same|as before)\W*$",
            r"\b(?:code|implementation|logic|methods|functions|details)(?: is| are)? "
            r"(?:omitted|truncated|elided|shortened|left out|not shown|skipped) for brevity\b",
            r"\b(?:code|implementation|details|logic) (?:omitted|elided|not shown)\b",
        )
    ),
    re.IGNORECASE,
)

# A comment or docstring of an empty function that says it is unfinished: AIL601 reports
# it wherever it is, base class or not.
UNFINISHED = re.compile(
    r"\b(?:todo|fixme)\b|\bimplement (?:me|later)\b|\bimplement this\s*(?:[.!]|$)|\bnot (?:yet )?implemented yet\b|"
    r"\bnot implemented\W*$|\bto be implemented\b|\bcoming soon\b",
    re.IGNORECASE,
)
# The message of a ``raise NotImplementedError(...)`` that says it is unfinished; "not
# implemented" alone often means "not supported by this class".
UNFINISHED_ERROR = re.compile(
    r"\b(?:todo|fixme|yet|wip)\b|\bimplement (?:me|this|later)\b|\bcoming soon\b|\bplaceholder\b",
    re.IGNORECASE,
)
# A docstring or comment that says the empty body is deliberate.
DELIBERATE = re.compile(
    r"\bno[- ]?op\b|\bnop\b|\bnothing\b|\bintentional|\bdeliberate|\bon purpose\b|\bleft (?:blank|empty)\b|"
    r"\bempty\b|\boverrid|\bsubclass|\bhook|\bdefault implementation\b|\bby default\b|"
    r"\bnot (?:supported|applicable|needed|required|used|available|necessary)\b|\bunsupported\b|\bn[o']t support|\bignor|"
    r"\bsilen|\bdisabl|\bsuppress|\bcompatib|\binterface\b|\babstract|\bstub|\bdummy|\bmock|\bfake|"
    r"\bmust (?:be )?implement|\bshould (?:be )?implement|\bimplemented (?:by|in)\b|\bcallback|\bprotocol\b|"
    r"\bdefault\b|\bdeprecated\b|\bcalled (?:by|when|before|after|once|at|for|from|on)\b|\bchild class|\boverwrit|"
    r"\bbase class|\boptional method\b|\bmonkey ?patch",
    re.IGNORECASE,
)
# A class docstring that says the class is meant to be derived from.
BASE_CLASS_DOC = re.compile(
    r"\binterface\b|\babstract|\bbase class|\bsubclass|\boverrid|\bprotocol\b|\bhooks?\b|\bmixin",
    re.IGNORECASE,
)


def elision(comment: str) -> bool:
    """Whether a comment's text (with or without the ``#``) marks code left out."""
    return ELISION.search(comment.lstrip("#").strip()) is not None
