"""Helpers for the end-to-end tests: a real server process driven by pytest-lsp.

Each test module starts one server (module-scoped fixtures) with recorded client
capabilities; LSP specification warnings raised by pytest-lsp's checks fail the test
(see `pytestmark` in each module).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import LanguageClient

SERVER = [sys.executable, "-m", "pyscript_config", "server"]
SPEC_WARNINGS_FAIL = "error::pytest_lsp.LspSpecificationWarning"

PAGE = """<!doctype html>
<html>
<head>
  <script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
</head>
<body>
  <script type="py" config="pyscript.toml" src="main.py"></script>
</body>
</html>
"""


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    language = {"html": "html", "toml": "toml", "json": "json"}[path.suffix[1:]]
    document_uri = uri(path)
    client.diagnostics.pop(document_uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=document_uri, language_id=language, version=version, text=text
            )
        )
    )
    return document_uri


def change_document(
    client: LanguageClient,
    document_uri: str,
    version: int,
    text: str,
    range_: types.Range | None = None,
) -> None:
    change: types.TextDocumentContentChangeEvent
    if range_ is None:
        change = types.TextDocumentContentChangeWholeDocument(text=text)
    else:
        change = types.TextDocumentContentChangePartial(range=range_, text=text)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document_uri, version=version),
            content_changes=[change],
        )
    )


def close_document(client: LanguageClient, document_uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=document_uri)
        )
    )


async def wait_for(
    condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition"
) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = condition()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def published(
    client: LanguageClient,
    document_uri: str,
    predicate: Callable[[list[types.Diagnostic]], bool] = lambda _d: True,
) -> list[types.Diagnostic]:
    """The diagnostics pushed for a URI, once they satisfy `predicate`."""

    def ready() -> list[types.Diagnostic] | None:
        found = client.diagnostics.get(document_uri)
        if found is None:
            return None
        items = list(found)
        return items if predicate(items) else None

    result = await wait_for(lambda: ready() is not None, what=f"diagnostics of {document_uri}")
    assert result
    return ready() or []


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message,
        )
        for d in diagnostics
    )


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version)."""
    from pygls.protocol import default_converter
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    client = LanguageClient(converter_factory=default_converter)
    client.publications = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.publications.append(params)  # type: ignore[attr-defined]

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
    register_lsp_features(client, features)
    return client


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """LSP position (UTF-16) of a string offset, counted independently of the server."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n")
    column_text = before[before.rfind("\n") + 1 :]
    return line, len(column_text.encode("utf-16-le")) // 2


def validate_json(*paths: Path, cwd: Path) -> list[dict[str, Any]]:
    import json
    import subprocess

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pyscript_config",
            "validate",
            "--output-format",
            "json",
            "--isolated",
            *[str(p) for p in paths],
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found: list[dict[str, Any]] = json.loads(completed.stdout)["diagnostics"]
    return found


# A page whose diagnostics come after accents, CJK and an emoji on the same line.
NONASCII_PREFIX = "  <p>héllo 漢 😀</p><py-config>packages_cache = "
NONASCII_PAGE = PAGE.replace(
    '<script type="py" config="pyscript.toml" src="main.py"></script>',
    NONASCII_PREFIX + '"sometimes"</py-config>\n'
    '  <script type="py" worker name="w" config="pyscript.toml" src="w.py"></script>',
)
NONASCII_CONFIG = '# café 漢字 😀\npakages = ["numpy"]\n'


def units(text: str, encoding: str) -> int:
    """Length of `text` in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def nonascii_position(encoding: str) -> tuple[int, int]:
    """Where `"sometimes"` starts on NONASCII_PAGE, in the units of `encoding`."""
    start = NONASCII_PAGE.index('"sometimes"')
    line = NONASCII_PAGE[:start].count("\n")
    line_start = NONASCII_PAGE.rfind("\n", 0, start) + 1
    return line, units(NONASCII_PAGE[line_start:start], encoding)
