"""textDocument/completion: `completions.complete` in LSP clothes."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, SourceFile, kind_of
from ..completions import Suggestion, complete

if TYPE_CHECKING:
    from ..server import PyscriptServer

_KINDS = {
    "property": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.Value,
    "enum": types.CompletionItemKind.EnumMember,
    "keyword": types.CompletionItemKind.Keyword,
    "file": types.CompletionItemKind.File,
    "folder": types.CompletionItemKind.Folder,
    "element": types.CompletionItemKind.Class,
    "attribute": types.CompletionItemKind.Field,
    "event": types.CompletionItemKind.Event,
}
TRIGGERS = ['"', "'", "=", "[", ".", "<", " ", "/", ","]


def register(server: PyscriptServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=TRIGGERS, resolve_provider=False),
    )
    async def completion(params: types.CompletionParams) -> types.CompletionList | None:
        await asyncio.sleep(0)  # a cancellation already sent is handled first
        usable = server.usable(params.text_document.uri)
        if usable is None:
            return None
        path, snap = usable
        if kind_of(path) is not FileKind.HTML and server.checker.config(path) is None:
            return None  # a TOML/JSON file that is not a PyScript config
        offset = snap.offset_at_position(params.position)
        source = SourceFile(path, snap.text, kind_of(path) or FileKind.HTML)
        snippets = bool(
            server.capability("text_document.completion.completion_item.snippet_support", False)
        )
        found = complete(source, offset, snippets=snippets)
        items = [_item(s, snap, server, snippets) for s in found]
        return types.CompletionList(is_incomplete=False, items=items)


def _item(
    suggestion: Suggestion, snap: object, server: PyscriptServer, snippets: bool
) -> types.CompletionItem:
    from ..positions import Snapshot

    assert isinstance(snap, Snapshot)
    formats = (
        server.capability("text_document.completion.completion_item.documentation_format", []) or []
    )
    documentation: str | types.MarkupContent | None = None
    if suggestion.documentation:
        if types.MarkupKind.Markdown in formats:
            documentation = types.MarkupContent(
                kind=types.MarkupKind.Markdown, value=suggestion.documentation
            )
        else:
            documentation = suggestion.documentation
    use_snippet = snippets and suggestion.snippet is not None
    text = suggestion.snippet if use_snippet and suggestion.snippet else suggestion.insert
    tags = None
    deprecated = None
    if suggestion.deprecated:
        tag_support = server.capability(
            "text_document.completion.completion_item.tag_support", None
        )
        if tag_support is not None:
            tags = [types.CompletionItemTag.Deprecated]
        elif server.capability(
            "text_document.completion.completion_item.deprecated_support", False
        ):
            deprecated = True
    return types.CompletionItem(
        label=suggestion.label,
        kind=_KINDS.get(suggestion.kind, types.CompletionItemKind.Text),
        detail=suggestion.detail or None,
        documentation=documentation,
        sort_text=suggestion.sort or None,
        filter_text=suggestion.label,
        insert_text_format=types.InsertTextFormat.Snippet
        if use_snippet
        else types.InsertTextFormat.PlainText,
        text_edit=types.TextEdit(range=snap.range(suggestion.replace), new_text=text),
        tags=tags,
        deprecated=deprecated,
    )
