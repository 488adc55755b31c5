"""Code actions: each diagnostic's fix as a quick fix, `source.fixAll.pyscript-config`,
and "ignore CODE here" (a suppression comment)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, SourceFile, kind_of
from ..actions import preferred, safe_fixes, suppression, touching
from ..convert import workspace_edit

if TYPE_CHECKING:
    from ..server import PyscriptServer

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.pyscript-config"


def _wants(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == o or kind.startswith(f"{o}.") for o in only)


def register(server: PyscriptServer) -> None:
    options = types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False
    )

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        await asyncio.sleep(0)
        usable = server.usable(params.text_document.uri)
        if usable is None:
            return None
        path, snap = usable
        found = server.checker.document(path) or []
        only = [str(k) for k in params.context.only] if params.context.only else None
        actions: list[types.CodeAction] = []
        source = SourceFile(path, snap.text, kind_of(path) or FileKind.HTML)
        if _wants(only, types.CodeActionKind.QuickFix.value):
            given = {
                (d.code, d.range.start.line, d.range.start.character, d.message): d
                for d in params.context.diagnostics
            }
            for diagnostic in touching(found, snap.span(params.range)):
                converted = server.convert([diagnostic], snap)[0]
                start = converted.range.start
                linked = given.get(
                    (diagnostic.code, start.line, start.character, diagnostic.message)
                )
                linked = linked or converted
                if diagnostic.fix is not None:
                    actions.append(
                        types.CodeAction(
                            title=diagnostic.fix.title,
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[linked],
                            is_preferred=preferred(diagnostic),
                            edit=workspace_edit([diagnostic.fix], server.snapshot, server.uri_for),
                        )
                    )
                ignore = suppression(diagnostic, source)
                if ignore is not None:
                    actions.append(
                        types.CodeAction(
                            title=ignore.title,
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[linked],
                            edit=workspace_edit([ignore], server.snapshot, server.uri_for),
                        )
                    )
        fixes = safe_fixes(found)
        if fixes and _wants(only, FIX_ALL) and only is not None:
            actions.append(
                types.CodeAction(
                    title="Fix all safe pyscript-config problems",
                    kind=FIX_ALL,
                    edit=workspace_edit(fixes, server.snapshot, server.uri_for),
                )
            )
        return actions
