"""AIL0xx: what the engine itself reports about a file or a suppression comment."""

from __future__ import annotations

from ailint.rule import Confidence, Docs, Invalid, Rule, Severity, Valid


class SyntaxErrorRule(Rule):
    code = "AIL001"
    name = "syntax-error"
    summary = "A file that Python cannot parse"
    message = "syntax error: {detail}"
    severity = Severity.HIGH
    docs = Docs(
        what="A file that Python cannot parse: a syntax error, bytes that are not valid in the "
        "file's encoding, or a NUL byte. The position and message are those of CPython's parser.",
        why="Assistants emit truncated files, merge two answers into one, or leave chat text in "
        "code. A file that does not parse is never checked by any other rule, so it must be loud.",
        bad="def handler(event:\n    return event\n",
        good="def handler(event):\n    return event\n",
        fix="Fix the syntax at the reported position. If the file is not Python (a template, a "
        "fixture on purpose), exclude it with `extend-exclude`.",
    )
    valid = (Valid("x = 1\n"), Valid("print('café')\n"))
    invalid = (
        Invalid("def f(:\n    pass\n", line=1),
        Invalid("x = 1\nif x\n    pass\n", line=2),
        Invalid("x = (\n", line=1),
    )


class InternalErrorRule(Rule):
    code = "AIL002"
    name = "internal-error"
    summary = "A rule or worker crashed while checking the file"
    message = "internal error in {rule}: {detail}"
    severity = Severity.HIGH
    selectable = False
    docs = Docs(
        what="A rule raised an exception while checking this file, or the worker checking it died. "
        "The finding names the rule (or `pipeline` / `worker`) and the exception; when one rule "
        "fails, the other rules still run and their findings for the file are still reported.",
        why="A linter must never fail silently: a rule that crashed did not check the file, and "
        "generated code is exactly the input nobody has tried before.",
        bad="# any file on which a rule crashes\n",
        good="# the same file after the rule is fixed\n",
        fix="Report the finding with the file that triggers it. Until it is fixed, `--ignore` the "
        "crashing rule's code for that path with `per-file-ignores`.",
        notes="Internal errors make `ailint check` exit with status 2. They are reported whatever "
        "`select` says; only ignoring the full code `AIL002` hides them. This code cannot be "
        "triggered by example code: its behaviour is tested with a rule that raises.",
    )
    valid = (Valid("x = 1\n"),)


class SuppressionWithoutReasonRule(Rule):
    code = "AIL003"
    name = "suppression-without-reason"
    summary = "An `# ailint: ignore` without a reason, when reasons are required"
    message = "suppression without a reason: add `-- why` after `# ailint: ignore[...]`"
    severity = Severity.LOW
    docs = Docs(
        what="With `require-suppression-reason = true`, an `# ailint: ignore[...]` comment that "
        "gives no reason after `--`. Such a comment does not suppress anything.",
        why="An assistant asked to make the linter pass will add suppressions. A required reason "
        "makes each one a visible decision a reviewer can question.",
        bad="try:\n    run()\nexcept:  # ailint: ignore[AIL101]\n    pass\n",
        good="try:\n    run()\nexcept:  # ailint: ignore[AIL101] -- best-effort cleanup at exit\n    pass\n",
        fix="Write why the finding is acceptable after `--`, or fix the code.",
        notes="Only checked when `require-suppression-reason = true` in `[tool.ailint]`; `# noqa` "
        "comments never carry reasons and are not checked.",
    )
    valid = (
        Valid("x = 1  # ailint: ignore[AIL101] -- reason given\n", config={"require-suppression-reason": True}),
        Valid("x = 1  # ailint: ignore[AIL101]\n"),
    )
    invalid = (Invalid("x = 1  # ailint: ignore[AIL101]\n", line=1, config={"require-suppression-reason": True}),)


