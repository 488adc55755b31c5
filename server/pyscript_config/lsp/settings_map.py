"""Editor settings → `Settings`.

Settings arrive from three places, in increasing priority: the workspace's own
settings file (`pyscript-config.toml` or `[tool.pyscript-config]`, found upwards from
each document, as `validate` finds it from where it runs), `initializationOptions`,
and the client's `pyscript-config` section (`workspace/configuration`, or the payload
of `workspace/didChangeConfiguration`). Bad values are reported, never raised.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Severity
from ..settings import Settings
from ..tool_config import ToolConfig, find_tool_config, load_tool_config

SECTION = "pyscript-config"


@dataclass(frozen=True)
class EditorSettings:
    settings: Settings = field(default_factory=Settings)
    # Which fields the user set (so that only those override the settings file).
    given: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def _strings(value: Any, name: str, problems: list[str]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{name} must be a list of strings")
        return None
    return tuple(v.strip() for v in value if v.strip())


def unwrap(options: Any) -> dict[str, Any]:
    """The settings object, whether given bare or under a `pyscript-config` key."""
    if not isinstance(options, dict):
        return {}
    inner = options.get(SECTION)
    if isinstance(inner, dict):
        return inner
    return options


def parse(options: Any) -> EditorSettings:
    data = unwrap(options)
    problems: list[str] = []
    given: set[str] = set()
    values: dict[str, Any] = {}
    for name, attr in (("select", "select"), ("ignore", "ignore")):
        found = _strings(data.get(name), name, problems)
        if found is not None:
            values[attr] = found
            given.add(attr)
    allowed = _strings(data.get("allowedKeys"), "allowedKeys", problems)
    if allowed is not None:
        values["allowed_keys"] = frozenset(allowed)
        given.add("allowed_keys")
    version = data.get("pyscriptVersion")
    if isinstance(version, str) and version.strip():
        values["pyscript_version"] = version.strip()
        given.add("pyscript_version")
    elif version not in (None, ""):
        problems.append('pyscriptVersion must be a string such as "2026.7.3"')
    raw = data.get("severity")
    if isinstance(raw, dict):
        overrides: dict[str, Severity] = {}
        for code, level in raw.items():
            try:
                overrides[str(code).upper()] = Severity.parse(str(level))
            except KeyError:
                problems.append(f"severity of {code} must be error, warning, info or hint")
        values["severity_overrides"] = overrides
        given.add("severity_overrides")
    elif raw is not None:
        problems.append("severity must be an object of CODE: level")
    size = data.get("maxFileSize")
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        values["max_file_bytes"] = size
        given.add("max_file_bytes")
    elif size is not None:
        problems.append("maxFileSize must be a positive number of bytes")
    return EditorSettings(Settings(**values), frozenset(given), tuple(problems))


def combine(editor: EditorSettings, tool: ToolConfig | None) -> Settings:
    """The settings file's values under the editor's (which win where given)."""
    if tool is None:
        return editor.settings
    base = tool.apply(Settings())
    s = editor.settings
    return Settings(
        select=s.select if "select" in editor.given else base.select,
        ignore=(*base.ignore, *s.ignore),
        severity_overrides={**base.severity_overrides, **s.severity_overrides},
        allowed_keys=base.allowed_keys | s.allowed_keys,
        pyscript_version=s.pyscript_version
        if "pyscript_version" in editor.given
        else base.pyscript_version,
        max_file_bytes=s.max_file_bytes,
        per_file_ignores=base.per_file_ignores,
    )


class ToolConfigs:
    """The settings file that governs each directory, read once until `clear`."""

    def __init__(self) -> None:
        self._by_dir: dict[str, ToolConfig | None] = {}
        self.reported: set[str] = set()

    def clear(self) -> None:
        self._by_dir.clear()

    def for_path(self, path: str) -> ToolConfig | None:
        directory = os.path.dirname(os.path.abspath(path))
        if directory not in self._by_dir:
            found = find_tool_config(directory)
            self._by_dir[directory] = load_tool_config(found) if found else None
        return self._by_dir[directory]
