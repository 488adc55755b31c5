"""`interpreter`, `version` and the settings that only some configs read (spec §1.0, §1.8,
§2.3, §6.1, Appendix D).

How a value is resolved depends on where the config is read: on the main thread and in
editors every `interpreter` is a URL relative to the page, while a worker maps a bare
version to the CDN, prefers `version` over `interpreter`, and loses both to the main
config's `interpreter`.
"""

from __future__ import annotations

import difflib
import os
import re

from .. import schema_data
from ..diagnostics import Fix, TextEdit
from ..knowledge import pyodide as pyodide_index
from ..regions import Interpreter, Origin, Pipeline
from ..tree import Entry, Kind, Scalar
from . import rewrite
from .context import RuleContext
from .files_rules import config_root
from .hooks import region_rule
from .page_configs import (
    element_related,
    inheriting_workers,
    main_config,
    report_host,
    report_related,
    string_value,
    url_parts,
)

# polyscript's test for "already a URL" (esm/interpreters.js).
URLISH = re.compile(r"^(?:\.?\.?/|[a-z0-9-]+://)", re.IGNORECASE)
VERSIONISH = re.compile(r"^v?\d+(?:\.\d+)+(?:[-.+]?[A-Za-z0-9]+)*$")
_VERSION_IN_URL = re.compile(r"(?:/pyodide/v|pyodide@)(\d+\.\d+\.\d+[^/]*)/")
_MODULE = {Interpreter.PY: "pyodide.mjs", Interpreter.MPY: "micropython.mjs"}
_NAME = {Interpreter.PY: "Pyodide", Interpreter.MPY: "MicroPython"}
_NPM = {Interpreter.PY: "pyodide", Interpreter.MPY: "micropython"}
_SAFE_INTEGER = 2**53 - 1


def cdn_url(interpreter: Interpreter, version: str) -> str:
    """The module URL polyscript builds for a bare version (spec §6.1)."""
    if interpreter is Interpreter.PY:
        return f"https://cdn.jsdelivr.net/pyodide/v{version}/full/pyodide.mjs"
    return (
        "https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript"
        f"@{version}/micropython.mjs"
    )


def published(interpreter: Interpreter) -> tuple[str, ...]:
    return pyodide_index.published_versions(_NPM[interpreter])


def version_from_url(value: str) -> str | None:
    match = _VERSION_IN_URL.search(value)
    return match.group(1) if match else None


def pyodide_version(ctx: RuleContext) -> str | None:
    """The Pyodide version this config runs on, when it can be known (None: MicroPython,
    a self-hosted URL, a broken pin, or a remote package config)."""
    if ctx.region.interpreter is not Interpreter.PY:
        return None
    root = config_root(ctx)
    pipeline = ctx.region.pipeline
    default = ctx.release.pyodide
    if root is None or pipeline is Pipeline.REMOTE_PACKAGE:
        return None
    if pipeline is Pipeline.WORKER:
        main = main_config(ctx.page, Interpreter.PY)
        pinned = string_value(main.entry("interpreter")) if main is not None else None
        if pinned:
            return version_from_url(pinned)
        own = string_value(root.get("version")) or string_value(root.get("interpreter"))
        if not own:
            return default
        if URLISH.match(own) or re.search(r"\.m?js$", own):
            return version_from_url(own)
        return own
    if pipeline in (Pipeline.MAIN, Pipeline.EDITOR, Pipeline.STANDALONE):
        own = string_value(root.get("interpreter"))
        return version_from_url(own) if own else default
    return default


# --- interpreter / version -----------------------------------------------------------------


@region_rule
def interpreter(ctx: RuleContext) -> None:
    """`interpreter` and `version` as the runtime resolves them for this kind of config."""
    root = config_root(ctx)
    if root is None:
        return
    pipeline = ctx.region.pipeline
    entry, version = root.get("interpreter"), root.get("version")
    if pipeline in (Pipeline.MAIN, Pipeline.EDITOR, Pipeline.STANDALONE):
        if string_value(entry):
            assert entry is not None
            _page_relative(ctx, entry, "PSC440" if pipeline is Pipeline.STANDALONE else "PSC433")
        if pipeline is Pipeline.MAIN and string_value(version):
            assert version is not None
            _version_on_main(ctx, version, entry)
    elif pipeline is Pipeline.WORKER:
        _worker(ctx, entry, version)


