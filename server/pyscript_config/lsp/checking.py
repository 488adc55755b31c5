"""Which diagnostics belong to which document, computed as `validate` computes them.

A page is checked with the config files it points to; the diagnostics that carry a
config's path belong to that config's document. A config file is checked through
the pages that use it (open pages, and pages beside it or one level up, which is
where `validate` looks), so it gets the same diagnostics however it is reached;
a `pyscript.toml`/`pyscript.json` no page uses is checked on its own, and so is any
TOML/JSON file whose `#:schema` / `"$schema"` directive names our schema (the same
`schema_directive` helper `validate` uses). Any other TOML/JSON file is not ours.

Page results are kept until something they depend on changes: `edited(path)` (a
keystroke) drops the edited page and the pages that read that path while being
checked (their configs, or any other file they looked at through the reader);
`invalidate()` (open, close, save, settings, files on disk) drops every result, as
files on disk may have changed under any page. Which configs a page points to is kept
by the page's text (a parse of the page, not a check), so editing a config re-checks
only the pages that use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..check import (
    CheckResult,
    check_source,
    finish,
    is_config_name,
    load_problem_diagnostic,
    page_references,
)
from ..cli.batch import referencing_pages
from ..diagnostics import Diagnostic
from ..files import FileKind, LoadProblem, SourceFile, kind_of
from ..schema_directive import declares_our_schema
from ..settings import Settings
from ..text import Span
from .overlay import OverlayReader, path_key, too_large


@dataclass(frozen=True, slots=True)
class PageOutcome:
    result: CheckResult
    own: list[Diagnostic]  # the page's own diagnostics
    configs: tuple[str, ...]  # local config files it points to (existing or not)
    reads: frozenset[str] = frozenset()  # path keys of every file read to check it


@dataclass(frozen=True, slots=True)
class References:
    """What a page's text points to, found by parsing it (not checking it)."""

    text: str
    relevant: bool  # a PyScript page (the check looks at it at all)
    configs: tuple[str, ...]


def too_large_diagnostic(path: str, text: str, max_bytes: int) -> Diagnostic:
    """The one diagnostic a document over the size limit gets (information: the file
    is not wrong, it is just not checked)."""
    from ..diagnostics import Severity

    size = len(text.encode("utf-8", "surrogatepass"))
    return Diagnostic(
        "PSC004",
        Severity.INFORMATION,
        f"file is {size:,} bytes, over the {max_bytes:,} byte limit; not checked "
        "(no diagnostics, completion or hover for it)",
        path,
        Span(0, 0),
    )


