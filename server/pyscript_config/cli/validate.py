"""`pyscript-config validate`: options to settings, discovery, checks, output, exit code."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from ..files import DEFAULT_MAX_BYTES
from ..settings import Settings
from .batch import StdinInput
from .batch import run as run_batch
from .discover import SettingsExclude, discover
from .main import FORMAT_ENV, OUTPUT_FORMATS, PROG, UsageError
from .report import Locator, Report, count, get_reporter
from .sources import SourceTexts

if TYPE_CHECKING:
    from ..tool_config import ToolConfig

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
    if not paths and stdin is None:
        paths = [os.curdir]

    settings_exclude = None
    if config is not None and config.exclude:
        settings_exclude = SettingsExclude(
            config.root, config.exclude, os.path.basename(config.path or "")
        )
    found = discover(paths, args.exclude, settings_exclude)
    result = run_batch(found.candidates, settings, stdin)
    failures = [*found.failures, *result.failures]
    if args.verbose:
        notes = [*found.notes, *result.notes]
        if config is not None:
            notes.insert(0, f"settings from {config.path}")
        if settings.pyscript_version is None:
            from ..versions import NEWEST_KNOWN

            notes.append(
                f"pages that do not name their PyScript release are checked as {NEWEST_KNOWN}"
            )
        checked = len(result.checked)
        notes.append(f"{checked} file{'' if checked == 1 else 's'} checked")
        sys.stderr.write("".join(f"{PROG}: {note}\n" for note in notes))

    counts = count(result.diagnostics)
    if args.quiet < 2:
        report = Report(
            result.diagnostics,
            result.checked,
            Locator(SourceTexts(settings.max_file_bytes, result.texts)),
        )
        color = output_format == "text" and use_color(args.color, sys.stdout)
        output = get_reporter(output_format)(report, color=color)
        sys.stdout.write(output)
        sys.stdout.flush()
        sys.stderr.write("".join(failure.line() + "\n" for failure in failures))
        if output_format == "text" and args.quiet == 0:
            from .report.text import summary_line

            separator = "\n" if output else ""
            line = summary_line(counts, result.diagnostics, len(failures))
            sys.stdout.write(f"{separator}{line}\n")

    if failures:
        return 2
    if counts.errors or (args.error_on_warnings and counts.warnings):
        return 1
    return 0
