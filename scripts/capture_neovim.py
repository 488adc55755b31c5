"""Make docs/captures/neovim-diagnostics.txt: Neovim showing pyscript-config's diagnostics.

Runs the real Neovim with editors/neovim/legacy.lua (the config Neovim 0.7 to 0.10
runs) on a copy of an example from examples/broken, inside a detached tmux session
of its own, so Neovim draws a real screen without a terminal; waits until every
diagnostic `pyscript-config validate` reports for that file is drawn as virtual text,
opens the diagnostic float on one line, and writes the screen as plain text.

    python scripts/capture_neovim.py                      # typo-key.html, line 7
    python scripts/capture_neovim.py --page float-at-end.html --line 7 -o /tmp/x.txt

Needs nvim and tmux on PATH, and the pyscript-config command of this interpreter
(it is put first on PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "examples" / "broken"
LEGACY = ROOT / "editors" / "neovim" / "legacy.lua"
DEFAULT_OUTPUT = ROOT / "docs" / "captures" / "neovim-diagnostics.txt"
# How Neovim (0.7 to 0.10) marks virtual text by default.
VIRTUAL_TEXT_PREFIX = "■ "


def expected_messages(project: Path, page: Path, env: dict[str, str]) -> list[str]:
    """The messages validate reports for `page` (checked in its project's context)."""
    completed = subprocess.run(
        ["pyscript-config", "validate", "--output-format", "json", str(project)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(completed.stdout)
    return [d["message"] for d in report["diagnostics"] if d["path"] == str(page)]


def tmux(socket: str, *args: str, env: dict[str, str]) -> str:
    completed = subprocess.run(
        ["tmux", "-L", socket, "-f", os.devnull, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


def wait_for(socket: str, env: dict[str, str], done: list[str], timeout: float) -> str:
    """The pane's text once every string of `done` shows on it (or at the deadline)."""
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux(socket, "capture-pane", "-p", "-t", "capture", env=env)
        if all(part in screen for part in done) or time.monotonic() > deadline:
            return screen
        time.sleep(0.2)


def capture(page: str, line: int, width: int, height: int, timeout: float) -> str:
    for tool in ("nvim", "tmux"):
        if shutil.which(tool) is None:
            raise SystemExit(f"capture_neovim: {tool} is not installed")
    with tempfile.TemporaryDirectory(prefix="psc-capture-") as temp:
        home = Path(temp) / "home"
        project = Path(temp) / "broken"
        shutil.copytree(BROKEN, project)
        env = {
            **os.environ,
            "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "TERM": "xterm-256color",
        }
        messages = expected_messages(project, project / page, env)
        if not messages:
            raise SystemExit(f"capture_neovim: validate reports nothing for {page}")
        socket = f"pyscript-config-capture-{os.getpid()}"
        nvim = [
            "nvim",
            "-u",
            str(LEGACY),
            "-i",
            "NONE",
            "-n",
            # One key to open the float without an Ex command left on the command line.
            "-c",
            "nnoremap <silent> Q <Cmd>lua vim.diagnostic.open_float()<CR>",
            page,
        ]
        tmux(
            socket,
            "new-session",
            "-d",
            "-s",
            "capture",
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(project),
            "--",
            *nvim,
            env=env,
        )
        try:
            # Virtual text is cut at the window's edge: wait for each message's start.
            starts = [VIRTUAL_TEXT_PREFIX + message[:20] for message in messages]
            screen = wait_for(socket, env, starts, timeout)
            if not all(start in screen for start in starts):
                raise SystemExit("capture_neovim: the diagnostics did not show:\n" + screen)
            tmux(socket, "send-keys", "-t", "capture", f"{line}G", "Q", env=env)
            screen = wait_for(socket, env, ["Diagnostics:"], timeout)
            time.sleep(0.5)  # let Neovim finish drawing the float
            screen = tmux(socket, "capture-pane", "-p", "-t", "capture", env=env)
        finally:
            subprocess.run(
                ["tmux", "-L", socket, "kill-server"], env=env, capture_output=True, check=False
            )
    lines = [row.rstrip() for row in screen.splitlines()]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="typo-key.html", help="file in examples/broken")
    parser.add_argument("--line", type=int, default=7, help="line whose float to open")
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--height", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    text = capture(args.page, args.line, args.width, args.height, args.timeout)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
