"""The server reads a file a page points to outside the workspace folders, as the
browser would fetch it, but says so (window/logMessage, once per file), like
`validate`'s note on stderr. Inside the folders nothing is said."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import SERVER, SPEC_WARNINGS_FAIL, open_document, published, uri
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings(SPEC_WARNINGS_FAIL),
]

PAGE = """<!doctype html>
<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
<script type="py" config="{config}">print(1)</script>
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("outside")
    site = root / "site"
    site.mkdir()
    (root / "shared.toml").write_text('packages = "x"\n', encoding="utf-8")
    (site / "inside.toml").write_text('packages = "y"\n', encoding="utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tree: Path):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=uri(tree / "site"), name="site")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def outside_notes(client: LanguageClient) -> list[str]:
    return [m.message for m in client.log_messages if "outside the workspace" in m.message]


async def test_a_config_outside_the_folder_is_read_and_said_once(
    client: LanguageClient, tree: Path
) -> None:
    site = tree / "site"
    page = site / "outside.html"
    text = PAGE.format(config="../shared.toml")
    page.write_text(text, encoding="utf-8")
    open_document(client, page, text)
    await published(client, uri(page))
    # The file was read: its diagnostics are the config's own (published for it).
    shared = await published(client, uri(tree / "shared.toml"))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in shared] == [
        ("PSC102", 0, 11)
    ]
    expected = (
        f"read {tree / 'shared.toml'}, outside the workspace folder {site.resolve()} "
        "(a page or config points there)"
    )
    assert outside_notes(client) == [expected]
    log = [m for m in client.log_messages if m.message == expected]
    assert log[0].type == types.MessageType.Warning


async def test_a_config_inside_the_folder_is_not_mentioned(
    client: LanguageClient, tree: Path
) -> None:
    site = tree / "site"
    before = outside_notes(client)
    page = site / "inside.html"
    text = PAGE.format(config="./inside.toml")
    page.write_text(text, encoding="utf-8")
    open_document(client, page, text)
    await published(client, uri(page))
    inside = await published(client, uri(site / "inside.toml"))
    assert [d.code for d in inside] == ["PSC102"]
    assert outside_notes(client) == before
