"""The pages and config files of the workspace folders, found as `validate` finds them."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..cli.discover import SettingsExclude, discover
from ..tool_config import find_tool_config, load_tool_config


def workspace_files(folders: Iterable[str]) -> list[str]:
    """Pages first, then TOML/JSON files (the checker decides which are configs)."""
    pages: list[str] = []
    others: list[str] = []
    for folder in folders:
        if not os.path.isdir(folder):
            continue
        found = find_tool_config(folder)
        exclude = None
        if found is not None:
            tool = load_tool_config(found)
            exclude = SettingsExclude(tool.root, tool.exclude, found)
        for candidate in discover([folder], settings_exclude=exclude).candidates:
            path = os.path.abspath(candidate.path)
            target = pages if path.lower().endswith((".html", ".htm", ".xhtml")) else others
            if path not in target:
                target.append(path)
    return pages + others
