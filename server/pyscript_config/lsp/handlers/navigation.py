"""Document links and go-to-definition for the files a page or config names."""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, SourceFile, kind_of
from ..navigation import Link, link_at, links

if TYPE_CHECKING:
    from ..server import PyscriptServer


def register(server: PyscriptServer) -> None:
    def found(uri: str) -> tuple[list[Link], object] | None:
        usable = server.usable(uri)
        if usable is None:
            return None
        path, snap = usable
        if kind_of(path) is not FileKind.HTML and server.checker.config(path) is None:
            return None
        source = SourceFile(path, snap.text, kind_of(path) or FileKind.HTML)

        def exists(target: str) -> bool:
            return server.is_open(target) or os.path.isfile(target)

        return links(source, exists), snap

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK, types.DocumentLinkOptions())
    async def document_link(params: types.DocumentLinkParams) -> list[types.DocumentLink] | None:
        await asyncio.sleep(0)
        answer = found(params.text_document.uri)
        if answer is None:
            return None
        all_links, snap = answer
        from ..positions import Snapshot

        assert isinstance(snap, Snapshot)
        return [
            types.DocumentLink(range=snap.range(link.span), target=server.uri_for(link.target))
            for link in all_links
        ]

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(params: types.DefinitionParams) -> list[types.Location] | None:
        await asyncio.sleep(0)
        answer = found(params.text_document.uri)
        if answer is None:
            return None
        all_links, snap = answer
        from ..positions import Snapshot

        assert isinstance(snap, Snapshot)
        link = link_at(all_links, snap.offset_at_position(params.position))
        if link is None:
            return None
        start = types.Position(line=0, character=0)
        return [
            types.Location(
                uri=server.uri_for(link.target), range=types.Range(start=start, end=start)
            )
        ]
