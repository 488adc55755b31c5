"""`pyscript-config validate`: options to settings, discovery, checks, output, exit code."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from ..diagnostics import Diagnostic
from ..files import DEFAULT_MAX_BYTES
from ..settings import PerFileIgnore, Settings
from .batch import BatchResult, StdinInput
from .batch import run as run_batch
from .discover import Failure, SettingsExclude, discover
from .main import FORMAT_ENV, OUTPUT_FORMATS, PROG, UsageError
from .report import Locator, Report, count, get_reporter
from .sources import SourceTexts

if TYPE_CHECKING:
    from ..tool_config import ToolConfig
    from .fixing import FixOutcome

_DIGITS = frozenset("0123456789")


def parse_selectors(values: list[str], option: str) -> tuple[str, ...]:
    """`--select PSC1,PSC200 --select psc3` -> ("PSC1", "PSC200", "PSC3").

    A selector is a code or a code prefix (ruff semantics: PSC1 = every PSC1xx code);
    `ALL` selects everything. Unknown selectors are usage errors, not silently empty.
    """
    from ..rules.registry import RULES

    selectors: list[str] = []
    for value in values:
        for part in value.split(","):
            selector = part.strip().upper()
            if not selector:
                continue
            if selector == "ALL":
                selector = "PSC"
            digits = selector[3:]
            well_formed = selector.startswith("PSC") and len(digits) <= 3 and set(digits) <= _DIGITS
            if not well_formed or not any(code.startswith(selector) for code in RULES):
                raise UsageError(
                    f"{option}: unknown rule selector {part.strip()!r} (expected a code or "
                    "a code prefix such as PSC1 or PSC102; see 'pyscript-config rules')"
                )
            selectors.append(selector)
    return tuple(dict.fromkeys(selectors))


def use_color(choice: str, stream: TextIO) -> bool:
    """--color always/never win; for auto, NO_COLOR, then FORCE_COLOR, then the TTY."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _check_version(version: str | None, option: str) -> None:
    if version is None:
        return
    from ..versions import release_key

    if release_key(version) is None:
        raise UsageError(f"{option}: {version!r} is not a PyScript release (e.g. 2026.7.3)")


def settings_file(directory: str) -> ToolConfig | None:
    """The nearest `pyscript-config.toml` (or `[tool.pyscript-config]`), checked strictly:
    a mistake in it stops the run (exit 2) rather than silently checking something else."""
    from ..tool_config import find_tool_config, load_tool_config

    path = find_tool_config(directory)
    if path is None:
        return None
    config = load_tool_config(path)
    if config.errors:
        raise UsageError(f"\n{PROG}: error: ".join(config.errors))
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith(os.pardir) else path
    parse_selectors(list(config.select), f"{shown}: select")
    parse_selectors(list(config.ignore), f"{shown}: ignore")
    for pattern, codes in config.per_file_ignores:
        parse_selectors(list(codes), f"{shown}: per-file-ignores: {pattern!r}")
    _check_version(config.pyscript_version, f"{shown}: pyscript-version")
    return config


def settings_from(args: argparse.Namespace, config: ToolConfig | None = None) -> Settings:
    """Command-line settings on top of the settings file's (select replaces, ignore adds)."""
    _check_version(args.pyscript_version, "--pyscript-version")
    settings = Settings(
        select=parse_selectors(args.select, "--select"),
        ignore=parse_selectors(args.ignore, "--ignore"),
        pyscript_version=args.pyscript_version,
        max_file_bytes=args.max_file_size or DEFAULT_MAX_BYTES,
    )
    if config is not None:
        settings = config.apply(settings)
        settings = replace(  # normalise the file's selectors as the options' are (ALL, case)
            settings,
            select=parse_selectors(list(settings.select), "select"),
            ignore=parse_selectors(list(settings.ignore), "ignore"),
            per_file_ignores=tuple(
                PerFileIgnore(
                    rule.pattern, parse_selectors(list(rule.codes), "per-file-ignores"), rule.root
                )
                for rule in settings.per_file_ignores
            ),
        )
    return settings


