"""Turning paths into text: decoding, size limits and what kind of file it is.

Loading problems are returned as values (a `LoadProblem`), never raised, so that a
batch run reports them and carries on with the other files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum

from .text import Span

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class FileKind(str, Enum):
    HTML = "html"
    TOML = "toml"
    JSON = "json"


_KIND_BY_SUFFIX = {
    ".html": FileKind.HTML,
    ".htm": FileKind.HTML,
    ".xhtml": FileKind.HTML,
    ".toml": FileKind.TOML,
    ".json": FileKind.JSON,
}


def kind_of(path: str) -> FileKind | None:
    """The kind of file by its name (case-insensitive suffix)."""
    return _KIND_BY_SUFFIX.get(os.path.splitext(path)[1].lower())


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    text: str
    kind: FileKind

    @property
    def content_start(self) -> int:
        """Where the content begins: after a byte-order mark, which browsers strip."""
        return 1 if self.text.startswith("\ufeff") else 0


class LoadFailure(str, Enum):
    UNREADABLE = "unreadable"  # I/O error: permission, a directory, a symlink loop, ...
    NOT_UTF8 = "not-utf8"
    BINARY = "binary"
    TOO_LARGE = "too-large"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class LoadProblem:
    path: str
    failure: LoadFailure
    message: str
    # Where in the file: the first bad character for NOT_UTF8.
    span: Span = Span(0, 0)  # noqa: RUF009 (an immutable tuple)

    @property
    def is_io_error(self) -> bool:
        """True for failures of the tool's environment rather than of the file's content."""
        return self.failure in (LoadFailure.UNREADABLE, LoadFailure.MISSING)


def decode(path: str, data: bytes, kind: FileKind) -> SourceFile | LoadProblem:
    """Decode bytes the way a browser does for this kind of file.

    Pages may be UTF-16 with a byte-order mark (browsers honour it). Configs are read
    with `fetch(...).text()`/`.json()`, which always decode UTF-8, so a UTF-16 config is
    garbage to PyScript and is reported, not decoded. NUL bytes outside UTF-16 mean a
    binary file, whatever else is wrong with it.
    """
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if utf16 and kind is FileKind.HTML:
        try:
            return SourceFile(path, data.decode("utf-16"), kind)
        except UnicodeDecodeError as error:
            return LoadProblem(path, LoadFailure.NOT_UTF8, f"invalid UTF-16 at byte {error.start}")
    if utf16:
        return LoadProblem(
            path,
            LoadFailure.NOT_UTF8,
            f"file is UTF-16 (byte-order mark 0x{data[0]:02x}{data[1]:02x} at byte offset 0), "
            "but browsers read PyScript configs as UTF-8; re-save it as UTF-8",
            Span(0, 1),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        where = len(data[:nul].decode("utf-8", errors="replace"))
        return LoadProblem(
            path,
            LoadFailure.BINARY,
            f"file looks binary (NUL byte at byte offset {nul}); not checked",
            Span(where, where + 1),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        return LoadProblem(
            path,
            LoadFailure.NOT_UTF8,
            f"file is not valid UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}",
            Span(len(prefix), len(prefix) + 1),
        )
    return SourceFile(path, text, kind)


def load_source(
    path: str, kind: FileKind | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceFile | LoadProblem:
    """Read and decode `path`; every failure becomes a `LoadProblem` with a clear message."""
    resolved_kind = kind or kind_of(path) or FileKind.HTML
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return LoadProblem(
                path,
                LoadFailure.TOO_LARGE,
                f"file is {size:,} bytes, over the {max_bytes:,} byte limit; not checked",
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return LoadProblem(path, LoadFailure.MISSING, "no such file")
    except IsADirectoryError:
        return LoadProblem(path, LoadFailure.UNREADABLE, "is a directory")
    except PermissionError:
        return LoadProblem(path, LoadFailure.UNREADABLE, "permission denied")
    except OSError as error:
        return LoadProblem(path, LoadFailure.UNREADABLE, error.strerror or str(error))
    if len(data) > max_bytes:
        return LoadProblem(
            path, LoadFailure.TOO_LARGE, f"file is over the {max_bytes:,} byte limit; not checked"
        )
    return decode(path, data, resolved_kind)
