"""Imports every rule family (`rules/*_rules.py`), so that all of them are registered.

New families need no edit here: a module named `<family>_rules.py` in this package is
found and imported.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from . import hooks


@cache
def _import_families() -> None:
    """Scan and import once: the checker asks for the rule lists per region and page."""
    from .. import rules

    for info in sorted(pkgutil.iter_modules(rules.__path__), key=lambda i: i.name):
        if info.name.endswith("_rules"):
            importlib.import_module(f"{rules.__name__}.{info.name}")


def load() -> tuple[list[hooks.RegionRule], list[hooks.PageRule]]:
    _import_families()
    return hooks.REGION_RULES, hooks.PAGE_RULES
