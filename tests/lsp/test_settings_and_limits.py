"""Settings (initializationOptions, workspace/configuration, didChangeConfiguration,
the workspace's settings file), UTF-32 positions, the size limit and cancellation."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import (
    NONASCII_CONFIG,
    NONASCII_PAGE,
    PAGE,
    SERVER,
    SPEC_WARNINGS_FAIL,
    close_document,
    nonascii_position,
    open_document,
    published,
    recording_client,
    uri,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings(SPEC_WARNINGS_FAIL),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("settings-site")
    for index in range(150):  # enough work for a cancellation to land mid-request
        (root / f"page{index:03d}.html").write_text(PAGE, encoding="utf-8")
    (root / "pyscript.toml").write_text(NONASCII_CONFIG, encoding="utf-8")
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=recording_client),
)
async def client(lsp_client: LanguageClient, site: Path):  # type: ignore[no-untyped-def]
    capabilities = copy.deepcopy(client_capabilities("visual-studio-code"))
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf32, types.PositionEncodingKind.Utf16]
    )
    lsp_client.set_configuration(
        {"severity": {"PSC103": "warning"}, "ignore": ["PSC100"]}, section="pyscript-config"
    )
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=uri(site), name="site")],
            initialization_options={"pyscript-config": {"ignore": ["PSC101"]}},
        )
    )
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_utf32_and_settings_from_the_client(client: LanguageClient, site: Path) -> None:
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    assert caps.position_encoding == types.PositionEncodingKind.Utf32
    # workspace/configuration is asked for after `initialized`; give it a moment.
    await asyncio.sleep(0.3)
    folder = site / "utf32"
    folder.mkdir()
    (folder / "pyscript.toml").write_text(NONASCII_CONFIG, encoding="utf-8")
    page_uri = open_document(client, folder / "index.html", NONASCII_PAGE)
    diags = await published(client, page_uri)
    cache = next(d for d in diags if d.code == "PSC103")
    line, column = nonascii_position("utf-32")
    assert column == 48  # one unit per character (UTF-16 says 49, UTF-8 54)
    assert (cache.range.start.line, cache.range.start.character) == (line, column)
    assert cache.severity == types.DiagnosticSeverity.Warning  # severity override
    config_uri = uri(folder / "pyscript.toml")
    assert await published(client, config_uri) == []  # PSC100 ignored

    # The user changes the settings: the client says so, the server asks again.
    client.set_configuration({}, section="pyscript-config")
    client.diagnostics.pop(page_uri, None)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    diags = await published(
        client,
        page_uri,
        lambda d: any(
            x.code == "PSC103" and x.severity == types.DiagnosticSeverity.Error for x in d
        ),
    )
    config_diags = await published(client, config_uri, bool)
    assert [d.code for d in config_diags] == ["PSC100"]

    # Settings pushed in the notification itself are used as they are.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"pyscript-config": {"select": ["PSC1"], "ignore": ["PSC103"]}}
        )
    )
    assert await published(client, page_uri, lambda d: d == []) == []
    close_document(client, page_uri)


async def test_settings_file_of_the_workspace(client: LanguageClient, site: Path) -> None:
    folder = site / "with-settings"
    folder.mkdir()
    (folder / "pyscript-config.toml").write_text('ignore = ["PSC103"]\n', encoding="utf-8")
    page = NONASCII_PAGE.replace('config="pyscript.toml" ', "")
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pyscript-config": {"pyscriptVersion": ""}})
    )
    page_uri = open_document(client, folder / "index.html", page)
    diags = await published(client, page_uri)
    assert "PSC103" not in [d.code for d in diags]
    close_document(client, page_uri)


async def test_documents_over_the_size_limit(client: LanguageClient, site: Path) -> None:
    big = "pakages = 1\n" + "# padding\n" * 530_000  # a little over 5 MiB
    config_uri = open_document(client, site / "big" / "pyscript.toml", big)
    diags = await published(client, config_uri)
    assert [(d.code, d.severity) for d in diags] == [
        ("PSC004", types.DiagnosticSeverity.Information)
    ]
    assert diags[0].message.startswith("file is 5,300,012 bytes, over the 5,242,880 byte limit")
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=config_uri),
            position=types.Position(line=1, character=0),
        )
    )
    assert completion is None
    close_document(client, config_uri)


async def test_cancelled_request(client: LanguageClient) -> None:
    params = types.WorkspaceDiagnosticParams(previous_result_ids=[])
    # Sent at once (pytest-lsp's async wrapper would send it only when awaited).
    request = client.protocol.send_request(types.WORKSPACE_DIAGNOSTIC, params, msg_id="cancel-me")
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-me"))
    with pytest.raises(JsonRpcRequestCancelled):
        await asyncio.wrap_future(request)
    # The server is alive and answers the next request.
    report = await client.workspace_diagnostic_async(params)
    assert any(item.uri.endswith("/pyscript.toml") for item in report.items)