class Checker:
    def __init__(
        self,
        read: OverlayReader,
        settings_for: Callable[[str], Settings],
        open_pages: Callable[[], Iterable[str]],
    ) -> None:
        self.read = read
        self._settings_for = settings_for
        self._open_pages = open_pages
        self._pages: dict[str, PageOutcome | None] = {}
        self._configs: dict[str, list[Diagnostic] | None] = {}
        self._references: dict[str, References] = {}
        self.page_checks = 0  # full checks of pages run (tests count them)
        self.reference_scans = 0  # pages parsed for their references

    def invalidate(self) -> None:
        """Anything may have changed (files on disk too): forget every result. The
        references of open pages stay (they are kept by the page's text); those of
        pages on disk go, so that closed pages do not stay in memory."""
        self._pages.clear()
        self._configs.clear()
        open_keys = {path_key(p) for p in self._open_pages()}
        for key in [k for k in self._references if k not in open_keys]:
            del self._references[key]  # a page on disk may have changed: parse it again

    def edited(self, path: str) -> None:
        """The open document at `path` changed (and nothing on disk): forget the
        results that depend on its text."""
        key = path_key(path)
        self._pages.pop(key, None)
        for page, outcome in list(self._pages.items()):
            if outcome is None:
                continue  # it could not be read: an edit elsewhere does not change that
            if key in outcome.reads or any(path_key(c) == key for c in outcome.configs):
                del self._pages[page]
        self._configs.clear()  # derived from page results (cheap) or a small config check

    def settings(self, path: str) -> Settings:
        return self._settings_for(path)

    # --- pages ---------------------------------------------------------------------

    def page(self, path: str) -> PageOutcome | None:
        """The check of a page (None: it cannot be read)."""
        key = path_key(path)
        if key not in self._pages:
            self._pages[key] = self._check_page(path)
        return self._pages[key]

    def _check_page(self, path: str) -> PageOutcome | None:
        loaded = self.read(path)
        if isinstance(loaded, LoadProblem):
            return None
        source = SourceFile(path, loaded.text, FileKind.HTML)
        reads: set[str] = set()

        def tracking(other: str) -> SourceFile | LoadProblem:
            reads.add(path_key(other))
            return self.read(other)

        self.page_checks += 1
        result = check_source(source, self.settings(path), tracking)
        own = [d for d in result.diagnostics if path_key(d.path) == path_key(path)]
        configs = self.references(source).configs if result.relevant else ()
        return PageOutcome(result, own, configs, frozenset(reads))

    def references(self, source: SourceFile) -> References:
        """The configs a page points to, kept by its text."""
        key = path_key(source.path)
        known = self._references.get(key)
        if known is not None and known.text == source.text:
            return known
        self.reference_scans += 1
        relevant, configs = page_references(source)
        found = References(source.text, relevant, tuple(configs))
        self._references[key] = found
        return found

    def _points_to(self, page: str, key: str) -> bool:
        """Whether the open page at `page` uses the config whose key is `key` (from
        its check when there is one, else from its references)."""
        page_key = path_key(page)
        if page_key in self._pages:
            outcome = self._pages[page_key]
            return outcome is not None and any(path_key(c) == key for c in outcome.configs)
        loaded = self.read(page)
        if isinstance(loaded, LoadProblem):
            return False
        refs = self.references(SourceFile(page, loaded.text, FileKind.HTML))
        return refs.relevant and any(path_key(c) == key for c in refs.configs)

    def _pages_beside(self, config: str) -> list[str]:
        """Pages in the config's folder or its parent that point to it (where
        `validate` looks), with their references kept by text."""
        pages = referencing_pages(config, self.read, lambda page: self.references(page).configs)
        return [page.path for page in pages]

    # --- configs -------------------------------------------------------------------

    def using_pages(self, path: str) -> list[str]:
        """Pages that point to the config at `path`: open ones and those beside it."""
        key = path_key(path)
        found: dict[str, str] = {}
        for page in self._open_pages():
            if self._points_to(page, key):
                found.setdefault(path_key(page), page)
        for page in self._pages_beside(path):
            found.setdefault(path_key(page), page)
        return list(found.values())

    def config(self, path: str) -> list[Diagnostic] | None:
        """Diagnostics of a config file (None: not a PyScript config)."""
        key = path_key(path)
        if key not in self._configs:
            self._configs[key] = self._check_config(path)
        return self._configs[key]

    def _check_config(self, path: str) -> list[Diagnostic] | None:
        settings = self.settings(path)
        key = path_key(path)
        found: list[Diagnostic] = []
        used = False
        for page in self.using_pages(path):
            outcome = self.page(page)
            if outcome is None:
                continue
            used = True
            found.extend(d for d in outcome.result.diagnostics if path_key(d.path) == key)
        if used:
            return finish(found, settings)
        if not is_config_name(path) and not self._names_our_schema(path):
            return None
        loaded = self.read(path)
        if isinstance(loaded, LoadProblem):
            if loaded.is_io_error:
                return None
            return finish([load_problem_diagnostic(loaded)], settings)
        return check_source(loaded, settings, self.read).diagnostics

    def _names_our_schema(self, path: str) -> bool:
        text = self.read.text(path)  # the open document as the user sees it, else the file
        return text is not None and declares_our_schema(text, path)

    # --- documents -----------------------------------------------------------------

    def document(self, path: str) -> list[Diagnostic] | None:
        """The diagnostics of one document (None: not ours)."""
        kind = kind_of(path)
        if kind is None:
            return None
        text = self.read.text(path)
        settings = self.settings(path)
        if text is not None and too_large(text, settings.max_file_bytes):
            return [too_large_diagnostic(path, text, settings.max_file_bytes)]
        if kind is FileKind.HTML:
            outcome = self.page(path)
            return None if outcome is None else outcome.own
        return self.config(path)

    def related_files(self, path: str) -> list[str]:
        """Documents whose diagnostics may change when `path` changes: the configs a
        page points to, or the pages that use a config."""
        if kind_of(path) is FileKind.HTML:
            outcome = self.page(path)
            return list(outcome.configs) if outcome is not None else []
        return self.using_pages(path)
