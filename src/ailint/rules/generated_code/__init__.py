"""AIL6xx: what generated code gets wrong on its own: placeholders left as if done, imports
of packages that do not exist, functions too complex to review, and chat text left behind."""

from __future__ import annotations

from ailint.rule import Rule
from ailint.rules.generated_code import artifacts, complexity, imports, placeholders

GENERATED_CODE_RULES: tuple[type[Rule], ...] = (
    *placeholders.RULES,
    *imports.RULES,
    *complexity.RULES,
    *artifacts.RULES,
)
