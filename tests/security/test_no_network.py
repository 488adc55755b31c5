"""No network access: the CLI and the language server run with Internet sockets,
name lookups and connections refused (a `sitecustomize` on PYTHONPATH, see
`security_helpers`), and nothing may even try. Their outputs must equal those of
unblocked runs. `--tcp` is the one way to open a socket, and it binds loopback.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from security_helpers import blocked_env, converse

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "pyscript_config"]

# Remote URLs everywhere a config can hold one: none may be fetched.
REMOTE_CONFIG = """\
packages = ["https://example.com/wheels/pkg-1.0-py3-none-any.whl", "numpy"]
experimental_create_proxy = "auto"

[files]
"https://example.com/data.csv" = "./data.csv"

[js_modules.main]
"https://cdn.example.com/lib.js" = "lib"
"""
REMOTE_PAGE = """\
<!DOCTYPE html>
<html>
<head>
  <script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
</head>
<body>
  <script type="py" config="https://example.com/remote/pyscript.toml" src="main.py"></script>
  <script type="py" worker config="./pyscript.toml" src="https://example.com/w.py"></script>
</body>
</html>
"""


@pytest.fixture
def blocked(tmp_path: Path) -> tuple[dict[str, str], Path]:
    return blocked_env(tmp_path / "blocker")


@pytest.fixture
def remote_site(tmp_path: Path) -> Path:
    site = tmp_path / "remote"
    site.mkdir()
    (site / "index.html").write_text(REMOTE_PAGE, encoding="utf-8")
    (site / "pyscript.toml").write_text(REMOTE_CONFIG, encoding="utf-8")
    (site / "main.py").write_text("print('hi')\n", encoding="utf-8")
    return site


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [*CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_the_blocker_catches_a_connection(blocked: tuple[dict[str, str], Path]) -> None:
    """The test would see an attempt: a plain connection is refused and logged."""
    env, log = blocked
    probe = "import socket\ntry:\n    socket.create_connection(('example.com', 80))\nexcept OSError as e:\n    print(e)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout == "network access blocked by the test: create_connection\n"
    assert log.read_text(encoding="utf-8").startswith("create_connection (('example.com', 80),)")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "examples"],
        ["validate", "examples/broken"],
        ["validate", "--output-format", "sarif", "examples/broken"],
        ["schema"],
        ["rules"],
    ],
    ids=["examples", "broken", "sarif", "schema", "rules"],
)
def test_cli_commands_touch_no_network(
    args: list[str], blocked: tuple[dict[str, str], Path]
) -> None:
    env, log = blocked
    expected = run(args, ROOT)
    assert run(args, ROOT, env) == expected
    assert expected[1]  # the command printed something to compare
    assert log.read_text(encoding="utf-8") == ""


def test_fix_and_remote_urls_touch_no_network(
    blocked: tuple[dict[str, str], Path], remote_site: Path, tmp_path: Path
) -> None:
    env, log = blocked
    free = tmp_path / "free"
    fenced = tmp_path / "fenced"
    for copy in (free, fenced):
        shutil.copytree(ROOT / "examples" / "broken", copy / "broken")
        shutil.copytree(remote_site, copy / "remote")
    args = ["validate", "--fix", "--unsafe-fixes", "broken", "remote"]
    assert run(args, fenced, env) == run(args, free)
    for path in sorted(free.rglob("*")):
        if path.is_file():
            assert (fenced / path.relative_to(free)).read_bytes() == path.read_bytes(), path
    assert log.read_text(encoding="utf-8") == ""


def _request(msg_id: int, method: str, params: Any) -> dict[str, Any]:
    return {"id": msg_id, "method": method, "params": params}


def test_the_language_server_touches_no_network(
    blocked: tuple[dict[str, str], Path], remote_site: Path
) -> None:
    env, log = blocked
    page_uri = (remote_site / "index.html").as_uri()
    config_uri = (remote_site / "pyscript.toml").as_uri()

    def opened(uri: str, language: str, text: str) -> dict[str, Any]:
        item = {"uri": uri, "languageId": language, "version": 1, "text": text}
        return {"method": "textDocument/didOpen", "params": {"textDocument": item}}

    def at(uri: str, line: int, character: int) -> dict[str, Any]:
        return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}

    received, code = converse(
        [
            _request(
                1,
                "initialize",
                {"processId": None, "rootUri": remote_site.as_uri(), "capabilities": {}},
            ),
            {"method": "initialized", "params": {}},
            opened(page_uri, "html", REMOTE_PAGE),
            opened(config_uri, "toml", REMOTE_CONFIG),
            _request(2, "textDocument/completion", at(config_uri, 1, 0)),
            _request(3, "textDocument/hover", at(config_uri, 0, 2)),
            _request(4, "textDocument/hover", at(page_uri, 6, 30)),
            _request(5, "workspace/symbol", {"query": ""}),
            _request(6, "shutdown", None),
            {"method": "exit"},
        ],
        cwd=remote_site,
        env=env,
    )
    assert code == 0
    answers = {m["id"]: m for m in received if "id" in m and "method" not in m}
    assert sorted(answers) == [1, 2, 3, 4, 5, 6]
    assert "error" not in answers[2] and answers[2]["result"]
    assert "packages" in answers[3]["result"]["contents"]["value"]
    published = {
        m["params"]["uri"] for m in received if m.get("method") == "textDocument/publishDiagnostics"
    }
    assert {page_uri, config_uri} <= published
    assert log.read_text(encoding="utf-8") == ""


def _listening(port: int) -> list[str]:
    """Local addresses listening on `port`, from /proc/net/tcp (IPv4) and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # LISTEN
                found.append(address)
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.254", 9))  # no packet is sent for UDP connect
            address: str = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_tcp_binds_loopback_by_default(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [*CLI, "server", "--tcp", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert proc.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not listen"
            time.sleep(0.05)
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, nothing else
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        other = _non_loopback_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=5).close()
    finally:
        proc.kill()
        proc.wait()