def _stdin_input(args: argparse.Namespace, paths: list[str]) -> StdinInput | None:
    wants_stdin = "-" in paths or (args.stdin_filename is not None and not paths)
    if not wants_stdin:
        if args.stdin_filename is not None:
            raise UsageError("--stdin-filename is only used when reading stdin ('-')")
        return None
    if not args.stdin_filename:
        raise UsageError("reading stdin ('-') needs --stdin-filename NAME, the name to check it as")
    stream = sys.stdin
    data = stream.buffer.read() if stream is not None else b""
    return StdinInput(os.path.normpath(args.stdin_filename), data)


def _fix_mode(args: argparse.Namespace, stdin: StdinInput | None, paths: list[str]) -> bool:
    """Whether this run fixes (`--fix`, `--diff`), after checking the options agree."""
    fixing = bool(args.fix or args.diff)
    if args.unsafe_fixes and not fixing:
        raise UsageError("--unsafe-fixes only has an effect with --fix or --diff")
    if fixing and stdin is not None and paths:
        raise UsageError(
            "--fix and --diff with stdin ('-') fix only stdin; do not pass other paths"
        )
    return fixing


def run(args: argparse.Namespace) -> int:
    given, source = args.output_format, "--output-format"
    if given is None:
        given, source = os.environ.get(FORMAT_ENV) or "text", f"${FORMAT_ENV}"
    output_format = given.strip().lower()
    if output_format not in OUTPUT_FORMATS:
        raise UsageError(
            f"{source}: unknown output format {given!r} "
            f"(expected one of {', '.join(OUTPUT_FORMATS)})"
        )
    config = None if args.isolated else settings_file(os.getcwd())
    settings = settings_from(args, config)
    paths = list(args.paths)
    stdin = _stdin_input(args, paths)
    paths = [path for path in paths if path != "-"]
    fixing = _fix_mode(args, stdin, paths)
    if not paths and stdin is None:
        paths = [os.curdir]

    settings_exclude = None
    if config is not None and config.exclude:
        settings_exclude = SettingsExclude(
            config.root, config.exclude, os.path.basename(config.path or "")
        )
    found = discover(paths, args.exclude, settings_exclude)
    roots = workspace_roots(config.root if config is not None else os.getcwd(), paths)
    if fixing:
        from .fixing import fix_files

        outcome = fix_files(found.candidates, settings, stdin, args.unsafe_fixes, roots)
        _verbose(args, config, settings, found.notes, outcome.first)
        _note_outside(outcome.first.outside, roots[0])
        if args.diff:
            return _show_diff(args, outcome, [*found.failures, *outcome.batch.failures])
        return _finish_fix(args, output_format, settings, outcome, found.failures, stdin)
    result = run_batch(found.candidates, settings, stdin, roots=roots)
    _verbose(args, config, settings, found.notes, result)
    _note_outside(result.outside, roots[0])
    failures = [*found.failures, *result.failures]
    texts = SourceTexts(settings.max_file_bytes, result.texts)
    return _output(args, output_format, result.diagnostics, result.checked, texts, failures)


def workspace_roots(root: str, paths: list[str]) -> list[str]:
    """The workspace root (the settings file's folder, else the current directory),
    then every path named on the command line (a file: its folder): what the user
    asked to be read. Real paths, so a symlink out of them counts as outside."""
    roots = [os.path.realpath(root or os.curdir)]
    for path in paths:
        real = os.path.realpath(path)
        roots.append(real if os.path.isdir(real) else os.path.dirname(real))
    return roots


def _note_outside(outside: list[str], root: str) -> None:
    """Files read outside the workspace are always said, not only with --verbose."""
    for path in outside:
        sys.stderr.write(
            f"{PROG}: note: read {path}, outside the workspace root {root} "
            "(a page or config points there)\n"
        )


def _verbose(
    args: argparse.Namespace,
    config: ToolConfig | None,
    settings: Settings,
    found_notes: list[str],
    result: BatchResult,
) -> None:
    if not args.verbose:
        return
    notes = [*found_notes, *result.notes]
    if config is not None:
        notes.insert(0, f"settings from {config.path}")
    if settings.pyscript_version is None:
        from ..versions import NEWEST_KNOWN

        notes.append(f"pages that do not name their PyScript release are checked as {NEWEST_KNOWN}")
    checked = len(result.checked)
    notes.append(f"{checked} file{'' if checked == 1 else 's'} checked")
    sys.stderr.write("".join(f"{PROG}: {note}\n" for note in notes))


