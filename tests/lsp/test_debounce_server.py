"""The server's debounce pause, as it reports it through `$/logTrace` (trace on): a small
document is re-checked after a few milliseconds, not after the full `DELAY`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import SERVER, SPEC_WARNINGS_FAIL, change_document, open_document, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from pyscript_config.lsp.debounce import DELAY, FLOOR

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings(SPEC_WARNINGS_FAIL),
]

PAUSE = re.compile(r"debounce (\S+): ([0-9.]+) ms")


def tracing_client() -> LanguageClient:
    from lsp_helpers import recording_client

    client = recording_client()
    client.traces = []  # type: ignore[attr-defined]

    @client.feature(types.LOG_TRACE)  # type: ignore[untyped-decorator]
    def log_trace(params: types.LogTraceParams) -> None:
        client.traces.append(params)  # type: ignore[attr-defined]

    return client


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=tracing_client),
)
async def client(lsp_client: LanguageClient, site: Path):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=site.resolve().as_uri(), name="site")],
            trace=types.TraceValue.Verbose,
        )
    )
    yield
    await lsp_client.shutdown_session()


def pauses(client: LanguageClient, uri: str, start: int = 0) -> list[tuple[float, str | None]]:
    found = []
    for params in client.traces[start:]:  # type: ignore[attr-defined]
        match = PAUSE.fullmatch(params.message)
        if match is not None and match.group(1) == uri:
            found.append((float(match.group(2)) / 1000, params.verbose))
    return found


async def test_a_small_document_is_not_held_for_the_full_delay(
    client: LanguageClient, site: Path
) -> None:
    path = site / "pyscript.toml"
    uri = open_document(client, path, "packages = 1\n")
    await wait_for(lambda: pauses(client, uri), what="the pause of the open")
    # The open is checked at once (a settings reply may re-check it at once again).
    assert pauses(client, uri)[0] == (0.0, "last re-check took not measured yet")
    await wait_for(
        lambda: any(p.uri == uri for p in client.publications),  # type: ignore[attr-defined]
        what="the diagnostics of the open",
    )
    start = len(client.traces)  # type: ignore[attr-defined]
    change_document(client, uri, 2, 'packages = "numpy"\n')

    def edit_pauses() -> list[tuple[float, str | None]]:
        return [p for p in pauses(client, uri, start) if p[0] > 0]  # not a re-check-all

    await wait_for(edit_pauses, what="the pause of the edit")
    [(pause, verbose)] = edit_pauses()
    # Twice the open's check, at least FLOOR: far below the 200 ms a slow check waits.
    measured = re.fullmatch(r"last re-check took ([0-9.]+) ms", verbose or "")
    assert measured is not None
    assert pause == pytest.approx(max(FLOOR, 2 * float(measured.group(1)) / 1000), abs=2e-5)
    assert pause < DELAY / 4
    await wait_for(
        lambda: any(
            p.uri == uri and p.version == 2 and [d.code for d in p.diagnostics] == ["PSC102"]
            for p in client.publications  # type: ignore[attr-defined]
        ),
        what="the diagnostics of version 2",
    )


async def test_set_trace_off_stops_the_reports(client: LanguageClient, site: Path) -> None:
    path = site / "quiet" / "pyscript.toml"
    path.parent.mkdir()
    client.protocol.notify(types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Off))
    uri = open_document(client, path, "packages = 1\n")
    await wait_for(
        lambda: any(p.uri == uri for p in client.publications),  # type: ignore[attr-defined]
        what="the diagnostics of the open",
    )
    assert pauses(client, uri) == []


async def test_versions_are_published_in_order(client: LanguageClient, site: Path) -> None:
    """Edits with pauses around the debounce: several publications, never an older
    version after a newer one, and the last one is the final text's."""
    import asyncio

    folder = site / "order"
    folder.mkdir()
    client.protocol.notify(types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Off))
    uri = open_document(client, folder / "pyscript.toml", "")
    await wait_for(
        lambda: any(p.uri == uri for p in client.publications),  # type: ignore[attr-defined]
        what="the diagnostics of the open",
    )
    before = len(client.publications)  # type: ignore[attr-defined]
    text = ""
    for version, char in enumerate('packages = "numpy"', start=2):
        end = types.Position(line=0, character=len(text))
        text += char
        change_document(client, uri, version, char, types.Range(start=end, end=end))
        await asyncio.sleep(0.004 * (version % 4))  # some edits wait past the pause
    final = 1 + len('packages = "numpy"')
    await wait_for(
        lambda: any(
            p.uri == uri and p.version == final
            for p in client.publications[before:]  # type: ignore[attr-defined]
        ),
        what="the diagnostics of the final version",
    )
    await asyncio.sleep(0.3)
    mine = [p for p in client.publications[before:] if p.uri == uri]  # type: ignore[attr-defined]
    versions = [p.version for p in mine]
    assert versions == sorted(versions) and versions[-1] == final
    assert [d.code for d in mine[-1].diagnostics] == ["PSC102"]
