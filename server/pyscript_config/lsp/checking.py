"""Which diagnostics belong to which document, computed as `validate` computes them.

A page is checked with the config files it points to; the diagnostics that carry a
config's path belong to that config's document. A config file is checked through
the pages that use it (open pages, and pages beside it or one level up, which is
where `validate` looks), so it gets the same diagnostics however it is reached;
a `pyscript.toml`/`pyscript.json` no page uses is checked on its own, and so is any
TOML/JSON file whose `#:schema` / `"$schema"` directive names our schema (the same
`schema_directive` helper `validate` uses). Any other TOML/JSON file is not ours.

Results are cached until `invalidate` (any edit, open, close or settings change):
one burst of re-checks after an edit checks each page once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..check import CheckResult, check_source, finish, is_config_name, load_problem_diagnostic
from ..check import referenced_configs as _referenced
from ..cli.batch import referencing_pages as _pages_beside
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

    def invalidate(self) -> None:
        self._pages.clear()
        self._configs.clear()

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
        result = check_source(source, self.settings(path), self.read)
        own = [d for d in result.diagnostics if path_key(d.path) == path_key(path)]
        configs = tuple(_referenced(source)) if result.relevant else ()
        return PageOutcome(result, own, configs)

    # --- configs -------------------------------------------------------------------

    def using_pages(self, path: str) -> list[str]:
        """Pages that point to the config at `path`: open ones and those beside it."""
        key = path_key(path)
        found: dict[str, str] = {}
        for page in self._open_pages():
            outcome = self.page(page)
            if outcome is not None and any(path_key(c) == key for c in outcome.configs):
                found.setdefault(path_key(page), page)
        for source in _pages_beside(path, self.read):
            found.setdefault(path_key(source.path), source.path)
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
