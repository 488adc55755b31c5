"""File text for the reporters: line/column numbers and code frames need it.

Only files that have diagnostics are read (again) here, after the checks: worker
processes do not send whole files back. The text is decoded exactly as the checks
decoded it, so diagnostic offsets index the same string. A file that could not be
decoded is read with replacement characters (its diagnostic points at the bad byte,
which lies in the correctly decoded prefix); a file over the size limit is not read.
"""

from __future__ import annotations

import os
import stat

from ..files import FileKind, LoadProblem, decode, kind_of


class SourceTexts:
    def __init__(self, max_bytes: int, in_memory: dict[str, str] | None = None) -> None:
        self._max_bytes = max_bytes
        self._cache: dict[str, str | None] = dict(in_memory or {})

    def __call__(self, path: str) -> str | None:
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> str | None:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                return None
            with open(path, "rb") as handle:
                data = handle.read(self._max_bytes + 1)
        except OSError:
            return None
        loaded = decode(path, data, kind_of(path) or FileKind.HTML)
        if isinstance(loaded, LoadProblem):
            return data.decode("utf-8", errors="replace")
        return loaded.text
