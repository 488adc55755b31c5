"""Fix edits that rewrite part of a config, made safe for the place the config lives in.

A fix may only touch text that reaches the config verbatim: inside an HTML attribute or a
`<py-config>` body, decoded text that was written with entities cannot be replaced by
plain text, and the new text must not need escaping there (quotes, `&`, `<`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics import TextEdit
from ..regions import Origin
from ..text import Span
from .context import RuleContext


def edit(ctx: RuleContext, span: Span, new_text: str) -> TextEdit | None:
    """An edit of region text `span`, or None when it cannot be written safely."""
    host = ctx.host(span)
    if host.end - host.start != span.end - span.start:
        return None  # entities or normalised line breaks inside: not verbatim
    region = ctx.region
    if region.origin is not Origin.FILE:
        if "&" in new_text or "<" in new_text:
            return None
        quote = region.attribute.quote if region.attribute is not None else ""
        if region.origin is Origin.ATTRIBUTE and (not quote or quote in new_text):
            return None
    return ctx.edit(span, new_text)


def replace_all(ctx: RuleContext, new_text: str) -> TextEdit | None:
    """One edit turning the region's text into `new_text`, as narrow as possible."""
    old = ctx.region.text
    if old == new_text:
        return None
    start = 0
    limit = min(len(old), len(new_text))
    while start < limit and old[start] == new_text[start]:
        start += 1
    end_old, end_new = len(old), len(new_text)
    while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
        end_old -= 1
        end_new -= 1
    # Never cut a CRLF in half: the text around the edit is the same in both, so
    # widening over the shared "\r" or "\n" keeps the edit exact.
    if 0 < start < len(old) and old[start - 1 : start + 1] == "\r\n":
        start -= 1
    if start < end_old < len(old) and old[end_old - 1 : end_old + 1] == "\r\n":
        end_old += 1
        end_new += 1
    return edit(ctx, Span(start, end_old), new_text[start:end_new])


def toml_rewrite(ctx: RuleContext, change: Callable[[Any], bool]) -> TextEdit | None:
    """Rewrite the region's TOML with tomlkit, keeping the rest of its formatting.

    `change` edits the tomlkit document in place and returns False to give up.
    """
    try:
        import tomlkit
        from tomlkit.exceptions import TOMLKitError
    except ImportError:  # pragma: no cover - tomlkit is a dependency
        return None
    try:
        document = tomlkit.parse(ctx.region.text)
        if not change(document):
            return None
        new_text = tomlkit.dumps(document)
    except (TOMLKitError, ValueError, KeyError, TypeError):
        return None
    return replace_all(ctx, _same_line_breaks(ctx.region.text, new_text))


def _same_line_breaks(old: str, new: str) -> str:
    """tomlkit writes the lines it adds with LF: in a CRLF-only text, write them with CRLF."""
    if "\r\n" in old and "\n" not in old.replace("\r\n", ""):
        return new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def json_string(value: str) -> str:
    """A JSON string literal that needs no HTML escaping (non-ASCII kept as is)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def json_object(pairs: list[tuple[str, str]], indent: str | None) -> str:
    """`{"k": "v", ...}` on one line, or one pair per line indented under `indent`."""
    items = [f"{json_string(k)}: {json_string(v)}" for k, v in pairs]
    if indent is None or len(items) < 2:
        return "{" + ", ".join(items) + "}"
    inner = indent + "  "
    return "{\n" + ",\n".join(inner + item for item in items) + "\n" + indent + "}"


def line_indent(text: str, offset: int) -> str:
    """The whitespace that starts the line holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]
