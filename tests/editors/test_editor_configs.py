"""The editor configs in editors/ (Neovim, Helix, Sublime Text, Emacs) are real configs.

Each file is read by the real parser of its format (Neovim's own Lua for the .lua
files, tomllib, json, and a small s-expression reader for Emacs Lisp, since Emacs is
not installed by tests/setup.sh); the command each one starts must be
`pyscript-config server` and every settings key it passes must be one the server
takes (`settings_map.parse`). The legacy Neovim config, the one Debian's Neovim 0.7
runs, is loaded for real: Neovim opens a copy of each broken example and must end up
holding exactly the diagnostics `pyscript-config validate --output-format json` gives.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

from pyscript_config.lsp.settings_map import parse

ROOT = Path(__file__).resolve().parents[2]
EDITORS = ROOT / "editors"
NEOVIM = EDITORS / "neovim"
BROKEN = ROOT / "examples" / "broken"
COMMAND = ["pyscript-config", "server"]
# The server's keys and the `Settings` field each one sets (EditorSettings.given).
SETTING_FIELDS = {
    "select": "select",
    "ignore": "ignore",
    "allowedKeys": "allowed_keys",
    "pyscriptVersion": "pyscript_version",
    "severity": "severity_overrides",
    "maxFileSize": "max_file_bytes",
}
NVIM_SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}


def assert_server_settings(section: Any) -> None:
    """`section` is the "pyscript-config" object: every key known, taken, no problem."""
    assert isinstance(section, dict) and section, section
    assert set(section) <= set(SETTING_FIELDS), set(section) - set(SETTING_FIELDS)
    parsed = parse({"pyscript-config": section})
    assert parsed.problems == ()
    assert parsed.given == {SETTING_FIELDS[key] for key in section}


# --- Neovim -------------------------------------------------------------------------


def bin_dir() -> str:
    """Where this interpreter's `pyscript-config` script lives (first on PATH below)."""
    return str(Path(sys.executable).parent)


def nvim_env(home: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": bin_dir() + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        **extra,
    }


def run_nvim(args: list[str], tmp_path: Path, script: str, **extra: str) -> Any:
    """Run Neovim headless with `script` (Lua) after start-up; it writes JSON to $PSC_OUT."""
    nvim = shutil.which("nvim")
    assert nvim is not None, "Neovim is missing: run tests/setup.sh"
    driver = tmp_path / "driver.lua"
    driver.write_text(script, encoding="utf-8")
    out = tmp_path / "out.json"
    completed = subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-n", *args, "-c", f"luafile {driver}"],
        env=nvim_env(tmp_path / "home", PSC_OUT=str(out), **extra),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), completed.stderr + completed.stdout
    return json.loads(out.read_text(encoding="utf-8"))


FINISH = """
local function finish(result)
  local handle = io.open(os.getenv("PSC_OUT"), "w")
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd("qa!")
end
"""


@pytest.mark.parametrize("name", ["pyscript_config.lua", "lspconfig.lua", "legacy.lua"])
def test_lua_file_compiles_in_neovim(name: str, tmp_path: Path) -> None:
    script = (
        FINISH
        + """
local chunk, err = loadfile(os.getenv("PSC_FILE"))
finish({ loaded = chunk ~= nil, error = err or "" })
"""
    )
    result = run_nvim(["-u", "NONE"], tmp_path, script, PSC_FILE=str(NEOVIM / name))
    assert result == {"loaded": True, "error": ""}


def test_neovim_011_config_registers_and_enables_the_server(tmp_path: Path) -> None:
    # Neovim 0.7 has no vim.lsp.config: stand-ins record what the file passes to them.
    script = (
        FINISH
        + """
local got = { enabled = {} }
vim.lsp.config = function(name, config) got.name = name; got.config = config end
vim.lsp.enable = function(name) table.insert(got.enabled, name) end
dofile(os.getenv("PSC_FILE"))
finish(got)
"""
    )
    got = run_nvim(["-u", "NONE"], tmp_path, script, PSC_FILE=str(NEOVIM / "pyscript_config.lua"))
    assert got["name"] == "pyscript_config"
    assert got["enabled"] == ["pyscript_config"]
    config = got["config"]
    assert config["cmd"] == COMMAND
    assert config["filetypes"] == ["html", "toml", "json"]
    assert config["root_markers"] == ["pyscript-config.toml", "pyproject.toml", ".git"]
    assert_server_settings(config["settings"]["pyscript-config"])
    assert config["init_options"] == config["settings"]


