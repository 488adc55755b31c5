"""The `project` fixture of the schema peer tests (helpers: schema_peer_helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from schema_peer_helpers import Project, make_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A folder `site/` beside `schemas/pyscript.schema.json`, and an offline environment."""
    return make_project(tmp_path)
