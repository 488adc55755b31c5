"""`js_modules` and `plugins`: names Python cannot import, stylesheets where they cannot
load, and plugin entries PyScript never looks at (spec §1.4, §1.6).
"""

from __future__ import annotations

import json
import keyword
import os
import re
from urllib.parse import unquote

from ..diagnostics import Fix
from ..page import Element, Page
from ..regions import Pipeline, Syntax
from ..suggest import ranked_matches
from ..text import Span
from ..tree import Array, Entry, Kind, Node, Scalar, Table
from . import rewrite
from .context import RuleContext
from .files_rules import config_root
from .hooks import region_rule
from .page_configs import (
    base_directory,
    element_related,
    file_exists,
    inheriting_workers,
    report_related,
    url_parts,
    usable_path,
)
from .schema_rules import TAKEN_OVER

BUILTIN_PLUGINS = (
    "codemirror",
    "deprecations-manager",
    "donkey",
    "error",
    "py-editor",
    "py-game",
    "py-terminal",
)
_CSS = re.compile(r"\.css\Z", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


# --- js_modules ----------------------------------------------------------------------------


@region_rule
def js_modules(ctx: RuleContext) -> None:
    """Module names, stylesheets in workers, stylesheets that match no module."""
    root = config_root(ctx)
    entry = root.get("js_modules") if root is not None else None
    if entry is None or not isinstance(entry.value, Table):
        return
    for thread in ("main", "worker"):
        section = entry.value.get(thread)
        if section is None or not isinstance(section.value, Table):
            continue
        if thread == "worker":
            _worker_section_reachable(ctx, section)
        for item in section.value.entries:
            if not _SCHEME.match(item.key) and not item.key.startswith("/"):
                _local_module(ctx, item)
        css: list[Entry] = []
        scripts: set[str] = set()
        for item in section.value.entries:
            name = _string(item.value)
            if name is None:
                continue
            if is_css(item.key):
                if thread == "worker":
                    ctx.report(
                        "PSC501",
                        "a stylesheet in js_modules.worker: workers have no page to style, "
                        "PyScript imports the file as JavaScript and the worker fails to start; "
                        "move it to js_modules.main",
                        item.key_span,
                    )
                else:
                    css.append(item)
                continue
            scripts.add(name)
            if not (name.isidentifier() and not keyword.iskeyword(name)):
                _not_identifier(ctx, item, name)
        for item in css:
            name = _string(item.value) or ""
            if name in scripts:
                continue
            close = ranked_matches(name, sorted(scripts), cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            ctx.report(
                "PSC502",
                f'this stylesheet is named "{name}", but no JavaScript module in '
                f"js_modules.main has that name: give it the name of the module it styles{hint}",
                item.value.span,
            )


def _worker_section_reachable(ctx: RuleContext, section: Entry) -> None:
    if ctx.region.pipeline is not Pipeline.MAIN or ctx.page is None:
        return
    if inheriting_workers(ctx.page, ctx.region.interpreter):
        return
    ctx.report(
        "PSC506",
        "js_modules.worker in a main-thread config only reaches workers without a config of "
        "their own, and this page has none: these modules are never loaded; use "
        "js_modules.main, or the worker's own config",
        section.key_span,
    )


def _local_module(ctx: RuleContext, item: Entry) -> None:
    bare = unquote(re.split(r"[?#]", item.key, maxsplit=1)[0])
    if not bare or bare.endswith("/"):
        return
    path = os.path.normpath(os.path.join(base_directory(ctx), bare))
    if not usable_path(path) or file_exists(ctx, path):
        return
    ctx.report(
        "PSC507",
        f'"{item.key}" not found (looked for {path}): the import fails when the interpreter starts',
        item.key_span,
    )


def is_css(url: str) -> bool:
    """polyscript's `isCSS`: the URL's path (not its query) ends in `.css`."""
    return bool(_CSS.search(url_parts(url)[1]))


def _string(node: Node) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def python_name(name: str) -> str:
    """A valid identifier close to `name` (`leaflet-src` → `leaflet_src`)."""
    fixed = re.sub(r"\W", "_", name) or "_"
    if fixed[0].isdigit():
        fixed = "_" + fixed
    if keyword.iskeyword(fixed):
        fixed += "_"
    return fixed


def _not_identifier(ctx: RuleContext, item: Entry, name: str) -> None:
    better = python_name(name)
    why = "is a Python keyword" if keyword.iskeyword(name) else "is not a Python identifier"
    fix = None
    written = ctx.region.text[item.value.span.start : item.value.span.end]
    if written[:1] in ('"', "'") and written[1:-1] == name:
        change = rewrite.edit(ctx, item.value.span, f"{written[0]}{better}{written[0]}")
        if change is not None:
            fix = Fix(f'Rename to "{better}"', (change,), safe=False)
    ctx.report(
        "PSC500",
        f'"{name}" {why}: `from pyscript.js_modules import {name}` cannot work; use a name '
        f'such as "{better}"',
        item.value.span,
        fix=fix,
    )


# --- plugins -----------------------------------------------------------------------------------


TAKEN_OVER.add(("PSC102", "plugins", Kind.STRING))

# The page features each plugin provides, and how to recognise them.
_FEATURES = {
    "py-editor": "an editor",
    "py-terminal": "a terminal",
    "py-game": "a py-game script",
}


@region_rule
def plugins(ctx: RuleContext) -> None:
    """Entries PyScript ignores, a string value, plugins turned off that the page uses."""
    if ctx.region.pipeline not in (Pipeline.MAIN, Pipeline.STANDALONE):
        return  # only the main config's plugins count (PSC431 reports others)
    root = config_root(ctx)
    entry = root.get("plugins") if root is not None else None
    if entry is None:
        return
    value = entry.value
    if isinstance(value, Scalar) and value.kind is Kind.STRING and isinstance(value.value, str):
        _string_plugins(ctx, entry, value, value.value)
        return
    if not isinstance(value, Array):
        return
    for item in value.items:
        text = _string(item)
        if text is None:
            continue
        if text.startswith("!") and text[1:] in BUILTIN_PLUGINS:
            _disabled_but_used(ctx, item.span, text[1:])
            continue
        _ignored_entry(ctx, item, text)


def _ignored_entry(ctx: RuleContext, item: Node, text: str) -> None:
    candidates = [f"!{name}" for name in BUILTIN_PLUGINS]
    if f"!{text}" in candidates:
        matches = [f"!{text}"]  # the `!` is missing: this entry turns nothing off
    else:
        wanted = text if text.startswith("!") else f"!{text}"
        matches = ranked_matches(wanted, candidates, cutoff=0.7)
    fix = None
    if matches:
        written = ctx.region.text[item.span.start : item.span.end]
        if written[:1] in ('"', "'") and written[1:-1] == text:
            change = rewrite.edit(ctx, item.span, f"{written[0]}{matches[0]}{written[0]}")
            if change is not None:
                fix = Fix(f'Replace with "{matches[0]}"', (change,), safe=False)
        hint = f'; did you mean "{matches[0]}"?'
    else:
        hint = (
            ": only entries that turn a built-in plugin off count (custom plugins are "
            "JavaScript modules that use hooks)"
        )
    ctx.report(
        "PSC503",
        f'PyScript ignores the plugins entry "{text}"{hint}',
        item.span,
        fix=fix,
    )


def _string_plugins(ctx: RuleContext, entry: Entry, node: Scalar, text: str) -> None:
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    exact = bool(tokens) and all(t.startswith("!") and t[1:] in BUILTIN_PLUGINS for t in tokens)
    fix = None
    if exact:
        if ctx.syntax is Syntax.JSON:
            new = "[" + ", ".join(json.dumps(t) for t in tokens) + "]"
        else:
            new = "[" + ", ".join(f'"{t}"' for t in tokens) + "]"
        change = rewrite.edit(ctx, node.span, new)
        if change is not None:
            fix = Fix(f"Write {new}", (change,), safe=True)
    off = [name for name in BUILTIN_PLUGINS if f"!{name}" in text]
    effect = (
        "turns off "
        + ", ".join(off)
        + " only because the text contains "
        + ", ".join(f'"!{n}"' for n in off)
        if off
        else "turns nothing off"
    )
    ctx.report(
        "PSC504",
        f"plugins should be an array: PyScript tests plugins.includes(...), which on a string "
        f"is a substring test, so this {effect}",
        node.span,
        fix=fix,
    )
    for name in off:
        _disabled_but_used(ctx, node.span, name)


def _disabled_but_used(ctx: RuleContext, span: Span, plugin: str) -> None:
    if plugin not in _FEATURES or ctx.page is None or not isinstance(ctx.page.page, Page):
        return
    users = [e for e in ctx.page.page.live() if _needs(e, plugin)]
    if not users:
        return
    report_related(
        ctx,
        "PSC505",
        f'"!{plugin}" turns off the {plugin} plugin, but this page has {_FEATURES[plugin]} that '
        "needs it: it silently does nothing",
        span,
        tuple(element_related(ctx.page, e, f"needs the {plugin} plugin") for e in users[:3]),
    )


def _needs(element: Element, plugin: str) -> bool:
    kind = (element.value("type") or "").strip().lower() if element.tag == "script" else ""
    if plugin == "py-editor":
        return kind in ("py-editor", "mpy-editor")
    if plugin == "py-game":
        return kind == "py-game"
    scriptish = kind in ("py", "mpy") or element.tag in ("py-script", "mpy-script")
    return scriptish and element.has("terminal")
