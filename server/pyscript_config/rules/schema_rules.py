"""Schema rules: keys, types and values checked against the shipped JSON Schema.

A generic JSON Schema validator reports "'numpy' is not of type 'array'" at a JSON
pointer; we walk the config tree ourselves so that each problem lands on the exact
key or value, in the user's vocabulary, with a ranked "did you mean". The walker
understands the subset of JSON Schema our generated schema uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .. import schema_data
from ..diagnostics import Fix
from ..regions import Pipeline, Syntax
from ..suggest import ranked_matches
from ..tree import Array, Entry, Kind, Node, Scalar, Table
from ..versions import is_at_least
from ..vocabulary import describe_schema, key_word, kind_name, literal, table_word
from .context import RuleContext
from .hooks import region_rule

Schema = dict[str, Any]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# JSON's schema directive: a top-level property naming the file's JSON Schema.
SCHEMA_KEY = "$schema"

_KIND_MATCHES: dict[str, tuple[Kind, ...]] = {
    "string": (Kind.STRING,),
    "integer": (Kind.INTEGER,),
    "number": (Kind.INTEGER, Kind.FLOAT),
    "boolean": (Kind.BOOLEAN,),
    "array": (Kind.ARRAY,),
    "object": (Kind.TABLE,),
    "null": (Kind.NULL,),
}


# Families that know a key better than the schema does can attach a fix to the schema's
# own diagnostic (keyed by code and key path, e.g. ("PSC104", "fetch")), or take over the
# diagnostic for one kind of value and report a more specific one themselves.
FixProvider = Callable[[RuleContext, Node], "Fix | None"]
SCHEMA_FIXES: dict[tuple[str, str], FixProvider] = {}
TAKEN_OVER: set[tuple[str, str, Kind]] = set()  # (code, key path, kind of the value)


def _family_fix(code: str, path: tuple[str, ...], ctx: RuleContext, node: Node) -> Fix | None:
    provider = SCHEMA_FIXES.get((code, _label(path)))
    return provider(ctx, node) if provider is not None else None


@region_rule
def schema(ctx: RuleContext) -> None:
    """Keys, types and values of the config against the schema."""
    parsed = ctx.parsed
    if parsed is None or parsed.root is None:
        return
    # A reader recovering from a syntax error may hand back a made-up scalar; only a
    # table is worth checking against the schema once the text is known to be broken.
    if parsed.problems and not isinstance(parsed.root, Table):
        return
    check_config(ctx, parsed.root)


def check_config(ctx: RuleContext, root: Node) -> None:
    """Check a whole config (or a remote package config) against the schema."""
    schema = schema_data.load_schema()
    if ctx.region.pipeline is Pipeline.REMOTE_PACKAGE:
        schema = schema_data.resolve(schema, {"$ref": "#/$defs/RemotePackageConfig"})
    if isinstance(root, Scalar) and root.kind is Kind.NULL:
        return  # a JSON `null` config acts as no config at all (the page works)
    if not isinstance(root, Table):
        ctx.report(
            "PSC102",
            f"a PyScript config must be {_an(table_word(ctx.syntax))}, "
            f"not {kind_name(root, ctx.syntax)}",
            root.span,
        )
        return
    _check_table(ctx, root, schema, path=(), top_level=True)


def _an(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _check_table(
    ctx: RuleContext, table: Table, schema: Schema, path: tuple[str, ...], top_level: bool
) -> None:
    root_schema = schema_data.load_schema()
    properties: dict[str, Schema] = schema.get("properties", {})
    additional = schema.get("additionalProperties", True)
    for entry in table.entries:
        prop = properties.get(entry.key)
        if prop is not None:
            prop = schema_data.resolve(root_schema, prop)
            if _check_key_meta(ctx, entry, prop, path):
                continue
            _check_value(ctx, entry.value, prop, (*path, entry.key))
        elif isinstance(additional, dict):
            _check_value(
                ctx, entry.value, schema_data.resolve(root_schema, additional), (*path, entry.key)
            )
        elif top_level:
            _unknown_top_level_key(ctx, entry, list(properties))
        elif properties:
            _unknown_nested_key(ctx, entry, list(properties), path)


def _check_key_meta(ctx: RuleContext, entry: Entry, prop: Schema, path: tuple[str, ...]) -> bool:
    """Reserved, removed and deprecated keys. True when the value needs no further check."""
    meta: dict[str, Any] = prop.get("x-pyscript", {})
    label = _q((*path, entry.key))
    if meta.get("reserved"):
        ctx.report(
            "PSC105",
            f'{label} is reserved: PyScript overwrites it with "{ctx.region.interpreter.value}" '
            "in pyscript.config; rename your key",
            entry.key_span,
        )
        return True
    removed = meta.get("removed")
    if isinstance(removed, str) and is_at_least(ctx.pyscript_version, removed):
        note = prop.get("deprecationMessage") or f"removed in PyScript {removed}; delete it"
        ctx.report("PSC106", f"{label} has no effect: {_lower_first(note)}", entry.key_span)
        return True
    if prop.get("deprecated"):
        note = prop.get("deprecationMessage") or "it is deprecated"
        fix = _family_fix("PSC104", (*path, entry.key), ctx, entry.value)
        ctx.report(
            "PSC104", f"{label} is deprecated: {_lower_first(note)}", entry.key_span, fix=fix
        )
    return False


def _unknown_top_level_key(ctx: RuleContext, entry: Entry, known: list[str]) -> None:
    key = entry.key
    if key == SCHEMA_KEY and ctx.syntax is Syntax.JSON:
        _schema_key(ctx, entry)
        return
    if key in ctx.settings.allowed_keys:
        return
    legacy = schema_data.legacy_keys()
    if key in legacy:
        from .legacy_rules import legacy_key_fix

        info = legacy[key]
        ctx.report(
            "PSC600",
            f'"{key}" is a classic PyScript key (until {info.get("until", "2023.05.1")}) that '
            "modern "
            f"PyScript ignores. {info.get('message', 'Remove it.')}",
            entry.key_span,
            fix=legacy_key_fix(ctx, entry),
        )
        return
    matches = ranked_matches(key, known)
    if matches:
        _report_typo(ctx, entry, matches, "")
        return
    hint = ""
    if key == SCHEMA_KEY:
        hint = '; to name the schema of a TOML file, use a "#:schema <url>" comment at its top'
    ctx.report(
        "PSC101",
        f'"{key}" is not a PyScript setting; it is a custom {key_word(ctx.syntax)} your code can '
        f"read from pyscript.config{hint}",
        entry.key_span,
    )


def _schema_key(ctx: RuleContext, entry: Entry) -> None:
    """`$schema` in a JSON config names its JSON Schema for editors and validators (and
    for us: see `schema_directive`); PyScript keeps it as a harmless custom key."""
    value = entry.value
    if isinstance(value, Scalar) and value.kind is Kind.STRING:
        return
    ctx.report(
        "PSC109",
        f'"{SCHEMA_KEY}" must be a string, the URL or path of a JSON Schema, not '
        f"{kind_name(value, ctx.syntax)}: editors and validators ignore it",
        value.span,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _unknown_nested_key(
    ctx: RuleContext, entry: Entry, known: list[str], path: tuple[str, ...]
) -> None:
    """A key inside a table where PyScript reads only known keys (`js_modules`, a
    `[[fetch]]` entry): its value is silently dropped, so it is an error (PSC108)."""
    matches = ranked_matches(entry.key, known, cutoff=0.6)
    where = f" in {table_word(ctx.syntax)} {_q(path)}"
    allowed = ", ".join(f'"{k}"' for k in known)
    if matches:
        _report_typo(ctx, entry, matches, where, code="PSC108")
        return
    hint = ""
    if path and path[-1].startswith("[") and ctx.syntax is Syntax.TOML:
        # `[[fetch]]` then `greeting = ...`: TOML puts every following key in the entry.
        hint = (
            f"; in TOML every key after [[{_label(path[:-1])}]] belongs to that entry, so move "
            "top-level keys above the first [[...]] header"
        )
    ctx.report(
        "PSC108",
        f'{key_word(ctx.syntax)} "{entry.key}"{where} is ignored by PyScript, which reads only '
        f"{allowed} there{hint}",
        entry.key_span,
    )


def _report_typo(
    ctx: RuleContext, entry: Entry, matches: list[str], where: str, code: str = "PSC100"
) -> None:
    best = matches[0]
    others = [m for m in matches[1:3]]
    extra = f" (or {', '.join(others)})" if others else ""
    fix = None
    if _simple_key_token(ctx, entry):
        fix = Fix(
            f'Rename to "{best}"',
            (ctx.edit(entry.key_span, _key_text(ctx, entry, best)),),
            safe=False,
        )
    ctx.report(
        code,
        f'unknown {key_word(ctx.syntax)} "{entry.key}"{where}: did you mean "{best}"?{extra}',
        entry.key_span,
        fix=fix,
        data={"suggestions": ",".join(matches[:3])},
    )


def _simple_key_token(ctx: RuleContext, entry: Entry) -> bool:
    """Whether the key is written plainly (bare or quoted without escapes), so that
    replacing the token with another plain key is exact."""
    written = ctx.region.text[entry.key_span.start : entry.key_span.end]
    return written in (entry.key, f'"{entry.key}"', f"'{entry.key}'")


def _key_text(ctx: RuleContext, entry: Entry, new_key: str) -> str:
    """The replacement key token, keeping the user's quoting."""
    written = ctx.region.text[entry.key_span.start : entry.key_span.end]
    if written[:1] in ('"', "'"):
        return f"{written[0]}{new_key}{written[0]}"
    return new_key


