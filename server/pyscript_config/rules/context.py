"""What a rule gets to look at, and the one way it reports.

Two kinds of rules exist: region rules see one config (its text, its parsed tree, its
pipeline and interpreter) and page rules see a whole HTML page (its elements, all of
its config regions, its loaders). Both know the PyScript release whose facts apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Fix, Related, TextEdit
from ..files import LoadProblem, SourceFile
from ..knowledge.releases import NEWEST, Release
from ..regions import ConfigRegion, Syntax
from ..settings import Settings
from ..text import Span
from ..tree import ParseResult
from .registry import RULES

Reader = Callable[[str], "SourceFile | LoadProblem"]


def _load_nothing(path: str) -> SourceFile | LoadProblem:
    from ..files import LoadFailure

    return LoadProblem(path, LoadFailure.MISSING, "no file access")


def make_diagnostic(
    code: str,
    message: str,
    path: str,
    span: Span,
    *,
    fix: Fix | None = None,
    related: tuple[Related, ...] = (),
    data: dict[str, str] | None = None,
) -> Diagnostic:
    rule = RULES[code]
    facts = dict(data or {})
    if rule.runtime and "runtime" not in facts:
        facts["runtime"] = rule.runtime
    return Diagnostic(code, rule.severity, message, path, span, related, fix, facts)


@dataclass(slots=True)
class PageContext:
    """A whole page: what page rules see, and what region rules can look up."""

    page: object  # pyscript_config.page.Page (kept loose to avoid an import cycle)
    regions: list[ConfigRegion]
    settings: Settings
    release: Release = NEWEST
    release_source: str = "assumed"
    loaders: list[object] = field(default_factory=list)  # pyscript_config.loader.Loader
    read: Reader = _load_nothing
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Facts about the whole page that many region rules ask for (the main config, say):
    # worked out once per check instead of once per region (300 configs: 300x).
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def path(self) -> str:
        return str(getattr(self.page, "path", ""))

    def report(
        self,
        code: str,
        message: str,
        span: Span,
        *,
        fix: Fix | None = None,
        related: tuple[tuple[Span, str], ...] = (),
        data: dict[str, str] | None = None,
    ) -> None:
        """Report at a span of the page (host offsets)."""
        notes = tuple(Related(self.path, where, note) for where, note in related)
        self.diagnostics.append(
            make_diagnostic(code, message, self.path, span, fix=fix, related=notes, data=data)
        )

    def edit(self, span: Span, new_text: str) -> TextEdit:
        return TextEdit(self.path, span, new_text)


@dataclass(slots=True)
class RuleContext:
    """One config region: what region rules see."""

    region: ConfigRegion
    settings: Settings
    pyscript_version: str
    syntax: Syntax  # the syntax the region's text was parsed with (TOML or JSON)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    release: Release = NEWEST
    parsed: ParseResult | None = None
    page: PageContext | None = None  # the page that uses this config, if any
    read: Reader = _load_nothing

    def host(self, span: Span) -> Span:
        return self.region.to_host(span)

    def edit(self, span: Span, new_text: str) -> TextEdit:
        """A text edit at a span of the region's decoded text.

        Edits inside an entity-encoded attribute would need re-encoding; callers only
        offer fixes where the replaced text needs no escaping.
        """
        return TextEdit(self.region.host_path, self.host(span), new_text)

    def report(
        self,
        code: str,
        message: str,
        span: Span,
        *,
        fix: Fix | None = None,
        related: tuple[tuple[Span, str], ...] = (),
        data: dict[str, str] | None = None,
    ) -> None:
        """Report at a span of the region's decoded text."""
        notes = tuple(
            Related(self.region.host_path, self.host(where), note) for where, note in related
        )
        self.diagnostics.append(
            make_diagnostic(
                code,
                message,
                self.region.host_path,
                self.host(span),
                fix=fix,
                related=notes,
                data=data,
            )
        )
