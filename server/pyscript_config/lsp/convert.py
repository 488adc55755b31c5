"""Core values → LSP values (diagnostics, edits), positions through `Snapshot`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types

from ..diagnostics import Diagnostic, Fix
from ..rules.registry import RULES
from .positions import Snapshot

SOURCE = "pyscript-config"
RULES_DOC = "https://github.com/pyscript-config/pyscript-config/blob/main/docs/rules.md"
_DEPRECATED = frozenset({"PSC104", "PSC106"})

Snapshots = Callable[[str], "Snapshot | None"]  # path → its text for positions
Uris = Callable[[str], str]  # path → URI


def rule_href(code: str) -> str:
    rule = RULES.get(code)
    return f"{RULES_DOC}#{code.lower()}-{rule.name}" if rule is not None else RULES_DOC


def _range(snapshots: Snapshots, path: str, start: int, end: int) -> types.Range:
    snap = snapshots(path)
    if snap is None:
        zero = types.Position(line=0, character=0)
        return types.Range(start=zero, end=zero)
    from ..text import Span

    return snap.range(Span(start, end))


def fix_data(fix: Fix, snapshots: Snapshots, uris: Uris) -> dict[str, Any]:
    """A fix as plain JSON (what `Diagnostic.data` carries)."""
    edits = []
    for edit in fix.edits:
        range_ = _range(snapshots, edit.path, edit.span.start, edit.span.end)
        edits.append(
            {
                "uri": uris(edit.path),
                "range": {
                    "start": {"line": range_.start.line, "character": range_.start.character},
                    "end": {"line": range_.end.line, "character": range_.end.character},
                },
                "newText": edit.new_text,
            }
        )
    return {"title": fix.title, "safe": fix.safe, "edits": edits}


def diagnostic(
    found: Diagnostic,
    snapshot: Snapshot,
    snapshots: Snapshots,
    uris: Uris,
    *,
    related_support: bool = True,
) -> types.Diagnostic:
    data: dict[str, Any] = dict(found.data)
    if found.fix is not None:
        data["fix"] = fix_data(found.fix, snapshots, uris)
    related = None
    if related_support and found.related:
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=uris(note.path),
                    range=_range(snapshots, note.path, note.span.start, note.span.end),
                ),
                message=note.message,
            )
            for note in found.related
        ]
    tags = [types.DiagnosticTag.Deprecated] if found.code in _DEPRECATED else None
    return types.Diagnostic(
        range=snapshot.range(found.span),
        message=found.message,
        severity=types.DiagnosticSeverity(int(found.severity)),
        code=found.code,
        code_description=types.CodeDescription(href=rule_href(found.code)),
        source=SOURCE,
        related_information=related,
        tags=tags,
        data=data or None,
    )


def workspace_edit(
    fixes: list[Fix],
    snapshots: Snapshots,
    uris: Uris,
    versions: Callable[[str], int | None] | None = None,
) -> types.WorkspaceEdit:
    """One edit from several fixes; overlapping edits after the first are dropped."""
    by_uri: dict[str, list[types.TextEdit]] = {}
    taken: dict[str, list[tuple[int, int]]] = {}
    for fix in fixes:
        spans = [(e.path, e.span.start, e.span.end) for e in fix.edits]
        if any(_overlaps(taken.get(p, []), s, t) for p, s, t in spans):
            continue
        for edit in fix.edits:
            taken.setdefault(edit.path, []).append((edit.span.start, edit.span.end))
            by_uri.setdefault(uris(edit.path), []).append(
                types.TextEdit(
                    range=_range(snapshots, edit.path, edit.span.start, edit.span.end),
                    new_text=edit.new_text,
                )
            )
    return types.WorkspaceEdit(changes=by_uri)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any((start < b and a < end) or (start == end == a == b) for a, b in taken)