def _matches_type(node: Node, kind: object) -> bool:
    if isinstance(kind, list):
        return any(_matches_type(node, k) for k in kind)
    if not isinstance(kind, str):
        return True
    if kind == "integer" and isinstance(node, Scalar) and node.kind is Kind.FLOAT:
        # JavaScript has one number type: 30.0 and 3e1 are integers to the runtime
        # (both TOML parsers hand it plain JS numbers).
        return isinstance(node.value, float) and node.value.is_integer()
    return node.kind in _KIND_MATCHES.get(kind, ())


def _accepts(node: Node, schema: Schema) -> bool:
    """Whether `node` has the shape `schema` wants (type level only)."""
    root_schema = schema_data.load_schema()
    schema = schema_data.resolve(root_schema, schema)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return any(_accepts(node, branch) for branch in branches)
    if schema.get("not") == {}:
        return False
    return "type" not in schema or _matches_type(node, schema["type"])


def _check_value(ctx: RuleContext, node: Node, schema: Schema, path: tuple[str, ...]) -> None:
    root_schema = schema_data.load_schema()
    schema = schema_data.resolve(root_schema, schema)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        for branch in branches:
            if _accepts(node, branch):
                _check_value(ctx, node, branch, path)
                return
        _wrong_type(ctx, node, schema, path)
        return
    if "type" in schema and not _matches_type(node, schema["type"]):
        _wrong_type(ctx, node, schema, path)
        return
    if isinstance(node, Scalar):
        _check_scalar(ctx, node, schema, path)
    elif isinstance(node, Array):
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(node.items):
                _check_value(ctx, item, items, (*path, f"[{index}]"))
    elif isinstance(node, Table):
        _check_table(ctx, node, schema, path, top_level=False)


