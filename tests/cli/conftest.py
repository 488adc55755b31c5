"""Fixtures of the command-line tests; the helpers themselves live in `cli_helpers`
(a unique module name: several test folders have a conftest.py)."""

from cli_helpers import cli, run_script

__all__ = ["cli", "run_script"]