def _output(
    args: argparse.Namespace,
    output_format: str,
    diagnostics: list[Diagnostic],
    checked: list[str],
    texts: SourceTexts,
    failures: list[Failure],
    fixed: tuple[tuple[str, str, int], ...] | None = None,
    stream: TextIO | None = None,
    unchecked: int | None = None,
) -> int:
    """Print the report (diagnostics, failures, summary) and return the exit code.

    `unchecked`: how many paths could not be checked, when not every failure is one
    (a fixed file that could not be written was checked).
    """
    out = stream or sys.stdout
    counts = count(diagnostics)
    if args.quiet < 2:
        report = Report(
            diagnostics, checked, Locator(texts), fixed=fixed, show_fixes=args.show_fixes
        )
        color = output_format == "text" and use_color(args.color, out)
        output = get_reporter(output_format)(report, color=color)
        out.write(output)
        out.flush()
        sys.stderr.write("".join(failure.line() + "\n" for failure in failures))
        if output_format == "text" and args.quiet == 0:
            from .report.text import fixed_lines, summary_line

            lines = []
            if fixed:
                lines.extend(fixed_lines(fixed, counts, details=args.show_fixes))
            not_checked = len(failures) if unchecked is None else unchecked
            lines.append(summary_line(counts, diagnostics, not_checked))
            separator = "\n" if output else ""
            out.write(separator + "".join(f"{line}\n" for line in lines))
    if failures:
        return 2
    if counts.errors or (args.error_on_warnings and counts.warnings):
        return 1
    return 0


def _show_diff(args: argparse.Namespace, outcome: FixOutcome, failures: list[Failure]) -> int:
    """`--diff`: what `--fix` would change, as a unified diff; nothing is written."""
    from .fixing import unified_diff

    changed = outcome.run.changed
    for path in sorted(changed):
        before = outcome.run.originals[path]
        if args.quiet < 2:
            sys.stdout.write(unified_diff(path, before, changed[path]))
    sys.stdout.flush()
    sys.stderr.write("".join(failure.line() + "\n" for failure in failures))
    fixes = len(outcome.run.fixed)
    if args.quiet == 0 and fixes:
        sys.stderr.write(f"Would fix {_problems(fixes)}.\n")
    if failures:
        return 2
    return 1 if changed else 0


def _problems(number: int) -> str:
    return f"{number} problem{'' if number == 1 else 's'}"


def _finish_fix(
    args: argparse.Namespace,
    output_format: str,
    settings: Settings,
    outcome: FixOutcome,
    discovery_failures: list[Failure],
    stdin: StdinInput | None,
) -> int:
    """`--fix`: write the fixed files (stdin: print it), then report what remains."""
    from .fixing import fixed_counts, write_fixes

    run = outcome.run
    stream: TextIO = sys.stdout
    texts: dict[str, str] = dict(outcome.batch.texts)
    if stdin is not None:
        _print_fixed_stdin(stdin, outcome)
        stream = sys.stderr  # the fixed text owns stdout, as with ruff
        texts.update(run.changed)
    else:
        write_fixes(outcome)
    failed = {failure.path for failure in outcome.failures}
    diagnostics = [d for d in run.diagnostics if d.path not in failed]
    diagnostics.extend(d for d in run.initial if d.path in failed)
    diagnostics.sort(key=Diagnostic.sort_key)
    fixed = [
        d
        for d in run.fixed
        if d.fix is None or not any(edit.path in failed for edit in d.fix.edits)
    ]
    unchecked = [*discovery_failures, *outcome.batch.failures]
    failures = [*unchecked, *outcome.failures]
    checked = sorted({*outcome.first.checked, *outcome.batch.checked})
    source_texts = SourceTexts(settings.max_file_bytes, texts)
    return _output(
        args,
        output_format,
        diagnostics,
        checked,
        source_texts,
        failures,
        fixed=tuple(fixed_counts(fixed)),
        stream=stream,
        unchecked=len(unchecked),
    )


def _print_fixed_stdin(stdin: StdinInput, outcome: FixOutcome) -> None:
    """The fixed text (or the input unchanged), byte for byte, on stdout."""
    data = stdin.data
    if stdin.name in outcome.run.changed:
        data = outcome.new_bytes(stdin.name)
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (tests): the bytes are UTF-8 by construction
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    sys.stdout.flush()