def test_lspconfig_form_registers_a_custom_server(tmp_path: Path) -> None:
    # Stand-ins for nvim-lspconfig's two modules, the way the plugin exposes them.
    script = (
        FINISH
        + """
local got = {}
local configs = {}
package.preload["lspconfig.configs"] = function() return configs end
package.preload["lspconfig"] = function()
  local util = {
    root_pattern = function(...)
      got.root_patterns = { ... }
      return function() return nil end
    end,
  }
  return setmetatable({ util = util }, {
    __index = function(_, name)
      return { setup = function(opts) got.setup_name = name; got.setup_opts = opts end }
    end,
  })
end
dofile(os.getenv("PSC_FILE"))
local default = configs.pyscript_config.default_config
got.root_dir_type = type(default.root_dir)
default.root_dir = nil
got.default_config = default
got.configs = vim.tbl_keys(configs)
finish(got)
"""
    )
    got = run_nvim(["-u", "NONE"], tmp_path, script, PSC_FILE=str(NEOVIM / "lspconfig.lua"))
    assert got["configs"] == ["pyscript_config"]
    assert got["setup_name"] == "pyscript_config"
    assert got["root_patterns"] == ["pyscript-config.toml", "pyproject.toml", ".git"]
    assert got["root_dir_type"] == "function"
    default = got["default_config"]
    assert default["cmd"] == COMMAND
    assert default["filetypes"] == ["html", "toml", "json"]
    assert default["single_file_support"] is True
    assert_server_settings(default["settings"]["pyscript-config"])


# Waits for the server's diagnostics on the buffer Neovim opened, then writes what
# Neovim holds, and the client the config started.
LEGACY_DRIVER = (
    FINISH
    + """
local bufnr = vim.api.nvim_get_current_buf()
local want = tonumber(os.getenv("PSC_WANT"))
local waited = vim.wait(30000, function()
  return #vim.diagnostic.get(bufnr) >= want
end, 50)
vim.wait(300) -- anything published after the expected ones would show up here
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(diagnostics, {
    code = code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    message = d.message, severity = d.severity, source = d.source,
  })
end
local clients = {}
for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
  table.insert(clients, {
    name = client.name, cmd = client.config.cmd, root_dir = client.config.root_dir,
    settings = client.config.settings,
  })
end
finish({ waited = waited, diagnostics = diagnostics, clients = clients })
"""
)


@dataclass(frozen=True)
class Seen:
    code: str
    message: str
    severity: int
    start: tuple[int, int]
    end: tuple[int, int]


def byte_column(lines: list[str], line: int, column: int) -> int:
    """validate's 1-based character column → Neovim's 0-based byte column."""
    text = lines[line - 1] if line - 1 < len(lines) else ""
    return len(text[: column - 1].encode("utf-8"))


