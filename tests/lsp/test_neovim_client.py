"""Neovim 0.11's recorded capabilities: pulled diagnostics, UTF-8 positions, and the
request features (completion, hover, code actions, links, symbols, folding)."""

from __future__ import annotations

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
    recording_client,
    uri,
)
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings(SPEC_WARNINGS_FAIL),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nvim-site")
    (root / "main.py").write_text("print('hi')\n", encoding="utf-8")
    (root / "pyscript.toml").write_text(NONASCII_CONFIG, encoding="utf-8")
    (root / "utils.py").write_text("", encoding="utf-8")
    (root / "lib").mkdir()
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=recording_client),
)
async def client(lsp_client: LanguageClient, site: Path):  # type: ignore[no-untyped-def]
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("neovim@v0.11"),
            workspace_folders=[types.WorkspaceFolder(uri=uri(site), name="site")],
        )
    )
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def doc(document_uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=document_uri)


def position_of(text: str, needle: str, delta: int = 0) -> types.Position:
    """UTF-8 position (Neovim's encoding) of `needle` in `text`, plus `delta` characters."""
    offset = text.index(needle) + delta
    line = text[:offset].count("\n")
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=len(text[start:offset].encode("utf-8")))


async def test_pull_client_gets_pull_and_utf8(client: LanguageClient) -> None:
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    assert caps.position_encoding == types.PositionEncodingKind.Utf8
    assert caps.diagnostic_provider is not None
    assert caps.diagnostic_provider.inter_file_dependencies is True
    assert caps.diagnostic_provider.workspace_diagnostics is True


async def test_pulled_diagnostics_with_result_ids(client: LanguageClient, site: Path) -> None:
    page = site / "index.html"
    page.write_text(NONASCII_PAGE, encoding="utf-8")
    page_uri = open_document(client, page, NONASCII_PAGE)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=doc(page_uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    cache = next(d for d in report.items if d.code == "PSC103")
    line, column = nonascii_position("utf-8")
    assert column == 54  # é 2 bytes, 漢 3, 😀 4 (UTF-16 says 49)
    assert (cache.range.start.line, cache.range.start.character) == (line, column)
    assert (cache.range.end.line, cache.range.end.character) == (line, column + 11)
    config_uri = uri(site / "pyscript.toml")
    assert report.related_documents is not None
    related = report.related_documents[config_uri]
    assert isinstance(related, types.FullDocumentDiagnosticReport)
    assert [d.code for d in related.items] == ["PSC100"]

    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=doc(page_uri), previous_result_id=report.result_id
        )
    )
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    assert again.result_id == report.result_id
    # Nothing is ever pushed to a pull client.
    assert client.publications == []  # type: ignore[attr-defined]

    # A change makes a new report.
    fixed = NONASCII_PAGE.replace('"sometimes"', '"never"')
    change_document(client, page_uri, 2, fixed)
    third = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=doc(page_uri), previous_result_id=report.result_id
        )
    )
    assert isinstance(third, types.RelatedFullDocumentDiagnosticReport)
    assert not any(d.code == "PSC103" for d in third.items)
    close_document(client, page_uri)


async def test_workspace_diagnostics(client: LanguageClient, site: Path) -> None:
    report = await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=[])
    )
    by_uri = {item.uri: item for item in report.items}
    config_uri = uri(site / "pyscript.toml")
    assert config_uri in by_uri
    item = by_uri[config_uri]
    assert isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)
    assert [d.code for d in item.items] == ["PSC100"]
    again = await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(
            previous_result_ids=[types.PreviousResultId(uri=config_uri, value=item.result_id or "")]
        )
    )
    unchanged = {i.uri: i for i in again.items}[config_uri]
    assert isinstance(unchanged, types.WorkspaceUnchangedDocumentDiagnosticReport)


async def test_completion_on_a_broken_page(client: LanguageClient, site: Path) -> None:
    # The document does not parse: an unterminated start tag and half a key.
    text = PAGE.replace("<body>", "<body>\n  <py-config>\n    pak\n  </py-config>") + "<button py-"
    page_uri = open_document(client, site / "broken.html", text)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(page_uri), position=position_of(text, "pak", 3))
    )
    assert isinstance(result, types.CompletionList)
    packages = next(i for i in result.items if i.label == "packages")
    assert packages.insert_text_format == types.InsertTextFormat.Snippet
    assert isinstance(packages.text_edit, types.TextEdit)
    assert packages.text_edit.new_text == "packages = [$1]"
    start = position_of(text, "pak")
    assert packages.text_edit.range.start == start
    assert packages.text_edit.range.end == position_of(text, "pak", 3)
    assert isinstance(packages.documentation, types.MarkupContent)
    assert packages.documentation.kind == types.MarkupKind.Markdown

    # Attribute values: script types, and paths relative to the page.
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc(page_uri), position=position_of(text, 'config="', 8)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [i.label for i in result.items] == ["lib/", "pyscript.toml"]
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc(page_uri), position=position_of(text, 'src="main', 5)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [i.label for i in result.items] == ["lib/", "main.py", "utils.py"]
    # A start tag cut off at the end of the text: event attributes.
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc(page_uri), position=position_of(text, "<button py-", 11)
        )
    )
    assert isinstance(result, types.CompletionList)
    labels = [i.label for i in result.items]
    assert labels[:2] == ["py-click", "py-dblclick"] and "mpy-click" in labels
    close_document(client, page_uri)