class UnusedSuppressionRule(Rule):
    code = "AIL004"
    name = "unused-suppression"
    summary = "An `# ailint: ignore` that silences nothing"
    message = "unused suppression: {codes} not reported on this line"
    severity = Severity.LOW
    enabled_by_default = False
    docs = Docs(
        what="An `# ailint: ignore[...]` comment naming a code that is not reported on its line.",
        why="Stale suppressions pile up as code is regenerated and hide the next real finding on "
        "that line.",
        bad="x = 1  # ailint: ignore[AIL101] -- nothing to ignore here\n",
        good="x = 1\n",
        fix="Delete the comment, or the codes in it that no longer apply.",
        notes="Off by default: enable it with `extend-select = [\"AIL004\"]`. `# noqa` comments "
        "are shared with other flake8 plugins and are not checked.",
    )
    valid = (
        Valid(
            "try:\n    pass\nexcept:  # ailint: ignore[AIL101] -- shutdown path\n    pass\n",
            config={"select": ["AIL004", "AIL101"]},
        ),
        Valid("x = 1  # noqa: AIL101\n"),
    )
    invalid = (Invalid("x = 1  # ailint: ignore[AIL101] -- stale\n", line=1),)


class NotAnalysedRule(Rule):
    code = "AIL005"
    name = "not-analysed"
    summary = "A valid file that ailint could not analyse"
    message = "file could not be analysed: {detail}"
    severity = Severity.LOW
    confidence = Confidence.HIGH
    docs = Docs(
        what="A file that CPython accepts but ailint could not analyse: libcst's parser rejects a "
        "few valid constructs, and a file can be nested too deeply for the tree walk.",
        why="It says that the file was not checked, without claiming the code is wrong.",
        bad="# a valid file that libcst's parser rejects\n",
        good="# any file libcst parses\n",
        fix="Nothing to fix in the code. Exclude the file or ignore AIL005 for it if the gap is "
        "accepted; report the construct upstream to libcst.",
        notes="Which files trigger it depends on the libcst version, so it has no fixed example.",
    )
    valid = (Valid("x = 1\n"),)


class UnreadableFileRule(Rule):
    code = "AIL006"
    name = "unreadable-file"
    summary = "A file that could not be read"
    message = "file could not be read: {detail}"
    severity = Severity.MEDIUM
    docs = Docs(
        what="A file that could not be read: a path named on the command line that does not "
        "exist, a file that vanished during the run, access denied, or a broken symbolic link.",
        why="A file that is not read is not checked; saying so keeps a green run honest.",
        bad="# a file without read permission\n",
        good="# a readable file\n",
        fix="Fix the permissions or exclude the path.",
        notes="Raised by the file runner, not by source code, so it has no code example.",
    )
    valid = (Valid("x = 1\n"),)


class CustomSemgrepRule(Rule):
    code = "AIL007"
    name = "custom-semgrep-rule"
    summary = "A finding of a rule from one of the project's own Semgrep packs"
    message = "{rule}: {detail}"
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="A match of a rule from a Semgrep pack the project adds with `semgrep-packs` in "
        "`[tool.ailint]`. The message starts with the Semgrep rule's id; the severity comes from "
        "the rule's `severity` (ERROR is high, WARNING medium, INFO low).",
        why="Teams know the dangerous calls of their own platform best. Running their rules in the "
        "same pass as ailint's puts them in the same editor, pre-commit and code scanning output, "
        "with the same suppressions.",
        bad="# a line that matches a rule of your own pack\n",
        good="# the same line once the pack's advice is followed\n",
        fix="Follow the rule's message, which your pack defines.",
        notes="All rules of your own packs share this code, so `# noqa: AIL007` and "
        "`ignore = [\"AIL007\"]` apply to all of them; turn a single rule off in the pack itself. "
        "A custom rule has no fixed example: its behaviour is tested with a pack written for the "
        "test.",
    )
    valid = (Valid("x = 1\n"),)


ENGINE_RULES: tuple[type[Rule], ...] = (
    SyntaxErrorRule,
    InternalErrorRule,
    SuppressionWithoutReasonRule,
    UnusedSuppressionRule,
    NotAnalysedRule,
    UnreadableFileRule,
    CustomSemgrepRule,
)
