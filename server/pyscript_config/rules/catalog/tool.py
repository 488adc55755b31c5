"""Rules about the tool itself: suppression comments (PSC900–PSC919).

These are not about PyScript: they keep the comments that silence other diagnostics
honest, so that a suppression left behind after the problem was fixed does not hide
the next real problem on that line.
"""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC901",
        "unused-suppression",
        Severity.WARNING,
        "A suppression comment that suppressed nothing.",
        "A `pyscript-config: ignore[...]` comment whose diagnostic no longer occurs (the "
        "problem was fixed, or the comment sits on the wrong line) silently hides the next "
        "problem of that kind that appears there. Codes the run does not report at all "
        "(`--select`, `ignore`, `per-file-ignores`) are not judged.",
        'packages = ["numpy"]  # pyscript-config: ignore[PSC102]',
        "Remove the comment, or the unused code from it (safe quick fix; `--fix` applies it).",
    ),
    Rule(
        "PSC902",
        "unknown-suppression-code",
        Severity.WARNING,
        "A suppression comment names a code that does not exist.",
        "A misspelt code suppresses nothing, so the diagnostic you meant to silence is still "
        "reported (or the comment outlives its purpose unnoticed).",
        'theme = "dark"  # pyscript-config: ignore[PSC1O1]',
        "Correct the code (`pyscript-config rules` lists them) or remove it.",
    ),
    Rule(
        "PSC903",
        "invalid-suppression",
        Severity.WARNING,
        "A comment starting with `pyscript-config:` is not a valid suppression.",
        "Only `pyscript-config: ignore`, `ignore[CODE, ...]`, `ignore-file` and "
        "`ignore-file[CODE, ...]` are understood; anything else (a misspelt word, an unclosed "
        "or empty bracket) suppresses nothing.",
        'theme = "dark"  # pyscript-config: ignroe[PSC101]',
        "Write the comment as `pyscript-config: ignore[CODE]`.",
    ),
)
