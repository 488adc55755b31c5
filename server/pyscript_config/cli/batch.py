"""Running the checks over the discovered files, serially or in worker processes.

Two phases, because whether a TOML/JSON file is a PyScript config at all depends on
the pages: first every page is checked (which also checks the local config files it
points to, in its context), then the TOML/JSON files no page covered are either
checked standalone (`pyscript.toml`, `pyscript.json`, or any file whose `#:schema` /
`"$schema"` directive names our schema), checked through a page beside them that points
to them (other names, when named on the command line, as pre-commit does), or skipped.

Every job is a plain picklable value and every outcome too, so the parallel path is
the serial path run in other processes: same jobs, same order, same results.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from ..check import (
    check_source,
    finish,
    is_config_name,
    load_problem_diagnostic,
    referenced_configs,
)
from ..diagnostics import Diagnostic
from ..files import FileKind, LoadFailure, LoadProblem, SourceFile, decode, kind_of, load_source
from ..schema_directive import HEAD_CHARS, declares_our_schema, file_declares_our_schema
from ..settings import Settings
from ..suppress import agreed
from .discover import Candidate, Failure, os_error_message

NOT_REFERENCED = (
    "not a PyScript config (not named pyscript.toml/pyscript.json, no page points to it, "
    "and no #:schema/$schema names our schema)"
)
PARALLEL_THRESHOLD = 32  # below this, starting processes costs more than it saves
ISSUES_URL = "https://github.com/pyscript-config/pyscript-config/issues"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

Reader = Callable[[str], "SourceFile | LoadProblem"]


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    # "page", "config" (named pyscript.* or naming our schema: via a page if one uses it) or
    # "config-via-page"
    mode: str
    settings: Settings
    # Texts that replace files' contents (fixes not written yet): (path, text) pairs.
    overlay: tuple[tuple[str, str], ...] = ()
    # Where the user asked us to look (real paths); a file read elsewhere is noted.
    roots: tuple[str, ...] = ()


@dataclass(slots=True)
class Outcome:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # files this job reported on
    checked_configs: tuple[str, ...] = ()  # config files checked in a page's context
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # files read outside the roots


@dataclass(frozen=True, slots=True)
class StdinInput:
    name: str  # the --stdin-filename, used for the kind, the messages and relative paths
    data: bytes


@dataclass(slots=True)
class BatchResult:
    diagnostics: list[Diagnostic]
    checked: list[str]
    failures: list[Failure]
    notes: list[str]
    texts: dict[str, str]  # sources that exist only in memory (stdin), for the reporters
    outside: list[str] = field(default_factory=list)  # files read outside the roots


def read_file(path: str, max_bytes: int) -> SourceFile | LoadProblem:
    """`load_source`, refusing anything that is not a regular file first.

    Opening a FIFO for reading blocks until someone writes to it; a hook must not hang.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        failure = LoadFailure.MISSING if not os.path.lexists(path) else LoadFailure.UNREADABLE
        return LoadProblem(path, failure, os_error_message(error, path))
    if stat.S_ISDIR(mode):
        return LoadProblem(path, LoadFailure.UNREADABLE, "is a directory")
    if not stat.S_ISREG(mode):
        return LoadProblem(path, LoadFailure.UNREADABLE, "not a regular file")
    return load_source(path, max_bytes=max_bytes)


def reader_for(settings: Settings) -> Reader:
    return partial(read_file, max_bytes=settings.max_file_bytes)


