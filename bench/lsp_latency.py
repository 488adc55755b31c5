"""Language-server latency: our server and tombi's, driven by the same client.

Both servers run at once with the same workspace (a `tombi.toml` associates our schema
with `pyscript.toml`); requests alternate between them. On `pyscript.toml`:

- completion on the blank line between the top-level keys and the first table: the
  answer must offer `interpreter` (a top-level key the file does not have yet);
- hover on `packages`: the text must mention packages;
- edit→diagnostics: a change with a new version makes `packages` a string (a wrong
  type) or back; the time runs from the send until diagnostics for that version (or,
  for a server that sends no version, with that content: one error or none) arrive.
  Both servers may wait before checking: ours debounces (`lsp/debounce.py`), so the
  observed time includes its delay;
- edit+save→diagnostics: the same edit followed at once by `didSave`, on which our
  server checks without the debounce delay.

- a request no server implements (answered MethodNotFound): the floor that reading,
  dispatching and answering a message costs each server, whatever the feature.

Then, on our server only, the same edit inside a 1 MB page with 300 configs and inside
a one-config page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import BenchError, Context, Row, interleave, need, seconds_to_ms
from .generate import inputs_at
from .lsp_driver import Diagnostics, LspClient, hover_text, labels

TARGET = 1.5
BIG_TARGET = 3.0
METHOD_NOT_FOUND = -32601


def utf16_position(text: str, index: int) -> dict[str, int]:
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    column = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text[start:index])
    return {"line": line, "character": column}


@dataclass
class Toggle:
    """One document whose edits switch one value between `good` and `bad`."""

    client: LspClient
    uri: str
    text: str  # as the server has it now
    at: int  # where the value starts
    good: str
    bad: str
    version: int = 1
    errors_when_bad: bool = True

    @classmethod
    def around(
        cls, client: LspClient, path: Path, anchor: str, good: str, bad: str, near: float = 0.0
    ) -> Toggle:
        text = path.read_text(encoding="utf-8")
        start = text.find(anchor, int(len(text) * near))
        if start < 0:
            raise BenchError(f"{anchor!r} not in {path}")
        at = start + len(anchor)
        if not text.startswith(good, at):
            raise BenchError(f"{good!r} does not follow {anchor!r} in {path}")
        return cls(client, path.resolve().as_uri(), text, at, good, bad)

    @property
    def is_bad(self) -> bool:
        return self.text.startswith(self.bad, self.at)

    def open(self) -> None:
        language = "toml" if self.uri.endswith(".toml") else "html"
        since = self.client.open(self.uri, language, self.text, self.version)
        self.client.wait_diagnostics(self.uri, since, self._matches(False))

    def _matches(self, bad: bool) -> Callable[[Diagnostics], bool]:
        version = self.version

        def accept(found: Diagnostics) -> bool:
            if found.version is not None and found.version != version:
                return False
            errors = [d for d in found.items if d.get("severity", 1) == 1]
            return bool(errors) == bad

        return accept

    def edit(self, save: bool = False) -> float:
        """Flip the value; seconds until the matching diagnostics arrive."""
        old, new = (self.bad, self.good) if self.is_bad else (self.good, self.bad)
        before = self.text
        self.text = before[: self.at] + new + before[self.at + len(old) :]
        self.version += 1
        if self.client.incremental():
            start = utf16_position(before, self.at)
            end = utf16_position(before, self.at + len(old))
            change = {"range": {"start": start, "end": end}, "text": new}
        else:
            change = {"text": self.text}
        since = self.client.change(self.uri, self.version, [change])
        if save:
            self.client.notify("textDocument/didSave", {"textDocument": {"uri": self.uri}})
        found = self.client.wait_diagnostics(self.uri, since, self._matches(new == self.bad))
        return found.at - since

    def ensure_good(self, save: bool = False) -> None:
        if self.is_bad:
            self.edit(save)


def completion(client: LspClient, uri: str, position: dict[str, int]) -> float:
    params = {"textDocument": {"uri": uri}, "position": position}
    answer, seconds = client.request("textDocument/completion", params)
    if "interpreter" not in labels(answer):
        raise BenchError(f"completion offered no 'interpreter': {labels(answer)[:20]}")
    return seconds


def hover(client: LspClient, uri: str, position: dict[str, int]) -> float:
    params = {"textDocument": {"uri": uri}, "position": position}
    answer, seconds = client.request("textDocument/hover", params)
    if "packages" not in hover_text(answer).lower():
        raise BenchError(f"hover on packages does not mention packages: {answer!r}")
    return seconds


def unknown_method(client: LspClient, uri: str, position: dict[str, int]) -> float:
    """The transport's floor: a request no server implements, answered MethodNotFound."""
    del uri, position
    body, seconds = client.request_raw("bench/unknownMethod", {})
    if (body.get("error") or {}).get("code") != METHOD_NOT_FOUND:
        raise BenchError(f"bench/unknownMethod was not answered MethodNotFound: {body!r}")
    return seconds


