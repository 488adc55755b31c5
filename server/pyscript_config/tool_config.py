"""The user's own settings file: `pyscript-config.toml` or `[tool.pyscript-config]`.

Looked up like ruff does: from the directory the command runs in, upwards; the
first `pyscript-config.toml`, or `pyproject.toml` with a `[tool.pyscript-config]`
table, wins. Problems in it are reported as values, never raised.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .diagnostics import Severity
from .settings import PerFileIgnore, Settings

TOOL_FILE = "pyscript-config.toml"

_LIST_KEYS = ("select", "ignore", "extend-select", "extend-ignore", "allowed-keys", "exclude")


@dataclass(frozen=True)
class ToolConfig:
    path: str | None = None  # the file it came from
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allowed_keys: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # globs, relative to the config file's directory
    pyscript_version: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    # `per-file-ignores = { "glob" = ["CODE", ...] }`, globs relative to the file's directory.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    errors: tuple[str, ...] = ()  # problems found in the file itself

    @property
    def root(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    def apply(self, settings: Settings) -> Settings:
        """Settings with this file's values under the command line's (which win)."""
        return replace(
            settings,
            select=settings.select or self.select,
            ignore=(*self.ignore, *settings.ignore),
            allowed_keys=settings.allowed_keys | frozenset(self.allowed_keys),
            pyscript_version=settings.pyscript_version or self.pyscript_version,
            severity_overrides={**self.severity, **settings.severity_overrides},
            per_file_ignores=(
                *settings.per_file_ignores,
                *(
                    PerFileIgnore(pattern, codes, self.root)
                    for pattern, codes in self.per_file_ignores
                ),
            ),
        )


def find_tool_config(start: str) -> str | None:
    """The nearest settings file at or above `start`."""
    directory = os.path.abspath(start)
    while True:
        own = os.path.join(directory, TOOL_FILE)
        if os.path.isfile(own):
            return own
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return "[tool.pyscript-config" in handle.read()
    except (OSError, UnicodeDecodeError):
        return False


def load_tool_config(path: str) -> ToolConfig:
    from .reading.toml_reader import parse_toml
    from .tree import Table, to_python

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        return ToolConfig(path, errors=(f"cannot read {path}: {error}",))
    parsed = parse_toml(text.removeprefix("\ufeff"))
    if parsed.problems or not isinstance(parsed.root, Table):
        first = parsed.problems[0].message if parsed.problems else "not a table"
        return ToolConfig(path, errors=(f"{path}: invalid TOML: {first}",))
    data = to_python(parsed.root)
    assert isinstance(data, dict)
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("pyscript-config", {})
    return _from_dict(path, data if isinstance(data, dict) else {})


def _from_dict(path: str, data: dict[str, object]) -> ToolConfig:
    errors: list[str] = []
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(f"{path}: {key} must be an array of strings")
            value = []
        lists[key] = tuple(value)
    version = data.get("pyscript-version")
    if version is not None and not isinstance(version, str):
        errors.append(f"{path}: pyscript-version must be a string")
        version = None
    severity: dict[str, Severity] = {}
    raw_severity = data.get("severity", {})
    if isinstance(raw_severity, dict):
        for code, level in raw_severity.items():
            try:
                severity[str(code)] = Severity.parse(str(level))
            except KeyError:
                errors.append(f"{path}: severity of {code} must be error, warning, info or hint")
    else:
        errors.append(f"{path}: severity must be a table of CODE = level")
    per_file = _per_file_ignores(path, data.get("per-file-ignores", {}), errors)
    known = {*_LIST_KEYS, "pyscript-version", "severity", "per-file-ignores"}
    errors.extend(f"{path}: unknown setting {key!r}" for key in data if key not in known)
    return ToolConfig(
        path=path,
        select=(*lists["select"], *lists["extend-select"]),
        ignore=(*lists["ignore"], *lists["extend-ignore"]),
        allowed_keys=lists["allowed-keys"],
        exclude=lists["exclude"],
        pyscript_version=version if isinstance(version, str) else None,
        severity=severity,
        per_file_ignores=per_file,
        errors=tuple(errors),
    )


def _per_file_ignores(
    path: str, value: object, errors: list[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    shape = f'{path}: per-file-ignores must be a table of "glob" = ["CODE", ...]'
    if not isinstance(value, dict):
        errors.append(shape)
        return ()
    found: list[tuple[str, tuple[str, ...]]] = []
    for pattern, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            errors.append(f"{path}: per-file-ignores: {pattern!r} must be an array of codes")
            continue
        found.append((str(pattern), tuple(codes)))
    return tuple(found)