def same_file(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


class _OverlayReader:
    """Reads from disk, except for the one file whose content came from stdin."""

    def __init__(self, name: str, loaded: SourceFile | LoadProblem, base: Reader) -> None:
        self._name = name
        self._loaded = loaded
        self._base = base

    def __call__(self, path: str) -> SourceFile | LoadProblem:
        if not same_file(path, self._name):
            return self._base(path)
        if isinstance(self._loaded, SourceFile):
            return SourceFile(path, self._loaded.text, self._loaded.kind)
        return self._loaded


class _TextOverlay:
    """Reads from disk, except for files whose (fixed) text is held in memory."""

    def __init__(self, texts: Iterable[tuple[str, str]], base: Reader) -> None:
        self._texts = {_key(path): text for path, text in texts}
        self._base = base

    def __call__(self, path: str) -> SourceFile | LoadProblem:
        text = self._texts.get(_key(path))
        if text is None:
            return self._base(path)
        return SourceFile(path, text, kind_of(path) or FileKind.HTML)


# --- one file -------------------------------------------------------------------------


def run_job(job: Job) -> Outcome:
    """Check one file; never raises (an unexpected error becomes a failure line)."""
    read = reader_for(job.settings)
    if job.overlay:
        read = _TextOverlay(job.overlay, read)
    guard = _RootGuard(read, job.roots) if job.roots else None
    try:
        outcome = _check(job.path, job.mode, job.settings, guard or read, _file_bytes)
    except Exception as error:  # a bug in a rule must not hide the other files' results
        return Outcome(job.path, failures=[internal_failure(job.path, error)])
    if guard is not None:
        outcome.outside.extend(guard.outside)
    return outcome


def within(path: str, roots: Sequence[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _RootGuard:
    """A reader that remembers the files it read outside `roots` (symlinks resolved).

    Pages point at configs, remote-package configs and interpreter files by relative
    paths that may climb anywhere (`../../etc/...`). They are still read, as the
    browser would fetch them, but never silently: the CLI notes each one.
    """

    def __init__(self, read: Reader, roots: tuple[str, ...]) -> None:
        self._read = read
        self._roots = roots
        self.outside: list[str] = []

    def __call__(self, path: str) -> SourceFile | LoadProblem:
        loaded = self._read(path)
        outside = isinstance(loaded, SourceFile) and not within(path, self._roots)
        if outside and path not in self.outside:
            self.outside.append(path)
        return loaded


def _file_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _check(
    path: str, mode: str, settings: Settings, read: Reader, raw: Callable[[str], bytes]
) -> Outcome:
    """Decide whether the file is PyScript's business before reporting how it failed to
    load: pre-commit hands over every HTML, TOML and JSON file, and an unrelated
    Latin-1 page or data file must not become an error."""
    pages: list[SourceFile] = []
    if mode in ("config-via-page", "config"):
        # A config is checked in the context of the page beside it that uses it (main
        # thread or worker, Pyodide or MicroPython), also when its name alone makes it
        # ours: the same file then gets the same diagnostics however it was reached.
        pages = referencing_pages(path, read)
        if not pages and mode == "config-via-page":
            return _note(path, NOT_REFERENCED)
    loaded = read(path)
    if isinstance(loaded, LoadProblem):
        lossy = mode == "page" and loaded.failure in (LoadFailure.NOT_UTF8, LoadFailure.BINARY)
        if lossy and not _lossy_page_is_relevant(path, raw, settings, read):
            return _note(path, "no PyScript on this page")
        return _problem_outcome(loaded, settings)
    if mode == "page":
        return _page(loaded, settings, read)
    if mode == "config" and not pages:
        return _standalone_config(loaded, settings, read)
    return _config_via_pages(loaded, pages, settings, read)


def _lossy_page_is_relevant(
    path: str, raw: Callable[[str], bytes], settings: Settings, read: Reader
) -> bool:
    text = raw(path).decode("utf-8", errors="replace").replace("\x00", "\ufffd")
    return check_source(SourceFile(path, text, FileKind.HTML), settings, read).relevant


def internal_failure(path: str, error: BaseException) -> Failure:
    return Failure(
        path,
        f"internal error while checking this file ({type(error).__name__}: {error}); "
        f"please report it at {ISSUES_URL}",
    )


def _problem_outcome(problem: LoadProblem, settings: Settings) -> Outcome:
    if problem.is_io_error:
        return Outcome(problem.path, failures=[Failure(problem.path, problem.message)])
    diagnostics = finish([load_problem_diagnostic(problem)], settings)
    return Outcome(
        problem.path,
        diagnostics,
        checked=[problem.path],
        notes=[f"checked {problem.path}: {problem.message}"],
    )


def _page(source: SourceFile, settings: Settings, read: Reader) -> Outcome:
    result = check_source(source, settings, read)
    if not result.relevant:
        return Outcome(source.path, notes=[f"skipped {source.path}: no PyScript on this page"])
    configs = [path for path in result.checked_configs if os.path.isfile(path)]
    note = f"checked {source.path}"
    if configs:
        note += f" (with {', '.join(configs)})"
    return Outcome(
        source.path,
        result.diagnostics,
        checked=[source.path, *configs],
        checked_configs=result.checked_configs,
        notes=[note],
    )


def _standalone_config(source: SourceFile, settings: Settings, read: Reader) -> Outcome:
    result = check_source(source, settings, read)
    return Outcome(
        source.path,
        result.diagnostics,
        checked=[source.path],
        notes=[f"checked {source.path} (standalone config file)"],
    )


class RunMemo:
    """What one batch run looks up again and again, remembered for that run only.

    A tree of 1,000 configs, one per directory, lists the same parent directory 1,000
    times and re-reads the pages in it for each config. Within one run the set of
    files does not change (fixes rewrite existing files, and their texts are part of
    the page key), so the listing and each page's references are computed once. The
    memo lives only while `run` (or a worker process of its pool) is working: the
    language server and later runs see the directory as it is then.
    """

    def __init__(self) -> None:
        self._pages_in: dict[str, list[str]] = {}
        self._references: dict[tuple[str, str], list[str]] = {}

    def html_names(self, directory: str) -> list[str] | None:
        """Sorted names of the HTML files in `directory` (None: it cannot be listed)."""
        names = self._pages_in.get(directory)
        if names is None:
            names = _html_names(directory)
            if names is None:
                return None
            self._pages_in[directory] = names
        return names

    def references(self, page: SourceFile) -> list[str]:
        key = (page.path, page.text)
        found = self._references.get(key)
        if found is None:
            found = self._references[key] = referenced_configs(page)
        return found


class _Slot:
    memo: RunMemo | None = None


_current = _Slot()


def _start_memo() -> None:
    """Pool initializer: a worker process remembers for the run that started it."""
    _current.memo = RunMemo()


def _html_names(directory: str) -> list[str] | None:
    try:
        names = os.listdir(directory or os.curdir)
    except OSError:
        return None
    return sorted(name for name in names if name.lower().endswith(HTML_SUFFIXES))


def referencing_pages(
    config: str,
    read: Reader,
    references: Callable[[SourceFile], Sequence[str]] | None = None,
) -> list[SourceFile]:
    """Pages in the config's own directory or its parent that point to it.

    `references` gives a page's config references when the caller keeps them (the
    language server, by page text); a batch run uses its run memo."""
    own = os.path.dirname(config)
    directories = [own]
    parent = os.path.dirname(own) if own not in ("", os.curdir) else ""
    if own and parent != own:
        directories.append(parent)
    memo = _current.memo
    pages: list[SourceFile] = []
    for directory in directories:
        names = _html_names(directory) if memo is None else memo.html_names(directory)
        if names is None:
            continue
        for name in names:
            page = read(os.path.join(directory, name))
            if isinstance(page, LoadProblem) or page.kind is not FileKind.HTML:
                continue
            if references is not None:
                found = references(page)
            elif memo is not None:
                found = memo.references(page)
            else:
                found = referenced_configs(page)
            if any(same_file(path, config) for path in found):
                pages.append(page)
    return pages


def _config_via_pages(
    source: SourceFile, pages: list[SourceFile], settings: Settings, read: Reader
) -> Outcome:
    checks: list[tuple[list[str], list[Diagnostic]]] = []
    used: list[SourceFile] = []
    for page in pages:
        try:
            result = check_source(page, settings, read)
        except Exception:  # the page's own crash is reported with the page
            continue
        used.append(page)
        mine = [d for d in result.diagnostics if same_file(d.path, source.path)]
        checks.append(([source.path], mine))
    if not used:
        return _standalone_config(source, settings, read)
    names = ", ".join(page.path for page in used)
    return Outcome(
        source.path,
        finish(agreed(checks), settings),
        checked=[source.path],
        notes=[f"checked {source.path} in the context of {names}"],
    )


# --- many files -----------------------------------------------------------------------


def worker_count() -> int:
    counter = getattr(os, "process_cpu_count", None)
    count = counter() if counter is not None else None
    if count is None and hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    return count or os.cpu_count() or 1


def run_jobs(jobs: Sequence[Job], workers: int | None = None) -> list[Outcome]:
    """Outcomes in job order; in processes when there are many jobs (or `workers` > 1)."""
    if workers is None:
        workers = worker_count() if len(jobs) > PARALLEL_THRESHOLD else 1
    if workers > 1 and len(jobs) > 1:
        try:
            return _run_parallel(jobs, workers)
        except (OSError, NotImplementedError, ImportError, RuntimeError):
            pass  # no process support here (sandbox, no semaphores): the serial path is equal
    return [run_job(job) for job in jobs]


def _run_parallel(jobs: Sequence[Job], workers: int) -> list[Outcome]:
    from concurrent.futures import ProcessPoolExecutor

    workers = min(workers, len(jobs))
    chunk = max(1, len(jobs) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_memo) as pool:
        return list(pool.map(run_job, jobs, chunksize=chunk))


def run(
    candidates: Sequence[Candidate],
    settings: Settings,
    stdin: StdinInput | None = None,
    workers: int | None = None,
    overlay: Mapping[str, str] | None = None,
    roots: Sequence[str] = (),
) -> BatchResult:
    """Check every candidate; `overlay` holds texts that replace files' contents; files
    read outside `roots` (if given) are listed in the result's `outside`."""
    outer, _current.memo = _current.memo, RunMemo()
    try:
        return _run(candidates, settings, stdin, workers, overlay, tuple(roots))
    finally:
        _current.memo = outer


def _run(
    candidates: Sequence[Candidate],
    settings: Settings,
    stdin: StdinInput | None,
    workers: int | None,
    overlay: Mapping[str, str] | None,
    roots: tuple[str, ...] = (),
) -> BatchResult:
    texts_in_memory = tuple(sorted((overlay or {}).items()))
    pages: list[Candidate] = []
    configs: list[Candidate] = []
    outcomes: list[Outcome] = []  # in the order things happened, notes included
    for candidate in candidates:
        if stdin is not None and same_file(candidate.path, stdin.name):
            outcomes.append(_note(candidate.path, "its text is read from stdin"))
            continue
        kind = kind_of(candidate.path)
        if kind is FileKind.HTML:
            pages.append(candidate)
        elif kind is not None:
            configs.append(candidate)
        else:
            outcomes.append(_note(candidate.path, "not a page or config file"))

    texts: dict[str, str] = {}
    if stdin is not None:
        outcome, text = _run_stdin(stdin, settings)
        outcomes.append(outcome)
        if text is not None:
            texts[stdin.name] = text
    outcomes.extend(
        run_jobs([Job(c.path, "page", settings, texts_in_memory, roots) for c in pages], workers)
    )

    covered: dict[str, str] = {}
    for outcome in outcomes:
        for config in outcome.checked_configs:
            covered.setdefault(_key(config), outcome.path)
    config_jobs: list[Job] = []
    for candidate in configs:
        page = covered.get(_key(candidate.path))
        if page is not None:
            outcomes.append(_note(candidate.path, f"already checked with {page}"))
        elif (
            is_config_name(candidate.path)
            or _names_our_schema(candidate.path, texts_in_memory)
            or (candidate.explicit and _unreadable(candidate.path))
        ):
            config_jobs.append(Job(candidate.path, "config", settings, texts_in_memory, roots))
        elif candidate.explicit:
            config_jobs.append(
                Job(candidate.path, "config-via-page", settings, texts_in_memory, roots)
            )
        else:
            outcomes.append(_note(candidate.path, NOT_REFERENCED))
    outcomes.extend(run_jobs(config_jobs, workers))
    return _merge(outcomes, texts)


def _names_our_schema(path: str, overlay: Sequence[tuple[str, str]]) -> bool:
    """Whether the file's schema directive names our schema (in its fixed text, if any)."""
    for given, text in overlay:
        if same_file(given, path):
            return declares_our_schema(text, path)
    return file_declares_our_schema(path)


def _unreadable(path: str) -> bool:
    """A named regular file we cannot open: whether it is a config cannot be told, so
    it is checked as one, which reports why it cannot be read (not skipped as "not a
    PyScript config", which would pass a hook on a file nobody looked at)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb"):
            return False
    except OSError:
        return True


def _note(path: str, reason: str) -> Outcome:
    return Outcome(path, notes=[f"skipped {path}: {reason}"])


def _run_stdin(stdin: StdinInput, settings: Settings) -> tuple[Outcome, str | None]:
    """Stdin goes through the same `_check` as a file, with its content overlaid."""
    name = stdin.name
    kind = kind_of(name)
    if kind is None:
        return _note(name, "not a page or config file name (stdin)"), None
    loaded: SourceFile | LoadProblem
    if len(stdin.data) > settings.max_file_bytes:
        loaded = LoadProblem(
            name,
            LoadFailure.TOO_LARGE,
            f"file is {len(stdin.data):,} bytes, over the {settings.max_file_bytes:,} "
            "byte limit; not checked",
        )
    else:
        loaded = decode(name, stdin.data, kind)
    if kind is FileKind.HTML:
        mode = "page"
    elif is_config_name(name) or declares_our_schema(
        stdin.data[:HEAD_CHARS].decode("utf-8", errors="replace"), name
    ):
        mode = "config"
    else:
        mode = "config-via-page"
    read = _OverlayReader(name, loaded, reader_for(settings))
    try:
        outcome = _check(name, mode, settings, read, lambda _path: stdin.data)
    except Exception as error:
        return Outcome(name, failures=[internal_failure(name, error)]), None
    if isinstance(loaded, SourceFile):
        return outcome, loaded.text
    if loaded.failure is LoadFailure.TOO_LARGE:
        return outcome, None
    return outcome, stdin.data.decode("utf-8", errors="replace")


def _merge(outcomes: Sequence[Outcome], texts: dict[str, str]) -> BatchResult:
    notes: list[str] = []
    seen: set[tuple[str, str, int, int, str]] = set()
    diagnostics: list[Diagnostic] = []
    checked: dict[str, None] = {}
    failures: list[Failure] = []
    outside: dict[str, None] = {}
    # A config checked through several pages: its comment is unused only if unused in all.
    merged = agreed([(outcome.checked, outcome.diagnostics) for outcome in outcomes])
    kept = {id(diagnostic) for diagnostic in merged}
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            if id(diagnostic) not in kept:
                continue
            key = (
                diagnostic.path,
                diagnostic.code,
                diagnostic.span.start,
                diagnostic.span.end,
                diagnostic.message,
            )
            if key not in seen:
                seen.add(key)
                diagnostics.append(diagnostic)
        for path in outcome.checked:
            checked.setdefault(path, None)
        failures.extend(outcome.failures)
        notes.extend(outcome.notes)
        outside.update(dict.fromkeys(outcome.outside))
    diagnostics.sort(key=Diagnostic.sort_key)
    return BatchResult(diagnostics, sorted(checked), failures, notes, texts, list(outside))
