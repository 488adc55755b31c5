"""`packages`: what micropip, mip and PyScript's own package check make of each entry
(spec §1.1, §1.1.3, §4.3, §4.4).

Pyodide entries are requirement strings, wheel URLs or remote package configs; the page's
Pyodide version and PyScript release decide whether PyScript warns about (or, in
2025.10.1–2025.10.3, rejects) a name it does not know. MicroPython entries are `mip`
names: only wheels, `ulab` and remote package configs are checked there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..diagnostics import Fix
from ..knowledge import pyodide as pyodide_index
from ..knowledge.python_stdlib import STDLIB_MODULES
from ..knowledge.releases import PackageCheck, package_check, ulab_build
from ..regions import Interpreter, Pipeline
from ..tree import Kind, Scalar
from . import rewrite
from .context import RuleContext
from .files_rules import config_root
from .hooks import region_rule
from .interpreter_rules import pyodide_version
from .package_entries import (
    SPLIT,
    WHEEL,
    PackageEntry,
    entries,
    exists,
    inner_span,
    is_local,
    is_remote_config,
    local_path,
)
from .page_configs import url_parts
from .pep508 import Requirement, RequirementError, parse_requirement, parse_wheel_name
from .remote_packages import check_remote_entry, check_remote_names

# Import names people write instead of the package that provides them (PEP 503 names of
# the package on PyPI); the page's Pyodide lock adds its own `imports` to these.
IMPORT_NAMES: dict[str, str] = {
    "sklearn": "scikit-learn",
    "cv2": "opencv-python",
    "pil": "pillow",
    "bs4": "beautifulsoup4",
    "yaml": "pyyaml",
    "skimage": "scikit-image",
    "dateutil": "python-dateutil",
    "attr": "attrs",
    "crypto": "pycryptodome",
    "dotenv": "python-dotenv",
    "jwt": "pyjwt",
    "serial": "pyserial",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "fitz": "pymupdf",
    "pywt": "pywavelets",
    "nacl": "pynacl",
    "zmq": "pyzmq",
    "git": "gitpython",
    "magic": "python-magic",
    "openssl": "pyopenssl",
    "mpl_toolkits": "matplotlib",
    "pylab": "matplotlib",
    "pygame": "pygame-ce",
}
# Lock import names too generic to suggest a package for.
_NOT_SUGGESTED = frozenset({"google"})
RUNTIME_MODULES = frozenset({"pyodide", "pyscript", "js", "pyodide_js", "_pyodide", "polyscript"})
_STDLIB_LOWER = frozenset(name.lower() for name in STDLIB_MODULES)  # built once, not per entry


# --- the rule ---------------------------------------------------------------------------------


@region_rule
def packages(ctx: RuleContext) -> None:
    """Every `packages` entry, for the interpreter and release that will install it."""
    found = entries(ctx)
    if not found:
        return
    pyodide = ctx.region.interpreter is Interpreter.PY
    checker = _GraphCheck.for_region(ctx) if pyodide else None
    for entry in found:
        text = entry.text
        if is_remote_config(text):
            check_remote_entry(ctx, entry)
        elif WHEEL.search(text) or "://" in text or text.startswith((".", "/")):
            _wheel_entry(ctx, entry, pyodide)
        elif pyodide:
            _requirement_entry(ctx, entry, checker)
        else:
            _mip_entry(ctx, entry)
        if checker is not None:
            checker.check_other(ctx, entry)
    if ctx.region.pipeline is not Pipeline.REMOTE_PACKAGE:
        check_remote_names(ctx, found)


def _mip_entry(ctx: RuleContext, entry: PackageEntry) -> None:
    if entry.text == "ulab" and not ulab_build(ctx.release):
        ctx.report(
            "PSC412",
            f'"ulab" selects MicroPython\'s ulab build only since PyScript 2026.6.1: PyScript '
            f"{ctx.release.name} hands it to mip.install, which cannot find it, and the page "
            "runs without ulab",
            entry.span,
        )


# --- requirement strings (Pyodide) ----------------------------------------------------------


def _requirement_entry(ctx: RuleContext, entry: PackageEntry, checker: _GraphCheck | None) -> None:
    text = entry.text
    parsed = parse_requirement(text)
    if isinstance(parsed, RequirementError):
        span = inner_span(ctx, entry, parsed.start, parsed.end)
        ctx.report(
            "PSC404",
            f'"{text}" is not a valid requirement ({parsed.message}): micropip rejects it and '
            "the whole install fails",
            span,
        )
        return
    name = parsed.name
    lowered = name.lower()
    normal = pyodide_index.normalize(name)
    index = checker.index if checker is not None else _index_for(ctx)
    if lowered in RUNTIME_MODULES or lowered.startswith(("pyodide.", "pyscript.")):
        module = lowered.split(".")[0]
        ctx.report(
            "PSC406",
            f'"{name}" is part of the runtime ({module} is always importable): installing a '
            "PyPI project of that name fails or shadows the real module; remove it",
            entry.span,
        )
        return
    if normal == "micropip":
        ctx.report(
            "PSC407",
            '"micropip" is loaded by PyScript to install the other packages: listing it does '
            "nothing; remove it",
            entry.span,
        )
        return
    if lowered in _STDLIB_LOWER and not (
        index is not None and (index.has(name) or name in index.cpython_modules)
    ):
        ctx.report(
            "PSC405",
            f'"{name}" is a standard-library module: it is always available, and micropip would '
            "look for it on PyPI, where it is missing (the install fails) or an unrelated "
            "project; remove it and just import it",
            entry.span,
        )
        return
    if lowered == "ulab":
        ctx.report(
            "PSC411",
            '"ulab" is MicroPython\'s numpy-like module: Pyodide cannot install it; use numpy, '
            'or run this script with MicroPython (type="mpy")',
            entry.span,
        )
        return
    if ctx.region.pipeline is Pipeline.GAME and normal == "pygame-ce":
        ctx.report(
            "PSC413",
            "py-game scripts always install pygame-ce: listing it changes nothing",
            entry.span,
        )
        return
    suggestion = _distribution_for(name, index)
    if checker is not None and checker.check_requirement(ctx, entry, parsed, suggestion):
        return
    if suggestion is not None:
        _import_name(ctx, entry, parsed, suggestion)
        return
    if _unsplit(text, parsed) and _cache_in_use(ctx):
        _specifier_warning(ctx, entry, parsed, graph_applies=False, version=None)
        return
    if checker is None or not checker.applies:
        _lock_hint(ctx, entry, parsed, index)


def _index_for(ctx: RuleContext) -> pyodide_index.PyodideIndex | None:
    version = pyodide_version(ctx) or ctx.release.pyodide
    return pyodide_index.index(version)


def _distribution_for(name: str, index: pyodide_index.PyodideIndex | None) -> str | None:
    """The package that provides import name `name`, when `name` is not a package itself."""
    if index is not None and index.has(name):
        return None
    found = IMPORT_NAMES.get(name.lower())
    if found is None and index is not None and name not in _NOT_SUGGESTED:
        found = index.imports.get(name) or next(
            (d for m, d in index.imports.items() if m.lower() == name.lower()), None
        )
        if found is not None and name.startswith("_"):
            found = None
    if found is not None and pyodide_index.normalize(found) == pyodide_index.normalize(name):
        return None
    return found


def _import_name(ctx: RuleContext, entry: PackageEntry, parsed: Requirement, dist: str) -> None:
    fix = None
    span = inner_span(ctx, entry, 0, parsed.name_end)
    if span != entry.span:
        change = rewrite.edit(ctx, span, dist)
        if change is not None:
            fix = Fix(f'Use "{dist}"', (change,), safe=False)
    ctx.report(
        "PSC408",
        f'"{parsed.name}" is the name you import; the package to install is "{dist}"',
        span,
        fix=fix,
    )


def _unsplit(text: str, parsed: Requirement) -> bool:
    """Whether PyScript's `split(/[>=<]=/)` leaves more than the name."""
    return SPLIT.split(text)[0] != parsed.name


