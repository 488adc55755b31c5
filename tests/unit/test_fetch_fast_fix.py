"""The `fetch` → `[files]` fix written without tomlkit must equal the tomlkit rewrite.

`fetch_tail_as_files` handles the common shape (the `[[fetch]]` tables end the config)
with plain text; every other shape goes through tomlkit. Each generated config is
checked twice, with the fast path and with it switched off, and the diagnostics,
fixes included, must be the same.
"""

from __future__ import annotations

import random

import pytest

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic
from pyscript_config.files import FileKind, LoadFailure, LoadProblem
from pyscript_config.rules import files_rules

PREFIXES = [
    "",
    "\n",
    'name = "x"\n',
    'name = "x"\n\n',
    'name = "x"\n\n\n',
    'packages = ["numpy"]\n# a comment\n',
    'packages = ["numpy"]\n  \n',
    "# top comment\n\n",
    '[js_modules.main]\n"https://a.example/x.js" = "x"\n',
    '[js_modules.main]\n"https://a.example/x.js" = "x"\n\n',
    'packages = [\n  "numpy",\n]\n\n',
]
SOURCES = ["./src/", "", "https://example.com/x/", "data", "./a b/"] * 3 + ["./ü/", 'q"/', "h#/"]
NAMES = ["a.py", "b.py", "x", "data.csv", "lib/m.py"] * 3 + ["c\\d.py"]
FOLDERS = [None, "lib", ".", "./out", "a-b_c"]


def _fetch_table(rng: random.Random) -> str:
    lines = [rng.choice(["[[fetch]]"] * 6 + ["  [[fetch]]", "[[fetch]] # old"])]
    source = rng.choice(SOURCES)
    if source:
        lines.append(f'from = "{source}"' if '"' not in source else "from = 'q\"/'")
    folder = rng.choice(FOLDERS)
    if folder is not None:
        lines.append(f'to_folder = "{folder}"')
    names = list(dict.fromkeys(rng.choice(NAMES) for _ in range(rng.randint(1, 3))))
    quoted = ", ".join(f"'{n}'" if "\\" in n else f'"{n}"' for n in names)
    lines.append(f"files = [{quoted}]" if rng.random() < 0.8 else f"files = [\n  {quoted},\n]")
    return "\n".join(lines) + "\n"


def _config(rng: random.Random) -> str:
    text = rng.choice(PREFIXES)
    for _ in range(rng.randint(1, 3)):
        text += _fetch_table(rng) + rng.choice(["", "\n", "\n\n"])
    if rng.random() < 0.1:
        text += "[other]\nx = 1\n"
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.1:
        text = text.rstrip("\n")
    return text


def _check(text: str) -> list[Diagnostic]:
    return check_text("site/pyscript.toml", text, FileKind.TOML, read=_missing)


def _missing(path: str) -> LoadProblem:
    return LoadProblem(path, LoadFailure.MISSING, "missing")


def test_fast_fix_equals_tomlkit_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(20261124)
    fast_used = 0
    original = files_rules.fetch_tail_as_files
    for _ in range(400):
        text = _config(rng)
        calls: list[str | None] = []

        def spy(*args: object, _calls: list[str | None] = calls) -> str | None:
            result = original(*args)  # type: ignore[arg-type]
            _calls.append(result)
            return result

        monkeypatch.setattr(files_rules, "fetch_tail_as_files", spy)
        fast = _check(text)
        monkeypatch.setattr(files_rules, "fetch_tail_as_files", lambda *a: None)
        slow = _check(text)
        assert fast == slow, text
        assert [d.fix for d in fast] == [d.fix for d in slow], text
        fast_used += sum(result is not None for result in calls)
    # The common shapes do take the fast path (else this test would compare nothing).
    assert fast_used > 80, fast_used


def test_fast_fix_text() -> None:
    text = 'name = "x"\n[[fetch]]\nfrom = "./src/"\nfiles = ["a.py", "b"]\n'
    start = text.index("[[fetch]]") + 2
    pairs = [("./src/a.py", "a.py"), ("b", "b")]
    assert files_rules.fetch_tail_as_files(text, start, pairs) == (
        'name = "x"\n\n[files]\n"./src/a.py" = "a.py"\nb = "b"\n'
    )
    assert files_rules.fetch_tail_as_files(text + "[x]\n", start, pairs) is None
    assert files_rules.fetch_tail_as_files(text, start, [("./ü.py", "ü.py")]) is None
