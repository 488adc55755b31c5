"""What a rule gets to look at, and the one way it reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Fix, Related, TextEdit
from ..regions import ConfigRegion, Syntax
from ..settings import Settings
from ..text import Span
from .registry import RULES


@dataclass(slots=True)
class RuleContext:
    region: ConfigRegion
    settings: Settings
    pyscript_version: str
    syntax: Syntax  # the syntax the region's text was parsed with (TOML or JSON)
    diagnostics: list[Diagnostic] = field(default_factory=list)

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
        rule = RULES[code]
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=rule.severity,
                message=message,
                path=self.region.host_path,
                span=self.host(span),
                related=tuple(
                    Related(self.region.host_path, self.host(where), note)
                    for where, note in related
                ),
                fix=fix,
                data=data or {},
            )
        )