def _page_relative(ctx: RuleContext, entry: Entry, bare_code: str) -> None:
    value = string_value(entry) or ""
    if not VERSIONISH.match(value):
        _module_url(ctx, entry, value)
        return
    kind = ctx.region.interpreter
    number = value[1:] if value.startswith("v") else value
    known = number in published(kind)
    url = cdn_url(kind, number)
    fix = None
    if known:
        change = _replace_string(ctx, entry, url)
        if change is not None:
            fix = Fix(f"Use {url}", (change,), safe=True)
    where = {
        "PSC433": "on the main thread and in editors",
        "PSC440": "unless only workers use this file",
    }[bare_code]
    tail = (
        f"use the full URL {url}"
        if known
        else f"and {number} is not a published {_NAME[kind]} version either"
    )
    ctx.report(
        bare_code,
        f'"{value}" is taken as a URL relative to the page {where}: PyScript imports '
        f"<page folder>/{value} and fails with Failed to fetch dynamically imported module; "
        f"{tail}",
        entry.value.span,
        fix=fix,
    )


def _module_url(ctx: RuleContext, entry: Entry, value: str) -> None:
    kind = ctx.region.interpreter
    expected = _MODULE[kind]
    other = next(k for k in _MODULE if k is not kind)
    name = os.path.basename(url_parts(value)[1] or value)
    if name == expected:
        return
    span = entry.value.span
    if name == _MODULE[other]:
        ctx.report(
            "PSC435",
            f"{name} is {_NAME[other]}'s module, but this config is for {_NAME[kind]} "
            f"scripts: use a URL ending in {expected}",
            span,
        )
    elif name.endswith(".js"):
        fix = None
        if name == expected[:-3] + "js":
            change = _replace_string(ctx, entry, value[: value.rfind(name)] + expected)
            if change is not None:
                fix = Fix(f"Use {expected}", (change,), safe=False)
        ctx.report(
            "PSC435",
            f"{name} is not an ES module PyScript can use: it imports the URL and needs "
            f"{expected} (the classic .js build has no exports), so nothing runs",
            span,
            fix=fix,
        )
    else:
        ctx.report(
            "PSC438",
            f'"{value}" does not end in {expected}: PyScript imports it as the '
            f"{_NAME[kind]} module and it probably fails to load",
            span,
        )


def _replace_string(ctx: RuleContext, entry: Entry, new_value: str) -> TextEdit | None:
    written = ctx.region.text[entry.value.span.start : entry.value.span.end]
    if written[:1] not in ("'", '"') or written[1:-1] != string_value(entry):
        return None
    quote = '"' if written[0] == '"' or "'" in new_value else "'"
    return rewrite.edit(ctx, entry.value.span, f"{quote}{new_value}{quote}")


def _version_on_main(ctx: RuleContext, version: Entry, entry: Entry | None) -> None:
    """`version` is ignored on the main thread but read by workers that inherit it."""
    workers = inheriting_workers(ctx.page, ctx.region.interpreter)
    if workers and not string_value(entry):
        _worker_value(ctx, version, is_version=True, inherited=True)
        return
    if ctx.page is None:
        return
    reason = (
        'the main config\'s "interpreter" wins'
        if string_value(entry)
        else "no worker on this page inherits this config"
    )
    ctx.report(
        "PSC431",
        f'"version" has no effect here: only workers read it (as the interpreter version), '
        f"and {reason}",
        version.key_span,
    )


