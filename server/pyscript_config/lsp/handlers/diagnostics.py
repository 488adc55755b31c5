"""Pulled diagnostics (`textDocument/diagnostic`, `workspace/diagnostic`).

Offered only to clients that can pull (the others get pushed diagnostics). Result
ids are digests of the report, so an unchanged report is recognised without state.
A page's report carries the reports of the config files it points to.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from lsprotocol import types

from ...files import FileKind, kind_of
from ..server import result_id
from ..workspace_files import workspace_files

if TYPE_CHECKING:
    from ..server import PyscriptServer

Related = dict[str, types.FullDocumentDiagnosticReport | types.UnchangedDocumentDiagnosticReport]


def register(server: PyscriptServer) -> None:
    options = types.DiagnosticOptions(
        identifier="pyscript-config", inter_file_dependencies=True, workspace_diagnostics=True
    )

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, options)
    async def document_diagnostic(
        params: types.DocumentDiagnosticParams,
    ) -> types.DocumentDiagnosticReport:
        await asyncio.sleep(0)  # a $/cancelRequest already sent is handled first
        started = time.perf_counter()
        uri = params.text_document.uri
        path = server.path_for(uri)
        answer = server.lsp_diagnostics(path) if path is not None else None
        items = answer[1] if answer is not None else []
        rid = result_id(items)
        related: Related = {}
        if path is not None and kind_of(path) is FileKind.HTML:
            try:
                configs = server.checker.related_files(path)
            except Exception:
                configs = []
            for config in configs:
                other = server.lsp_diagnostics(config)
                if other is not None:
                    related[server.uri_for(config)] = types.FullDocumentDiagnosticReport(
                        items=other[1], result_id=result_id(other[1])
                    )
        server.pulled(uri, time.perf_counter() - started)
        if params.previous_result_id == rid:
            return types.RelatedUnchangedDocumentDiagnosticReport(
                result_id=rid, related_documents=related or None
            )
        return types.RelatedFullDocumentDiagnosticReport(
            items=items, result_id=rid, related_documents=related or None
        )

    @server.feature(types.WORKSPACE_DIAGNOSTIC)
    async def workspace_diagnostic(
        params: types.WorkspaceDiagnosticParams,
    ) -> types.WorkspaceDiagnosticReport:
        previous = {p.uri: p.value for p in params.previous_result_ids}
        folders = [
            path
            for folder in server.workspace.folders.values()
            if (path := server.path_for(folder.uri)) is not None
        ]
        if not folders and server.workspace.root_path:
            folders = [server.workspace.root_path]
        reports: list[types.WorkspaceDocumentDiagnosticReport] = []
        for path in workspace_files(folders):
            await asyncio.sleep(0)  # cancellation point between files
            answer = server.lsp_diagnostics(path)
            if answer is None:
                continue
            snap, items = answer
            uri = server.uri_for(path)
            rid = result_id(items)
            if previous.get(uri) == rid:
                reports.append(
                    types.WorkspaceUnchangedDocumentDiagnosticReport(
                        uri=uri, version=snap.version, result_id=rid
                    )
                )
            else:
                reports.append(
                    types.WorkspaceFullDocumentDiagnosticReport(
                        uri=uri, version=snap.version, items=items, result_id=rid
                    )
                )
        return types.WorkspaceDiagnosticReport(items=reports)