def _cache_in_use(ctx: RuleContext) -> bool:
    root = config_root(ctx)
    entry = root.get("packages_cache") if root is not None else None
    value = entry.value.value if entry is not None and isinstance(entry.value, Scalar) else None
    return value != "never" and ctx.region.pipeline is not Pipeline.GAME


def _specifier_warning(
    ctx: RuleContext,
    entry: PackageEntry,
    parsed: Requirement,
    *,
    graph_applies: bool,
    version: str | None,
) -> None:
    text = entry.text
    what = "extras" if parsed.extras else "spaces" if " " in text else "this specifier"
    warn = (
        f'its package check warns "Pyodide {version} might not support {text}", and '
        if graph_applies
        else ""
    )
    ctx.report(
        "PSC403",
        f"PyScript only splits ==, >= and <= off a package name, not {what}: {warn}its package "
        f'cache hands "{text}" to loadPyodide unchanged on the next visit; write '
        f"{_suggest_specifier(parsed)}",
        entry.span,
    )


def _suggest_specifier(parsed: Requirement) -> str:
    simple = [(op, v) for op, v in parsed.specifiers if op in ("==", ">=", "<=")]
    if simple and len(simple) == len(parsed.specifiers):
        return parsed.name + simple[0][0] + simple[0][1]
    return f"{parsed.name} (or a ==, >= or <= pin)"