def _worker(ctx: RuleContext, entry: Entry | None, version: Entry | None) -> None:
    own = [e for e in (version, entry) if e is not None and string_value(e)]
    if not own:
        return
    main = main_config(ctx.page, ctx.region.interpreter)
    main_entry = main.entry("interpreter") if main is not None else None
    main_value = string_value(main_entry)
    if main is not None and main_entry is not None and main_value:
        for item in own:
            if string_value(item) == main_value:
                continue
            report_related(
                ctx,
                "PSC436",
                f'the main config sets "interpreter", which every worker uses: this worker\'s '
                f'"{item.key}" is ignored',
                item.key_span,
                (main.related(main_entry.key_span, "the main config's interpreter"),),
            )
        return
    if version is not None and string_value(version):
        if (
            entry is not None
            and string_value(entry)
            and string_value(entry) != string_value(version)
        ):
            ctx.report(
                "PSC439",
                'worker configs prefer "version" to "interpreter": this "interpreter" is '
                "ignored; keep only one of them",
                entry.key_span,
                related=((version.key_span, "this version wins"),),
            )
        _worker_value(ctx, version, is_version=True, inherited=False)
    elif entry is not None:
        _worker_value(ctx, entry, is_version=False, inherited=False)


def _worker_value(ctx: RuleContext, entry: Entry, *, is_version: bool, inherited: bool) -> None:
    """A value a worker resolves: `.js`/`.mjs` and URLs are imported, anything else is a
    CDN version."""
    value = string_value(entry) or ""
    if re.search(r"\.m?js$", value) or URLISH.match(value):
        _module_url(ctx, entry, value)
        return
    kind = ctx.region.interpreter
    versions = published(kind)
    if not versions or value in versions:
        return
    url = cdn_url(kind, value)
    newest = max(versions, key=_version_key)
    if VERSIONISH.match(value) and _version_key(value) > _version_key(newest):
        ctx.report(
            "PSC441",
            f"{_NAME[kind]} {value} is newer than the versions this tool knows (up to {newest}); "
            f"make sure {url} exists",
            entry.value.span,
        )
        return
    close = difflib.get_close_matches(value, versions, n=3, cutoff=0.6)
    hint = f" (published versions include {', '.join(close)})" if close else ""
    who = "workers that inherit this config take" if inherited else "the worker takes"
    if is_version:
        workers = inheriting_workers(ctx.page, kind) if inherited else []
        report_related(
            ctx,
            "PSC432",
            f'{who} "version" as the {_NAME[kind]} version and import {url}, which does not '
            f"exist: the worker never starts{hint}; remove the key (classic metadata), or pin "
            'the interpreter with "interpreter"',
            entry.value.span,
            tuple(element_related(ctx.page, w, "this worker inherits the config") for w in workers),
        )
        return
    ctx.report(
        "PSC434",
        f"{_NAME[kind]} {value} was never published: the worker imports {url}, which does not "
        f"exist, and never starts{hint}",
        entry.value.span,
    )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:4])


# --- worker configs resolved inside the worker -------------------------------------------------

# Keys the worker still applies when it resolves its own config (spec §2.3): polyscript's
# engine reads them from the config it parses, not from `pyscript.config`.
_APPLIED_IN_WORKER = frozenset(
    {
        "packages",
        "files",
        "fetch",
        "js_modules",
        "packages_cache",
        "index_urls",
        "debug",
        "experimental_create_proxy",
        "interpreter",
        "version",
        "plugins",
        "type",
    }
)


@region_rule
def worker_config_in_worker(ctx: RuleContext) -> None:
    """When the main config sets `interpreter`, a worker's `config` is resolved inside the
    worker: `pyscript.config` there is empty, and an inline config is even replaced by the
    main config when that one came from a URL (spec §2.3, Appendix D)."""
    root = config_root(ctx)
    if root is None or ctx.region.pipeline is not Pipeline.WORKER:
        return
    main = main_config(ctx.page, ctx.region.interpreter)
    main_entry = main.entry("interpreter") if main is not None else None
    if main is None or main_entry is None or not string_value(main_entry):
        return
    related = (main.related(main_entry.key_span, "the main config's interpreter"),)
    region = ctx.region
    if region.origin is Origin.ATTRIBUTE and main.region.origin is Origin.FILE:
        attribute = region.attribute
        where = attribute.span if attribute is not None else region.host_span
        report_host(
            ctx,
            "PSC443",
            "the main config comes from a file and sets interpreter, so this worker resolves its "
            "config inside the worker against that file's URL: it loads the main config instead "
            "and none of this inline config applies; move it to a .toml/.json file",
            where,
            related,
        )
        return
    for entry in root.entries:
        if entry.key in _APPLIED_IN_WORKER:
            continue
        what = (
            f'"{entry.key}" is not applied'
            if entry.key in schema_data.top_level_keys()
            else f'"{entry.key}" never reaches pyscript.config in this worker'
        )
        report_related(
            ctx,
            "PSC442",
            f"{what}: the main config sets interpreter, so the worker resolves this config "
            "itself and its pyscript.config is empty (only packages, files, fetch and "
            "js_modules are applied)",
            entry.key_span,
            related,
        )