def validate_json(target: Path, cwd: Path) -> list[dict[str, Any]]:
    exe = shutil.which("pyscript-config", path=bin_dir())
    assert exe is not None
    completed = subprocess.run(
        [exe, "validate", "--output-format", "json", str(target)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    diagnostics: list[dict[str, Any]] = json.loads(completed.stdout)["diagnostics"]
    return diagnostics


@pytest.mark.slow
@pytest.mark.parametrize(
    "page",
    [
        "typo-key.html",
        "float-at-end.html",
        "trailing-comma.html",
        "wrong-config-file.html",
        "site/pyscript.toml",
        "pyscript.json",
    ],
)
def test_legacy_config_shows_what_validate_reports(page: str, tmp_path: Path) -> None:
    project = tmp_path / "broken"
    shutil.copytree(BROKEN, project)
    opened = project / page
    lines = opened.read_text(encoding="utf-8").splitlines()
    # validate on the whole copy (a config file is checked in its pages' context),
    # given as an absolute path as the editor's is.
    expected = {
        Seen(
            d["code"],
            d["message"],
            NVIM_SEVERITY[d["severity"]],
            (
                d["range"]["start"]["line"] - 1,
                byte_column(lines, d["range"]["start"]["line"], d["range"]["start"]["column"]),
            ),
            (
                d["range"]["end"]["line"] - 1,
                byte_column(lines, d["range"]["end"]["line"], d["range"]["end"]["column"]),
            ),
        )
        for d in validate_json(project, tmp_path)
        if d["path"] == str(opened)
    }
    assert expected, "the example should have diagnostics"

    result = run_nvim(
        ["-u", str(NEOVIM / "legacy.lua"), str(opened)],
        tmp_path,
        LEGACY_DRIVER,
        PSC_WANT=str(len(expected)),
    )
    assert result["waited"] is True, result
    seen = {
        Seen(
            d["code"],
            d["message"],
            d["severity"],
            (d["lnum"], d["col"]),
            (d["end_lnum"], d["end_col"]),
        )
        for d in result["diagnostics"]
    }
    assert seen == expected
    assert len(result["diagnostics"]) == len(expected)
    assert {d["source"] for d in result["diagnostics"]} == {"pyscript-config"}
    [client] = result["clients"]
    assert client["name"] == "pyscript-config"
    assert client["cmd"] == COMMAND
    assert client["root_dir"] == str(opened.parent)  # no root marker above the copy
    assert_server_settings(client["settings"]["pyscript-config"])


# --- Helix --------------------------------------------------------------------------


def test_helix_languages_toml() -> None:
    with (EDITORS / "helix" / "languages.toml").open("rb") as handle:
        config = tomllib.load(handle)
    server = config["language-server"]["pyscript-config"]
    assert [server["command"], *server["args"]] == COMMAND
    assert set(server) == {"command", "args", "config"}
    assert set(server["config"]) == {"pyscript-config"}
    assert_server_settings(server["config"]["pyscript-config"])
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    # Helix's own servers for these languages (Helix 25.07) come first and stay.
    assert languages == {
        "html": ["vscode-html-language-server", "superhtml", "pyscript-config"],
        "toml": ["taplo", "tombi", "pyscript-config"],
        "json": ["vscode-json-language-server", "pyscript-config"],
    }


# --- Sublime Text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("LSP.sublime-settings", ("clients", "pyscript-config")),
        ("LanguageServers.sublime-settings", ("pyscript-config",)),
    ],
)
def test_sublime_settings(name: str, path: tuple[str, ...]) -> None:
    # Strict JSON on purpose (no comments, no trailing commas), so json reads it as is.
    data = json.loads((EDITORS / "sublime" / name).read_text(encoding="utf-8"))
    client = data
    for key in path:
        assert list(client) == [key]
        client = client[key]
    assert client["enabled"] is True
    assert client["command"] == COMMAND
    scopes = [part.strip() for part in client["selector"].split("|")]
    assert scopes == ["text.html.basic", "source.toml", "source.json"]
    assert set(client) == {"enabled", "command", "selector", "settings"}
    assert set(client["settings"]) == {"pyscript-config"}
    assert_server_settings(client["settings"]["pyscript-config"])


# --- Emacs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Symbol:
    name: str


@dataclass(frozen=True)
class Quoted:
    form: Any


@dataclass(frozen=True)
class Dotted:
    items: tuple[Any, ...]
    tail: Any


@dataclass(frozen=True)
class Vector:
    items: tuple[Any, ...]


_TOKEN = re.compile(
    r"""\s+|;[^\n]*|(?P<open>\()|(?P<close>\))|(?P<vopen>\[)|(?P<vclose>\])
    |(?P<quote>'|\#')|(?P<string>"(?:[^"\\]|\\.)*")|(?P<atom>[^\s()\[\]";']+)""",
    re.VERBOSE | re.DOTALL,
)