def _lock_hint(
    ctx: RuleContext,
    entry: PackageEntry,
    parsed: Requirement,
    index: pyodide_index.PyodideIndex | None,
) -> None:
    if index is None or index.has(parsed.name) or ctx.region.pipeline is Pipeline.REMOTE_PACKAGE:
        return
    root = config_root(ctx)
    if root is not None and root.get("index_urls") is not None:
        return
    ctx.report(
        "PSC402",
        f'Pyodide {index.version} does not ship "{parsed.name}": micropip will look for it on '
        "PyPI, which works only for pure-Python wheels",
        inner_span(ctx, entry, 0, parsed.name_end),
    )


# --- PyScript's own package check (polyscript's pyodide_graph.js) --------------------------


@dataclass(slots=True)
class _GraphCheck:
    check: PackageCheck
    index: pyodide_index.PyodideIndex | None
    version: str | None
    applies: bool

    @classmethod
    def for_region(cls, ctx: RuleContext) -> _GraphCheck:
        check = package_check(ctx.release)
        version = pyodide_version(ctx)
        index = pyodide_index.index(version) if version else None
        graph = pyodide_index.graph(ctx.release.polyscript)
        applies = (
            check.mode != "none"
            and ctx.region.pipeline not in (Pipeline.GAME, Pipeline.REMOTE_PACKAGE)
            and graph is not None
            and version in graph.pyodide
            and index is not None
            and index.graph is not None
            and not _index_urls_set(ctx)
        )
        return cls(check, index, version, applies)

    def misses(self, text: str) -> str | None:
        """What the runtime complains about for `text` ("name" or "pin"), or None."""
        if not self.applies or self.index is None or re.match(self.check.skip, text):
            return None
        name, *rest = SPLIT.split(text)
        if not self.index.graph_accepts(name, lowercase=self.check.lowercase):
            return "name"
        if self.check.exact_pins and rest:
            shipped = self.index.packages.get(name)
            if shipped is not None and rest[0] != shipped:
                return "pin"
        return None

    def check_requirement(
        self,
        ctx: RuleContext,
        entry: PackageEntry,
        parsed: Requirement,
        suggestion: str | None,
    ) -> bool:
        """Report what the runtime's check does with a requirement; True when reported."""
        miss = self.misses(entry.text)
        if miss is None or self.index is None:
            return False
        text = entry.text
        spelling = self.index.graph_spelling(parsed.name)
        if self.check.mode == "throw":
            self._throw(ctx, entry, parsed, miss, spelling, suggestion)
            return True
        if suggestion is not None:
            _import_name(ctx, entry, parsed, suggestion)
            return True
        if _unsplit(text, parsed) and (
            spelling is not None or self.index.graph_accepts(parsed.name, lowercase=True)
        ):
            _specifier_warning(ctx, entry, parsed, graph_applies=True, version=self.version)
            return True
        self._warn(ctx, entry, parsed, spelling)
        return True

    def check_other(self, ctx: RuleContext, entry: PackageEntry) -> None:
        """URLs, wheels and `emfs://` paths the runtime's check still looks up by name."""
        text = entry.text
        if not (
            is_remote_config(text)
            or WHEEL.search(text)
            or "://" in text
            or text.startswith((".", "/"))
        ):
            return
        if self.misses(text) is None:
            return
        if self.check.mode == "throw":
            ctx.report(
                "PSC401",
                f"PyScript {ctx.release.name} checks this entry against Pyodide {self.version}'s "
                f'package list and stops with "These packages are not supported in Pyodide '
                f'{self.version}: {text}" before installing anything',
                entry.span,
            )
            return
        advice = "" if "://" in text else f"; writing it as ./{text} avoids the warning"
        ctx.report(
            "PSC400",
            f'PyScript warns "Pyodide {self.version} might not support {text}": its package '
            "check only skips entries starting with ./, ../, / or http(s):// (harmless if the "
            f"entry installs){advice}",
            entry.span,
        )

    def _throw(
        self,
        ctx: RuleContext,
        entry: PackageEntry,
        parsed: Requirement,
        miss: str,
        spelling: str | None,
        suggestion: str | None,
    ) -> None:
        assert self.index is not None
        text = entry.text
        if miss == "pin":
            shipped = self.index.packages.get(parsed.name, "")
            why = (
                f"Pyodide {self.version} ships {parsed.name} {shipped} and any other pin is refused"
            )
        elif spelling is not None and spelling != parsed.name:
            why = f'it lists the package as "{spelling}" (the check is case-sensitive)'
        elif suggestion is not None:
            why = f'"{parsed.name}" is an import name; the package is "{suggestion}"'
        elif _unsplit(text, parsed):
            why = "it only splits ==, >= and <= off the name"
        else:
            why = "the package is not in its list"
        fix = None
        replacement = spelling if miss == "name" and spelling is not None else None
        if replacement is not None and replacement != parsed.name:
            span = inner_span(ctx, entry, 0, parsed.name_end)
            change = rewrite.edit(ctx, span, replacement) if span != entry.span else None
            if change is not None:
                fix = Fix(f'Use "{replacement}"', (change,), safe=True)
        ctx.report(
            "PSC401",
            f'PyScript {ctx.release.name} stops with "These packages are not supported in '
            f'Pyodide {self.version}: {text}" before installing anything: {why}',
            entry.span,
            fix=fix,
        )

    def _warn(
        self, ctx: RuleContext, entry: PackageEntry, parsed: Requirement, spelling: str | None
    ) -> None:
        text = entry.text
        link = f". See: https://packages.pyscript.net/?q={SPLIT.split(text)[0]}"
        runtime = f"Pyodide {self.version} might not support {text}"
        if self.check.link:
            runtime += link
        if spelling is not None and spelling != parsed.name:
            fix = None
            span = inner_span(ctx, entry, 0, parsed.name_end)
            change = rewrite.edit(ctx, span, spelling) if span != entry.span else None
            if change is not None:
                fix = Fix(f'Use "{spelling}"', (change,), safe=True)
            ctx.report(
                "PSC400",
                f'PyScript warns "{runtime}": Pyodide lists the package as "{spelling}" (micropip '
                "installs it either way); write that to avoid the warning",
                span,
                fix=fix,
            )
            return
        if self.index is not None and parsed.name in self.index.cpython_modules:
            ctx.report(
                "PSC400",
                f'PyScript warns "{runtime}": its list leaves out the standard-library modules '
                f"Pyodide ships as separate packages, but micropip installs {parsed.name} "
                "(the warning is harmless)",
                inner_span(ctx, entry, 0, parsed.name_end),
            )
            return
        ctx.report(
            "PSC400",
            f'PyScript warns "{runtime}": Pyodide {self.version} does not ship it, so micropip '
            "looks on PyPI, which only works for pure-Python wheels",
            inner_span(ctx, entry, 0, parsed.name_end),
        )


