"""`validate --fix` and `--diff`: fixes planned by `fixes.py`, files written atomically.

Only files whose bytes were read from disk are written, and only when their text
round-trips exactly (decoding then encoding gives the same bytes), so nothing outside
the edits changes: line endings, a byte-order mark, trailing spaces and tabs stay as
they were. A file is replaced in one step (a temporary file beside it, flushed to
disk, given the original's permission bits, then renamed over it): an interrupted run
leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..files import FileKind, LoadProblem, decode, kind_of
from ..fixes import FixRun, fix_until_stable
from ..settings import Settings
from .batch import BatchResult, StdinInput, same_file
from .batch import run as run_batch
from .discover import Candidate, Failure

Encoder = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class Original:
    """A file as read for fixing: its bytes, and how to turn fixed text back into bytes."""

    data: bytes
    encode: Encoder


def encoder_for(data: bytes, text: str) -> Encoder | None:
    """How `text` (decoded from `data`) is encoded again byte for byte; None if no
    encoding we know reproduces `data` exactly (then the file is not fixed)."""
    candidates: list[Encoder] = [lambda t: t.encode("utf-8")]
    if data.startswith(b"\xff\xfe"):
        candidates.append(lambda t: b"\xff\xfe" + t.encode("utf-16-le"))
    elif data.startswith(b"\xfe\xff"):
        candidates.append(lambda t: b"\xfe\xff" + t.encode("utf-16-be"))
    for encode in candidates:
        try:
            if encode(text) == data:
                return encode
        except UnicodeEncodeError:
            continue
    return None


class FixableFiles:
    """The `load` side of `fix_until_stable`: original texts of the files we may write."""

    def __init__(self, writable: set[str], max_bytes: int, stdin: StdinInput | None) -> None:
        self._writable = writable
        self._max_bytes = max_bytes
        self._stdin = stdin
        self.originals: dict[str, Original] = {}

    def __call__(self, path: str) -> str | None:
        if path not in self._writable:
            return None
        if self._stdin is not None and same_file(path, self._stdin.name):
            data = self._stdin.data
        else:
            try:
                info = os.stat(path)
                if not stat.S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                    return None
                with open(path, "rb") as handle:
                    data = handle.read(self._max_bytes + 1)
            except OSError:
                return None
        if len(data) > self._max_bytes:
            return None
        loaded = decode(path, data, kind_of(path) or FileKind.HTML)
        if isinstance(loaded, LoadProblem):
            return None
        encode = encoder_for(data, loaded.text)
        if encode is None:
            return None
        self.originals[path] = Original(data, encode)
        return loaded.text


@dataclass(slots=True)
class FixOutcome:
    run: FixRun
    originals: dict[str, Original]
    batch: BatchResult  # the last check
    first: BatchResult  # the check before any fix
    written: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def new_bytes(self, path: str) -> bytes:
        return self.originals[path].encode(self.run.changed[path])


def fix_files(
    candidates: Sequence[Candidate],
    settings: Settings,
    stdin: StdinInput | None,
    unsafe: bool,
    roots: Sequence[str] = (),
) -> FixOutcome:
    """Check, fix in memory until stable, re-checking with the fixed texts in place.

    With stdin, only the stdin text is fixed (it is printed, not written); otherwise
    every checked file may be, pages and the config files they use alike.
    """
    first = run_batch(candidates, settings, stdin, roots=roots)
    last = [first]
    writable = {stdin.name} if stdin is not None else set(first.checked)
    files = FixableFiles(writable, settings.max_file_bytes, stdin)

    def check(texts: Mapping[str, str]) -> list[Diagnostic]:
        if not texts:
            return first.diagnostics
        own = dict(texts)
        piped = stdin
        if stdin is not None and stdin.name in own:
            piped = StdinInput(stdin.name, files.originals[stdin.name].encode(own.pop(stdin.name)))
        result = run_batch(candidates, settings, piped, overlay=own, roots=roots)
        last.append(result)
        return result.diagnostics

    run = fix_until_stable(files, check, writable, unsafe)
    return FixOutcome(run, files.originals, last[-1], first)


def write_fixes(outcome: FixOutcome) -> None:
    """Write every changed file; a file that cannot be written becomes a failure and
    keeps its original content."""
    for path in sorted(outcome.run.changed):
        original = outcome.originals[path]
        try:
            write_atomic(path, outcome.new_bytes(path), expected=original.data)
        except OSError as error:
            outcome.failures.append(Failure(path, write_error_message(error, path)))
        else:
            outcome.written.append(path)


class ChangedOnDisk(OSError):
    """The file changed between reading and writing it: someone else is editing it."""


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file at `path` with `data` in one step.

    The temporary file is created in the same directory (a rename across file systems
    is not atomic), flushed to disk, given the original's permission bits and renamed
    over the original. On any failure the temporary file is removed and the original is
    left as it was. A symlink is followed: its target is replaced, the link stays.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    if expected is not None:
        with open(target, "rb") as handle:
            if handle.read() != expected:
                raise ChangedOnDisk(errno.EAGAIN, "changed on disk while it was being fixed")
    directory = os.path.dirname(target) or os.curdir
    name = os.path.basename(target)
    remove_stale_temporaries(directory, name)
    handle_fd, temporary = tempfile.mkstemp(
        prefix=f".{name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX, dir=directory
    )
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


TEMPORARY_SUFFIX = ".pyscript-config.tmp"


def remove_stale_temporaries(directory: str, name: str) -> None:
    """Remove the temporary files a killed run left next to `name`.

    A run killed between creating its temporary file and renaming it (SIGKILL, power
    loss) cannot clean up; the original is intact, but `.NAME.PID.XXXX.pyscript-config.tmp`
    stays. The next run that writes `name` removes those whose process is gone (the PID
    is in the name), never one of a run still writing. Only where a process can be
    probed without harm (POSIX: signal 0; on Windows `os.kill` terminates).
    """
    if os.name != "posix":
        return
    prefix = f".{name}."
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith(prefix) and entry.endswith(TEMPORARY_SUFFIX)):
            continue
        pid = entry[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, entry))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists (another user's process)
    return True


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (where the platform allows opening a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_error_message(error: OSError, path: str) -> str:
    if isinstance(error, ChangedOnDisk):
        return "not fixed: the file changed on disk while it was being fixed"
    directory = os.path.dirname(os.path.realpath(path)) or os.curdir
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"cannot write the fixed file: permission denied (is the directory {directory} "
            "read-only?); the file was left unchanged"
        )
    reason = (error.strerror or str(error)).lower()
    return f"cannot write the fixed file: {reason}; the file was left unchanged"


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, line endings kept as they are in the file."""
    from difflib import unified_diff as diff_lines

    lines = []
    for line in diff_lines(_lines(before), _lines(after), path, path):
        if not line.endswith(("\n", "\r")):
            lines.append(line + "\n\\ No newline at end of file\n")
        else:
            lines.append(line)
    return "".join(lines)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> list[str]:
    """Lines with their endings, split only where editors split them."""
    return _LINE.findall(text)


def fixed_counts(fixed: Sequence[Diagnostic]) -> list[tuple[str, str, int]]:
    """(path, code, count) of the fixes applied, sorted."""
    counts = Counter((d.path, d.code) for d in fixed)
    return sorted((path, code, n) for (path, code), n in counts.items())
