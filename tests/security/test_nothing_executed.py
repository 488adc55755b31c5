"""Nothing from a page or a config is executed or imported.

The site holds Python that writes a marker file if it ever runs: in `<py-script>`,
`<script type="py">`, a `src` file, and modules that configs name (`files` with .py,
`[js_modules]`, `plugins`, `packages`, an `interpreter`). The checker runs in a
subprocess whose working directory (on `sys.path` with `python -m`) is the site, and
in-process with the site on `sys.path`; no marker may appear and no module named by
the site may be imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pyscript_config.check import check_source
from pyscript_config.files import FileKind, SourceFile

MODULES = ("evil_main", "evil_files", "evil_plugin", "evil_pkg", "evil_worker", "evil_interp")


def payload(marker: Path, name: str) -> str:
    return f"open({str(marker / name)!r}, 'w').write('ran')\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    markers = tmp_path / "markers"
    markers.mkdir()
    for module in MODULES:
        (site / f"{module}.py").write_text(payload(markers, module), encoding="utf-8")
    (site / "evil_pkg").mkdir()
    (site / "evil_pkg" / "__init__.py").write_text(payload(markers, "pkg"), encoding="utf-8")
    (site / "pyscript.toml").write_text(
        'packages = ["evil_pkg", "./evil_pkg-1.0-py3-none-any.whl"]\n'
        'plugins = ["evil_plugin", "!error"]\n'
        'interpreter = "./evil_interp.py"\n'
        "[files]\n"
        '"./evil_files.py" = ""\n'
        "[js_modules.main]\n"
        '"./evil_main.py" = "evil_main"\n',
        encoding="utf-8",
    )
    (site / "index.html").write_text(
        "<!DOCTYPE html>\n<html><head>\n"
        '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'
        "</head><body>\n"
        '<script type="py" config="./pyscript.toml" src="./evil_main.py"></script>\n'
        f'<script type="py" worker>{payload(markers, "inline")}import evil_worker</script>\n'
        f"<py-script>{payload(markers, 'py-script')}</py-script>\n"
        f'<py-config>\npackages = ["evil_pkg"]\n</py-config>\n'
        f"<script>{payload(markers, 'js')}</script>\n"
        "</body></html>\n",
        encoding="utf-8",
    )
    return site


def test_validate_and_fix_run_nothing(site: Path) -> None:
    for args in (["validate"], ["validate", "--fix", "--unsafe-fixes"]):
        done = subprocess.run(
            [sys.executable, "-m", "pyscript_config", *args, "."],
            cwd=site,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr  # the page has problems, reported
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (site.parent / "markers").iterdir()) == []


def test_check_source_imports_nothing_from_the_site(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.chdir(site)
    for name in ("index.html", "pyscript.toml"):
        path = site / name
        kind = FileKind.HTML if name.endswith(".html") else FileKind.TOML
        result = check_source(SourceFile(str(path), path.read_text(encoding="utf-8"), kind))
        assert result.diagnostics  # it was checked: the site has problems
    assert [name for name in MODULES if name in sys.modules] == []
    assert sorted(p.name for p in (site.parent / "markers").iterdir()) == []
