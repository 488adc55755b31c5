"""Pushed diagnostics with VS Code's capabilities (no pull support, UTF-16)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import (
    NONASCII_CONFIG,
    NONASCII_PAGE,
    PAGE,
    SERVER,
    SPEC_WARNINGS_FAIL,
    change_document,
    close_document,
    nonascii_position,
    open_document,
    published,
    recording_client,
    summary,
    uri,
    utf16_position,
    validate_json,
    wait_for,
)
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings(SPEC_WARNINGS_FAIL),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=recording_client),
)
async def client(lsp_client: LanguageClient, site: Path):  # type: ignore[no-untyped-def]
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=uri(site), name="site")],
        )
    )
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


async def test_push_client_is_not_offered_pull(client: LanguageClient) -> None:
    result = client.init_result  # type: ignore[attr-defined]
    assert result.capabilities.diagnostic_provider is None
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = result.capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Incremental


async def test_page_and_its_config_equal_validate(client: LanguageClient, site: Path) -> None:
    folder = write(site / "equal", {"index.html": NONASCII_PAGE, "pyscript.toml": NONASCII_CONFIG})
    page_uri = open_document(client, folder / "index.html", NONASCII_PAGE)
    config_uri = uri(folder / "pyscript.toml")
    page_diags = await published(client, page_uri)
    config_diags = await published(client, config_uri)

    expected = validate_json(folder, cwd=folder)
    texts = {"index.html": NONASCII_PAGE, "pyscript.toml": NONASCII_CONFIG}
    by_file: dict[str, list[tuple[object, ...]]] = {"index.html": [], "pyscript.toml": []}
    for item in expected:
        name = Path(item["path"]).name
        text = texts[name]
        start = utf16_position(text, item["range"]["start"]["offset"])
        end = utf16_position(text, item["range"]["end"]["offset"])
        by_file[name].append((item["code"], *start, *end, item["message"]))
    assert by_file["index.html"] and by_file["pyscript.toml"]
    assert summary(page_diags) == sorted(by_file["index.html"])
    assert summary(config_diags) == sorted(by_file["pyscript.toml"])

    cache = next(d for d in page_diags if d.code == "PSC103")
    line, column = nonascii_position("utf-16")
    assert column == 49  # 😀 counts two UTF-16 units
    assert (cache.range.start.line, cache.range.start.character) == (line, column)
    assert (cache.range.end.line, cache.range.end.character) == (line, column + 11)

    typo = next(d for d in config_diags if d.code == "PSC100")
    assert (typo.range.start.line, typo.range.start.character) == (1, 0)
    assert typo.source == "pyscript-config"
    assert typo.code_description is not None
    assert typo.code_description.href == (
        "https://github.com/pyscript-config/pyscript-config/blob/main/docs/rules.md"
        "#psc100-unknown-key-typo"
    )
    assert typo.related_information is not None
    assert typo.related_information[-1].location.uri == page_uri
    assert typo.related_information[-1].message == "used by this page"
    assert typo.data is not None
    assert typo.data["fix"]["edits"] == [
        {
            "uri": config_uri,
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 7}},
            "newText": "packages",
        }
    ]
    close_document(client, page_uri)
    assert await published(client, page_uri, lambda d: d == []) == []
    assert await published(client, config_uri, lambda d: d == []) == []


async def test_editing_a_page_rechecks_its_config_and_versions(
    client: LanguageClient, site: Path
) -> None:
    folder = write(site / "cross", {"pyscript.json": '{"packages": "numpy"}'})
    page_text = PAGE.replace("pyscript.toml", "missing.toml")
    page_uri = open_document(client, folder / "index.html", page_text)
    diags = await published(client, page_uri)
    assert [d.code for d in diags] == ["PSC300"]
    config_uri = uri(folder / "pyscript.json")
    client.diagnostics.pop(config_uri, None)
    # Point the page at the JSON file: its diagnostics appear on the config's URI.
    start = page_text.index("missing.toml")
    line = page_text[:start].count("\n")
    column = start - page_text.rfind("\n", 0, start) - 1
    change_document(
        client,
        page_uri,
        2,
        "pyscript.json",
        types.Range(
            start=types.Position(line=line, character=column),
            end=types.Position(line=line, character=column + len("missing.toml")),
        ),
    )
    config_diags = await published(client, config_uri)
    assert [d.code for d in config_diags] == ["PSC102"]
    page_diags = await published(client, page_uri, lambda d: not any(x.code == "PSC300" for x in d))
    assert page_diags == []
    last = [p for p in client.publications if p.uri == page_uri][-1]  # type: ignore[attr-defined]
    assert last.version == 2


async def test_editing_a_config_rechecks_the_pages_that_use_it(
    client: LanguageClient, site: Path
) -> None:
    folder = write(site / "reverse", {})
    page_text = PAGE.replace("pyscript.toml", "conf.toml")
    page_uri = open_document(client, folder / "index.html", page_text)
    assert [d.code for d in await published(client, page_uri)] == ["PSC300"]
    # The config exists only as an open, unsaved document: the overlay reader sees it.
    config_uri = open_document(client, folder / "conf.toml", "packages = 1\n")
    assert [d.code for d in await published(client, config_uri)] == ["PSC102"]
    assert await published(client, page_uri, lambda d: d == []) == []
    change_document(client, config_uri, 2, 'packages = ["numpy"]\n')
    assert await published(client, config_uri, lambda d: d == []) == []
    close_document(client, config_uri)
    # Closed and not on disk: the page reports the missing file again.
    assert [d.code for d in await published(client, page_uri, bool)] == ["PSC300"]
    close_document(client, page_uri)


async def test_typing_is_debounced(client: LanguageClient, site: Path) -> None:
    folder = write(site / "debounce", {})
    path = folder / "pyscript.toml"
    config_uri = open_document(client, path, "")
    await published(client, config_uri)
    before = len(client.publications)  # type: ignore[attr-defined]
    text = ""
    for version, char in enumerate("pakages = 1", start=2):
        end = types.Position(line=0, character=len(text))
        text += char
        change_document(client, config_uri, version, char, types.Range(start=end, end=end))
    final = 1 + len("pakages = 1")
    await wait_for(
        lambda: any(
            p.uri == config_uri and p.version == final
            for p in client.publications[before:]  # type: ignore[attr-defined]
        ),
        what="the publication of the last version",
    )
    await asyncio.sleep(0.5)
    # The settings reply after initialize may re-publish version 1 (the opened text):
    # only the versions the edits made count here.
    mine = [
        p
        for p in client.publications[before:]  # type: ignore[attr-defined]
        if p.uri == config_uri and p.version > 1
    ]
    versions = [p.version for p in mine]
    # The burst is coalesced (the server waits twice a check's cost, at least 5 ms, so a
    # busy machine may split it, never into one check per keystroke), versions only go
    # up, and the last publication is the final text's.
    assert versions == sorted(set(versions)) and versions[-1] == final
    assert len(versions) < final - 1
    assert [d.code for d in mine[-1].diagnostics] == ["PSC100"]
    close_document(client, config_uri)


async def test_requests_with_vscode_capabilities(client: LanguageClient, site: Path) -> None:
    folder = write(site / "requests", {"pyscript.toml": "packages = []\n", "main.py": ""})
    text = PAGE.replace('src="main.py"', 'src="main.py" ')
    page_uri = open_document(client, folder / "index.html", text)
    document = types.TextDocumentIdentifier(uri=page_uri)
    line = text.splitlines().index(
        '  <script type="py" config="pyscript.toml" src="main.py" ></script>'
    )
    column = len('  <script type="py" config="pyscript.toml" src="main.py" ')
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=document, position=types.Position(line=line, character=column)
        )
    )
    assert isinstance(result, types.CompletionList)
    worker = next(i for i in result.items if i.label == "worker")
    assert worker.insert_text_format == types.InsertTextFormat.PlainText
    name = next(i for i in result.items if i.label == "name")
    assert isinstance(name.text_edit, types.TextEdit)
    assert name.text_edit.new_text == 'name="$1"'
    assert name.insert_text_format == types.InsertTextFormat.Snippet
    assert "config" not in [i.label for i in result.items]  # already there
    links = await client.text_document_document_link_async(
        types.DocumentLinkParams(text_document=document)
    )
    assert links is not None
    assert sorted(link.target or "" for link in links) == [
        uri(folder / "main.py"),
        uri(folder / "pyscript.toml"),
    ]
    assert all(link.tooltip is None for link in links)  # VS Code 1.65 declares no support
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document)
    )
    assert symbols is not None
    first = symbols[0]
    assert isinstance(first, types.DocumentSymbol)
    assert first.name == '<script type="py">'
    assert [c.name for c in first.children or []] == ["config= pyscript.toml"]
    close_document(client, page_uri)
