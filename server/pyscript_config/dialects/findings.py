"""What the dialect checks report, and the helpers their fixes share.

A finding is plain data in region-text coordinates: which construct, where, what the
runtime's parser does with it (its own error message when it throws), and a planned
fix as text edits. The rule module turns findings into diagnostics, adding how the
failure surfaces in the pipeline at hand (a page banner, a worker's PY0409, ...).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

from ..reading.toml_reader import parse_toml
from ..text import Span
from ..tree import Node, ParseResult, to_python

__all__ = ["Edit", "Finding", "FixPlan", "apply_edits", "header_name", "same_toml", "toml_key"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f]*')


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span  # in region text
    text: str


@dataclass(frozen=True, slots=True)
class FixPlan:
    title: str
    edits: tuple[Edit, ...]
    safe: bool
    # Offered instead when this one cannot be written (it would need HTML escaping).
    alternative: FixPlan | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # the rule's name in the catalog, e.g. "toml-comment-in-array"
    span: Span
    message: str  # what is written and what the parser makes of it
    thrown: str | None = None  # the parser's own message, when it throws here
    hint: str = ""  # what to do instead
    related: tuple[tuple[Span, str], ...] = ()
    fix: FixPlan | None = None
    supersedes: bool = False  # explains the strict syntax problem at the same span


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied (insertions at one offset keep order)."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].span.start, item[0]))
    parts: list[str] = []
    last = 0
    for _, edit in ordered:
        parts.append(text[last : edit.span.start])
        parts.append(edit.text)
        last = max(last, edit.span.end)
    parts.append(text[last:])
    return "".join(parts)


def toml_key(name: str) -> str | None:
    """`name` written as a key every PyScript TOML dialect reads the same way: bare, or
    double-quoted without escapes (basic-toml keeps escapes raw; toml-j0.4 rejects
    single quotes and empty keys). None when no such spelling exists."""
    if _BARE.fullmatch(name):
        return name
    if name and _PLAIN.fullmatch(name):
        return f'"{name}"'
    return None


def header_name(path: tuple[str, ...]) -> str | None:
    parts = [toml_key(name) for name in path]
    if any(part is None for part in parts):
        return None
    return ".".join(part for part in parts if part is not None)


def same_toml(parsed: ParseResult, fixed_text: str) -> bool:
    """Whether `fixed_text` is valid TOML (when the original was) with the same value."""
    fixed = parse_toml(fixed_text)
    if fixed.root is None or parsed.root is None:
        return False
    if fixed.problems and not parsed.problems:
        return False
    if len(fixed.problems) > len(parsed.problems):
        return False
    return _plain(to_python(fixed.root)) == _plain(to_python(parsed.root))


def _plain(value: object) -> object:
    """Comparable form: NaN equals NaN."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def js_value(node: Node) -> object:
    """A TOML value as JavaScript holds it after JSON: numbers as doubles, dates as dates."""
    return _js(to_python(node))


def _js(value: object) -> object:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        number = float(value)
        return int(number) if abs(number) < 1e21 else number
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e21:
            return int(value)
        return value
    if isinstance(value, (_dt.date, _dt.time)):
        return "<date>"
    if isinstance(value, dict):
        return {key: _js(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_js(item) for item in value]
    return value
