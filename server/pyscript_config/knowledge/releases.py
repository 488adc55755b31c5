"""The release table (spec §0.1) and the facts that change from release to release.

A page's rules are evaluated against the facts of the release it loads, so that a
config that is fine on 2026.7.3 but broken on 2026.1.1 (or the other way round) is
judged as the user's browser will judge it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..versions import release_key


@dataclass(frozen=True, slots=True)
class Release:
    name: str  # the PyScript release, e.g. "2026.7.3"
    core: str  # @pyscript/core on npm
    polyscript: str
    pyodide: str  # default Pyodide
    micropython: str  # default MicroPython


# Oldest first. Source: spec §0.1 (lockfiles of pyscript/pyscript at each tag).
RELEASES: tuple[Release, ...] = tuple(
    Release(*row)
    for row in (
        ("2023.11.1", "0.3.4", "0.5.11", "0.24.1", "1.20.0-297"),
        ("2023.12.1", "0.3.9", "0.6.2", "0.24.1", "1.20.0-297"),
        ("2024.1.1", "0.3.14", "0.6.8", "0.24.1", "1.21.0-278"),
        ("2024.2.1", "0.4.5", "0.9.0", "0.25.0", "1.21.0-279"),
        ("2024.3.2", "0.4.10", "0.11.3", "0.25.0", "1.22.0-272"),
        ("2024.5.1", "0.4.31", "0.12.8", "0.25.1", "1.22.0-356"),
        ("2024.6.1", "0.4.42", "0.12.14", "0.26.0", "1.23.0"),
        ("2024.7.1", "0.4.55", "0.13.8", "0.26.1", "1.24.0-preview-47"),
        ("2024.8.1", "0.5.1", "0.14.4", "0.26.2", "1.24.0-preview-114"),
        ("2024.8.2", "0.5.3", "0.15.0", "0.26.2", "1.24.0-preview-114"),
        ("2024.9.1", "0.5.12", "0.15.6", "0.26.2", "1.24.0-preview-114"),
        ("2024.9.2", "0.5.15", "0.15.11", "0.26.2", "1.24.0-preview-114"),
        ("2024.10.1", "0.6.2", "0.16.2", "0.26.2", "1.24.0"),
        ("2024.10.2", "0.6.13", "0.16.4", "0.26.3", "1.24.0"),
        ("2024.11.1", "0.6.20", "0.16.9", "0.26.4", "1.24.0"),
        ("2025.2.1", "0.6.25", "0.16.10", "0.26.4", "1.24.0"),
        ("2025.3.1", "0.6.39", "0.16.21", "0.27.3", "1.24.1"),
        ("2025.5.1", "0.6.53", "0.17.20", "0.27.6", "1.25.0"),
        ("2025.7.1", "0.6.62", "0.17.33", "0.27.7", "1.25.0"),
        ("2025.8.1", "0.6.70", "0.18.9", "0.28.1", "1.26.0-preview-464"),
        ("2025.10.1", "0.7.4", "0.19.6", "0.29.0", "1.27.0-preview-283"),
        ("2025.10.2", "0.7.6", "0.19.8", "0.29.0", "1.27.0-preview-283"),
        ("2025.10.3", "0.7.10", "0.19.8", "0.29.0", "1.27.0-preview-283"),
        ("2025.11.1", "0.7.11", "0.19.10", "0.29.0", "1.27.0-preview-283"),
        ("2025.11.2", "0.7.11", "0.20.0", "0.29.0", "1.27.0-preview-283"),
        ("2026.1.1", "0.7.12", "0.20.2", "0.29.1", "1.27.0"),
        ("2026.2.1", "0.7.17", "0.20.9", "0.29.3", "1.27.0"),
        ("2026.3.1", "0.7.18", "0.20.11", "0.29.3", "1.28.0-preview-233"),
        ("2026.6.1", "0.7.28", "0.20.14", "314.0.0", "1.28.0-6"),
        ("2026.6.2", "0.7.28", "0.20.15", "314.0.0", "1.28.0-6"),
        ("2026.7.1", "0.7.28", "0.20.16", "314.0.2", "1.28.0-6"),
        ("2026.7.2", "0.7.30", "0.20.16", "314.0.2", "1.28.0-6"),
        # The npm tarball of core 0.7.31 bundles polyscript 0.20.16 and Pyodide 314.0.2
        # (spec §6.2), although the 2026.7.3 lockfile names 0.20.18 / 314.0.3.
        ("2026.7.3", "0.7.31", "0.20.16", "314.0.2", "1.28.0-6"),
    )
)
NEWEST = RELEASES[-1]
_BY_NAME = {release.name: release for release in RELEASES}


def find_release(name: str) -> Release | None:
    """The release called `name`; an unknown one maps to the newest known at or before it."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    key = release_key(name)
    if key is None:
        return None
    older = [r for r in RELEASES if (release_key(r.name) or ()) <= key]
    return older[-1] if older else RELEASES[0]


def release_for_core(core: str) -> Release | None:
    """The release that ships @pyscript/core `core` (or the newest before it)."""
    wanted = _semver(core)
    if wanted is None:
        return None
    match = None
    for release in RELEASES:
        have = _semver(release.core)
        if have is not None and have <= wanted:
            match = release
    return match


def _semver(text: str) -> tuple[int, ...] | None:
    parts = text.strip().split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def at_least(release: Release, name: str) -> bool:
    have, want = release_key(release.name), release_key(name)
    return have is not None and want is not None and have >= want


# --- facts that changed between releases (spec §2.6, §5.1) --------------------------