def _q(path: tuple[str, ...]) -> str:
    """The label in quotes for a message; backticks when the label has quotes of its own."""
    label = _label(path)
    return f"`{label}`" if '"' in label else f'"{label}"'


def _label(path: tuple[str, ...]) -> str:
    """A key path as a TOML user writes it: `js_modules.main."https://x/a.js"`, `fetch[0].from`."""
    text = ""
    for part in path:
        if part.startswith("["):
            text += part
            continue
        segment = part if _BARE_KEY.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
        text += f".{segment}" if text else segment
    return text


def _wrong_type(ctx: RuleContext, node: Node, schema: Schema, path: tuple[str, ...]) -> None:
    if ("PSC102", _label(path), node.kind) in TAKEN_OVER:
        return
    expected = describe_schema(schema, ctx.syntax)
    ctx.report(
        "PSC102",
        f"{_q(path)} must be {expected}, not {kind_name(node, ctx.syntax)}",
        node.span,
        fix=_family_fix("PSC102", path, ctx, node),
    )


def _check_scalar(ctx: RuleContext, node: Scalar, schema: Schema, path: tuple[str, ...]) -> None:
    allowed = schema.get("enum")
    if allowed is None and "const" in schema:
        allowed = [schema["const"]]
    if allowed is not None and node.value not in allowed:
        choices = ", ".join(literal(v, ctx.syntax) for v in allowed)
        text_values = [v for v in allowed if isinstance(v, str)]
        matches = (
            ranked_matches(str(node.value), text_values, cutoff=0.6)
            if isinstance(node.value, str)
            else []
        )
        hint = f'; did you mean "{matches[0]}"?' if matches else ""
        fix = None
        if matches and node.kind is Kind.STRING and ctx.region.text[node.span.start] in "\"'":
            quote = ctx.region.text[node.span.start]
            fix = Fix(
                f'Replace with "{matches[0]}"',
                (ctx.edit(node.span, f"{quote}{matches[0]}{quote}"),),
                safe=False,
            )
        ctx.report(
            "PSC103",
            f"{_q(path)} must be one of {choices}, not {literal(node.value, ctx.syntax)}{hint}",
            node.span,
            fix=fix,
        )
        return
    min_length = schema.get("minLength")
    if isinstance(min_length, int) and isinstance(node.value, str) and len(node.value) < min_length:
        ctx.report("PSC107", f"{_q(path)} must not be an empty string", node.span)
