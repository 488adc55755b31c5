"""The shipped Pyodide package index, the per-release package check, and the generator's
parsers (on small inline samples of the npm artefacts)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pyscript_config.knowledge import pyodide as pyodide_index
from pyscript_config.knowledge.python_stdlib import STDLIB_MODULES
from pyscript_config.knowledge.releases import (
    RELEASES,
    at_least,
    find_release,
    package_check,
    ulab_build,
)

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_pyodide_index", REPO / "scripts" / "generate_pyodide_index.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_pyodide_index", module)
    spec.loader.exec_module(module)
    return module


def test_every_default_pyodide_of_the_release_table_is_indexed() -> None:
    for release in RELEASES:
        index = pyodide_index.index(release.pyodide)
        assert index is not None, release
        assert index.version == release.pyodide
        assert "numpy" in {name.lower() for name in index.packages}


def test_index_314_facts() -> None:
    index = pyodide_index.index("314.0.2")
    assert index is not None
    assert index.python == "3.14.0"
    assert index.cpython_modules == frozenset()  # ssl, sqlite3 ... are in the stdlib zip now
    assert index.imports["sklearn"] == "scikit-learn"
    assert index.imports["PIL"] == "Pillow"
    assert index.has("Scikit_Learn") and not index.has("sklearn")
    assert index.graph is not None and "ml_dtypes" in index.graph
    assert index.graph_accepts("Pillow", lowercase=True)
    assert not index.graph_accepts("ml-dtypes", lowercase=True)
    assert index.graph_spelling("ml-dtypes") == "ml_dtypes"


def test_older_graphs_keep_the_lock_spelling_for_case_sensitive_checks() -> None:
    index = pyodide_index.index("0.29.0")
    assert index is not None and index.graph is not None
    assert index.graph_accepts("Pillow", lowercase=False)
    assert not index.graph_accepts("pillow", lowercase=False)
    assert index.graph_accepts("pillow", lowercase=True)
    assert "ssl" in index.cpython_modules


def test_versions_without_a_graph_and_unknown_versions() -> None:
    old = pyodide_index.index("0.26.4")
    assert old is not None and old.graph is None
    assert old.graph_accepts("anything", lowercase=True)  # no check to fail
    assert pyodide_index.index("0.1.2") is None
    assert pyodide_index.index("../graphs") is None


def test_graphs_per_polyscript() -> None:
    newest = pyodide_index.graph("0.20.16")
    assert newest is not None and newest.lowercase
    assert "314.0.2" in newest.pyodide and "0.27.0" in newest.pyodide
    throwing = pyodide_index.graph("0.19.6")
    assert throwing is not None and not throwing.lowercase
    assert "0.29.0" in throwing.pyodide and "0.29.1" not in throwing.pyodide
    borrowed = pyodide_index.graph("0.20.14")  # not on npm
    assert borrowed is not None and "314.0.0" in borrowed.pyodide
    assert pyodide_index.graph("0.18.9") is None
    for release in RELEASES:
        if at_least(release, "2025.10.1"):
            graph = pyodide_index.graph(release.polyscript)
            assert graph is not None and release.pyodide in graph.pyodide, release


def test_published_versions() -> None:
    pyodide = pyodide_index.published_versions("pyodide")
    assert "0.29.3" in pyodide and "314.0.2" in pyodide and "0.29.9" not in pyodide
    assert "1.28.0-6" in pyodide_index.published_versions("micropython")


@pytest.mark.parametrize(
    ("release", "mode", "lowercase", "exact_pins", "link"),
    [
        ("2025.8.1", "none", False, False, False),
        ("2025.10.1", "throw", False, True, False),
        ("2025.10.3", "throw", False, True, False),
        ("2025.11.1", "warn", False, False, False),
        ("2026.1.1", "warn", False, False, False),
        ("2026.2.1", "warn", True, False, True),
        ("2026.7.3", "warn", True, False, True),
    ],
)
def test_package_check_by_release(
    release: str, mode: str, lowercase: bool, exact_pins: bool, link: bool
) -> None:
    found = find_release(release)
    assert found is not None
    check = package_check(found)
    assert (check.mode, check.lowercase, check.exact_pins, check.link) == (
        mode,
        lowercase,
        exact_pins,
        link,
    )


def test_which_entries_each_check_skips() -> None:
    import re

    first, second, later = (
        package_check(find_release(name))  # type: ignore[arg-type]
        for name in ("2025.10.1", "2025.10.2", "2026.7.3")
    )
    entries = ["./x.whl", "/x.whl", "https://h/x.whl", "emfs://x.whl", "numpy"]
    assert [bool(re.match(first.skip, e)) for e in entries] == [True, True, False, False, False]
    assert [bool(re.match(second.skip, e)) for e in entries] == [False, False, True, False, False]
    assert [bool(re.match(later.skip, e)) for e in entries] == [True, True, True, False, False]


def test_ulab_build_since_2026_6_1() -> None:
    assert not ulab_build(find_release("2026.3.1"))  # type: ignore[arg-type]
    assert ulab_build(find_release("2026.6.1"))  # type: ignore[arg-type]


def test_stdlib_list_is_python_3_14() -> None:
    assert {"asyncio", "json", "tomllib", "annotationlib", "compression"} <= STDLIB_MODULES
    # Removed by 3.13: installable backports on Pyodide 314, not standard-library modules.
    assert not {"imghdr", "cgi", "audioop", "distutils", "asynchat"} & STDLIB_MODULES


def test_generator_parses_both_graph_formats() -> None:
    generator = _generator()
    compact = (
        "export default new Proxy(\n    {'v':['latest','stable','0.29.3','0.29.2'],"
        "'p':{'numpy':[0,1,2,3],'ml_dtypes':[2]}},\n    {\n        has: () => true,\n    },\n);\n"
    )
    assert generator.parse_graph(compact) == {
        "latest": {"numpy"},
        "stable": {"numpy"},
        "0.29.3": {"numpy", "ml_dtypes"},
        "0.29.2": {"numpy"},
    }
    old = "export default {\n    '0.29.0': {\n        'Pillow': '11.3.0',\n        'numpy': '2.2.5',\n    },\n};\n"
    assert generator.parse_graph(old) == {"0.29.0": {"Pillow", "numpy"}}


def test_generator_reads_a_lock() -> None:
    generator = _generator()
    lock = {
        "info": {"python": "3.14.0"},
        "packages": {
            "pillow": {"name": "Pillow", "version": "11.3.0", "imports": ["PIL"]},
            "pillow-tests": {"name": "Pillow-tests", "version": "11.3.0", "imports": []},
            "numpy": {"name": "numpy", "version": "2.2.5", "imports": ["numpy"]},
            "ssl": {"name": "ssl", "version": "1.0.0", "package_type": "cpython_module"},
            "libgeos": {"name": "libgeos", "version": "3", "package_type": "shared_library"},
        },
    }
    index = generator.index_from_lock("9.9.9", lock)
    assert json.loads(json.dumps(index)) == {
        "pyodide": "9.9.9",
        "python": "3.14.0",
        "packages": {"Pillow": "11.3.0", "numpy": "2.2.5"},
        "imports": {"PIL": "Pillow"},
        "cpython_modules": ["ssl"],
    }
