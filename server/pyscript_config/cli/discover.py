"""Which files a `validate` run looks at.

Paths named on the command line are taken as given (that is how pre-commit calls the
hook); directories are walked in sorted order so every run sees files in the same
order. Directories that never hold hand-written pages (VCS data, dependencies,
virtual environments, caches) are pruned, and symlinked directories are followed at
most once, so a link back to an ancestor cannot make the walk loop.

Failures are values: a path that cannot be used becomes a `Failure`, and discovery
carries on with the others.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

# Directories that are never a site's own source.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "site-packages",
    }
)
CANDIDATE_SUFFIXES = (".html", ".htm", ".xhtml", ".toml", ".json")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to consider; `explicit` when it was named on the command line."""

    path: str
    explicit: bool


@dataclass(frozen=True, slots=True)
class Failure:
    """A path the run could not use (exit code 2); printed as one line on stderr."""

    path: str
    message: str

    def line(self) -> str:
        return f"pyscript-config: error: {self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class SettingsExclude:
    """`exclude` globs from a settings file: relative to that file's directory, and
    applied only while walking directories (a path named on the command line is
    checked, as the user asked)."""

    root: str
    patterns: tuple[str, ...]
    source: str  # the settings file, for --verbose

    def matches(self, path: str, absolute: str | None = None) -> bool:
        """`absolute`, when the caller knows it, saves normalising `path` again (the
        walk calls this for every entry of every directory)."""
        absolute = os.path.abspath(path) if absolute is None else absolute
        prefix = self.root if self.root.endswith(os.sep) else self.root + os.sep
        if absolute.startswith(prefix):
            return excluded(absolute[len(prefix) :], self.patterns)
        relative = os.path.relpath(absolute, self.root)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return excluded(os.path.basename(path), self.patterns)
        return excluded(relative, self.patterns)


@dataclass(slots=True)
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for --verbose: what was skipped and why


def is_candidate(path: str) -> bool:
    return path.lower().endswith(CANDIDATE_SUFFIXES)


def os_error_message(error: OSError, path: str) -> str:
    """A short, stable message for an OS error (the strerror texts vary by platform)."""
    if error.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return "broken symlink (its target does not exist)"
        return "no such file or directory"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (error.strerror or str(error)).lower()


def excluded(relative: str, patterns: Sequence[str]) -> bool:
    """Whether a path matches an `--exclude` glob, by its relative path or its name."""
    if not patterns:
        return False
    posix = relative.replace(os.sep, "/")
    name = posix.rsplit("/", 1)[-1]
    for given in patterns:
        pattern = given.rstrip("/")
        if fnmatchcase(posix, pattern) or fnmatchcase(name, pattern):
            return True
    return False


def discover(
    paths: Sequence[str],
    exclude: Sequence[str] = (),
    settings_exclude: SettingsExclude | None = None,
) -> Discovery:
    found = Discovery()
    seen_files: set[str] = set()
    visited_dirs: set[object] = set()

    def add(path: str, explicit: bool) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen_files:
            seen_files.add(key)
            found.candidates.append(Candidate(path, explicit))

    for given in paths:
        path = os.path.normpath(given)
        if excluded(path, exclude):
            found.notes.append(f"skipped {path}: matches --exclude")
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            found.failures.append(Failure(path, os_error_message(error, path)))
            continue
        if stat.S_ISDIR(mode):
            _walk(path, exclude, settings_exclude, found, visited_dirs, add)
        elif stat.S_ISREG(mode):
            add(path, explicit=True)
        else:
            found.failures.append(Failure(path, "not a regular file"))
    return found


def _skip_reason(directory: str, name: str) -> str | None:
    if name in SKIP_DIRS:
        return "tool or dependency directory"
    if os.path.isfile(os.path.join(directory, "pyvenv.cfg")):
        return "virtual environment (has pyvenv.cfg)"
    return None


def _walk(
    root: str,
    exclude: Sequence[str],
    settings_exclude: SettingsExclude | None,
    found: Discovery,
    visited: set[object],
    add: Callable[[str, bool], None],
) -> None:
    """Depth first, files of a directory before its subdirectories, names sorted.

    An explicit stack instead of recursion: no depth limit on deep trees.
    """
    root_absolute = os.path.abspath(root)
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        directory, relative = stack.pop()
        # The directory's identity (device, inode) tells a second visit through a symlink
        # with one stat, where realpath would lstat every component of the path.
        try:
            info = os.stat(directory)
            identity: object = (info.st_dev, info.st_ino)
        except OSError:
            identity = os.path.realpath(directory)
        if identity in visited:
            found.notes.append(f"skipped {directory}: directory already visited (symlink loop)")
            continue
        visited.add(identity)
        try:
            with os.scandir(directory) as iterator:
                entries = sorted(iterator, key=lambda entry: entry.name)
        except OSError as error:
            found.failures.append(Failure(directory, os_error_message(error, directory)))
            continue
        subdirectories: list[tuple[str, str]] = []
        for entry in entries:
            child = entry.name if directory == os.curdir else os.path.join(directory, entry.name)
            child_relative = f"{relative}/{entry.name}" if relative else entry.name
            if excluded(child_relative, exclude):
                found.notes.append(f"skipped {child}: matches --exclude")
                continue
            if settings_exclude is not None and settings_exclude.matches(
                child, os.path.join(root_absolute, child_relative)
            ):
                found.notes.append(f"skipped {child}: excluded by {settings_exclude.source}")
                continue
            if _is_dir(entry):
                reason = _skip_reason(child, entry.name)
                if reason:
                    found.notes.append(f"skipped {child}: {reason}")
                else:
                    subdirectories.append((child, child_relative))
                continue
            if not is_candidate(entry.name):
                continue
            try:
                mode = os.stat(child).st_mode
            except OSError as error:
                found.failures.append(Failure(child, os_error_message(error, child)))
                continue
            if stat.S_ISREG(mode):
                add(child, False)
            else:
                found.failures.append(Failure(child, "not a regular file"))
        stack.extend(reversed(subdirectories))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
