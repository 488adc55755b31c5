"""The language server: state shared by the handlers, and how it starts.

Handlers live in `handlers/` (one feature per module) and stay thin: they turn LSP
params into paths and offsets, call a plain helper, and turn the answer back. This
module owns what they share: open documents, settings, the checker, and the choice
between pushed and pulled diagnostics (one or the other per client, never both).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import traceback
from collections.abc import Generator, Hashable, Iterable, Sequence
from typing import Any, BinaryIO
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..diagnostics import Diagnostic
from ..files import DEFAULT_MAX_BYTES, FileKind, kind_of
from ..settings import Settings
from .checking import Checker
from .convert import diagnostic as convert_diagnostic
from .debounce import DELAY, Debouncer, proportional_delay
from .edits import apply_change
from .overlay import OverlayReader, path_key, too_large
from .positions import Snapshot
from .settings_map import EditorSettings, ToolConfigs, combine, parse, unwrap
from .wire import INVALID_REQUEST, send_error, serve_messages

NAME = "pyscript-config"
logger = logging.getLogger(__name__)


class PyscriptProtocol(LanguageServerProtocol):
    """Drops the pull-diagnostics capability for clients that cannot pull, so that
    every client gets diagnostics one way only; answers requests that come before
    `initialize` or after `shutdown` as the specification asks (pygls runs the
    first and silently drops the second); applies edits as VS Code does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initialize_seen = False

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        msg_id = getattr(message, "id", None)
        if isinstance(method, str) and method != types.EXIT:
            request = msg_id is not None
            if not self._initialize_seen and method != types.INITIALIZE:
                if request:  # notifications are dropped
                    send_error(
                        self,
                        msg_id,
                        types.ErrorCodes.ServerNotInitialized,
                        f"{method}: the server is not initialized yet",
                    )
                return
            if request and method == types.INITIALIZE and self._initialize_seen:
                send_error(self, msg_id, INVALID_REQUEST, "initialize was already sent")
                return
            if request and self._shutdown:
                send_error(self, msg_id, INVALID_REQUEST, f"{method}: the server is shutting down")
                return
            if method == types.INITIALIZE:
                self._initialize_seen = True
        super().handle_message(message)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        uri = params.text_document.uri
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            logger.warning("didChange for %s, which is not open: ignored", uri)
            return
        text = document.source
        for change in params.content_changes:
            text = apply_change(text, change, document.position_codec)
        whole = types.TextDocumentContentChangeWholeDocument(text=text)
        self.workspace.update_text_document(params.text_document, whole)
        handler = self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        server = self._server
        if isinstance(server, PyscriptServer) and not server.pull:
            result.capabilities.diagnostic_provider = None
        return result


class PyscriptServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            NAME,
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=PyscriptProtocol,
        )
        self.pull = False
        self.refresh_support = False
        self.editor = EditorSettings()
        self.init_options: dict[str, Any] = {}
        self.tools = ToolConfigs()
        self._open: dict[str, str] = {}  # path key → URI as the client spelt it
        self._said_outside: set[str] = set()  # files read outside the workspace, logged
        self.reader = self._make_reader()
        self.checker = Checker(self.reader, self.settings_for, self.open_pages)
        self._snapshots: dict[str, Snapshot | None] = {}
        self._published: set[str] = set()  # URIs that have diagnostics on the client
        self._related: dict[str, set[str]] = {}  # document key → keys of related files
        self.debouncer = Debouncer(self._debounced)
        self.pull_costs: dict[str, float] = {}  # URI → seconds its last pull took

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve over stdio through our own message loop (see `wire`)."""
        import asyncio
        import sys
        import threading

        from pygls.io_ import StdinAsyncReader, StdoutWriter

        self._stop_event = threading.Event()
        reader = StdinAsyncReader(stdin or sys.stdin.buffer, self.thread_pool)
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(serve_messages(self._stop_event, reader, self.protocol))
        except BrokenPipeError:
            logger.error("the client went away; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]

    # --- client capabilities ---------------------------------------------------------

    def capability(self, field: str, default: Any = None) -> Any:
        return get_capability(self.client_capabilities, field, default)

    def configure_from(self, params: types.InitializeParams) -> None:
        caps = params.capabilities
        self.pull = get_capability(caps, "text_document.diagnostic") is not None
        self.refresh_support = bool(
            get_capability(caps, "workspace.diagnostics.refresh_support", False)
        )
        if params.trace is not None:  # pygls only reads it from $/setTrace
            self.protocol.trace = params.trace
        self.init_options = unwrap(params.initialization_options)
        self.set_editor_settings(parse(self.init_options))

    # --- documents ---------------------------------------------------------------------

    def path_for(self, uri: str) -> str | None:
        """The file behind a URI (None: not a file we can serve)."""
        if not uri.startswith("file:"):
            return None
        return to_fs_path(uri)

    def uri_for(self, path: str) -> str:
        return self._open.get(path_key(path)) or from_fs_path(path) or path

    def open_text(self, path: str) -> str | None:
        uri = self._open.get(path_key(path))
        if uri is None:
            return None
        return self.workspace.get_text_document(uri).source

    def open_pages(self) -> list[str]:
        return [
            path
            for uri in self._open.values()
            if (path := self.path_for(uri)) is not None and kind_of(path) is FileKind.HTML
        ]

    def open_uris(self) -> list[str]:
        return list(self._open.values())

    def is_open(self, path: str) -> bool:
        return path_key(path) in self._open

    def opened(self, uri: str) -> None:
        path = self.path_for(uri)
        if path is not None:
            self._open[path_key(path)] = uri
        self.changed()

    def closed(self, uri: str) -> None:
        path = self.path_for(uri)
        if path is not None:
            self._open.pop(path_key(path), None)
        self.changed()

    def changed(self) -> None:
        """Anything changed (open, close, save, settings): forget every cached result."""
        self.checker.invalidate()
        self._snapshots.clear()

    def edited(self, uri: str) -> None:
        """The text of one open document changed: forget what depends on it."""
        path = self.path_for(uri)
        if path is None:
            return
        self.checker.edited(path)
        self._snapshots.pop(path_key(path), None)

    def snapshot(self, path: str) -> Snapshot | None:
        """The text of `path` as the checks saw it, for positions."""
        key = path_key(path)
        if key not in self._snapshots:
            uri = self._open.get(key)
            if uri is not None:
                document = self.workspace.get_text_document(uri)
                self._snapshots[key] = Snapshot(
                    uri, document.source, document.version, self.workspace.position_codec
                )
            else:
                text = self.reader.text(path)
                self._snapshots[key] = (
                    None
                    if text is None
                    else Snapshot(self.uri_for(path), text, None, self.workspace.position_codec)
                )
        return self._snapshots[key]

    def usable(self, uri: str) -> tuple[str, Snapshot] | None:
        """Path and text of a document that requests can be answered for: a file we
        serve, within the size limit."""
        path = self.path_for(uri)
        if path is None or kind_of(path) is None:
            return None
        snap = self.snapshot(path)
        if snap is None or too_large(snap.text, self.settings_for(path).max_file_bytes):
            return None
        return path, snap

    # --- settings ----------------------------------------------------------------------

    def set_editor_settings(self, editor: EditorSettings) -> None:
        self.editor = editor
        self.reader = self._make_reader(editor.settings.max_file_bytes)
        self.checker = Checker(self.reader, self.settings_for, self.open_pages)
        self.tools.clear()
        self._snapshots.clear()
        for problem in editor.problems:
            self.log(types.MessageType.Warning, f"settings: {problem}")

    def _make_reader(self, max_bytes: int = DEFAULT_MAX_BYTES) -> OverlayReader:
        return OverlayReader(
            self.open_text, max_bytes, roots=self.workspace_roots, on_outside=self._outside
        )

    def workspace_roots(self) -> list[str]:
        """The workspace folders (real paths); none before initialize or without folders."""
        try:
            workspace = self.workspace
        except (RuntimeError, AttributeError):
            return []
        paths = [
            path
            for folder in workspace.folders.values()
            if (path := self.path_for(folder.uri)) is not None
        ]
        if not paths and workspace.root_path:
            paths = [workspace.root_path]
        return [os.path.realpath(p) for p in paths]

    def _outside(self, path: str, roots: Sequence[str]) -> None:
        """Said once per file and session (readers are replaced when settings change)."""
        key = path_key(path)
        if key in self._said_outside:
            return
        self._said_outside.add(key)
        self.log(
            types.MessageType.Warning,
            f"read {path}, outside the workspace folder{'s' if len(roots) > 1 else ''} "
            f"{', '.join(roots)} (a page or config points there)",
        )

    def settings_for(self, path: str) -> Settings:
        tool = self.tools.for_path(path)
        if tool is not None and tool.errors and tool.path not in self.tools.reported:
            self.tools.reported.add(tool.path or "")
            for error in tool.errors:
                self.log(types.MessageType.Warning, error)
        return combine(self.editor, tool)

    def log(self, level: types.MessageType, message: str) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=level, message=message))
        except Exception:  # no writer yet (before initialize) or the client went away
            logger.warning("%s", message)

    # --- diagnostics -------------------------------------------------------------------

    def lsp_diagnostics(self, path: str) -> tuple[Snapshot, list[types.Diagnostic]] | None:
        """The converted diagnostics of one document (None: not ours, or it failed;
        a failure is logged, and the document then has no diagnostics)."""
        try:
            found = self.checker.document(path)
            if found is None:
                return None
            snap = self.snapshot(path)
            if snap is None:
                return None
            return snap, self.convert(found, snap)
        except Exception as error:
            self.log(
                types.MessageType.Error,
                f"pyscript-config: checking {path} failed ({type(error).__name__}: {error}); "
                "no diagnostics for it. Please report this.\n" + traceback.format_exc(),
            )
            return None

    def convert(self, found: Iterable[Diagnostic], snap: Snapshot) -> list[types.Diagnostic]:
        related = bool(
            self.capability("text_document.publish_diagnostics.related_information", True)
        )
        return [
            convert_diagnostic(d, snap, self.snapshot, self.uri_for, related_support=related)
            for d in found
        ]

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Re-check a document (and the files related to it) after a pause: by default
        in proportion to what its last re-check cost (see `debounce`). With pull
        diagnostics, a refresh makes the client pull every open document: the pause
        follows what those pulls cost."""
        if self.pull:
            if self.refresh_support:
                if delay is None:
                    delay = proportional_delay(self.pull_cost(), DELAY)
                self._trace_pause("refresh", self.debouncer.schedule("refresh", delay))
            return
        self._trace_pause(uri, self.debouncer.schedule(uri, delay))

    def pulled(self, uri: str, seconds: float) -> None:
        self.pull_costs[uri] = seconds

    def pull_cost(self) -> float | None:
        """What pulling every open document last cost (None: none pulled yet)."""
        costs = [self.pull_costs[u] for u in self._open.values() if u in self.pull_costs]
        return sum(costs) if costs else None

    def _trace_pause(self, key: str, pause: float) -> None:
        """With tracing on (`initialize` trace or `$/setTrace`), say how long the
        re-check of `key` waits: how an editor (or a test) sees the debounce."""
        trace = self.protocol.trace
        if trace is None or trace == types.TraceValue.Off:
            return
        cost = self.debouncer.cost(key) if key != "refresh" else self.pull_cost()
        measured = "not measured yet" if cost is None else f"{cost * 1000:.2f} ms"
        self.log_trace(
            types.LogTraceParams(
                message=f"debounce {key}: {pause * 1000:.2f} ms",
                verbose=f"last re-check took {measured}"
                if trace == types.TraceValue.Verbose
                else None,
            )
        )

    def _debounced(self, key: Hashable) -> None:
        if key == "refresh":
            self.workspace_diagnostic_refresh(None)
            return
        self.publish(str(key))

    def publish(self, uri: str) -> None:
        """Push diagnostics of a document and of the documents related to it."""
        path = self.path_for(uri)
        if path is None:
            return
        key = path_key(path)
        targets: dict[str, str] = {key: path}
        try:
            now = self.checker.related_files(path)
        except Exception:
            now = []
        for other in now:
            targets.setdefault(path_key(other), other)
        before = self._related.get(key, set())
        self._related[key] = {path_key(p) for p in now}
        for stale in before - set(targets):
            stale_path = self._path_of_key(stale)
            if stale_path is not None:
                targets.setdefault(stale, stale_path)
        for target in targets.values():
            self._publish_one(target)

    def _path_of_key(self, key: str) -> str | None:
        uri = self._open.get(key)
        if uri is not None:
            return self.path_for(uri)
        return key if key else None

    def _publish_one(self, path: str) -> None:
        uri = self.uri_for(path)
        wanted = self.is_open(path) or any(
            path_key(path) in related
            for page, related in self._related.items()
            if page in self._open
        )
        answer = self.lsp_diagnostics(path) if wanted else None
        if answer is None:
            self.clear(uri)
            return
        snap, diagnostics = answer
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=snap.version)
        )
        if diagnostics:
            self._published.add(uri)
        else:
            self._published.discard(uri)

    def clear(self, uri: str) -> None:
        if uri in self._published or self.path_for(uri) is not None:
            self._published.discard(uri)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    def forget(self, uri: str) -> None:
        """A document closed: clear it (and the files only it kept on the client)."""
        path = self.path_for(uri)
        if path is None:
            return
        key = path_key(path)
        self.debouncer.forget(uri)
        self.pull_costs.pop(uri, None)
        related = self._related.pop(key, set())
        if not self.pull:
            still = set().union(*(r for k, r in self._related.items() if k in self._open))
            if key in still:
                self._publish_one(path)
            else:
                self.clear(uri)
            for other in related:
                other_path = self._path_of_key(other)
                if other_path is not None:
                    self._publish_one(other_path)
        else:
            self.schedule(uri, 0)
        for other in self.open_pages():
            if key in self._related.get(path_key(other), set()):
                self.schedule(self.uri_for(other), 0)


def result_id(diagnostics: list[types.Diagnostic]) -> str:
    """A stable id for a diagnostics report: the same diagnostics give the same id."""
    from lsprotocol.converters import get_converter

    payload = json.dumps(
        get_converter().unstructure(diagnostics, list[types.Diagnostic]), sort_keys=True
    )
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def build() -> PyscriptServer:
    from .handlers import register_all

    server = PyscriptServer()
    register_all(server)
    return server


def run(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> int:
    """Serve until the client says `exit`: 0 after a `shutdown` request, 1 without one
    (as the LSP specification asks)."""
    import os
    import sys

    server = build()
    if tcp:
        server.start_tcp(host, port)
        return 0
    # The protocol owns a duplicate of stdout (it closes it on `exit`); anything else
    # printing to sys.stdout goes to stderr instead of corrupting the message stream.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    real_stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        server.start_io(sys.stdin.buffer, channel)
    finally:
        sys.stdout = real_stdout
    return 0 if server.protocol._shutdown else 1
