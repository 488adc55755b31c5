"""Conversions from classic PyScript configs to modern ones, for quick fixes.

Pure functions over text: a small reader for the YAML that classic `<py-config>` and
`<py-env>` used (block maps and lists, flow lists and plain scalars — anything else
gives None, so a fix is only offered when the conversion is certain), a TOML writer
for the result, and tomlkit rewrites of classic keys that keep the rest of the file
exactly as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(r"""([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$""")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


class _NotSimple(Exception):
    """The YAML uses a form the converter does not handle."""


@dataclass(frozen=True, slots=True)
class _Line:
    indent: int
    text: str


def _lines(text: str) -> list[_Line]:
    found: list[_Line] = []
    for raw in text.splitlines():
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise _NotSimple("tab indentation")
        content = raw.strip()
        if not content or content.startswith("#"):
            continue
        content = re.sub(r"\s+#.*$", "", content) if not content.startswith(("'", '"')) else content
        found.append(_Line(len(raw) - len(raw.lstrip()), content))
    return found


def _scalar(text: str) -> Any:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if _NUMBER.fullmatch(text):
        return float(text)
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [_scalar(part) for part in inner.split(",")] if inner else []
    if not text or text[0] in "{&*!|>%@`" or lowered in ("null", "~"):
        raise _NotSimple(text)
    return text


class _Reader:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.at = 0

    def block(self, indent: int) -> Any:
        line = self.lines[self.at]
        if line.indent < indent:
            raise _NotSimple("dedent")
        if line.text == "-" or line.text.startswith("- "):
            return self.sequence(line.indent)
        return self.mapping(line.indent)

    def sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if line.indent != indent or not (line.text == "-" or line.text.startswith("- ")):
                break
            rest = line.text[1:].strip()
            self.at += 1
            if not rest:
                items.append(self.nested(indent))
            elif _KEY.match(rest):
                # `- key: value` starts a mapping whose keys line up with `key`.
                inner = indent + len(line.text) - len(rest)
                self.lines[self.at - 1] = _Line(inner, rest)
                self.at -= 1
                items.append(self.mapping(inner))
            else:
                items.append(_scalar(rest))
        return items

    def mapping(self, indent: int) -> dict[str, Any]:
        found: dict[str, Any] = {}
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if line.indent != indent:
                if line.indent > indent:
                    raise _NotSimple("unexpected indent")
                break
            match = _KEY.match(line.text)
            if match is None:
                raise _NotSimple(line.text)
            key = match.group(1).strip("\"'")
            self.at += 1
            value = match.group(2)
            if value is not None and value.strip():
                found[key] = _scalar(value)
            else:
                found[key] = self.nested(indent, allow_same=True)
        return found

    def nested(self, indent: int, *, allow_same: bool = False) -> Any:
        if self.at >= len(self.lines):
            raise _NotSimple("missing value")
        line = self.lines[self.at]
        if line.indent > indent:
            return self.block(line.indent)
        if (
            allow_same
            and line.indent == indent
            and (line.text == "-" or line.text.startswith("- "))
        ):
            return self.sequence(indent)
        raise _NotSimple("missing value")


def read_simple_yaml(text: str) -> Any:
    """The value of a simple YAML document, or None when it is not simple enough."""
    try:
        lines = _lines(text)
        if not lines:
            return None
        reader = _Reader(lines)
        value = reader.block(lines[0].indent)
        if reader.at != len(lines):
            return None
        return value
    except _NotSimple:
        return None


def classic_yaml_config(text: str) -> dict[str, Any] | None:
    """A classic YAML `<py-config>` as a config dict.

    The earliest form was a list of one-key maps (`- autoclose_loader: true`); it is
    the same as the map of those keys.
    """
    value = read_simple_yaml(text)
    if isinstance(value, list) and all(isinstance(i, dict) and len(i) == 1 for i in value):
        merged: dict[str, Any] = {}
        for item in value:
            merged.update(item)
        value = merged
    return value if isinstance(value, dict) and value else None


def py_env_config(text: str) -> dict[str, Any] | None:
    """The body of a classic `<py-env>` (a YAML list of packages and `- paths:`) as a
    modern config: `packages` and a `files` table with `"<path>" = ""` per path."""
    value = read_simple_yaml(text)
    if not isinstance(value, list):
        return None
    packages: list[str] = []
    files: dict[str, str] = {}
    for item in value:
        if isinstance(item, str):
            packages.append(item)
        elif isinstance(item, dict) and set(item) == {"paths"} and isinstance(item["paths"], list):
            for path in item["paths"]:
                if not isinstance(path, str):
                    return None
                files[path] = ""
        else:
            return None
    config: dict[str, Any] = {}
    if packages:
        config["packages"] = packages
    if files:
        config["files"] = files
    return config or None


# --- writing TOML ------------------------------------------------------------------


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if any(isinstance(item, dict | list) for item in value):
            raise _NotSimple("nested array")
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise _NotSimple(type(value).__name__)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


def write_toml(config: dict[str, Any]) -> str | None:
    """Plain TOML for a config of scalars, arrays, tables and arrays of tables (one
    level deep), or None for anything deeper."""
    try:
        lines: list[str] = []
        tables: list[str] = []
        for key, value in config.items():
            if isinstance(value, dict):
                tables.extend(["", f"[{_toml_key(key)}]"])
                tables.extend(_entries(value))
            elif _is_table_array(value):
                for item in value:
                    tables.extend(["", f"[[{_toml_key(key)}]]"])
                    tables.extend(_entries(item))
            else:
                lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
        if not lines and tables:
            tables = tables[1:]
        return "\n".join(lines + tables)
    except _NotSimple:
        return None


def _entries(table: dict[str, Any]) -> list[str]:
    out = []
    for key, value in table.items():
        if isinstance(value, dict):
            raise _NotSimple("nested table")
        out.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return out


# --- rewriting classic keys with tomlkit -------------------------------------------------

DELETE_SAFELY = frozenset(("autoclose_loader", "splashscreen", "docked", "xterm"))
DELETE_WITH_CARE = frozenset(("terminal", "execution_thread"))
_PYODIDE_VERSION = re.compile(r"/v?(\d+)\.(\d+)\.\d+[^/]*/")


def modern_interpreter(src: str) -> str | None:
    """The modern `interpreter` URL for a classic runtime `src`: the ESM entry
    `pyodide.mjs`, which Pyodide ships since 0.23 (None for older versions)."""
    if not re.search(r"pyodide(?:\.js|\.mjs)(?:[?#].*)?$", src):
        return None
    match = _PYODIDE_VERSION.search(src)
    if match and int(match.group(1)) == 0 and int(match.group(2)) < 23:
        return None
    return re.sub(r"pyodide\.js(?=(?:[?#].*)?$)", "pyodide.mjs", src)


def rewrite_toml_key(text: str, key: str) -> str | None:
    """`text` with the classic top-level `key` replaced by its modern form, formatting
    kept; None when there is no certain rewrite."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except (TOMLKitError, ValueError):
        return None
    if key not in document:
        return None
    value = document[key].unwrap() if hasattr(document[key], "unwrap") else document[key]
    if key == "paths":
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            return None
        files = document.get("files")
        if files is not None and not isinstance(files, dict):
            return None
        del document[key]
        if files is None:
            table = tomlkit.table()
            for path in value:
                table.add(path, "")
            document.add("files", table)
        else:
            for path in value:
                if path not in files:
                    files[path] = ""
    elif key in ("runtimes", "interpreters"):
        if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], dict):
            return None
        src = value[0].get("src")
        url = modern_interpreter(src) if isinstance(src, str) else None
        if url is None:
            return None
        del document[key]
        if "interpreter" not in document:
            document.add("interpreter", url)
    elif key in DELETE_SAFELY or key in DELETE_WITH_CARE:
        del document[key]
    else:
        return None
    try:
        return tomlkit.dumps(document)
    except (TOMLKitError, ValueError, TypeError):
        return None


def narrowest_edit(old: str, new: str) -> tuple[int, int, str]:
    """The single replacement `(start, end, text)` of `old` that gives `new`."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]