def _index_urls_set(ctx: RuleContext) -> bool:
    """JavaScript truthiness of `index_urls` (an empty array counts, an empty string not)."""
    root = config_root(ctx)
    entry = root.get("index_urls") if root is not None else None
    if entry is None:
        return False
    value = entry.value
    if isinstance(value, Scalar):
        return value.kind is not Kind.NULL and value.value not in ("", False, 0)
    return True


# --- wheels and URLs --------------------------------------------------------------------------


def _wheel_entry(ctx: RuleContext, entry: PackageEntry, pyodide: bool) -> None:
    text = entry.text
    if text.startswith("emfs://"):
        return
    path = url_parts(text)[1] if "://" in text else re.split(r"[?#]", text, maxsplit=1)[0]
    filename = unquote(path.rsplit("/", 1)[-1])
    if filename.lower().endswith(".whl"):
        wheel = parse_wheel_name(filename)
        if wheel is None:
            if pyodide:
                ctx.report(
                    "PSC410",
                    f'"{filename}" is not a wheel file name (name-version-python-abi-platform.whl):'
                    " micropip cannot install it and the install fails",
                    entry.span,
                )
        elif not wheel.runs_in_browser():
            ctx.report(
                "PSC409",
                f'this wheel is built for "{wheel.platform}": only pure-Python (none-any) wheels '
                "and wheels built for Pyodide/Emscripten install in the browser",
                entry.span,
            )
    elif pyodide and "://" in text:
        ctx.report(
            "PSC410",
            f'"{text}" is not a wheel: micropip installs URLs as .whl files only, so the install '
            "fails; list the package by name or point at a built wheel",
            entry.span,
        )
        return
    if is_local(text) and filename and not exists(ctx, local_path(ctx, text)):
        ctx.report(
            "PSC417",
            f'"{text}" not found (looked for {local_path(ctx, text)}): PyScript fails with '
            "[404] Unable to fetch when it starts",
            entry.span,
        )
