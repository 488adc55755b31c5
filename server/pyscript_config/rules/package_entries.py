"""`packages` entries as the rules see them: the string, its node, and what kind of
entry the runtime takes it for (requirement, wheel or URL, remote package config)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..text import Span
from ..tree import Array, Scalar
from .context import RuleContext
from .files_rules import config_root
from .page_configs import base_directory, file_exists, usable_path

SPLIT = re.compile(r"[>=<]=")  # what PyScript splits a version off with
REMOTE_CONFIG = re.compile(r"\.(?:toml|json)\Z")  # `endsWith('.toml'|'.json')`
WHEEL = re.compile(r"\.whl(?:[?#]|\Z)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class PackageEntry:
    text: str
    node: Scalar

    @property
    def span(self) -> Span:
        return self.node.span


def entries(ctx: RuleContext) -> list[PackageEntry]:
    root = config_root(ctx)
    entry = root.get("packages") if root is not None else None
    if entry is None or not isinstance(entry.value, Array):
        return []
    found = []
    for item in entry.value.items:
        if isinstance(item, Scalar) and isinstance(item.value, str) and item.value:
            found.append(PackageEntry(item.value, item))
    return found


def is_remote_config(text: str) -> bool:
    return bool(REMOTE_CONFIG.search(text))


def is_local(text: str) -> bool:
    return not SCHEME.match(text) and not text.startswith(("/", "//"))


def local_path(ctx: RuleContext, text: str) -> str:
    bare = unquote(re.split(r"[?#]", text, maxsplit=1)[0])
    return os.path.normpath(os.path.join(base_directory(ctx), bare))


def exists(ctx: RuleContext, path: str) -> bool:
    """True also for paths that cannot name a file: nothing sensible to report there."""
    return not usable_path(path) or file_exists(ctx, path)


def inner_span(ctx: RuleContext, entry: PackageEntry, start: int, end: int) -> Span:
    """The span of `entry.text[start:end]` when the token is a plain quoted string."""
    written = ctx.region.text[entry.span.start : entry.span.end]
    if written[:1] in ('"', "'") and written[1:-1] == entry.text and end > start:
        return Span(entry.span.start + 1 + start, entry.span.start + 1 + min(end, len(entry.text)))
    return entry.span
