"""`pyscript-config`: argument parsing, dispatch, and the promise of no tracebacks.

Only argparse, os and sys are imported here: the pre-commit hook starts this
command on every commit, so each subcommand imports what it needs when it runs
(and `validate` never loads pydantic, jsonschema, pygls or lsprotocol).

Exit codes: 0 clean, 1 problems found, 2 usage error, I/O failure or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys

PROG = "pyscript-config"
ISSUES_URL = "https://github.com/pyscript-config/pyscript-config/issues"
OUTPUT_FORMATS = ("text", "json", "github", "sarif", "junit")
FORMAT_ENV = "PYSCRIPT_CONFIG_OUTPUT_FORMAT"


class UsageError(Exception):
    """A mistake in how the command was called: one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def _version() -> str:
    from .. import __version__

    return f"{PROG} {__version__}"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Check PyScript configuration: <py-config>, config= attributes, "
        "pyscript.toml and pyscript.json.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_validate(commands)
    _add_schema(commands)
    _add_rules(commands)
    _add_server(commands)
    return parser


def _add_validate(commands: argparse._SubParsersAction[_Parser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="check pages and config files (default: the current directory)",
        description="Check PyScript pages and config files. Directories are searched "
        "recursively for .html/.htm/.xhtml pages and the pyscript.toml/pyscript.json "
        "files and other config files they point to.",
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin"
    )
    validate.add_argument(
        "--output-format",
        metavar="FORMAT",
        help=f"{'|'.join(OUTPUT_FORMATS)} (default: text, or ${FORMAT_ENV})",
    )
    validate.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: when stdout is a terminal; honours NO_COLOR "
        "and FORCE_COLOR)",
    )
    validate.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="only report these codes; comma-separated prefixes (PSC1 = all PSC1xx)",
    )
    validate.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="do not report these codes; comma-separated prefixes",
    )
    validate.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="print diagnostics only, no summary; twice: print nothing, only set the exit code",
    )
    validate.add_argument(
        "-v", "--verbose", action="store_true", help="say which files were checked or skipped"
    )
    validate.add_argument(
        "--error-on-warnings",
        action="store_true",
        help="exit with 1 when there are warnings, not only errors",
    )
    validate.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip paths matching GLOB (relative to the given directory, or a file name)",
    )
    validate.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with '-': check stdin as if it were the file NAME",
    )
    validate.add_argument(
        "--isolated",
        action="store_true",
        help="ignore settings files (pyscript-config.toml, [tool.pyscript-config])",
    )
    validate.add_argument(
        "--pyscript-version",
        metavar="VER",
        help="PyScript release to assume when a page does not say (e.g. 2026.7.3)",
    )
    validate.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to the files (stdin: print the fixed text); the "
        "problems that remain are reported",
    )
    validate.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff: also apply fixes that may change what the page does",
    )
    validate.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change and write nothing "
        "(exit 1 when there is a diff)",
    )
    validate.add_argument(
        "--show-fixes",
        action="store_true",
        help="text output: show each diagnostic's fix as changed lines, and list the "
        "fixes --fix applied",
    )
    validate.add_argument(
        "--max-file-size",
        type=_positive_int,
        metavar="BYTES",
        help="skip files larger than this (reported as PSC004; default 5 MiB)",
    )
    validate.set_defaults(handler=_run_validate)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes: {text!r}")
    return value


def _add_schema(commands: argparse._SubParsersAction[_Parser]) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema for pyscript.toml / pyscript.json",
        description="Print the JSON Schema generated from the config model, write it "
        "to the repository's schema files, or check that those files are up to date.",
    )
    group = schema.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="write the schema files")
    group.add_argument(
        "--check", action="store_true", help="exit with 1 if the schema files are out of date"
    )
    schema.set_defaults(handler=_run_schema)


def _add_rules(commands: argparse._SubParsersAction[_Parser]) -> None:
    rules = commands.add_parser(
        "rules",
        help="list the diagnostic codes, or show one rule's documentation",
        description="List every diagnostic code with its name and default severity, or "
        "show the documentation of one code.",
    )
    rules.add_argument("code", nargs="?", metavar="CODE", help="e.g. PSC100")
    rules.set_defaults(handler=_run_rules)


def _add_server(commands: argparse._SubParsersAction[_Parser]) -> None:
    server = commands.add_parser(
        "server",
        help="run the language server (LSP over stdio, or TCP with --tcp)",
        description="Run the pyscript-config language server. Editors start it with "
        "no arguments and talk LSP over stdin/stdout; --tcp listens on a socket instead "
        "(loopback unless --host says otherwise). See docs/language-server.md.",
    )
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    server.add_argument("--tcp", action="store_true", help="listen on a TCP socket")
    server.add_argument(
        "--host", default="127.0.0.1", help="with --tcp: address to bind (default: 127.0.0.1)"
    )
    server.add_argument("--port", type=_port, default=2087, help="with --tcp: port (default: 2087)")
    server.set_defaults(handler=_run_server)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535: {text!r}")
    return value


def _run_server(args: argparse.Namespace) -> int:
    if args.tcp and args.stdio:
        raise UsageError("--stdio and --tcp exclude each other")
    from ..lsp.server import run

    return run(tcp=args.tcp, host=args.host, port=args.port)


def _run_validate(args: argparse.Namespace) -> int:
    from .validate import run

    return run(args)


def _run_schema(args: argparse.Namespace) -> int:
    from .commands import schema_command

    return schema_command(write=args.write, check=args.check)


def _run_rules(args: argparse.Namespace) -> int:
    from .commands import rules_command

    return rules_command(args.code)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit code (never raises, never prints a traceback)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    _tolerate_unencodable_output()
    try:
        code: int = handler(args)
        sys.stdout.flush()
        return code
    except UsageError as error:
        sys.stderr.write(f"{PROG}: error: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more to say, and nowhere to say it.
        _silence_stdout()
        return 2
    except Exception as error:
        detail = " ".join(str(error).split())[:300]
        sys.stderr.write(
            f"{PROG}: internal error: {type(error).__name__}: {detail} "
            f"(this is a bug; please report it at {ISSUES_URL})\n"
        )
        return 2


def _tolerate_unencodable_output() -> None:
    """A terminal that cannot show a character gets an escape, not a crash."""
    from contextlib import suppress

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
