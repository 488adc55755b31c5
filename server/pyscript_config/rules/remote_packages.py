"""Remote package configs listed in `packages` (spec §1.1.3): whether the release expands
them, whether the runtime can rebase their URLs, their names, and their own content
(checked as configs of their own, with the remote-package schema)."""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass, replace
from urllib.parse import unquote

from ..diagnostics import Related
from ..knowledge.releases import remote_packages
from ..regions import ConfigRegion, Interpreter, Pipeline
from ..tree import Array, Node, Scalar, Table
from .context import RuleContext
from .files_rules import config_root
from .package_entries import (
    SCHEME,
    PackageEntry,
    is_local,
    is_remote_config,
    local_path,
)
from .page_configs import base_directory, report_related, usable_path

_ACTIVE: ContextVar[tuple[str, ...]] = ContextVar("remote_package_chain", default=())
_MAX_DEPTH = 8


def _flag_on(ctx: RuleContext) -> bool:
    root = config_root(ctx)
    flag = root.get("experimental_remote_packages") if root is not None else None
    return flag is not None and isinstance(flag.value, Scalar) and flag.value.value is True


def _expands_remote(ctx: RuleContext) -> bool:
    """Whether the runtime expands remote package configs for this config."""
    support = remote_packages(ctx.release)
    if ctx.region.pipeline is Pipeline.GAME or support == "none":
        return False
    return support == "always" or _flag_on(ctx) or ctx.region.pipeline is Pipeline.REMOTE_PACKAGE


def check_remote_entry(ctx: RuleContext, entry: PackageEntry) -> None:
    """One `.toml`/`.json` entry: expanded at all? readable? rebasable? its own content."""
    text = entry.text
    support = remote_packages(ctx.release)
    flag_on = _flag_on(ctx)
    if ctx.region.pipeline is Pipeline.GAME:
        ctx.report(
            "PSC416",
            "py-game scripts hand packages straight to micropip and do not expand remote "
            "package configs: this entry makes the install fail",
            entry.span,
        )
        return
    if ctx.region.pipeline is not Pipeline.REMOTE_PACKAGE and (
        support == "none" or (support == "flag" and not flag_on)
    ):
        when = (
            f"needs experimental_remote_packages = true in PyScript {ctx.release.name}"
            if support == "flag"
            else f"are not supported by PyScript {ctx.release.name} (only since 2025.10.1)"
        )
        ctx.report(
            "PSC416",
            f"remote package configs {when}: the entry goes to micropip as a package and the "
            "install fails",
            entry.span,
        )
        return
    if not is_local(text):
        return
    path = local_path(ctx, text)
    loaded = _load_remote(ctx, path, text)
    if loaded is None:
        ctx.report(
            "PSC417",
            f'"{text}" not found (looked for {path}): PyScript fails with [404] Unable to fetch '
            "when it starts",
            entry.span,
        )
        return
    if isinstance(loaded.root, Table):
        _remote_relative_base(ctx, entry, loaded.root)
    _check_remote_file(ctx, loaded.region, entry)


def _remote_relative_base(ctx: RuleContext, entry: PackageEntry, remote: Table) -> None:
    uses = [key for key in ("files", "js_modules") if remote.get(key) is not None]
    if not uses:
        return
    text = entry.text
    absolute = bool(SCHEME.match(text)) or (
        ctx.region.interpreter is Interpreter.PY and text.startswith(".")
    )
    if absolute:
        return
    how = (
        "MicroPython keeps the entry as written"
        if ctx.region.interpreter is Interpreter.MPY
        else "Pyodide only makes entries starting with . absolute"
    )
    ctx.report(
        "PSC418",
        f"this package config has {' and '.join(uses)}, whose keys PyScript rebases with new "
        f"URL(key, entry): {how}, so it fails with TypeError: Invalid URL; use the config's "
        "absolute URL",
        entry.span,
    )


@dataclass(frozen=True, slots=True)
class _Remote:
    """A local remote package config, read and parsed (region None: unreadable)."""

    region: ConfigRegion | None
    root: Node | None