def read_elisp(text: str) -> list[Any]:
    """Every top-level form of `text`; raises ValueError on anything unbalanced.

    Enough of the Lisp reader for a config file: lists, dotted pairs, vectors,
    strings, quote and #'; integers are ints, everything else is a Symbol.
    """
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"cannot read at {position}: {text[position : position + 20]!r}")
        position = match.end()
        if match.lastgroup is not None:
            tokens.append((match.lastgroup, match.group()))
    forms: list[Any] = []
    index = 0

    def read() -> Any:
        nonlocal index
        if index >= len(tokens):
            raise ValueError("unexpected end of text")
        kind, value = tokens[index]
        index += 1
        if kind == "quote":
            return Quoted(read())
        if kind == "string":
            return json.loads(value, strict=False)  # the escapes used here are JSON's too
        if kind == "atom":
            return int(value) if re.fullmatch(r"-?\d+", value) else Symbol(value)
        if kind in ("open", "vopen"):
            close = "close" if kind == "open" else "vclose"
            items: list[Any] = []
            tail: Any = None
            while index < len(tokens) and tokens[index][0] != close:
                if kind == "open" and tokens[index] == ("atom", "."):
                    index += 1
                    tail = read()
                    if index >= len(tokens) or tokens[index][0] != close:
                        raise ValueError("expected ) after a dotted tail")
                    break
                items.append(read())
            if index >= len(tokens):
                raise ValueError("unbalanced brackets")
            index += 1
            if kind == "vopen":
                return Vector(tuple(items))
            return Dotted(tuple(items), tail) if tail is not None else tuple(items)
        raise ValueError(f"unexpected {value!r}")

    while index < len(tokens):
        forms.append(read())
    return forms


def plist_to_json(value: Any) -> Any:
    """How Eglot serialises a settings value: plist → object, vector → array."""
    if isinstance(value, Vector):
        return [plist_to_json(item) for item in value.items]
    if isinstance(value, tuple) and value and isinstance(value[0], Symbol):
        keys = value[0::2]
        assert all(isinstance(k, Symbol) and k.name.startswith(":") for k in keys), value
        return {k.name[1:]: plist_to_json(v) for k, v in zip(keys, value[1::2], strict=True)}
    if isinstance(value, Symbol):
        raise AssertionError(f"a bare symbol in settings: {value}")
    return value


def test_elisp_reader_reads_what_emacs_reads() -> None:
    text = """;; comment
(setq a '(x . ("s\\"q" 1)) b [1 :k] c #'f)"""
    [form] = read_elisp(text)
    assert form == (
        Symbol("setq"),
        Symbol("a"),
        Quoted(Dotted((Symbol("x"),), ('s"q', 1))),
        Symbol("b"),
        Vector((1, Symbol(":k"))),
        Symbol("c"),
        Quoted(Symbol("f")),
    )
    with pytest.raises(ValueError, match="unbalanced"):
        read_elisp("(a (b)")
    with pytest.raises(ValueError, match="unexpected"):
        read_elisp("(a))")


def test_emacs_eglot_config() -> None:
    forms = read_elisp((EDITORS / "emacs" / "pyscript-config.el").read_text(encoding="utf-8"))
    heads = [form[0] if isinstance(form, tuple) else form for form in forms]
    assert heads == [Symbol("defvar"), Symbol("with-eval-after-load"), Symbol("provide")]
    defvar, after_load, provide = forms
    assert defvar[1] == Symbol("pyscript-config-settings")
    assert isinstance(defvar[2], Quoted)
    settings = plist_to_json(defvar[2].form)
    assert_server_settings(settings)
    assert provide == (Symbol("provide"), Quoted(Symbol("pyscript-config")))

    assert after_load[1] == Quoted(Symbol("eglot"))
    add, unless = after_load[2:]
    assert add[:2] == (Symbol("add-to-list"), Quoted(Symbol("eglot-server-programs")))
    entry = add[2]
    assert isinstance(entry, Quoted) and isinstance(entry.form, Dotted)
    [modes] = entry.form.items
    assert {mode.name for mode in modes} == {
        "html-mode",
        "mhtml-mode",
        "html-ts-mode",
        "conf-toml-mode",
        "toml-ts-mode",
        "js-json-mode",
        "json-mode",
        "json-ts-mode",
    }
    assert list(entry.form.tail) == COMMAND

    # The settings go in under the section the server asks for.
    assert unless[0] == Symbol("unless")
    setq = unless[2]
    assert setq[:2] == (Symbol("setq-default"), Symbol("eglot-workspace-configuration"))
    plist_put = setq[2]
    assert plist_put[0] == Symbol("plist-put")
    assert plist_put[2:] == (Symbol(":pyscript-config"), Symbol("pyscript-config-settings"))