def main_toml_parser(release: Release) -> str:
    """Which TOML parser reads main-thread configs: basic-toml since 2026.2.1."""
    return "basic-toml" if at_least(release, "2026.2.1") else "toml-j0.4"


def worker_toml_parser(release: Release) -> str:
    """basic-toml 0.4 (trailing commas allowed) since 2026.2.1, 0.3 before."""
    return "basic-toml" if at_least(release, "2026.2.1") else "basic-toml-0.3"


# The TOML parser of each pipeline (spec §2.6, §1.1.3), newest first: the first row whose
# release is at or before the page's applies. basic-toml 0.4 came with polyscript 0.20.9.
_TOML_PARSERS: dict[str, tuple[tuple[str, str], ...]] = {
    "main": (("2026.2.1", "basic-toml-0.4"), ("", "toml-j0.4")),
    "worker": (("2026.2.1", "basic-toml-0.4"), ("", "basic-toml-0.3")),
    "editor": (("", "toml-j0.4"),),
    "game": (("", "toml-j0.4"),),
}
_TOML_PARSERS["standalone"] = _TOML_PARSERS["main"]  # no page: judged as a main config
_TOML_PARSERS["polyscript"] = _TOML_PARSERS["worker"]  # raw polyscript resolves like workers
_TOML_PARSERS["remote-package"] = _TOML_PARSERS["worker"]


def toml_parser(release: Release, pipeline: str) -> str:
    """ "basic-toml-0.4", "basic-toml-0.3" or "toml-j0.4": what reads TOML in `pipeline`
    (a `regions.Pipeline` value) on `release`."""
    rows = _TOML_PARSERS.get(pipeline, _TOML_PARSERS["main"])
    for since, parser in rows:
        if not since or at_least(release, since):
            return parser
    return rows[-1][1]


def toml_parsers(release: Release, pipeline: str, from_file: bool) -> list[str]:
    """Every parser a config must satisfy. A py-editor `.toml` file is parsed twice: with
    toml-j0.4 on the main thread, then fetched again and parsed with basic-toml inside the
    editor's worker (observed in the browser; docs/runtime-facts.md)."""
    parsers = [toml_parser(release, pipeline)]
    if pipeline == "editor" and from_file:
        second = toml_parser(release, "worker")
        if second not in parsers:
            parsers.append(second)
    return parsers


def custom_config_parser(release: Release) -> bool:
    """The `config-parser` attribute (a module replacing the TOML parser) exists since
    2025.10.1 (spec §2.1)."""
    return at_least(release, "2025.10.1")


def unknown_packages(release: Release) -> str:
    """What Pyodide does with a package name it does not know: throw, warn or nothing."""
    if at_least(release, "2025.11.1"):
        return "warn"
    if at_least(release, "2025.10.1"):
        return "throw"
    return "none"


def remote_packages(release: Release) -> str:
    """Remote package configs in `packages`: always, behind a flag, or not at all."""
    if at_least(release, "2026.6.1"):
        return "always"
    if at_least(release, "2025.10.1"):
        return "flag"
    return "none"


def scripts_async_by_default(release: Release) -> bool:
    """Since 2024.8.2 scripts run async unless `async="false|0|no"`; before, the mere
    presence of `async` opted in (spec §5.1)."""
    return at_least(release, "2024.8.2")


def main_config_conflicts_fail(release: Release) -> bool:
    """Since 2023.12.1 a second main config is an error (`(PY0409): Too many …`,
    `Ambiguous …`, `Unable to use different configs on main`); before, the first won."""
    return at_least(release, "2023.12.1")


def editor_env_override(release: Release) -> bool:
    """The `env-override` attribute of py-editor exists since 2026.6.1."""
    return at_least(release, "2026.6.1")


@dataclass(frozen=True, slots=True)
class PackageCheck:
    """How a release checks `packages` names against polyscript's Pyodide graph (spec §1.1
    step 2; the throwing variant from `[poly-git] v0.19.6`/`v0.19.8`, verified in the
    npm tarballs of those versions)."""

    mode: str  # "none", "throw" (one error listing every entry) or "warn" (one per entry)
    skip: str  # entries matching this regex are not checked
    lowercase: bool  # the name is lower-cased before the lookup
    exact_pins: bool  # a `==`/`>=`/`<=` version must equal the graph's own version
    link: bool  # the warning ends with ". See: https://packages.pyscript.net/?q=<name>"


_NO_PACKAGE_CHECK = PackageCheck("none", r"", False, False, False)
# Newest first: the first row whose release is at or before the page's applies.
_PACKAGE_CHECKS: tuple[tuple[str, PackageCheck], ...] = (
    ("2026.2.1", PackageCheck("warn", r"^(?:\.|/|https?://)", True, False, True)),
    ("2025.11.1", PackageCheck("warn", r"^(?:\.|/|https?://)", False, False, False)),
    ("2025.10.2", PackageCheck("throw", r"^https?://", False, True, False)),
    ("2025.10.1", PackageCheck("throw", r"^(?![A-Za-z0-9_])", False, True, False)),
)


def package_check(release: Release) -> PackageCheck:
    """The package-name check of `release` (none before 2025.10.1)."""
    for name, check in _PACKAGE_CHECKS:
        if at_least(release, name):
            return check
    return _NO_PACKAGE_CHECK


def ulab_build(release: Release) -> bool:
    """Whether `"ulab"` in MicroPython `packages` selects the ulab build (polyscript
    0.20.12, PyScript 2026.6.1); before, it went to `mip.install("ulab")`, which fails."""
    return at_least(release, "2026.6.1")


def offline_attribute(release: Release) -> bool:
    """The `offline` attribute of the core.js tag exists since 2025.11.2."""
    return at_least(release, "2025.11.2")