def _load_remote(ctx: RuleContext, path: str, text: str) -> _Remote | None:
    """None when the file does not exist."""
    from ..check import parse_region
    from ..extract import file_region
    from ..files import FileKind, LoadFailure, LoadProblem, SourceFile

    if not usable_path(path):
        return _Remote(None, None)
    try:
        loaded = ctx.read(path)
    except (OSError, ValueError):
        return _Remote(None, None)
    if isinstance(loaded, LoadProblem):
        return None if loaded.failure is LoadFailure.MISSING else _Remote(None, None)
    kind = FileKind.TOML if text.endswith(".toml") else FileKind.JSON
    source = SourceFile(loaded.path, loaded.text, kind)
    region = file_region(source, Pipeline.REMOTE_PACKAGE, ctx.region.interpreter)
    parsed = parse_region(region)
    return _Remote(region, parsed.root if parsed is not None else None)


def _check_remote_file(ctx: RuleContext, region: ConfigRegion | None, entry: PackageEntry) -> None:
    """Run every region rule on the remote config (schema for remote packages included)."""
    from ..check import check_region

    if region is None:
        return
    chain = _ACTIVE.get()
    if region.host_path in chain or len(chain) >= _MAX_DEPTH:
        return
    token = _ACTIVE.set((*chain, region.host_path))
    try:
        found = check_region(region, ctx.settings, ctx.release, ctx.page, ctx.read)
    finally:
        _ACTIVE.reset(token)
    note = Related(ctx.region.host_path, ctx.host(entry.span), "listed in packages here")
    for diagnostic in found:
        if diagnostic.path == region.host_path:
            ctx.diagnostics.append(replace(diagnostic, related=(*diagnostic.related, note)))
        else:
            ctx.diagnostics.append(diagnostic)


def check_remote_names(ctx: RuleContext, entries: list[PackageEntry]) -> None:
    """The runtime's walk over remote package configs: every entry and every config's
    `name` go into one set, and a `name` already in it throws (spec §1.1.3)."""
    if not _expands_remote(ctx):
        return
    seen: set[tuple[str, object]] = set()

    def walk(items: list[str], base: str, top: PackageEntry | None, depth: int) -> None:
        for text in items:
            key = ("entry", text)
            if key in seen:
                continue
            seen.add(key)
            current = top or next(e for e in entries if e.text == text)
            if not is_remote_config(text) or not is_local(text) or depth > _MAX_DEPTH:
                continue
            path = os.path.normpath(os.path.join(base, unquote(text)))
            loaded = _load_remote(ctx, path, text)
            if loaded is None or not isinstance(loaded.root, Table):
                continue
            remote = loaded.root
            name_entry = remote.get("name")
            name: object = None
            if name_entry is not None and isinstance(name_entry.value, Scalar):
                name = name_entry.value.value
            name_key = ("entry", name) if isinstance(name, str) else ("value", repr(name))
            shown = name if isinstance(name, str) else "undefined" if name is None else name
            if name_key in seen:
                related: tuple[Related, ...] = ()
                if name_entry is not None and loaded.region is not None:
                    where = loaded.region.to_host(name_entry.value.span)
                    related = (Related(loaded.region.host_path, where, "its name"),)
                nested = "" if top is None else f" (listed by {current.text})"
                report_related(
                    ctx,
                    "PSC414",
                    f'another package entry already uses the name "{shown}": PyScript fails with '
                    f"Error: Unable to process {shown} @ {text}{nested}; give each remote "
                    "package config its own name",
                    current.span,
                    related,
                )
            elif name is None and top is None:
                ctx.report(
                    "PSC415",
                    f'the package config "{text}" has no "name": a second unnamed package config '
                    "would make PyScript fail with Unable to process undefined; add a name",
                    current.span,
                )
            seen.add(name_key)
            nested_packages = remote.get("packages")
            if nested_packages is not None and isinstance(nested_packages.value, Array):
                names = [
                    v.value
                    for v in nested_packages.value.items
                    if isinstance(v, Scalar) and isinstance(v.value, str)
                ]
                walk(names, os.path.dirname(path), current, depth + 1)

    walk([e.text for e in entries], base_directory(ctx), None, 0)
