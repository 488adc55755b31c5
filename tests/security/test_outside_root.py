"""Files outside the workspace root are never read without saying so.

The CLI's workspace root is the folder of the settings file it uses, else the
current directory; every path named on the command line counts as inside too. A
file that a page or config points to outside those (`../`, an absolute path, a
symlink out) is still read, as a browser would fetch it, and each one is noted on
stderr, without --verbose. A `[files]` source is never read at all: only its path
is judged (PSC315 for one that climbs out).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGE = """\
<!DOCTYPE html>
<html>
<head>
  <script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
</head>
<body>
  <script type="py" config="{config}" src="main.py"></script>
</body>
</html>
"""


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pyscript_config", "validate", "-q", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def note(path: str, root: Path) -> str:
    return (
        f"pyscript-config: note: read {path}, outside the workspace root {root} "
        "(a page or config points there)\n"
    )


def test_a_config_outside_the_root_is_read_and_noted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "shared.toml").write_text('packages = "x"\n', encoding="utf-8")
    (site / "index.html").write_text(PAGE.format(config="../shared.toml"), encoding="utf-8")
    code, out, err = run(cwd=site)
    assert code == 1
    assert out.startswith('../shared.toml:1:12: PSC102 "packages" must be an array')
    assert err == note("../shared.toml", site)
    # Named on the command line, the folder is the user's choice: no note.
    code, out, err = run("site", "shared.toml", cwd=tmp_path)
    assert (code, err) == (1, "")


def test_a_symlink_out_is_noted_and_an_absolute_path_is_not_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pyscript.toml").write_text('packages = "x"\n', encoding="utf-8")
    (site / "linked.toml").symlink_to(elsewhere / "pyscript.toml")
    (site / "a.html").write_text(PAGE.format(config="./linked.toml"), encoding="utf-8")
    code, out, err = run("a.html", cwd=site)
    assert code == 1
    assert out.startswith('linked.toml:1:12: PSC102 "packages" must be an array')
    assert err == note("linked.toml", site)
    # "/..." is relative to the web server's root, not the file system's: not read.
    absolute = str(elsewhere / "pyscript.toml")
    (site / "b.html").write_text(PAGE.format(config=absolute), encoding="utf-8")
    code, out, err = run("b.html", cwd=site)
    assert (code, out, err) == (0, "", "")


def test_the_settings_file_folder_is_the_root(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "site").mkdir(parents=True)
    (project / "pyscript-config.toml").write_text("", encoding="utf-8")
    (project / "shared.toml").write_text('packages = ["numpy"]\n', encoding="utf-8")
    (project / "site" / "index.html").write_text(
        PAGE.format(config="../shared.toml"), encoding="utf-8"
    )
    # Run from the site folder: the settings file above it makes the project the root.
    assert run(cwd=project / "site") == (0, "", "")


def test_files_sources_outside_are_judged_not_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE.format(config="./pyscript.toml"), encoding="utf-8")
    (site / "pyscript.toml").write_text(
        '[files]\n"../../../../../../etc/passwd" = ""\n', encoding="utf-8"
    )
    _code, out, err = run(cwd=site)
    assert err == ""  # nothing was read outside the site
    assert 'pyscript.toml:2:1: PSC315 "../../../../../../etc/passwd" climbs out' in out
    assert "root:" not in out  # no line of /etc/passwd is shown