def start(ctx: Context, command: list[str], log: str) -> LspClient:
    folder = str(inputs_at(ctx.root).lsp_toml.parent)  # where tombi.toml is
    client = LspClient(command, cwd=folder, env=ctx.env, stderr_path=log)
    client.initialize(folder)
    return client


def measure(ctx: Context) -> list[Row]:
    where = inputs_at(ctx.root)
    runs = ctx.runs_or(30)
    logs = ctx.root / "logs"
    logs.mkdir(exist_ok=True)
    ours = start(ctx, [need("pyscript-config"), "server"], str(logs / "ours-lsp.log"))
    try:
        tombi = start(ctx, [need("tombi"), "lsp", "--offline"], str(logs / "tombi-lsp.log"))
        try:
            rows = _pair(ours, tombi, where.lsp_toml, runs)
        finally:
            tombi.close()
        rows += _pages(ours, where.small_page, where.big_page, runs)
    finally:
        ours.close()
    return rows


def _pair(ours: LspClient, tombi: LspClient, toml: Path, runs: int) -> list[Row]:
    text = toml.read_text(encoding="utf-8")
    blank = text.index("\n\n[") + 1  # the blank line before the first table
    at_blank = utf16_position(text, blank)
    at_packages = utf16_position(text, text.index("packages =") + 3)
    docs = {
        client: Toggle.around(client, toml, "packages = ", '["numpy", "pandas"]', '"numpy"')
        for client in (ours, tombi)
    }
    for doc in docs.values():
        doc.open()
    uri = docs[ours].uri

    def ask(
        client: LspClient,
        what: Callable[[LspClient, str, dict[str, int]], float],
        where: dict[str, int],
    ) -> Callable[[], float]:
        return lambda: what(client, uri, where)

    rows: list[Row] = []
    a, b = interleave(ask(ours, unknown_method, at_blank), ask(tombi, unknown_method, at_blank),
                      runs, 3)  # fmt: skip
    rows.append(
        Row(
            "lsp-round-trip",
            "request → MethodNotFound error (JSON-RPC floor)",
            seconds_to_ms(a),
            "tombi lsp",
            seconds_to_ms(b),
            None,
            note="no target",
        )
    )
    a, b = interleave(ask(ours, completion, at_blank), ask(tombi, completion, at_blank), runs, 3)
    rows.append(
        Row(
            "lsp-completion",
            "completion in pyscript.toml",
            seconds_to_ms(a),
            "tombi lsp",
            seconds_to_ms(b),
            TARGET,
        )
    )
    a, b = interleave(ask(ours, hover, at_packages), ask(tombi, hover, at_packages), runs, 3)
    rows.append(
        Row(
            "lsp-hover",
            "hover on packages",
            seconds_to_ms(a),
            "tombi lsp",
            seconds_to_ms(b),
            TARGET,
        )
    )
    a, b = interleave(docs[ours].edit, docs[tombi].edit, runs)
    rows.append(
        Row(
            "lsp-edit-diagnostics",
            "didChange → publishDiagnostics",
            seconds_to_ms(a),
            "tombi lsp",
            seconds_to_ms(b),
            TARGET,
            note="ours includes its debounce delay",
        )
    )
    for doc in docs.values():
        doc.ensure_good()
    a, b = interleave(lambda: docs[ours].edit(True), lambda: docs[tombi].edit(True), runs)
    rows.append(
        Row(
            "lsp-save-diagnostics",
            "didChange+didSave → publishDiagnostics",
            seconds_to_ms(a),
            "tombi lsp",
            seconds_to_ms(b),
            None,
            note="no debounce on save: the check itself; no target",
        )
    )
    return rows


def _pages(client: LspClient, small: Path, big: Path, runs: int) -> list[Row]:
    one = Toggle.around(client, small, '"packages": ', '["numpy"]', '"numpy"')
    many = Toggle.around(client, big, '"packages": ', "[", '"numpy"', near=0.5)
    many.good = many.text[many.at : many.text.index("]", many.at) + 1]  # the whole list
    one.open()
    many.open()
    size = len(many.text.encode("utf-8"))
    configs = many.text.count("config='")
    rows: list[Row] = []
    a, b = interleave(many.edit, one.edit, runs)
    rows.append(
        Row(
            "lsp-big-page",
            f"edit→diagnostics, {size / 1e6:.1f} MB page, {configs} configs",
            seconds_to_ms(a),
            "one-config page",
            seconds_to_ms(b),
            BIG_TARGET,
            note="ours on both sides; debounce included",
        )
    )
    one.ensure_good(True)
    many.ensure_good(True)
    a, b = interleave(lambda: many.edit(True), lambda: one.edit(True), runs)
    rows.append(
        Row(
            "lsp-big-page-save",
            "edit+save→diagnostics, same pages",
            seconds_to_ms(a),
            "one-config page",
            seconds_to_ms(b),
            None,
            note="no debounce; no target",
        )
    )
    return rows
