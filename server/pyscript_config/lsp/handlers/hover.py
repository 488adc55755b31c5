"""textDocument/hover: `hovers.hover` in LSP clothes."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, SourceFile, kind_of
from ..hovers import hover

if TYPE_CHECKING:
    from ..server import PyscriptServer


def register(server: PyscriptServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(params: types.HoverParams) -> types.Hover | None:
        await asyncio.sleep(0)
        usable = server.usable(params.text_document.uri)
        if usable is None:
            return None
        path, snap = usable
        if kind_of(path) is not FileKind.HTML and server.checker.config(path) is None:
            return None
        offset = snap.offset_at_position(params.position)
        source = SourceFile(path, snap.text, kind_of(path) or FileKind.HTML)
        found = hover(source, offset, server.settings_for(path))
        if found is None:
            return None
        formats = server.capability("text_document.hover.content_format", []) or []
        kind = (
            types.MarkupKind.Markdown
            if not formats or types.MarkupKind.Markdown in formats
            else types.MarkupKind.PlainText
        )
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value=found.markdown),
            range=snap.range(found.span),
        )
