"""Requirement strings (PEP 508) and wheel file names (PEP 427), as micropip reads them.

micropip parses every `packages` entry that is not a URL or a `.whl` with `packaging`'s
`Requirement`, which rejects anything outside PEP 508 (and versions outside PEP 440), and
the whole install fails. This is a small strict parser of our own: enough to say *where*
an entry stops being a requirement, without depending on `packaging` at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_WS = re.compile(r"[ \t]*")
_OPERATOR = re.compile(r"===|~=|==|!=|<=|>=|<|>")
# PEP 440 public version with optional local part (case-insensitive), written from the
# grammar in the PEP.
_RELEASE = r"\d+(?:\.\d+)*"
_PRE = r"(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)"
_POST = r"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)"
_DEV = r"(?:[-_.]?dev[-_.]?\d*)"
_LOCAL = r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)"
PEP440 = re.compile(
    rf"v?(?:\d+!)?{_RELEASE}{_PRE}?{_POST}?{_DEV}?{_LOCAL}?\Z",
    re.IGNORECASE,
)
_WILDCARD = re.compile(rf"v?(?:\d+!)?{_RELEASE}\.\*\Z", re.IGNORECASE)
_VERSION_TEXT = re.compile(r"[^\s,;)]+")


@dataclass(frozen=True, slots=True)
class Requirement:
    name: str
    name_end: int  # index just after the name in the entry
    extras: tuple[str, ...] = ()
    specifiers: tuple[tuple[str, str], ...] = ()  # (operator, version)
    url: str | None = None
    marker: str | None = None


@dataclass(frozen=True, slots=True)
class RequirementError:
    message: str
    start: int  # where in the entry the problem is
    end: int


@dataclass(slots=True)
class _Cursor:
    text: str
    at: int = 0
    errors: list[RequirementError] = field(default_factory=list)

    def skip_ws(self) -> None:
        match = _WS.match(self.text, self.at)
        if match:
            self.at = match.end()

    def peek(self, literal: str) -> bool:
        return self.text.startswith(literal, self.at)

    def done(self) -> bool:
        return self.at >= len(self.text)


def parse_requirement(text: str) -> Requirement | RequirementError:
    """Parse one PEP 508 requirement; the error says what is wrong and where."""
    cur = _Cursor(text)
    cur.skip_ws()
    match = NAME.match(text, cur.at)
    if not match:
        return RequirementError("a requirement must start with a package name", cur.at, cur.at + 1)
    name, name_end = match.group(), match.end()
    cur.at = name_end
    cur.skip_ws()
    extras: tuple[str, ...] = ()
    if cur.peek("["):
        parsed = _extras(cur)
        if isinstance(parsed, RequirementError):
            return parsed
        extras = parsed
        cur.skip_ws()
    url = None
    specifiers: tuple[tuple[str, str], ...] = ()
    if cur.peek("@"):
        cur.at += 1
        cur.skip_ws()
        start = cur.at
        while not cur.done() and not cur.text[cur.at].isspace():
            cur.at += 1
        url = text[start : cur.at]
        if not url:
            return RequirementError("a URL must follow '@'", start, start + 1)
        cur.skip_ws()
    else:
        parsed_specs = _specifiers(cur)
        if isinstance(parsed_specs, RequirementError):
            return parsed_specs
        specifiers = parsed_specs
        cur.skip_ws()
    marker = None
    if cur.peek(";"):
        marker = text[cur.at + 1 :].strip()
        if not marker:
            return RequirementError("an environment marker must follow ';'", cur.at, cur.at + 1)
        cur.at = len(text)
    if not cur.done():
        rest = text[cur.at :]
        hint = _hint(rest, name)
        return RequirementError(f"unexpected {rest[:1]!r}{hint}", cur.at, len(text))
    return Requirement(name, name_end, extras, specifiers, url, marker)


def _hint(rest: str, name: str) -> str:
    if rest.startswith("=") and not rest.startswith("=="):
        return f": a version pin needs '==' (write {name}=={rest.lstrip('=').strip()})"
    if rest[:1].isdigit():
        return f": a version needs an operator (write {name}=={rest.strip()})"
    return ""


def _extras(cur: _Cursor) -> tuple[str, ...] | RequirementError:
    open_at = cur.at
    cur.at += 1
    names: list[str] = []
    cur.skip_ws()
    if cur.peek("]"):
        cur.at += 1
        return ()
    while True:
        cur.skip_ws()
        match = NAME.match(cur.text, cur.at)
        if not match:
            return RequirementError("expected an extra's name", cur.at, cur.at + 1)
        names.append(match.group())
        cur.at = match.end()
        cur.skip_ws()
        if cur.peek(","):
            cur.at += 1
            continue
        if cur.peek("]"):
            cur.at += 1
            return tuple(names)
        return RequirementError("unclosed '[' of the extras", open_at, cur.at)


def _specifiers(cur: _Cursor) -> tuple[tuple[str, str], ...] | RequirementError:
    parenthesised = cur.peek("(")
    if parenthesised:
        cur.at += 1
        cur.skip_ws()
    found: list[tuple[str, str]] = []
    while True:
        cur.skip_ws()
        op = _OPERATOR.match(cur.text, cur.at)
        if not op:
            if found or parenthesised:
                return RequirementError("expected a version operator", cur.at, cur.at + 1)
            return ()
        cur.at = op.end()
        cur.skip_ws()
        version = _VERSION_TEXT.match(cur.text, cur.at)
        if not version:
            return RequirementError(f"a version must follow '{op.group()}'", op.start(), cur.at)
        problem = _check_version(op.group(), version.group())
        if problem:
            return RequirementError(problem, version.start(), version.end())
        found.append((op.group(), version.group()))
        cur.at = version.end()
        cur.skip_ws()
        if cur.peek(","):
            cur.at += 1
            continue
        break
    if parenthesised:
        if not cur.peek(")"):
            return RequirementError("unclosed '('", cur.at, cur.at + 1)
        cur.at += 1
    return tuple(found)


def _check_version(op: str, version: str) -> str | None:
    if op == "===":
        return None
    if op in ("==", "!=") and _WILDCARD.match(version):
        return None
    if not PEP440.match(version):
        return f"{version!r} is not a valid version (PEP 440)"
    if op == "~=" and "." not in version.split("+", 1)[0]:
        return f"'~=' needs at least two version parts (for example ~={version}.0)"
    if "+" in version and op not in ("==", "!="):
        return f"a local version ({version!r}) is only allowed with '==' or '!='"
    return None


# --- wheel file names ---------------------------------------------------------------------

_WHEEL = re.compile(
    r"(?P<name>[^-]+)-(?P<version>[^-]+)(?:-(?P<build>\d[^-]*))?"
    r"-(?P<python>[^-]+)-(?P<abi>[^-]+)-(?P<platform>[^-]+)\.whl\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WheelName:
    name: str
    version: str
    python: str
    abi: str
    platform: str

    def runs_in_browser(self) -> bool:
        """Pure (`any`) or built for Pyodide/Emscripten, for any of a compressed tag set."""
        return any(
            tag == "any" or tag.startswith(("pyodide", "emscripten"))
            for tag in self.platform.lower().split(".")
        )


def parse_wheel_name(filename: str) -> WheelName | None:
    match = _WHEEL.match(filename)
    if not match:
        return None
    return WheelName(
        match["name"], match["version"], match["python"], match["abi"], match["platform"]
    )
