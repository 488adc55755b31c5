"""Document symbols and folding ranges."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, SourceFile, kind_of
from ..outline import Symbol, folds, symbols
from ..positions import Snapshot

if TYPE_CHECKING:
    from ..server import PyscriptServer

_KINDS = {
    "module": types.SymbolKind.Module,
    "file": types.SymbolKind.File,
    "object": types.SymbolKind.Object,
    "array": types.SymbolKind.Array,
    "property": types.SymbolKind.Property,
    "function": types.SymbolKind.Function,
}


def register(server: PyscriptServer) -> None:
    def source_of(uri: str) -> tuple[SourceFile, Snapshot] | None:
        usable = server.usable(uri)
        if usable is None:
            return None
        path, snap = usable
        if kind_of(path) is not FileKind.HTML and server.checker.config(path) is None:
            return None
        return SourceFile(path, snap.text, kind_of(path) or FileKind.HTML), snap

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(
        params: types.DocumentSymbolParams,
    ) -> list[types.DocumentSymbol] | list[types.SymbolInformation] | None:
        await asyncio.sleep(0)
        answer = source_of(params.text_document.uri)
        if answer is None:
            return None
        source, snap = answer
        found = symbols(source)
        if server.capability(
            "text_document.document_symbol.hierarchical_document_symbol_support", False
        ):
            return [_tree(s, snap) for s in found]
        flat: list[types.SymbolInformation] = []
        _flatten(found, snap, params.text_document.uri, None, flat)
        return flat

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding_range(params: types.FoldingRangeParams) -> list[types.FoldingRange] | None:
        await asyncio.sleep(0)
        answer = source_of(params.text_document.uri)
        if answer is None:
            return None
        source, snap = answer
        seen: set[tuple[int, int]] = set()
        ranges: list[types.FoldingRange] = []
        for span in folds(source):
            start = snap.client_position_at_offset(span.start).line
            end = snap.client_position_at_offset(span.end).line
            if source.text[max(span.start, span.end - 1) : span.end] in ("}", "]", ">"):
                end -= 1  # keep the closing line visible
            if end > start and (start, end) not in seen:
                seen.add((start, end))
                ranges.append(
                    types.FoldingRange(
                        start_line=start, end_line=end, kind=types.FoldingRangeKind.Region
                    )
                )
        return ranges


def _tree(symbol: Symbol, snap: Snapshot) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=symbol.name,
        kind=_KINDS.get(symbol.kind, types.SymbolKind.Key),
        range=snap.range(symbol.span),
        selection_range=snap.range(symbol.selection),
        detail=symbol.detail or None,
        children=[_tree(c, snap) for c in symbol.children] or None,
    )


def _flatten(
    found: list[Symbol],
    snap: Snapshot,
    uri: str,
    container: str | None,
    out: list[types.SymbolInformation],
) -> None:
    for symbol in found:
        out.append(
            types.SymbolInformation(
                name=symbol.name,
                kind=_KINDS.get(symbol.kind, types.SymbolKind.Key),
                location=types.Location(uri=uri, range=snap.range(symbol.span)),
                container_name=container,
            )
        )
        _flatten(symbol.children, snap, uri, symbol.name, out)