# --- settings read only by some configs ----------------------------------------------------


@region_rule
def ignored_settings(ctx: RuleContext) -> None:
    """Pyodide-only keys in MicroPython configs; worker-only and main-only keys elsewhere."""
    root = config_root(ctx)
    pipeline = ctx.region.pipeline
    if root is None or pipeline is Pipeline.REMOTE_PACKAGE:
        return
    inherited: bool | None = None
    for entry in root.entries:
        meta = _meta(entry.key)
        if meta is None:
            continue
        interpreters = _strings(meta.get("interpreters"))
        if ctx.region.interpreter is Interpreter.MPY and interpreters == ["py"]:
            ctx.report(
                "PSC430",
                f'"{entry.key}" is a Pyodide setting: it has no effect on MicroPython',
                entry.key_span,
            )
            continue
        pipelines = _strings(meta.get("pipelines"))
        if entry.key in ("version", "type") or not pipelines:
            continue
        if pipeline is Pipeline.MAIN and "main" not in pipelines and "worker" in pipelines:
            if ctx.page is None:
                continue
            if inherited is None:
                inherited = bool(inheriting_workers(ctx.page, ctx.region.interpreter))
            if not inherited:
                ctx.report(
                    "PSC431",
                    f'"{entry.key}" has no effect in a main-thread config: workers read it, and '
                    "no worker on this page inherits this config (give it to the worker's own "
                    "config)",
                    entry.key_span,
                )
        elif pipeline in _READ_AS and not set(_READ_AS[pipeline]) & set(pipelines):
            only = " (only the main config's counts)" if pipelines == ["main", "standalone"] else ""
            ctx.report(
                "PSC431",
                f'"{entry.key}" has no effect in {_CONFIG_KIND[pipeline]}: PyScript does not read '
                f"it there{only}",
                entry.key_span,
            )


# Which schema pipelines' keys a config of each kind gets to use. Editors run their code
# in a worker, so worker settings (sync_main_only) apply there too.
_READ_AS: dict[Pipeline, tuple[str, ...]] = {
    Pipeline.WORKER: ("worker",),
    Pipeline.EDITOR: ("editor", "worker"),
    Pipeline.GAME: ("game",),
    Pipeline.POLYSCRIPT: ("polyscript",),
}
_CONFIG_KIND = {
    Pipeline.WORKER: "a worker config",
    Pipeline.EDITOR: "an editor config",
    Pipeline.GAME: "a py-game config",
    Pipeline.POLYSCRIPT: "the config of a raw pyodide/micropython script",
}


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _meta(key: str) -> dict[str, object] | None:
    schema = schema_data.property_schema((key,))
    if schema is None or key not in schema_data.top_level_keys():
        return None
    meta = schema.get("x-pyscript")
    return meta if isinstance(meta, dict) else None


# --- experimental_ffi_timeout --------------------------------------------------------------


@region_rule
def ffi_timeout(ctx: RuleContext) -> None:
    """Whole numbers outside the safe-integer range (the schema reports other types)."""
    root = config_root(ctx)
    entry = root.get("experimental_ffi_timeout") if root is not None else None
    if entry is None or not isinstance(entry.value, Scalar):
        return
    node = entry.value
    value = node.value
    whole = node.kind is Kind.INTEGER or (
        node.kind is Kind.FLOAT and isinstance(value, float) and value.is_integer()
    )
    if not whole or not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    if abs(value) > _SAFE_INTEGER:
        ctx.report(
            "PSC437",
            "experimental_ffi_timeout must be a safe integer (at most 9007199254740991 in "
            "size): PyScript checks Number.isSafeInteger and silently ignores this value",
            node.span,
        )
