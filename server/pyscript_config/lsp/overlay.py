"""Reading other files as the editor sees them: open documents first, disk otherwise.

A page's config file may be open with unsaved edits; checking the page must use
those edits, exactly as `validate` would see the file once it is saved.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from ..cli.batch import read_file, within
from ..files import (
    DEFAULT_MAX_BYTES,
    FileKind,
    LoadFailure,
    LoadProblem,
    SourceFile,
    decode,
    kind_of,
)


def path_key(path: str) -> str:
    """One key per file, whatever spelling of its path we were given."""
    return os.path.normcase(os.path.abspath(path))


def too_large(text: str, max_bytes: int) -> bool:
    """Whether `text` is over `max_bytes` once encoded as UTF-8 (without encoding
    small texts: a character is at most four bytes)."""
    if len(text) * 4 <= max_bytes:
        return False
    return len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes


class OverlayReader:
    """A `Reader` for the core: `open_text(path)` answers for open documents."""

    def __init__(
        self,
        open_text: Callable[[str], str | None],
        max_bytes: int = DEFAULT_MAX_BYTES,
        roots: Callable[[], Sequence[str]] = tuple,
        on_outside: Callable[[str, Sequence[str]], None] | None = None,
    ) -> None:
        self._open_text = open_text
        self._max_bytes = max_bytes
        self._roots = roots
        self._on_outside = on_outside

    def __call__(self, path: str) -> SourceFile | LoadProblem:
        text = self._open_text(path)
        if text is None:
            loaded = read_file(path, self._max_bytes)
            if isinstance(loaded, SourceFile):
                self._note_if_outside(path)
            return loaded
        if too_large(text, self._max_bytes):
            return LoadProblem(
                path,
                LoadFailure.TOO_LARGE,
                f"file is over the {self._max_bytes:,} byte limit; not checked",
            )
        kind = kind_of(path) or FileKind.HTML
        if "\x00" in text:  # what `validate` says of these bytes on disk: binary
            return decode(path, text.encode("utf-8", "surrogatepass"), kind)
        return SourceFile(path, text, kind)

    def _note_if_outside(self, path: str) -> None:
        """A page may point anywhere (`../../x.toml`, a symlink out): the file is read,
        as the browser would fetch it, but never silently."""
        if self._on_outside is None:
            return
        roots = self._roots()
        if roots and not within(path, roots):
            self._on_outside(path, roots)

    def text(self, path: str) -> str | None:
        """The text of a file for positions: open document, else decoded disk content
        (with replacement characters where it is not UTF-8)."""
        text = self._open_text(path)
        if text is not None:
            return text
        loaded = self(path)
        if isinstance(loaded, SourceFile):
            return loaded.text
        if loaded.failure in (LoadFailure.NOT_UTF8, LoadFailure.BINARY):
            try:
                with open(path, "rb") as handle:
                    return handle.read(self._max_bytes).decode("utf-8", errors="replace")
            except OSError:
                return None
        return None