async def test_completion_of_config_values(client: LanguageClient, site: Path) -> None:
    text = 'packages_cache = ""\nplugins = [""]\n'
    config_uri = open_document(client, site / "values" / "pyscript.toml", text)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(config_uri), position=position_of(text, '""', 1))
    )
    assert isinstance(result, types.CompletionList)
    assert [i.label for i in result.items] == ["never", "passthrough", "all"]
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(config_uri), position=position_of(text, '[""]', 2))
    )
    assert isinstance(result, types.CompletionList)
    assert "!py-terminal" in [i.label for i in result.items]
    close_document(client, config_uri)


async def test_hover_on_key_and_script(client: LanguageClient, site: Path) -> None:
    config_uri = open_document(client, site / "pyscript.toml", NONASCII_CONFIG)
    text = 'packages_cache = "never"\n'
    hover_uri = open_document(client, site / "hover" / "pyscript.toml", text)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(hover_uri), position=position_of(text, "cache"))
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert result.contents.value.startswith("**packages_cache**\n\nHow Pyodide caches")
    assert result.range == types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=0, character=14)
    )
    page_uri = open_document(client, site / "index.html", NONASCII_PAGE)
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=doc(page_uri),
            position=position_of(NONASCII_PAGE, 'script type="py" worker', 1),
        )
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert "**Runs:** Pyodide in a worker" in result.contents.value
    assert "**Config:** its own worker config: `pyscript.toml`" in result.contents.value
    assert "**PyScript:** 2026.7.3 (from the loader" in result.contents.value
    for each in (config_uri, hover_uri, page_uri):
        close_document(client, each)


async def test_code_actions(client: LanguageClient, site: Path) -> None:
    config_uri = open_document(client, site / "pyscript.toml", NONASCII_CONFIG)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=doc(config_uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    typo = report.items[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(config_uri),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    assert titles == [
        'Rename to "packages"',
        "Ignore PSC100 here (pyscript-config: ignore[PSC100])",
    ]
    rename = actions[0]
    assert isinstance(rename, types.CodeAction)
    assert rename.is_preferred is True
    assert list(rename.diagnostics or []) == [typo]
    assert rename.edit is not None and rename.edit.changes is not None
    assert list(rename.edit.changes[config_uri]) == [
        types.TextEdit(
            range=types.Range(
                start=types.Position(line=1, character=0), end=types.Position(line=1, character=7)
            ),
            new_text="packages",
        )
    ]
    ignore = actions[1]
    assert isinstance(ignore, types.CodeAction) and ignore.edit is not None
    assert ignore.edit.changes is not None
    assert ignore.edit.changes[config_uri][0].new_text == "# pyscript-config: ignore[PSC100]\n"

    # Fix all: only safe fixes (removing an unused suppression), not the typo's rename.
    text = "packages = []  # pyscript-config: ignore[PSC100]\npakages = 1\n"
    change_document(client, config_uri, 2, text)
    zero = types.Position(line=0, character=0)
    fix_all = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(config_uri),
            range=types.Range(start=zero, end=zero),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert fix_all is not None
    assert [(a.title, a.kind) for a in fix_all if isinstance(a, types.CodeAction)] == [
        ("Fix all safe pyscript-config problems", "source.fixAll.pyscript-config")
    ]
    edit = fix_all[0].edit if isinstance(fix_all[0], types.CodeAction) else None
    assert edit is not None and edit.changes is not None
    assert list(edit.changes[config_uri]) == [
        types.TextEdit(
            range=types.Range(
                start=types.Position(line=0, character=13),
                end=types.Position(line=0, character=48),
            ),
            new_text="",
        )
    ]
    close_document(client, config_uri)


async def test_links_definition_symbols_folding(client: LanguageClient, site: Path) -> None:
    text = PAGE.replace(
        "</body>",
        '  <py-config>\n    [files]\n    "./utils.py" = ""\n  </py-config>\n</body>',
    ).replace('config="pyscript.toml" ', "")
    page_uri = open_document(client, site / "links.html", text)
    links = await client.text_document_document_link_async(
        types.DocumentLinkParams(text_document=doc(page_uri))
    )
    assert links is not None
    assert sorted((link.target or "").rsplit("/", 1)[-1] for link in links) == [
        "main.py",
        "utils.py",
    ]
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(page_uri), position=position_of(text, "utils.py"))
    )
    assert isinstance(found, list)
    assert [loc.uri for loc in found] == [uri(site / "utils.py")]
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(page_uri))
    )
    assert symbols is not None
    names = [
        (s.name, [c.name for c in s.children or []])
        for s in symbols
        if isinstance(s, types.DocumentSymbol)
    ]
    assert names == [('<script type="py">', []), ("<py-config>", ["files"])]
    folding = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc(page_uri))
    )
    assert folding is not None
    start = position_of(text, "<py-config>").line
    assert (start, start + 2) in [(f.start_line, f.end_line) for f in folding]
    close_document(client, page_uri)


async def test_unknown_documents_get_empty_answers(client: LanguageClient, site: Path) -> None:
    missing = doc(uri(site / "never-opened.html"))
    position = types.Position(line=0, character=0)
    assert (
        await client.text_document_hover_async(
            types.HoverParams(text_document=missing, position=position)
        )
        is None
    )
    other = doc("untitled:Untitled-1")
    assert (
        await client.text_document_completion_async(
            types.CompletionParams(text_document=other, position=position)
        )
        is None
    )
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=other)
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert list(report.items) == []
